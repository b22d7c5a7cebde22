//go:build !(js && wasm)

// Outside a browser there is nothing to run: this stub lets `go build ./...` and
// `go vet ./...` cover the module on any machine.
package main

import "os"

func main() {
	os.Stderr.WriteString("the Ramen translator runs only as WebAssembly in a browser: build it with GOOS=js GOARCH=wasm\n")
	os.Exit(2)
}
