package e2e

import (
	"fmt"
	"os"
	"testing"

	"ramendest/e2e/internal/browser"
	"ramendest/e2e/internal/site"
)

// The package shares one browser, one asset server and one customer site;
// TestMain starts them once and stops them after the last test.
var (
	chrome   *browser.Browser
	assetSrv *assetServer
	pages    *site.Site
)

func TestMain(m *testing.M) { os.Exit(runSuite(m)) }

// runSuite starts the shared pieces, runs the tests and tears everything
// down. A missing browser or missing assets fail loudly: never a skip.
func runSuite(m *testing.M) int {
	path, err := browser.FindChromium()
	if err != nil {
		fmt.Fprintf(os.Stderr, "e2e: %v\n", err)
		return 1
	}
	assetSrv, err = startAssetServer()
	if err != nil {
		fmt.Fprintf(os.Stderr, "e2e: starting the asset server: %v\n", err)
		return 1
	}
	defer assetSrv.Close()
	pages = site.Start()
	defer pages.Close()
	defer closeAnextCDN() // started by the first analytics-next test, if any
	chrome, err = browser.Start(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "e2e: %v\n", err)
		return 1
	}
	defer func() {
		if err := chrome.Close(); err != nil {
			fmt.Fprintf(os.Stderr, "e2e: %v\n", err)
		}
	}()
	return m.Run()
}

// newTab gives the test a fresh tab in its own browser context; an uncaught
// page exception fails the test.
func newTab(t *testing.T) *browser.Tab {
	t.Helper()
	return chrome.NewTab(t)
}
