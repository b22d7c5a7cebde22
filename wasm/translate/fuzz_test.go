package translate

import (
	"testing"

	"ramendest/wasm/jsonv"
)

// FuzzTranslate feeds arbitrary messages to a translator: it must never panic, never
// change the message it was given, and always produce calls that are valid JSON.
func FuzzTranslate(f *testing.F) {
	for _, cs := range [][]goldenCase{publicExamples, seedExamples, ruleCases} {
		for _, c := range cs {
			for _, e := range c.events {
				f.Add(e)
			}
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		v, err := jsonv.Parse(text)
		if err != nil {
			return
		}
		event, ok := v.(*jsonv.Object)
		if !ok {
			return
		}
		before := jsonv.MarshalTagged(event)
		tr, _ := New(jsonv.NewObject(), Options{TZOffsetMinutes: -90, ParseDate: fakeParseDate})
		for i := 0; i < 2; i++ { // the second time, the first may have identified
			calls, diags := tr.Translate(event)
			out := MarshalCalls(calls)
			if _, err := jsonv.Parse(out); err != nil {
				t.Fatalf("calls %s are not JSON: %v", out, err)
			}
			for _, d := range diags {
				if d.Code == "" || d.Message == "" {
					t.Fatalf("diagnostic %+v lacks a code or message", d)
				}
			}
		}
		if after := jsonv.MarshalTagged(event); after != before {
			t.Fatalf("Translate changed its input:\n%s\n%s", before, after)
		}
	})
}
