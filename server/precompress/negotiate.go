package precompress

import "strings"

// EncodingIdentity names the uncompressed body in Negotiate's answers.
const EncodingIdentity = "identity"

// Negotiate picks the content coding to send from those offered, following
// the request's Accept-Encoding value (RFC 9110 section 12.5.3):
//
//   - each offered coding gets the q-value the header gives it by name, else
//     the q-value of "*", else none; "x-gzip" counts as "gzip";
//   - identity is acceptable unless the header gives it (or "*", when it is
//     not named) q=0, and ranks below every coding the header names unless it
//     is named itself;
//   - the highest q-value wins; on a tie the earlier offer wins, and identity
//     comes last.
//
// offered lists codings in the server's order of preference (EncodingBrotli
// before EncodingGzip). An empty header, or one that accepts nothing offered,
// gives EncodingIdentity: a body the client may not decode is worse than a
// larger one, and a 406 would break the page.
func Negotiate(acceptEncoding string, offered ...string) string {
	if acceptEncoding == "" || len(offered) == 0 {
		return EncodingIdentity
	}
	best, bestQ := EncodingIdentity, -1
	for _, coding := range offered {
		if q := qValue(acceptEncoding, coding); q > bestQ && q > 0 {
			best, bestQ = coding, q
		}
	}
	if q := qValue(acceptEncoding, EncodingIdentity); bestQ < 0 || q > bestQ {
		return EncodingIdentity
	}
	return best
}

// qValue returns the q-value (0 to 1000) header gives coding, or -1 when
// neither the coding nor "*" is listed. Unlisted identity gets the lowest
// positive value: acceptable, yet never preferred to a coding the client named.
func qValue(header, coding string) int {
	named, star := -1, -1
	for header != "" {
		var elem string
		elem, header, _ = strings.Cut(header, ",")
		name, params, _ := strings.Cut(elem, ";")
		name = strings.TrimSpace(name)
		q, ok := parseQ(params)
		if !ok {
			continue // a malformed element accepts nothing
		}
		switch {
		case name == "*":
			star = q
		case strings.EqualFold(name, coding) || coding == EncodingGzip && strings.EqualFold(name, "x-gzip"):
			named = max(named, q)
		}
	}
	switch {
	case named >= 0:
		return named
	case star >= 0:
		return star
	case coding == EncodingIdentity:
		return 1 // acceptable, but any listed coding ranks above it
	}
	return -1
}

// parseQ reads the parameters after a coding (";q=0.8"); no q parameter means
// q=1. It returns thousandths so comparisons stay exact.
func parseQ(params string) (int, bool) {
	for params != "" {
		var p string
		p, params, _ = strings.Cut(params, ";")
		key, value, found := strings.Cut(strings.TrimSpace(p), "=")
		if !found || !strings.EqualFold(strings.TrimSpace(key), "q") {
			continue
		}
		return parseQValue(strings.TrimSpace(value))
	}
	return 1000, true
}

// parseQValue parses qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ).
func parseQValue(v string) (int, bool) {
	if v == "" || (v[0] != '0' && v[0] != '1') {
		return 0, false
	}
	whole := int(v[0] - '0')
	frac := v[1:]
	if frac != "" {
		if frac[0] != '.' || len(frac) > 4 {
			return 0, false
		}
		frac = frac[1:]
	}
	n := 0
	for i := 0; i < 3; i++ {
		n *= 10
		if i < len(frac) {
			c := frac[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n += int(c - '0')
		}
	}
	q := whole*1000 + n
	return q, q <= 1000
}
