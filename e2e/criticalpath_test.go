package e2e

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestNothingOnTheCriticalPath holds the page's load event back with a slow image and
// checks that the destination requests nothing from the asset server before that
// event — bundle, WASM and RamenJS all start after it — while a call made during
// parsing waits in the queue and still reaches RamenJS.
func TestNothingOnTheCriticalPath(t *testing.T) {
	const delay = 400 * time.Millisecond
	gif := []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(delay)
		w.Header().Set("Content-Type", "image/gif")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(gif)
	}))
	defer slow.Close()

	page := pages.AddHTML(`<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script>` + snippetText(t, "e2e") + `</script>
<script>analytics.track('Read Before Load'); window.__queuedBeforeLoad = analytics.length;</script>
</head><body><img src="` + slow.URL + `/slow.gif" alt=""></body></html>`)
	tab := newTab(t)
	tab.Navigate(page)
	if err := tab.WaitUntil(`window.Ramen && Ramen.received.some(c => c[0] === 'track' && c[1] === 'Read Before Load')`, 30*time.Second); err != nil {
		t.Fatalf("the call queued before load never reached RamenJS: %v\n%s", err, tab.Diagnostics())
	}
	var got struct {
		Load    float64            `json:"load"`
		Queued  int                `json:"queued"`
		Started map[string]float64 `json:"started"`
	}
	if err := tab.Eval(`(() => {
		const started = {};
		for (const e of performance.getEntriesByType('resource')) {
			if (e.name.startsWith(`+jsString(assetSrv.URL())+`)) started[e.name] = e.startTime;
		}
		return {load: performance.getEntriesByType('navigation')[0].loadEventStart, queued: window.__queuedBeforeLoad, started};
	})()`, &got); err != nil {
		t.Fatal(err)
	}
	if got.Load < float64(delay.Milliseconds()) {
		t.Fatalf("load event at %.0f ms: the slow image (%s) did not hold it back", got.Load, delay)
	}
	if got.Queued < 1 {
		t.Errorf("analytics.length after the early call = %d, want it queued (≥ 1)", got.Queued)
	}
	kinds := map[string]bool{}
	for url, start := range got.Started {
		if start < got.Load {
			t.Errorf("%s was requested at %.1f ms, before the load event at %.1f ms", url, start, got.Load)
		}
		switch path := strings.TrimPrefix(url, assetSrv.URL()); {
		case strings.HasPrefix(path, "/assets/") && strings.HasSuffix(path, ".js"):
			kinds["bundle"] = true
		case strings.HasPrefix(path, "/assets/") && strings.HasSuffix(path, ".wasm"):
			kinds["WASM"] = true
		case path == "/ramenjs-standin/ramen.js":
			kinds["RamenJS"] = true
		}
	}
	for _, k := range []string{"bundle", "WASM", "RamenJS"} {
		if !kinds[k] {
			t.Errorf("no %s request to the asset server was seen (resource timing: %v)", k, got.Started)
		}
	}
}
