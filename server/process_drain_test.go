//go:build unix

package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// drain starts slow downloads of the WASM module (a small receive window
// keeps each one in flight for a while), sends SIGTERM while they run, and
// checks every one completes and the process exits 0.
func drain(t *testing.T, p *serverProcess) {
	wasm := regexp.MustCompile(`/assets/ramen\.[0-9a-f]+\.wasm`).FindString(fetch(t, p.base+"/v1/projects/b/snippet.js"))
	if wasm == "" {
		t.Fatal("no WASM URL in the snippet")
	}
	dialer := &net.Dialer{Control: func(_, _ string, c syscall.RawConn) error {
		return c.Control(func(fd uintptr) {
			_ = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4096)
		})
	}}
	client := &http.Client{Transport: &http.Transport{DialContext: dialer.DialContext, DisableKeepAlives: true}}
	const downloads = 6
	started := make(chan struct{}, downloads)
	results := make(chan error, downloads)
	for range downloads {
		go func() {
			req, _ := http.NewRequest(http.MethodGet, p.base+wasm, nil)
			req.Header.Set("Accept-Encoding", "identity")
			res, err := client.Do(req)
			if err != nil {
				started <- struct{}{}
				results <- err
				return
			}
			defer res.Body.Close()
			buf := make([]byte, 4096)
			var n int64
			first := true
			for {
				m, err := res.Body.Read(buf)
				n += int64(m)
				if first && m > 0 {
					first = false
					started <- struct{}{}
				}
				if err == io.EOF {
					break
				}
				if err != nil {
					results <- fmt.Errorf("after %d bytes: %w", n, err)
					return
				}
				time.Sleep(time.Millisecond)
			}
			if n != res.ContentLength {
				results <- fmt.Errorf("got %d of %d bytes", n, res.ContentLength)
				return
			}
			results <- nil
		}()
	}
	for range downloads {
		<-started
	}
	p.signal(t, syscall.SIGTERM)
	for range downloads {
		if err := <-results; err != nil {
			t.Errorf("an in-flight download broke on SIGTERM: %v", err)
		}
	}
	select {
	case err := <-p.done:
		if err != nil {
			t.Errorf("the server exited with %v\n%s", err, p.logs)
		}
	case <-time.After(shutdownTimeout + 10*time.Second):
		t.Fatalf("the server did not exit after SIGTERM\n%s", p.logs)
	}
	for _, want := range []string{`msg="shutting down"`, `msg=stopped`} {
		if !strings.Contains(p.logs.String(), want) {
			t.Errorf("the log lacks %s", want)
		}
	}
	if _, err := net.DialTimeout("tcp", strings.TrimPrefix(p.base, "http://"), time.Second); err == nil {
		t.Error("the port still accepts connections after exit")
	}
}

func fetch(t *testing.T, url string) string {
	t.Helper()
	res, err := plainClient.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}
