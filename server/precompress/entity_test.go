package precompress

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/andybalholm/brotli"
)

func TestBrotliAndGzipRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"small", []byte(`{"writeKey":"demo"}`)},
		{"repetitive", bytes.Repeat([]byte("window.analytics.track('x');"), 4000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			br, err := Brotli(tt.data)
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(br)))
			if err != nil || !bytes.Equal(got, tt.data) {
				t.Fatalf("brotli round trip: %v, %d bytes back of %d", err, len(got), len(tt.data))
			}
			gz, err := Gzip(tt.data)
			if err != nil {
				t.Fatal(err)
			}
			zr, err := gzip.NewReader(bytes.NewReader(gz))
			if err != nil {
				t.Fatal(err)
			}
			got, err = io.ReadAll(zr)
			if err != nil || !bytes.Equal(got, tt.data) {
				t.Fatalf("gzip round trip: %v, %d bytes back of %d", err, len(got), len(tt.data))
			}
			if zr.Name != "" || !zr.ModTime.IsZero() {
				t.Errorf("gzip header has name %q, time %v; want neither", zr.Name, zr.ModTime)
			}
			again, _ := Gzip(tt.data)
			if !bytes.Equal(gz, again) {
				t.Error("gzip output is not deterministic")
			}
		})
	}
}

func TestBrotliWindow(t *testing.T) {
	for _, tt := range []struct{ n, want int }{
		{0, 10}, {1000, 10}, {1008, 10}, {1009, 11}, {2032, 11}, {2033, 12},
		{1 << 20, 21}, {2_500_000, 22}, {1 << 30, 24},
	} {
		if got := brotliWindow(tt.n); got != tt.want {
			t.Errorf("brotliWindow(%d) = %d, want %d", tt.n, got, tt.want)
		}
	}
}

func TestVariantsDropsLargerOutput(t *testing.T) {
	v, err := Variants([]byte("x"))
	if err != nil {
		t.Fatal(err)
	}
	if len(v) != 0 {
		t.Errorf("variants of 1 byte: %v, want none", v)
	}
	v, err = Variants(bytes.Repeat([]byte("abc"), 1000))
	if err != nil {
		t.Fatal(err)
	}
	if len(v[EncodingBrotli]) == 0 || len(v[EncodingGzip]) == 0 {
		t.Errorf("variants of a repetitive body: %d keys, want br and gzip", len(v))
	}
}

func TestServe(t *testing.T) {
	identity := bytes.Repeat([]byte("console.log('ramen');\n"), 200)
	e, err := Compress("application/javascript; charset=utf-8", identity)
	if err != nil {
		t.Fatal(err)
	}
	br, _ := e.Variant(EncodingBrotli)
	gz, _ := e.Variant(EncodingGzip)
	id := e.Identity()
	if br.ETag == gz.ETag || br.ETag == id.ETag || gz.ETag == id.ETag {
		t.Fatalf("ETags are not distinct per coding: %s %s %s", id.ETag, br.ETag, gz.ETag)
	}
	tests := []struct {
		name, method string
		header       http.Header
		status       int
		body         *Body
		sendsBody    bool
	}{
		{"no Accept-Encoding", http.MethodGet, nil, 200, id, true},
		{"brotli preferred", http.MethodGet, http.Header{"Accept-Encoding": {"gzip, deflate, br"}}, 200, br, true},
		{"gzip only", http.MethodGet, http.Header{"Accept-Encoding": {"gzip"}}, 200, gz, true},
		{"two header lines", http.MethodGet, http.Header{"Accept-Encoding": {"gzip;q=0.5", "br"}}, 200, br, true},
		{"HEAD", http.MethodHead, http.Header{"Accept-Encoding": {"br"}}, 200, br, false},
		{"304 for the chosen variant", http.MethodGet, http.Header{"Accept-Encoding": {"br"}, "If-None-Match": {br.ETag}}, 304, br, false},
		{"weak and listed tags match", http.MethodGet, http.Header{"Accept-Encoding": {"br"}, "If-None-Match": {`"x", W/` + br.ETag}}, 304, br, false},
		{"star matches", http.MethodGet, http.Header{"If-None-Match": {"*"}}, 304, id, false},
		{"another variant's tag does not match", http.MethodGet, http.Header{"Accept-Encoding": {"br"}, "If-None-Match": {gz.ETag}}, 200, br, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, "/x.js", nil)
			for k, vs := range tt.header {
				for _, v := range vs {
					req.Header.Add(k, v)
				}
			}
			rec := httptest.NewRecorder()
			e.Serve(rec, req, "public, max-age=60")
			res := rec.Result()
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", res.StatusCode, tt.status)
			}
			want := map[string]string{
				"Vary":          "Accept-Encoding",
				"Cache-Control": "public, max-age=60",
				"ETag":          tt.body.ETag,
			}
			if tt.status == 200 {
				want["Content-Type"] = "application/javascript; charset=utf-8"
				want["Content-Length"] = itoa(len(tt.body.Data))
				want["Content-Encoding"] = ""
				if tt.body.Encoding != EncodingIdentity {
					want["Content-Encoding"] = tt.body.Encoding
				}
			}
			for k, v := range want {
				if got := res.Header.Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			if tt.sendsBody != (len(body) > 0) || (tt.sendsBody && !bytes.Equal(body, tt.body.Data)) {
				t.Errorf("body: %d bytes, want the %s body (%v)", len(body), tt.body.Encoding, tt.sendsBody)
			}
		})
	}
}

func TestServeRange(t *testing.T) {
	e := New("application/wasm", []byte("0123456789"), nil)
	req := httptest.NewRequest(http.MethodGet, "/x.wasm", nil)
	req.Header.Set("Range", "bytes=2-4")
	rec := httptest.NewRecorder()
	e.Serve(rec, req, "")
	if rec.Code != http.StatusPartialContent || rec.Body.String() != "234" {
		t.Errorf("range: %d %q, want 206 \"234\"", rec.Code, rec.Body.String())
	}
	if rec.Header().Get("Vary") != "" {
		t.Errorf("Vary %q on an entity without variants", rec.Header().Get("Vary"))
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
