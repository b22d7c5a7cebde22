package main

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ramendest/server/assets"
	"ramendest/server/internal/serverproc"
)

func TestRunRefuses(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(bad, []byte("sources:\n  - write_key: demo\n    ramen:\n      organisation_id: \"1\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown flag", []string{"-nope"}, "flag provided but not defined"},
		{"stray argument", []string{"extra"}, "unexpected arguments"},
		{"missing config file", []string{"-config", filepath.Join(dir, "missing.yaml")}, "read config"},
		{"invalid config names file, line and key", []string{"-config", bad}, bad + ":4: sources[0].ramen.organisation_id: unknown key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := run(context.Background(), tt.args, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("run(%q) = %v, want an error containing %q", tt.args, err, tt.want)
			}
		})
	}
}

// TestRunServesAndStops starts the real server on a free port (when the web
// build has run), checks /healthz, then cancels and expects a clean stop.
func TestRunServesAndStops(t *testing.T) {
	if _, err := assets.Embedded(); errors.Is(err, assets.ErrNotBuilt) {
		err := run(context.Background(), []string{"-addr", "127.0.0.1:0"}, io.Discard)
		if !errors.Is(err, assets.ErrNotBuilt) {
			t.Fatalf("without a build: run = %v, want ErrNotBuilt", err)
		}
		t.Skip("web build not run; checked that run refuses to start")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logs := serverproc.NewLog()
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"-addr", "127.0.0.1:0"}, logs) }()

	base, err := logs.WaitURL(done, 10*time.Second)
	if err != nil {
		t.Fatalf("%v\n%s", err, logs)
	}
	res, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("healthz: %d", res.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run after cancel: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("server did not stop")
	}
	if !strings.Contains(logs.String(), "stopped") {
		t.Errorf("no stopped line:\n%s", logs)
	}
}
