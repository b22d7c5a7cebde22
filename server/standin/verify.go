// Package standin is the development stand-in for Ramen's identify endpoint. Ramen no
// longer operates; this answers the way its API did (200, 401 with a reason, 404 for an
// unknown organization) so that secure-mode mistakes show up during development. It is
// never a substitute for the real service and says so in every answer.
package standin

import (
	"crypto/subtle"
	"encoding/json"
	"math"
	"net/mail"
	"strconv"
	"strings"
	"time"

	"ramendest/server/securemode"
)

// Request is what the stand-in RamenJS posts for each identify call.
type Request struct {
	OrganizationID string                     `json:"organization_id"`
	User           map[string]json.RawMessage `json:"user"`
	Options        map[string]json.RawMessage `json:"options"`
}

// Organization is what the stand-in knows of one organization id.
type Organization struct {
	// SecureModeSecret enables secure mode for the organization when not empty.
	SecureModeSecret string
}

// Verdict is the stand-in's answer: the HTTP status and, for refusals, a stable code
// (the same codes the browser diagnostics use) and a sentence saying what to fix.
type Verdict struct {
	Status int    `json:"status"`
	Code   string `json:"code,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// Verify judges one identify as Ramen did. lookup finds an organization by id.
func Verify(req Request, lookup func(orgID string) (Organization, bool), now time.Time) Verdict {
	org, ok := lookup(req.OrganizationID)
	if !ok {
		return Verdict{404, "unknown_organization", "Unknown organization id " + strconv.Quote(req.OrganizationID) + ": check the source's organization_id."}
	}
	id, ok := stringField(req.User, "id")
	if !ok || id == "" {
		return Verdict{401, "identify_no_user_id", "The user has no id: identify needs a user id."}
	}
	email, _ := stringField(req.User, "email")
	if strings.TrimSpace(email) != "" && !validEmail(email) {
		return Verdict{401, "email_invalid", "The email " + strconv.Quote(email) + " is not a valid address (it may be blank)."}
	}
	if org.SecureModeSecret == "" {
		return Verdict{Status: 200}
	}
	return verifySecure(req, org.SecureModeSecret, id, email, now)
}

func verifySecure(req Request, secret, id, email string, now time.Time) Verdict {
	rawTS, hasTS := req.Options["timestamp"]
	hash, hasHash := stringField(req.Options, "auth_hash")
	switch {
	case !hasTS && !hasHash:
		return Verdict{401, "secure_mode_missing", "Secure mode is enabled for this organization, but the identify has neither timestamp nor auth_hash: render both into integrations.Ramen."}
	case !hasTS:
		return Verdict{401, "secure_mode_timestamp_missing", "Secure mode: auth_hash is set but timestamp is not."}
	case !hasHash:
		return Verdict{401, "secure_mode_auth_hash_missing", "Secure mode: timestamp is set but auth_hash is not."}
	}
	var ts float64
	if err := json.Unmarshal(rawTS, &ts); err != nil || math.IsNaN(ts) || ts != math.Trunc(ts) {
		return Verdict{401, "secure_mode_timestamp_not_number", "Secure mode: timestamp must be a whole number of seconds since the epoch."}
	}
	age := now.Sub(time.Unix(int64(ts), 0))
	switch {
	case age > securemode.MaxAge:
		return Verdict{401, "secure_mode_timestamp_stale", "Secure mode: the timestamp is " + humanAge(age) + " old, more than 15 minutes (probably hard-coded or cached): generate it on every render."}
	case age < -time.Minute:
		return Verdict{401, "secure_mode_timestamp_in_future", "Secure mode: the timestamp is in the future (milliseconds instead of seconds?)."}
	}
	name, _ := stringField(req.User, "name")
	// Ramen documents both fallbacks for a missing name: the email, or an empty string.
	candidates := []string{name}
	if name == "" {
		candidates = []string{email, ""}
	}
	for _, n := range candidates {
		want := securemode.AuthHash(email, id, n, int64(ts), secret)
		if subtle.ConstantTimeCompare([]byte(strings.ToLower(hash)), []byte(want)) == 1 {
			return Verdict{Status: 200}
		}
	}
	return Verdict{401, "secure_mode_auth_hash_mismatch", "Secure mode: auth_hash does not match. It must be the hex SHA-256 of \"<email>:<id>:<name>:<timestamp>:<secret>\" with the same email, id, name and timestamp the page sends."}
}

// stringField reads a string, or a number in JavaScript's string form (user ids are
// often numbers on the page), from a JSON object.
func stringField(obj map[string]json.RawMessage, key string) (string, bool) {
	raw, ok := obj[key]
	if !ok {
		return "", false
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, true
	}
	var f float64
	if json.Unmarshal(raw, &f) == nil {
		return strconv.FormatFloat(f, 'f', -1, 64), true
	}
	return "", false
}

func validEmail(s string) bool {
	addr, err := mail.ParseAddress(s)
	return err == nil && addr.Address == s && strings.Contains(s[strings.LastIndexByte(s, '@'):], ".")
}

// humanAge says how old a stale timestamp is in the unit a person thinks in:
// a timestamp copied from documentation years ago is "5773 days", not hours.
func humanAge(age time.Duration) string {
	if age >= 48*time.Hour {
		return strconv.FormatInt(int64(age/(24*time.Hour)), 10) + " days"
	}
	return age.Truncate(time.Second).String()
}
