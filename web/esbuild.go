package web

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

const (
	bundleEntry  = "src/bundle.js"
	snippetFile  = "src/snippet.js"
	standinFile  = "src/standin/ramen.js"
	standinLabel = "/* Ramen stand-in: a local stand-in for RamenJS, not the real service. */"

	// wasmExecImport is how glue code imports Go's wasm_exec.js; the plugin below
	// answers it from the toolchain, so the file is never committed.
	wasmExecImport = "go:wasm_exec"
	nsSources      = "ramen-sources"
	nsGoroot       = "ramen-goroot"
)

// BuildJS bundles and minifies the JavaScript. goroot is the Go installation whose
// lib/wasm/wasm_exec.js goes into the bundle: it must be the one that compiles the module.
func BuildJS(goroot string) (*JS, error) {
	wasmExec, err := readWasmExec(goroot)
	if err != nil {
		return nil, err
	}
	bundle, err := bundleJS(sources, bundleEntry, wasmExec)
	if err != nil {
		return nil, err
	}
	// The snippet is pasted into pages of any age, so it stays ES5: esbuild fails the
	// build if newer syntax slips in.
	snippet, err := transformJS(snippetFile, api.ES5, "")
	if err != nil {
		return nil, err
	}
	if n := strings.Count(string(snippet), SnippetPlaceholder); n != 1 {
		return nil, fmt.Errorf("minified %s contains %s %d times, want exactly once", snippetFile, SnippetPlaceholder, n)
	}
	standin, err := transformJS(standinFile, api.ES2017, standinLabel)
	if err != nil {
		return nil, err
	}
	return &JS{Bundle: bundle, Snippet: snippet, Standin: standin}, nil
}

func readWasmExec(goroot string) (string, error) {
	file := filepath.Join(goroot, "lib", "wasm", "wasm_exec.js")
	data, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("reading Go's wasm_exec.js (GOROOT %s): %w", goroot, err)
	}
	return string(data), nil
}

// wrapWasmExec turns wasm_exec.js into a module whose default export installs the Go
// class on a given global object instead of the page's (see src/lib/gohost.js). The file
// calls the fs polyfill by its bare name, so that name is bound to the private copy.
func wrapWasmExec(src string) (string, error) {
	for _, need := range []string{"globalThis.Go = class", "globalThis.fs = {"} {
		if !strings.Contains(src, need) {
			return "", fmt.Errorf("this Go toolchain's wasm_exec.js has no %q; src/lib/gohost.js must be updated for it", need)
		}
	}
	return "// Go's wasm_exec.js, bound to the global object it is given.\n" +
		"export default function defineGo(globalThis) {\nlet fs;\n" + src +
		"\nfs = globalThis.fs;\nreturn globalThis.Go;\n}\n", nil
}

// bundleJS bundles the classic bundle's entry from files as one IIFE, with
// wasm_exec.js (wasmExec) wrapped in as a module.
func bundleJS(files fs.FS, entry, wasmExec string) ([]byte, error) {
	wrapped, err := wrapWasmExec(wasmExec)
	if err != nil {
		return nil, err
	}
	return bundle(files, entry, "bundle.js", api.FormatIIFE, api.ES2017, nil, wrapped)
}

// bundle bundles entry of files into one minified browser script. Every
// output of the build goes through here so all share the same options and
// the same check that esbuild wrote exactly one file.
func bundle(files fs.FS, entry, outfile string, format api.Format, target api.Target, define map[string]string, wasmExecModule string) ([]byte, error) {
	opts := minified(target)
	opts.EntryPoints = []string{entry}
	opts.Bundle = true
	opts.Format = format
	opts.Platform = api.PlatformBrowser
	opts.Outfile = outfile
	opts.Define = define
	opts.Plugins = []api.Plugin{sourcesPlugin(files, wasmExecModule)}
	res := api.Build(opts)
	if err := messagesErr(entry, res.Errors); err != nil {
		return nil, err
	}
	if len(res.OutputFiles) != 1 {
		return nil, fmt.Errorf("bundling %s: esbuild wrote %d files, want 1", entry, len(res.OutputFiles))
	}
	return res.OutputFiles[0].Contents, nil
}

func transformJS(name string, target api.Target, banner string) ([]byte, error) {
	src, err := fs.ReadFile(sources, name)
	if err != nil {
		return nil, fmt.Errorf("reading embedded %s: %w", name, err)
	}
	res := api.Transform(string(src), api.TransformOptions{
		Sourcefile:        name,
		Loader:            api.LoaderJS,
		Target:            target,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		LegalComments:     api.LegalCommentsNone,
		Banner:            banner,
	})
	if err := messagesErr(name, res.Errors); err != nil {
		return nil, err
	}
	return res.Code, nil
}

func minified(target api.Target) api.BuildOptions {
	return api.BuildOptions{
		LogLevel:          api.LogLevelSilent,
		Target:            target,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		LegalComments:     api.LegalCommentsNone,
		Write:             false,
	}
}

// sourcesPlugin serves the embedded sources and the wrapped wasm_exec.js to esbuild, so
// bundling reads nothing from disk. Only relative imports between embedded files and
// the wasm_exec import are allowed: the bundle has no third-party dependencies.
func sourcesPlugin(files fs.FS, wasmExecModule string) api.Plugin {
	return api.Plugin{
		Name: "ramen-sources",
		Setup: func(b api.PluginBuild) {
			b.OnResolve(api.OnResolveOptions{Filter: `.*`}, func(args api.OnResolveArgs) (api.OnResolveResult, error) {
				switch {
				case args.Path == wasmExecImport:
					return api.OnResolveResult{Path: "wasm_exec.js", Namespace: nsGoroot}, nil
				case args.Kind == api.ResolveEntryPoint:
					return api.OnResolveResult{Path: path.Clean(args.Path), Namespace: nsSources}, nil
				case strings.HasPrefix(args.Path, "./") || strings.HasPrefix(args.Path, "../"):
					return api.OnResolveResult{Path: path.Join(path.Dir(args.Importer), args.Path), Namespace: nsSources}, nil
				}
				return api.OnResolveResult{}, fmt.Errorf("import %q: only relative imports of files under web/src (and %q) are supported", args.Path, wasmExecImport)
			})
			b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: nsSources}, func(args api.OnLoadArgs) (api.OnLoadResult, error) {
				data, err := fs.ReadFile(files, args.Path)
				if err != nil {
					return api.OnLoadResult{}, fmt.Errorf("reading embedded %s: %w", args.Path, err)
				}
				text := string(data)
				return api.OnLoadResult{Contents: &text, Loader: api.LoaderJS}, nil
			})
			b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: nsGoroot}, func(api.OnLoadArgs) (api.OnLoadResult, error) {
				text := wasmExecModule
				return api.OnLoadResult{Contents: &text, Loader: api.LoaderJS}, nil
			})
		},
	}
}

// messagesErr turns esbuild's error messages into one error that names file and line.
func messagesErr(what string, msgs []api.Message) error {
	if len(msgs) == 0 {
		return nil
	}
	var errs []error
	for _, m := range msgs {
		if l := m.Location; l != nil {
			errs = append(errs, fmt.Errorf("%s:%d:%d: %s", l.File, l.Line, l.Column+1, m.Text))
		} else {
			errs = append(errs, errors.New(m.Text))
		}
	}
	return fmt.Errorf("building %s: %w", what, errors.Join(errs...))
}
