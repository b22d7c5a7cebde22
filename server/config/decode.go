package config

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// decoder walks a yaml.Node tree and records every problem with its line and
// key path. Decoding through nodes (rather than yaml.Unmarshal into structs)
// is what lets each message name the exact line and key, and lets unknown
// keys be refused instead of silently ignored.
type decoder struct {
	file string
	errs Errors
}

// fail records a problem at node n (which may be nil when no node exists).
func (d *decoder) fail(n *yaml.Node, path, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	d.failAt(line, path, format, args...)
}

// failAt records a problem at an explicit line.
func (d *decoder) failAt(line int, path, format string, args ...any) {
	if len(d.errs) > maxErrors {
		return
	}
	if len(d.errs) == maxErrors {
		d.errs = append(d.errs, &Error{File: d.file, Line: line, Msg: errTooMany.Error()})
		return
	}
	d.errs = append(d.errs, &Error{File: d.file, Line: line, Path: path, Msg: fmt.Sprintf(format, args...)})
}

// field is one key a mapping accepts, with the function that decodes its value.
type field struct {
	name   string
	decode func(val *yaml.Node, path string)
}

// mapping decodes mapping node n, dispatching each key to its field. Unknown
// and repeated keys are refused. It returns the key nodes that were present
// (by name), so callers can check required keys and point at their lines;
// nil when n is not a mapping.
func (d *decoder) mapping(n *yaml.Node, path string, fields []field) map[string]*yaml.Node {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		d.fail(n, path, "expected a mapping (keys: %s), got %s", knownKeys(fields), describe(n))
		return nil
	}
	seen := make(map[string]*yaml.Node, len(fields))
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), n.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.ShortTag() != "!!str" {
			d.fail(k, path, "keys must be plain names, got %s", describe(k))
			continue
		}
		keyPath := joinKey(path, k.Value)
		if first, dup := seen[k.Value]; dup {
			d.fail(k, keyPath, "key repeated (first at line %d)", first.Line)
			continue
		}
		seen[k.Value] = k
		f, ok := lookupField(fields, k.Value)
		if !ok {
			d.fail(k, keyPath, "unknown key (known keys: %s)", knownKeys(fields))
			continue
		}
		f.decode(v, keyPath)
	}
	return seen
}

// require records a "missing required key" problem, pointing at the line of
// the mapping that lacks it.
func (d *decoder) require(m *yaml.Node, seen map[string]*yaml.Node, path, key string) bool {
	if seen == nil {
		return false // the mapping itself was already reported
	}
	if _, ok := seen[key]; ok {
		return true
	}
	d.fail(resolve(m), joinKey(path, key), "missing required key")
	return false
}

// sequence calls item for each element of list node n.
func (d *decoder) sequence(n *yaml.Node, path string, item func(i int, v *yaml.Node, path string)) bool {
	n = resolve(n)
	if n.Kind != yaml.SequenceNode {
		d.fail(n, path, "expected a list, got %s", describe(n))
		return false
	}
	for i, v := range n.Content {
		item(i, v, fmt.Sprintf("%s[%d]", path, i))
	}
	return true
}

// plainInt matches the whole numbers accepted where a string is expected.
var plainInt = regexp.MustCompile(`^[0-9]+$`)

// str decodes a string scalar. An unquoted whole number written with digits
// only (organization_id: 6389149) is accepted and kept exactly as written,
// because identifiers are often pasted without quotes; any other non-string
// scalar (1e3, 0x1F, +12, true, null) is refused with a hint to quote it, since
// YAML would otherwise change what the operator typed.
func (d *decoder) str(n *yaml.Node, path string) (string, bool) {
	n = resolve(n)
	if n.Kind == yaml.ScalarNode {
		switch tag := n.ShortTag(); {
		case tag == "!!str":
			return n.Value, true
		case (tag == "!!int" || tag == "!!float") && n.Style == 0 && plainInt.MatchString(n.Value):
			// YAML resolves 06389149 as a float: digits only is the test.
			return n.Value, true
		}
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() != "!!null" {
		d.fail(n, path, "expected a string, got %s (put it in quotes: %s)", describe(n), strconv.Quote(n.Value))
	} else {
		d.fail(n, path, "expected a string, got %s", describe(n))
	}
	return "", false
}

// boolean decodes a true/false scalar; YAML 1.1 spellings such as "yes" are
// refused rather than guessed.
func (d *decoder) boolean(n *yaml.Node, path string) (bool, bool) {
	n = resolve(n)
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!bool" {
		var b bool
		if err := n.Decode(&b); err == nil {
			return b, true
		}
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() != "!!null" {
		d.fail(n, path, "expected true or false, got %s", strconv.Quote(n.Value))
	} else {
		d.fail(n, path, "expected true or false, got %s", describe(n))
	}
	return false, false
}

// resolve follows aliases (*anchor) to the node they name.
func resolve(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// describe names a node's kind for messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!str":
			return "a string"
		case "!!int", "!!float":
			return "a number"
		case "!!bool":
			return "a boolean"
		case "!!null":
			return "nothing (null)"
		default:
			return "a value tagged " + n.ShortTag()
		}
	default:
		return "nothing"
	}
}

func lookupField(fields []field, name string) (field, bool) {
	for _, f := range fields {
		if f.name == name {
			return f, true
		}
	}
	return field{}, false
}

func knownKeys(fields []field) string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	return strings.Join(names, ", ")
}

func joinKey(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
