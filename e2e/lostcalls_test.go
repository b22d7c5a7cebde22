package e2e

import (
	"fmt"
	"testing"
	"time"
)

// bulkCalls is how many calls a page makes before the bundle is ready.
const bulkCalls = 10000

// bulkScript makes bulkCalls track calls right after the snippet, then one
// call per timer tick while the bundle and the translator load, and 20 more
// after the translator is ready. Each tick's call records where it went: the
// snippet's queue, the bundle's queue while the translator compiles, or the
// running destination.
const bulkScript = `
analytics.identify('bulk');
for (let i = 0; i < %d; i++) analytics.track('q' + i);
window.__e2eWhile = {snippet: 0, loading: 0, running: 0, total: 0, done: false};
let after = -1;
analytics._ramenReady.then(() => { after = 20; });
(function tick() {
	const phase = Array.isArray(window.analytics) && !window.analytics._ramenStarted ? 'snippet'
		: after < 0 ? 'loading' : 'running';
	window.__e2eWhile[phase]++;
	analytics.track('w' + window.__e2eWhile.total++);
	if (after === 0) { window.__e2eWhile.done = true; return; }
	if (after > 0) after--;
	setTimeout(tick, 1);
})();
`

// bulkCheck compares what the stand-in received with what the page sent,
// in the page (the log is large), and returns a summary.
const bulkCheck = `(() => {
	const got = window.Ramen.received;
	const want = [['boot'], ['identify']];
	for (let i = 0; i < %d; i++) want.push(['track', 'q' + i]);
	for (let i = 0; i < window.__e2eWhile.total; i++) want.push(['track', 'w' + i]);
	for (let i = 0; i < Math.max(got.length, want.length); i++) {
		const g = got[i], w = want[i];
		if (!g || !w || g[0] !== w[0] || (w.length > 1 && g[1] !== w[1])) {
			return {received: got.length, sent: want.length, mismatch: i,
				got: JSON.stringify(g || null).slice(0, 200), want: JSON.stringify(w || null)};
		}
	}
	return {received: got.length, sent: want.length, mismatch: -1, got: '', want: ''};
})()`

// TestNoLostCallsUnderLoad makes 10,000 calls before the bundle is ready and
// keeps calling while it loads: every call must reach RamenJS, in order.
func TestNoLostCallsUnderLoad(t *testing.T) {
	for _, mode := range []snippetMode{snippetInline, snippetSrc} {
		name := map[snippetMode]string{snippetInline: "inline snippet", snippetSrc: "src snippet"}[mode]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			tab := newTab(t)
			tab.Navigate(pageURL(t, pageSpec{snippet: mode, script: fmt.Sprintf(bulkScript, bulkCalls)}))
			waitTranslator(t, tab)
			if err := tab.WaitUntil(`window.__e2eWhile.done`, readyTimeout); err != nil {
				t.Fatalf("the page's timer calls did not finish: %v\n%s", err, tab.Diagnostics())
			}
			var phases struct{ Snippet, Loading, Running, Total int }
			if err := tab.Eval(`window.__e2eWhile`, &phases); err != nil {
				t.Fatal(err)
			}
			sent := 2 + bulkCalls + phases.Total // boot and identify first
			cond := fmt.Sprintf(`window.Ramen && window.Ramen.received.length >= %d`, sent)
			if err := tab.WaitUntil(cond, 2*receivedTimeout); err != nil {
				var n int
				_ = tab.Eval(`window.Ramen ? window.Ramen.received.length : -1`, &n)
				t.Fatalf("received %d of %d calls: %v\n%s", n, sent, err, tab.Diagnostics())
			}
			time.Sleep(settle)
			var sum struct {
				Received, Sent, Mismatch int
				Got, Want                string
			}
			if err := tab.Eval(fmt.Sprintf(bulkCheck, bulkCalls), &sum); err != nil {
				t.Fatal(err)
			}
			t.Logf("sent %d calls (%d queued at once; while loading: %d in the snippet's queue, %d in the bundle's, then %d running); received %d",
				sum.Sent-1, bulkCalls+1, phases.Snippet, phases.Loading, phases.Running, sum.Received)
			if sum.Mismatch >= 0 {
				t.Fatalf("call %d differs: got %s, want %s (received %d, sent %d)", sum.Mismatch, sum.Got, sum.Want, sum.Received, sum.Sent)
			}
			if phases.Snippet+phases.Loading == 0 {
				t.Errorf("no call was made while the destination loaded; the test did not test that")
			}
			if w := destinationWarnings(tab); len(w) != 0 {
				t.Errorf("warnings: %q", w)
			}
		})
	}
}
