package config

import (
	"errors"
	"strconv"
	"strings"
)

// Error is one problem found in a configuration file. Its message names the
// file, the line and the key path, so an operator can go straight to the
// mistake:
//
//	config.yaml:7: sources[0].ramen.organisation_id: unknown key (known keys: ...)
type Error struct {
	// File is the name the configuration was loaded under (the path given to
	// Load, or the name given to Parse).
	File string
	// Line is the 1-based line of the offending key or value; 0 when the YAML
	// parser could not tell.
	Line int
	// Path is the key path, e.g. "sources[1].write_key"; empty for problems
	// with the document as a whole.
	Path string
	// Msg says what is wrong and, where possible, how to fix it.
	Msg string
}

// Error formats the problem as "file:line: path: message", leaving out the
// parts that are unknown.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(e.Line))
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errors is every problem found in one configuration file, in document
// order. Parse and Load return it (never an empty one) when a file is
// refused; errors.As finds it, and errors.As with *Error finds the first
// problem.
type Errors []*Error

// Error lists the problems one per line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap exposes the individual problems to errors.Is and errors.As.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// maxErrors bounds how many problems one file reports: past a few dozen the
// list stops helping and only hides the first, most useful, lines.
const maxErrors = 50

// errTooMany is the sentinel recorded once maxErrors is reached.
var errTooMany = errors.New("too many problems; fix the ones above first")
