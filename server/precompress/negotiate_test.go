package precompress

import "testing"

func TestNegotiate(t *testing.T) {
	both := []string{EncodingBrotli, EncodingGzip}
	tests := []struct {
		header  string
		offered []string
		want    string
	}{
		{"", both, EncodingIdentity},
		{"gzip, deflate, br, zstd", both, EncodingBrotli}, // Chromium over HTTPS
		{"gzip, deflate", both, EncodingGzip},             // Chromium over plain HTTP
		{"br", both, EncodingBrotli},
		{"BR", both, EncodingBrotli},
		{"x-gzip", both, EncodingGzip},
		{"deflate", both, EncodingIdentity},
		{"br;q=0.5, gzip;q=0.8", both, EncodingGzip},
		{"br;q=0.8, gzip;q=0.8", both, EncodingBrotli}, // tie: server's preference
		{"gzip;q=1.0, br;q=1", both, EncodingBrotli},
		{"br;q=0, gzip", both, EncodingGzip},
		{"br;q=0, gzip;q=0", both, EncodingIdentity},
		{"*", both, EncodingBrotli},
		{"*;q=0.5, gzip", both, EncodingGzip},
		{"br;q=0.3, identity;q=0.5", both, EncodingIdentity},
		{"br, identity;q=1", both, EncodingBrotli}, // tie with identity: compress
		{"identity;q=0, *;q=0", both, EncodingIdentity},
		{"br;q=1.5, gzip", both, EncodingGzip},    // malformed q: element ignored
		{"br;q=0.0001, gzip", both, EncodingGzip}, // too many digits
		{"br;q=abc", both, EncodingIdentity},
		{"br ; q = 0.9 , gzip ; q=0.1", both, EncodingBrotli},
		{"br;level=5", both, EncodingBrotli}, // other parameters ignored
		{"gzip, deflate, br", []string{EncodingGzip}, EncodingGzip},
		{"br", []string{EncodingGzip}, EncodingIdentity},
		{"br", nil, EncodingIdentity},
	}
	for _, tt := range tests {
		if got := Negotiate(tt.header, tt.offered...); got != tt.want {
			t.Errorf("Negotiate(%q, %v) = %q, want %q", tt.header, tt.offered, got, tt.want)
		}
	}
}

func TestParseQValue(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"1", 1000, true}, {"1.", 1000, true}, {"1.000", 1000, true}, {"0", 0, true},
		{"0.5", 500, true}, {"0.05", 50, true}, {"0.001", 1, true},
		{"1.001", 0, false}, {"2", 0, false}, {"", 0, false}, {".5", 0, false},
		{"0.5x", 0, false}, {"0.12345", 0, false}, {"0,5", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseQValue(tt.in)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("parseQValue(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
