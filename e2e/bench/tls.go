package main

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
)

// newTLSServer serves h over TLS with HTTP/2 on a loopback port, as a CDN
// would serve it.
func newTLSServer(h http.Handler) *httptest.Server {
	s := httptest.NewUnstartedServer(h)
	s.EnableHTTP2 = true
	s.StartTLS()
	return s
}

// spkiHash returns the base64 SHA-256 of the server certificate's public key,
// as Chromium's --ignore-certificate-errors-spki-list wants it.
func spkiHash(s *httptest.Server) string {
	sum := sha256.Sum256(s.Certificate().RawSubjectPublicKeyInfo)
	return base64.StdEncoding.EncodeToString(sum[:])
}
