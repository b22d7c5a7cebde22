package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestPluginRefusesTamperedWasm loads the register() plugin from a server
// whose translator module was altered after the build: the plugin pins the
// module it was built with, so it refuses to run the altered copy, warns once
// naming the integrity check, and the page keeps working.
func TestPluginRefusesTamperedWasm(t *testing.T) {
	t.Parallel()
	f := faultsServer()
	const name = "plugin-tampered"
	f.snippetURL(t, name, faultMode{wasm: tampered}) // registers the mode
	base := f.origin() + "/m/" + name
	page := fmt.Sprintf(`<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>plugin integrity</title>
<script src="%[1]s/next-integrations/integrations/ramen/latest/ramen.dynamic.js.gz"></script>
<script>
  const plugin = RamenDestination.plugin({organization_id: '6389149', ramenjs_url: '%[1]s/ramenjs-standin/ramen.js'});
  plugin.load({}, null).then(() => plugin.ready()).then((ok) => { window.__e2eReady = ok; });
  plugin.track({event: {type: 'track', event: 'Tampered', integrations: {}}});
</script>
</head><body><p>A customer's page.</p>%[2]s</body></html>
`, base, clickCounter)
	tab := newTab(t)
	tab.Navigate(pages.AddHTML(page))
	if err := tab.WaitUntil(`window.__e2eReady === false`, 20*time.Second); err != nil {
		t.Fatalf("the plugin did not report a failed start: %v\n%s", err, tab.Diagnostics())
	}
	checkPageWorks(t, tab)
	got := destinationWarnings(tab)
	if len(got) != 1 || !strings.Contains(got[0], "translator_failed") || !strings.Contains(got[0], "integrity") {
		t.Fatalf("want one translator_failed warning naming the integrity check, got %q\n%s", got, tab.Diagnostics())
	}
}
