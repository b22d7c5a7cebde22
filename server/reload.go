package main

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"os/signal"
	"sync"
	"syscall"

	"ramendest/server/config"
)

// configTarget is what a reload updates: app.Server's atomic SetConfig.
type configTarget interface {
	SetConfig(*config.Config)
}

// watchReload reloads the config file at path on every SIGHUP until ctx ends
// or stop is called. It registers for the signal before it returns, so a
// SIGHUP sent once the server says it listens never kills the process (the
// default action of SIGHUP) and is never missed.
//
// A file that loads is swapped in atomically: requests already running finish
// with the old configuration, later ones use the new one. A file that does not
// load is refused with one log line naming the file, the line and the key,
// and the old configuration keeps serving. With the embedded default (path
// ""), there is nothing to reload and the signal is only logged.
func watchReload(ctx context.Context, path string, target configTarget, logger *slog.Logger) (stop func()) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-ctx.Done():
				return
			case <-done:
				return
			case <-hup:
				reloadConfig(path, target, logger)
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			signal.Stop(hup)
			close(done)
			wg.Wait()
		})
	}
}

// reloadConfig loads path and hands it to target, or logs why it did not.
func reloadConfig(path string, target configTarget, logger *slog.Logger) {
	if path == "" {
		logger.Warn("config reload skipped: running with the embedded default configuration (start with -config FILE to reload it)")
		return
	}
	cfg, err := config.Load(path)
	if err != nil {
		attrs := []any{slog.String("file", path), slog.String("error", err.Error())}
		// The first problem's line and key, as fields a log search can use.
		var first *config.Error
		if errors.As(err, &first) {
			attrs = append(attrs, slog.Int("line", first.Line), slog.String("key", first.Path))
		}
		logger.Error("config reload refused; still serving the previous configuration", attrs...)
		return
	}
	target.SetConfig(cfg)
	logger.Info("config reloaded", slog.String("file", path), slog.Int("sources", len(cfg.Sources)))
}
