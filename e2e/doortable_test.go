package e2e

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// The front-door table is the translator engine's golden table: every case is
// a list of analytics calls and the exact calls RamenJS must receive. The
// engine's unit test runs it through the snippet door in Go; here it runs in
// Chromium through every door a site can use, which must all give the same
// log, byte for byte.
const doorsTable = "../wasm/engine/testdata/doors.json"

// tableCase is one case of the table. Values JSON cannot carry use the
// boundary protocol's tags: {"\u0000date": ms}, {"\u0000fn": 1}.
type tableCase struct {
	Name     string            `json:"name"`
	Settings json.RawMessage   `json:"settings"`
	Steps    []tableStep       `json:"steps"`
	Want     []json.RawMessage `json:"want"`
}

// tableStep is one call: analytics[Method](...Args).
type tableStep struct {
	Method string            `json:"method"`
	Args   []json.RawMessage `json:"args"`
}

// e2eSettings are the public settings of the "e2e" source: only cases made
// for them can run on pages served by the suite's server.
const e2eSettings = `{"organization_id":"6389149"}`

// legacyFlags are integration flags written beside `integrations` in a call's
// options (track('x', {}, {Ramen: false})). analytics.js honoured them;
// analytics-next moves them into the message's context and delivers the call,
// so the analytics-next doors cannot give the snippet door's answer.
var legacyFlags = []string{"Ramen", "All"}

// loadDoorTable reads the table and keeps the cases every door can run; the
// others are listed with the reason in the test log.
func loadDoorTable(t *testing.T) []tableCase {
	t.Helper()
	data, err := os.ReadFile(doorsTable)
	if err != nil {
		t.Fatalf("reading the front-door table: %v", err)
	}
	var all []tableCase
	if err := json.Unmarshal(data, &all); err != nil {
		t.Fatalf("decoding %s: %v", doorsTable, err)
	}
	var keep []tableCase
	for _, c := range all {
		if reason := skipReason(c); reason != "" {
			t.Logf("not run through every door: %q (%s)", c.Name, reason)
			continue
		}
		keep = append(keep, c)
	}
	if len(keep) < 30 {
		t.Fatalf("only %d of %d cases of %s fit every door", len(keep), len(all), doorsTable)
	}
	if missing := missingFeatures(keep); len(missing) > 0 {
		t.Fatalf("the cases of %s that fit every door no longer cover: %s", doorsTable, strings.Join(missing, ", "))
	}
	return keep
}

// missingFeatures lists what the issue requires the shared table to cover
// and the cases do not: the anonymous flow, secure-mode options, per-call
// integrations {Ramen: false} and {All: false}, and reset.
func missingFeatures(cases []tableCase) []string {
	found := map[string]bool{}
	for _, c := range cases {
		for _, w := range c.Want {
			if string(w) == `["identify"]` {
				found["anonymous flow"] = true
			}
		}
		for _, s := range c.Steps {
			if s.Method == "reset" {
				found["reset"] = true
			}
			for _, a := range s.Args {
				var opts struct {
					Integrations map[string]json.RawMessage `json:"integrations"`
				}
				if json.Unmarshal(a, &opts) != nil {
					continue
				}
				ramen, all := string(opts.Integrations["Ramen"]), string(opts.Integrations["All"])
				found["integrations {Ramen: false}"] = found["integrations {Ramen: false}"] || ramen == "false"
				found["integrations {All: false}"] = found["integrations {All: false}"] || all == "false" && ramen == ""
				found["secure-mode options"] = found["secure-mode options"] || strings.Contains(ramen, `"auth_hash"`)
			}
		}
	}
	var missing []string
	for _, f := range []string{"anonymous flow", "secure-mode options", "integrations {Ramen: false}", "integrations {All: false}", "reset"} {
		if !found[f] {
			missing = append(missing, f)
		}
	}
	return missing
}

// skipReason says why a case cannot run through every door, or "".
func skipReason(c tableCase) string {
	if same, err := sameJSON(string(c.Settings), e2eSettings); err != nil || !same {
		return "its settings are not the suite's source's settings"
	}
	if len(c.Want) == 0 || !strings.HasPrefix(string(c.Want[0]), `["boot"`) {
		return "RamenJS receives no boot"
	}
	for _, s := range c.Steps {
		if (s.Method == "identify" || s.Method == "group") && len(s.Args) > 0 && isJSONNumber(s.Args[0]) {
			// analytics-next's argument resolution makes a numeric id a
			// string (identify(0) sends userId "0"); analytics.js kept it.
			return "a numeric id, which analytics-next turns into a string"
		}
		for _, a := range s.Args {
			var obj map[string]json.RawMessage
			if json.Unmarshal(a, &obj) != nil {
				continue
			}
			for _, flag := range legacyFlags {
				if _, ok := obj[flag]; ok {
					return "top-level integration flags, which analytics-next ignores"
				}
			}
		}
	}
	return ""
}

// isJSONNumber reports whether raw is a JSON number (not a string of digits).
func isJSONNumber(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) > 0 && (raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9')
}

func sameJSON(a, b string) (bool, error) {
	ca, err := canonicalJSON(a)
	if err != nil {
		return false, err
	}
	cb, err := canonicalJSON(b)
	if err != nil {
		return false, err
	}
	return ca == cb, nil
}
