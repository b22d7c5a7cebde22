package serverproc

// Source is a valid entry of a config's sources list: writeKey with
// organization id org and every server-side setting, whose values are named
// after prefix (see Secrets) so a test can look for them in the log.
func Source(writeKey, org, prefix string) string {
	return `  - write_key: ` + writeKey + `
    ramen:
      organization_id: "` + org + `"
      api_key: ` + prefix + `-api-key-value
      endpoint: https://` + prefix + `-endpoint.invalid/x
      secure_mode_secret: ` + prefix + `-secure-mode-secret-value
      ramenjs_url: /ramenjs-standin/ramen.js
`
}

// Secrets are the server-side values Source and Invalid write for prefix:
// no log line may show them.
func Secrets(prefix string) []string {
	return []string{prefix + "-api-key-value", prefix + "-endpoint.invalid", prefix + "-secure-mode-secret-value"}
}

// Invalid is a config that misspells a key on line 4
// (sources[0].ramen.organisation_id) and carries prefix's API key too, so a
// refusal that quoted the file would show a secret.
func Invalid(writeKey, prefix string) string {
	return `sources:
  - write_key: ` + writeKey + `
    ramen:
      organisation_id: "1"
      api_key: ` + prefix + `-api-key-value
`
}
