package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
)

// The realistic test page: an article with a stylesheet, three images and the
// site's own script, served from its own origin (over TLS, as sites are).
// Two variants differ only in the pasted snippet and the page's analytics
// calls.

// instrument runs first on both variants: it records long tasks and the time
// each call reaches RamenJS (the stand-in announces every call).
const instrument = `<script>
window.__bench = {longtasks: [], calls: []};
try {
  new PerformanceObserver(function (list) {
    list.getEntries().forEach(function (e) { __bench.longtasks.push([e.startTime, e.duration]); });
  }).observe({type: 'longtask', buffered: true});
} catch (e) {}
addEventListener('ramen-standin:call', function (e) { __bench.calls.push([performance.now(), e.detail[0]]); });
</script>`

// pageCalls are what a site does on every page view.
const pageCalls = `<script>
analytics.page();
analytics.identify('user-42', {email: 'ada@example.com', name: 'Ada Lovelace', plan: 'pro', createdAt: '2023-05-01T10:00:00Z'});
analytics.track('Article Viewed', {title: 'Ramen at home', category: 'recipes', words: 1250});
</script>`

// site serves the two page variants and their static files.
type site struct {
	srv   *httptest.Server
	files map[string]siteFile
}

type siteFile struct {
	contentType, cache string
	body               []byte
}

// startSite serves the test page with the given snippet (the server's own
// answer for the source, pasted inline as a site owner would).
func startSite(snippet string) *site {
	s := &site{files: map[string]siteFile{}}
	article := articleHTML()
	head := `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ramen at home</title>
<meta name="viewport" content="width=device-width, initial-scale=1">` + instrument
	css := `<link rel="stylesheet" href="/static/site.css">`
	tail := `<script src="/static/site.js"></script></body></html>`
	// The snippet goes high in <head>, before the stylesheet, as the README says to
	// paste it: an inline script after a stylesheet waits for the stylesheet.
	// The snippet's own run time is timed around it, inside the same script element.
	with := head + "\n<script>var benchT0 = performance.now();\n" + snippet +
		"\n__bench.snippetMs = performance.now() - benchT0;</script>\n" + css + "</head><body>" + article + pageCalls + tail
	without := head + "\n" + css + "</head><body>" + article + tail
	s.files["/with"] = siteFile{"text/html; charset=utf-8", "no-cache", []byte(with)}
	s.files["/without"] = siteFile{"text/html; charset=utf-8", "no-cache", []byte(without)}
	s.files["/static/site.css"] = siteFile{"text/css; charset=utf-8", "public, max-age=3600", []byte(siteCSS())}
	s.files["/static/site.js"] = siteFile{"application/javascript; charset=utf-8", "public, max-age=3600", []byte(siteJS())}
	for i := 1; i <= 3; i++ {
		s.files[fmt.Sprintf("/static/photo%d.png", i)] = siteFile{"image/png", "public, max-age=3600", photo(i)}
	}
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	s.srv.EnableHTTP2 = true
	s.srv.StartTLS()
	return s
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	f, ok := s.files[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", f.contentType)
	w.Header().Set("Cache-Control", f.cache)
	_, _ = w.Write(f.body)
}

// URL returns the site's origin.
func (s *site) URL() string { return s.srv.URL }

// Close stops the site.
func (s *site) Close() { s.srv.Close() }

// articleHTML is about 25 KB of article markup with three images.
func articleHTML() string {
	var b strings.Builder
	b.WriteString(`<header><nav><a href="/">Home</a> <a href="/recipes">Recipes</a> <a href="/about">About</a></nav></header><main><article><h1>Ramen at home</h1>`)
	words := strings.Fields(`broth noodles tare aroma oil chashu egg nori scallion bamboo shoot simmer bones kombu
		dashi miso shoyu shio tonkotsu garlic ginger pork chicken mushroom sesame chili bowl slurp heat`)
	r := rand.New(rand.NewPCG(1, 2))
	for p := 0; p < 40; p++ {
		if p%13 == 4 {
			fmt.Fprintf(&b, `<figure><img src="/static/photo%d.png" width="320" height="200" alt="step %d"><figcaption>Step %d</figcaption></figure>`, p/13+1, p, p)
		}
		if p%8 == 0 {
			fmt.Fprintf(&b, "<h2>Part %d</h2>", p/8+1)
		}
		b.WriteString("<p>")
		for w := 0; w < 90; w++ {
			b.WriteString(words[r.IntN(len(words))])
			b.WriteByte(' ')
		}
		b.WriteString("</p>\n")
	}
	b.WriteString(`</article><aside id="toc"></aside></main><footer>© Ramen at home</footer>`)
	return b.String()
}

// siteCSS is about 15 KB of rules.
func siteCSS() string {
	var b strings.Builder
	b.WriteString("body{font:16px/1.6 Georgia,serif;margin:0 auto;max-width:44em;padding:1em;color:#222}h1,h2{font-family:sans-serif}figure{margin:1em 0}img{max-width:100%;height:auto}\n")
	for i := 0; i < 300; i++ {
		fmt.Fprintf(&b, ".c%d{margin:%dpx;padding:%dpx;color:#%06x}\n", i, i%17, i%11, i*2654435761%0xffffff)
	}
	return b.String()
}

// siteJS is the site's own script: it builds a table of contents, and
// carries about 20 KB of code as sites do.
func siteJS() string {
	var b strings.Builder
	b.WriteString(`(function(){var toc=document.getElementById('toc');var hs=document.querySelectorAll('h2');var ul=document.createElement('ul');
for(var i=0;i<hs.length;i++){var li=document.createElement('li');li.textContent=hs[i].textContent;ul.appendChild(li);}toc.appendChild(ul);})();
`)
	for i := 0; i < 250; i++ {
		fmt.Fprintf(&b, "function helper%d(a,b){return (a*%d+b)%%%d;}\n", i, i+3, i+7)
	}
	return b.String()
}

// photo is a 320×200 PNG of smooth noise (about 40–60 KB, like a small photo).
func photo(seed int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 320, 200))
	r := rand.New(rand.NewPCG(uint64(seed), 7))
	for y := 0; y < 200; y++ {
		for x := 0; x < 320; x++ {
			n := uint8(r.IntN(48))
			img.Set(x, y, color.RGBA{uint8(x/2) + n, uint8(y) + n, uint8(seed*60) + n, 255})
		}
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	return buf.Bytes()
}
