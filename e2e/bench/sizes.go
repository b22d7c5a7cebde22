package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"ramendest/server/precompress"
	"ramendest/web"
)

// Size is one file's size raw and as served compressed.
type Size struct {
	Name              string
	Raw, Gzip, Brotli int
}

// Sizes are the byte counts of what a page downloads.
type Sizes struct {
	Snippet, Bundle, Wasm, Floor Size
	// Ratio is WASM brotli ÷ floor brotli.
	Ratio float64
}

func loadManifest(file string) (*web.Manifest, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("reading the build's manifest (run `make build` first): %w", err)
	}
	var m web.Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("parsing %s: %w", file, err)
	}
	return &m, nil
}

// servedSize reads a dist file and the variants the build made of it.
func servedSize(dist, name string) (Size, error) {
	s := Size{Name: name}
	data, err := os.ReadFile(filepath.Join(dist, name))
	if err != nil {
		return s, err
	}
	s.Raw = len(data)
	for _, v := range []struct {
		suffix string
		dst    *int
	}{{precompress.SuffixBrotli, &s.Brotli}, {precompress.SuffixGzip, &s.Gzip}} {
		fi, err := os.Stat(filepath.Join(dist, name+v.suffix))
		if err != nil {
			return s, fmt.Errorf("the build has no %s variant of %s: %w", v.suffix, name, err)
		}
		*v.dst = int(fi.Size())
	}
	return s, nil
}

// measureSizes reads the build's sizes; snippet is the snippet as served for
// one source (what a site pastes).
func measureSizes(dist string, m *web.Manifest, snippet []byte) (*Sizes, error) {
	var s Sizes
	var err error
	if s.Bundle, err = servedSize(dist, m.Bundle); err != nil {
		return nil, err
	}
	if s.Wasm, err = servedSize(dist, m.Wasm); err != nil {
		return nil, err
	}
	if m.Floor == nil {
		return nil, fmt.Errorf("the manifest has no floor sizes: rebuild with `make assets`")
	}
	s.Floor = Size{Name: "empty Go js/wasm program", Raw: m.Floor.Raw, Gzip: m.Floor.Gzip, Brotli: m.Floor.Brotli}
	s.Ratio = float64(s.Wasm.Brotli) / float64(s.Floor.Brotli)
	sn, err := web.SizesOf(snippet)
	if err != nil {
		return nil, err
	}
	s.Snippet = Size{Name: "snippet (as served for one source)", Raw: sn.Raw, Gzip: sn.Gzip, Brotli: sn.Brotli}
	return &s, nil
}
