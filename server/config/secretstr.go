package config

import "gopkg.in/yaml.v3"

// secretStr decodes a server-side-only string (api_key, endpoint) like str,
// but its refusals never repeat the value: a config error is printed at start
// and logged on reload, and a mistyped secret must not reach a log that way.
func (d *decoder) secretStr(n *yaml.Node, path string) (string, bool) {
	v := resolve(n)
	if v.Kind == yaml.ScalarNode && v.ShortTag() != "!!str" && v.ShortTag() != "!!null" &&
		!(v.Style == 0 && plainInt.MatchString(v.Value)) {
		d.fail(n, path, "expected a string, got %s (put the value in quotes)", describe(v))
		return "", false
	}
	return d.str(n, path)
}
