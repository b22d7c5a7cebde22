package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"ramendest/server/precompress"
	"ramendest/web"
)

// ServerFigures are the wrk results for one route.
type ServerFigures struct {
	// Route names what was fetched (the WASM asset, the settings JSON).
	Route string
	// Path is the URL path.
	Path string
	// Bytes is the size of one answer body (brotli).
	Bytes int
	// Ours and Nginx hold one result per round.
	Ours, Nginx []WrkResult
	// Ratio is ours ÷ nginx requests/s, one per round (same round, same load).
	Ratio Series
	// Note says why the route was skipped, if it was.
	Note string
}

// ServerReport is everything the server part measures.
type ServerReport struct {
	Routes   []ServerFigures
	PeakRSS  int64
	Duration time.Duration
	Rounds   int
	Conns    int
	Threads  int
}

// wrkConfig is how wrk is run.
type wrkConfig struct {
	duration time.Duration
	rounds   int
	conns    int
	threads  int
}

// benchServers runs the server binary and nginx (serving the same
// precompressed files) and drives both with wrk.
func benchServers(binary, dist string, wc wrkConfig, logf func(string, ...any)) (*ServerReport, error) {
	if _, err := exec.LookPath("wrk"); err != nil {
		return nil, fmt.Errorf("wrk is not installed (run `make bench` as root, or apt-get install wrk): %w", err)
	}
	m, err := readManifest(dist)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "ramen-bench-servers-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	// nginx's workers may run as another user: they must be able to read it all.
	if err := os.Chmod(dir, 0o755); err != nil {
		return nil, err
	}
	srv, base, err := startServer(binary, dir)
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	routes := []ServerFigures{
		{Route: "WASM translator (brotli)", Path: "/assets/" + m.Wasm},
		{Route: "settings JSON (brotli)", Path: "/v1/projects/demo/settings"},
	}
	// The nginx tree: the build's WASM files as they are, and the settings the
	// server answers, with variants made by the same compressor.
	root := filepath.Join(dir, "root")
	for _, coding := range []string{"", precompress.SuffixBrotli, precompress.SuffixGzip} {
		if err := copyFile(filepath.Join(dist, m.Wasm+coding), filepath.Join(root, "assets", m.Wasm+coding)); err != nil {
			return nil, err
		}
	}
	settings, status, err := fetch(base+routes[1].Path, "")
	switch {
	case err != nil:
		return nil, err
	case status == http.StatusNotFound:
		routes[1].Note = "the settings route is not in this build"
	case status != http.StatusOK:
		return nil, fmt.Errorf("GET %s: status %d", routes[1].Path, status)
	default:
		v, err := precompress.Variants(settings)
		if err != nil {
			return nil, err
		}
		file := filepath.Join(root, filepath.FromSlash(routes[1].Path))
		for name, data := range map[string][]byte{file: settings, file + precompress.SuffixBrotli: v[precompress.EncodingBrotli], file + precompress.SuffixGzip: v[precompress.EncodingGzip]} {
			if err := writeFile(name, data); err != nil {
				return nil, err
			}
		}
	}
	ngx, nbase, err := startNginx(dir)
	if err != nil {
		return nil, err
	}
	defer ngx.stop()

	for i := range routes {
		r := &routes[i]
		if r.Note != "" {
			continue
		}
		// Both must send the same brotli bytes, or the comparison is void.
		ob, oerr := fetchEncoded(base+r.Path, "br")
		nb, nerr := fetchEncoded(nbase+r.Path, "br")
		if oerr != nil || nerr != nil {
			return nil, fmt.Errorf("checking %s: server: %v; nginx: %v", r.Path, oerr, nerr)
		}
		if ob != nb {
			return nil, fmt.Errorf("%s: the server sends %d brotli bytes, nginx %d: not the same file", r.Path, ob, nb)
		}
		r.Bytes = ob
		for _, u := range []string{base + r.Path, nbase + r.Path} { // warm up
			if _, err := runWrk(u, wrkConfig{duration: 2 * time.Second, conns: wc.conns, threads: wc.threads}); err != nil {
				return nil, err
			}
		}
		for round := 0; round < wc.rounds; round++ {
			logf("wrk %s, round %d/%d", r.Route, round+1, wc.rounds)
			// Alternate who goes first, so a drift in machine load hits both.
			order := []string{base, nbase}
			if round%2 == 1 {
				order = []string{nbase, base}
			}
			var ours, theirs WrkResult
			for _, b := range order {
				res, err := runWrk(b+r.Path, wc)
				if err != nil {
					return nil, err
				}
				if b == base {
					ours = res
				} else {
					theirs = res
				}
			}
			r.Ours = append(r.Ours, ours)
			r.Nginx = append(r.Nginx, theirs)
			if theirs.RequestsPerSec > 0 {
				r.Ratio = append(r.Ratio, ours.RequestsPerSec/theirs.RequestsPerSec)
			}
		}
	}
	rss, err := peakRSS(srv.pid())
	if err != nil {
		return nil, err
	}
	return &ServerReport{Routes: routes, PeakRSS: rss, Duration: wc.duration, Rounds: wc.rounds, Conns: wc.conns, Threads: wc.threads}, nil
}

// runWrk runs wrk once with brotli accepted, as a browser would ask.
func runWrk(url string, wc wrkConfig) (WrkResult, error) {
	out, err := exec.Command("wrk",
		"-t", fmt.Sprint(wc.threads), "-c", fmt.Sprint(wc.conns), "-d", fmt.Sprintf("%ds", int(wc.duration.Seconds())),
		"--latency", "-H", "Accept-Encoding: br", url).CombinedOutput()
	if err != nil {
		return WrkResult{}, fmt.Errorf("wrk %s: %w\n%s", url, err, out)
	}
	return parseWrk(string(out))
}

// fetch GETs url with the given Accept-Encoding ("" for none) and returns
// the body as sent.
func fetch(url, accept string) ([]byte, int, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, 0, err
	}
	// Setting the header (even empty) stops Go's transport from asking for
	// gzip and decoding it behind our back.
	req.Header.Set("Accept-Encoding", accept)
	if accept == "" {
		req.Header.Set("Accept-Encoding", "identity")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	return body, res.StatusCode, err
}

// fetchEncoded GETs url accepting one coding and returns the body size,
// failing unless the answer is 200 in that coding.
func fetchEncoded(url, coding string) (int, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Accept-Encoding", coding)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return 0, err
	}
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Encoding") != coding {
		return 0, fmt.Errorf("GET %s: status %d, Content-Encoding %q, want 200 %q", url, res.StatusCode, res.Header.Get("Content-Encoding"), coding)
	}
	return len(body), nil
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return writeFile(to, data)
}

func writeFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, data, 0o644)
}

// readManifest reads the build's manifest.json.
func readManifest(dist string) (*web.Manifest, error) {
	return loadManifest(filepath.Join(dist, "manifest.json"))
}
