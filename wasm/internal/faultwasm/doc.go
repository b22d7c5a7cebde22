//go:build !(js && wasm)

// Command faultwasm is a fault-injection build of the translator for the end-to-end
// tests; it runs only as WebAssembly (GOOS=js GOARCH=wasm). See main.go.
package main

import "os"

func main() {
	os.Stderr.WriteString("faultwasm runs only as WebAssembly, started by the browser tests\n")
	os.Exit(2)
}
