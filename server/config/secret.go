package config

import "log/slog"

// redacted is what every formatting path prints instead of a secret.
const redacted = "[redacted]"

// Secret is a configuration value that must never reach a browser or a log.
// Formatting it (fmt, slog, encoding/json) prints "[redacted]"; only Reveal
// returns the value, so every use of the real value is easy to find.
type Secret string

// Reveal returns the secret's value. Call it only where the value is needed
// to talk to a server-side service.
func (s Secret) Reveal() string { return string(s) }

// IsSet reports whether a value was configured.
func (s Secret) IsSet() bool { return s != "" }

// String returns "[redacted]" (or "" when unset), so fmt never prints the value.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return redacted
}

// GoString keeps %#v from printing the value.
func (s Secret) GoString() string { return `config.Secret("` + s.String() + `")` }

// LogValue keeps log/slog from printing the value.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalJSON keeps encoding/json from serialising the value.
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + s.String() + `"`), nil }

// MarshalText keeps text encoders (and JSON map keys) from serialising the value.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }
