// Package securemode computes Ramen's secure-mode credentials on the customer's server.
//
// With secure mode on, Ramen accepts an identify only when it carries a fresh
// `timestamp` (Unix seconds, at most 15 minutes old) and an `auth_hash`: the lower-case
// hex SHA-256 of "<email>:<id>:<name>:<timestamp>:<secret>". The secret stays on the
// server; the page receives only the two values, usually rendered into the identify
// call's `integrations.Ramen` options:
//
//	analytics.identify(id, traits, {integrations: {Ramen: {timestamp: …, auth_hash: "…"}}})
package securemode

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"time"
)

// MaxAge is how old a timestamp may be before Ramen refuses it.
const MaxAge = 15 * time.Minute

// ErrNoSecret is returned when the secret is empty: a hash over an empty secret would
// be accepted by nobody and suggests a missing environment variable.
var ErrNoSecret = errors.New("securemode: the secure-mode secret is empty")

// ErrNoUserID is returned when the user has no id: Ramen answers 401 to such a request.
var ErrNoUserID = errors.New("securemode: the user id is empty")

// User holds the three user fields the hash covers, exactly as the page will send them
// in analytics.identify (id as the user id, email and name as traits).
type User struct {
	ID    string
	Email string // empty when you do not store emails
	Name  string // empty when unknown; the hash then uses Email, as Ramen documents
}

// Options is what goes into identify's `integrations.Ramen` options.
type Options struct {
	Timestamp int64  `json:"timestamp"`
	AuthHash  string `json:"auth_hash"`
}

// AuthHash returns the lower-case hex SHA-256 of "<email>:<id>:<name>:<timestamp>:<secret>".
// It hashes the fields exactly as given; use Sign for the documented defaults.
func AuthHash(email, id, name string, timestamp int64, secret string) string {
	sum := sha256.Sum256([]byte(email + ":" + id + ":" + name + ":" + strconv.FormatInt(timestamp, 10) + ":" + secret))
	return hex.EncodeToString(sum[:])
}

// Sign returns the secure-mode options for user at time now. A missing name is
// replaced by the email (or stays empty when there is no email either).
func Sign(user User, secret string, now time.Time) (Options, error) {
	if secret == "" {
		return Options{}, ErrNoSecret
	}
	if user.ID == "" {
		return Options{}, ErrNoUserID
	}
	name := user.Name
	if name == "" {
		name = user.Email
	}
	ts := now.Unix()
	return Options{Timestamp: ts, AuthHash: AuthHash(user.Email, user.ID, name, ts, secret)}, nil
}
