package e2e

import (
	"encoding/json"
	"html/template"
	"strconv"
	"strings"
	"testing"
	"time"

	"ramendest/e2e/internal/browser"
	"ramendest/server/securemode"
)

// identifyTemplate is README's html/template recipe: the customer's server
// renders a secure-mode identify into the page.
var identifyTemplate = template.Must(template.New("identify").Parse(`<script>
  analytics.identify({{.User.ID}}, {
    email: {{.User.Email}},
    name: {{.User.Name}}
  }, {
    integrations: {Ramen: {{.Ramen}}}
  });
</script>
`))

// The user the secure-mode pages identify.
var smUser = securemode.User{ID: "42", Email: "ryan@ramen.is", Name: "Ryan Angilly"}

// console messages the tests look for.
const (
	warning     = "warning"
	destination = "[Ramen destination] "
	standinMsg  = "[Ramen stand-in] "
)

type consoleWant struct{ typ, prefix string }

// smCase is one cause of a Ramen answer: the calls a page makes, the answers
// the stand-in service gives, and the console lines that name the cause.
type smCase struct {
	name string
	page smPage
	// calls run once the translator is up.
	calls   string
	answers []answer // status and code of each answer, in order
	console []consoleWant
}

// identifyJS writes analytics.identify(id, traits, {integrations: {Ramen: ramen}}).
func identifyJS(id string, traits, ramen map[string]any) string {
	t, _ := json.Marshal(traits)
	if ramen == nil {
		return "analytics.identify(" + jsString(id) + ", " + string(t) + ");"
	}
	r, _ := json.Marshal(ramen)
	return "analytics.identify(" + jsString(id) + ", " + string(t) + ", {integrations: {Ramen: " + string(r) + "}});"
}

// editOrg replaces the organization id in a pasted snippet.
func editOrg(from, to string) func(string) string {
	return func(snippet string) string {
		return strings.Replace(snippet, `"organization_id":"`+from+`"`, `"organization_id":"`+to+`"`, 1)
	}
}

func smCases() []smCase {
	ts := time.Now().Unix()
	user := map[string]any{"email": smUser.Email, "name": smUser.Name}
	hash := func(name string, ts int64) string {
		return securemode.AuthHash(smUser.Email, smUser.ID, name, ts, smSecret)
	}
	stale := int64(1234567890) // the documentation's timestamp, pasted as is
	return []smCase{
		{name: "invalid email", page: smPage{writeKey: smOpen},
			calls:   identifyJS("42", map[string]any{"email": "Ryan Angilly"}, nil),
			answers: []answer{{Status: 401, Code: "email_invalid"}},
			console: []consoleWant{{warning, destination + "email_invalid: "}, {warning, standinMsg + "401 email_invalid: "}}},
		{name: "missing user id", page: smPage{writeKey: smOpen},
			// The destination never sends an identify without a user id (and says
			// so in debug mode); a page calling RamenJS directly gets Ramen's 401.
			calls: `analytics.debug(true); analytics.identify({email: 'ryan@ramen.is'});
				window._ramen.identify({email: 'ryan@ramen.is'}, {});`,
			answers: []answer{{Status: 401, Code: "identify_no_user_id"}},
			console: []consoleWant{{"info", destination + "identify_no_user_id: "}, {warning, standinMsg + "401 identify_no_user_id: "}}},
		{name: "secure mode on, no timestamp and no hash", page: smPage{writeKey: smSecure},
			calls:   identifyJS("42", user, nil),
			answers: []answer{{Status: 401, Code: "secure_mode_missing"}},
			console: []consoleWant{{warning, standinMsg + "401 secure_mode_missing: "}}},
		{name: "secure mode on, hash without timestamp", page: smPage{writeKey: smSecure},
			calls:   identifyJS("42", user, map[string]any{"auth_hash": hash(smUser.Name, ts)}),
			answers: []answer{{Status: 401, Code: "secure_mode_timestamp_missing"}},
			console: []consoleWant{{warning, destination + "secure_mode_timestamp_missing: "}, {warning, standinMsg + "401 secure_mode_timestamp_missing: "}}},
		{name: "secure mode on, timestamp without hash", page: smPage{writeKey: smSecure},
			calls:   identifyJS("42", user, map[string]any{"auth_hash_timestamp": ts}),
			answers: []answer{{Status: 401, Code: "secure_mode_auth_hash_missing"}},
			console: []consoleWant{{warning, destination + "secure_mode_auth_hash_missing: "}, {warning, standinMsg + "401 secure_mode_auth_hash_missing: "}}},
		{name: "stale (hard-coded) timestamp", page: smPage{writeKey: smSecure},
			calls:   identifyJS("42", user, map[string]any{"timestamp": stale, "auth_hash": hash(smUser.Name, stale)}),
			answers: []answer{{Status: 401, Code: "secure_mode_timestamp_stale"}},
			console: []consoleWant{{warning, destination + "secure_mode_timestamp_stale: "}, {warning, standinMsg + "401 secure_mode_timestamp_stale: "}}},
		{name: "timestamp in milliseconds", page: smPage{writeKey: smSecure},
			calls:   identifyJS("42", user, map[string]any{"timestamp": ts * 1000, "auth_hash": hash(smUser.Name, ts*1000)}),
			answers: []answer{{Status: 401, Code: "secure_mode_timestamp_in_future"}},
			console: []consoleWant{{warning, destination + "secure_mode_timestamp_in_future: "}, {warning, standinMsg + "401 secure_mode_timestamp_in_future: "}}},
		{name: "wrong hash (over another name)", page: smPage{writeKey: smSecure},
			calls:   identifyJS("42", user, map[string]any{"timestamp": ts, "auth_hash": hash("Ryan", ts)}),
			answers: []answer{{Status: 401, Code: "secure_mode_auth_hash_mismatch"}},
			console: []consoleWant{{warning, standinMsg + "401 secure_mode_auth_hash_mismatch: "}}},
		{name: "malformed hash", page: smPage{writeKey: smSecure},
			calls:   identifyJS("42", user, map[string]any{"timestamp": ts, "auth_hash": "authy_hasy"}),
			answers: []answer{{Status: 401, Code: "secure_mode_auth_hash_mismatch"}},
			console: []consoleWant{{warning, destination + "secure_mode_auth_hash_malformed: "}, {warning, standinMsg + "401 secure_mode_auth_hash_mismatch: "}}},
		{name: "unknown organization id", page: smPage{writeKey: smOpen, editSnippet: editOrg(smOpenOrg, "7100009")},
			calls:   identifyJS("42", user, nil),
			answers: []answer{{Status: 404, Code: "unknown_organization"}},
			console: []consoleWant{{warning, standinMsg + "404 unknown_organization: "}}},
		{name: "empty organization id", page: smPage{writeKey: smOpen, editSnippet: editOrg(smOpenOrg, "")},
			calls:   identifyJS("42", user, nil),
			answers: []answer{{Status: 404, Code: "unknown_organization"}},
			console: []consoleWant{{warning, destination + "organization_id_empty: "}, {warning, standinMsg + "404 unknown_organization: "}}},
	}
}

// TestSecureModeCauses drives each cause of a Ramen 401 and 404 through a real
// page: the stand-in service answers with the matching status and code, and
// the console names the cause (the destination's diagnostic where the browser
// can tell, the stand-in's warning always).
func TestSecureModeCauses(t *testing.T) {
	for _, c := range smCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			tab := newTab(t)
			tab.Navigate(c.page.url(t))
			waitTranslator(t, tab)
			tab.Exec(c.calls)
			got := waitAnswers(t, tab, len(c.answers))
			for i, want := range c.answers {
				if got[i].Status != want.Status || got[i].Code != want.Code || got[i].Service != "stand-in" || got[i].Reason == "" {
					t.Errorf("answer %d = %+v, want status %d code %s with a reason", i, got[i], want.Status, want.Code)
				}
			}
			for _, w := range c.console {
				waitConsole(t, tab, w.typ, w.prefix)
			}
			checkDestinationWarnings(t, tab, c.console)
		})
	}
}

// checkDestinationWarnings fails when the destination printed a warning the
// case does not expect.
func checkDestinationWarnings(t *testing.T, tab *browser.Tab, want []consoleWant) {
	t.Helper()
next:
	for _, m := range tab.Console() {
		if m.Type != warning || !strings.HasPrefix(m.Text, destination) {
			continue
		}
		for _, w := range want {
			if strings.HasPrefix(m.Text, w.prefix) {
				continue next
			}
		}
		t.Errorf("unexpected destination warning: %s", m.Text)
	}
}

// TestSecureModeAccepted renders the identify with README's html/template
// recipe, signed now with the source's development secret: the stand-in
// service answers 200 and nothing warns.
func TestSecureModeAccepted(t *testing.T) {
	t.Parallel()
	opts, err := securemode.Sign(smUser, smSecret, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	var head strings.Builder
	if err := identifyTemplate.Execute(&head, struct {
		User  securemode.User
		Ramen securemode.Options
	}{smUser, opts}); err != nil {
		t.Fatal(err)
	}
	tab := newTab(t)
	tab.Navigate(smPage{writeKey: smSecure, head: head.String()}.url(t))
	waitTranslator(t, tab)
	got := waitAnswers(t, tab, 1)
	if got[0].Status != 200 || got[0].Code != "" || got[0].Service != "stand-in" {
		t.Errorf("answer %+v, want 200", got[0])
	}
	want := `["identify",{"id":"42","email":"ryan@ramen.is","name":"Ryan Angilly","traits":{}},` +
		`{"timestamp":` + strconv.FormatInt(opts.Timestamp, 10) + `,"auth_hash":"` + opts.AuthHash + `"}]`
	log := waitReceived(t, tab, 2, `[boot, identify]`)
	compareReceived(t, tab, `[["boot","`+smSecureOrg+`",{"organization_id":"`+smSecureOrg+`"}],`+want+`]`, log)
	time.Sleep(settle)
	if n := consoleCount(tab, warning, destination) + consoleCount(tab, warning, standinMsg); n != 0 {
		t.Errorf("%d warnings for a valid secure identify\n%s", n, tab.Diagnostics())
	}
}

// TestWrongHashPageKeepsWorking makes a page whose secure-mode hash is wrong:
// Ramen (the stand-in) refuses the identify, and the page goes on: no
// uncaught exception (the tab fails the test on one), later calls still
// reach RamenJS, and a corrected identify is accepted.
func TestWrongHashPageKeepsWorking(t *testing.T) {
	t.Parallel()
	ts := time.Now().Unix()
	user := map[string]any{"email": smUser.Email, "name": smUser.Name}
	wrong := securemode.AuthHash(smUser.Email, smUser.ID, smUser.Name, ts, "not-the-secret")
	right := securemode.AuthHash(smUser.Email, smUser.ID, smUser.Name, ts, smSecret)
	tab := newTab(t)
	// The wrong identify is made before the bundle is ready, as a page would.
	tab.Navigate(smPage{writeKey: smSecure, head: "<script>" + identifyJS("42", user, map[string]any{"timestamp": ts, "auth_hash": wrong}) + "</script>"}.url(t))
	waitTranslator(t, tab)
	tab.Exec(`analytics.track('After the 401'); analytics.page(); document.body.setAttribute('data-alive', 'yes');`)
	tab.Exec(identifyJS("42", user, map[string]any{"timestamp": ts, "auth_hash": right}))
	got := waitAnswers(t, tab, 2)
	if got[0].Status != 401 || got[0].Code != "secure_mode_auth_hash_mismatch" || got[1].Status != 200 {
		t.Errorf("answers %+v, want 401 secure_mode_auth_hash_mismatch then 200", got)
	}
	log := waitReceived(t, tab, 5, "boot, identify, track, page, identify")
	var calls [][]any
	if err := json.Unmarshal([]byte(log), &calls); err != nil {
		t.Fatal(err)
	}
	var methods []string
	for _, c := range calls {
		methods = append(methods, c[0].(string))
	}
	if strings.Join(methods, ",") != "boot,identify,track,page,identify" {
		t.Errorf("RamenJS received %v, want boot, identify, track, page, identify", methods)
	}
	var alive string
	if err := tab.Eval(`document.body.getAttribute('data-alive')`, &alive); err != nil || alive != "yes" {
		t.Errorf("the page stopped working: %q %v", alive, err)
	}
	waitConsole(t, tab, warning, standinMsg+"401 secure_mode_auth_hash_mismatch: ")
}

// TestDiagnosticsWarnPerCause checks the console stays readable: the same
// cause repeated warns once, while a new problem with the same code (another
// bad email) warns again.
func TestDiagnosticsWarnPerCause(t *testing.T) {
	t.Parallel()
	tab := newTab(t)
	tab.Navigate(smPage{writeKey: smOpen}.url(t))
	waitTranslator(t, tab)
	tab.Exec(`analytics.identify('1', {email: 'Ryan'}); analytics.identify('1', {email: 'Ryan'}); analytics.identify('1', {email: 'Ryan'});`)
	tab.Exec(`analytics.identify('1', {email: 'ryan at ramen'});`)
	waitAnswers(t, tab, 4)
	time.Sleep(settle)
	for _, c := range []struct {
		prefix string
		want   int
	}{
		{destination + `email_invalid: The email trait "Ryan"`, 1},
		{destination + `email_invalid: The email trait "ryan at ramen"`, 1},
	} {
		if n := consoleCount(tab, warning, c.prefix); n != c.want {
			t.Errorf("%d warnings starting %q, want %d\n%s", n, c.prefix, c.want, tab.Diagnostics())
		}
	}
}

// TestStandinServiceOff loads the stand-in RamenJS from a server whose
// stand-in service is off (the suite's asset server has no standin block):
// the first identify learns it from the 404 without a code, nothing warns,
// and later identifies are not posted at all.
func TestStandinServiceOff(t *testing.T) {
	t.Parallel()
	tab := newTab(t)
	tab.Navigate(pageURL(t, pageSpec{snippet: snippetSrc}))
	waitTranslator(t, tab)
	tab.Exec(`analytics.identify('1', {email: 'not an email'});`)
	got := waitAnswers(t, tab, 1)
	if got[0].Status != 404 || got[0].Service != "disabled" || got[0].Code != "" {
		t.Errorf("answer %+v, want a quiet 404 (service disabled)", got[0])
	}
	tab.Exec(`analytics.identify('2', {email: 'b@example.com'});`)
	waitReceived(t, tab, 3, "boot, identify, identify")
	time.Sleep(3 * settle)
	var n int
	if err := tab.Eval(`window.Ramen.answers.length`, &n); err != nil || n != 1 {
		t.Errorf("%d answers after the service was found off, want 1 (%v)", n, err)
	}
	if c := consoleCount(tab, "", standinMsg+"40"); c != 0 {
		t.Errorf("the stand-in warned about a disabled service\n%s", tab.Diagnostics())
	}
}
