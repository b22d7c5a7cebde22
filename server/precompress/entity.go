package precompress

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Body is one representation of an Entity: its bytes in one content coding,
// with the header values to send it, computed once.
type Body struct {
	// Encoding is the content coding: EncodingIdentity, EncodingBrotli or
	// EncodingGzip.
	Encoding string
	// Data is the body as sent.
	Data []byte
	// ETag is a strong entity tag, quoted, from the SHA-256 of Data: each
	// coding of the same content has its own, as RFC 9110 requires.
	ETag string

	etag          []string
	contentLength []string
	encoding      []string // nil for identity
}

// Entity is a response body held in memory with its precompressed variants.
// It is immutable and safe for concurrent use.
type Entity struct {
	// ContentType is sent as Content-Type.
	ContentType string

	identity    *Body
	variants    []*Body // in order of preference
	offered     []string
	contentType []string
}

// Header values shared by every response; one slice each, never appended to.
var (
	varyAcceptEncoding = []string{"Accept-Encoding"}
)

// New returns an Entity for identity with the given prebuilt variants, keyed
// by coding (EncodingBrotli, EncodingGzip; other keys are ignored). Brotli is
// preferred to gzip when a client accepts both equally. Variants that are not
// smaller than identity are dropped.
func New(contentType string, identity []byte, variants map[string][]byte) *Entity {
	e := &Entity{
		ContentType: contentType,
		identity:    newBody(EncodingIdentity, identity),
		contentType: []string{contentType},
	}
	for _, coding := range []string{EncodingBrotli, EncodingGzip} {
		if data, ok := variants[coding]; ok && len(data) < len(identity) {
			e.variants = append(e.variants, newBody(coding, data))
			e.offered = append(e.offered, coding)
		}
	}
	return e
}

// Compress returns an Entity for identity with brotli and gzip variants made
// now. It is for bodies rendered at run time (once per configuration, never
// per request); build-time files use New with the variants the build wrote.
func Compress(contentType string, identity []byte) (*Entity, error) {
	v, err := Variants(identity)
	if err != nil {
		return nil, err
	}
	return New(contentType, identity, v), nil
}

func newBody(coding string, data []byte) *Body {
	sum := sha256.Sum256(data)
	etag := `"` + hex.EncodeToString(sum[:12]) + `"`
	b := &Body{
		Encoding:      coding,
		Data:          data,
		ETag:          etag,
		etag:          []string{etag},
		contentLength: []string{strconv.Itoa(len(data))},
	}
	if coding != EncodingIdentity {
		b.encoding = []string{coding}
	}
	return b
}

// Identity returns the uncompressed body.
func (e *Entity) Identity() *Body { return e.identity }

// Variant returns the body in the given coding, if there is one.
func (e *Entity) Variant(coding string) (*Body, bool) {
	if coding == EncodingIdentity {
		return e.identity, true
	}
	for _, b := range e.variants {
		if b.Encoding == coding {
			return b, true
		}
	}
	return nil, false
}

// Select returns the body to send for an Accept-Encoding value.
func (e *Entity) Select(acceptEncoding string) *Body {
	if len(e.variants) == 0 {
		return e.identity
	}
	b, _ := e.Variant(Negotiate(acceptEncoding, e.offered...))
	return b
}

// Serve answers a GET or HEAD request with the body the request accepts:
// Content-Type, Content-Encoding, Content-Length, ETag, the given
// Cache-Control, and Vary: Accept-Encoding when there are variants (on 304s
// too, so caches key on it). If-None-Match that matches the chosen body gives
// 304; HEAD gives the headers only. A Range request (rare for these files) is
// left to http.ServeContent, which knows its rules.
func (e *Entity) Serve(w http.ResponseWriter, r *http.Request, cacheControl string) {
	accept := r.Header.Values("Accept-Encoding")
	var b *Body
	if len(accept) > 1 {
		b = e.Select(strings.Join(accept, ","))
	} else if len(accept) == 1 {
		b = e.Select(accept[0])
	} else {
		b = e.Select("")
	}
	h := w.Header()
	if len(e.variants) > 0 {
		h["Vary"] = varyAcceptEncoding
	}
	if cacheControl != "" {
		h.Set("Cache-Control", cacheControl)
	}
	h["Etag"] = b.etag
	if inm := r.Header.Get("If-None-Match"); inm != "" && etagListMatches(inm, b.ETag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h["Content-Type"] = e.contentType
	if b.encoding != nil {
		h["Content-Encoding"] = b.encoding
	}
	if r.Header.Get("Range") != "" {
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(b.Data))
		return
	}
	h["Content-Length"] = b.contentLength
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(b.Data)
	}
}

// etagListMatches applies If-None-Match's weak comparison: "*" matches, and
// W/"x" matches "x".
func etagListMatches(list, etag string) bool {
	for list != "" {
		var tag string
		tag, list, _ = strings.Cut(list, ",")
		tag = strings.TrimSpace(tag)
		if tag == "*" || strings.TrimPrefix(tag, "W/") == etag {
			return true
		}
	}
	return false
}
