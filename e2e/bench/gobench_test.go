package main

import (
	"reflect"
	"testing"
)

func TestParseGoBench(t *testing.T) {
	out := `goos: linux
BenchmarkTrack-2              	  100000	     11000 ns/op	    4000 B/op	      50 allocs/op
BenchmarkIdentify20Traits-2   	   20000	     60000 ns/op	   30000 B/op	     400 allocs/op
BenchmarkTrack-2              	  100000	     12000.5 ns/op	    4000 B/op	      50 allocs/op
PASS
`
	want := []GoBench{
		{Name: "BenchmarkTrack", NsPerOp: Series{11000, 12000.5}, BytesPerOp: Series{4000, 4000}, AllocsPerOp: Series{50, 50}},
		{Name: "BenchmarkIdentify20Traits", NsPerOp: Series{60000}, BytesPerOp: Series{30000}, AllocsPerOp: Series{400}},
	}
	if got := parseGoBench(out); !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}
