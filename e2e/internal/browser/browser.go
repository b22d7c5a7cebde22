// Package browser runs one headless Chromium for a test package and hands
// each test a fresh tab in its own browser context, so that storage such as
// localStorage never leaks from one test to the next. Every tab records the
// page's console and fails its test on any uncaught exception.
package browser

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/chromedp"
)

// DefaultPath is where Debian's chromium package installs the browser.
const DefaultPath = "/usr/bin/chromium"

// PathEnv names an environment variable that, when set, overrides where the
// browser binary is looked up.
const PathEnv = "E2E_CHROMIUM"

// InstallHint is the command that installs the browser on Debian or Ubuntu.
const InstallHint = "apt-get install -y chromium"

// startTimeout bounds the browser's start; a machine that cannot start it
// within this time has a problem worth a loud failure, not a hang.
const startTimeout = 90 * time.Second

// ErrNoChromium reports that no Chromium binary was found.
var ErrNoChromium = errors.New("chromium not found")

// Browser is one running headless Chromium with a private profile directory.
type Browser struct {
	ctx         context.Context // chromedp context that owns the first tab
	cancel      context.CancelFunc
	allocCancel context.CancelFunc
	profile     string
	output      *syncBuffer
	closeOnce   sync.Once
}

// FindChromium returns the path of the Chromium binary: $E2E_CHROMIUM, else
// /usr/bin/chromium, else "chromium" on $PATH. The error says how to install
// it, because a missing browser must fail the suite loudly, never skip it.
func FindChromium() (string, error) {
	if p := os.Getenv(PathEnv); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%w: $%s=%q: %w (unset it to use %s; install with `%s`)",
				ErrNoChromium, PathEnv, p, err, DefaultPath, InstallHint)
		}
		return p, nil
	}
	if _, err := os.Stat(DefaultPath); err == nil {
		return DefaultPath, nil
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("%w at %s or on $PATH: install it with `%s` (as root, or with sudo)",
		ErrNoChromium, DefaultPath, InstallHint)
}

// AllocatorOptions are the options every headless Chromium of this project
// starts with: chromedp's defaults (headless, no first-run UI), the binary at
// execPath, the profile directory, no sandbox or GPU (containers and CI have
// neither), and no background traffic (QUIC, component updates, sync) that
// would add requests the tests and measurements do not expect. extra come
// last, so a caller can add flags.
func AllocatorOptions(execPath, profile string, extra ...chromedp.ExecAllocatorOption) []chromedp.ExecAllocatorOption {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(execPath),
		chromedp.UserDataDir(profile),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	)
	return append(opts, extra...)
}

// Start launches headless Chromium at execPath with a fresh temporary
// --user-data-dir and waits until it answers. Close stops it and removes the
// profile directory.
func Start(execPath string) (*Browser, error) {
	profile, err := os.MkdirTemp("", "e2e-chromium-profile-")
	if err != nil {
		return nil, fmt.Errorf("creating the browser profile directory: %w", err)
	}
	out := &syncBuffer{}
	opts := AllocatorOptions(execPath, profile, chromedp.CombinedOutput(out))
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	b := &Browser{ctx: ctx, cancel: cancel, allocCancel: allocCancel, profile: profile, output: out}

	// The first Do binds the browser's life to ctx, so it must not carry a
	// timeout; a timer guards it instead.
	errc := make(chan error, 1)
	go func() { errc <- chromedp.Do(ctx) }()
	select {
	case err = <-errc:
	case <-time.After(startTimeout):
		err = fmt.Errorf("no answer after %s", startTimeout)
	}
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("starting %s: %w\nbrowser output:\n%s", execPath, err, out.tail(2000))
	}
	return b, nil
}

// Close stops the browser, waits for it to exit and removes its profile
// directory. It is safe to call more than once.
func (b *Browser) Close() error {
	var err error
	b.closeOnce.Do(func() {
		ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
		_ = chromedp.Cancel(ctx) // best effort: the cancels below stop it anyway
		cancel()
		b.cancel()
		b.allocCancel() // waits for the process to exit
		if rmErr := os.RemoveAll(b.profile); rmErr != nil {
			err = fmt.Errorf("removing the browser profile %s: %w", b.profile, rmErr)
		}
	})
	return err
}

// Output returns the last bytes the browser process wrote to stdout and
// stderr, for diagnosing a crash.
func (b *Browser) Output() string { return b.output.tail(4000) }

// syncBuffer is a bytes.Buffer that the browser's output copier and a test
// may touch at the same time.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// maxOutput caps what syncBuffer keeps: only the end matters after a crash.
const maxOutput = 64 << 10

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.buf.Len()+len(p) > 2*maxOutput {
		keep := s.buf.Bytes()[s.buf.Len()-min(s.buf.Len(), maxOutput):]
		s.buf = *bytes.NewBuffer(append([]byte(nil), keep...))
	}
	return s.buf.Write(p)
}

func (s *syncBuffer) tail(n int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	b := s.buf.Bytes()
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return strings.TrimSpace(string(b))
}
