package web

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
)

// hashedName matches the content-hashed files earlier builds left behind.
var hashedName = regexp.MustCompile(`^ramen(-classic|-plugin)?\.[0-9a-f]{8}\.(js|wasm|js\.gz|mjs)(\.br|\.gz)?$`)

// WriteDir writes the artifacts and manifest.json into dir (created if needed) and removes
// hashed files of earlier builds, so an embedding server carries only the current ones.
// The manifest is written last: a reader never sees it name a file that is not there yet.
func (a *Artifacts) WriteDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating output directory: %w", err)
	}
	manifest, err := json.MarshalIndent(a.Manifest, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding manifest.json: %w", err)
	}
	files := []namedFile{
		{a.Manifest.Bundle, a.Bundle},
		{a.Manifest.Wasm, a.Wasm},
		{a.Manifest.Standin, a.Standin},
		{a.Manifest.Snippet, a.Snippet},
	}
	files = append(files, a.analyticsNextFiles()...)
	files = append(files, a.variantFiles()...)
	files = append(files, namedFile{"manifest.json", append(manifest, '\n')})
	for _, f := range files {
		if err := writeAtomic(filepath.Join(dir, f.name), f.data); err != nil {
			return err
		}
	}
	return removeStale(dir, a.Manifest)
}

func writeAtomic(file string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(file), ".tmp-"+filepath.Base(file)+"-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", file, err)
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", file, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", file, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", file, err)
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		return fmt.Errorf("writing %s: %w", file, err)
	}
	return nil
}

func removeStale(dir string, m Manifest) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("listing %s for stale files: %w", dir, err)
	}
	for _, e := range entries {
		name := e.Name()
		if !hashedName.MatchString(name) || name == m.Bundle || name == m.Wasm || name == m.Classic || name == m.Plugin || m.isVariant(name) {
			continue
		}
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("removing stale %s: %w", name, err)
		}
	}
	return nil
}
