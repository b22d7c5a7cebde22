// Command webbuild builds the destination's browser assets (snippet, bundle, WebAssembly
// translator, stand-in RamenJS) and writes them with a manifest.json into a directory:
//
//	go run ./web/cmd/webbuild -out server/assets/dist
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"

	"ramendest/web"
)

func main() {
	out := flag.String("out", "server/assets/dist", "directory to write the assets and manifest.json into")
	module := flag.String("module", ".", "Go module root the WebAssembly package is built from")
	wasmPkg := flag.String("wasm-pkg", "./wasm", "main package compiled with GOOS=js GOARCH=wasm (relative to -module)")
	goCmd := flag.String("go", "go", "go command; its GOROOT also supplies wasm_exec.js")
	flag.Parse()
	if flag.NArg() != 0 {
		fmt.Fprintf(os.Stderr, "webbuild: unexpected arguments %q\n", flag.Args())
		os.Exit(2)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	artifacts, err := web.Build(ctx, web.Options{ModuleDir: *module, WasmPackage: *wasmPkg, GoCommand: *goCmd})
	if err != nil {
		fmt.Fprintf(os.Stderr, "webbuild: %v\n", err)
		os.Exit(1)
	}
	if err := artifacts.WriteDir(*out); err != nil {
		fmt.Fprintf(os.Stderr, "webbuild: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("webbuild: wrote %s to %s\n", artifacts, *out)
	fmt.Printf("webbuild: %s\n", artifacts.SizeReport())
}
