package e2e

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"time"

	"ramendest/server/app"
	"ramendest/server/assets"
	"ramendest/server/config"
	"ramendest/web"
)

// AssetsEnv names an environment variable that points the suite at an
// already built assets directory (one holding manifest.json) instead of
// building fresh ones from the working tree.
const AssetsEnv = "E2E_ASSETS"

// buildTimeout bounds the fresh asset build (a Go WebAssembly compile).
const buildTimeout = 5 * time.Minute

// Server-side secrets of the test sources: routes must never serve them.
const (
	testAPIKey   = "e2e-api-key-must-never-be-served"
	testEndpoint = "https://ramen-endpoint.invalid/e2e-endpoint-must-never-be-served"
)

// testConfig is the server's configuration for the suite, parsed by the
// real config package so the YAML keys are exercised too.
const testConfig = `
sources:
  - write_key: e2e
    ramen:
      enabled: true
      organization_id: "6389149"
      api_key: ` + testAPIKey + `
      endpoint: ` + testEndpoint + `
      ramenjs_url: /ramenjs-standin/ramen.js
    # analytics-next's settings; pages turn Segment.io off, and its host is a
    # closed local port so nothing would leave the machine anyway.
    integrations:
      Segment.io:
        apiKey: e2e
        apiHost: 127.0.0.1:9/v1
        protocol: http
  - write_key: e2e-disabled
    ramen:
      enabled: false
      organization_id: "6389149"
      api_key: ` + testAPIKey + `
      ramenjs_url: /ramenjs-standin/ramen.js
`

// assetServer is the real server, in-process on a random 127.0.0.1 port.
type assetServer struct {
	srv     *httptest.Server
	cleanup func()
	// set is the assets it serves, for the extra servers some tests start.
	set *assets.Set
}

// startAssetServer builds the browser assets from the working tree (or
// loads $E2E_ASSETS) and serves them with the test configuration.
func startAssetServer() (*assetServer, error) {
	cfg, err := config.Parse("e2e test config", []byte(testConfig))
	if err != nil {
		return nil, fmt.Errorf("parsing the test config: %w", err)
	}
	dir, cleanup, err := assetsDir()
	if err != nil {
		return nil, err
	}
	set, err := assets.Load(os.DirFS(dir))
	if err != nil {
		cleanup()
		if errors.Is(err, assets.ErrNotBuilt) {
			return nil, fmt.Errorf("$%s=%s has no manifest: build it with `go run ./web/cmd/webbuild -out DIR`: %w",
				AssetsEnv, dir, err)
		}
		return nil, fmt.Errorf("loading the assets from %s: %w", dir, err)
	}
	return &assetServer{srv: httptest.NewServer(app.New(cfg, set, nil)), cleanup: cleanup, set: set}, nil
}

// assetsDir returns $E2E_ASSETS, or a temporary directory holding a fresh
// build, so the suite never tests stale assets by accident.
func assetsDir() (string, func(), error) {
	if dir := os.Getenv(AssetsEnv); dir != "" {
		fmt.Fprintf(os.Stderr, "e2e: using the assets in $%s=%s\n", AssetsEnv, dir)
		return dir, func() {}, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), buildTimeout)
	defer cancel()
	// Tests run in the package directory; the module root is its parent.
	built, err := web.Build(ctx, web.Options{ModuleDir: ".."})
	if err != nil {
		return "", nil, fmt.Errorf("building the browser assets (set $%s to use a built directory): %w", AssetsEnv, err)
	}
	dir, err := os.MkdirTemp("", "e2e-assets-")
	if err != nil {
		return "", nil, fmt.Errorf("creating the assets directory: %w", err)
	}
	cleanup := func() { _ = os.RemoveAll(dir) }
	if err := built.WriteDir(dir); err != nil {
		cleanup()
		return "", nil, fmt.Errorf("writing the browser assets: %w", err)
	}
	return dir, cleanup, nil
}

// URL returns the server's origin, such as http://127.0.0.1:39871.
func (a *assetServer) URL() string { return a.srv.URL }

// Close stops the server and removes a fresh build.
func (a *assetServer) Close() {
	a.srv.Close()
	a.cleanup()
}
