// Command server serves the Ramen destination: the snippet sites paste, the
// bundle and WASM translator it loads, a local stand-in for RamenJS and a
// demo page.
//
//	go run ./server -addr 127.0.0.1:8080 -config config.yaml
//
// Without -config it uses the embedded default configuration (one "demo"
// source using the stand-in). The web build must have run first (make build).
//
// The authhash subcommand prints the secure-mode options for one user, with
// the secret read from $RAMEN_SECURE_MODE_SECRET (never from a flag):
//
//	RAMEN_SECURE_MODE_SECRET=… go run ./server authhash -id 42 -email ryan@ramen.is -name 'Ryan Angilly'
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"ramendest/server/app"
	"ramendest/server/assets"
	"ramendest/server/config"
)

// Timeouts of the HTTP server. Every route is a small GET, so slow clients
// get little room; idle keep-alive connections are kept long enough for a
// page's follow-up requests.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = 60 * time.Second
	idleTimeout       = 120 * time.Second
	shutdownTimeout   = 15 * time.Second
	maxHeaderBytes    = 64 << 10
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == AuthHashCommand {
		os.Exit(runAuthHash(os.Args[2:], os.Stdout, os.Stderr, os.Getenv, time.Now))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "server:", err)
		stop()
		os.Exit(1)
	}
}

// run parses flags, loads the config and assets, and serves until ctx is
// cancelled, then drains in-flight requests.
func run(ctx context.Context, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (host:port)")
	configPath := fs.String("config", "", "YAML configuration file (default: the embedded demo configuration)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))

	cfg, err := loadConfig(*configPath)
	if err != nil {
		return err
	}
	set, err := assets.Embedded()
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	handler := app.New(cfg, set, logger)
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	// SIGHUP reloads the config file (reload.go); registered before the server
	// says it listens, so a signal sent from then on is never missed.
	stopReload := watchReload(ctx, *configPath, handler, logger)
	defer stopReload()
	logger.Info("listening",
		slog.String("url", "http://"+ln.Addr().String()+"/"),
		slog.String("config", cfg.File),
		slog.Int("sources", len(cfg.Sources)),
		slog.String("assets_version", set.Manifest.Version))

	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	select {
	case err := <-serveErr:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}

	logger.Info("shutting down", slog.Duration("timeout", shutdownTimeout))
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-serveErr; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	logger.Info("stopped")
	return nil
}

// loadConfig loads the file at path, or the embedded default when path is
// empty.
func loadConfig(path string) (*config.Config, error) {
	if path == "" {
		return config.LoadDefault()
	}
	return config.Load(path)
}
