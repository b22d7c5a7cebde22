// Package precompress makes brotli and gzip variants of a response body ahead
// of time and serves the variant a request accepts, so answering a request
// never compresses, hashes or reads a file.
//
// The web build uses Brotli and Gzip to write x.br and x.gz beside each asset;
// the server wraps every body in an Entity (New for prebuilt variants,
// Compress for bodies rendered from the configuration) and calls Serve.
package precompress

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math/bits"

	"github.com/andybalholm/brotli"
)

// Content codings this package produces, as named in Accept-Encoding and
// Content-Encoding.
const (
	// EncodingBrotli is brotli (RFC 7932).
	EncodingBrotli = "br"
	// EncodingGzip is gzip (RFC 1952).
	EncodingGzip = "gzip"
)

// Suffixes of precompressed files, as nginx's brotli_static and gzip_static
// expect them beside the original.
const (
	// SuffixBrotli ends the name of a brotli variant: x.wasm.br.
	SuffixBrotli = ".br"
	// SuffixGzip ends the name of a gzip variant: x.wasm.gz.
	SuffixGzip = ".gz"
)

// Brotli quality and window limits. Quality 11 is brotli's densest; the
// window is sized to the input (see brotliWindow).
const (
	brotliQuality = 11
	minWindowBits = 10
	maxWindowBits = 24
)

// Brotli compresses data with brotli at quality 11, the densest setting.
// The window is only as large as data needs, which gives the same output as
// the default window for small inputs while allocating about 1 MB instead of
// 30 MB: rendering a snippet must not raise the server's peak memory.
func Brotli(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	w := brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: brotliQuality, LGWin: brotliWindow(len(data))})
	if _, err := w.Write(data); err != nil {
		return nil, fmt.Errorf("brotli: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("brotli: %w", err)
	}
	return buf.Bytes(), nil
}

// brotliWindow returns the smallest window (in bits) that holds n bytes:
// brotli's window is 2^bits - 16 bytes.
func brotliWindow(n int) int {
	b := bits.Len(uint(n + 16 - 1))
	return min(max(b, minWindowBits), maxWindowBits)
}

// Gzip compresses data with gzip at level 9 (gzip -9). The header carries no
// file name and no time, so equal inputs give equal bytes, and so equal
// ETags across builds.
func Gzip(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	if _, err := w.Write(data); err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	return buf.Bytes(), nil
}

// Variants compresses data with both codings and returns the ones that are
// smaller than data, keyed by coding name (EncodingBrotli, EncodingGzip). A
// variant that is not smaller is left out: sending it would only cost bytes.
func Variants(data []byte) (map[string][]byte, error) {
	out := make(map[string][]byte, 2)
	for _, c := range []struct {
		name string
		fn   func([]byte) ([]byte, error)
	}{{EncodingBrotli, Brotli}, {EncodingGzip, Gzip}} {
		enc, err := c.fn(data)
		if err != nil {
			return nil, err
		}
		if len(enc) < len(data) {
			out[c.name] = enc
		}
	}
	return out, nil
}

// Suffix returns the file-name suffix of a coding's variant ("" for any other
// coding).
func Suffix(encoding string) string {
	switch encoding {
	case EncodingBrotli:
		return SuffixBrotli
	case EncodingGzip:
		return SuffixGzip
	}
	return ""
}
