// Command loadfault measures the server under load while its configuration is
// reloaded: it starts the server binary with a config file, points wrk at the
// public routes of a valid source for a while, and meanwhile rewrites the
// file and sends SIGHUP every second, alternating a valid configuration (two
// variants) and an invalid one. It prints the requests served, the answers
// that were not 2xx/3xx (must be 0: every route it asks for is valid in every
// configuration the server accepts), the connection errors (must be 0) and
// the reload outcomes, and exits 1 when a figure is not met.
//
//	go run ./server/internal/loadfault -server bin/ramen-server -duration 30s -connections 64
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"time"

	"ramendest/server/internal/serverproc"
)

func main() {
	o := options{}
	flag.StringVar(&o.server, "server", "bin/ramen-server", "server binary to run")
	flag.StringVar(&o.wrk, "wrk", "wrk", "wrk binary")
	flag.DurationVar(&o.duration, "duration", 30*time.Second, "how long wrk runs")
	flag.IntVar(&o.connections, "connections", 64, "wrk connections")
	flag.IntVar(&o.threads, "threads", 2, "wrk threads")
	flag.DurationVar(&o.every, "reload-every", time.Second, "time between reloads")
	flag.Parse()
	res, err := run(o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadfault:", err)
		os.Exit(2)
	}
	fmt.Print(res.report(o))
	if !res.met() {
		os.Exit(1)
	}
}

type options struct {
	server, wrk          string
	duration, every      time.Duration
	connections, threads int
}

// secrets are the values the configurations carry; the server's log must
// never show them.
var secrets = serverproc.Secrets("load")

// validConfig is a configuration in which every route the load asks for is
// valid; org varies between reloads so each one really changes something.
func validConfig(org string) string {
	return "sources:\n" + serverproc.Source("load", org, "load") + `  - write_key: other
    ramen:
      organization_id: "77"
`
}

// invalidConfig misspells a key on line 4: the server must refuse it and
// keep serving the previous configuration.
var invalidConfig = serverproc.Invalid("load", "load")

// result holds the figures of one run.
type result struct {
	routes                    []string
	requests                  int64
	rps, p50, p99             string
	non2xx3xx                 int64
	connect, read, write, tmo int64
	reloads, refused          int
	signals                   int
	secretInLog               string
	wrkOutput                 string
}

func (r *result) socketErrors() int64 { return r.connect + r.read + r.write + r.tmo }

func (r *result) met() bool {
	return r.requests > 0 && r.non2xx3xx == 0 && r.socketErrors() == 0 && r.reloads > 0 && r.refused > 0 && r.secretInLog == ""
}

func (r *result) report(o options) string {
	var b strings.Builder
	fmt.Fprintf(&b, "load with config reloads: wrk -t%d -c%d -d%s over %d routes, SIGHUP every %s (valid and invalid alternating)\n",
		o.threads, o.connections, o.duration, len(r.routes), o.every)
	for _, route := range r.routes {
		fmt.Fprintf(&b, "  GET %s\n", route)
	}
	fmt.Fprintf(&b, "requests served:          %d (%s req/s, latency p50 %s, p99 %s)\n", r.requests, r.rps, r.p50, r.p99)
	fmt.Fprintf(&b, "non-2xx/3xx answers:      %d (must be 0)\n", r.non2xx3xx)
	fmt.Fprintf(&b, "connection errors:        %d (connect %d, read %d, write %d, timeout %d; must be 0)\n",
		r.socketErrors(), r.connect, r.read, r.write, r.tmo)
	fmt.Fprintf(&b, "reloads:                  %d signals: %d applied, %d refused (old config kept)\n", r.signals, r.reloads, r.refused)
	if r.secretInLog != "" {
		fmt.Fprintf(&b, "SECRET IN LOG:            %q\n", r.secretInLog)
	}
	verdict := "PASS"
	if !r.met() {
		verdict = "FAIL"
		b.WriteString("wrk output:\n" + r.wrkOutput)
	}
	fmt.Fprintf(&b, "load: %s\n", verdict)
	return b.String()
}

func run(o options) (*result, error) {
	dir, err := os.MkdirTemp("", "loadfault-")
	if err != nil {
		return nil, fmt.Errorf("temp dir: %w", err)
	}
	defer os.RemoveAll(dir)
	cfgPath := filepath.Join(dir, "config.yaml")
	if err := serverproc.WriteAtomic(cfgPath, validConfig("1")); err != nil {
		return nil, err
	}
	logPath := filepath.Join(dir, "server.log")
	srv, base, err := startServer(o.server, cfgPath, logPath)
	if err != nil {
		return nil, err
	}
	defer func() {
		_ = srv.Process.Signal(syscall.SIGTERM)
		_ = srv.Wait()
	}()

	routes, err := discoverRoutes(base)
	if err != nil {
		return nil, err
	}
	script := filepath.Join(dir, "routes.lua")
	if err := os.WriteFile(script, []byte(luaScript(routes)), 0o600); err != nil {
		return nil, fmt.Errorf("writing the wrk script: %w", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	signals := make(chan int, 1)
	go func() { signals <- reloadLoop(ctx, srv.Process, cfgPath, o.every) }()
	out, err := exec.Command(o.wrk, "-t", fmt.Sprint(o.threads), "-c", fmt.Sprint(o.connections),
		"-d", o.duration.String(), "--latency", "-s", script, base).CombinedOutput()
	cancel()
	res := &result{routes: routes, signals: <-signals, wrkOutput: string(out)}
	if err != nil {
		return nil, fmt.Errorf("wrk: %w\n%s", err, out)
	}
	if err := parseWrk(string(out), res); err != nil {
		return nil, err
	}
	// Let the last reload land in the log.
	time.Sleep(200 * time.Millisecond)
	logText, err := os.ReadFile(logPath)
	if err != nil {
		return nil, fmt.Errorf("reading the server log: %w", err)
	}
	res.reloads, res.refused = serverproc.Reloads(string(logText))
	for _, s := range secrets {
		if strings.Contains(string(logText), s) {
			res.secretInLog = s
		}
	}
	return res, nil
}

// startServer runs the binary on a free port and returns its base URL.
func startServer(bin, cfgPath, logPath string) (*exec.Cmd, string, error) {
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, "", fmt.Errorf("server log: %w", err)
	}
	defer logFile.Close() // the child has its own descriptor
	cmd, err := serverproc.Start(bin, cfgPath, logFile)
	if err != nil {
		return nil, "", fmt.Errorf("%w (run make server first)", err)
	}
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		text, _ := os.ReadFile(logPath)
		if base := serverproc.ListenURL(string(text)); base != "" {
			return cmd, base, nil
		}
	}
	_ = cmd.Process.Kill()
	text, _ := os.ReadFile(logPath)
	return nil, "", fmt.Errorf("the server did not start:\n%s", text)
}

// discoverRoutes lists the public routes of source "load" that answer 200:
// snippet, bundle, WASM (read from the snippet), stand-in RamenJS, settings
// (when the server has that route) and the health check.
func discoverRoutes(base string) ([]string, error) {
	snippet := "/v1/projects/load/snippet.js"
	res, err := http.Get(base + snippet)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", snippet, err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %d", snippet, res.StatusCode)
	}
	candidates := []string{snippet, "/healthz", "/ramenjs-standin/ramen.js", "/v1/projects/load/settings"}
	for _, m := range regexp.MustCompile(`/assets/ramen\.[0-9a-f]+\.(?:js|wasm)`).FindAll(body, -1) {
		candidates = append(candidates, string(m))
	}
	var routes []string
	seen := map[string]bool{}
	for _, c := range candidates {
		if seen[c] {
			continue
		}
		seen[c] = true
		res, err := http.Get(base + c)
		if err != nil {
			return nil, fmt.Errorf("GET %s: %w", c, err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode == http.StatusOK {
			routes = append(routes, c)
		}
	}
	if len(routes) < 4 {
		return nil, fmt.Errorf("only %d routes answer 200: %q", len(routes), routes)
	}
	return routes, nil
}

// luaScript makes wrk cycle through the routes, asking for compressed
// answers as browsers do.
func luaScript(routes []string) string {
	var b strings.Builder
	b.WriteString("local paths = {\n")
	for _, r := range routes {
		fmt.Fprintf(&b, "  %q,\n", r)
	}
	b.WriteString(`}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], {["Accept-Encoding"] = "br, gzip"})
end
`)
	return b.String()
}

// reloadLoop rewrites the config and sends SIGHUP every interval until ctx
// ends: valid (organization id 1, then 2, ...) and invalid alternating. It
// returns the number of signals sent.
func reloadLoop(ctx context.Context, proc *os.Process, cfgPath string, every time.Duration) int {
	tick := time.NewTicker(every)
	defer tick.Stop()
	n := 0
	for {
		select {
		case <-ctx.Done():
			return n
		case <-tick.C:
		}
		text := invalidConfig
		if n%2 == 0 {
			text = validConfig(fmt.Sprint(n/2 + 2))
		}
		if err := serverproc.WriteAtomic(cfgPath, text); err != nil {
			fmt.Fprintln(os.Stderr, "loadfault:", err)
			continue
		}
		if err := proc.Signal(syscall.SIGHUP); err != nil {
			fmt.Fprintln(os.Stderr, "loadfault: SIGHUP:", err)
			return n
		}
		n++
	}
}
