package browser

import (
	"testing"

	"github.com/chromedp/cdproto/runtime"
)

func TestExceptionText(t *testing.T) {
	cases := []struct {
		name string
		d    *runtime.ExceptionDetails
		want string
	}{
		{name: "no details", want: "an exception without details"},
		{name: "error object keeps the first line of its stack",
			d: &runtime.ExceptionDetails{Text: "Uncaught", URL: "http://x/p", LineNumber: 2, ColumnNumber: 8,
				Exception: &runtime.RemoteObject{Type: "object", Subtype: "error", Description: "Error: boom\n    at http://x/p:3:9"}},
			want: "Uncaught Error: boom (at http://x/p:3:9)"},
		{name: "thrown string",
			d: &runtime.ExceptionDetails{Text: "Uncaught",
				Exception: &runtime.RemoteObject{Type: "string", Value: []byte(`"plain"`)}},
			want: "Uncaught plain"},
		{name: "place from the stack when the URL is missing",
			d: &runtime.ExceptionDetails{Text: "Uncaught (in promise) Error: x",
				Exception:  &runtime.RemoteObject{Type: "object", Subtype: "error", Description: "Error: x"},
				StackTrace: &runtime.StackTrace{CallFrames: []*runtime.CallFrame{{URL: "http://x/s.js"}}}},
			want: "Uncaught (in promise) Error: x (at http://x/s.js:1:1)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := ExceptionText(c.d); got != c.want {
				t.Errorf("ExceptionText = %q, want %q", got, c.want)
			}
		})
	}
}

func TestRemoteText(t *testing.T) {
	cases := []struct {
		name string
		o    *runtime.RemoteObject
		want string
	}{
		{name: "string", o: &runtime.RemoteObject{Type: "string", Value: []byte(`"a \"b\""`)}, want: `a "b"`},
		{name: "number", o: &runtime.RemoteObject{Type: "number", Value: []byte(`42`)}, want: "42"},
		{name: "NaN", o: &runtime.RemoteObject{Type: "number", UnserializableValue: "NaN"}, want: "NaN"},
		{name: "object preview", o: &runtime.RemoteObject{Type: "object", Description: "Object",
			Preview: &runtime.ObjectPreview{Properties: []*runtime.PropertyPreview{{Name: "a", Value: "1"}}, Overflow: true}},
			want: "{a: 1, …}"},
		{name: "array preview", o: &runtime.RemoteObject{Type: "object", Subtype: "array", Description: "Array(1)",
			Preview: &runtime.ObjectPreview{Properties: []*runtime.PropertyPreview{{Name: "0", Value: "x"}}}},
			want: "[0: x]"},
		{name: "function", o: &runtime.RemoteObject{Type: "function", Description: "function f() {}"}, want: "function f() {}"},
		{name: "undefined", o: &runtime.RemoteObject{Type: "undefined"}, want: "undefined"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := remoteText(c.o); got != c.want {
				t.Errorf("remoteText = %q, want %q", got, c.want)
			}
		})
	}
}
