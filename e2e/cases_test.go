package e2e

import (
	"strconv"
	"time"
)

// callCase is one scenario: analytics calls a page makes, in order, and the
// exact log the stand-in RamenJS must end up with.
type callCase struct {
	name string
	// calls are JavaScript statements run in the page, in order.
	calls []string
	// want is the whole expected window.Ramen.received, boot first.
	want string
	// orders are key orders checked on top of the value comparison.
	orders []keyOrder
}

// optionsTimestamp is a fresh epoch-seconds value with a fraction, as the
// reference's own test used (new Date() / 1000).
var optionsTimestamp = strconv.FormatFloat(float64(time.Now().UnixMilli())/1000, 'f', -1, 64)

// Expected identify calls used by several cases.
const (
	identifyThisUser = `["identify",{"id":"this-user","traits":{}},{}]`
	identifySeven    = `["identify",{"id":"7","traits":{"a":1}},{}]`
	bareIdentify     = `["identify"]`
)

// callCases covers every public example of the reference's section 2, the
// seed's identify and group examples, the anonymous flow, secure-mode
// options, per-call disabling, reset and remembered traits. Expected values
// follow sections 2 and 2b of the reference.
var callCases = []callCase{
	// Section 2: the integration's public examples.
	{name: "identify with only an id",
		calls: []string{`analytics.identify('users-id')`},
		want:  received(`["identify",{"id":"users-id","traits":{}},{}]`)},
	{name: "identify with only an email",
		calls: []string{`analytics.identify('id', {email: 'email@example.com'})`},
		want:  received(`["identify",{"id":"id","email":"email@example.com","traits":{}},{}]`)},
	{name: "identify with email, name and a trait",
		calls: []string{`analytics.identify('id', {email: 'email@example.com', name: 'ryan+segment@ramen.is', is_friend: true})`},
		want:  received(`["identify",{"id":"id","email":"email@example.com","name":"ryan+segment@ramen.is","traits":{"is_friend":true}},{}]`)},
	{name: "identify with company traits",
		calls: []string{`analytics.identify('19', {email: 'email@example.com', name: 'ryan+segment@ramen.is',
			company: {name: 'Pied Piper, Inc.', url: 'http://piedpiper.com', id: '987',
				createdAt: '2009-02-13T23:31:30.000Z', is_friend: true, used_coupon_at: 1234567890}})`},
		want: received(`["identify",{"id":"19","email":"email@example.com","name":"ryan+segment@ramen.is",
			"company":{"name":"Pied Piper, Inc.","url":"http://piedpiper.com","id":"987","created_at":1234567890,
				"is_friend":true,"used_coupon_at":1234567890},"traits":{}},{}]`)},
	{name: "identify passes other traits with ISO dates as seconds",
		calls: []string{`analytics.identify('id', {email: 'email@example.com', name: 'ryan+segment@ramen.is',
			age: 32, score: 43.1, color: 'green', is_friend: true, became_maven_at: 1234567890,
			first_purchase_at: '2009-02-13T23:31:31.000Z', lastPurchaseAt: '2009-02-13T23:31:32.000Z'})`},
		want: received(`["identify",{"id":"id","email":"email@example.com","name":"ryan+segment@ramen.is",
			"traits":{"age":32,"score":43.1,"color":"green","is_friend":true,"became_maven_at":1234567890,
				"first_purchase_at":1234567891,"lastPurchaseAt":1234567892}},{}]`)},
	{name: "identify without an id sends nothing",
		calls: []string{`analytics.identify({a_trait: 11})`},
		want:  received()},
	{name: "group after identify",
		calls: []string{`analytics.identify('this-user')`, `analytics.group('id1')`},
		want:  received(identifyThisUser, `["group",{"id":"id1"}]`)},
	{name: "group before identify",
		calls: []string{`analytics.group('id1')`},
		want:  received(bareIdentify, `["group",{"id":"id1"}]`)},
	{name: "track after identify",
		calls: []string{`analytics.identify('this-user')`, `analytics.track('New Signup')`},
		want:  received(identifyThisUser, `["track","New Signup"]`)},
	{name: "track before identify",
		calls: []string{`analytics.track('New Signup', {plan: 'Startup'})`},
		want:  received(bareIdentify, `["track","New Signup"]`)},
	{name: "page after identify",
		calls: []string{`analytics.identify('this-user')`, `analytics.page()`},
		want:  received(identifyThisUser, `["page"]`)},
	{name: "page before identify",
		calls: []string{`analytics.page('Docs', 'Install', {title: 'ignored'})`},
		want:  received(bareIdentify, `["page"]`)},
	{name: "identify with integration options (secure mode)",
		calls: []string{`analytics.identify('id', {email: 'email@example.com', name: 'ryan+segment@ramen.is'},
			{integrations: {Ramen: {unknown_future_opt: '11', environment: 'staging',
				auth_hash_timestamp: ` + optionsTimestamp + `, auth_hash: 'authy_hasy',
				custom_links: [{href: 'https://ramen.is/support', title: 'Hello'}],
				user: {unknown_future_user_opt: 'user 11', labels: ['use', 'ramen!'],
					logged_in_url: 'https://align.ramen.is/manage'}}}})`},
		want: received(`["identify",{"id":"id","email":"email@example.com","name":"ryan+segment@ramen.is","traits":{}},
			{"unknown_future_opt":"11","environment":"staging","auth_hash":"authy_hasy",
				"custom_links":[{"href":"https://ramen.is/support","title":"Hello"}],
				"user":{"unknown_future_user_opt":"user 11","labels":["use","ramen!"],"logged_in_url":"https://align.ramen.is/manage"},
				"timestamp":` + optionsTimestamp + `}]`),
		orders: []keyOrder{{call: 1, arg: 2, keys: []string{
			"unknown_future_opt", "environment", "auth_hash", "custom_links", "user", "timestamp"}}}},
	{name: "legacy top-level Ramen options",
		calls: []string{`analytics.identify('id', {}, {Ramen: {auth_hash: 'authy_hasy', auth_hash_timestamp: 1234567890}})`},
		want:  received(`["identify",{"id":"id","traits":{}},{"auth_hash":"authy_hasy","timestamp":1234567890}]`)},

	// Key order: Segment's integration built user as id, email, created_at,
	// name, company, traits, whatever order the page wrote the traits in.
	{name: "user keys come in Segment's order",
		calls: []string{`analytics.identify('19', {plan: 'Startup', company: {id: '987', name: 'Pied Piper'},
			name: 'Ryan Angilly', createdAt: '2009-02-13T23:31:30.000Z', email: 'ryan@charturl.com'})`},
		want: received(`["identify",{"id":"19","email":"ryan@charturl.com","created_at":1234567890,"name":"Ryan Angilly",
			"company":{"id":"987","name":"Pied Piper"},"traits":{"plan":"Startup"}},{}]`),
		orders: []keyOrder{{call: 1, arg: 1, keys: []string{"id", "email", "created_at", "name", "company", "traits"}}}},

	// The seed page's examples.
	{name: "seed identify example",
		calls: []string{`analytics.identify('314159', {email: 'ryan@charturl.com', name: 'Ryan Angilly',
			created_at: 1234567890, is_profitable: true, plan: 'Startup', mrr: 149.99})`},
		want: received(`["identify",{"id":"314159","email":"ryan@charturl.com","created_at":1234567890,"name":"Ryan Angilly",
			"traits":{"is_profitable":true,"plan":"Startup","mrr":149.99}},{}]`)},
	{name: "seed group example",
		calls: []string{`analytics.group('314159', {name: 'Ryan Angilly', url: 'https://charturl.com',
			created_at: 1234567890, is_awesome: true, plan: 'Startup', mrr: 149.99})`},
		want: received(bareIdentify, `["group",{"name":"Ryan Angilly","url":"https://charturl.com","created_at":1234567890,
			"is_awesome":true,"plan":"Startup","mrr":149.99,"id":"314159"}]`)},
	{name: "seed secure mode example",
		calls: []string{`analytics.identify('42', {email: 'ryan@ramen.is', name: 'Ryan Angilly', createdAt: 1234567890},
			{integrations: {Ramen: {timestamp: 1234567890,
				auth_hash: '09cc0a69233f1bf41e68ed00b9256fde5a4542e9fdba635fe2a9a4edf9ee1ba1'}}})`},
		want: received(`["identify",{"id":"42","email":"ryan@ramen.is","created_at":1234567890,"name":"Ryan Angilly","traits":{}},
			{"timestamp":1234567890,"auth_hash":"09cc0a69233f1bf41e68ed00b9256fde5a4542e9fdba635fe2a9a4edf9ee1ba1"}]`)},

	// Finer points of section 2b.
	{name: "name from first and last name",
		calls: []string{`analytics.identify('n1', {firstName: 'Ryan', lastName: 'Angilly'})`},
		want:  received(`["identify",{"id":"n1","name":"Ryan Angilly","traits":{"firstName":"Ryan","lastName":"Angilly"}},{}]`)},
	{name: "ISO strings anywhere become seconds, other strings stay",
		calls: []string{`analytics.identify('d1', {plan_started: '2009-02-13T23:31:30Z', code: '20090213', zip: '12345',
			nested: {at: '2009-02-13T23:31:30.000Z', list: ['2009-02-13T23:31:30.000Z', 5]}, count: 1234567890123})`},
		want: received(`["identify",{"id":"d1","traits":{"plan_started":1234567890,"code":"20090213","zip":"12345",
			"nested":{"at":1234567890,"list":[1234567890,5]},"count":1234567890123}},{}]`)},

	// Anonymous visitors: one bare identify before the first page, track
	// or group of the page's life.
	{name: "anonymous page, track and group",
		calls: []string{`analytics.page()`, `analytics.track('Viewed Pricing')`, `analytics.group('g1', {name: 'Acme'})`},
		want:  received(bareIdentify, `["page"]`, `["track","Viewed Pricing"]`, `["group",{"name":"Acme","id":"g1"}]`)},
	{name: "anonymous then identified",
		calls: []string{`analytics.page()`, `analytics.identify('u1')`, `analytics.track('Clicked')`},
		want:  received(bareIdentify, `["page"]`, `["identify",{"id":"u1","traits":{}},{}]`, `["track","Clicked"]`)},
	{name: "mixed calls keep their order",
		calls: []string{`analytics.identify('u2', {email: 'u2@example.com'})`, `analytics.group('g2')`,
			`analytics.track('One')`, `analytics.page()`, `analytics.track('Two')`},
		want: received(`["identify",{"id":"u2","email":"u2@example.com","traits":{}},{}]`, `["group",{"id":"g2"}]`,
			`["track","One"]`, `["page"]`, `["track","Two"]`)},

	// Per-call disabling.
	{name: "identify with Ramen false sends nothing and does not identify",
		calls: []string{`analytics.identify('1', {email: 'a@example.com'}, {integrations: {Ramen: false}})`, `analytics.track('After')`},
		want:  received(bareIdentify, `["track","After"]`)},
	{name: "track with All false sends nothing",
		calls: []string{`analytics.track('Hidden', {}, {integrations: {All: false}})`, `analytics.track('Shown')`},
		want:  received(bareIdentify, `["track","Shown"]`)},
	{name: "track with All false and Ramen true is sent",
		calls: []string{`analytics.track('Both', {}, {integrations: {All: false, Ramen: true}})`},
		want:  received(bareIdentify, `["track","Both"]`)},
	{name: "identify with All false and Ramen true is sent",
		calls: []string{`analytics.identify('2', {plan: 'pro'}, {integrations: {All: false, Ramen: true}})`},
		want:  received(`["identify",{"id":"2","traits":{"plan":"pro"}},{}]`)},
	{name: "page and group with Ramen false send nothing",
		calls: []string{`analytics.page({title: 'T'}, {integrations: {Ramen: false}})`,
			`analytics.group('g3', {}, {integrations: {Ramen: false}})`, `analytics.page()`},
		want: received(bareIdentify, `["page"]`)},
	{name: "top-level Ramen false sends nothing",
		calls: []string{`analytics.track('Hidden', {}, {Ramen: false})`, `analytics.track('Shown')`},
		want:  received(bareIdentify, `["track","Shown"]`)},
	{name: "integration names are case-sensitive",
		calls: []string{`analytics.track('Lower', {}, {integrations: {ramen: false}})`},
		want:  received(bareIdentify, `["track","Lower"]`)},

	// Reset and remembered traits.
	{name: "reset starts the anonymous flow over",
		calls: []string{`analytics.identify('7', {a: 1})`, `analytics.reset()`, `analytics.page()`},
		want:  received(identifySeven, `["reset"]`, bareIdentify, `["page"]`)},
	{name: "identify with traits only uses the remembered id",
		calls: []string{`analytics.identify('7', {a: 1})`, `analytics.identify({b: 2})`},
		want:  received(identifySeven, `["identify",{"id":"7","traits":{"a":1,"b":2}},{}]`)},
	{name: "identifying the same id merges traits",
		calls: []string{`analytics.identify('7', {a: 1})`, `analytics.identify('7', {b: 2})`},
		want:  received(identifySeven, `["identify",{"id":"7","traits":{"a":1,"b":2}},{}]`)},
	{name: "a different id replaces the traits",
		calls: []string{`analytics.identify('7', {a: 1})`, `analytics.identify('8', {b: 2})`},
		want:  received(identifySeven, `["identify",{"id":"8","traits":{"b":2}},{}]`)},
	{name: "group remembers its id and traits",
		calls: []string{`analytics.group('g', {a: 1})`, `analytics.group({b: 2})`},
		want:  received(bareIdentify, `["group",{"a":1,"id":"g"}]`, `["group",{"a":1,"b":2,"id":"g"}]`)},
}
