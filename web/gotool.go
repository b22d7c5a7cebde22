package web

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// wasmMagic starts every WebAssembly binary module.
var wasmMagic = []byte("\x00asm")

// GOROOT asks goCommand (run in dir, so a go.mod toolchain line applies) for its GOROOT.
func GOROOT(ctx context.Context, goCommand, dir string) (string, error) {
	out, err := runGo(ctx, goCommand, dir, nil, "env", "GOROOT")
	if err != nil {
		return "", fmt.Errorf("finding GOROOT (for wasm_exec.js): %w", err)
	}
	root := strings.TrimSpace(string(out))
	if root == "" {
		return "", fmt.Errorf("finding GOROOT (for wasm_exec.js): %s env GOROOT printed nothing", goCommand)
	}
	return root, nil
}

// BuildWasm compiles opts.WasmPackage for GOOS=js GOARCH=wasm with the flags of
// wasmFlags (-trimpath -ldflags="-s -w", no inlining in the translator's packages) and
// returns the module's bytes.
func BuildWasm(ctx context.Context, opts Options) ([]byte, error) {
	opts = opts.withDefaults()
	tmp, err := os.MkdirTemp("", "ramen-wasm-*")
	if err != nil {
		return nil, fmt.Errorf("building the WebAssembly translator: %w", err)
	}
	defer os.RemoveAll(tmp)
	outFile := filepath.Join(tmp, "ramen.wasm")

	what := fmt.Sprintf("building the WebAssembly translator (GOOS=js GOARCH=wasm %s build %s in %s)",
		opts.GoCommand, opts.WasmPackage, opts.ModuleDir)
	env := []string{"GOOS=js", "GOARCH=wasm"}
	args := append(append([]string{"build"}, wasmFlags(opts.WasmPackage)...), "-o", outFile, opts.WasmPackage)
	if _, err := runGo(ctx, opts.GoCommand, opts.ModuleDir, env, args...); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	// For a package that is not `package main`, go build writes an archive (or nothing).
	data, err := os.ReadFile(outFile)
	if err != nil || !bytes.HasPrefix(data, wasmMagic) {
		return nil, fmt.Errorf("%s: the output is not a WebAssembly module; is %s a main package?", what, opts.WasmPackage)
	}
	return data, nil
}

// runGo runs the go tool and returns its stdout; a failure carries its stderr.
func runGo(ctx context.Context, goCommand, dir string, env []string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, goCommand, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			return nil, fmt.Errorf("%s %s: %w", goCommand, strings.Join(args, " "), err)
		}
		return nil, fmt.Errorf("%s %s: %w\n%s", goCommand, strings.Join(args, " "), err, msg)
	}
	return stdout.Bytes(), nil
}
