package translate

import (
	"ramendest/wasm/diag"
	"ramendest/wasm/jsonv"
)

// objectField copies an object-valued field (traits): a missing or falsy field is {}.
// Any other value made the reference integration throw (or send garbage), so ok is
// false and the call is dropped with a warning.
func objectField(f facade, key string) (obj *jsonv.Object, ok bool, diags []diag.Diagnostic) {
	v := f.field(key)
	if o, isObj := v.(*jsonv.Object); isObj && o != nil {
		return jsonv.Clone(o).(*jsonv.Object), true, nil
	}
	if !jsonv.Truthy(v) {
		return jsonv.NewObject(), true, nil
	}
	return nil, false, []diag.Diagnostic{{Code: CodeTraitsNotObject, Level: diag.Warn,
		Message: "This call was not sent to Ramen: its " + key + " are not an object (Segment's Ramen integration failed on such calls). Pass " + key + " as an object of name → value."}}
}

// identify follows the reference integration's identify: Ramen's user is {id, email,
// created_at, name, company, traits}, every Date in it epoch seconds, and the second
// argument is the call's Ramen options with auth_hash_timestamp renamed to timestamp.
func (t *Translator) identify(f facade) ([]Call, []diag.Diagnostic) {
	userID := f.field("userId")
	if !jsonv.Truthy(userID) {
		return nil, []diag.Diagnostic{{Code: CodeIdentifyNoUserID, Level: diag.Info,
			Message: "identify was ignored: it has no user id, and Ramen identifies logged-in users by id. Pass the user's id as the first argument; page, track and group already work for anonymous visitors."}}
	}
	// The Identify facade's traits(): a copy with id set to the user id.
	traits, ok, diags := objectField(f, "traits")
	if !ok {
		return nil, diags
	}
	traits.Set("id", userID)
	opts := f.integrationOptions(Name)
	if opts == nil {
		// alias(null) threw inside the reference integration: nothing reached Ramen.
		return nil, append(diags, diag.Diagnostic{Code: CodeIdentifyOptionsNull, Level: diag.Warn,
			Message: "identify was not sent: its Ramen options (integrations.Ramen) are null, which made Segment's Ramen integration fail. Pass an object such as {auth_hash, timestamp}, or leave Ramen out."})
	}

	user := jsonv.NewObject()
	user.Set("id", userID)
	if email := get(traits, "email"); jsonv.Truthy(email) {
		user.Set("email", email)
	}
	if created := t.created(traits); created != nil {
		user.Set("created_at", *created)
	}
	if name := identifyName(traits); name != "" {
		user.Set("name", name)
	}
	if company, ok := get(traits, "company").(*jsonv.Object); ok && company != nil && jsonv.Truthy(get(company, "id")) {
		user.Set("company", companyOf(company))
	}
	for _, k := range []string{"email", "name", "id", "created", "createdAt", "company"} {
		del(traits, k)
	}
	user.Set("traits", traits)
	if containsInvalidDate(user) {
		diags = append(diags, invalidDate("identify"))
	}

	converted := convertDates(user).(*jsonv.Object)
	userTraits, _ := get(converted, "traits").(*jsonv.Object)
	rename(userTraits, "createdAt", "created")
	rename(userTraits, "created", "created_at")

	second := jsonv.Clone(opts)
	if o, ok := second.(*jsonv.Object); ok {
		rename(o, "auth_hash_timestamp", "timestamp")
	}
	t.identified = true
	return []Call{{Method: "identify", Args: []any{converted, second}}}, diags
}

// created is the Identify facade's created(): the loosely matched created, else
// createdAt (which also finds created_at), read with new-date; nil when falsy.
func (t *Translator) created(traits *jsonv.Object) *jsonv.Date {
	v := find(traits, "created")
	if !jsonv.Truthy(v) {
		v = find(traits, "createdAt")
	}
	if !jsonv.Truthy(v) {
		return nil
	}
	d := newDate(v, t.opts.TZOffsetMinutes, t.opts.ParseDate)
	return &d
}

// identifyName is the Identify facade's name(): a string name trait, trimmed (even to
// nothing), else first and last name when both are non-empty strings after trimming.
func identifyName(traits *jsonv.Object) string {
	if name, ok := find(traits, "name").(string); ok {
		return jsTrim(name)
	}
	first, ok1 := find(traits, "firstName").(string)
	last, ok2 := find(traits, "lastName").(string)
	if !ok1 || !ok2 {
		return ""
	}
	first, last = jsTrim(first), jsTrim(last)
	if first == "" || last == "" {
		return ""
	}
	return jsTrim(first + " " + last)
}

// companyOf copies the company trait with its creation time under created_at. The
// reference's alias step let createdAt win when both were present; measured
// behaviour (reference section 2b) is that created wins, and that is what this does.
func companyOf(company *jsonv.Object) *jsonv.Object {
	c := jsonv.Clone(company).(*jsonv.Object)
	switch {
	case hasDefined(c, "created"):
		v, _ := c.Get("created")
		c.Set("created_at", v)
	case hasDefined(c, "createdAt"):
		v, _ := c.Get("createdAt")
		c.Set("created_at", v)
	}
	// created_at keeps its own place if it had one; otherwise it was appended above,
	// after the keys being removed, as alias's set-then-delete does.
	if hasDefined(c, "created") || hasDefined(c, "createdAt") {
		c.Delete("created")
		c.Delete("createdAt")
	}
	return c
}

func invalidDate(call string) diag.Diagnostic {
	return diag.Diagnostic{Code: CodeInvalidDate, Level: diag.Warn,
		Message: "A date in this " + call + " call is not a valid date, so Ramen receives null for it. Pass a Date, epoch seconds or an ISO-8601 string."}
}
