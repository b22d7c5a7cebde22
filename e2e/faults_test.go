package e2e

import (
	"context"
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
	"ramendest/server/assets"
	"ramendest/server/config"
	"ramendest/web"
)

// The fault server stands between a page and the real server for the tests
// that need a resource to fail: each fault mode is a path prefix
// (/m/<mode>/) served by its own app.Server whose public_base_url is that
// prefix, so the snippet it serves names URLs the fault server controls.
// Requests pass through to the real routes unless the mode breaks them.

// fault is what happens to one kind of resource.
type fault int

const (
	pass     fault = iota // served by the real server
	missing               // 404 with a JSON body and CORS, as the real server answers
	hang                  // never answered (until the page goes away)
	faulty                // the fault-injection translator (.wasm only)
	tampered              // the real file with bytes appended: its integrity no longer matches
)

// faultMode says what happens to the bundle, the WASM module and RamenJS.
type faultMode struct {
	bundle, wasm, ramenjs fault
}

// faultWasmPackage is the translator with faults wired in (see its doc).
const faultWasmPackage = "./wasm/internal/faultwasm"

// Magic created-at values the fault-injection translator reacts to.
const (
	faultPanicDate = "ramen-fault:panic"
	faultExitDate  = "ramen-fault:exit"
)

type faultServer struct {
	srv *httptest.Server

	mu   sync.Mutex
	apps map[string]*faultApp

	wasmOnce sync.Once
	wasm     []byte
	wasmErr  error
}

type faultApp struct {
	mode    faultMode
	handler http.Handler
}

var (
	faultsOnce sync.Once
	faults     *faultServer
)

// faultsServer starts the shared fault server on first use; it stops when
// the test process ends (a hanging answer ends when its page goes away).
func faultsServer() *faultServer {
	faultsOnce.Do(func() {
		f := &faultServer{apps: map[string]*faultApp{}}
		f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
		faults = f
	})
	return faults
}

// origin returns the fault server's scheme://host:port.
func (f *faultServer) origin() string { return f.srv.URL }

// snippetURL registers mode under name (once) and returns the URL of the
// "e2e" source's snippet served through it.
func (f *faultServer) snippetURL(t *testing.T, name string, mode faultMode) string {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if a, ok := f.apps[name]; ok {
		if a.mode != mode {
			t.Fatalf("fault mode %q registered twice with different faults", name)
		}
	} else {
		base := f.srv.URL + "/m/" + name
		yaml := fmt.Sprintf(`public_base_url: %s
sources:
  - write_key: e2e
    ramen:
      enabled: true
      organization_id: "6389149"
      ramenjs_url: /ramenjs-standin/ramen.js
`, base)
		cfg, err := config.Parse("fault server config", []byte(yaml))
		if err != nil {
			t.Fatalf("fault server config: %v", err)
		}
		set := assetSrv.set
		if mode.wasm == faulty {
			// The server pins what it serves (integrity.go): this server
			// serves the fault-injection translator as its WASM module.
			data, err := f.faultWasm()
			if err != nil {
				t.Fatalf("building the fault-injection translator: %v", err)
			}
			copied := *set
			copied.WASM = assets.NewFile(set.WASM.Name, data)
			set = &copied
		}
		f.apps[name] = &faultApp{mode: mode, handler: app.New(cfg, set, nil)}
	}
	return f.srv.URL + "/m/" + name + "/v1/projects/e2e/snippet.js"
}

// faultWasm builds the fault-injection translator once per run.
func (f *faultServer) faultWasm() ([]byte, error) {
	f.wasmOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), buildTimeout)
		defer cancel()
		f.wasm, f.wasmErr = web.BuildWasm(ctx, web.Options{ModuleDir: "..", WasmPackage: faultWasmPackage})
	})
	return f.wasm, f.wasmErr
}

func (f *faultServer) serve(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/m/")
	name, path, _ := strings.Cut(rest, "/")
	f.mu.Lock()
	a := f.apps[name]
	f.mu.Unlock()
	if !ok || a == nil {
		http.NotFound(w, r)
		return
	}
	path = "/" + path
	what := pass
	switch {
	case strings.HasPrefix(path, app.PathAssets) && strings.HasSuffix(path, ".js"):
		what = a.mode.bundle
	case strings.HasPrefix(path, app.PathAssets) && strings.HasSuffix(path, ".wasm"):
		what = a.mode.wasm
	case path == app.PathStandin:
		what = a.mode.ramenjs
	}
	switch what {
	case missing:
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"error":"not found (fault server)"}`))
	case hang:
		<-r.Context().Done() // the page went away
	case faulty:
		data, err := f.faultWasm()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Content-Type", "application/wasm")
		_, _ = w.Write(data)
	case tampered:
		rec := httptest.NewRecorder()
		r2 := r.Clone(r.Context())
		r2.URL.Path, r2.URL.RawPath = path, ""
		r2.Header.Set("Accept-Encoding", "identity")
		a.handler.ServeHTTP(rec, r2)
		for _, k := range []string{"Content-Type", "Access-Control-Allow-Origin", "Cross-Origin-Resource-Policy"} {
			w.Header().Set(k, rec.Header().Get(k))
		}
		_, _ = w.Write(append(rec.Body.Bytes(), "\n/* tampered */\n"...))
	default:
		r2 := r.Clone(r.Context())
		r2.URL.Path = path
		r2.URL.RawPath = ""
		a.handler.ServeHTTP(w, r2)
	}
}

// faultPage is a customer page that loads the snippet through a fault mode.
type faultPage struct {
	// head goes first in <head>: a CSP <meta>, or a script that runs before
	// the snippet.
	head string
	// script runs in an inline <script> right after the snippet.
	script string
	// body is extra markup in <body>.
	body string
}

// clickCounter is markup and a script proving the page still works: the
// button's handler counts clicks.
const clickCounter = `<button id="e2e-button" onclick="window.__e2eClicks = (window.__e2eClicks || 0) + 1">click</button>`

// url registers the page on the customer site and returns its URL.
func (p faultPage) url(snippetURL string) string {
	var b strings.Builder
	b.WriteString("<!doctype html>\n<html><head><meta charset=\"utf-8\">\n")
	b.WriteString(p.head)
	b.WriteString("\n<link rel=\"icon\" href=\"data:,\">\n<title>e2e fault page</title>\n")
	fmt.Fprintf(&b, "<script src=\"%s\"></script>\n", html.EscapeString(snippetURL))
	if p.script != "" {
		fmt.Fprintf(&b, "<script>\n%s\n</script>\n", p.script)
	}
	fmt.Fprintf(&b, "</head>\n<body><p>A customer's page.</p>%s%s</body></html>\n", clickCounter, p.body)
	return pages.AddHTML(b.String())
}

// warningPrefix starts every console message of the destination.
const warningPrefix = "[Ramen destination] "

// destinationWarnings returns the destination's console warnings so far.
func destinationWarnings(tab *browser.Tab) []string {
	var out []string
	for _, m := range tab.Console() {
		if m.Type == "warning" && strings.HasPrefix(m.Text, warningPrefix) {
			out = append(out, strings.TrimPrefix(m.Text, warningPrefix))
		}
	}
	return out
}

// warningCode is the code a destination warning starts with ("code: text"),
// or "" for a warning without one.
func warningCode(w string) string {
	code, _, ok := strings.Cut(w, ": ")
	if !ok || strings.ContainsAny(code, " ") {
		return ""
	}
	return code
}

// checkPageWorks clicks the page's button and checks its handler ran, and
// that timers still fire.
func checkPageWorks(t *testing.T, tab *browser.Tab) {
	t.Helper()
	var clicks int
	err := tab.Eval(`new Promise(r => setTimeout(() => {
		document.getElementById('e2e-button').click();
		r(window.__e2eClicks || 0);
	}, 0))`, &clicks)
	if err != nil || clicks != 1 {
		t.Errorf("the page no longer works: clicks = %d, %v\n%s", clicks, err, tab.Diagnostics())
	}
}

// waitWarnings waits until the destination printed at least n warnings, or
// the deadline passed, and returns them.
func waitWarnings(tab *browser.Tab, n int, deadline time.Duration) []string {
	end := time.Now().Add(deadline)
	for {
		w := destinationWarnings(tab)
		if len(w) >= n || time.Now().After(end) {
			return w
		}
		time.Sleep(50 * time.Millisecond)
	}
}
