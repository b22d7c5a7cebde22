package web

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

func TestManifestFor(t *testing.T) {
	tests := []struct {
		name         string
		bundle, wasm string
	}{
		{"small", "console.log(1)", "\x00asm\x01"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := manifestFor([]byte(tt.bundle), []byte(tt.wasm))
			want := Manifest{
				Version: hash8([]byte(tt.bundle + tt.wasm)),
				Bundle:  "ramen." + hash8([]byte(tt.bundle)) + ".js",
				Wasm:    "ramen." + hash8([]byte(tt.wasm)) + ".wasm",
				Standin: "ramen-standin.js",
				Snippet: "snippet.js",
			}
			if !reflect.DeepEqual(m, want) {
				t.Errorf("manifest = %+v, want %+v", m, want)
			}
			if !hashedName.MatchString(m.Bundle) || !hashedName.MatchString(m.Wasm) {
				t.Errorf("hashed names %q, %q do not match %v", m.Bundle, m.Wasm, hashedName)
			}
		})
	}
}

func TestWriteDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "dist")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	// Left by earlier builds (hashed: removed) and by others (kept).
	for _, name := range []string{"ramen.deadbeef.js", "ramen.deadbeef.wasm", ".keep", "notes.txt"} {
		writeFile(t, filepath.Join(dir, name), "old")
	}
	a := &Artifacts{
		JS:   JS{Bundle: []byte("bundle"), Snippet: []byte("snippet"), Standin: []byte("standin")},
		Wasm: []byte("\x00asm"),
	}
	a.Manifest = manifestFor(a.Bundle, a.Wasm)
	if err := a.WriteDir(dir); err != nil {
		t.Fatal(err)
	}

	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	want := []string{".keep", a.Manifest.Bundle, a.Manifest.Wasm, "manifest.json", "notes.txt", "ramen-standin.js", "snippet.js"}
	sort.Strings(want)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("files = %v, want %v", got, want)
	}

	manifest, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	wantJSON := `{
  "version": "` + a.Manifest.Version + `",
  "bundle": "` + a.Manifest.Bundle + `",
  "wasm": "` + a.Manifest.Wasm + `",
  "standin": "ramen-standin.js",
  "snippet": "snippet.js"
}
`
	if string(manifest) != wantJSON {
		t.Errorf("manifest.json =\n%s\nwant\n%s", manifest, wantJSON)
	}
	for name, data := range map[string][]byte{a.Manifest.Bundle: a.Bundle, a.Manifest.Wasm: a.Wasm, "snippet.js": a.Snippet, "ramen-standin.js": a.Standin} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(got) != string(data) {
			t.Errorf("%s = %q, %v; want %q", name, got, err, data)
		}
	}
}
