package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"ramendest/e2e/internal/browser"
)

// Deadlines: guards against a hang, never speed checks. They are generous
// because two shared cores compile a WASM module per tab.
const (
	readyTimeout    = 45 * time.Second
	receivedTimeout = 30 * time.Second
	// settle is how long a test waits, after the expected calls arrived,
	// for an unexpected extra call to show up.
	settle = 150 * time.Millisecond
)

// bootCall is what the stand-in receives first for the "e2e" source.
const bootCall = `["boot","6389149",{"organization_id":"6389149"}]`

// received builds the expected window.Ramen.received: boot, then calls.
func received(calls ...string) string {
	return "[" + strings.Join(append([]string{bootCall}, calls...), ",") + "]"
}

// waitTranslator waits until the bundle took over the snippet's queue and
// the WASM translator runs: analytics._ramenReady (created by the snippet)
// resolves true, or false when the destination failed or is disabled.
func waitTranslator(t *testing.T, tab *browser.Tab) {
	t.Helper()
	if ready := awaitReady(t, tab); !ready {
		t.Fatalf("analytics._ramenReady resolved false: the translator did not start\n%s", tab.Diagnostics())
	}
}

// awaitReady waits for analytics._ramenReady and returns its value.
func awaitReady(t *testing.T, tab *browser.Tab) bool {
	t.Helper()
	if err := tab.WaitUntil(`window.analytics && window.analytics._ramenReady`, readyTimeout); err != nil {
		t.Fatalf("the snippet never set analytics._ramenReady: %v\n%s", err, tab.Diagnostics())
	}
	var ready bool
	js := fmt.Sprintf(`Promise.race([window.analytics._ramenReady.then(v => v === true),
		new Promise((_, reject) => setTimeout(() => reject(new Error('analytics._ramenReady still pending')), %d))])`,
		readyTimeout.Milliseconds())
	if err := tab.Eval(js, &ready); err != nil {
		t.Fatalf("waiting for analytics._ramenReady: %v\n%s", err, tab.Diagnostics())
	}
	return ready
}

// readReceived returns JSON.stringify(window.Ramen.received) ("null" when
// the stand-in has not run); the raw text keeps the key order.
func readReceived(tab *browser.Tab) (string, error) {
	var s string
	err := tab.Eval(`JSON.stringify(window.Ramen && window.Ramen.received || null)`, &s)
	return s, err
}

// waitReceived waits until the stand-in received at least n calls and the
// page settled, then returns the raw received log.
func waitReceived(t *testing.T, tab *browser.Tab, n int, want string) string {
	t.Helper()
	cond := fmt.Sprintf(`window.Ramen && Array.isArray(window.Ramen.received) && window.Ramen.received.length >= %d`, n)
	if err := tab.WaitUntil(cond, receivedTimeout); err != nil {
		got, _ := readReceived(tab)
		t.Fatalf("the stand-in did not receive %d calls: %v\nwant: %s\ngot:  %s\n%s",
			n, err, want, got, tab.Diagnostics())
	}
	// Let every queued call drain: analytics.ready's callback runs after the
	// replay of calls queued before it, then one more task turn.
	js := fmt.Sprintf(`Promise.race([new Promise(r => window.analytics.ready(() => setTimeout(r, 0))),
		new Promise((_, reject) => setTimeout(() => reject(new Error('analytics.ready never called back')), %d))])`,
		receivedTimeout.Milliseconds())
	if err := tab.Eval(js, nil); err != nil {
		t.Fatalf("waiting for analytics.ready: %v\n%s", err, tab.Diagnostics())
	}
	time.Sleep(settle)
	got, err := readReceived(tab)
	if err != nil {
		t.Fatalf("reading window.Ramen.received: %v\n%s", err, tab.Diagnostics())
	}
	return got
}

// compareReceived fails the test unless got equals want as JSON values
// (object key order ignored; see checkKeyOrder for order).
func compareReceived(t *testing.T, tab *browser.Tab, want, got string) {
	t.Helper()
	cw, err := canonicalJSON(want)
	if err != nil {
		t.Fatalf("bad expectation %s: %v", want, err)
	}
	cg, err := canonicalJSON(got)
	if err != nil {
		t.Fatalf("bad received log %s: %v", got, err)
	}
	if cw != cg {
		t.Errorf("window.Ramen.received differs\nwant:%s\ngot:%s\n%s", indent(cw), indent(cg), tab.Diagnostics())
	}
}

// canonicalJSON re-encodes a JSON text with object keys sorted, so two
// values compare equal exactly when they are the same JSON value.
func canonicalJSON(s string) (string, error) {
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return "", fmt.Errorf("decoding %s: %w", s, err)
	}
	b, err := json.Marshal(v) // encoding/json sorts map keys
	if err != nil {
		return "", fmt.Errorf("encoding: %w", err)
	}
	return string(b), nil
}

// indent renders a canonical log one call per line, so a difference is
// easy to spot in a failure message.
func indent(s string) string {
	var calls []json.RawMessage
	if json.Unmarshal([]byte(s), &calls) != nil {
		return s
	}
	var b strings.Builder
	for _, c := range calls {
		b.WriteString("\n    ")
		b.Write(c)
	}
	return b.String()
}

// keyOrder names an object inside the received log, by the index of the
// call (0 is boot) and of the argument (0 is the method name), and the keys
// it must have, in that order.
type keyOrder struct {
	call, arg int
	keys      []string
}

// checkKeyOrder fails the test unless the object at k has exactly k.keys in
// that order.
func checkKeyOrder(t *testing.T, got string, k keyOrder) {
	t.Helper()
	var calls [][]json.RawMessage
	if err := json.Unmarshal([]byte(got), &calls); err != nil {
		t.Fatalf("decoding the received log: %v", err)
	}
	if k.call >= len(calls) || k.arg >= len(calls[k.call]) {
		t.Fatalf("no argument %d in call %d of %s", k.arg, k.call, got)
	}
	keys, err := objectKeys(calls[k.call][k.arg])
	if err != nil {
		t.Fatalf("call %d argument %d: %v", k.call, k.arg, err)
	}
	if !slices.Equal(keys, k.keys) {
		t.Errorf("call %d argument %d: key order\nwant: %q\ngot:  %q", k.call, k.arg, k.keys, keys)
	}
}

// objectKeys returns the top-level keys of a JSON object in document order.
func objectKeys(raw json.RawMessage) ([]string, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, fmt.Errorf("not a JSON object: %s", raw)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("reading a key: %w", err)
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return nil, fmt.Errorf("reading the value of %q: %w", tok, err)
		}
	}
	return keys, nil
}

// countCalls returns how many calls a received-log JSON text holds.
func countCalls(t *testing.T, log string) int {
	t.Helper()
	var calls []json.RawMessage
	if err := json.Unmarshal([]byte(log), &calls); err != nil {
		t.Fatalf("bad expectation %s: %v", log, err)
	}
	return len(calls)
}
