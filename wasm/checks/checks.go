// Package checks finds, before a call leaves the page, the problems that made Ramen
// answer 401 or 404 (section "Troubleshooting" of Ramen's Segment documentation): an
// email that is not an address, secure-mode options that are missing, malformed or
// stale, and an empty organization id. Each finding is a diag.Diagnostic with a stable
// code that README's troubleshooting table lists.
package checks

import (
	"math"
	"strconv"

	"ramendest/wasm/diag"
	"ramendest/wasm/jsonv"
)

// Codes of the diagnostics this package produces.
const (
	CodeOrganizationIDEmpty = "organization_id_empty"
	// CodeOrganizationIDNotString: the organization id is a number, not a string.
	CodeOrganizationIDNotString = "organization_id_not_string"
	CodeEmailInvalid            = "email_invalid"
	CodeTimestampMissing        = "secure_mode_timestamp_missing"
	CodeAuthHashMissing         = "secure_mode_auth_hash_missing"
	CodeTimestampNotNumber      = "secure_mode_timestamp_not_number"
	CodeTimestampFuture         = "secure_mode_timestamp_in_future"
	CodeTimestampStale          = "secure_mode_timestamp_stale"
	CodeAuthHashMalformed       = "secure_mode_auth_hash_malformed"
)

// MaxAgeSeconds is how old a secure-mode timestamp may be before Ramen refuses it.
const MaxAgeSeconds = 15 * 60

// maxSkewSeconds tolerates a visitor's clock running a little behind the server's.
const maxSkewSeconds = 60

// OrganizationID reports an empty organization id (Ramen answers 404 to every call),
// and one given as a number (a plugin option written without quotes), which RamenJS's
// boot does not document.
func OrganizationID(orgID any) []diag.Diagnostic {
	if s, ok := orgID.(string); ok && !blankString(s) {
		return nil
	}
	if n, ok := orgID.(float64); ok && n == n && n-n == 0 { // finite
		return []diag.Diagnostic{{Code: CodeOrganizationIDNotString, Level: diag.Warn,
			Message: "The Ramen organization id is a number; RamenJS expects a string. Quote it (organization_id: \"6389149\")."}}
	}
	return []diag.Diagnostic{{Code: CodeOrganizationIDEmpty, Level: diag.Error,
		Message: "The Ramen organization id is empty, so Ramen will answer 404 to every call. Set organization_id for this source (Ramen's \"Organization Id\")."}}
}

// Identify checks the user and options of a translated Ramen identify call at time
// nowMs (milliseconds since the epoch, from the browser's clock). A nowMs of 0 means
// the clock is unknown: the timestamp's age is then not checked.
func Identify(user, opts *jsonv.Object, nowMs float64) []diag.Diagnostic {
	var found []diag.Diagnostic
	if email, ok := user.Get("email"); ok && !blank(email) && !validEmail(email) {
		found = append(found, diag.Diagnostic{Code: CodeEmailInvalid, Level: diag.Error,
			Message: "The email trait " + quote(email) + " is not a valid email address, so Ramen will answer 401. Send a valid address, or leave email out (it may be blank)."})
	}
	return append(found, secureMode(opts, nowMs)...)
}

func secureMode(opts *jsonv.Object, nowMs float64) []diag.Diagnostic {
	ts, hasTS := opts.Get("timestamp")
	hash, hasHash := opts.Get("auth_hash")
	hasTS = hasTS && ts != nil
	hasHash = hasHash && hash != nil
	var found []diag.Diagnostic
	add := func(code, msg string) {
		found = append(found, diag.Diagnostic{Code: code, Level: diag.Error, Message: msg})
	}
	switch {
	case !hasTS && !hasHash:
		return nil // secure mode not used by this call
	case hasHash && !hasTS:
		add(CodeTimestampMissing, "Secure mode: auth_hash is set but timestamp is not, so Ramen will answer 401. Render both into integrations.Ramen (timestamp, or auth_hash_timestamp).")
	case hasTS && !hasHash:
		add(CodeAuthHashMissing, "Secure mode: timestamp is set but auth_hash is not, so Ramen will answer 401. Compute auth_hash on your server and render it with the timestamp.")
	}
	if hasTS {
		if seconds, ok := ts.(float64); !ok || math.IsNaN(seconds) || math.IsInf(seconds, 0) {
			add(CodeTimestampNotNumber, "Secure mode: timestamp "+quote(ts)+" is not a number of seconds since the epoch, so Ramen will answer 401. Render it as a number, e.g. Time.now.to_i or time.Now().Unix().")
		} else if nowMs > 0 {
			now := nowMs / 1000
			switch {
			case seconds > now+maxSkewSeconds && seconds > 1e11:
				add(CodeTimestampFuture, "Secure mode: timestamp "+number(seconds)+" looks like milliseconds; Ramen wants seconds since the epoch, so it will answer 401. Divide by 1000.")
			case seconds > now+maxSkewSeconds:
				add(CodeTimestampFuture, "Secure mode: timestamp "+number(seconds)+" is in the future, so Ramen will answer 401. Generate it on your server at render time.")
			case seconds < now-MaxAgeSeconds:
				add(CodeTimestampStale, "Secure mode: timestamp "+number(seconds)+" is more than 15 minutes old (probably hard-coded or cached), so Ramen will answer 401. Generate it and the hash on every page render.")
			}
		}
	}
	if hasHash && !isHex64(hash) {
		add(CodeAuthHashMalformed, "Secure mode: auth_hash "+quote(hash)+" is not 64 hexadecimal characters (a SHA-256 in hex), so Ramen will answer 401. Hash \"<email>:<id>:<name>:<timestamp>:<secret>\" with SHA-256 and render the hex digest.")
	}
	return found
}

func blank(v any) bool {
	s, ok := v.(string)
	return ok && blankString(s)
}

// validEmail accepts what a sign-up form would: one "@", a non-empty local part, a
// domain with a dot and no spaces. Ramen's exact rule is not public; this catches the
// mistakes seen in practice (a name or an id in the email trait).
func validEmail(v any) bool {
	s, ok := v.(string)
	if !ok || len(s) > 254 || containsAnyByte(s, " \t\r\n<>,;") {
		return false
	}
	at := lastIndexByte(s, '@')
	if at < 1 || indexByte(s, '@') != at {
		return false
	}
	domain := s[at+1:]
	dot := lastIndexByte(domain, '.')
	return dot > 0 && dot < len(domain)-1 && !containsDoubleDot(domain)
}

func isHex64(v any) bool {
	s, ok := v.(string)
	if !ok || len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// quote shows a value as the page would see it in JSON, shortened for a console line.
func quote(v any) string {
	s := jsonv.Marshal(v)
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return s
}

func number(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
