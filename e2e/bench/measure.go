package main

import (
	"fmt"
	"time"
)

// BrowserRun is what one run in Chromium measures.
type BrowserRun struct {
	// LoadWith and LoadWithout are the load event's start (ms after page
	// start) with and without the snippet, each on a cold cache, in the run's
	// main visits; LoadPairs holds more such pairs, taken back to back.
	LoadWith, LoadWithout float64
	LoadPairs             [][2]float64
	// Timeline holds, in ms after page start on the cold visit: the bundle's
	// request start and response end, the same for the WASM module and for
	// RamenJS (resource timing).
	Timeline [6]float64
	// SnippetMs is how long the pasted snippet ran while the page was parsed.
	SnippetMs float64
	// FirstCall is when the first call (boot) reached RamenJS, ms after page
	// start, cold cache; FirstCallRepeat the same on the repeat visit.
	FirstCall, FirstCallRepeat float64
	// TBTDestination is the blocking time (long tasks beyond 50 ms) after
	// the load event on the page with the snippet: the destination runs only
	// then. TBTWith and TBTWithout are the whole page's.
	TBTDestination, TBTWith, TBTWithout float64
	// AssetBytes* are the bytes over the wire for the destination's files
	// (bundle and WASM; the snippet is inline) on the first and the repeat
	// visit; RamenJSBytes* for RamenJS (here the stand-in, no-cache);
	// PageBytes* for everything the page loaded.
	AssetBytesFirst, AssetBytesRepeat     int64
	RamenJSBytesFirst, RamenJSBytesRepeat int64
	PageBytesFirst, PageBytesRepeat       int64
	// WasmEncoding is the Content-Encoding the WASM module came with.
	WasmEncoding string
	// TrackUS and IdentifyUS are µs per call, from 1,000 calls each, warm;
	// the Cold ones are the first 1,000 calls after the page settled.
	TrackUS, IdentifyUS, TrackColdUS, IdentifyColdUS float64
}

// pageFigures reads the page's own measurements.
const pageFigures = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const load = nav.loadEventStart;
  let tbt = 0, after = 0;
  for (const [start, dur] of __bench.longtasks) {
    const blocking = Math.max(0, dur - 50);
    tbt += blocking;
    if (start >= load) after += blocking;
  }
  const calls = __bench.calls;
  const res = (re) => {
    const e = performance.getEntriesByType('resource').find((r) => re.test(r.name));
    return e ? [e.startTime, e.responseEnd] : [-1, -1];
  };
  return {load, tbt, after, first: calls.length ? calls[0][0] : -1, firstMethod: calls.length ? calls[0][1] : '',
    snippetMs: __bench.snippetMs || 0,
    bundle: res(/\/assets\/ramen\.[0-9a-f]+\.js$/), wasm: res(/\/assets\/ramen\.[0-9a-f]+\.wasm$/),
    ramenjs: res(/\/ramenjs-standin\/ramen\.js$/)};
})()`

type figures struct {
	SnippetMs   float64    `json:"snippetMs"`
	Bundle      [2]float64 `json:"bundle"`
	Wasm        [2]float64 `json:"wasm"`
	RamenJS     [2]float64 `json:"ramenjs"`
	Load        float64    `json:"load"`
	TBT         float64    `json:"tbt"`
	After       float64    `json:"after"`
	First       float64    `json:"first"`
	FirstMethod string     `json:"firstMethod"`
}

// settled is true once the page's last call (track) reached RamenJS.
const settled = `window.Ramen && Ramen.received && Ramen.received.some(function (e) { return e[0] === 'track'; })`

// perCall times 1,000 track and 1,000 identify calls (20 traits) twice: first
// right after the page settled ("cold": V8 still runs most of the WASM module
// in its baseline tier and tiers hot functions up meanwhile), then after 2,000
// more of each ("warm", the steady state). RamenJS's methods are replaced by
// counters first, so the figures are the destination's own work (argument
// handling, user memory and storage, the translator, the _ramen call), not
// RamenJS's.
const perCall = `(async () => {
  await analytics._ramenReady;
  const r = window._ramen;
  let n = 0;
  const saved = {};
  for (const m of ['boot', 'identify', 'group', 'page', 'track', 'reset']) {
    saved[m] = r[m];
    r[m] = function () { n++; };
  }
  const props = {title: 'Ramen at home', category: 'recipes', words: 1250, premium: false};
  const traits = (i) => ({
    email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', createdAt: '2023-05-01T10:00:00Z',
    plan: 'pro', logins: i, company: {id: 'acme', name: 'Acme', employees: 120},
    title: 'Engineer', phone: '+44 20 7946 0000', city: 'London', country: 'GB', language: 'en',
    timezone: 'Europe/London', avatar: 'https://example.com/a.png', website: 'https://example.com',
    age: 36, newsletter: true, lastSeen: '2024-02-01T08:30:00Z', score: 9.5, role: 'admin'});
  const time = (fn, count) => {
    const t0 = performance.now();
    for (let i = 0; i < count; i++) fn(i);
    return (performance.now() - t0) * 1000 / count;
  };
  const track = () => analytics.track('Article Read', props);
  const identify = (i) => analytics.identify('user-42', traits(i));
  const out = {traits: Object.keys(traits(0)).length};
  n = 0; out.trackCold = time(track, 1000); out.trackCalls = n;
  n = 0; out.identifyCold = time(identify, 1000); out.identifyCalls = n;
  time(track, 2000);
  time(identify, 2000);
  n = 0; out.track = time(track, 1000); out.trackCalls += n;
  n = 0; out.identify = time(identify, 1000); out.identifyCalls += n;
  for (const m in saved) r[m] = saved[m];
  return out;
})()`

type perCallResult struct {
	TrackCold     float64 `json:"trackCold"`
	IdentifyCold  float64 `json:"identifyCold"`
	Track         float64 `json:"track"`
	Identify      float64 `json:"identify"`
	TrackCalls    int     `json:"trackCalls"`
	IdentifyCalls int     `json:"identifyCalls"`
	Traits        int     `json:"traits"`
}

// browserRun does one run: the page with the snippet on a cold cache, the
// per-call timing, a repeat visit, and the page without the snippet on a cold
// cache. Odd runs load the page without the snippet first.
func browserRun(c *chrome, siteURL, assetURL, wasmName string, i int) (BrowserRun, error) {
	var r BrowserRun
	without := func() error {
		t, err := c.newTab()
		if err != nil {
			return err
		}
		defer t.close()
		if err := t.navigate(siteURL + "/without"); err != nil {
			return err
		}
		time.Sleep(500 * time.Millisecond) // let long tasks be reported
		var f figures
		if err := t.eval(pageFigures, &f); err != nil {
			return err
		}
		r.LoadWithout, r.TBTWithout = f.Load, f.TBT
		return nil
	}
	if i%2 == 1 {
		if err := without(); err != nil {
			return r, err
		}
	}
	t, err := c.newTab()
	if err != nil {
		return r, err
	}
	defer t.close()
	if err := t.navigate(siteURL + "/with"); err != nil {
		return r, err
	}
	if err := t.waitFor(settled, 30*time.Second); err != nil {
		return r, err
	}
	time.Sleep(500 * time.Millisecond)
	var f figures
	if err := t.eval(pageFigures, &f); err != nil {
		return r, err
	}
	if f.FirstMethod != "boot" {
		return r, fmt.Errorf("the first call RamenJS got was %q, want boot", f.FirstMethod)
	}
	r.LoadWith, r.TBTWith, r.TBTDestination, r.FirstCall = f.Load, f.TBT, f.After, f.First
	r.SnippetMs = f.SnippetMs
	r.Timeline = [6]float64{f.Bundle[0], f.Bundle[1], f.Wasm[0], f.Wasm[1], f.RamenJS[0], f.RamenJS[1]}
	assets, ramenjs := assetURL+"/assets/", assetURL+"/ramenjs-standin/"
	r.AssetBytesFirst, r.RamenJSBytesFirst, r.PageBytesFirst = t.net.sum(assets), t.net.sum(ramenjs), t.net.sum("http")
	r.WasmEncoding = t.net.encodingOf(assets + wasmName)
	var pc perCallResult
	if err := t.eval(perCall, &pc); err != nil {
		return r, err
	}
	if pc.TrackCalls != 2000 || pc.IdentifyCalls != 2000 || pc.Traits != 20 {
		return r, fmt.Errorf("per-call run: RamenJS got %d track and %d identify calls (want 2000 each), %d traits", pc.TrackCalls, pc.IdentifyCalls, pc.Traits)
	}
	r.TrackUS, r.IdentifyUS, r.TrackColdUS, r.IdentifyColdUS = pc.Track, pc.Identify, pc.TrackCold, pc.IdentifyCold

	// Repeat visit in the same browser context: hashed files must come from
	// the cache.
	t.net.reset()
	if err := t.navigate(siteURL + "/with?visit=2"); err != nil {
		return r, err
	}
	if err := t.waitFor(settled, 30*time.Second); err != nil {
		return r, err
	}
	time.Sleep(200 * time.Millisecond)
	if err := t.eval(pageFigures, &f); err != nil {
		return r, err
	}
	r.FirstCallRepeat = f.First
	r.AssetBytesRepeat, r.RamenJSBytesRepeat, r.PageBytesRepeat = t.net.sum(assets), t.net.sum(ramenjs), t.net.sum("http")
	t.close()

	if i%2 == 0 {
		if err := without(); err != nil {
			return r, err
		}
	}
	r.LoadPairs = append(r.LoadPairs, [2]float64{r.LoadWith, r.LoadWithout})
	for k := 0; k < extraLoadPairs; k++ {
		pages := [2]string{"/with", "/without"}
		order := [2]int{0, 1}
		if (i+k)%2 == 1 {
			order = [2]int{1, 0} // alternate which goes first
		}
		var pair [2]float64
		for _, j := range order {
			load, err := loadOnly(c, siteURL+pages[j])
			if err != nil {
				return r, err
			}
			pair[j] = load
		}
		r.LoadPairs = append(r.LoadPairs, pair)
	}
	return r, nil
}

// extraLoadPairs is how many more with/without load pairs each run takes: the
// load event's time varies more from load to load than the snippet could
// change it, so the comparison needs many samples.
const extraLoadPairs = 3

// loadOnly loads url in a new browser context (cold cache) and returns the
// load event's start, ms after page start.
func loadOnly(c *chrome, url string) (float64, error) {
	t, err := c.newTab()
	if err != nil {
		return 0, err
	}
	defer t.close()
	if err := t.navigate(url); err != nil {
		return 0, err
	}
	var load float64
	err = t.eval(`performance.getEntriesByType('navigation')[0].loadEventStart`, &load)
	return load, err
}
