package browser

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// DefaultTabTimeout bounds everything one tab does. It is a guard against a
// hang, not a speed check: a slow machine only matters when a test fails.
const DefaultTabTimeout = 90 * time.Second

// pollInterval is how often WaitUntil re-evaluates its condition.
const pollInterval = 25 * time.Millisecond

// Reporter receives the failures a tab finds by itself: uncaught page
// exceptions. *testing.T satisfies it; the harness's own tests pass a
// recorder to prove that an exception is caught.
type Reporter interface {
	Helper()
	Errorf(format string, args ...any)
}

// TabOptions tunes OpenTab.
type TabOptions struct {
	// Timeout bounds the tab's whole life; zero means DefaultTabTimeout.
	Timeout time.Duration
	// Exceptions receives each uncaught page exception when the tab closes;
	// nil means the test that opened the tab.
	Exceptions Reporter
}

// Tab is one browser tab in its own browser context (own cookies and
// storage), bound to one test.
type Tab struct {
	tb        testing.TB
	ctx       context.Context
	cancel    context.CancelFunc
	report    Reporter
	log       *pageLog
	closeOnce sync.Once
}

// NewTab opens a fresh tab for tb with the default options. The tab closes
// when the test ends, and any uncaught page exception fails the test.
func (b *Browser) NewTab(tb testing.TB) *Tab {
	tb.Helper()
	return b.OpenTab(tb, TabOptions{})
}

// OpenTab opens a fresh tab in a new browser context, so that nothing a page
// stores leaks into another test.
func (b *Browser) OpenTab(tb testing.TB, o TabOptions) *Tab {
	tb.Helper()
	if o.Timeout <= 0 {
		o.Timeout = DefaultTabTimeout
	}
	if o.Exceptions == nil {
		o.Exceptions = tb
	}
	deadline, cancelDeadline := context.WithTimeout(b.ctx, o.Timeout)
	l := &pageLog{}
	// WithListener sees every event from the tab's first command on, so no
	// exception thrown early in a page's life can slip past.
	ctx, cancelTab := chromedp.NewContext(deadline,
		chromedp.WithNewBrowserContext(),
		chromedp.WithListener(l.listen))
	t := &Tab{tb: tb, ctx: ctx, report: o.Exceptions, log: l,
		cancel: func() { cancelTab(); cancelDeadline() }}
	tb.Cleanup(t.Close)
	if err := chromedp.Do(ctx); err != nil {
		tb.Fatalf("opening a browser tab: %v\nbrowser output:\n%s", err, b.Output())
	}
	return t
}

// Context returns the tab's chromedp context, for actions the helpers here
// do not cover.
func (t *Tab) Context() context.Context { return t.ctx }

// Close closes the tab and reports every uncaught exception the page threw.
// It runs automatically at the end of the test; calling it earlier is fine.
func (t *Tab) Close() {
	t.closeOnce.Do(func() {
		t.cancel()
		t.report.Helper()
		for _, e := range t.log.Exceptions() {
			t.report.Errorf("uncaught exception in the page: %s", e)
		}
	})
}

// Navigate loads url and waits for its load event; it fails the test when
// the page does not load.
func (t *Tab) Navigate(url string) {
	t.tb.Helper()
	if err := chromedp.Do(t.ctx, chromedp.Navigate(url)); err != nil {
		t.tb.Fatalf("loading %s: %v\n%s", url, t.wrapCtx(err), t.Diagnostics())
	}
}

// Eval evaluates a JavaScript expression in the page, awaits it when it is a
// Promise, and decodes its JSON value into out (nil discards it). A
// JavaScript exception comes back as an error of type *chromedp.ExceptionError.
func (t *Tab) Eval(js string, out any) error {
	raw, err := chromedp.Run(t.ctx, chromedp.Evaluate[[]byte](js, chromedp.EvalAwaitPromise))
	if errors.Is(err, chromedp.ErrJSUndefined) || errors.Is(err, chromedp.ErrJSNull) {
		raw, err = []byte("null"), nil
	}
	if err != nil {
		return fmt.Errorf("evaluating %s: %w", abbreviate(js), t.wrapCtx(err))
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("decoding the value of %s: %w", abbreviate(js), err)
	}
	return nil
}

// Exec runs JavaScript in the page like Eval and fails the test on error,
// including when the script throws.
func (t *Tab) Exec(js string) {
	t.tb.Helper()
	if err := t.Eval(js, nil); err != nil {
		t.tb.Fatalf("%v\n%s", err, t.Diagnostics())
	}
}

// WaitUntil polls the JavaScript condition until it is truthy, for at most
// timeout. It returns an error naming the condition when time runs out;
// errors while the page is between documents count as "not yet".
func (t *Tab) WaitUntil(cond string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	var lastErr error
	for {
		var ok bool
		lastErr = t.Eval("!!("+cond+")", &ok)
		if lastErr == nil && ok {
			return nil
		}
		if time.Now().After(deadline) {
			if lastErr != nil {
				return fmt.Errorf("condition %s still false after %s: %w", abbreviate(cond), timeout, lastErr)
			}
			return fmt.Errorf("condition %s still false after %s", abbreviate(cond), timeout)
		}
		select {
		case <-time.After(pollInterval):
		case <-t.ctx.Done():
			return fmt.Errorf("waiting for %s: %w", abbreviate(cond), t.wrapCtx(t.ctx.Err()))
		}
	}
}

// Console returns the console messages (and browser log entries) so far.
func (t *Tab) Console() []ConsoleMessage { return t.log.Console() }

// Exceptions returns the text of each uncaught exception so far.
func (t *Tab) Exceptions() []string { return t.log.Exceptions() }

// Diagnostics renders the console and the exceptions so far, for a failure
// message.
func (t *Tab) Diagnostics() string {
	var b strings.Builder
	b.WriteString("page console:\n")
	msgs := t.Console()
	if len(msgs) == 0 {
		b.WriteString("  (empty)\n")
	}
	for _, m := range msgs {
		fmt.Fprintf(&b, "  %s\n", m)
	}
	for _, e := range t.Exceptions() {
		fmt.Fprintf(&b, "  uncaught exception: %s\n", e)
	}
	return b.String()
}

// wrapCtx says plainly when the tab's deadline is what stopped an action.
func (t *Tab) wrapCtx(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("the tab's deadline passed (a hang, not a speed check): %w", err)
	}
	return err
}

// abbreviate keeps error messages readable when the script is long.
func abbreviate(js string) string {
	js = strings.Join(strings.Fields(js), " ")
	if len(js) > 160 {
		js = js[:157] + "..."
	}
	return fmt.Sprintf("%q", js)
}
