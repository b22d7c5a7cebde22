package e2e

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"ramendest/e2e/internal/browser"
)

// pluginOptions is what a page passes to the register() plugin factory for
// the suite's source; RamenJS is the server's stand-in.
func pluginOptions(t *testing.T) string {
	return `{organization_id: '6389149', ramenjs_url: ` + jsString(anextCDN(t)+"/ramenjs-standin/ramen.js") + `}`
}

// classicScriptURL is the classic destination's "latest" URL on the CDN.
func classicScriptURL(t *testing.T) string {
	return anextCDN(t) + "/next-integrations/integrations/ramen/latest/ramen.dynamic.js.gz"
}

// frontDoors lists every way a site can send calls to Ramen.
func frontDoors(t *testing.T) []frontDoor {
	return []frontDoor{
		{name: "standalone snippet", open: func(t *testing.T, tab *browser.Tab) {
			tab.Navigate(pageURL(t, pageSpec{snippet: snippetSrc}))
			waitTranslator(t, tab)
		}},
		{name: "classic destination", open: func(t *testing.T, tab *browser.Tab) {
			tab.Navigate(anextPageURL(t, anextPage{writeKey: "e2e"}))
			waitAnalyticsNext(t, tab)
		}, check: checkClassicInstalled},
		{name: "register plugin ES module", open: func(t *testing.T, tab *browser.Tab) {
			// The source has Ramen disabled, so its settings install no classic
			// destination beside the plugin. The stable module URL redirects to
			// the content-hashed file, which finds the translator beside itself.
			tab.Navigate(anextPageURL(t, anextPage{writeKey: "e2e-disabled", module: `
import { plugin } from ` + jsString(anextCDN(t)+"/assets/ramen-plugin.mjs") + `;
window.analytics.register(plugin(` + pluginOptions(t) + `));
loadAnalytics();`}))
			waitAnalyticsNext(t, tab)
		}, check: checkPluginLoaded},
		{name: "register plugin from window.RamenDestination", open: func(t *testing.T, tab *browser.Tab) {
			tab.Navigate(anextPageURL(t, anextPage{writeKey: "e2e-disabled",
				head:  `<script src="` + classicScriptURL(t) + `"></script>` + "\n",
				queue: `analytics.register(RamenDestination.plugin(` + pluginOptions(t) + `));`}))
			waitAnalyticsNext(t, tab)
		}, check: checkPluginLoaded},
	}
}

// waitAnalyticsNext waits until analytics-next replaced its snippet queue and
// analytics.ready() resolved (every destination loaded).
func waitAnalyticsNext(t *testing.T, tab *browser.Tab) {
	t.Helper()
	if err := tab.WaitUntil(`window.analytics && !Array.isArray(window.analytics) && window.analytics.initialized === true`, readyTimeout); err != nil {
		t.Fatalf("analytics-next did not load: %v\n%s", err, tab.Diagnostics())
	}
	js := fmt.Sprintf(`Promise.race([window.analytics.ready().then(() => true),
		new Promise((_, reject) => setTimeout(() => reject(new Error('analytics.ready() still pending')), %d))])`,
		readyTimeout.Milliseconds())
	if err := tab.Eval(js, nil); err != nil {
		t.Fatalf("waiting for analytics.ready(): %v\n%s", err, tab.Diagnostics())
	}
}

// resources returns the URLs the page fetched.
func resources(t *testing.T, tab *browser.Tab) []string {
	t.Helper()
	var urls []string
	if err := tab.Eval(`performance.getEntriesByType('resource').map(e => e.name)`, &urls); err != nil {
		t.Fatal(err)
	}
	return urls
}

// fetched fails the test unless the page fetched url.
func fetched(t *testing.T, tab *browser.Tab, url string) {
	t.Helper()
	for _, u := range resources(t, tab) {
		if u == url {
			return
		}
	}
	t.Errorf("the page never fetched %s; it fetched:\n  %s", url, strings.Join(resources(t, tab), "\n  "))
}

// checkClassicInstalled checks that analytics-next took its settings and the
// classic destination from this project's server, and that the destination
// found the translator on the server that served it.
func checkClassicInstalled(t *testing.T, tab *browser.Tab) {
	t.Helper()
	cdn := anextCDN(t)
	m := assetSrv.set.Manifest
	fetched(t, tab, cdn+"/v1/projects/e2e/settings")
	fetched(t, tab, cdn+"/next-integrations/integrations/ramen/"+m.Version+"/ramen.dynamic.js.gz")
	fetched(t, tab, cdn+"/assets/"+m.WASM)
	var globals string
	if err := tab.Eval(`[Array.isArray(window.ramenDeps) && window.ramenDeps.length, typeof window.ramenLoader,
		typeof window.ramenIntegration, typeof (window.RamenDestination && window.RamenDestination.plugin)].join(' ')`, &globals); err != nil {
		t.Fatal(err)
	}
	if globals != "0 function function function" {
		t.Errorf("classic script globals (ramenDeps length, ramenLoader, ramenIntegration, RamenDestination.plugin) = %q", globals)
	}
}

// checkPluginLoaded checks that the plugin, not a classic destination, did
// the work, and that it found the translator on the server that served it.
func checkPluginLoaded(t *testing.T, tab *browser.Tab) {
	t.Helper()
	var state string
	if err := tab.Eval(`(() => {
		const p = window.analytics.queue.plugins.find(p => p.name === 'Ramen');
		return p ? p.type + ' ' + p.version + ' ' + p.isLoaded() : 'no Ramen plugin';
	})()`, &state); err != nil {
		t.Fatal(err)
	}
	build := strings.TrimSuffix(strings.TrimPrefix(assetSrv.set.Manifest.WASM, "ramen."), ".wasm")
	if want := "destination " + build + " true"; state != want {
		t.Errorf("the Ramen plugin (type, version, isLoaded) = %q, want %q", state, want)
	}
	for _, u := range resources(t, tab) {
		if strings.Contains(u, "/next-integrations/integrations/ramen/"+assetSrv.set.Manifest.Version+"/") {
			t.Errorf("a classic destination was loaded beside the plugin: %s", u)
		}
	}
	fetched(t, tab, anextCDN(t)+"/assets/"+assetSrv.set.Manifest.WASM)
}

// TestAnalyticsNextRoutes checks the settings and classic destination routes
// as analytics-next's CDN requests see them.
func TestAnalyticsNextRoutes(t *testing.T) {
	t.Parallel()
	cdn := anextCDN(t)
	m := assetSrv.set.Manifest
	t.Run("settings", func(t *testing.T) {
		status, h, body, err := httpGet(cdn + "/v1/projects/e2e/settings")
		if err != nil || status != http.StatusOK {
			t.Fatalf("GET settings: %d %v %s", status, err, body)
		}
		var got struct {
			Integrations map[string]json.RawMessage `json:"integrations"`
			Metrics      json.RawMessage            `json:"metrics"`
		}
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatalf("settings are not JSON: %v\n%s", err, body)
		}
		wantRamen := `{"organization_id":"6389149","ramenjs_url":"` + cdn + `/ramenjs-standin/ramen.js","type":"browser",` +
			`"versionSettings":{"version":"` + m.Version + `","componentTypes":["browser"]}}`
		if string(got.Integrations["Ramen"]) != wantRamen {
			t.Errorf("Ramen block = %s, want %s", got.Integrations["Ramen"], wantRamen)
		}
		if s := string(got.Integrations["Segment.io"]); s != `{"apiKey":"e2e","apiHost":"127.0.0.1:9/v1","protocol":"http"}` {
			t.Errorf("Segment.io block from the config = %s", s)
		}
		if string(got.Metrics) != `{"sampleRate":0}` {
			t.Errorf("metrics = %s, want the default that turns them off", got.Metrics)
		}
		if h.Get("Access-Control-Allow-Origin") != "*" || !strings.Contains(h.Get("Cache-Control"), "max-age=60") {
			t.Errorf("settings headers: %v", h)
		}
		for _, secret := range []string{testAPIKey, testEndpoint} {
			if strings.Contains(body, secret) {
				t.Errorf("the settings contain a server-side secret")
			}
		}
	})
	t.Run("disabled source has no Ramen block", func(t *testing.T) {
		_, _, body, err := httpGet(cdn + "/v1/projects/e2e-disabled/settings")
		if err != nil || strings.Contains(body, `"Ramen"`) || !strings.Contains(body, `"Segment.io"`) {
			t.Errorf("settings of the disabled source: %v %s", err, body)
		}
	})
	t.Run("classic script", func(t *testing.T) {
		for _, v := range []string{m.Version, "latest"} {
			req, _ := http.NewRequest(http.MethodGet, cdn+"/next-integrations/integrations/ramen/"+v+"/ramen.dynamic.js.gz", nil)
			req.Header.Set("Accept-Encoding", "gzip") // so the client leaves the body compressed
			res, err := httpClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			zr, zerr := gzip.NewReader(res.Body)
			var plain []byte
			if zerr == nil {
				plain, zerr = io.ReadAll(zr)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusOK || res.Header.Get("Content-Encoding") != "gzip" ||
				!strings.HasPrefix(res.Header.Get("Content-Type"), "application/javascript") || zerr != nil ||
				!strings.Contains(string(plain), "ramenIntegration") {
				t.Errorf("version %s: %d %v (gzip: %v)", v, res.StatusCode, res.Header, zerr)
			}
		}
		status, _, body, _ := httpGet(cdn + "/next-integrations/integrations/ramen/0.0.1/ramen.dynamic.js.gz")
		if status != http.StatusNotFound || !strings.HasPrefix(body, `{"error":`) {
			t.Errorf("unknown version: %d %s", status, body)
		}
	})
}

// TestAnalyticsNextResetStartsOver checks reset through the classic
// destination: analytics.reset() calls no destination, so the destination
// hears of it from the Analytics instance's 'reset' event, and the next page
// view is anonymous again.
func TestAnalyticsNextResetStartsOver(t *testing.T) {
	t.Parallel()
	tab := newTab(t)
	tab.Navigate(anextPageURL(t, anextPage{writeKey: "e2e"}))
	waitAnalyticsNext(t, tab)
	tab.Exec(`(async () => {
		await analytics.identify('u1', {plan: 'a'});
		await analytics.track('before');
		analytics.reset();
		await analytics.page();
		await analytics.identify({plan: 'b'});
	})()`)
	want := received(`["identify",{"id":"u1","traits":{"plan":"a"}},{}]`, `["track","before"]`, `["reset"]`,
		bareIdentify, `["page"]`)
	compareReceived(t, tab, want, waitLog(t, tab, countCalls(t, want), want))
}
