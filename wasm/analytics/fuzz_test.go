package analytics

import (
	"testing"

	"ramendest/wasm/jsonv"
)

var fuzzMethods = []string{"identify", "group", "track", "page", "reset", "alias"}

// FuzzSessionCall feeds arbitrary arguments to every method: no call may panic, every
// message and state must marshal to JSON that parses back, and a session restored
// from State() must answer the next call the same way.
func FuzzSessionCall(f *testing.F) {
	for _, seed := range []string{
		`["7",{"a":1},{"Ramen":false},{"\u0000fn":1}]`,
		`[{"a":[1,{"\u0000date":5}]},"str",5]`,
		`["Cat","Name","props",{"context":"x"}]`,
		`[{"\u0000undef":1},{"integrations":true,"ramen":1,"providers":{"All":false}}]`,
		`[[1,2],"😀",[],{"\u0000date":null}]`,
		`[]`,
	} {
		for m := range fuzzMethods {
			f.Add(seed, uint8(m))
		}
	}
	f.Fuzz(func(t *testing.T, argsJSON string, method uint8) {
		parsed, err := jsonv.Parse(argsJSON)
		if err != nil {
			return
		}
		args, ok := parsed.([]any)
		if !ok {
			args = []any{parsed}
		}
		name := fuzzMethods[int(method)%len(fuzzMethods)]
		s := NewSession(nil)
		s.Call("identify", []any{"7", mustObject(`{"a":1}`)})
		first := s.Call(name, args)
		second := s.Call(name, args)
		for _, res := range []Result{first, second} {
			if res.Event != nil {
				if _, err := jsonv.Parse(jsonv.Marshal(res.Event)); err != nil {
					t.Fatalf("message does not marshal to JSON: %v", err)
				}
			}
			if res.Callback < -1 || res.Callback >= len(args) {
				t.Fatalf("callback index %d outside the %d arguments", res.Callback, len(args))
			}
		}
		stored, err := jsonv.Parse(jsonv.MarshalTagged(s.State()))
		if err != nil {
			t.Fatalf("state does not marshal to JSON: %v", err)
		}
		restored := NewSession(stored)
		a, b := s.Call(name, args), restored.Call(name, args)
		if jsonv.MarshalTagged(a.Event) != jsonv.MarshalTagged(b.Event) {
			t.Fatalf("restored session answers differently:\n%s\n%s", jsonv.MarshalTagged(a.Event), jsonv.MarshalTagged(b.Event))
		}
	})
}

func mustObject(text string) *jsonv.Object {
	v, err := jsonv.Parse(text)
	if err != nil {
		panic(err)
	}
	return v.(*jsonv.Object)
}
