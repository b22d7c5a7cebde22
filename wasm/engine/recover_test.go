package engine

import (
	"strings"
	"testing"
)

// TestPanicCostsOnlyItsCall makes the translator panic in the middle of calls
// (through the date parser the WebAssembly main injects, as the fault-injection
// build used by the browser tests does): each such call gets an internal_error
// answer, and the same front door keeps translating the calls around it.
func TestPanicCostsOnlyItsCall(t *testing.T) {
	e := &Engine{ParseDate: func(s string) (float64, bool) {
		if s == "boom" {
			panic("forced panic")
		}
		return 0, false
	}}
	e.Handle(openDemo)
	steps := []struct {
		request, want string
	}{
		{`{"op":"call","engine":1,"method":"track","args":["Before"]}`, `"calls":[["identify"],["track","Before"]]`},
		{`{"op":"call","engine":1,"method":"identify","args":["u1",{"createdAt":"boom"}]}`, `"code":"internal_error"`},
		{`{"op":"call","engine":1,"method":"group","args":["g1",{"createdAt":"boom"}]}`, `"code":"internal_error"`},
		{`{"op":"call","engine":1,"method":"track","args":["After"]}`, `["track","After"]`},
		{`{"op":"call","engine":1,"method":"identify","args":["u2",{"email":"u2@example.com"}]}`, `"email":"u2@example.com"`},
	}
	for _, s := range steps {
		got := e.Handle(s.request)
		if !strings.Contains(got, s.want) {
			t.Errorf("Handle(%s)\n = %s\nwant it to contain %s", s.request, got, s.want)
		}
		if strings.Contains(s.want, "internal_error") && !strings.Contains(got, "forced panic") {
			t.Errorf("the internal_error answer does not name the panic: %s", got)
		}
	}
}
