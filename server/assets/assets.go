// Package assets holds the browser files the web build writes to dist/ and
// embeds them in the server binary, so serving them needs no disk access.
//
// The build writes dist/manifest.json:
//
//	{"version":"<hash8>","bundle":"ramen.<hash8>.js","wasm":"ramen.<hash8>.wasm",
//	 "standin":"ramen-standin.js","snippet":"snippet.js"}
//
// naming the content-hashed bundle and WASM translator, the stand-in RamenJS
// and the snippet template. Only dist/.keep is committed; before the web
// build runs, Embedded returns ErrNotBuilt.
package assets

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"ramendest/server/precompress"
)

//go:embed all:dist
var dist embed.FS

// ManifestName is the manifest's file name inside the dist directory.
const ManifestName = "manifest.json"

// ErrNotBuilt means the dist directory has no manifest: the web build has
// not run.
var ErrNotBuilt = errors.New("assets not built: run `make build`")

// Manifest is the content of manifest.json. Unknown fields are ignored so a
// newer build can add some without breaking an older server.
type Manifest struct {
	// Version is the short content hash of the bundle and the WASM module.
	Version string `json:"version"`
	// Bundle is the file name of the JS bundle (glue, loader, wasm_exec).
	Bundle string `json:"bundle"`
	// WASM is the file name of the Go WebAssembly translator.
	WASM string `json:"wasm"`
	// Standin is the file name of the local stand-in for RamenJS.
	Standin string `json:"standin"`
	// Snippet is the file name of the snippet template.
	Snippet string `json:"snippet"`
	// Classic is the file name of the gzip-compressed classic destination
	// script for analytics-next; optional (see LoadAnalyticsNext).
	Classic string `json:"classic,omitempty"`
	// Plugin is the file name of the register() plugin ES module; optional.
	Plugin string `json:"plugin,omitempty"`
	// Encodings names the precompressed variants the build made: file name →
	// content coding ("br", "gzip") → variant file name, such as
	// {"ramen.<hash8>.wasm":{"br":"ramen.<hash8>.wasm.br","gzip":"ramen.<hash8>.wasm.gz"}}.
	// A file without an entry is served uncompressed (see variants.go).
	Encodings map[string]map[string]string `json:"encodings,omitempty"`
}

// File is one asset held in memory, with what the server needs to send it.
type File struct {
	// Name is the file name in dist/ (no directories).
	Name string
	// Data is the file's content.
	Data []byte
	// ContentType is the Content-Type to send: application/wasm for .wasm,
	// application/javascript; charset=utf-8 for .js.
	ContentType string
	// ETag is a strong entity tag (quoted) derived from Data's SHA-256.
	ETag string
	// Entity serves Data, and its precompressed variants when the build made
	// some, with the variant chosen by Accept-Encoding.
	Entity *precompress.Entity
}

// Set is a complete, validated build: every file the manifest names.
type Set struct {
	// Manifest is the parsed manifest.json.
	Manifest Manifest
	// Bundle is the JS bundle, served under /assets/.
	Bundle *File
	// WASM is the translator module, served under /assets/.
	WASM *File
	// Standin is the stand-in RamenJS.
	Standin *File
	// Snippet is the snippet template.
	Snippet *Snippet
	// Classic is the classic destination script, gzip-compressed; nil when
	// the build has none.
	Classic *File
	// Plugin is the register() plugin ES module, served under /assets/; nil
	// when the build has none.
	Plugin *File
}

// Embedded loads the set embedded in the binary at build time. It returns
// ErrNotBuilt when the web build has not written dist/.
func Embedded() (*Set, error) {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		return nil, fmt.Errorf("embedded assets: %w", err)
	}
	return Load(sub)
}

// Load reads a build from fsys, whose root holds manifest.json and the files
// it names. It returns ErrNotBuilt when there is no manifest, and an error
// naming the file for anything missing or malformed.
func Load(fsys fs.FS) (*Set, error) {
	raw, err := fs.ReadFile(fsys, ManifestName)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNotBuilt
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", ManifestName, err)
	}
	var m Manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("parse %s: %w", ManifestName, err)
	}
	if m.Version == "" {
		return nil, fmt.Errorf("%s: missing \"version\"", ManifestName)
	}
	s := &Set{Manifest: m}
	for _, f := range []struct {
		key  string
		name string
		dst  **File
	}{
		{"bundle", m.Bundle, &s.Bundle},
		{"wasm", m.WASM, &s.WASM},
		{"standin", m.Standin, &s.Standin},
		{"snippet", m.Snippet, nil},
	} {
		file, err := readFile(fsys, f.key, f.name)
		if err != nil {
			return nil, err
		}
		if f.dst != nil {
			*f.dst = file
			continue
		}
		if s.Snippet, err = newSnippet(file); err != nil {
			return nil, err
		}
	}
	if s.Bundle.Name == s.WASM.Name {
		return nil, fmt.Errorf("%s: bundle and wasm name the same file %q", ManifestName, s.Bundle.Name)
	}
	if err := s.loadAnalyticsNext(fsys); err != nil {
		return nil, err
	}
	if err := s.loadVariants(fsys); err != nil {
		return nil, err
	}
	return s, nil
}

// Asset returns the file served at /assets/<name>: the bundle, the WASM
// module or the plugin module. The stand-in, the snippet template and the
// classic destination script have routes of their own.
func (s *Set) Asset(name string) (*File, bool) {
	switch name {
	case s.Bundle.Name:
		return s.Bundle, true
	case s.WASM.Name:
		return s.WASM, true
	}
	if s.Plugin != nil && name == s.Plugin.Name {
		return s.Plugin, true
	}
	return nil, false
}

// readFile reads one manifest entry; key is its manifest field for messages.
func readFile(fsys fs.FS, key, name string) (*File, error) {
	if name == "" {
		return nil, fmt.Errorf("%s: missing %q", ManifestName, key)
	}
	// Names are flat file names: a path here would let a manifest reach
	// outside dist/ or make /assets/<name> ambiguous.
	if path.Base(name) != name || name == "." || name == ".." || strings.ContainsAny(name, `\`) || name == ManifestName {
		return nil, fmt.Errorf("%s: %s %q is not a plain file name", ManifestName, key, name)
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("read %s %q named in %s: %w", key, name, ManifestName, err)
	}
	return NewFile(name, data), nil
}

// NewFile makes a File for data, with the Content-Type implied by the name's
// extension and a strong ETag.
func NewFile(name string, data []byte) *File {
	ct := contentType(name)
	e := precompress.New(ct, data, nil)
	return &File{
		Name:        name,
		Data:        data,
		ContentType: ct,
		ETag:        e.Identity().ETag,
		Entity:      e,
	}
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".wasm":
		// instantiateStreaming refuses any other type.
		return "application/wasm"
	case ".js", ".mjs":
		return "application/javascript; charset=utf-8"
	case ".json":
		return "application/json"
	default:
		return "application/octet-stream"
	}
}
