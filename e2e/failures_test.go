package e2e

import (
	"strings"
	"testing"
	"time"
)

// loadTimeout mirrors the glue's load timeouts (snippet and bundle): a
// resource that has not arrived by then gets its warning.
const loadTimeout = 10 * time.Second

// TestLoadFailures breaks each thing the destination loads, in each way a
// real page sees it break, and checks that the page keeps working, nothing
// throws, and the destination prints exactly one warning naming the cause.
func TestLoadFailures(t *testing.T) {
	f := faultsServer()
	origin := f.origin()
	csp := func(policy string) string {
		return `<meta http-equiv="Content-Security-Policy" content="` + policy + `">`
	}
	cases := []struct {
		name string
		mode faultMode
		head string
		// want are substrings of the one warning.
		want []string
		// queued: the calls reach window._ramen (RamenJS failed, the
		// translator did not) and wait there for RamenJS.
		queued bool
		// slow: the warning comes only after the load timeout.
		slow bool
		// held: the page's callbacks never run, because the bundle (the
		// part that calls them) never arrived; with a slow translator they
		// run after the load timeout.
		held bool
	}{
		{name: "no WebAssembly", head: `<script>delete window.WebAssembly;</script>`,
			want: []string{"translator_failed", "does not support WebAssembly"}},
		{name: "CSP without wasm-unsafe-eval",
			head: csp("script-src 'unsafe-inline' " + origin + "; connect-src " + origin),
			want: []string{"translator_failed", "wasm-unsafe-eval"}},
		{name: "CSP without the asset host in connect-src",
			head: csp("script-src 'unsafe-inline' 'wasm-unsafe-eval' " + origin + "; connect-src 'self'"),
			want: []string{"translator_failed", "connect-src"}},
		{name: "CSP without the asset host in script-src for the bundle",
			head: csp("script-src 'unsafe-inline' " + origin + "/m/csp-script/v1/; connect-src " + origin),
			want: []string{"bundle_failed", "Content-Security-Policy"}, held: true},
		{name: "bundle 404", mode: faultMode{bundle: missing}, held: true,
			want: []string{"bundle_failed", "/assets/ramen."}},
		{name: "bundle timeout", mode: faultMode{bundle: hang}, slow: true, held: true,
			want: []string{"bundle_timeout", "/assets/ramen."}},
		{name: "bundle tampered (integrity)", mode: faultMode{bundle: tampered},
			want: []string{"bundle_failed", "integrity"}, held: true},
		{name: "wasm tampered (integrity)", mode: faultMode{wasm: tampered},
			want: []string{"translator_failed", "integrity"}},
		{name: "wasm 404", mode: faultMode{wasm: missing},
			want: []string{"translator_failed", "HTTP 404"}},
		{name: "wasm timeout", mode: faultMode{wasm: hang}, slow: true,
			want: []string{"translator_timeout", ".wasm"}},
		{name: "RamenJS 404", mode: faultMode{ramenjs: missing}, queued: true,
			want: []string{"ramenjs_failed", "/ramenjs-standin/ramen.js"}},
		{name: "RamenJS timeout", mode: faultMode{ramenjs: hang}, queued: true, slow: true,
			want: []string{"ramenjs_timeout", "/ramenjs-standin/ramen.js"}},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			name := "load-" + string(rune('a'+i))
			if strings.Contains(c.head, "/m/csp-script/") {
				name = "csp-script"
			}
			page := faultPage{head: c.head, script: `
				window.__e2eCallbacks = 0;
				analytics.identify('lf1', {email: 'lf1@example.com'});
				analytics.track('Before', {}, {}, () => { window.__e2eCallbacks++; });`}
			tab := newTab(t)
			tab.Navigate(page.url(f.snippetURL(t, name, c.mode)))
			wait := 20 * time.Second
			if c.slow {
				wait += loadTimeout
			}
			got := waitWarnings(tab, 1, wait)
			// More calls after the failure must not throw or warn again.
			tab.Exec(`(function () {
				analytics.track('After', {n: 1});
				analytics.page('Docs');
				analytics.identify({plan: 'x'});
			})()`)
			checkPageWorks(t, tab)
			time.Sleep(500 * time.Millisecond) // room for a second warning to show up
			var callbacks int
			if err := tab.Eval(`window.__e2eCallbacks`, &callbacks); err != nil {
				t.Fatal(err)
			}
			if want := map[bool]int{false: 1, true: 0}[c.held]; callbacks != want {
				t.Errorf("the page's track callback ran %d times, want %d", callbacks, want)
			}
			got = destinationWarnings(tab)
			if len(got) != 1 {
				t.Fatalf("want exactly one destination warning, got %d: %q\n%s", len(got), got, tab.Diagnostics())
			}
			t.Logf("warning: %s", got[0])
			for _, w := range c.want {
				if !strings.Contains(got[0], w) {
					t.Errorf("the warning does not name %q: %s", w, got[0])
				}
			}
			if c.queued {
				// The translator ran: its calls wait in the v2 queue for RamenJS.
				var names []string
				if err := tab.Eval(`Array.from(window._ramen, e => e[0] + (typeof e[1] === 'string' ? ' ' + e[1] : ''))`, &names); err != nil {
					t.Fatal(err)
				}
				want := []string{"boot 6389149", "identify", "track Before", "track After", "page", "identify"}
				if strings.Join(names, ",") != strings.Join(want, ",") {
					t.Errorf("window._ramen holds %q, want %q", names, want)
				}
			}
		})
	}
}

// TestRecommendedCSP loads the destination under the Content-Security-Policy
// the README recommends, and checks that it works end to end.
func TestRecommendedCSP(t *testing.T) {
	t.Parallel()
	f := faultsServer()
	policy := "default-src 'self'; script-src " + f.origin() + " 'wasm-unsafe-eval'; connect-src " + f.origin()
	page := faultPage{head: `<meta http-equiv="Content-Security-Policy" content="` + policy + `">`}
	tab := newTab(t)
	tab.Navigate(page.url(f.snippetURL(t, "csp-ok", faultMode{})))
	waitTranslator(t, tab)
	tab.Exec(`(function () { analytics.identify('csp', {email: 'csp@example.com'}); analytics.track('Under CSP'); })()`)
	want := received(`["identify",{"id":"csp","email":"csp@example.com","traits":{}},{}]`, `["track","Under CSP"]`)
	compareReceived(t, tab, want, waitReceived(t, tab, countCalls(t, want), want))
	if w := destinationWarnings(tab); len(w) != 0 {
		t.Errorf("warnings under the recommended CSP: %q", w)
	}
}

// TestGoPanicRecoveredPerCall makes the translator panic inside two calls:
// each panic costs only its own call, one warning names it, and later calls
// arrive.
func TestGoPanicRecoveredPerCall(t *testing.T) {
	t.Parallel()
	f := faultsServer()
	tab := newTab(t)
	tab.Navigate(faultPage{}.url(f.snippetURL(t, "go-panic", faultMode{wasm: faulty})))
	waitTranslator(t, tab)
	tab.Exec(`(function () {
		analytics.track('Before');
		analytics.identify('p1', {createdAt: '` + faultPanicDate + `'});
		analytics.group('g1', {createdAt: '` + faultPanicDate + `'});
		analytics.identify('p2', {createdAt: '` + faultPanicDate + `'});
		analytics.track('After');
	})()`)
	if err := tab.WaitUntil(`window.Ramen && window.Ramen.received.some(c => c[0] === 'track' && c[1] === 'After')`, receivedTimeout); err != nil {
		got, _ := readReceived(tab)
		t.Fatalf("the call after the panics did not arrive: %v\n%s\n%s", err, got, tab.Diagnostics())
	}
	checkPageWorks(t, tab)
	var log [][]any
	if err := tab.Eval(`window.Ramen.received`, &log); err != nil {
		t.Fatal(err)
	}
	var tracks []string
	for _, c := range log {
		if c[0] == "track" {
			tracks = append(tracks, c[1].(string))
		}
		if c[0] == "identify" && len(c) > 1 {
			if u, ok := c[1].(map[string]any); ok && u["id"] != nil {
				t.Errorf("an identify whose translation panicked reached RamenJS: %v", c)
			}
		}
	}
	if strings.Join(tracks, ",") != "Before,After" {
		t.Errorf("tracks received: %q, want Before, After", tracks)
	}
	w := destinationWarnings(tab)
	if len(w) != 1 || warningCode(w[0]) != "internal_error" || !strings.Contains(w[0], "forced panic") {
		t.Errorf("want one internal_error warning naming the panic, got %q", w)
	}
}

// TestGoExitNoticed makes the Go program exit in the middle of a call: the
// glue notices, warns once, stops forwarding, still calls the page's
// callbacks, and the page keeps working.
func TestGoExitNoticed(t *testing.T) {
	t.Parallel()
	f := faultsServer()
	tab := newTab(t)
	tab.Navigate(faultPage{}.url(f.snippetURL(t, "go-exit", faultMode{wasm: faulty})))
	waitTranslator(t, tab)
	tab.Exec(`(function () {
		window.__e2eCallbacks = 0;
		analytics.track('Before');
		analytics.identify('x1', {createdAt: '` + faultExitDate + `'});
		analytics.track('After 1', {}, () => { window.__e2eCallbacks++; });
		analytics.identify('x2', {email: 'x2@example.com'}, () => { window.__e2eCallbacks++; });
	})()`)
	if err := tab.WaitUntil(`window.__e2eCallbacks === 2`, receivedTimeout); err != nil {
		t.Errorf("callbacks after the exit did not run: %v", err)
	}
	tab.Exec(`(function () { analytics.track('After 2'); analytics.page(); })()`)
	checkPageWorks(t, tab)
	time.Sleep(settle)
	var tracks []string
	if err := tab.Eval(`window.Ramen.received.filter(c => c[0] === 'track').map(c => c[1])`, &tracks); err != nil {
		t.Fatal(err)
	}
	if strings.Join(tracks, ",") != "Before" {
		t.Errorf("tracks received: %q, want only Before", tracks)
	}
	w := destinationWarnings(tab)
	if len(w) != 1 || warningCode(w[0]) != "translator_stopped" || !strings.Contains(w[0], "exited") {
		t.Errorf("want one translator_stopped warning saying the program exited, got %q\n%s", w, tab.Diagnostics())
	}
}
