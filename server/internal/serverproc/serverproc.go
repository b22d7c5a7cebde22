// Package serverproc holds what the tests and tools that drive the server as
// a whole — the process test, the run test and the load-with-reloads tool —
// share: starting the binary on a free port, finding the URL it listens on in
// its log, replacing its config file as a deploy would, counting reload
// outcomes, and configs whose server-side secrets no log line may show.
package serverproc

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"time"
)

// Messages the server logs after a SIGHUP: the new config was applied, or it
// was refused and the previous one keeps serving.
const (
	Reloaded = `msg="config reloaded"`
	Refused  = `msg="config reload refused`
)

// listenURL matches the line the server logs once it listens; the address
// is 127.0.0.1 with the port the kernel picked for -addr 127.0.0.1:0.
var listenURL = regexp.MustCompile(`url=(http://127\.0\.0\.1:[0-9]+)/`)

// ListenURL returns the base URL (no trailing slash) from the server's
// listening line in log, or "" when it has not been logged yet.
func ListenURL(log string) string {
	if m := listenURL.FindStringSubmatch(log); m != nil {
		return m[1]
	}
	return ""
}

// Start runs the server binary bin on a free loopback port with the config
// file cfgPath, its log going to stderr. The caller waits for the URL in the
// log (ListenURL, Log.WaitURL) and stops the process.
func Start(bin, cfgPath string, stderr io.Writer) (*exec.Cmd, error) {
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-config", cfgPath)
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", bin, err)
	}
	return cmd, nil
}

// Reloads counts the reload outcomes in log.
func Reloads(log string) (applied, refused int) {
	return strings.Count(log, Reloaded), strings.Count(log, Refused)
}

// WriteAtomic replaces path's content by renaming a temporary file over it,
// as a deploy should, so the server never reads half a file.
func WriteAtomic(path, text string) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(text), 0o600); err != nil {
		return fmt.Errorf("writing %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("replacing %s: %w", path, err)
	}
	return nil
}

// Log collects a server's log output in memory and signals each write, so a
// test can wait for a line without polling.
type Log struct {
	mu    sync.Mutex
	buf   strings.Builder
	wrote chan struct{}
}

// NewLog returns an empty Log.
func NewLog() *Log { return &Log{wrote: make(chan struct{}, 1)} }

// Write appends p and wakes a waiter.
func (l *Log) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf.Write(p)
	select {
	case l.wrote <- struct{}{}:
	default:
	}
	return len(p), nil
}

// String returns everything written so far.
func (l *Log) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// ErrNoListen is wrapped by WaitURL's error when the server never logged
// its listening line.
var ErrNoListen = errors.New("the server logged no listening line")

// WaitURL waits up to timeout for the server's listening line and returns its
// base URL. done delivers the server's exit, which ends the wait early.
func (l *Log) WaitURL(done <-chan error, timeout time.Duration) (string, error) {
	deadline := time.After(timeout)
	for {
		if base := ListenURL(l.String()); base != "" {
			return base, nil
		}
		select {
		case <-l.wrote:
		case err := <-done:
			return "", fmt.Errorf("%w: it stopped early: %v", ErrNoListen, err)
		case <-deadline:
			return "", fmt.Errorf("%w after %s", ErrNoListen, timeout)
		}
	}
}
