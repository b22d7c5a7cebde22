package e2e

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"ramendest/e2e/internal/browser"
	"ramendest/server/app"
	"ramendest/server/config"
)

// The stand-in service's server: the real server with `standin` enabled, an
// organization without secure mode and one with a development secret.
const (
	smSecret    = "e2e-secure-mode-dev-secret-never-served"
	smOpenOrg   = "7100001"
	smSecureOrg = "7100002"
	smOpen      = "sm-open"
	smSecure    = "sm-secure"
)

const standinConfig = `
standin:
  enabled: true
sources:
  - write_key: ` + smOpen + `
    ramen:
      organization_id: "` + smOpenOrg + `"
      api_key: ` + testAPIKey + `
      endpoint: ` + testEndpoint + `
      ramenjs_url: /ramenjs-standin/ramen.js
  - write_key: ` + smSecure + `
    ramen:
      organization_id: "` + smSecureOrg + `"
      api_key: ` + testAPIKey + `
      endpoint: ` + testEndpoint + `
      secure_mode_secret: ` + smSecret + `
      ramenjs_url: /ramenjs-standin/ramen.js
`

// lazyServer is a server of the suite's built assets under a config of its
// own, started on first use; it stops when the test process ends.
type lazyServer struct {
	once sync.Once
	srv  *httptest.Server
	err  error
}

// origin starts the server with the config load returns, once, and returns
// its origin.
func (l *lazyServer) origin(t *testing.T, load func() (*config.Config, error)) string {
	t.Helper()
	l.once.Do(func() {
		cfg, err := load()
		if err != nil {
			l.err = err
			return
		}
		l.srv = httptest.NewServer(app.New(cfg, assetSrv.set, nil))
	})
	if l.err != nil {
		t.Fatal(l.err)
	}
	return l.srv.URL
}

var standinServer, defaultServer lazyServer

// standinOrigin returns the origin of the stand-in service's server (the
// config above), started on first use.
func standinOrigin(t *testing.T) string {
	return standinServer.origin(t, func() (*config.Config, error) {
		cfg, err := config.Parse("e2e stand-in config", []byte(standinConfig))
		if err != nil {
			return nil, fmt.Errorf("parsing the stand-in config: %w", err)
		}
		return cfg, nil
	})
}

// defaultOrigin returns the origin of a server with the embedded default
// configuration (what `make run` serves), started on first use.
func defaultOrigin(t *testing.T) string {
	return defaultServer.origin(t, config.LoadDefault)
}

// standinSnippet returns the text of a source's snippet from the stand-in
// service's server, as a site owner would paste it.
func standinSnippet(t *testing.T, writeKey string) string {
	t.Helper()
	url := standinOrigin(t) + "/v1/projects/" + writeKey + "/snippet.js"
	status, _, body, err := httpGet(url)
	if err != nil || status != http.StatusOK {
		t.Fatalf("fetching %s: %d %v %s", url, status, err, body)
	}
	return body
}

// smPage describes a customer page of a stand-in source.
type smPage struct {
	writeKey string
	// editSnippet, when set, changes the pasted snippet's text (a site owner
	// who edited the organization id by hand); the snippet is then inline.
	editSnippet func(string) string
	// head is HTML placed after the snippet (scripts that call analytics
	// before the bundle is ready).
	head string
}

// url registers the page on the customer site (another origin than the
// server, as real sites are) and returns its URL.
func (p smPage) url(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("<!doctype html>\n<html><head><meta charset=\"utf-8\">\n<link rel=\"icon\" href=\"data:,\">\n")
	fmt.Fprintf(&b, "<title>secure mode page (%s)</title>\n", html.EscapeString(p.writeKey))
	if p.editSnippet != nil {
		fmt.Fprintf(&b, "<script>\n%s\n</script>\n", p.editSnippet(standinSnippet(t, p.writeKey)))
	} else {
		fmt.Fprintf(&b, "<script src=\"%s\"></script>\n", html.EscapeString(standinOrigin(t)+"/v1/projects/"+p.writeKey+"/snippet.js"))
	}
	b.WriteString(p.head)
	b.WriteString("\n</head>\n<body><p>A customer's page.</p></body></html>\n")
	return pages.AddHTML(b.String())
}

// answer is one entry of window.Ramen.answers (the stand-in RamenJS's record
// of the stand-in service's answers).
type answer struct {
	Index   int    `json:"index"`
	Status  int    `json:"status"`
	Code    string `json:"code"`
	Reason  string `json:"reason"`
	Service string `json:"service"`
}

// waitAnswers waits until the stand-in RamenJS recorded n answers and
// returns them.
func waitAnswers(t *testing.T, tab *browser.Tab, n int) []answer {
	t.Helper()
	cond := fmt.Sprintf(`window.Ramen && Array.isArray(window.Ramen.answers) && window.Ramen.answers.length >= %d`, n)
	if err := tab.WaitUntil(cond, receivedTimeout); err != nil {
		got, _ := readReceived(tab)
		t.Fatalf("the stand-in recorded fewer than %d answers: %v\nreceived: %s\n%s", n, err, got, tab.Diagnostics())
	}
	var got []answer
	if err := tab.Eval(`window.Ramen.answers`, &got); err != nil {
		t.Fatal(err)
	}
	return got
}

// waitConsole waits until a console message of the given type starts with
// prefix, and fails the test if none comes.
func waitConsole(t *testing.T, tab *browser.Tab, typ, prefix string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if consoleCount(tab, typ, prefix) > 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Errorf("no console %s starting with %q\n%s", typ, prefix, tab.Diagnostics())
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// consoleCount counts console messages of the given type ("" for any)
// starting with prefix.
func consoleCount(tab *browser.Tab, typ, prefix string) int {
	n := 0
	for _, m := range tab.Console() {
		if (typ == "" || m.Type == typ) && strings.HasPrefix(m.Text, prefix) {
			n++
		}
	}
	return n
}
