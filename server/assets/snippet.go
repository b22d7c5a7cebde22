package assets

import (
	"bytes"
	"fmt"
)

// Placeholder is the string literal in the snippet template that the server
// replaces, quotes included, with a source's JSON configuration object.
const Placeholder = "__RAMEN_SNIPPET_CONFIG__"

// Snippet is the snippet template, split around its placeholder so that
// rendering is two copies and no scanning.
type Snippet struct {
	// File is the template as built.
	File   *File
	before []byte
	after  []byte
}

// newSnippet finds the placeholder literal, in double or single quotes
// (minifiers may pick either), and refuses a template with none or several.
func newSnippet(f *File) (*Snippet, error) {
	var at, n int
	width := len(Placeholder) + 2
	for _, q := range []string{`"`, `'`} {
		lit := []byte(q + Placeholder + q)
		if c := bytes.Count(f.Data, lit); c > 0 {
			n += c
			at = bytes.Index(f.Data, lit)
		}
	}
	if n != 1 {
		return nil, fmt.Errorf("snippet %q: want exactly one quoted %q literal, found %d", f.Name, Placeholder, n)
	}
	return &Snippet{File: f, before: f.Data[:at], after: f.Data[at+width:]}, nil
}

// Render returns the snippet with the placeholder literal replaced by
// configJSON, which must be a JSON object encoded safely for an inline
// <script> (encoding/json's default HTML escaping of <, > and & does that).
func (s *Snippet) Render(configJSON []byte) []byte {
	out := make([]byte, 0, len(s.before)+len(configJSON)+len(s.after))
	out = append(out, s.before...)
	out = append(out, configJSON...)
	return append(out, s.after...)
}
