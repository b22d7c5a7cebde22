package config

import (
	"net/url"
	"strings"

	"gopkg.in/yaml.v3"
)

// MaxWriteKeyLen bounds a write key's length; keys appear in URLs and logs.
const MaxWriteKeyLen = 100

// ValidWriteKey reports whether s is a syntactically valid write key: 1 to
// MaxWriteKeyLen characters from [A-Za-z0-9_-]. The server uses it to refuse
// malformed keys in URLs before looking them up.
func ValidWriteKey(s string) bool {
	if s == "" || len(s) > MaxWriteKeyLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// writeKey validates a write key's syntax.
func (d *decoder) writeKey(n *yaml.Node, path, s string) bool {
	switch {
	case s == "":
		d.fail(n, path, "must not be empty")
	case len(s) > MaxWriteKeyLen:
		d.fail(n, path, "longer than %d characters", MaxWriteKeyLen)
	case !ValidWriteKey(s):
		d.fail(n, path, "%q has characters other than letters, digits, '_' and '-'", s)
	default:
		return true
	}
	return false
}

// ramenJSURL validates ramenjs_url: an absolute http(s) URL, or a path
// beginning with a single "/" that is joined to the public base URL.
func (d *decoder) ramenJSURL(n *yaml.Node, path, s string) bool {
	if s == "" {
		d.fail(n, path, "must not be empty (leave the key out to use %s)", DefaultRamenJSURL)
		return false
	}
	if hasSpaceOrControl(s) {
		d.fail(n, path, "must not contain spaces or control characters")
		return false
	}
	if strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//") {
		u, err := url.Parse(s)
		if err != nil || u.Fragment != "" {
			d.fail(n, path, "%q is not a valid path", s)
			return false
		}
		return true
	}
	if _, msg := parseHTTPURL(s); msg != "" {
		d.fail(n, path, "%s; expected an absolute http(s) URL or a path beginning with \"/\"", msg)
		return false
	}
	return true
}

// baseURL validates public_base_url and returns it without a trailing slash.
func (d *decoder) baseURL(n *yaml.Node, path, s string) string {
	if s == "" {
		d.fail(n, path, "must not be empty (leave the key out to use each request's own scheme and host)")
		return ""
	}
	if hasSpaceOrControl(s) {
		d.fail(n, path, "must not contain spaces or control characters")
		return ""
	}
	u, msg := parseHTTPURL(s)
	if msg == "" && (u.RawQuery != "" || u.ForceQuery) {
		msg = "must not have a query"
	}
	if msg != "" {
		d.fail(n, path, "%s; expected e.g. https://cdn.example.com", msg)
		return ""
	}
	return strings.TrimRight(s, "/")
}

// parseHTTPURL parses an absolute http(s) URL that is safe to hand to
// browsers; it returns a non-empty message when s is not one.
func parseHTTPURL(s string) (*url.URL, string) {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return nil, "not a valid URL"
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, "scheme must be http or https"
	case u.Host == "" || u.Hostname() == "":
		return nil, "missing host"
	case u.User != nil:
		// Credentials in a URL served to browsers would leak them.
		return nil, "must not contain a user name or password"
	case u.Fragment != "" || strings.Contains(s, "#"):
		return nil, "must not have a fragment (#...)"
	}
	return u, ""
}

func hasSpaceOrControl(s string) bool {
	for _, r := range s {
		if r <= ' ' || r == 0x7f {
			return true
		}
	}
	return false
}
