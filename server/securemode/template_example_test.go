package securemode_test

import (
	"fmt"
	"html/template"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"ramendest/server/securemode"
)

// identifyTemplate renders a secure-mode identify call into a page. In a
// <script> element html/template writes each value as a JavaScript value
// (strings quoted and escaped, the Options struct as a JSON object), so a
// user's name can never break out of the script.
const identifyTemplate = `<script>
  analytics.identify({{.User.ID}}, {
    email: {{.User.Email}},
    name: {{.User.Name}}
  }, {
    integrations: {Ramen: {{.Ramen}}}
  });
</script>
`

var identifyPage = template.Must(template.New("identify").Parse(identifyTemplate))

// renderIdentify signs the same id, email and name the page sends, at render
// time, and renders them with the options. In a handler:
// renderIdentify(w, user, os.Getenv("RAMEN_SECURE_MODE_SECRET"), time.Now()).
func renderIdentify(w io.Writer, user securemode.User, secret string, now time.Time) error {
	opts, err := securemode.Sign(user, secret, now)
	if err != nil {
		return fmt.Errorf("secure-mode options for user %q: %w", user.ID, err) // empty secret or user id
	}
	return identifyPage.Execute(w, struct {
		User  securemode.User
		Ramen securemode.Options
	}{user, opts})
}

// The Go counterpart of Ramen's Ruby secure-mode example (README's recipe);
// the fixed secret and time reproduce Ramen's known vector.
func Example_htmlTemplate() {
	user := securemode.User{ID: "42", Email: "ryan@ramen.is", Name: "Ryan Angilly"}
	if err := renderIdentify(os.Stdout, user, "oihs9uhasdg8934y8", time.Unix(1234567890, 0)); err != nil {
		fmt.Println(err)
	}
	// Output:
	// <script>
	//   analytics.identify("42", {
	//     email: "ryan@ramen.is",
	//     name: "Ryan Angilly"
	//   }, {
	//     integrations: {Ramen: {"timestamp":1234567890,"auth_hash":"09cc0a69233f1bf41e68ed00b9256fde5a4542e9fdba635fe2a9a4edf9ee1ba1"}}
	//   });
	// </script>
}

func TestRenderIdentifyEscapesAndRefuses(t *testing.T) {
	var b strings.Builder
	user := securemode.User{ID: "1", Email: "a@b.co", Name: "</script><script>alert(1)</script>"}
	if err := renderIdentify(&b, user, "s", time.Unix(1700000000, 0)); err != nil {
		t.Fatal(err)
	}
	if strings.Count(b.String(), "</script>") != 1 {
		t.Errorf("a name broke out of the script:\n%s", b.String())
	}
	for _, u := range []struct {
		user   securemode.User
		secret string
	}{{securemode.User{ID: "1"}, ""}, {securemode.User{}, "s"}} {
		b.Reset()
		if err := renderIdentify(&b, u.user, u.secret, time.Now()); err == nil || b.Len() != 0 {
			t.Errorf("rendered %q for %+v with secret %q; want an error and nothing written", b.String(), u.user, u.secret)
		}
	}
}
