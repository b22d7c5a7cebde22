package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"ramendest/e2e/internal/browser"
)

// chrome is one headless Chromium for all runs; each run gets a new browser
// context, so its HTTP cache (and compiled-code cache) starts cold.
type chrome struct {
	ctx     context.Context
	cancel  context.CancelFunc
	profile string
}

// startChrome starts Chromium trusting the certificate whose public key hash
// (base64 SHA-256 of the SubjectPublicKeyInfo) is spki: the test servers'
// self-signed one. Trusting it by key, rather than ignoring certificate errors,
// matters: Chromium does not keep responses that had certificate errors in
// its HTTP cache, and the repeat visit must see the cache as users do.
func startChrome(spki string) (*chrome, error) {
	path, err := browser.FindChromium()
	if err != nil {
		return nil, err
	}
	profile, err := os.MkdirTemp("", "ramen-bench-chromium-")
	if err != nil {
		return nil, err
	}
	opts := browser.AllocatorOptions(path, profile,
		// The test servers use HTTPS as sites and CDNs do (and Chromium asks for
		// brotli only over HTTPS).
		chromedp.Flag("ignore-certificate-errors-spki-list", spki),
	)
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		allocCancel()
		os.RemoveAll(profile)
		return nil, fmt.Errorf("starting %s: %w", path, err)
	}
	return &chrome{ctx: ctx, profile: profile, cancel: func() { cancel(); allocCancel() }}, nil
}

func (c *chrome) close() {
	c.cancel()
	os.RemoveAll(c.profile)
}

// transfer is what one request cost on the wire.
type transfer struct {
	url       string
	bytes     int64
	fromCache bool
	status    int64
	encoding  string
}

// netLog sums bytes over the wire per request from the Network domain's
// events (encodedDataLength: headers and body as received).
type netLog struct {
	mu    sync.Mutex
	byID  map[network.RequestID]*transfer
	order []network.RequestID
}

func newNetLog() *netLog { return &netLog{byID: map[network.RequestID]*transfer{}} }

func (l *netLog) get(id network.RequestID) *transfer {
	t, ok := l.byID[id]
	if !ok {
		t = &transfer{}
		l.byID[id] = t
		l.order = append(l.order, id)
	}
	return t
}

func (l *netLog) listen(ev any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		l.get(ev.RequestID).url = ev.Request.URL
	case *network.EventResponseReceived:
		t := l.get(ev.RequestID)
		t.status = ev.Response.Status
		for k, v := range ev.Response.Headers {
			if strings.EqualFold(k, "content-encoding") {
				t.encoding, _ = v.(string)
			}
		}
		if ev.Response.FromDiskCache || ev.Response.FromPrefetchCache {
			t.fromCache = true
		}
	case *network.EventRequestServedFromCache:
		l.get(ev.RequestID).fromCache = true
	case *network.EventLoadingFinished:
		l.get(ev.RequestID).bytes = int64(ev.EncodedDataLength)
	}
}

// reset forgets what was logged (before a repeat visit).
func (l *netLog) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.byID = map[network.RequestID]*transfer{}
	l.order = nil
}

// sum adds the bytes of requests whose URL has one of the prefixes.
func (l *netLog) sum(prefixes ...string) int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	var n int64
	for _, id := range l.order {
		t := l.byID[id]
		for _, p := range prefixes {
			if strings.HasPrefix(t.url, p) {
				n += t.bytes
				break
			}
		}
	}
	return n
}

// encodingOf returns the Content-Encoding of the first request whose URL has
// the prefix ("" when none was seen or it was not encoded).
func (l *netLog) encodingOf(prefix string) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, id := range l.order {
		if t := l.byID[id]; strings.HasPrefix(t.url, prefix) {
			return t.encoding
		}
	}
	return ""
}

// tab is one page in a fresh browser context.
type tab struct {
	ctx    context.Context
	cancel context.CancelFunc
	net    *netLog
}

func (c *chrome) newTab() (*tab, error) {
	l := newNetLog()
	deadline, cancelDeadline := context.WithTimeout(c.ctx, 3*time.Minute)
	ctx, cancel := chromedp.NewContext(deadline, chromedp.WithNewBrowserContext(), chromedp.WithListener(l.listen))
	t := &tab{ctx: ctx, net: l, cancel: func() { cancel(); cancelDeadline() }}
	if err := chromedp.Do(ctx); err != nil {
		t.cancel()
		return nil, fmt.Errorf("opening a tab: %w", err)
	}
	return t, nil
}

func (t *tab) close() { t.cancel() }

func (t *tab) navigate(url string) error {
	if err := chromedp.Do(t.ctx, chromedp.Navigate(url)); err != nil {
		return fmt.Errorf("loading %s: %w", url, err)
	}
	return nil
}

// eval evaluates js (awaiting a Promise) and decodes its JSON value into out.
func (t *tab) eval(js string, out any) error {
	raw, err := chromedp.Run(t.ctx, chromedp.Evaluate[[]byte](js, chromedp.EvalAwaitPromise))
	if err != nil {
		return fmt.Errorf("evaluating %.60q: %w", js, err)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(raw, out)
}

// waitFor polls cond in the page until it is true.
func (t *tab) waitFor(cond string, timeout time.Duration) error {
	end := time.Now().Add(timeout)
	for {
		var ok bool
		err := t.eval("!!("+cond+")", &ok)
		if err == nil && ok {
			return nil
		}
		if time.Now().After(end) {
			return fmt.Errorf("waiting %s for %s: %v", timeout, cond, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
