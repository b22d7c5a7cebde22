package web

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWriteDirVariants(t *testing.T) {
	dir := t.TempDir()
	a := &Artifacts{
		JS:   JS{Bundle: []byte("bundle"), Snippet: []byte("snippet"), Standin: []byte("standin")},
		Wasm: []byte("\x00asm"),
	}
	a.Manifest = manifestFor(a.Bundle, a.Wasm)
	wasm := a.Manifest.Wasm
	a.Manifest.Encodings = map[string]map[string]string{wasm: {"br": wasm + ".br", "gzip": wasm + ".gz"}}
	a.Encoded = map[string]map[string][]byte{wasm: {"br": []byte("BR"), "gzip": []byte("GZ")}}
	// Variants of an earlier build go; unrelated files stay.
	for _, name := range []string{"ramen.deadbeef.wasm.br", "ramen.deadbeef.js.gz", "ramen-plugin.deadbeef.mjs.br", "other.br"} {
		writeFile(t, filepath.Join(dir, name), "old")
	}
	if err := a.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		want string // "" means the file must be gone
	}{
		{wasm + ".br", "BR"},
		{wasm + ".gz", "GZ"},
		{"ramen.deadbeef.wasm.br", ""},
		{"ramen.deadbeef.js.gz", ""},
		{"ramen-plugin.deadbeef.mjs.br", ""},
		{"other.br", "old"},
	}
	for _, tt := range tests {
		got, err := os.ReadFile(filepath.Join(dir, tt.name))
		if tt.want == "" {
			if !os.IsNotExist(err) {
				t.Errorf("%s: still there (%v)", tt.name, err)
			}
			continue
		}
		if err != nil || string(got) != tt.want {
			t.Errorf("%s = %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
}

func TestIsVariant(t *testing.T) {
	m := Manifest{Encodings: map[string]map[string]string{"a.wasm": {"br": "a.wasm.br"}}}
	for name, want := range map[string]bool{"a.wasm.br": true, "a.wasm": false, "a.wasm.gz": false} {
		if got := m.isVariant(name); got != want {
			t.Errorf("isVariant(%q) = %v, want %v", name, got, want)
		}
	}
}
