package fastpath

import (
	"strings"
	"testing"

	"ramendest/wasm/engine"
)

func TestCall(t *testing.T) {
	Serve(nil)
	tests := []struct {
		name    string
		serve   func(string) string
		prepare int32
		write   string
		call    int32
		want    string
	}{
		{"not ready", nil, 4, "ping", 4, engine.BadRequest("The translator is not ready.")},
		{"echo", strings.ToUpper, 4, "ping", 4, "PING"},
		{"shorter than prepared", strings.ToUpper, 10, "ping", 4, "PING"},
		{"length beyond the buffer", strings.ToUpper, 4, "ping", 5, engine.BadRequest("The request length is out of range.")},
		{"negative length", strings.ToUpper, 4, "ping", -1, engine.BadRequest("The request length is out of range.")},
		{"large request released", func(s string) string { return s[:3] }, maxKept + 1, "abc", 3, "abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			Serve(tt.serve)
			buf := Prepare(tt.prepare)
			if len(buf) != int(tt.prepare) {
				t.Fatalf("Prepare(%d) gave %d bytes", tt.prepare, len(buf))
			}
			copy(buf, tt.write)
			n := Call(tt.call)
			if got := Answer(); got != tt.want || int(n) != len(tt.want) {
				t.Errorf("Call(%d) = %d, answer %q; want %q", tt.call, n, got, tt.want)
			}
			if tt.prepare > maxKept && request != nil {
				t.Error("a large request buffer was kept")
			}
		})
	}
}

func TestPrepareOutOfRange(t *testing.T) {
	for _, n := range []int32{0, -1, maxRequest + 1} {
		if b := Prepare(n); b != nil {
			t.Errorf("Prepare(%d) = %d bytes, want nil", n, len(b))
		}
	}
}
