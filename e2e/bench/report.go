package main

import (
	"fmt"
	"runtime"
	"strings"
	"time"
)

// Report is everything one bench run measured.
type Report struct {
	Started, Finished     time.Time
	LoadBefore, LoadAfter string
	Version               string
	Runs                  int
	Sizes                 *Sizes
	GoBench               []GoBench
	GoBenchPkg            string
	Browser               []BrowserRun
	Server                *ServerReport
}

// Target is one of the performance limits with the measured figure.
type Target struct {
	Name, Limit, Figure string
	Met                 bool
	Measured            bool
}

// col extracts one figure from every browser run.
func (r *Report) col(f func(BrowserRun) float64) Series {
	var s Series
	for _, b := range r.Browser {
		s = append(s, f(b))
	}
	return s
}

// Targets evaluates each limit.
func (r *Report) Targets() []Target {
	var t []Target
	if s := r.Sizes; s != nil {
		t = append(t,
			Target{"WASM brotli ÷ empty-program floor brotli", "≤ 1.05", fmt.Sprintf("%.3f (%d B ÷ %d B)", s.Ratio, s.Wasm.Brotli, s.Floor.Brotli), s.Ratio <= 1.05, true},
			Target{"Snippet, brotli", "≤ 1,536 B", fmt.Sprintf("%d B", s.Snippet.Brotli), s.Snippet.Brotli <= 1536, true})
	}
	if len(r.Browser) > 0 {
		repeat := r.col(func(b BrowserRun) float64 { return float64(b.AssetBytesRepeat) })
		t = append(t, Target{"Repeat visit: bytes re-downloaded for hashed assets", "0 B", fmt.Sprintf("%.0f B (max over %d runs)", repeat.Max(), len(repeat)), repeat.Max() == 0, true})
		with, without := r.loads()
		ratio := with.Median() / without.Median()
		snippetMs := r.col(func(b BrowserRun) float64 { return b.SnippetMs }).Median()
		t = append(t, Target{"`load` event with ÷ without the snippet", "≤ 1.02", fmt.Sprintf("%.3f (%.1f ms ÷ %.1f ms, medians of %d cold loads each; the snippet itself runs %.2f ms)",
			ratio, with.Median(), without.Median(), len(with), snippetMs), ratio <= 1.02, true})
		tbt := r.col(func(b BrowserRun) float64 { return b.TBTDestination })
		t = append(t, Target{"Destination's blocking time (long tasks after `load`)", "≤ 50 ms", fmt.Sprintf("%.0f ms median, max %.0f ms", tbt.Median(), tbt.Max()), tbt.Median() <= 50, true})
		first := r.col(func(b BrowserRun) float64 { return b.FirstCall })
		t = append(t, Target{"First call reaches RamenJS after page start (cold cache)", "≤ 250 ms", fmt.Sprintf("%.0f ms median (%.0f–%.0f)", first.Median(), first.Min(), first.Max()), first.Median() <= 250, true})
		track := r.col(func(b BrowserRun) float64 { return b.TrackUS })
		cold := r.col(func(b BrowserRun) float64 { return b.TrackColdUS })
		t = append(t, Target{"Per-call cost of `track` (median, warm)", "≤ 30 µs", fmt.Sprintf("%.1f µs (first 1,000 calls: %.1f µs)", track.Median(), cold.Median()), track.Median() <= 30, true})
	}
	if s := r.Server; s != nil {
		for _, rt := range s.Routes {
			if rt.Note != "" {
				t = append(t, Target{"Server ÷ nginx requests/s, " + rt.Route, "≥ 1.0", "not measured: " + rt.Note, false, false})
				continue
			}
			t = append(t, Target{"Server ÷ nginx requests/s, " + rt.Route, "≥ 1.0", fmt.Sprintf("%.2f median (%.2f–%.2f)", rt.Ratio.Median(), rt.Ratio.Min(), rt.Ratio.Max()), rt.Ratio.Median() >= 1.0, true})
			p99 := wrkSeries(rt.Ours, func(w WrkResult) float64 { return w.P99 })
			t = append(t, Target{"Server p99 at 64 connections, " + rt.Route, "≤ 5 ms", fmt.Sprintf("%.2f ms median (%.2f–%.2f)", p99.Median(), p99.Min(), p99.Max()), p99.Median() <= 5, true})
		}
		t = append(t, Target{"Server peak RSS (VmHWM)", "≤ 64 MB", fmt.Sprintf("%.1f MB", float64(s.PeakRSS)/(1<<20)), s.PeakRSS <= 64<<20, true})
	}
	return t
}

// loads returns every load-event time taken with and without the snippet.
func (r *Report) loads() (with, without Series) {
	for _, b := range r.Browser {
		for _, p := range b.LoadPairs {
			with, without = append(with, p[0]), append(without, p[1])
		}
	}
	return with, without
}

func wrkSeries(rs []WrkResult, f func(WrkResult) float64) Series {
	var s Series
	for _, r := range rs {
		s = append(s, f(r))
	}
	return s
}

// TargetsMarkdown is the targets table alone.
func (r *Report) TargetsMarkdown() string {
	var b strings.Builder
	b.WriteString("| Target | Limit | Measured | Met |\n|---|---|---|---|\n")
	for _, t := range r.Targets() {
		met := "not met"
		switch {
		case !t.Measured:
			met = "not measured"
		case t.Met:
			met = "**met**"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", t.Name, t.Limit, t.Figure, met)
	}
	return b.String()
}

func kb(n int) string { return fmt.Sprintf("%d B (%.1f KB)", n, float64(n)/1024) }

// Markdown renders the whole report.
func (r *Report) Markdown() string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# Benchmark report\n\n")
	p("Written by `make bench` (`go run ./e2e/bench`) on %s, build version `%s`; took %s.\n",
		r.Started.UTC().Format("2006-01-02 15:04 MST"), r.Version, r.Finished.Sub(r.Started).Round(time.Second))
	p("Machine: %d CPUs, %s/%s, %s. Load average (1, 5, 15 min) %s at the start and %s at the end: "+
		"other work on the machine shares the CPUs with the browser, the servers and wrk, so timings carry that noise. "+
		"Figures are the median with min–max in brackets.\n\n",
		runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version(), r.LoadBefore, r.LoadAfter)
	p("## Targets\n\n%s\n", r.TargetsMarkdown())

	if s := r.Sizes; s != nil {
		p("## Sizes\n\n| File | Raw | gzip -9 | brotli 11 |\n|---|---|---|---|\n")
		for _, z := range []Size{s.Snippet, {Name: "glue JS bundle " + s.Bundle.Name, Raw: s.Bundle.Raw, Gzip: s.Bundle.Gzip, Brotli: s.Bundle.Brotli},
			{Name: "WASM translator " + s.Wasm.Name, Raw: s.Wasm.Raw, Gzip: s.Wasm.Gzip, Brotli: s.Wasm.Brotli}, s.Floor} {
			p("| %s | %s | %s | %s |\n", z.Name, kb(z.Raw), kb(z.Gzip), kb(z.Brotli))
		}
		p("\nWASM brotli ÷ floor brotli: **%.3f** (raw %.3f, gzip %.3f). The floor is an empty `js/wasm` program "+
			"(`syscall/js` only) that the web build compiles with the same toolchain and flags; it is never served.\n\n",
			s.Ratio, float64(s.Wasm.Raw)/float64(s.Floor.Raw), float64(s.Wasm.Gzip)/float64(s.Floor.Gzip))
	}

	if len(r.Browser) > 0 {
		p("## In headless Chromium (%d runs)\n\n", len(r.Browser))
		p("A realistic article page (about 25 KB of HTML, a stylesheet, three images, the site's own script) on its own " +
			"HTTPS origin, with the snippet pasted inline in `<head>` and `page`, `identify` and `track` called during parsing; " +
			"the server in process over HTTPS/HTTP/2 as the asset origin, the stand-in RamenJS as RamenJS. " +
			"Each run opens a new browser context (cold HTTP cache) for the page with the snippet, then visits it again " +
			"(repeat visit), and opens another new context for the same page without the snippet.\n\n")
		p("| Figure | Median (min–max) |\n|---|---|\n")
		row := func(name string, f func(BrowserRun) float64, dec int) { p("| %s | %s |\n", name, r.col(f).Format(dec)) }
		row("Destination bytes over the wire, first visit (bundle + WASM; snippet inline)", func(b BrowserRun) float64 { return float64(b.AssetBytesFirst) }, 0)
		row("Destination bytes over the wire, repeat visit", func(b BrowserRun) float64 { return float64(b.AssetBytesRepeat) }, 0)
		row("RamenJS (stand-in, `no-cache`) bytes, first visit", func(b BrowserRun) float64 { return float64(b.RamenJSBytesFirst) }, 0)
		row("RamenJS (stand-in) bytes, repeat visit (revalidation)", func(b BrowserRun) float64 { return float64(b.RamenJSBytesRepeat) }, 0)
		row("Whole page bytes, first visit", func(b BrowserRun) float64 { return float64(b.PageBytesFirst) }, 0)
		row("Whole page bytes, repeat visit", func(b BrowserRun) float64 { return float64(b.PageBytesRepeat) }, 0)
		row("First call (boot) reaches RamenJS, ms after page start, cold cache", func(b BrowserRun) float64 { return b.FirstCall }, 1)
		row("Same, repeat visit (warm cache)", func(b BrowserRun) float64 { return b.FirstCallRepeat }, 1)
		for i, name := range []string{"bundle request starts", "bundle received", "WASM request starts", "WASM received",
			"RamenJS request starts", "RamenJS received"} {
			row("Cold visit timeline: "+name+", ms after page start", func(b BrowserRun) float64 { return b.Timeline[i] }, 1)
		}
		with, without := r.loads()
		var ratios Series
		for i := range with {
			ratios = append(ratios, with[i]/without[i])
		}
		p("| `load` event start with the snippet, ms (%d cold loads) | %s |\n", len(with), with.Format(1))
		p("| `load` event start without the snippet, ms (%d cold loads) | %s |\n", len(without), without.Format(1))
		p("| `load` with ÷ without, per back-to-back pair | %s |\n", ratios.Format(3))
		row("The snippet's own run time while the page is parsed, ms", func(b BrowserRun) float64 { return b.SnippetMs }, 2)
		row("Blocking time after `load` with the snippet (the destination's), ms", func(b BrowserRun) float64 { return b.TBTDestination }, 0)
		row("Total blocking time of the page with the snippet, ms", func(b BrowserRun) float64 { return b.TBTWith }, 0)
		row("Total blocking time of the page without the snippet, ms", func(b BrowserRun) float64 { return b.TBTWithout }, 0)
		row("`track`, µs per call (1,000 calls, warm)", func(b BrowserRun) float64 { return b.TrackUS }, 1)
		row("20-trait `identify`, µs per call (1,000 calls, warm)", func(b BrowserRun) float64 { return b.IdentifyUS }, 1)
		row("`track`, µs per call (first 1,000 calls after the page settled)", func(b BrowserRun) float64 { return b.TrackColdUS }, 1)
		row("20-trait `identify`, µs per call (first 1,000 calls)", func(b BrowserRun) float64 { return b.IdentifyColdUS }, 1)
		enc := map[string]int{}
		for _, b := range r.Browser {
			enc[b.WasmEncoding]++
		}
		p("\nThe WASM module arrived with Content-Encoding %v (count per run). \"First 1,000 calls\" are timed right after "+
			"the page settled, while V8 still runs most of the WASM module in its baseline tier; \"warm\" is 1,000 more after "+
			"2,000 of each (the steady state, on which the target is judged). Per-call figures replace RamenJS's methods "+
			"with counters first, so they are the destination's own work: argument shifting, user memory and its "+
			"localStorage write, the JSON boundary, the Go translator and the `_ramen` call (the identify varies one "+
			"trait per call, so the user is persisted every time). For scale: Segment's own stack spent about 900 µs per "+
			"`track` and 3,300 µs per 20-trait `identify` on this kind of machine.\n\n", enc)
	}

	if len(r.GoBench) > 0 {
		p("## Go benchmarks of the translator core (`%s`, native, %d runs)\n\n| Benchmark | ns/op | B/op | allocs/op |\n|---|---|---|---|\n", r.GoBenchPkg, len(r.GoBench[0].NsPerOp))
		for _, g := range r.GoBench {
			p("| %s | %s | %s | %s |\n", g.Name, g.NsPerOp.Format(0), g.BytesPerOp.Format(0), g.AllocsPerOp.Format(0))
		}
		p("\n")
	}

	if s := r.Server; s != nil {
		p("## Server vs nginx (wrk on 127.0.0.1)\n\n")
		p("`wrk -t%d -c%d -d%s --latency -H 'Accept-Encoding: br'`, %d rounds per route after a 2 s warm-up of each; "+
			"each round runs both servers back to back (alternating who goes first), so the ratio compares them under the same load. "+
			"The server is the real binary (`bin/ramen-server`, embedded default config, its one-line-per-request log written to a file); "+
			"nginx %s serves the same precompressed files from the same build with `brotli_static`/`gzip_static` "+
			"(Debian packages; worker_processes auto, sendfile, access log on, keep-alive unlimited), started by the bench on a "+
			"random loopback port with a temporary config and stopped afterwards. Both send the same brotli bytes (checked first). "+
			"wrk, the server and nginx share the machine's %d CPUs.\n\n",
			s.Threads, s.Conns, s.Duration, s.Rounds, nginxVersion(), runtime.NumCPU())
		p("| Route | Body (br) | Server req/s | nginx req/s | Server ÷ nginx | Server p50 / p99 ms | nginx p50 / p99 ms | errors |\n|---|---|---|---|---|---|---|---|\n")
		for _, rt := range s.Routes {
			if rt.Note != "" {
				p("| %s | – | – | – | – | – | – | %s |\n", rt.Route, rt.Note)
				continue
			}
			rps := func(ws []WrkResult) Series {
				return wrkSeries(ws, func(w WrkResult) float64 { return w.RequestsPerSec })
			}
			lat := func(ws []WrkResult) string {
				return wrkSeries(ws, func(w WrkResult) float64 { return w.P50 }).Format(2) + " / " + wrkSeries(ws, func(w WrkResult) float64 { return w.P99 }).Format(2)
			}
			errs := 0
			for _, w := range append(append([]WrkResult{}, rt.Ours...), rt.Nginx...) {
				errs += w.Errors
			}
			p("| %s `%s` | %d B | %s | %s | %s | %s | %s | %d |\n", rt.Route, rt.Path, rt.Bytes, rps(rt.Ours).Format(0), rps(rt.Nginx).Format(0),
				rt.Ratio.Format(2), lat(rt.Ours), lat(rt.Nginx), errs)
		}
		p("\nWith %d connections always busy, the mean latency is %d ÷ requests/s (Little's law): ", s.Conns, s.Conns)
		for i, rt := range s.Routes {
			if rt.Note != "" {
				continue
			}
			rps := wrkSeries(rt.Ours, func(w WrkResult) float64 { return w.RequestsPerSec }).Median()
			if i > 0 {
				p("; ")
			}
			p("%.2f ms for the server on the %s route", float64(s.Conns)/rps*1000, rt.Route)
		}
		p(". Where that mean is above 5 ms, a p99 of 5 ms is out of reach at this throughput for any server on this machine; " +
			"below it, the p99 shows how evenly the CPUs are shared among the connections.\n")
		p("\nServer peak RSS (VmHWM after all runs): **%.1f MB**.\n\n", float64(s.PeakRSS)/(1<<20))
	}
	p("## Reproduce\n\n```sh\nmake bench            # installs nginx, its brotli_static module and wrk when run as root\n" +
		"go run ./e2e/bench -h  # options: -runs, -wrk-duration, -wrk-rounds, -go-count, -skip\n```\n")
	return b.String()
}
