package main

import (
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
)

// GoBench is one Go benchmark's figures over -count runs.
type GoBench struct {
	Name                 string
	NsPerOp, AllocsPerOp Series
	BytesPerOp           Series
}

var benchLine = regexp.MustCompile(`(?m)^(Benchmark\w+)(?:-\d+)?\s+\d+\s+([0-9.]+) ns/op\s+([0-9.]+) B/op\s+([0-9.]+) allocs/op`)

// goBenchmarks runs the translator core's benchmarks (natively: the Go code is
// the same that runs in the WASM module).
func goBenchmarks(count int) ([]GoBench, string, error) {
	const pkg = "./wasm/engine"
	args := []string{"test", "-run", "^$", "-bench", "^(BenchmarkTrack|BenchmarkIdentify20Traits)$", "-benchmem", "-count", strconv.Itoa(count), pkg}
	out, err := exec.Command("go", args...).CombinedOutput()
	if err != nil {
		return nil, "", fmt.Errorf("go test -bench: %w\n%s", err, out)
	}
	benches := parseGoBench(string(out))
	if len(benches) == 0 {
		return nil, "", fmt.Errorf("go test -bench printed no results:\n%s", out)
	}
	return benches, pkg, nil
}

// parseGoBench collects the benchmark lines of go test's output, by name in
// order of first appearance.
func parseGoBench(out string) []GoBench {
	var list []GoBench
	index := map[string]int{}
	for _, m := range benchLine.FindAllStringSubmatch(out, -1) {
		i, ok := index[m[1]]
		if !ok {
			i = len(list)
			index[m[1]] = i
			list = append(list, GoBench{Name: m[1]})
		}
		ns, _ := strconv.ParseFloat(m[2], 64)
		b, _ := strconv.ParseFloat(m[3], 64)
		allocs, _ := strconv.ParseFloat(m[4], 64)
		list[i].NsPerOp = append(list[i].NsPerOp, ns)
		list[i].BytesPerOp = append(list[i].BytesPerOp, b)
		list[i].AllocsPerOp = append(list[i].AllocsPerOp, allocs)
	}
	return list
}
