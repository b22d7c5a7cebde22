// Command bench measures what the destination costs a customer's page and how
// the server compares with nginx, and writes a markdown report:
//
//	make bench        (builds, installs nginx and wrk if it can, then runs this)
//	go run ./e2e/bench -out e2e/bench/REPORT.md
//
// It runs from the module root after `make build`: it reads the build in
// server/assets/dist and runs the server binary bin/ramen-server. Figures are
// medians with min–max over repeated runs; nothing here is a pass/fail test.
package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"ramendest/server/app"
	"ramendest/server/assets"
	"ramendest/server/config"
)

// benchConfig is the in-process server's configuration for the browser runs.
// The stand-in service stays off: RamenJS's own traffic is not ours to count.
const benchConfig = `
sources:
  - write_key: bench
    ramen:
      enabled: true
      organization_id: "6389149"
      ramenjs_url: /ramenjs-standin/ramen.js
`

func main() {
	dist := flag.String("dist", "server/assets/dist", "the web build's output directory")
	binary := flag.String("server", "bin/ramen-server", "the server binary (run as a subprocess for wrk and peak RSS)")
	out := flag.String("out", "e2e/bench/REPORT.md", "where to write the markdown report")
	runs := flag.Int("runs", 12, "browser runs (each: page with snippet cold + repeat visit, page without snippet cold)")
	wrkDur := flag.Duration("wrk-duration", 10*time.Second, "duration of each wrk run")
	wrkRounds := flag.Int("wrk-rounds", 3, "wrk rounds per route (each runs the server and nginx)")
	goCount := flag.Int("go-count", 5, "go test -count for the Go benchmarks")
	skip := flag.String("skip", "", "comma-separated parts to skip: go, browser, server")
	flag.Parse()

	logf := func(format string, args ...any) { fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...) }
	skipped := map[string]bool{}
	for _, s := range strings.Split(*skip, ",") {
		skipped[strings.TrimSpace(s)] = true
	}
	rep := &Report{Started: time.Now(), LoadBefore: loadAvg(), Runs: *runs}
	if err := run(rep, *dist, *binary, *runs, wrkConfig{duration: *wrkDur, rounds: *wrkRounds, conns: 64, threads: 2}, *goCount, skipped, logf); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	rep.LoadAfter = loadAvg()
	rep.Finished = time.Now()
	if err := os.WriteFile(*out, []byte(rep.Markdown()), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	logf("wrote %s", *out)
	fmt.Print(rep.TargetsMarkdown())
}

func run(rep *Report, dist, binary string, runs int, wc wrkConfig, goCount int, skip map[string]bool, logf func(string, ...any)) error {
	m, err := readManifest(dist)
	if err != nil {
		return err
	}
	rep.Version = m.Version

	// The real server, in process over TLS (HTTP/2), as the browser runs' CDN
	// origin; the snippet it serves is what the test page pastes.
	cfg, err := config.Parse("bench config", []byte(benchConfig))
	if err != nil {
		return fmt.Errorf("parsing the bench config: %w", err)
	}
	set, err := assets.Load(os.DirFS(dist))
	if err != nil {
		return fmt.Errorf("loading the build from %s: %w", dist, err)
	}
	assetSrv := newTLSServer(app.New(cfg, set, nil))
	defer assetSrv.Close()
	snippet, err := get(assetSrv.Client(), assetSrv.URL+"/v1/projects/bench/snippet.js")
	if err != nil {
		return err
	}
	if rep.Sizes, err = measureSizes(dist, m, snippet); err != nil {
		return err
	}

	if !skip["go"] {
		logf("Go benchmarks of the translator core (-count %d)", goCount)
		if rep.GoBench, rep.GoBenchPkg, err = goBenchmarks(goCount); err != nil {
			return err
		}
	}
	if !skip["browser"] {
		pages := startSite(string(snippet))
		defer pages.Close()
		c, err := startChrome(spkiHash(assetSrv))
		if err != nil {
			return err
		}
		defer c.close()
		for i := 0; i < runs; i++ {
			logf("browser run %d/%d", i+1, runs)
			r, err := browserRun(c, pages.URL(), assetSrv.URL, m.Wasm, i)
			if err != nil {
				return fmt.Errorf("browser run %d: %w", i+1, err)
			}
			rep.Browser = append(rep.Browser, r)
		}
	}
	if !skip["server"] {
		logf("server vs nginx with wrk (%d rounds of %s per route)", wc.rounds, wc.duration)
		if rep.Server, err = benchServers(binary, dist, wc, logf); err != nil {
			return err
		}
	}
	return nil
}

func get(c *http.Client, url string) ([]byte, error) {
	res, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: status %d: %s", url, res.StatusCode, body)
	}
	return body, nil
}

// loadAvg returns /proc/loadavg's first three fields.
func loadAvg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
