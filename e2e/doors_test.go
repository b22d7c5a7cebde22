package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"ramendest/e2e/internal/browser"
)

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
