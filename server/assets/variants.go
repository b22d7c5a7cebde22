package assets

import (
	"fmt"
	"io/fs"

	"ramendest/server/precompress"
)

// loadVariants reads the precompressed variants the manifest lists and
// rebuilds each file's Entity with them (and with the file's final
// Content-Type). It refuses an entry for a file the set does not serve, an
// unknown coding, or a variant that is missing: a manifest that names what
// the build did not write is a broken build.
func (s *Set) loadVariants(fsys fs.FS) error {
	files := map[string]*File{}
	for _, f := range []*File{s.Bundle, s.WASM, s.Standin, s.Plugin} {
		if f != nil {
			files[f.Name] = f
		}
	}
	for name, encodings := range s.Manifest.Encodings {
		f, ok := files[name]
		if !ok {
			return fmt.Errorf("%s: encodings: %q is not a file the server serves with variants", ManifestName, name)
		}
		variants := make(map[string][]byte, len(encodings))
		for coding, variant := range encodings {
			if precompress.Suffix(coding) == "" {
				return fmt.Errorf("%s: encodings: %s: unknown content coding %q (want %q or %q)",
					ManifestName, name, coding, precompress.EncodingBrotli, precompress.EncodingGzip)
			}
			v, err := readFile(fsys, "encodings "+name+" "+coding, variant)
			if err != nil {
				return err
			}
			variants[coding] = v.Data
		}
		f.Entity = precompress.New(f.ContentType, f.Data, variants)
	}
	// A loader may have set a file's Content-Type after NewFile made its
	// Entity; the Entity must send the final one.
	for _, f := range []*File{s.Bundle, s.WASM, s.Standin, s.Plugin, s.Classic, s.Snippet.File} {
		if f != nil && f.Entity.ContentType != f.ContentType {
			f.Entity = precompress.New(f.ContentType, f.Data, nil)
		}
	}
	return nil
}
