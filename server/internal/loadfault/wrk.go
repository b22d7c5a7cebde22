package main

import (
	"errors"
	"fmt"
	"regexp"
)

var (
	reqLine    = regexp.MustCompile(`(?m)^\s*(\d+) requests in `)
	rpsLine    = regexp.MustCompile(`(?m)^Requests/sec:\s*([0-9.]+)`)
	sockLine   = regexp.MustCompile(`Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)`)
	non2xxLine = regexp.MustCompile(`Non-2xx or 3xx responses: (\d+)`)
	pctLine    = regexp.MustCompile(`(?m)^\s*(50|99)%\s+(\S+)`)
)

// parseWrk reads the figures out of wrk's report.
func parseWrk(out string, r *result) error {
	m := reqLine.FindStringSubmatch(out)
	if m == nil {
		return errors.New("wrk printed no request count:\n" + out)
	}
	fmt.Sscan(m[1], &r.requests)
	if m := rpsLine.FindStringSubmatch(out); m != nil {
		r.rps = m[1]
	}
	if m := sockLine.FindStringSubmatch(out); m != nil {
		fmt.Sscan(m[1], &r.connect)
		fmt.Sscan(m[2], &r.read)
		fmt.Sscan(m[3], &r.write)
		fmt.Sscan(m[4], &r.tmo)
	}
	if m := non2xxLine.FindStringSubmatch(out); m != nil {
		fmt.Sscan(m[1], &r.non2xx3xx)
	}
	for _, m := range pctLine.FindAllStringSubmatch(out, -1) {
		if m[1] == "50" {
			r.p50 = m[2]
		} else {
			r.p99 = m[2]
		}
	}
	return nil
}
