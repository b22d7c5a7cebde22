package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha512"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

const (
	classicEntry = "src/classic.js"
	pluginEntry  = "src/plugin.js"
)

// AnalyticsNextJS is the browser code of the two analytics-next front doors. Both are
// built for one translator file, whose name they carry: they load it from the server
// that served them.
type AnalyticsNextJS struct {
	// Classic is the classic destination script (an IIFE) analytics-next loads from
	// /next-integrations/…/ramen.dynamic.js.gz; it also defines
	// window.RamenDestination.plugin.
	Classic []byte
	// ClassicGzip is Classic compressed with gzip -9, the bytes that route serves.
	ClassicGzip []byte
	// Plugin is the register() plugin as an ES module (export plugin, default).
	Plugin []byte
}

// BuildAnalyticsNext bundles and minifies the analytics-next front doors for the
// translator file wasmName (ramen.<hash8>.wasm) whose Subresource Integrity value is
// wasmIntegrity ("sha384-…"; empty: not pinned). goroot supplies wasm_exec.js, as for
// BuildJS.
func BuildAnalyticsNext(goroot, wasmName, wasmIntegrity string) (*AnalyticsNextJS, error) {
	wasmExec, err := readWasmExec(goroot)
	if err != nil {
		return nil, err
	}
	wrapped, err := wrapWasmExec(wasmExec)
	if err != nil {
		return nil, err
	}
	build := strings.TrimSuffix(strings.TrimPrefix(wasmName, "ramen."), ".wasm")
	define := map[string]string{
		"RAMEN_WASM_FILE": strconv.Quote(wasmName),
		"RAMEN_BUILD":     strconv.Quote(build),
		// The doors fetch the module they were built with, so they pin its bytes as the
		// snippet does: a tampered or stale copy on a CDN is refused, not run.
		"RAMEN_WASM_INTEGRITY": strconv.Quote(wasmIntegrity),
	}
	classic, err := bundle(sources, classicEntry, "out.js", api.FormatIIFE, api.ES2017, define, wrapped)
	if err != nil {
		return nil, err
	}
	// import.meta.url needs ES2020; every browser that runs modules and WebAssembly
	// streaming has it.
	plugin, err := bundle(sources, pluginEntry, "out.js", api.FormatESModule, api.ES2020, define, wrapped)
	if err != nil {
		return nil, err
	}
	gz, err := gzipBest(classic)
	if err != nil {
		return nil, fmt.Errorf("compressing %s: %w", classicEntry, err)
	}
	return &AnalyticsNextJS{Classic: classic, ClassicGzip: gz, Plugin: plugin}, nil
}

// gzipBest compresses data with gzip at the best compression level. The header carries
// no name and no time, so equal input always gives equal bytes.
func gzipBest(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// addAnalyticsNext builds the analytics-next front doors into a, names them in the
// manifest, and makes the manifest's version cover them too: the version is part of the
// classic script's URL, which caches keep for a year.
func (a *Artifacts) addAnalyticsNext(goroot string) error {
	doors, err := BuildAnalyticsNext(goroot, a.Manifest.Wasm, Integrity(a.Wasm))
	if err != nil {
		return err
	}
	a.AnalyticsNext = *doors
	a.Manifest.Classic = "ramen-classic." + hash8(doors.Classic) + ".js.gz"
	a.Manifest.Plugin = "ramen-plugin." + hash8(doors.Plugin) + ".mjs"
	a.Manifest.Version = hash8(a.Bundle, a.Wasm, doors.Classic, doors.Plugin)
	return nil
}

// namedFile is one file WriteDir writes.
type namedFile struct {
	name string
	data []byte
}

// analyticsNextFiles lists the analytics-next files the manifest names (none when they
// were not built).
func (a *Artifacts) analyticsNextFiles() []namedFile {
	var files []namedFile
	if a.Manifest.Classic != "" {
		files = append(files, namedFile{a.Manifest.Classic, a.AnalyticsNext.ClassicGzip})
	}
	if a.Manifest.Plugin != "" {
		files = append(files, namedFile{a.Manifest.Plugin, a.AnalyticsNext.Plugin})
	}
	return files
}

// Integrity returns the Subresource Integrity value of data, "sha384-<base64>".
func Integrity(data []byte) string {
	sum := sha512.Sum384(data)
	return "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
}
