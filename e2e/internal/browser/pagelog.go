package browser

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
)

// ConsoleMessage is one console call of the page, or one entry of the
// browser's own log (a failed request, a blocked script).
type ConsoleMessage struct {
	// Type is the console method's protocol name ("log", "info",
	// "warning", "error", "debug"...), or "browser-" plus the level for a
	// browser log entry.
	Type string
	// Text is the arguments rendered as text and joined by spaces.
	Text string
	// URL is where the message came from, when the browser says.
	URL string
}

// String renders the message as "type: text".
func (m ConsoleMessage) String() string { return m.Type + ": " + m.Text }

// pageLog collects what a tab reports. The listener runs on chromedp's event
// loop, so it only appends under a lock.
type pageLog struct {
	mu         sync.Mutex
	console    []ConsoleMessage
	exceptions []string
}

func (l *pageLog) listen(ev any) {
	switch ev := ev.(type) {
	case *runtime.EventExceptionThrown:
		l.add(nil, ExceptionText(ev.ExceptionDetails))
	case *runtime.EventConsoleAPICalled:
		m := ConsoleMessage{Type: string(ev.Type), Text: argsText(ev.Args)}
		if st := ev.StackTrace; st != nil && len(st.CallFrames) > 0 {
			m.URL = st.CallFrames[0].URL
		}
		l.add(&m, "")
	case *log.EventEntryAdded:
		if e := ev.Entry; e != nil {
			l.add(&ConsoleMessage{Type: "browser-" + string(e.Level), Text: e.Text, URL: e.URL}, "")
		}
	}
}

func (l *pageLog) add(m *ConsoleMessage, exception string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if m != nil {
		l.console = append(l.console, *m)
	}
	if exception != "" {
		l.exceptions = append(l.exceptions, exception)
	}
}

// Console returns a copy of the console messages so far.
func (l *pageLog) Console() []ConsoleMessage {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]ConsoleMessage(nil), l.console...)
}

// Exceptions returns a copy of the exception texts so far.
func (l *pageLog) Exceptions() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.exceptions...)
}

// ExceptionText renders an uncaught exception the way a console shows it:
// "Uncaught Error: boom (at http://…/page:3:9)".
func ExceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "an exception without details"
	}
	msg := d.Text
	if ex := d.Exception; ex != nil {
		detail := ex.Description
		if detail == "" {
			detail = remoteText(ex)
		}
		// The description of an Error repeats its stack; the first line is
		// the part a reader needs.
		detail, _, _ = strings.Cut(detail, "\n")
		if detail != "" && !strings.Contains(msg, detail) {
			msg += " " + detail
		}
	}
	url := d.URL
	if url == "" && d.StackTrace != nil && len(d.StackTrace.CallFrames) > 0 {
		url = d.StackTrace.CallFrames[0].URL
	}
	if url != "" {
		msg += fmt.Sprintf(" (at %s:%d:%d)", url, d.LineNumber+1, d.ColumnNumber+1)
	}
	return msg
}

// argsText renders console arguments roughly as DevTools does.
func argsText(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		parts = append(parts, remoteText(a))
	}
	return strings.Join(parts, " ")
}

// remoteText renders one remote value: strings bare, other primitives as
// JSON, objects from their preview when there is one.
func remoteText(o *runtime.RemoteObject) string {
	if o == nil {
		return ""
	}
	if o.Type == runtime.RemoteObjectTypeString {
		var s string
		if json.Unmarshal(o.Value, &s) == nil {
			return s
		}
	}
	if len(o.Value) > 0 {
		return string(o.Value)
	}
	if o.UnserializableValue != "" {
		return string(o.UnserializableValue)
	}
	if p := o.Preview; p != nil && o.Subtype != runtime.RemoteObjectSubtypeError && len(p.Properties) > 0 {
		kv := make([]string, 0, len(p.Properties))
		for _, pp := range p.Properties {
			kv = append(kv, pp.Name+": "+pp.Value)
		}
		open, closing := "{", "}"
		if o.Subtype == runtime.RemoteObjectSubtypeArray {
			open, closing = "[", "]"
		}
		more := ""
		if p.Overflow {
			more = ", …"
		}
		return open + strings.Join(kv, ", ") + more + closing
	}
	if o.Description != "" {
		return o.Description
	}
	return string(o.Type)
}
