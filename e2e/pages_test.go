package e2e

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// snippetMode is how a page includes the snippet.
type snippetMode int

const (
	// snippetSrc loads it with <script src=ASSET/v1/projects/KEY/snippet.js>.
	snippetSrc snippetMode = iota
	// snippetInline pastes its text inside an inline <script>, as a site
	// owner copying it from the docs would.
	snippetInline
	// snippetNone leaves it out: a blank page.
	snippetNone
)

// pageSpec describes one customer page.
type pageSpec struct {
	snippet  snippetMode
	writeKey string // default "e2e"
	// script runs in an inline <script> right after the snippet, before the
	// bundle (which loads after the window's load event) can be ready.
	script string
}

// pageURL registers the page on the customer site and returns its URL.
func pageURL(t *testing.T, p pageSpec) string {
	t.Helper()
	if p.writeKey == "" {
		p.writeKey = "e2e"
	}
	var b strings.Builder
	b.WriteString("<!doctype html>\n<html><head><meta charset=\"utf-8\">\n")
	// An empty icon keeps the browser from logging a 404 for /favicon.ico.
	b.WriteString("<link rel=\"icon\" href=\"data:,\">\n")
	fmt.Fprintf(&b, "<title>e2e page (%s)</title>\n", html.EscapeString(p.writeKey))
	switch p.snippet {
	case snippetSrc:
		fmt.Fprintf(&b, "<script src=\"%s\"></script>\n", html.EscapeString(snippetURL(p.writeKey)))
	case snippetInline:
		fmt.Fprintf(&b, "<script>\n%s\n</script>\n", snippetText(t, p.writeKey))
	}
	if p.script != "" {
		fmt.Fprintf(&b, "<script>\n%s\n</script>\n", p.script)
	}
	b.WriteString("</head>\n<body><p>A customer's page.</p></body></html>\n")
	return pages.AddHTML(b.String())
}

// snippetURL is where a page loads the snippet of a source.
func snippetURL(writeKey string) string {
	return assetSrv.URL() + "/v1/projects/" + writeKey + "/snippet.js"
}

// snippets caches the snippet text per write key: a site owner pastes it
// once, and the text is the same for every page.
var snippets sync.Map // write key → string

// snippetText fetches the snippet from the server as a site owner would copy
// it, once per write key.
func snippetText(t *testing.T, writeKey string) string {
	t.Helper()
	if s, ok := snippets.Load(writeKey); ok {
		return s.(string)
	}
	status, _, body, err := httpGet(snippetURL(writeKey))
	if err != nil {
		t.Fatalf("fetching the snippet: %v", err)
	}
	if status != http.StatusOK {
		t.Fatalf("fetching the snippet for %q: status %d: %s", writeKey, status, body)
	}
	if strings.Contains(body, "</script") {
		t.Fatalf("the snippet for %q contains \"</script\" and cannot be pasted inline", writeKey)
	}
	snippets.Store(writeKey, body)
	return body
}

// httpClient bounds every plain HTTP request the suite makes.
var httpClient = &http.Client{Timeout: 30 * time.Second}

// httpGet fetches url and returns the status, headers and body.
func httpGet(url string, header ...string) (int, http.Header, string, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return 0, nil, "", fmt.Errorf("building GET %s: %w", url, err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		return 0, nil, "", fmt.Errorf("GET %s: %w", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, nil, "", fmt.Errorf("reading GET %s: %w", url, err)
	}
	return resp.StatusCode, resp.Header, string(body), nil
}

// jsString quotes s as a JavaScript string literal (JSON is a subset).
func jsString(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return string(b)
}
