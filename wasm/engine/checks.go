package engine

import (
	"math"

	"ramendest/wasm/checks"
	"ramendest/wasm/diag"
	"ramendest/wasm/jsonv"
	"ramendest/wasm/translate"
)

// CodeBadClock is the diagnostic for a call or event request whose nowMs is not
// a number: the secure-mode timestamp's age cannot be checked.
const CodeBadClock = "bad_request_clock"

// checkOpen finds what makes Ramen refuse every call of a source: an empty
// organization id (Ramen answers 404).
func checkOpen(settings *jsonv.Object) []diag.Diagnostic {
	orgID, _ := settings.Get("organization_id")
	return checks.OrganizationID(orgID)
}

// requestNow reads a call or event request's nowMs, the browser's clock when
// the page made the call. Absent (older glue) or 0 means unknown: the
// timestamp's age is then not checked. A value that is not a number is a
// glue bug, reported and treated as unknown.
func requestNow(req *jsonv.Object) (float64, []diag.Diagnostic) {
	v, ok := req.Get("nowMs")
	if !ok {
		return 0, nil
	}
	f, isNum := v.(float64)
	if !isNum || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
		return 0, []diag.Diagnostic{{Code: CodeBadClock, Level: diag.Warn,
			Message: "The request's nowMs is not a number of milliseconds (Date.now()), so secure-mode timestamps were not checked for age."}}
	}
	return f, nil
}

// checkCalls checks the translated calls as Ramen would: each identify with a
// user gets the email and secure-mode checks, at time nowMs.
func checkCalls(calls []translate.Call, nowMs float64) []diag.Diagnostic {
	var found []diag.Diagnostic
	for _, c := range calls {
		if c.Method != "identify" || len(c.Args) == 0 {
			continue // a bare identify() is an anonymous visitor: nothing to check
		}
		user, _ := c.Args[0].(*jsonv.Object)
		var opts *jsonv.Object
		if len(c.Args) > 1 {
			opts, _ = c.Args[1].(*jsonv.Object)
		}
		if user == nil {
			continue
		}
		found = append(found, checks.Identify(user, opts, nowMs)...)
	}
	return found
}
