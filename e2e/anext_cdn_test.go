package e2e

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// analytics-next (pinned in package.json, installed by `npm ci`) is served to
// the browser from two places, as a site that hosts analytics.js itself and
// points its CDN at this project's server would have it:
//   - the customer site serves its files under /analytics-next/bundles/, and
//     pages load standalone.js from there;
//   - the "CDN" origin that window.analytics._cdn names. analytics-next asks it
//     for its settings, its lazily loaded chunks (under
//     /analytics-next/bundles/) and classic destinations (/next-integrations/).
//     It is the asset server's own handler (the same app.Server, config and
//     build) on a second port, with analytics-next's chunks beside it, as
//     Segment's CDN hosts both.

// anextDist is where npm ci puts analytics-next's browser builds.
const anextDist = "node_modules/@segment/analytics-next/dist/umd"

// anextBundlesPath is where analytics-next looks for its chunks under its CDN.
const anextBundlesPath = "/analytics-next/bundles/"

var anext struct {
	once sync.Once
	cdn  *httptest.Server
	err  error
}

// anextCDN returns the CDN origin's URL, starting it (and registering the
// analytics-next files on the customer site) on first use.
func anextCDN(t *testing.T) string {
	t.Helper()
	anext.once.Do(func() {
		files, err := anextFiles()
		if err != nil {
			anext.err = err
			return
		}
		for name, body := range files {
			pages.Handle(anextBundlesPath+name, "text/javascript; charset=utf-8", body)
		}
		mux := http.NewServeMux()
		mux.HandleFunc(anextBundlesPath, func(w http.ResponseWriter, r *http.Request) {
			body, ok := files[strings.TrimPrefix(r.URL.Path, anextBundlesPath)]
			if !ok {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
			_, _ = w.Write([]byte(body))
		})
		mux.Handle("/", assetSrv.srv.Config.Handler)
		anext.cdn = httptest.NewServer(mux)
	})
	if anext.err != nil {
		t.Fatalf("analytics-next is not installed (run `make test`, or `npm ci` in e2e/): %v", anext.err)
	}
	return anext.cdn.URL
}

// closeAnextCDN stops the CDN origin if a test started it.
func closeAnextCDN() {
	if anext.cdn != nil {
		anext.cdn.Close()
	}
}

// anextFiles reads the JavaScript files of analytics-next's browser build.
func anextFiles() (map[string]string, error) {
	entries, err := os.ReadDir(anextDist)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", anextDist, err)
	}
	files := map[string]string{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".js") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(anextDist, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", e.Name(), err)
		}
		files[e.Name()] = string(data)
	}
	if _, ok := files["standalone.js"]; !ok {
		return nil, fmt.Errorf("%s has no standalone.js", anextDist)
	}
	return files, nil
}

// anextPage describes a customer page that loads the real analytics-next
// from the CDN origin.
type anextPage struct {
	writeKey string
	// head is HTML placed before analytics-next's snippet.
	head string
	// queue is JavaScript run right after the snippet queue exists, before
	// standalone.js loads (e.g. analytics.register(...)).
	queue string
	// module, when set, is the body of a <script type=module> that must call
	// loadAnalytics() itself once it has done its part.
	module string
}

// anextPageURL registers the page on the customer site and returns its URL.
// The snippet is analytics-next's own queueing stub, with _cdn set to the
// CDN origin (settings and classic destinations come from this project's
// server) and Segment.io turned off (nothing is sent to Segment).
func anextPageURL(t *testing.T, p anextPage) string {
	t.Helper()
	cdn := anextCDN(t)
	var b strings.Builder
	b.WriteString("<!doctype html>\n<html><head><meta charset=\"utf-8\">\n<link rel=\"icon\" href=\"data:,\">\n")
	fmt.Fprintf(&b, "<title>analytics-next page (%s)</title>\n", html.EscapeString(p.writeKey))
	b.WriteString(p.head)
	fmt.Fprintf(&b, `<script>
(function () {
  var a = window.analytics = [];
  ['track', 'identify', 'page', 'group', 'alias', 'reset', 'ready', 'on', 'once', 'off',
   'register', 'setAnonymousId', 'debug', 'screen'].forEach(function (m) {
    a[m] = function () { var x = [].slice.call(arguments); x.unshift(m); a.push(x); return a; };
  });
  a._writeKey = %s;
  a._cdn = %s;
  a._loadOptions = { integrations: { 'Segment.io': false } };
  window.loadAnalytics = function () {
    var s = document.createElement('script');
    s.async = true;
    s.src = %s;
    document.head.appendChild(s);
  };
})();
`, jsString(p.writeKey), jsString(cdn), jsString(anextBundlesPath+"standalone.js"))
	b.WriteString(p.queue)
	if p.module == "" {
		b.WriteString("\nloadAnalytics();\n</script>\n")
	} else {
		fmt.Fprintf(&b, "\n</script>\n<script type=\"module\">\n%s\n</script>\n", p.module)
	}
	b.WriteString("</head>\n<body><p>A customer's page with analytics-next.</p></body></html>\n")
	return pages.AddHTML(b.String())
}
