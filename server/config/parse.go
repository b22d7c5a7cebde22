package config

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Parse decodes and validates a configuration held in memory; name is the
// file name used in messages. Load is Parse over a file's contents.
func Parse(name string, data []byte) (*Config, error) {
	d := &decoder{file: name}
	root, ok := d.document(data)
	if !ok {
		return nil, d.errs
	}
	cfg := &Config{File: name}
	d.config(root, cfg)
	if len(d.errs) > 0 {
		return nil, d.errs
	}
	return cfg, nil
}

// yamlLine extracts the line number from yaml.v3's syntax error messages
// ("yaml: line 3: did not find expected key").
var yamlLine = regexp.MustCompile(`^yaml: line ([0-9]+): (.*)$`)

// document parses data as exactly one YAML document and returns its root
// node; syntax errors are recorded with the line yaml.v3 reports.
func (d *decoder) document(data []byte) (*yaml.Node, bool) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			d.failAt(0, "", "empty config: expected a mapping with a sources list")
		} else {
			d.syntax(err)
		}
		return nil, false
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		d.failAt(extra.Line, "", "more than one YAML document; keep a single document")
		return nil, false
	} else if !errors.Is(err, io.EOF) {
		d.syntax(err)
		return nil, false
	}
	if len(doc.Content) == 0 {
		d.failAt(0, "", "empty config: expected a mapping with a sources list")
		return nil, false
	}
	return doc.Content[0], true
}

// syntax records a YAML syntax error.
func (d *decoder) syntax(err error) {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		d.failAt(line, "", "invalid YAML: %s", m[2])
		return
	}
	d.failAt(0, "", "invalid YAML: %s", strings.TrimPrefix(msg, "yaml: "))
}

// config decodes the top-level mapping.
func (d *decoder) config(root *yaml.Node, cfg *Config) {
	seen := d.mapping(root, "", []field{
		{"public_base_url", func(v *yaml.Node, path string) {
			if s, ok := d.str(v, path); ok {
				cfg.PublicBaseURL = d.baseURL(v, path, s)
			}
		}},
		{"sources", func(v *yaml.Node, path string) {
			d.sources(v, path, cfg)
		}},
		{"standin", func(v *yaml.Node, path string) {
			d.standin(v, path, &cfg.Standin)
		}},
	})
	d.require(root, seen, "", "sources")
}

// sources decodes the sources list and checks that write keys are unique.
func (d *decoder) sources(n *yaml.Node, path string, cfg *Config) {
	firstLine := map[string]int{}
	ok := d.sequence(n, path, func(_ int, v *yaml.Node, itemPath string) {
		src, keyNode := d.source(v, itemPath)
		if keyNode == nil {
			return
		}
		if line, dup := firstLine[src.WriteKey]; dup {
			d.fail(keyNode, itemPath+".write_key", "write key %q is already used (first at line %d)", src.WriteKey, line)
			return
		}
		firstLine[src.WriteKey] = keyNode.Line
		d.sharedSecret(cfg.Sources, src, keyNode, itemPath)
		cfg.Sources = append(cfg.Sources, src)
	})
	if ok && len(resolve(n).Content) == 0 {
		d.fail(n, path, "at least one source is required")
	}
}

// source decodes one sources entry. It returns the value node of write_key
// (nil when the write key is missing or invalid).
func (d *decoder) source(n *yaml.Node, path string) (Source, *yaml.Node) {
	var src Source
	var keyNode *yaml.Node
	src.Ramen.RamenJSURL = DefaultRamenJSURL
	seen := d.mapping(n, path, []field{
		{"write_key", func(v *yaml.Node, p string) {
			if s, ok := d.str(v, p); ok && d.writeKey(v, p, s) {
				src.WriteKey, keyNode = s, v
			}
		}},
		{"ramen", func(v *yaml.Node, p string) {
			d.ramen(v, p, &src.Ramen)
		}},
		{"integrations", func(v *yaml.Node, p string) {
			d.integrations(v, p, &src.Integrations)
		}},
		{"metrics", func(v *yaml.Node, p string) {
			d.metrics(v, p, &src.Metrics)
		}},
	})
	d.require(n, seen, path, "write_key")
	return src, keyNode
}

// ramen decodes a source's ramen block. Writing the block means wanting it:
// enabled defaults to true when the block is present.
func (d *decoder) ramen(n *yaml.Node, path string, r *Ramen) {
	r.Enabled = true
	enabledOK := true
	var orgNode *yaml.Node
	seen := d.mapping(n, path, []field{
		{"enabled", func(v *yaml.Node, p string) {
			b, ok := d.boolean(v, p)
			r.Enabled, enabledOK = b, ok
		}},
		{"organization_id", func(v *yaml.Node, p string) {
			if s, ok := d.str(v, p); ok {
				r.OrganizationID, orgNode = s, v
			}
		}},
		{"api_key", func(v *yaml.Node, p string) {
			if s, ok := d.secretStr(v, p); ok {
				r.APIKey = Secret(s)
			}
		}},
		{"endpoint", func(v *yaml.Node, p string) {
			if s, ok := d.secretStr(v, p); ok {
				r.Endpoint = s
			}
		}},
		{"secure_mode_secret", func(v *yaml.Node, p string) {
			d.secureModeSecret(v, p, r)
		}},
		{"ramenjs_url", func(v *yaml.Node, p string) {
			if s, ok := d.str(v, p); ok && d.ramenJSURL(v, p, s) {
				r.RamenJSURL = s
			}
		}},
	})
	if seen == nil || !enabledOK || !r.Enabled {
		return // nothing more to check, or enabled itself was wrong
	}
	orgPath := joinKey(path, "organization_id")
	switch {
	case seen["organization_id"] == nil:
		d.fail(resolve(n), orgPath, "missing required key (needed when enabled is true)")
	case orgNode == nil:
		// wrong type, already reported
	case strings.TrimSpace(r.OrganizationID) == "":
		d.fail(orgNode, orgPath, "must not be empty when enabled is true")
	case strings.TrimSpace(r.OrganizationID) != r.OrganizationID:
		d.fail(orgNode, orgPath, "has leading or trailing spaces")
	}
}
