// Package e2e is the end-to-end suite: the real server runs in-process, a
// separate origin serves customer-like pages that include the real snippet,
// and headless Chromium checks exactly what the stand-in RamenJS receives.
//
// The suite needs Chromium (Debian: apt-get install -y chromium) and built
// assets (go run ./web/cmd/webbuild -out server/assets/dist, or make build).
// Its reusable parts live in internal/browser (one browser per package, a
// fresh tab per test) and internal/site (the customer's origin).
package e2e
