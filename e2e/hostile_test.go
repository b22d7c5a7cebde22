package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"ramendest/e2e/internal/browser"
)

// hostileCase is one kind of bad input: JavaScript statements that call
// analytics with it. None of them may throw into the page.
type hostileCase struct {
	name string
	js   string
}

// hostileCases are the bad inputs a customer's page can hand the snippet.
var hostileCases = []hostileCase{
	{"circular object", `const o = {a: 1}; o.self = o; analytics.identify('h1', o);`},
	{"circular array", `const a = [1]; a.push(a); analytics.track('Circular', {list: a});`},
	{"mutual cycle", `const a = {}, b = {a}; a.b = b; analytics.group('g1', {name: 'G', a});`},
	{"throwing getter in traits", `analytics.identify('h2', {get email() { throw new Error('getter boom'); }, plan: 'pro'});`},
	{"throwing getter in options", `analytics.track('Opts', {}, {get integrations() { throw new Error('opts boom'); }});`},
	{"throwing toJSON", `analytics.track('ToJSON', {when: {toJSON() { throw new Error('toJSON boom'); }}});`},
	{"toJSON returning itself and fresh objects", `const s = {toJSON() { return this; }};
		const f = {toJSON() { return {toJSON: f.toJSON}; }};
		analytics.track('SelfJSON', {s, f});`},
	{"Proxy with throwing traps", `analytics.identify('h3', new Proxy({}, {
		ownKeys() { throw new Error('ownKeys boom'); }, get() { throw new Error('get boom'); },
		getPrototypeOf() { throw new Error('proto boom'); }}));`},
	{"Proxy with a throwing get trap", `analytics.track('Proxied', new Proxy({a: 1, b: 2}, {get() { throw new Error('get boom'); }}));`},
	{"revoked Proxy as traits", `const r = Proxy.revocable({}, {}); r.revoke(); analytics.identify('h4', r.proxy);`},
	{"revoked Proxy as user id and event name", `const r = Proxy.revocable([], {}); r.revoke();
		analytics.identify(r.proxy, {a: 1}); analytics.track(r.proxy); analytics.page(r.proxy, r.proxy);`},
	{"BigInt values", `analytics.identify('h5', {big: 10n ** 30n, createdAt: 1n, company: {id: 2n}});`},
	{"BigInt as user id and group id", `analytics.identify(12345678901234567890n); analytics.group(-1n);`},
	{"Symbol values", `analytics.track('Sym', {s: Symbol('x'), list: [Symbol.iterator]});`},
	{"Symbol keys", `analytics.identify('h6', {[Symbol('k')]: 1, [Symbol.toPrimitive]() { throw new Error('prim'); }, plain: 2});`},
	{"Symbol as event name and user id", `analytics.track(Symbol('event')); analytics.identify(Symbol('id'), {a: 1});`},
	{"functions as values", `analytics.identify('h7', {fn() {}, arrow: () => 1, cls: class {}, name: function n() {}});`},
	{"function as event name", `analytics.track(function named() {}); analytics.page(() => {}, () => {});`},
	{"NaN and Infinity", `analytics.identify('h8', {n: NaN, i: Infinity, m: -Infinity, z: -0, createdAt: NaN});
		analytics.track(NaN, {v: Infinity});`},
	{"invalid Dates", `analytics.identify('h9', {createdAt: new Date('nope'), d: new Date(NaN)});
		analytics.group('g2', {createdAt: new Date(8.64e15 + 1)}); analytics.track(new Date('x'));`},
	{"hostile Date", `const d = new Date(0); d.getTime = () => { throw new Error('getTime'); };
		d.toJSON = () => { throw new Error('toJSON'); }; d.toISOString = d.toJSON;
		analytics.identify('h10', {createdAt: d, company: {id: 'c', createdAt: d}});`},
	{"fake Date", `analytics.identify('h11', {createdAt: {[Symbol.toStringTag]: 'Date', valueOf() { throw new Error('valueOf'); }}});`},
	{"1 MB string value", `analytics.track('Big', {blob: 'x'.repeat(1 << 20)});`},
	{"1 MB event name and user id", `analytics.track('e'.repeat(1 << 20)); analytics.identify('u'.repeat(1 << 20), {a: 1});`},
	{"1 MB key", `analytics.identify('h12', {['k'.repeat(1 << 20)]: 1});`},
	{"10,000 keys", `const o = {}; for (let i = 0; i < 10000; i++) o['k' + i] = i; analytics.identify('h13', o);
		analytics.track('Wide', o);`},
	{"1,000-deep objects", `let o = {}; for (let i = 0; i < 1000; i++) o = {o}; analytics.identify('h14', {deep: o});`},
	{"1,000-deep arrays", `let a = []; for (let i = 0; i < 1000; i++) a = [a]; analytics.track('Deep', {a}); analytics.page(a, a);`},
	{"__proto__ keys", `analytics.identify('h15', JSON.parse('{"__proto__": {"polluted": "yes"}, "a": 1}'));
		analytics.group('g3', JSON.parse('{"__proto__": {"polluted": "yes"}, "company": {"__proto__": {"polluted": "yes"}}}'));`},
	{"constructor and prototype keys", `analytics.identify('h16', {constructor: {prototype: {polluted: 'yes'}},
		prototype: {polluted: 'yes'}, toString: 'x', hasOwnProperty: 'y', valueOf: 1});`},
	{"prototype-pollution keys in options", `analytics.track('OptsProto', {}, JSON.parse(
		'{"integrations": {"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}, "__proto__": {"Ramen": false}}'));`},
	{"objects without a prototype", `const o = Object.create(null); o.email = 'np@example.com';
		analytics.identify('h17', o, Object.create(null));`},
	{"null and undefined everywhere", `analytics.identify(null, null, null, null); analytics.track(undefined, undefined);
		analytics.group(null); analytics.page(null, null, null, null, null);`},
	{"no arguments", `analytics.identify(); analytics.group(); analytics.track(); analytics.page(); analytics.ready(); analytics.debug(false);`},
	{"too many arguments", `analytics.track('Many', {}, {}, () => {}, 1, 2, 3, 'x', {}, [], null);
		analytics.identify('h18', {}, {}, () => {}, () => {}, 5);`},
	{"wrong argument types", `analytics.identify(42, 'traits', 7); analytics.track({}, 'props', []);
		analytics.group([], 5); analytics.page(1, 2, 3, 4); analytics.identify(true); analytics.group(false);`},
	{"arrays instead of objects", `analytics.identify('h19', [1, 2, 3], ['opts']); analytics.track('Arr', [1, {a: 1}], [2]);`},
	{"exotic objects", `analytics.track('Exotic', {map: new Map([[1, 2]]), set: new Set([1]), weak: new WeakMap(),
		buf: new ArrayBuffer(8), typed: new Uint8Array(4), re: /x/g, err: new Error('e'), promise: Promise.resolve(1),
		url: new URL('https://x.example/'), boxed: [new Number(1), new String('s'), new Boolean(false), Object(1n), Object(Symbol())]});`},
	{"DOM objects", `analytics.track('DOM', {body: document.body, win: window, doc: document, ev: new Event('x'),
		list: document.querySelectorAll('*')});`},
	{"odd strings", `analytics.identify('\uD800', {lone: '\uDFFF', nul: 'a\u0000b', ['\u0000key']: 1, bidi: '\u202E',
		email: '\u0000@\uD800'}); analytics.track('\u0000');`},
	{"extreme numbers", `analytics.identify('h20', {max: Number.MAX_VALUE, tiny: Number.MIN_VALUE, unsafe: 2 ** 60,
		createdAt: 1e300, company: {id: 1e21, createdAt: -1e300}});`},
	{"sparse array with a million slots", `const a = []; a.length = 1e6; analytics.track('Sparse', {a});`},
	{"throwing callbacks", `analytics.track('CB', {}, {}, () => { throw new Error('callback boom'); });
		analytics.ready(() => { throw new Error('ready boom'); });`},
	{"re-entrant getter", `analytics.track('Reenter', {get x() { analytics.track('Inner'); return 1; }});`},
	{"getter that mutates its object", `const o = {a: 1, get b() { delete o.c; o.z = 1; return 2; }, c: 3};
		analytics.identify('h21', o);`},
	{"odd ready and debug arguments", `analytics.ready('not a function'); analytics.ready({}); analytics.debug('yes');
		analytics.debug({}); analytics.debug(false);`},
	{"unbound and constructed methods", `const t = analytics.track; t('Unbound'); new analytics.page('New');
		analytics.identify.call(null, 'h22'); analytics.group.apply(undefined, ['g4']);`},
	{"frozen and sealed objects", `analytics.identify('h23', Object.freeze({a: Object.freeze([1]), b: Object.seal({c: 1})}));`},
	{"integrations of wrong types", `analytics.track('I1', {}, {integrations: 'Ramen'});
		analytics.track('I2', {}, {integrations: {Ramen: 'maybe', All: 'no'}});
		analytics.identify('h24', {}, {integrations: {Ramen: {auth_hash_timestamp: {}, auth_hash: 5}}});
		analytics.identify('h25', {}, {integrations: [1, 2]});`},
}

// Warning codes the glue must print (once) for the cases above.
var hostileWarningCodes = []string{
	"value_cycle", "value_getter_threw", "value_unreadable", "value_too_deep", "value_tojson_threw", "callback_threw",
}

// hostileSetup records the prototypes' own keys before any destination code
// runs, to detect pollution later.
const hostileSetup = `
window.__protoBaseline = {
	object: Object.getOwnPropertyNames(Object.prototype).join(),
	array: Object.getOwnPropertyNames(Array.prototype).join(),
	fn: Object.getOwnPropertyNames(Function.prototype).join(),
};
`

// hostileScript runs every case, each followed by a valid marker call.
func hostileScript(round int) string {
	var b strings.Builder
	for _, c := range hostileCases {
		fmt.Fprintf(&b, "(function () {\n%s\n})();\nanalytics.track(%s);\n", c.js, jsString(marker(round, c.name)))
	}
	return b.String()
}

func marker(round int, name string) string { return fmt.Sprintf("after %d %s", round, name) }

// TestHostileInput drives every hostile case through the snippet's queue
// (before the bundle is ready) and through the running destination, twice,
// and checks: nothing throws into the page, every later valid call arrives
// in order, the page still works, no prototype is polluted, and each cause
// is warned about once, not once per call.
func TestHostileInput(t *testing.T) {
	if len(hostileCases) < 30 {
		t.Fatalf("only %d hostile cases; the suite promises at least 30", len(hostileCases))
	}
	for _, early := range []bool{true, false} {
		name := "running destination"
		if early {
			name = "queued before ready"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			tab := newTab(t)
			script := hostileSetup
			if early {
				script += hostileScript(1)
			}
			page := faultPage{script: script}
			tab.Navigate(page.url(snippetURL("e2e")))
			waitTranslator(t, tab)
			if !early {
				for _, c := range hostileCases {
					tab.Exec("(function () {\n" + c.js + "\n;analytics.track(" + jsString(marker(1, c.name)) + ");\n})()")
				}
			}
			waitMarkers(t, tab, 1)
			first := warningCounts(t, tab)
			for _, code := range hostileWarningCodes {
				if first[code] != 1 {
					t.Errorf("warning %s printed %d times in the first round, want once", code, first[code])
				}
			}
			// The same inputs again: no cause is warned about twice.
			tab.Exec("(function () {\n" + hostileScript(2) + "\n})()")
			waitMarkers(t, tab, 2)
			second := warningCounts(t, tab)
			for code, n := range second {
				if n != 1 {
					t.Errorf("warning %s printed %d times, want once per cause", code, n)
				}
			}
			checkFinalCalls(t, tab)
			checkPageWorks(t, tab)
			checkNoPollution(t, tab)
		})
	}
}

// waitMarkers waits until every marker of round arrived, and checks their
// order.
func waitMarkers(t *testing.T, tab *browser.Tab, round int) {
	t.Helper()
	prefix := fmt.Sprintf("after %d ", round)
	js := `(window.Ramen ? window.Ramen.received : []).filter(c => c[0] === 'track' && typeof c[1] === 'string' &&
		c[1].startsWith(` + jsString(prefix) + `)).map(c => c[1])`
	var got []string
	deadline := time.Now().Add(2 * receivedTimeout)
	for {
		if err := tab.Eval(js, &got); err != nil {
			t.Fatal(err)
		}
		if len(got) >= len(hostileCases) || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	for i, c := range hostileCases {
		want := marker(round, c.name)
		if i >= len(got) || got[i] != want {
			t.Fatalf("round %d: marker %d is %q, want %q (markers: %q)\n%s", round, i, at(got, i), want, got, tab.Diagnostics())
		}
	}
}

func at(list []string, i int) string {
	if i < len(list) {
		return list[i]
	}
	return "(missing)"
}

// warningCounts counts the destination's console warnings per code; a
// warning without a code fails the test.
func warningCounts(t *testing.T, tab *browser.Tab) map[string]int {
	t.Helper()
	counts := map[string]int{}
	for _, w := range destinationWarnings(tab) {
		code := warningCode(w)
		if code == "" {
			t.Errorf("warning without a code: %s", w)
		}
		counts[code]++
	}
	t.Logf("warnings per code: %v", counts)
	return counts
}

// checkFinalCalls makes valid calls after everything else and checks they
// arrive exactly.
func checkFinalCalls(t *testing.T, tab *browser.Tab) {
	t.Helper()
	tab.Exec(`(function () {
		analytics.reset();
		analytics.identify('final', {email: 'final@example.com'});
		analytics.track('Final');
	})()`)
	want := `[["reset"],["identify",{"id":"final","email":"final@example.com","traits":{}},{}],["track","Final"]]`
	var got string
	cond := `window.Ramen.received.length > 0 && window.Ramen.received[window.Ramen.received.length - 1][1] === 'Final'`
	if err := tab.WaitUntil(cond, receivedTimeout); err != nil {
		t.Fatalf("the final valid calls did not arrive: %v\n%s", err, tab.Diagnostics())
	}
	if err := tab.Eval(`JSON.stringify(window.Ramen.received.slice(-3))`, &got); err != nil {
		t.Fatal(err)
	}
	cw, _ := canonicalJSON(want)
	cg, err := canonicalJSON(got)
	if err != nil || cg != cw {
		t.Errorf("final calls:\n got %s\nwant %s", got, want)
	}
}

// checkNoPollution fails the test if any built-in prototype gained or lost an
// own property, or if plain objects see a "polluted" property.
func checkNoPollution(t *testing.T, tab *browser.Tab) {
	t.Helper()
	var clean bool
	err := tab.Eval(`(() => {
		const b = window.__protoBaseline;
		return Object.getOwnPropertyNames(Object.prototype).join() === b.object &&
			Object.getOwnPropertyNames(Array.prototype).join() === b.array &&
			Object.getOwnPropertyNames(Function.prototype).join() === b.fn &&
			({}).polluted === undefined && [].polluted === undefined && Object.create(Object.prototype).Ramen === undefined;
	})()`, &clean)
	if err != nil || !clean {
		t.Errorf("a built-in prototype was polluted (%v)", err)
	}
}
