// Package diag holds the translator's diagnostics: problems found in a call, each with a
// stable code a person can look up, and a sentence saying what to fix.
package diag

// Levels of a diagnostic.
const (
	// Error means Ramen will certainly reject or ignore the call; always shown.
	Error = "error"
	// Warn means the call goes out but probably not as intended.
	Warn = "warn"
	// Info explains something the destination did on purpose (shown in debug mode).
	Info = "info"
)

// Diagnostic is one problem found in one call.
type Diagnostic struct {
	Code    string // stable identifier, e.g. "identify_no_user_id"
	Level   string // Error, Warn or Info
	Message string // what is wrong and what to do about it
}
