package engine

import (
	"os"
	"strings"
	"testing"

	"ramendest/wasm/jsonv"
)

// doorsFile is the front-door golden table, shared with the browser end-to-end tests:
// a list of {name, settings, steps: [{method, args}], want}, where steps are calls a
// page makes (analytics.<method>(...args)) and want is every call RamenJS receives,
// boot included. Values JSON cannot carry use the protocol's tags: {"\u0000date": ms}
// for a Date, {"\u0000fn": 1} for a callback. UPDATE_GOLDEN=1 rewrites want from what
// the engine answers now; review the diff before committing it.
const doorsFile = "testdata/doors.json"

type doorCase struct {
	name     string
	settings any
	steps    []any
	want     any
}

func readDoors(t *testing.T) []doorCase {
	t.Helper()
	data, err := os.ReadFile(doorsFile)
	if err != nil {
		t.Fatalf("read golden table: %v", err)
	}
	v, err := jsonv.Parse(string(data))
	if err != nil {
		t.Fatalf("parse %s: %v", doorsFile, err)
	}
	list, _ := v.([]any)
	var cases []doorCase
	for _, x := range list {
		o := x.(*jsonv.Object)
		c := doorCase{name: field(o, "name").(string), settings: field(o, "settings"), want: field(o, "want")}
		c.steps, _ = field(o, "steps").([]any)
		cases = append(cases, c)
	}
	if len(cases) == 0 {
		t.Fatalf("%s holds no cases", doorsFile)
	}
	return cases
}

// runSnippetDoor drives one case through the standalone snippet's door (open, then a
// call request per step) and returns every call RamenJS would receive.
func runSnippetDoor(t *testing.T, c doorCase) []any {
	t.Helper()
	e := &Engine{}
	open := jsonv.NewObject()
	open.Set("op", "open")
	open.Set("engine", 1.0)
	open.Set("settings", c.settings)
	open.Set("state", nil)
	open.Set("tzOffsetMinutes", 0.0)
	calls := answerCalls(t, e.Handle(jsonv.MarshalTagged(open)))
	for _, s := range c.steps {
		step := s.(*jsonv.Object)
		req := jsonv.NewObject()
		req.Set("op", "call")
		req.Set("engine", 1.0)
		req.Set("method", field(step, "method"))
		req.Set("args", field(step, "args"))
		calls = append(calls, answerCalls(t, e.Handle(jsonv.MarshalTagged(req)))...)
	}
	return calls
}

// answerCalls checks an answer's shape and returns its calls.
func answerCalls(t *testing.T, answer string) []any {
	t.Helper()
	v, err := jsonv.Parse(answer)
	if err != nil {
		t.Fatalf("answer %s is not JSON: %v", answer, err)
	}
	o, ok := v.(*jsonv.Object)
	if !ok {
		t.Fatalf("answer %s is not an object", answer)
	}
	calls, ok := field(o, "calls").([]any)
	if !ok {
		t.Fatalf("answer %s has no calls list", answer)
	}
	for _, d := range field(o, "diagnostics").([]any) {
		if code := field(d.(*jsonv.Object), "code"); code == CodeBadRequest || code == CodeInternalError {
			t.Errorf("answer %s reports a failure", answer)
		}
	}
	return calls
}

func TestDoorsGolden(t *testing.T) {
	cases := readDoors(t)
	update := os.Getenv("UPDATE_GOLDEN") == "1"
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := runSnippetDoor(t, c)
			if update {
				cases[i].want = got
				return
			}
			if g, w := jsonv.Marshal(got), jsonv.Marshal(c.want); g != w {
				t.Errorf("RamenJS receives\n got %s\nwant %s", g, w)
			}
		})
	}
	if update {
		writeDoors(t, cases)
	}
}

// writeDoors writes the table one case per block, so diffs stay readable.
func writeDoors(t *testing.T, cases []doorCase) {
	t.Helper()
	var b strings.Builder
	b.WriteString("[\n")
	for i, c := range cases {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString(`{"name":` + jsonv.Marshal(c.name) + ",\n")
		b.WriteString(` "settings":` + jsonv.MarshalTagged(c.settings) + ",\n")
		b.WriteString(` "steps":[`)
		for j, s := range c.steps {
			if j > 0 {
				b.WriteString(",")
			}
			b.WriteString("\n  " + jsonv.MarshalTagged(s))
		}
		b.WriteString("],\n")
		b.WriteString(` "want":[`)
		want, _ := c.want.([]any)
		for j, w := range want {
			if j > 0 {
				b.WriteString(",")
			}
			b.WriteString("\n  " + jsonv.Marshal(w))
		}
		b.WriteString("]}")
	}
	b.WriteString("\n]\n")
	if err := os.WriteFile(doorsFile, []byte(b.String()), 0o644); err != nil {
		t.Fatalf("write %s: %v", doorsFile, err)
	}
}
