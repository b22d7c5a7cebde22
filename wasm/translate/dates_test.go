package translate

import (
	"math"
	"testing"

	"ramendest/wasm/jsonv"
)

// Expectations below were read from the isodate and new-date packages running in
// JavaScript (timezone UTC); -1 stands for "no match" / an invalid date.
func TestISODate(t *testing.T) {
	cases := []struct {
		s             string
		loose, strict bool
		ms            float64 // isodate.parse, when loose
	}{
		{"2009", true, false, 1230768000000},
		{"200902", true, false, 1233446400000},
		{"20090213", true, false, 1234483200000},
		{"2009-02", true, false, 1233446400000},
		{"2009-02-13", true, true, 1234483200000},
		{"2009-0213", true, false, 1234483200000},
		{"2009-02-13T23:31", true, true, 1234567860000},
		{"2009-02-13T2331", true, true, 1234567860000},
		{"2009-02-13T23:31:30.5", true, true, 1234567890500},
		{"2009-02-13T23:31:30,123456Z", true, true, 1234567890123},
		{"2009-02-13T23:31:30+0530", true, true, 1234548090000},
		{"2009-02-13T23:31:30-05", true, true, 1234585890000},
		{"2009-02-13 23:31:30+05:30", true, true, 1234567890000}, // space: local time wins
		{"0000-00-00", true, true, -2208988800000},               // year 0 is 1900, month and day 0 are 1
		{"9999-99-99T99:99:99", true, true, 253637152839000},     // every field overflows
		{"2009-02-13T23:31:30.Z", false, false, -1},
		{"2009-02-13T", false, false, -1},
		{"2009-1", false, false, -1},
		{"1234567890", false, false, -1},
		{"2009-02-13T23:31:30+5", false, false, -1},
		{"2009-02-13T23:31:30Z ", false, false, -1},
		{"x2009-02-13", false, false, -1},
		{"２００９-02-13", false, false, -1}, // \d is ASCII only
	}
	for _, c := range cases {
		m, loose := matchISO(c.s)
		if loose != c.loose || isISODate(c.s, true) != c.strict {
			t.Errorf("%q: loose %v strict %v, want %v %v", c.s, loose, isISODate(c.s, true), c.loose, c.strict)
			continue
		}
		if loose {
			if d := parseISO(m, 0); !d.Valid || d.Ms != c.ms {
				t.Errorf("parse %q = %+v, want %v", c.s, d, c.ms)
			}
		}
	}
}

func TestNewDate(t *testing.T) {
	parse := func(s string) (float64, bool) {
		switch s {
		case "2009-1":
			return 1230768000000, true
		case "12345":
			return 327403382400000, true
		}
		return math.NaN(), false
	}
	cases := []struct {
		v  any
		ms float64 // -1: invalid
	}{
		{"2009-1", 1230768000000}, {"1234567890", 1234567890000}, {"1234567890123", 1234567890123},
		{"12345", 327403382400000}, {"soon", -1}, {"x1234567890y", -1}, {" -1234567890", -1234567890000},
		{0.0, 0}, {1.0, 1000}, {-5.0, -5000}, {31557599999.0, 31557599999000}, {31557600000.0, 31557600000},
		{8.64e15, 8.64e15}, {1e16, -1}, {1234567890.7, 1234567890700}, {-0.5, -500},
		{true, 1}, {jsonv.Date{Ms: 5, Valid: true}, 5}, {jsonv.NewObject(), -1},
		{[]any{"2009"}, 1230768000000}, {[]any{1234567890.0, "x"}, 1234567890000},
	}
	for _, c := range cases {
		d := newDate(c.v, 0, parse)
		if (c.ms == -1) != !d.Valid || (d.Valid && d.Ms != c.ms) {
			t.Errorf("newDate(%#v) = %+v, want %v", c.v, d, c.ms)
		}
	}
	if d := newDate("Feb 13 2009", 0, nil); d.Valid {
		t.Errorf("without ParseDate a free-form string must be invalid, got %+v", d)
	}
}

func TestObjCase(t *testing.T) {
	obj := mustObject(t, `{"first_name":"a","Created At":1,"créé":2,"providers":{"ALL":false},"n":null,"x.y":{"z":3}}`)
	cases := []struct {
		path string
		want string
	}{
		{"firstName", `"a"`}, {"FIRST-NAME", `"a"`}, {"createdAt", `1`}, {"cr", `2`}, // "créé" normalises to "cr"
		{"providers.all", `false`}, {"providers.none", `null`}, {"n", `null`}, {"n.deeper", `null`}, {"x.y.z", `3`},
	}
	for _, c := range cases {
		got := find(obj, c.path)
		if isUndefined(got) {
			got = nil
		}
		if s := jsonv.Marshal(got); s != c.want {
			t.Errorf("find(%q) = %s, want %s", c.path, s, c.want)
		}
	}
	if find(obj, "cre") != undefined || !isUndefined(find(obj, "ghost")) {
		t.Error("unmatched paths must be undefined")
	}
	del(obj, "CREATED_AT")
	del(obj, "n")
	if got := jsonv.Marshal(obj); got != `{"first_name":"a","créé":2,"providers":{"ALL":false},"x.y":{"z":3}}` {
		t.Errorf("after del: %s", got)
	}
}

func TestJSTrim(t *testing.T) {
	if got := jsTrim("\u00a0\ufeff\u2003 Ryan \u3000\n"); got != "Ryan" {
		t.Errorf("jsTrim = %q", got)
	}
	if got := jsTrim("\u200bRyan"); got != "\u200bRyan" { // zero-width space is not \s
		t.Errorf("jsTrim kept too little: %q", got)
	}
}
