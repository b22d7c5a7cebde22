package app

import (
	"crypto/sha512"
	"encoding/base64"
	"sync"

	"ramendest/server/assets"
)

// integrities caches each asset's Subresource Integrity value: the files never
// change while the process runs, and the WASM module is megabytes to hash.
var integrities sync.Map // *assets.File → string

// Integrity returns f's Subresource Integrity value, "sha384-<base64>", over
// its uncompressed bytes (browsers check the decoded body). The snippet hands
// it to the browser with the bundle's and the WASM module's URLs, so a page
// that pastes the snippet inline pins exactly the files it was built with: a
// tampered copy on a CDN is refused instead of run.
func Integrity(f *assets.File) string {
	if f == nil {
		return ""
	}
	if v, ok := integrities.Load(f); ok {
		return v.(string)
	}
	sum := sha512.Sum384(f.Data)
	v := "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
	integrities.Store(f, v)
	return v
}
