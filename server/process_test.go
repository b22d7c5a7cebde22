//go:build unix

package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"ramendest/server/assets"
	"ramendest/server/internal/serverproc"
)

// processSecrets are the server-side values the process test's configs
// carry: no log line may show them.
var processSecrets = serverproc.Secrets("proc")

// processConfig is a valid config with one source, writeKey, whose
// organization id is org.
func processConfig(writeKey, org string) string {
	return "sources:\n" + serverproc.Source(writeKey, org, "proc")
}

// invalidConfig misspells a key on line 4 (and carries a secret too).
var invalidConfig = serverproc.Invalid("bad", "proc")

// serverProcess is the real server binary running as a child process.
type serverProcess struct {
	cmd  *exec.Cmd
	base string
	logs *serverproc.Log
	done chan error
}

// startServerProcess builds the server binary and starts it on a free port
// with the config file at configPath.
func startServerProcess(t *testing.T, configPath string) *serverProcess {
	t.Helper()
	if _, err := assets.Embedded(); errors.Is(err, assets.ErrNotBuilt) {
		t.Skip("web build not run (make build); the process test needs the embedded assets")
	}
	bin := filepath.Join(t.TempDir(), "ramen-server")
	build := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the server: %v\n%s", err, out)
	}
	logs := serverproc.NewLog()
	cmd, err := serverproc.Start(bin, configPath, logs)
	if err != nil {
		t.Fatal(err)
	}
	p := &serverProcess{cmd: cmd, logs: logs, done: make(chan error, 1)}
	go func() { p.done <- cmd.Wait() }()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			<-p.done
		}
	})
	if p.base, err = logs.WaitURL(p.done, 20*time.Second); err != nil {
		t.Fatalf("%v\n%s", err, logs)
	}
	return p
}

// signal sends sig to the process.
func (p *serverProcess) signal(t *testing.T, sig os.Signal) {
	t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		t.Fatalf("signal %v: %v", sig, err)
	}
}

// waitLog waits until the log holds n lines matching re.
func (p *serverProcess) waitLog(t *testing.T, re *regexp.Regexp, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for len(re.FindAllString(p.logs.String(), -1)) < n {
		if time.Now().After(deadline) {
			t.Fatalf("the log has fewer than %d lines matching %s:\n%s", n, re, p.logs)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// writeAtomic replaces path's content the way an operator's deploy should.
func writeAtomic(t *testing.T, path, text string) {
	t.Helper()
	if err := serverproc.WriteAtomic(path, text); err != nil {
		t.Fatal(err)
	}
}

var plainClient = &http.Client{Timeout: 10 * time.Second}

func status(t *testing.T, url string) int {
	t.Helper()
	res, err := plainClient.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode
}

// TestProcessReloadAndDrain runs the real server binary: SIGHUP reloads the
// config (a bad file is refused with file, line and key, and the old config
// keeps serving, also under load), the HTTP limits hold, and SIGTERM drains
// in-flight downloads before a clean exit. No log line shows a secret.
func TestProcessReloadAndDrain(t *testing.T) {
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "config.yaml")
	writeAtomic(t, cfgPath, processConfig("a", "1"))
	p := startServerProcess(t, cfgPath)
	snippet := func(key string) string { return p.base + "/v1/projects/" + key + "/snippet.js" }

	// A client that sends half a request header must be cut off.
	slowloris := make(chan time.Duration, 1)
	go func() {
		start := time.Now()
		conn, err := net.Dial("tcp", strings.TrimPrefix(p.base, "http://"))
		if err != nil {
			slowloris <- -1
			return
		}
		defer conn.Close()
		_, _ = conn.Write([]byte("GET /healthz HTTP/1.1\r\nHost: x\r\n"))
		_ = conn.SetReadDeadline(time.Now().Add(readHeaderTimeout + 10*time.Second))
		_, _ = io.Copy(io.Discard, conn)
		slowloris <- time.Since(start)
	}()

	if got := status(t, snippet("a")); got != http.StatusOK {
		t.Fatalf("source a: %d", got)
	}

	t.Run("valid reload", func(t *testing.T) {
		writeAtomic(t, cfgPath, processConfig("b", "2"))
		p.signal(t, syscall.SIGHUP)
		p.waitLog(t, regexp.MustCompile(regexp.QuoteMeta(serverproc.Reloaded)), 1)
		if a, b := status(t, snippet("a")), status(t, snippet("b")); a != http.StatusNotFound || b != http.StatusOK {
			t.Errorf("after the reload: a %d (want 404), b %d (want 200)", a, b)
		}
	})

	t.Run("invalid reload keeps the old config", func(t *testing.T) {
		writeAtomic(t, cfgPath, invalidConfig)
		p.signal(t, syscall.SIGHUP)
		refused := regexp.MustCompile(`level=ERROR msg="config reload refused; still serving the previous configuration".*`)
		p.waitLog(t, refused, 1)
		line := refused.FindString(p.logs.String())
		for _, want := range []string{cfgPath + ":4: sources[0].ramen.organisation_id", "line=4", "key=sources[0].ramen.organisation_id"} {
			if !strings.Contains(line, want) {
				t.Errorf("the refusal does not name %q: %s", want, line)
			}
		}
		if b := status(t, snippet("b")); b != http.StatusOK {
			t.Errorf("after a refused reload, source b answers %d", b)
		}
	})

	t.Run("reloads under load", func(t *testing.T) {
		reloadsUnderLoad(t, p, cfgPath, snippet("b"))
	})

	t.Run("limits", func(t *testing.T) {
		conn, err := net.Dial("tcp", strings.TrimPrefix(p.base, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		_, _ = fmt.Fprintf(conn, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: %s\r\n\r\n", strings.Repeat("a", 2*maxHeaderBytes))
		if line := firstLine(conn); !strings.Contains(line, "431") {
			t.Errorf("a %d-byte header: %q, want 431", 2*maxHeaderBytes, line)
		}
		conn2, err := net.Dial("tcp", strings.TrimPrefix(p.base, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		defer conn2.Close()
		_, _ = fmt.Fprintf(conn2, "GET /v1/projects/%%zz%%00/snippet.js HTTP/1.1\r\nHost: x\r\n\r\n")
		if line := firstLine(conn2); !strings.Contains(line, "400") {
			t.Errorf("an invalid escape: %q, want 400", line)
		}
		if got := status(t, p.base+"/healthz"); got != http.StatusOK {
			t.Errorf("healthz after bad requests: %d", got)
		}
	})

	select {
	case d := <-slowloris:
		t.Logf("a half-sent request header was cut off after %v", d.Round(time.Millisecond))
		if d < 0 || d > readHeaderTimeout+5*time.Second {
			t.Errorf("a half-sent request header held its connection for %v (ReadHeaderTimeout %v)", d, readHeaderTimeout)
		}
	case <-time.After(readHeaderTimeout + 15*time.Second):
		t.Error("a half-sent request header was never cut off")
	}

	t.Run("SIGTERM drains in-flight downloads", func(t *testing.T) {
		drain(t, p)
	})
	for _, s := range processSecrets {
		if strings.Contains(p.logs.String(), s) {
			t.Errorf("the log shows %q:\n%s", s, p.logs)
		}
	}
}

func firstLine(conn net.Conn) string {
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	line, _ := bufio.NewReader(conn).ReadString('\n')
	return strings.TrimSpace(line)
}

// reloadsUnderLoad keeps 8 clients busy while the config is reloaded 20
// times, valid and invalid alternating: every answer must be a 200.
func reloadsUnderLoad(t *testing.T, p *serverProcess, cfgPath, url string) {
	ctx, cancel := context.WithCancel(context.Background())
	var ok, bad, failed atomic.Int64
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				for _, u := range []string{url, p.base + "/healthz"} {
					res, err := plainClient.Get(u)
					if err != nil {
						failed.Add(1)
						continue
					}
					_, _ = io.Copy(io.Discard, res.Body)
					res.Body.Close()
					if res.StatusCode == http.StatusOK {
						ok.Add(1)
					} else {
						bad.Add(1)
					}
				}
			}
		}()
	}
	// Signals that arrive while a reload runs coalesce, and a reload may read
	// the file the next step already replaced: count outcomes of both kinds.
	reloaded := regexp.MustCompile(regexp.QuoteMeta(serverproc.Reloaded))
	refused := regexp.MustCompile(regexp.QuoteMeta(serverproc.Refused))
	before, beforeRefused := len(reloaded.FindAllString(p.logs.String(), -1)), len(refused.FindAllString(p.logs.String(), -1))
	for i := range 20 {
		if i%2 == 0 {
			writeAtomic(t, cfgPath, processConfig("b", fmt.Sprint(10+i)))
		} else {
			writeAtomic(t, cfgPath, invalidConfig)
		}
		p.signal(t, syscall.SIGHUP)
		time.Sleep(50 * time.Millisecond)
	}
	p.waitLog(t, reloaded, before+1)
	p.waitLog(t, refused, beforeRefused+1)
	cancel()
	wg.Wait()
	outcomes := len(reloaded.FindAllString(p.logs.String(), -1)) + len(refused.FindAllString(p.logs.String(), -1)) - before - beforeRefused
	t.Logf("%d answers during %d reloads (20 signals): %d not 200, %d failed", ok.Load()+bad.Load(), outcomes, bad.Load(), failed.Load())
	if bad.Load() != 0 || failed.Load() != 0 || ok.Load() == 0 {
		t.Errorf("during reloads: %d ok, %d not 200, %d failed requests", ok.Load(), bad.Load(), failed.Load())
	}
}
