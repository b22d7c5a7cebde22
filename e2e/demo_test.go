package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestDemoPageShowsEveryCall uses the demo page of the embedded default
// configuration (what `make run` serves) as a person would: it clicks each
// button, then checks the page lists every call the stand-in RamenJS
// received, in order, and that nothing threw.
func TestDemoPageShowsEveryCall(t *testing.T) {
	t.Parallel()
	tab := newTab(t)
	tab.Navigate(defaultOrigin(t) + "/")
	waitTranslator(t, tab)
	if err := tab.WaitUntil(`document.querySelectorAll('#received li').length >= 1`, readyTimeout); err != nil {
		t.Fatalf("the demo never listed boot: %v\n%s", err, tab.Diagnostics())
	}
	for _, method := range []string{"identify", "group", "page", "track", "reset"} {
		if err := chromedp.Do(tab.Context(), chromedp.Click(chromedp.CSS("#call-"+method))); err != nil {
			t.Fatalf("clicking %s: %v", method, err)
		}
	}
	// boot, identify, group, page, track, reset: the demo identifies first, so
	// no bare identify comes before group.
	want := []string{"boot(", "identify(", "group(", "page(", "track(", "reset("}
	if err := tab.WaitUntil(`document.querySelectorAll('#received li').length >= 6`, receivedTimeout); err != nil {
		t.Fatalf("the demo listed fewer than 6 received calls: %v\n%s", err, tab.Diagnostics())
	}
	var items []string
	if err := tab.Eval(`Array.from(document.querySelectorAll('#received li')).map(li => li.textContent)`, &items); err != nil {
		t.Fatal(err)
	}
	if len(items) != len(want) {
		t.Fatalf("received list has %d entries, want %d:\n%s", len(items), len(want), strings.Join(items, "\n"))
	}
	for i, prefix := range want {
		if !strings.HasPrefix(strings.TrimSpace(items[i]), prefix) {
			t.Errorf("received[%d] = %q, want it to start with %q", i, items[i], prefix)
		}
	}
	if !strings.Contains(items[1], `"id":"314159"`) || !strings.Contains(items[4], `"Subscribed"`) {
		t.Errorf("the seed's identify and track are not what the stand-in received:\n%s", strings.Join(items, "\n"))
	}
	var sent int
	if err := tab.Eval(`document.querySelectorAll('#sent li').length`, &sent); err != nil || sent != 5 {
		t.Errorf("the page lists %d calls it made (%v), want 5", sent, err)
	}
}
