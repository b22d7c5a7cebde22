package translate

import (
	"ramendest/wasm/diag"
	"ramendest/wasm/jsonv"
)

// group builds Ramen's company the way the reference did with the Group facade's
// traits({createdAt: 'created', created: 'created_at'}) plus id = groupId — but with
// every Date as epoch seconds (the reference passed Date objects through here; this
// project sends what identify sends).
func (t *Translator) group(f facade) (*jsonv.Object, bool, []diag.Diagnostic) {
	// The facade read group traits from traits, else properties.
	source := "traits"
	if !jsonv.Truthy(f.field("traits")) && jsonv.Truthy(f.field("properties")) {
		source = "properties"
	}
	company, ok, diags := objectField(f, source)
	if !ok {
		return nil, false, diags
	}
	// Lookups see the traits as they were, before the renames below.
	original := f.field(source)
	groupID := f.field("groupId")
	if jsonv.Truthy(groupID) {
		company.Set("id", groupID)
	}

	// First alias: the loosely found createdAt (created_at too) moves to "created".
	if v := find(original, "createdAt"); !isNullish(v) {
		company.Set("created", v)
		company.Delete("createdAt")
	}
	// Second alias: the Group facade's created() — createdAt, else created, read with
	// new-date — becomes created_at.
	created := find(original, "createdAt")
	if !jsonv.Truthy(created) {
		created = find(original, "created")
	}
	if jsonv.Truthy(created) {
		company.Set("created_at", newDate(created, t.opts.TZOffsetMinutes, t.opts.ParseDate))
		company.Delete("created")
	}
	if containsInvalidDate(company) {
		diags = append(diags, invalidDate("group"))
	}
	return convertDates(company).(*jsonv.Object), true, diags
}
