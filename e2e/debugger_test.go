package e2e

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"ramendest/e2e/internal/browser"
)

// ScreenshotEnv names a directory where TestDebuggerPage also writes its
// screenshot, for a person to look at.
const ScreenshotEnv = "E2E_SCREENSHOTS"

// debugRow is one row of the debugger page's table, as the page shows it.
type debugRow struct {
	Method    string   `json:"method"`
	Analytics string   `json:"analytics"`
	Ramen     []string `json:"ramen"`
	Diags     []string `json:"diags"`
	Answers   []string `json:"answers"` // "status code"
	Pending   bool     `json:"pending"`
}

const readRows = `Array.from(document.querySelectorAll('#rows tr')).map(tr => ({
	method: tr.getAttribute('data-method') || '',
	analytics: tr.querySelector('td.analytics').textContent,
	ramen: Array.from(tr.querySelectorAll('li.ramen-call')).map(li => li.getAttribute('data-method')),
	diags: Array.from(tr.querySelectorAll('li.diag')).map(li => li.getAttribute('data-code')),
	answers: Array.from(tr.querySelectorAll('span.answer')).map(a => (a.getAttribute('data-status') + ' ' + (a.getAttribute('data-code') || '')).trim()),
	pending: !!tr.querySelector('.pending'),
}))`

// TestDebuggerPage fills in the debugger page as a person would: asks the
// server for a valid hash, sends a secure identify, then broken ones, a
// group, a page and a track, and checks each row shows the analytics call,
// the Ramen calls, the diagnostics and the stand-in service's answer; then it
// takes a screenshot and checks it shows a rendered page.
func TestDebuggerPage(t *testing.T) {
	t.Parallel()
	tab := newTab(t)
	ctx := tab.Context()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	tab.Navigate(standinOrigin(t) + "/debug/" + smSecure)
	if err := tab.WaitUntil(`document.body.getAttribute('data-ready') === 'true'`, readyTimeout); err != nil {
		t.Fatalf("the debugger page never got ready: %v\n%s", err, tab.Diagnostics())
	}

	do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v\n%s", what, err, tab.Diagnostics())
		}
	}
	rowsSettled := func(n int) []debugRow {
		t.Helper()
		cond := fmt.Sprintf(`(() => { const rows = document.querySelectorAll('#rows tr');
			return rows.length >= %d && !document.querySelector('#rows .pending'); })()`, n)
		if err := tab.WaitUntil(cond, receivedTimeout); err != nil {
			t.Fatalf("waiting for %d settled rows: %v\n%s", n, err, tab.Diagnostics())
		}
		var rows []debugRow
		if err := tab.Eval(readRows, &rows); err != nil {
			t.Fatal(err)
		}
		return rows
	}

	// 1. A valid secure identify, with the hash the server computes.
	do("compute a hash", chromedp.Click(chromedp.CSS("#identify-compute")))
	if err := tab.WaitUntil(`document.getElementById('identify-auth-hash').value.length === 64`, receivedTimeout); err != nil {
		t.Fatalf("the hash helper filled nothing: %v\n%s", err, tab.Diagnostics())
	}
	do("identify", chromedp.Click(chromedp.CSS("#call-identify")))
	rowsSettled(2)

	// 2. The same with an email that is not one: the browser and the stand-in
	// both name it.
	do("bad email", chromedp.SetValue(chromedp.CSS("#identify-traits"), `{"email": "Ryan Angilly", "name": "Ryan Angilly"}`),
		chromedp.Click(chromedp.CSS("#call-identify")))
	rowsSettled(3)

	// 3. A hard-coded timestamp and a made-up hash.
	do("stale", chromedp.SetValue(chromedp.CSS("#identify-traits"), `{"email": "ryan@ramen.is", "name": "Ryan Angilly"}`),
		chromedp.SetValue(chromedp.CSS("#identify-timestamp"), "1234567890"),
		chromedp.SetValue(chromedp.CSS("#identify-auth-hash"), "authy_hasy"),
		chromedp.Click(chromedp.CSS("#call-identify")))
	rowsSettled(4)

	// 4. group, page and track.
	do("group, page, track", chromedp.Click(chromedp.CSS("#call-group")),
		chromedp.Click(chromedp.CSS("#call-page")), chromedp.Click(chromedp.CSS("#call-track")))
	rows := rowsSettled(7)

	want := []debugRow{
		{Method: "", Ramen: []string{"boot"}},
		{Method: "identify", Analytics: `analytics.identify("42", {"email":"ryan@ramen.is","name":"Ryan Angilly","plan":"Startup"}, {"integrations":{"Ramen":{"timestamp":`,
			Ramen: []string{"identify"}, Answers: []string{"200"}},
		{Method: "identify", Analytics: `analytics.identify("42", {"email":"Ryan Angilly"`,
			Ramen: []string{"identify"}, Diags: []string{"email_invalid"}, Answers: []string{"401 email_invalid"}},
		{Method: "identify", Analytics: `analytics.identify("42", {"email":"ryan@ramen.is","name":"Ryan Angilly"}, {"integrations":{"Ramen":{"timestamp":1234567890,"auth_hash":"authy_hasy"}}})`,
			Ramen: []string{"identify"}, Diags: []string{"secure_mode_timestamp_stale", "secure_mode_auth_hash_malformed"},
			Answers: []string{"401 secure_mode_timestamp_stale"}},
		{Method: "group", Analytics: `analytics.group("987", {"name":"Pied Piper, Inc."`, Ramen: []string{"group"}},
		{Method: "page", Analytics: `analytics.page("Pricing", {})`, Ramen: []string{"page"}},
		{Method: "track", Analytics: `analytics.track("Subscribed", {"plan":"Startup"})`, Ramen: []string{"track"}},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d: %+v", len(rows), len(want), rows)
	}
	for i, w := range want {
		g := rows[i]
		if g.Method != w.Method || !strings.HasPrefix(g.Analytics, w.Analytics) ||
			strings.Join(g.Ramen, ",") != strings.Join(w.Ramen, ",") ||
			strings.Join(g.Diags, ",") != strings.Join(w.Diags, ",") ||
			strings.Join(g.Answers, ",") != strings.Join(w.Answers, ",") {
			t.Errorf("row %d:\n got  %+v\n want %+v", i, g, w)
		}
	}

	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	checkScreenshot(t, shot)
	if dir := os.Getenv(ScreenshotEnv); dir != "" {
		name := filepath.Join(dir, "debugger-"+time.Now().Format("20060102-150405")+".png")
		if err := os.WriteFile(name, shot, 0o644); err != nil {
			t.Errorf("saving the screenshot: %v", err)
		}
		t.Logf("screenshot: %s", name)
	}
	checkNoSecretInPage(t, tab)
}

// TestDemoSecureIdentify opens the demo page of the embedded default
// configuration (what `make run` serves): its identify box carries options
// the server signed with the demo's development secret, and the stand-in
// service accepts them.
func TestDemoSecureIdentify(t *testing.T) {
	t.Parallel()
	tab := newTab(t)
	tab.Navigate(defaultOrigin(t) + "/")
	waitTranslator(t, tab)
	if err := tab.WaitUntil(`window.Ramen && window.Ramen.standIn && window._ramen.is_booted`, readyTimeout); err != nil {
		t.Fatalf("the stand-in never booted: %v\n%s", err, tab.Diagnostics())
	}
	if err := chromedp.Do(tab.Context(), chromedp.Click(chromedp.CSS("#call-identify"))); err != nil {
		t.Fatal(err)
	}
	got := waitAnswers(t, tab, 1)
	if got[0].Status != 200 {
		t.Errorf("the demo's secure identify got %+v, want 200\n%s", got[0], tab.Diagnostics())
	}
	var href string
	if err := tab.Eval(`document.querySelector('#debug-link a').getAttribute('href')`, &href); err != nil || href != "/debug/demo" {
		t.Errorf("debugger link %q (%v)", href, err)
	}
}

// checkScreenshot fails unless png is a real rendering: a decodable PNG of a
// sensible size with many distinct colours (a blank or broken page has few),
// where no single colour covers nearly everything.
func checkScreenshot(t *testing.T, data []byte) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the screenshot is not a PNG: %v", err)
	}
	b := img.Bounds()
	if b.Dx() < 800 || b.Dy() < 600 {
		t.Errorf("screenshot is %dx%d, want at least 800x600", b.Dx(), b.Dy())
	}
	colours, top := colourStats(img)
	total := b.Dx() * b.Dy()
	t.Logf("screenshot %dx%d, %d distinct colours, most common covers %.1f%%", b.Dx(), b.Dy(), colours, 100*float64(top)/float64(total))
	if colours < 200 {
		t.Errorf("the screenshot has %d distinct colours; a rendered debugger page has hundreds", colours)
	}
	if float64(top) > 0.9*float64(total) {
		t.Errorf("one colour covers %d of %d pixels: the page looks blank", top, total)
	}
}

// colourStats returns the number of distinct colours and the pixel count of
// the most common one.
func colourStats(img image.Image) (distinct, top int) {
	counts := map[uint64]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			counts[uint64(r)<<48|uint64(g)<<32|uint64(bl)<<16|uint64(a)]++
		}
	}
	for _, n := range counts {
		top = max(top, n)
	}
	return len(counts), top
}

// checkNoSecretInPage fails if the development secret reached the page.
func checkNoSecretInPage(t *testing.T, tab *browser.Tab) {
	t.Helper()
	var text string
	if err := tab.Eval(`document.documentElement.outerHTML + JSON.stringify(window.Ramen)`, &text); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{smSecret, testAPIKey, testEndpoint} {
		if strings.Contains(text, s) {
			t.Errorf("the debugger page holds %q", s)
		}
	}
}
