package e2e

import (
	"strings"
	"testing"
)

// delivery is how a case's calls reach the snippet.
type delivery struct {
	name    string
	snippet snippetMode
	// early puts the calls in an inline script right after the snippet, so
	// they are queued before the bundle is ready and must be replayed in
	// order; otherwise the test runs them once the translator is up.
	early bool
}

var deliveries = []delivery{
	{name: "src snippet, calls after ready", snippet: snippetSrc},
	{name: "inline snippet, calls before ready", snippet: snippetInline, early: true},
}

// TestDeviceModeCalls drives every case through each delivery and compares
// what the stand-in RamenJS received, exactly.
func TestDeviceModeCalls(t *testing.T) {
	for _, d := range deliveries {
		t.Run(d.name, func(t *testing.T) {
			for _, c := range callCases {
				t.Run(c.name, func(t *testing.T) {
					t.Parallel()
					runCase(t, d, c)
				})
			}
		})
	}
}

// TestQueuedCallsKeepOrder makes many calls before the bundle is ready,
// with both kinds of snippet, and checks none is lost or reordered.
func TestQueuedCallsKeepOrder(t *testing.T) {
	var calls, want []string
	for i := range 25 {
		name := "Event " + string(rune('A'+i))
		calls = append(calls, "analytics.track('"+name+"')")
		want = append(want, `["track","`+name+`"]`)
	}
	calls = append([]string{`analytics.identify('q1')`}, calls...)
	want = append([]string{`["identify",{"id":"q1","traits":{}},{}]`}, want...)
	c := callCase{name: "queued", calls: calls, want: received(want...)}
	for _, d := range []delivery{
		{name: "src snippet", snippet: snippetSrc, early: true},
		{name: "inline snippet", snippet: snippetInline, early: true},
	} {
		t.Run(d.name, func(t *testing.T) {
			t.Parallel()
			runCase(t, d, c)
		})
	}
}

// runCase loads a page for d, makes the case's calls and checks the log.
func runCase(t *testing.T, d delivery, c callCase) {
	tab := newTab(t)
	body := strings.Join(c.calls, ";\n") + ";"
	if d.early {
		// The flag proves the calls really went to the snippet's queue.
		script := "window.__e2eQueued = Array.isArray(window.analytics) && !window.analytics._ramenStarted;\n" + body
		tab.Navigate(pageURL(t, pageSpec{snippet: d.snippet, script: script}))
	} else {
		tab.Navigate(pageURL(t, pageSpec{snippet: d.snippet}))
		waitTranslator(t, tab)
		// A function body, so the completion value (maybe the analytics
		// object) is never sent back over the protocol.
		tab.Exec("(function () {\n" + body + "\n})()")
	}
	got := waitReceived(t, tab, countCalls(t, c.want), c.want)
	if d.early {
		var queued bool
		if err := tab.Eval(`window.__e2eQueued === true`, &queued); err != nil || !queued {
			t.Errorf("the calls did not go through the snippet's queue (window.__e2eQueued = %v, %v)", queued, err)
		}
	}
	compareReceived(t, tab, c.want, got)
	for _, k := range c.orders {
		checkKeyOrder(t, got, k)
	}
}

// TestRememberedAcrossPageLoads checks that the user remembered on one page
// is used on the next page of the same site.
func TestRememberedAcrossPageLoads(t *testing.T) {
	t.Parallel()
	tab := newTab(t)
	first := received(identifySeven)
	tab.Navigate(pageURL(t, pageSpec{snippet: snippetSrc, script: `analytics.identify('7', {a: 1});`}))
	compareReceived(t, tab, first, waitReceived(t, tab, countCalls(t, first), first))

	second := received(`["identify",{"id":"7","traits":{"a":1,"b":2}},{}]`, `["track","Next Page"]`)
	tab.Navigate(pageURL(t, pageSpec{snippet: snippetInline,
		script: `analytics.identify({b: 2}); analytics.track('Next Page');`}))
	compareReceived(t, tab, second, waitReceived(t, tab, countCalls(t, second), second))

	// reset forgets the user for later pages too.
	third := received(`["reset"]`)
	tab.Navigate(pageURL(t, pageSpec{snippet: snippetSrc, script: `analytics.reset();`}))
	compareReceived(t, tab, third, waitReceived(t, tab, countCalls(t, third), third))

	fourth := received(bareIdentify, `["page"]`)
	tab.Navigate(pageURL(t, pageSpec{snippet: snippetSrc, script: `analytics.page();`}))
	compareReceived(t, tab, fourth, waitReceived(t, tab, countCalls(t, fourth), fourth))
}

// TestSnippetInjectedIntoBlankPage adds the snippet to a page that has
// already loaded, as a tag manager does; the snippet then loads the bundle
// at once, and calls made right after injecting it still arrive in order.
func TestSnippetInjectedIntoBlankPage(t *testing.T) {
	t.Parallel()
	tab := newTab(t)
	tab.Navigate(pageURL(t, pageSpec{snippet: snippetNone}))
	if err := tab.WaitUntil(`document.readyState === 'complete'`, readyTimeout); err != nil {
		t.Fatal(err)
	}
	tab.Exec(`new Promise((resolve, reject) => {
		const s = document.createElement('script');
		s.src = ` + jsString(snippetURL("e2e")) + `;
		s.onload = resolve;
		s.onerror = () => reject(new Error('the snippet did not load'));
		document.head.appendChild(s);
	}).then(() => { analytics.identify('inj', {email: 'inj@example.com'}); analytics.track('Injected'); })`)
	want := received(`["identify",{"id":"inj","email":"inj@example.com","traits":{}},{}]`, `["track","Injected"]`)
	compareReceived(t, tab, want, waitReceived(t, tab, countCalls(t, want), want))
}
