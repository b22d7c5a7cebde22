package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"ramendest/e2e/internal/browser"
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

// expectedLog is the whole log the driver must produce: boot, then each
// case's calls followed by the reset the driver makes after it. It also
// returns, per case, how many calls it adds.
func expectedLog(cases []tableCase) (string, []int) {
	calls := []string{string(cases[0].Want[0])}
	counts := make([]int, len(cases))
	for i, c := range cases {
		for _, w := range c.Want[1:] {
			calls = append(calls, string(w))
		}
		calls = append(calls, `["reset"]`)
		counts[i] = len(c.Want)
	}
	return "[" + strings.Join(calls, ",") + "]", counts
}

// driverJS makes every case's calls on window.analytics, awaiting each (the
// analytics-next methods return promises; the snippet's return analytics),
// and resets after each case so the next starts as a first visit.
func driverJS(t *testing.T, cases []tableCase) string {
	t.Helper()
	table, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	return `(async (table) => {
  const tagged = (v, tag) => Object.keys(v).length === 1 && Object.prototype.hasOwnProperty.call(v, tag);
  const revive = (v) => {
    if (Array.isArray(v)) return v.map(revive);
    if (v === null || typeof v !== 'object') return v;
    if (tagged(v, '\u0000date')) return new Date(v['\u0000date'] === null ? NaN : v['\u0000date']);
    if (tagged(v, '\u0000fn')) return function () {};
    if (tagged(v, '\u0000undef')) return undefined;
    const out = {};
    for (const k of Object.keys(v)) out[k] = revive(v[k]);
    return out;
  };
  for (const c of table) {
    for (const s of c.steps) await window.analytics[s.method](...revive(s.args || []));
    await window.analytics.reset();
  }
  return true;
})(` + string(table) + `)`
}

// frontDoor is one way a site sends analytics calls to Ramen.
type frontDoor struct {
	name string
	// open loads the door's page and returns once calls may be made.
	open func(t *testing.T, tab *browser.Tab)
	// check, if set, verifies door-specific facts after the calls.
	check func(t *testing.T, tab *browser.Tab)
}

// TestFrontDoorsGiveIdenticalCalls drives the shared table through the
// standalone snippet, analytics-next's classic destination and its
// register() plugin (as an ES module and from window.RamenDestination), and
// requires the same RamenJS log from each, equal to the table's.
func TestFrontDoorsGiveIdenticalCalls(t *testing.T) {
	cases := loadDoorTable(t)
	want, counts := expectedLog(cases)
	n := countCalls(t, want)
	driver := driverJS(t, cases)
	doors := frontDoors(t)
	logs := make([]string, len(doors))
	t.Run("doors", func(t *testing.T) {
		for i, d := range doors {
			t.Run(d.name, func(t *testing.T) {
				t.Parallel()
				tab := newTab(t)
				d.open(t, tab)
				tab.Exec(driver)
				got := waitLog(t, tab, n, want)
				if d.check != nil {
					d.check(t, tab)
				}
				logs[i] = got
				compareTable(t, tab, cases, counts, want, got)
			})
		}
	})
	for i := 1; i < len(doors); i++ {
		if logs[0] == "" || logs[i] == "" {
			continue // that door already failed
		}
		if logs[i] != logs[0] {
			t.Errorf("JSON.stringify(window.Ramen.received) differs between %q and %q:\n%s\n%s",
				doors[0].name, doors[i].name, logs[0], logs[i])
		}
	}
}

// waitLog waits until the stand-in received n calls, lets stray calls arrive,
// and returns JSON.stringify(window.Ramen.received).
func waitLog(t *testing.T, tab *browser.Tab, n int, want string) string {
	t.Helper()
	cond := fmt.Sprintf(`window.Ramen && Array.isArray(window.Ramen.received) && window.Ramen.received.length >= %d`, n)
	if err := tab.WaitUntil(cond, receivedTimeout); err != nil {
		got, _ := readReceived(tab)
		t.Fatalf("the stand-in did not receive %d calls: %v\nwant: %s\ngot:  %s\n%s", n, err, want, got, tab.Diagnostics())
	}
	tab.Exec(`new Promise(r => setTimeout(r, 300))`) // an extra call would show up now
	got, err := readReceived(tab)
	if err != nil {
		t.Fatalf("reading window.Ramen.received: %v\n%s", err, tab.Diagnostics())
	}
	return got
}

// compareTable compares a door's log with the table's and names the first
// case whose calls differ.
func compareTable(t *testing.T, tab *browser.Tab, cases []tableCase, counts []int, want, got string) {
	t.Helper()
	if same, err := sameJSON(want, got); err == nil && same {
		return
	}
	var w, g []json.RawMessage
	_ = json.Unmarshal([]byte(want), &w)
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatalf("the received log is not a JSON list: %v\n%s", err, got)
	}
	at := 1 // after boot
	for i, c := range cases {
		end := at + counts[i]
		if end > len(g) || !sameCalls(w[at:end], g[at:min(end, len(g))]) {
			t.Errorf("case %q: RamenJS received\n%s\nwant\n%s\n(whole log: %s)\n%s", c.Name,
				joinRaw(g[min(at, len(g)):min(end, len(g))]), joinRaw(w[at:end]), got, tab.Diagnostics())
			return
		}
		at = end
	}
	t.Errorf("window.Ramen.received differs from the table\nwant: %s\ngot:  %s", want, got)
}

func sameCalls(a, b []json.RawMessage) bool {
	same, err := sameJSON(string(joinRaw(a)), string(joinRaw(b)))
	return err == nil && same
}

func joinRaw(list []json.RawMessage) []byte {
	parts := make([][]byte, len(list))
	for i, r := range list {
		parts[i] = r
	}
	return append(append([]byte("["), bytes.Join(parts, []byte(","))...), ']')
}
