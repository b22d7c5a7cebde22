package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"ramendest/server/securemode"
)

// AuthHashCommand is the subcommand that prints secure-mode options:
//
//	RAMEN_SECURE_MODE_SECRET=… ramen-server authhash -id 42 -email ryan@ramen.is -name 'Ryan Angilly'
//	{"timestamp":1700000000,"auth_hash":"…"}
const AuthHashCommand = "authhash"

// SecretEnv is the environment variable the authhash subcommand reads the
// secure-mode secret from. Never a flag: a command line shows in `ps` and in
// shell history.
const SecretEnv = "RAMEN_SECURE_MODE_SECRET"

// usageError is a mistake on the command line (exit code 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// runAuthHash prints the integrations.Ramen options {timestamp, auth_hash} for
// one user as JSON on stdout. It returns the process exit code: 0, 1 for a
// missing secret, 2 for a usage error (a missing -id included).
func runAuthHash(args []string, stdout, stderr io.Writer, getenv func(string) string, now func() time.Time) int {
	if err := authHash(args, stdout, stderr, getenv, now); err != nil {
		fmt.Fprintln(stderr, "authhash:", err)
		var u *usageError
		if errors.As(err, &u) {
			return 2
		}
		return 1
	}
	return 0
}

func authHash(args []string, stdout, stderr io.Writer, getenv func(string) string, now func() time.Time) error {
	for _, a := range args {
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if strings.HasPrefix(a, "-") && strings.EqualFold(name, "secret") {
			// Refused before parsing, so the value is never echoed back in an
			// "unknown flag" message either.
			return usagef("the secret is never a flag (a command line shows in ps and in shell history); set $%s instead", SecretEnv)
		}
	}
	fs := flag.NewFlagSet(AuthHashCommand, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: %s=… server %s -id USER_ID [-email EMAIL] [-name NAME] [-timestamp UNIX_SECONDS]\n\n", SecretEnv, AuthHashCommand)
		fmt.Fprintf(stderr, "Prints the secure-mode options for identify's integrations.Ramen as JSON:\n{\"timestamp\":…,\"auth_hash\":\"…\"}\n\n")
		fs.PrintDefaults()
	}
	id := fs.String("id", "", "the user id, exactly as the page passes it to analytics.identify (required)")
	email := fs.String("email", "", "the user's email trait, as the page sends it (may be empty)")
	name := fs.String("name", "", "the user's name trait, as the page sends it (empty: the email is hashed in its place)")
	ts := fs.Int64("timestamp", 0, "Unix seconds to sign for (default: now); a fixed value is for checking known vectors")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return usagef("%v", err)
	}
	if fs.NArg() > 0 {
		return usagef("unexpected arguments %q", fs.Args())
	}
	secret := getenv(SecretEnv)
	if secret == "" {
		return fmt.Errorf("$%s is not set: export the secure-mode secret there (it is never read from a flag)", SecretEnv)
	}
	at := now()
	if *ts != 0 {
		at = time.Unix(*ts, 0)
	}
	opts, err := securemode.Sign(securemode.User{ID: *id, Email: *email, Name: *name}, secret, at)
	if err != nil {
		if errors.Is(err, securemode.ErrNoUserID) {
			return usagef("-id is required (Ramen refuses an identify without a user id)")
		}
		return fmt.Errorf("signing: %w", err)
	}
	out, err := json.Marshal(opts)
	if err != nil {
		return fmt.Errorf("encoding the options: %w", err)
	}
	_, err = fmt.Fprintf(stdout, "%s\n", out)
	return err
}
