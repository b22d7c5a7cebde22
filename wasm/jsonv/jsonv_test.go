package jsonv

import (
	"errors"
	"math"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	cases := []struct{ in, plain, tagged string }{
		{`null`, `null`, `null`},
		{`{"b":1,"a":[true,false,null,"x"]}`, `{"b":1,"a":[true,false,null,"x"]}`, `{"b":1,"a":[true,false,null,"x"]}`},
		{`{"d":{"\u0000date":1234567890000}}`, `{"d":"2009-02-13T23:31:30.000Z"}`, `{"d":{"\u0000date":1234567890000}}`},
		{`{"d":{"\u0000date":null}}`, `{"d":null}`, `{"d":{"\u0000date":null}}`},
		{`[{"\u0000fn":1},{"\u0000undef":1}]`, `[null,null]`, `[{"\u0000fn":1},{"\u0000undef":1}]`},
		{`{"f":{"\u0000fn":1},"k":2}`, `{"k":2}`, `{"f":{"\u0000fn":1},"k":2}`},
		{`"a\"b\\c\n\u0001é😀"`, `"a\"b\\c\n\u0001é😀"`, `"a\"b\\c\n\u0001é😀"`},
		{`"\ud83d\ude00"`, `"😀"`, `"😀"`},
		{` [ 1.5 , -0.25e2 ] `, `[1.5,-25]`, `[1.5,-25]`},
	}
	for _, c := range cases {
		v, err := Parse(c.in)
		if err != nil {
			t.Fatalf("Parse(%s): %v", c.in, err)
		}
		if got := Marshal(v); got != c.plain {
			t.Errorf("Marshal(Parse(%s)) = %s, want %s", c.in, got, c.plain)
		}
		if got := MarshalTagged(v); got != c.tagged {
			t.Errorf("MarshalTagged(Parse(%s)) = %s, want %s", c.in, got, c.tagged)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, in := range []string{``, `{`, `[1,]`, `{"a" 1}`, `tru`, `"abc`, `01x`, `1 2`, `"\x"`, "\"a\x01\"", `-`, `1.`, `1e`} {
		if _, err := Parse(in); !errors.Is(err, ErrSyntax) {
			t.Errorf("Parse(%q) error = %v, want ErrSyntax", in, err)
		}
	}
}

func TestNumbersLikeJavaScript(t *testing.T) {
	cases := map[float64]string{
		1234567890: "1234567890", 43.1: "43.1", -2: "-2", 1e21: "1e+21", 1.5e-7: "1.5e-7",
		0.000001: "0.000001", 123456789012345680000: "123456789012345680000", math.NaN(): "null",
		math.Inf(-1): "null", math.Copysign(0, -1): "0", 1.7976931348623157e308: "1.7976931348623157e+308",
	}
	for f, want := range cases {
		if got := string(AppendNumber(nil, f)); got != want {
			t.Errorf("AppendNumber(%v) = %s, want %s", f, got, want)
		}
	}
}

func TestFormatISO(t *testing.T) {
	cases := map[float64]string{
		0: "1970-01-01T00:00:00.000Z", 1234567890000: "2009-02-13T23:31:30.000Z",
		-1500: "1969-12-31T23:59:58.500Z", 951782400000: "2000-02-29T00:00:00.000Z",
		-62198755200000: "-000001-01-01T00:00:00.000Z", 253402300800000: "+010000-01-01T00:00:00.000Z",
	}
	for ms, want := range cases {
		if got := FormatISO(ms); got != want {
			t.Errorf("FormatISO(%v) = %s, want %s", ms, got, want)
		}
	}
}

func TestDaysFromCivilInvertsCivilFromDays(t *testing.T) {
	for d := int64(-800000); d < 800000; d += 97 {
		y, m, dd := CivilFromDays(d)
		if got := DaysFromCivil(y, int64(m), int64(dd)); got != d {
			t.Fatalf("DaysFromCivil(CivilFromDays(%d)) = %d", d, got)
		}
	}
	if got := DaysFromCivil(2009, 14, 1); got != DaysFromCivil(2010, 2, 1) {
		t.Errorf("month overflow: got %d", got)
	}
	if got := DaysFromCivil(2009, 0, 1); got != DaysFromCivil(2008, 12, 1) {
		t.Errorf("month underflow: got %d", got)
	}
}

func TestObjectOrderAndClone(t *testing.T) {
	o := NewObject()
	o.Set("b", 1.0)
	o.Set("a", 2.0)
	o.Set("b", 3.0)
	o.Delete("zz")
	c := Clone(o).(*Object)
	o.Delete("b")
	if got := Marshal(c); got != `{"b":3,"a":2}` {
		t.Errorf("clone = %s", got)
	}
	if got := Marshal(o); got != `{"a":2}` {
		t.Errorf("after delete = %s", got)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{`{"a":[1,2,{"\u0000date":5}]}`, `"\ud800"`, `[[[[]]]]`, `-0.0e-0`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := Parse(s)
		if err != nil {
			return
		}
		// What we write must parse again to the same text.
		out := MarshalTagged(v)
		v2, err := Parse(out)
		if err != nil {
			t.Fatalf("re-parse of %q: %v", out, err)
		}
		if out2 := MarshalTagged(v2); out2 != out {
			t.Fatalf("not stable: %q then %q", out, out2)
		}
	})
}
