package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// WrkResult is what one wrk run reports.
type WrkResult struct {
	// RequestsPerSec is wrk's "Requests/sec".
	RequestsPerSec float64
	// P50 and P99 are latency percentiles in milliseconds.
	P50, P99 float64
	// Requests is the number of completed requests.
	Requests int
	// Errors counts non-2xx/3xx answers plus socket errors.
	Errors int
}

var (
	wrkRPS      = regexp.MustCompile(`(?m)^Requests/sec:\s+([0-9.]+)`)
	wrkPct      = regexp.MustCompile(`(?m)^\s+(50|99)%\s+([0-9.]+)(us|ms|s)\s*$`)
	wrkRequests = regexp.MustCompile(`(?m)^\s+([0-9]+) requests in `)
	wrkNon2xx   = regexp.MustCompile(`(?m)^\s+Non-2xx or 3xx responses: ([0-9]+)`)
	wrkSocket   = regexp.MustCompile(`(?m)^\s+Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)`)
)

// parseWrk reads wrk's text output (run with --latency).
func parseWrk(out string) (WrkResult, error) {
	var r WrkResult
	m := wrkRPS.FindStringSubmatch(out)
	if m == nil {
		return r, fmt.Errorf("wrk output has no Requests/sec line:\n%s", out)
	}
	r.RequestsPerSec, _ = strconv.ParseFloat(m[1], 64)
	found := 0
	for _, m := range wrkPct.FindAllStringSubmatch(out, -1) {
		v, _ := strconv.ParseFloat(m[2], 64)
		switch m[3] {
		case "us":
			v /= 1000
		case "s":
			v *= 1000
		}
		if m[1] == "50" {
			r.P50 = v
		} else {
			r.P99 = v
		}
		found++
	}
	if found != 2 {
		return r, fmt.Errorf("wrk output lacks the 50%% and 99%% latency lines (run it with --latency):\n%s", out)
	}
	if m := wrkRequests.FindStringSubmatch(out); m != nil {
		r.Requests, _ = strconv.Atoi(m[1])
	}
	if m := wrkNon2xx.FindStringSubmatch(out); m != nil {
		n, _ := strconv.Atoi(m[1])
		r.Errors += n
	}
	if m := wrkSocket.FindStringSubmatch(out); m != nil {
		for _, s := range m[1:] {
			n, _ := strconv.Atoi(strings.TrimSpace(s))
			r.Errors += n
		}
	}
	return r, nil
}
