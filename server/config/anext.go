package config

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"

	"gopkg.in/yaml.v3"
)

// A source's analytics-next settings besides Ramen's own block. The server
// answers analytics-next's settings request (GET /v1/projects/{writeKey}/settings)
// for each source, so a site can point analytics-next's CDN at this server.
// Everything under these keys is served to browsers as written: never put a
// secret there.
//
//	sources:
//	  - write_key: demo
//	    ramen: {...}
//	    integrations:              # other integrations' settings blocks, in this order
//	      Segment.io:
//	        apiKey: demo
//	        apiHost: api.segment.io/v1
//	    metrics:                   # analytics-next's metrics settings; default {sampleRate: 0}
//	      sampleRate: 0.1

// Integration is another integration's block in the settings analytics-next
// loads, such as Segment.io's.
type Integration struct {
	// Name is the integration's name, the key of its block ("Segment.io").
	Name string
	// Settings is the block as a JSON object, keys in file order.
	Settings json.RawMessage
}

// RamenIntegration is the name of the block the server makes from a source's
// ramen settings; the integrations key may not define it.
const RamenIntegration = "Ramen"

// Limits on an integrations or metrics block, so a mistaken file (or an
// alias that expands exponentially) cannot make every settings answer huge.
const (
	maxSettingsDepth = 32
	maxSettingsNodes = 10000
)

// integrations decodes a source's integrations mapping: name → mapping.
func (d *decoder) integrations(n *yaml.Node, path string, out *[]Integration) {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		d.fail(n, path, "expected a mapping of integration names to their settings, got %s", describe(n))
		return
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), n.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.ShortTag() != "!!str" || k.Value == "" {
			d.fail(k, path, "integration names must be non-empty strings, got %s", describe(k))
			continue
		}
		keyPath := joinKey(path, k.Value)
		if first, dup := seen[k.Value]; dup {
			d.fail(k, keyPath, "integration repeated (first at line %d)", first)
			continue
		}
		seen[k.Value] = k.Line
		if k.Value == RamenIntegration {
			d.fail(k, keyPath, "the Ramen block is made from the source's ramen key; configure Ramen there")
			continue
		}
		if resolve(v).Kind != yaml.MappingNode {
			d.fail(v, keyPath, "expected a mapping (the integration's settings), got %s", describe(resolve(v)))
			continue
		}
		if raw, ok := d.jsonObject(v, keyPath); ok {
			*out = append(*out, Integration{Name: k.Value, Settings: raw})
		}
	}
}

// metrics decodes a source's metrics mapping.
func (d *decoder) metrics(n *yaml.Node, path string, out *json.RawMessage) {
	if resolve(n).Kind != yaml.MappingNode {
		d.fail(n, path, "expected a mapping (e.g. sampleRate: 0), got %s", describe(resolve(n)))
		return
	}
	if raw, ok := d.jsonObject(n, path); ok {
		*out = raw
	}
}

// jsonObject converts a YAML mapping to JSON, keeping key order. Values that
// JSON cannot hold, or that YAML would silently change (timestamps), are
// refused with their line and key path.
func (d *decoder) jsonObject(n *yaml.Node, path string) (json.RawMessage, bool) {
	c := &jsonConv{d: d}
	var buf bytes.Buffer
	before := len(d.errs)
	c.value(&buf, n, path, 0)
	if len(d.errs) > before {
		return nil, false
	}
	return json.RawMessage(buf.Bytes()), true
}

// jsonConv writes YAML nodes as JSON, counting nodes across the whole block.
type jsonConv struct {
	d     *decoder
	nodes int
	over  bool
}

func (c *jsonConv) value(buf *bytes.Buffer, n *yaml.Node, path string, depth int) {
	n = resolve(n)
	c.nodes++
	if c.nodes > maxSettingsNodes || depth > maxSettingsDepth {
		if !c.over {
			c.over = true
			c.d.fail(n, path, "too large (more than %d values or %d levels)", maxSettingsNodes, maxSettingsDepth)
		}
		return
	}
	switch n.Kind {
	case yaml.MappingNode:
		buf.WriteByte('{')
		keys := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := resolve(n.Content[i])
			if k.Kind != yaml.ScalarNode || k.ShortTag() != "!!str" {
				c.d.fail(k, path, "keys must be strings, got %s (put it in quotes)", describe(k))
				continue
			}
			keyPath := joinKey(path, k.Value)
			if keys[k.Value] {
				c.d.fail(k, keyPath, "key repeated")
				continue
			}
			keys[k.Value] = true
			if len(keys) > 1 {
				buf.WriteByte(',')
			}
			writeJSON(buf, k.Value)
			buf.WriteByte(':')
			c.value(buf, n.Content[i+1], keyPath, depth+1)
		}
		buf.WriteByte('}')
	case yaml.SequenceNode:
		buf.WriteByte('[')
		for i, v := range n.Content {
			if i > 0 {
				buf.WriteByte(',')
			}
			c.value(buf, v, path+"["+strconv.Itoa(i)+"]", depth+1)
		}
		buf.WriteByte(']')
	case yaml.ScalarNode:
		c.scalar(buf, n, path)
	default:
		c.d.fail(n, path, "expected a value, got %s", describe(n))
	}
}

func (c *jsonConv) scalar(buf *bytes.Buffer, n *yaml.Node, path string) {
	switch tag := n.ShortTag(); tag {
	case "!!str":
		writeJSON(buf, n.Value)
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			c.d.fail(n, path, "not a boolean: %v", err)
			return
		}
		writeJSON(buf, b)
	case "!!null":
		buf.WriteString("null")
	case "!!int", "!!float":
		var f float64
		if err := n.Decode(&f); err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			c.d.fail(n, path, "%q is not a number JSON can hold (put it in quotes to send a string)", n.Value)
			return
		}
		var i int64
		if tag == "!!int" && n.Decode(&i) == nil {
			buf.WriteString(strconv.FormatInt(i, 10))
			return
		}
		writeJSON(buf, f)
	default:
		// !!timestamp, !!binary and custom tags: YAML would change what was
		// typed, so ask for a plain string.
		c.d.fail(n, path, "%s %q is not a JSON value (put it in quotes: %s)", describe(n), n.Value, strconv.Quote(n.Value))
	}
}

// writeJSON appends the JSON encoding of a string, bool or number.
func writeJSON(buf *bytes.Buffer, v any) {
	b, _ := json.Marshal(v) // strings, bools and finite floats always encode
	buf.Write(b)
}
