package web

import (
	"context"
	"fmt"
	"sync"

	"ramendest/server/precompress"
)

// addVariants compresses every file the server sends as is — bundle, WebAssembly,
// stand-in, plugin module — with brotli (quality 11) and gzip (-9), and names the
// variants in the manifest, so the server never compresses at request time. At the
// same time it builds the empty WebAssembly program and records its sizes as the
// manifest's floor. The work runs in parallel: brotli at quality 11 takes seconds on
// the WebAssembly module.
func (a *Artifacts) addVariants(ctx context.Context, opts Options) error {
	files := []namedFile{
		{a.Manifest.Bundle, a.Bundle},
		{a.Manifest.Wasm, a.Wasm},
		{a.Manifest.Standin, a.Standin},
	}
	if a.Manifest.Plugin != "" {
		files = append(files, namedFile{a.Manifest.Plugin, a.AnalyticsNext.Plugin})
	}
	type result struct {
		name     string
		variants map[string][]byte
		err      error
	}
	results := make([]result, len(files))
	var floor Sizes
	var floorErr error
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := precompress.Variants(f.data)
			if err != nil {
				err = fmt.Errorf("compressing %s: %w", f.name, err)
			}
			results[i] = result{f.name, v, err}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		data, err := BuildFloor(ctx, opts)
		if err == nil {
			floor, err = SizesOf(data)
		}
		floorErr = err
	}()
	wg.Wait()

	a.Encoded = map[string]map[string][]byte{}
	a.Manifest.Encodings = map[string]map[string]string{}
	for _, r := range results {
		if r.err != nil {
			return r.err
		}
		if len(r.variants) == 0 {
			continue
		}
		a.Encoded[r.name] = r.variants
		names := map[string]string{}
		for coding := range r.variants {
			names[coding] = r.name + precompress.Suffix(coding)
		}
		a.Manifest.Encodings[r.name] = names
	}
	if floorErr != nil {
		return floorErr
	}
	a.Manifest.Floor = &floor
	return nil
}

// variantFiles lists the precompressed files the manifest names.
func (a *Artifacts) variantFiles() []namedFile {
	var files []namedFile
	for name, names := range a.Manifest.Encodings {
		for coding, variant := range names {
			files = append(files, namedFile{variant, a.Encoded[name][coding]})
		}
	}
	return files
}

// isVariant reports whether name is a variant file the manifest names.
func (m Manifest) isVariant(name string) bool {
	for _, names := range m.Encodings {
		for _, variant := range names {
			if variant == name {
				return true
			}
		}
	}
	return false
}

// SizeReport says how large the WebAssembly module is next to the empty program's
// floor, for build logs.
func (a *Artifacts) SizeReport() string {
	br := a.Encoded[a.Manifest.Wasm][precompress.EncodingBrotli]
	f := a.Manifest.Floor
	if f == nil || f.Brotli == 0 || len(br) == 0 {
		return "WebAssembly size not measured"
	}
	return fmt.Sprintf("WebAssembly %d B raw, %d B brotli = %.3f× the empty Go program (%d B raw, %d B brotli)",
		len(a.Wasm), len(br), float64(len(br))/float64(f.Brotli), f.Raw, f.Brotli)
}
