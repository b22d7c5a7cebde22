package engine

import (
	"os"
	"strings"
	"testing"

	"ramendest/wasm/jsonv"
)

// FuzzEngineHandle sends arbitrary requests to an engine with an open front door: the
// answer must always be a JSON object with calls and diagnostics, and never report an
// internal error (a recovered panic is still a bug).
func FuzzEngineHandle(f *testing.F) {
	for _, r := range []string{
		openDemo,
		`{"op":"call","engine":1,"method":"identify","args":["19",{"email":"a@b.c"},{"\u0000fn":1}]}`,
		`{"op":"call","engine":1,"method":"group","args":["g",{"createdAt":"2009-02-13T23:31:30Z"},{"integrations":{"All":false,"Ramen":true}}]}`,
		`{"op":"call","engine":1,"method":"page","args":["Docs","Intro",{"path":"/x"},{"\u0000fn":1}]}`,
		`{"op":"event","engine":1,"event":{"type":"identify","userId":"1","traits":{"created":"1234567890"},"integrations":{"Ramen":{"auth_hash_timestamp":5}}}}`,
		`{"op":"event","engine":1,"event":{"type":"reset"}}`,
		`{"op":"open","engine":2,"settings":null,"state":{"user":{"id":"1","traits":{}}}}`,
		`{"op":"call","engine":1,"method":"reset","args":[]}`, `[1,2]`, `{`,
	} {
		f.Add(r)
	}
	if data, err := os.ReadFile(doorsFile); err == nil {
		if v, err := jsonv.Parse(string(data)); err == nil {
			for _, c := range v.([]any) {
				steps, _ := field(c.(*jsonv.Object), "steps").([]any)
				for _, s := range steps {
					req := jsonv.NewObject()
					req.Set("op", "call")
					req.Set("engine", 1.0)
					req.Set("method", field(s.(*jsonv.Object), "method"))
					req.Set("args", field(s.(*jsonv.Object), "args"))
					f.Add(jsonv.MarshalTagged(req))
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, request string) {
		e := &Engine{ParseDate: func(string) (float64, bool) { return 0, false }}
		e.Handle(openDemo)
		for i := 0; i < 2; i++ {
			answer := e.Handle(request)
			v, err := jsonv.Parse(answer)
			if err != nil {
				t.Fatalf("answer %s is not JSON: %v", answer, err)
			}
			o, ok := v.(*jsonv.Object)
			if !ok {
				t.Fatalf("answer %s is not an object", answer)
			}
			if _, ok := field(o, "calls").([]any); !ok {
				t.Fatalf("answer %s has no calls", answer)
			}
			if _, ok := field(o, "diagnostics").([]any); !ok {
				t.Fatalf("answer %s has no diagnostics", answer)
			}
			if strings.Contains(answer, `"code":"internal_error"`) {
				t.Fatalf("request %q: %s", request, answer)
			}
		}
	})
}
