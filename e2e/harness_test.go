package e2e

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"ramendest/e2e/internal/browser"
)

// These tests check the harness itself, so that a green device-mode run
// means something: exceptions are caught, the console is recorded, and
// tabs share no storage.

// recorder is a browser.Reporter that keeps what it is told instead of
// failing the test, so a test can expect a failure.
type recorder struct {
	mu   sync.Mutex
	errs []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func (r *recorder) failures() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.errs)
}

// eventually polls cond until it holds or the deadline passes.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("still waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestHarnessReportsUncaughtExceptions(t *testing.T) {
	cases := []struct {
		name   string
		script string
		want   string // "" means: no failure expected
	}{
		{name: "error thrown while the page loads", script: `throw new Error('e2e boom')`, want: "e2e boom"},
		{name: "error thrown from a timer", script: `setTimeout(() => { throw new TypeError('e2e later') }, 0)`, want: "e2e later"},
		{name: "unhandled promise rejection", script: `Promise.reject(new Error('e2e rejected'))`, want: "e2e rejected"},
		{name: "thrown string", script: `throw 'e2e string'`, want: "e2e string"},
		{name: "caught error", script: `try { throw new Error('fine') } catch (e) {}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			rec := &recorder{}
			tab := chrome.OpenTab(t, browser.TabOptions{Exceptions: rec})
			tab.Navigate(pages.AddHTML("<!doctype html><link rel=icon href=\"data:,\"><script>" + c.script + "</script><p>x</p>"))
			if c.want != "" {
				eventually(t, "the exception event", func() bool { return len(tab.Exceptions()) > 0 })
			} else {
				tab.Exec(`new Promise(r => setTimeout(r, 50))`) // give a stray timer its turn
			}
			tab.Close()
			got := rec.failures()
			t.Logf("reported: %q", got)
			switch {
			case c.want == "" && len(got) != 0:
				t.Errorf("a quiet page was reported: %q", got)
			case c.want != "" && (len(got) != 1 || !strings.Contains(got[0], c.want) ||
				!strings.Contains(got[0], "uncaught exception")):
				t.Errorf("want one failure naming %q, got %q", c.want, got)
			}
		})
	}
}

func TestHarnessRecordsConsole(t *testing.T) {
	t.Parallel()
	tab := newTab(t)
	tab.Navigate(pages.AddHTML(`<!doctype html><link rel=icon href="data:,"><script>
		console.warn('e2e warn', {a: 1, b: 'x'});
		console.info('e2e info');
		console.log(42, [1, 2]);
	</script>`))
	want := []browser.ConsoleMessage{
		{Type: "warning", Text: `e2e warn {a: 1, b: x}`},
		{Type: "info", Text: "e2e info"},
		{Type: "log", Text: "42 [0: 1, 1: 2]"},
	}
	eventually(t, "three console messages", func() bool { return len(tab.Console()) >= len(want) })
	got := tab.Console()
	for i := range want {
		if got[i].Type != want[i].Type || got[i].Text != want[i].Text {
			t.Errorf("console[%d] = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestHarnessEvalReportsScriptErrors(t *testing.T) {
	t.Parallel()
	tab := newTab(t)
	tab.Navigate(pages.AddHTML(`<!doctype html><link rel=icon href="data:,"><p>x</p>`))
	err := tab.Eval(`(() => { throw new Error('e2e eval') })()`, nil)
	var ex *chromedp.ExceptionError
	if !errors.As(err, &ex) || !strings.Contains(err.Error(), "e2e eval") {
		t.Errorf("Eval of a throwing script: got %v, want an ExceptionError naming it", err)
	}
	var n int
	if err := tab.Eval(`Promise.resolve(41).then(x => x + 1)`, &n); err != nil || n != 42 {
		t.Errorf("Eval awaiting a promise = %d, %v; want 42", n, err)
	}
	if err := tab.WaitUntil(`false`, 100*time.Millisecond); err == nil {
		t.Error("WaitUntil(false) returned no error")
	}
}

func TestHarnessTabsShareNoStorage(t *testing.T) {
	t.Parallel()
	url := pages.AddHTML(`<!doctype html><link rel=icon href="data:,"><p>storage</p>`)
	first := newTab(t)
	first.Navigate(url)
	first.Exec(`localStorage.setItem('e2e', 'leaked'); document.cookie = 'e2e=leaked; path=/'`)
	var stored string
	if err := first.Eval(`localStorage.getItem('e2e') + ' ' + document.cookie`, &stored); err != nil || stored != "leaked e2e=leaked" {
		t.Fatalf("the first tab could not store anything: %q, %v", stored, err)
	}
	second := newTab(t)
	second.Navigate(url)
	var seen string
	if err := second.Eval(`String(localStorage.getItem('e2e')) + ' ' + JSON.stringify(document.cookie)`, &seen); err != nil {
		t.Fatal(err)
	}
	if seen != `null ""` {
		t.Errorf("a new tab saw the first tab's storage: %s", seen)
	}
}
