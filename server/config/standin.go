package config

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// Standin is the top-level `standin` block: the development stand-in for
// Ramen's identify endpoint, which answers each identify the stand-in RamenJS
// posts with 200, 401 and a reason, or 404, as Ramen's API did.
//
//	standin:
//	  enabled: true   # default true when the block is present; off without the block
//
// It is for development, demos and tests only. Each source's
// ramen.secure_mode_secret is the development secret the stand-in checks
// secure-mode hashes against; never put the real Ramen secret there.
type Standin struct {
	// Enabled turns on the stand-in service's routes (the identify endpoint
	// and the debugger page). When false they answer 404.
	Enabled bool
}

// StandinOrganization is what the stand-in knows about one organization id.
type StandinOrganization struct {
	// WriteKey is the first enabled source using the organization id.
	WriteKey string
	// SecureModeSecret is the development secret; unset means secure mode is
	// off for the organization.
	SecureModeSecret Secret
}

// StandinOrganization finds the organization the stand-in answers for:
// an enabled source with that organization id. ok is false for an unknown
// id (the stand-in then answers 404, as Ramen did).
func (c *Config) StandinOrganization(orgID string) (StandinOrganization, bool) {
	for i := range c.Sources {
		r := c.Sources[i].Ramen
		if r.Enabled && orgID != "" && r.OrganizationID == orgID {
			return StandinOrganization{WriteKey: c.Sources[i].WriteKey, SecureModeSecret: r.SecureModeSecret}, true
		}
	}
	return StandinOrganization{}, false
}

// standin decodes the top-level standin block. Writing the block means
// wanting it: enabled defaults to true when the block is present.
func (d *decoder) standin(n *yaml.Node, path string, s *Standin) {
	s.Enabled = true
	d.mapping(n, path, []field{
		{"enabled", func(v *yaml.Node, p string) {
			if b, ok := d.boolean(v, p); ok {
				s.Enabled = b
			}
		}},
	})
}

// secureModeSecret decodes ramen.secure_mode_secret: a non-empty string
// without surrounding spaces (a stray space would make every hash differ
// from the one the customer's server computes).
func (d *decoder) secureModeSecret(n *yaml.Node, path string, r *Ramen) {
	if v := resolve(n); v.Kind == yaml.ScalarNode && v.ShortTag() != "!!str" && v.ShortTag() != "!!null" && !plainInt.MatchString(v.Value) {
		// d.str would quote the value in its hint; a secret must not reach a log.
		d.fail(n, path, "expected a string, got %s (put the secret in quotes)", describe(v))
		return
	}
	s, ok := d.str(n, path)
	switch {
	case !ok:
	case s == "":
		d.fail(n, path, "must not be empty (leave the key out to turn secure mode off)")
	case strings.TrimSpace(s) != s:
		d.fail(n, path, "has leading or trailing spaces")
	default:
		r.SecureModeSecret = Secret(s)
	}
}

// sharedSecret refuses an enabled source that shares its organization id with
// an earlier source but not the secure-mode secret: Ramen keeps one secret per
// organization, and the stand-in could not tell which one to check. keyNode
// is the source's write_key value, whose line the message names.
func (d *decoder) sharedSecret(earlier []Source, src Source, keyNode *yaml.Node, path string) {
	r := src.Ramen
	if !r.Enabled || r.OrganizationID == "" {
		return
	}
	for _, e := range earlier {
		if e.Ramen.Enabled && e.Ramen.OrganizationID == r.OrganizationID {
			if e.Ramen.SecureModeSecret != r.SecureModeSecret {
				d.fail(keyNode, joinKey(path, "ramen.secure_mode_secret"),
					"differs from the one of source %q, which has the same organization_id %q; sources of one organization share its secret",
					e.WriteKey, r.OrganizationID)
			}
			return
		}
	}
}
