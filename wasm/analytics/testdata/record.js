// record.js replays call sequences through the real analytics.js-core 4.1.11 (in jsdom)
// and writes what it did, for analyticsjs_test.go to compare the Go emulation with.
// The tests only read the output file; this script is needed only to re-record it:
//
//   mkdir scratch && cd scratch && npm install @segment/analytics.js-core@4.1.11 jsdom@22
//   NODE_PATH=$PWD/node_modules node path/to/record.js > path/to/analyticsjs-4.1.11.json
//
// Arguments use the glue's tags ({"\u0000fn":1}, {"\u0000date":ms}, {"\u0000undef":1}).
// Each result holds the message an integration would see (without the fields that
// depend on the browser or the clock: anonymousId, messageId, timestamp,
// context.page), the index of the callback analytics.js called (-1 for none),
// whether the call threw, and the remembered user and group afterwards. Messages and
// state are JSON.stringify'd with sorted keys. The ISO-date traversal is switched off
// while recording, so that dates show as analytics.js stores them; the translator does
// that conversion for both front doors.
'use strict';
const Module = require('module');
const load = Module._load;
Module._load = function (request) {
  if (request === '@segment/isodate-traverse') return (v) => v;
  return load.apply(this, arguments);
};
const { JSDOM } = require('jsdom');

const FN = { '\u0000fn': 1 };
const UNDEF = { '\u0000undef': 1 };
const date = (ms) => ({ '\u0000date': ms });

function untag(v) {
  if (Array.isArray(v)) return v.map(untag);
  if (v && typeof v === 'object') {
    const ks = Object.keys(v);
    if (ks.length === 1 && ks[0] === '\u0000fn') return function callback() {};
    if (ks.length === 1 && ks[0] === '\u0000date') return new Date(v[ks[0]] === null ? NaN : v[ks[0]]);
    if (ks.length === 1 && ks[0] === '\u0000undef') return undefined;
    const o = {};
    for (const k of ks) o[k] = untag(v[k]);
    return o;
  }
  return v;
}

function sorted(v) {
  return JSON.parse(JSON.stringify(v, (k, x) => {
    if (x && typeof x === 'object' && !Array.isArray(x)) {
      const o = {};
      for (const key of Object.keys(x).sort()) o[key] = x[key];
      return o;
    }
    return x;
  }) ?? 'null');
}

function run(calls) {
  const dom = new JSDOM('<!doctype html><title>t</title>', { url: 'http://example.test/p?q=1' });
  Object.assign(global, { window: dom.window, document: dom.window.document,
    navigator: dom.window.navigator, location: dom.window.location });
  for (const k of Object.keys(require.cache)) delete require.cache[k];
  const analytics = require('@segment/analytics.js-core');
  function Ramen(opts) { this.options = opts; this.name = 'Ramen'; }
  Ramen.prototype.name = 'Ramen';
  Ramen.prototype.once = function (e, f) { this.onReady = f; };
  Ramen.prototype.initialize = function () { this.onReady(); };
  Ramen.prototype.ready = function () {};
  Ramen.prototype.invoke = function () {};
  analytics.addIntegration(Ramen);
  analytics.initialize({ Ramen: { organization_id: 'x' } }, {});
  const results = [];
  for (const [method, ...tagged] of calls) {
    const args = untag(tagged);
    const r = { event: null, callback: -1, throws: false };
    analytics._callback = (fn) => { if (typeof fn === 'function') r.callback = args.indexOf(fn); };
    analytics.off('invoke');
    analytics.on('invoke', (f) => {
      const o = Object.assign({ type: f.type ? f.type() : f.action() }, f.obj);
      delete o.anonymousId; delete o.messageId; delete o.timestamp;
      if (o.context && typeof o.context === 'object') delete o.context.page;
      if (o.properties && typeof o.properties === 'object') {
        const defs = { path: '/p', referrer: '', search: '?q=1', title: 't', url: 'http://example.test/p?q=1' };
        for (const k of Object.keys(defs)) if (o.properties[k] === defs[k]) delete o.properties[k];
      }
      r.event = sorted(o);
    });
    try {
      analytics[method].apply(analytics, args);
    } catch (e) {
      r.throws = true;
    }
    r.state = sorted({
      user: { id: analytics.user().id(), traits: analytics.user().traits() },
      group: { id: analytics.group().id(), traits: analytics.group().traits() },
    });
    results.push(r);
  }
  return results;
}

// A small deterministic generator (mulberry32) so re-recording gives the same cases.
let seed = 20240613;
function rand() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (a) => a[Math.floor(rand() * a.length)];

const ids = ['7', '8', 7, 0, '', null, UNDEF, true, false, [1, 2], date(1000), FN, 'ü-42'];
const traits = [{ a: 1 }, { b: 2, c: { d: 3 } }, {}, { a: 2, e: [1, 'x'] }, 'str', 5, 0, true, [1, 2], [], null,
  UNDEF, FN, { d: date(1234567890000) }, { bad: date(null) }, { big: date(253402300800000) },
  { old: date(-60000000000000) }, { iso: '2009-02-13T23:31:30.000Z', n: { m: [date(5), null] } }];
const options = [UNDEF, null, {}, { integrations: { Ramen: false } }, { Ramen: false }, { ramen: { a: 1 } },
  { All: false, Ramen: true }, { all: false }, { integrations: { All: false }, RAMEN: true },
  { providers: { Ramen: false } }, { providers: { Ramen: { x: 1 }, all: true }, integrations: { Ramen: true } },
  { context: { ip: '1' }, foo: 1 }, { context: 'x' }, { context: 5 }, { context: [] }, { integrations: true },
  { integrations: true, Ramen: false }, { integrations: [], Ramen: false }, { integrations: 'abc' },
  { anonymousId: 'a', timestamp: date(5000), traits: { t: 1 } }, 5, 'str', '', [], ['x'], true, date(7),
  { providers: 'abc' }, { providers: [] }, { integrations: { Ramen: { auth_hash: 'h' } }, Ramen: { x: 1 } },
  { context: { page: { path: '/z' }, ip: '2' } }, FN];
const names = ['ev', 'Name', 'Cat', '', 5, null, UNDEF, { p: 1 }, FN, ['a'], date(9)];
const props = [{ p: 1 }, { url: 'http://u/', title: 'T', p: 2 }, null, 'str', 5, [1], date(3), { d: date(null) },
  UNDEF, FN, { name: 'N', category: 'C' }];
const pools = {
  identify: [ids.concat(traits.slice(0, 4)), traits, options, [FN, FN, 'x', UNDEF]],
  group: [ids.concat(traits.slice(0, 4)), traits, options, [FN, FN, 'x', UNDEF]],
  track: [names, props, options, [FN, FN, 'x']],
  page: [names, names.concat(props), props.concat(options), options, [FN, FN, 'x']],
  reset: [],
};

function randomCall() {
  const method = pick(['identify', 'identify', 'identify', 'group', 'group', 'track', 'page', 'page', 'reset']);
  const pool = pools[method];
  const n = Math.floor(rand() * (pool.length + 2));
  const call = [method];
  for (let i = 0; i < n; i++) call.push(pick(i < pool.length ? pool[i] : ids.concat(options)));
  return call;
}

// Hand-picked sequences: each rule of argument shifting, trait memory and option
// normalisation, and the ways analytics.js fails on wrong types.
const cases = [
  ['merge-and-replace', [['identify', '7', { a: 1 }], ['identify', { b: 2 }], ['identify', '7', { c: 3 }],
    ['identify', '8', { d: 4 }], ['group', 'g1', { n: 'x' }], ['group', { m: 1 }], ['group', 'g2'], ['reset'],
    ['identify', { e: 5 }], ['identify', '9'], ['group', { f: 6 }]]],
  ['falsy-ids', [['identify', '7', { a: 1 }], ['identify', 0, { b: 2 }], ['identify', '', { c: 3 }],
    ['identify', null, { d: 4 }], ['identify', UNDEF, { e: 5 }], ['identify', false, { f: 6 }], ['identify'],
    ['identify', { g: 7 }]]],
  ['id-types', [['identify', 7, { a: 1 }], ['identify', '7', { b: 2 }], ['identify', 7, { c: 3 }], ['identify', { d: 4 }],
    ['identify', true, { e: 5 }], ['identify', { f: 6 }], ['identify', [1, 2], { g: 7 }], ['identify', { h: 8 }],
    ['identify', date(1000), { i: 9 }], ['identify', { j: 10 }], ['identify', date(null), { k: 11 }], ['identify', FN]]],
  ['traits-types', [['identify', '7', 'str'], ['identify', { x: 1 }], ['identify', '8', 'str'], ['identify', '8'],
    ['identify', '8', { y: 1 }], ['identify', '9', 5], ['identify', '9', {}], ['identify', '9', { z: 1 }],
    ['identify', 'a', [1, { b: 2 }]], ['identify', 'a', { x: 1, 3: 'y' }], ['identify', 'a', 'pq'], ['identify', 'b', true],
    ['identify', 'b', [9]], ['identify', 'c', [1, 2]], ['identify', 'c', 'xyz'], ['identify', 'd', ['é', '😀']],
    ['identify', 'e', '😀'], ['identify', 'f', {}], ['identify', 'f', 'a😀b']]],
  ['shifting', [['identify', '7', FN], ['identify', '7', { a: 1 }, FN], ['identify', { b: 1 }, FN],
    ['identify', { c: 1 }, { Ramen: false }, FN], ['identify', '7', { d: 1 }, { x: 1 }, FN], ['identify', '7', FN, FN, FN],
    ['identify', '7', { e: 1 }, FN, 'x'], ['identify', '7', { f: 1 }, { y: 1 }, 'x', FN],
    ['group'], ['group', 'g1'], ['group', 'g1', FN], ['group', { c: 3 }, { Ramen: false }, FN],
    ['group', 'g2', { d: 4 }, { x: 1 }, FN], ['group', 0, { e: 5 }], ['group', UNDEF], ['group', FN]]],
  ['dates', [['identify', '7', { d: date(1234567890000), bad: date(null), big: date(253402300800000),
    neg: date(-62167219200001), y50: date(-60000000000000), y150: date(-57000000000000),
    n: { x: [date(5), date(null)] } }], ['identify', { e: date(0) }], ['track', 'ev', { d: date(null), e: date(1) }]]],
  ['options', [['identify', '7', {}, { integrations: { Ramen: { auth_hash: 'h' } }, Ramen: false, ramen: true,
    RAMEN: 1, All: false, all: true, ALL: 3, Other: true, foo: { bar: 1 } }],
  ['identify', '7', {}, { Ramen: { a: 1 }, anonymousId: 'anon', timestamp: date(5000), context: { ip: '1.2.3.4' },
    traits: { t: 1 }, providers: { Ramen: false, Foo: true } }],
  ['identify', '7', {}, { integrations: { Ramen: true }, providers: { Ramen: false, All: false, ramen: true } }],
  ['identify', '7', {}, { integrations: { Ramen: { a: 1 } }, providers: { Ramen: false } }],
  ['identify', '7', {}, { integrations: { Ramen: 'x' }, providers: { Ramen: { b: 1 } } }],
  ['identify', '7', {}, { integrations: { Ramen: { a: 1 } }, providers: { Ramen: { b: 1 }, RAMEN: false } }],
  ['identify', '7', {}, { integrations: { All: true }, providers: { all: false, Ramen: 1 } }],
  ['track', 'ev', {}, { providers: { Ramen: true }, integrations: { Ramen: false } }],
  ['track', 'ev', {}, { providers: 5 }], ['track', 'ev', {}, { providers: 'abc' }], ['track', 'ev', {}, { providers: ['x'] }],
  ['track', 'ev', {}, 5], ['track', 'ev', {}, 'Ramen'], ['track', 'ev', {}, ''], ['track', 'ev', {}, ['Ramen']],
  ['track', 'ev', {}, []], ['track', 'ev', {}, true], ['track', 'ev', {}, date(5)],
  ['track', 'ev', {}, { integrations: true }], ['track', 'ev', {}, { integrations: true, Ramen: false }],
  ['track', 'ev', {}, { integrations: 'abc', Ramen: false }], ['track', 'ev', {}, { integrations: [], Ramen: false }],
  ['track', 'ev', {}, { integrations: date(1), all: false }], ['track', 'ev', {}, { integrations: null, Ramen: false }],
  ['track', 'ev', {}, { context: 'x' }], ['track', 'ev', {}, { context: 5, foo: 1 }], ['track', 'ev', {}, { context: [], foo: 1 }],
  ['track', 'ev', {}, { context: null, foo: 1 }], ['track', 'ev', {}, { context: date(1), foo: 1 }],
  ['track', 'ev', {}, { context: { page: null, a: 1 } }], ['track', 'ev', {}, { anonymousId: '', timestamp: null }]]],
  ['page', [['page'], ['page', 'Name'], ['page', 'Cat', 'Name'], ['page', { p: 1 }], ['page', { p: 1 }, { Ramen: false }],
    ['page', 'Name', { p: 1 }], ['page', 'Name', { p: 1 }, { x: 1 }], ['page', 'Cat', 'Name', { p: 1 }, { y: 1 }, FN],
    ['page', FN], ['page', 'Name', FN], ['page', 'Cat', 'Name', FN], ['page', 'Cat', 'Name', { p: 1 }, FN],
    ['page', 5], ['page', 'Cat', 5], ['page', null, 'Name'], ['page', UNDEF, 'Name', { p: 1 }],
    ['page', 'Cat', 'Name', 'props'], ['page', null, null, 'props'], ['page', null, null, 5, 5],
    ['page', 'Cat', 'Name', [1, 2]], ['page', ['a'], 'Name'], ['page', '', 'Name'], ['page', 'Cat', ''],
    ['page', date(5)], ['page', { p: 1 }, 'Name'], ['page', { p: 1 }, 5], ['page', { p: 1 }, { q: 2 }, { r: 3 }],
    ['page', null, null, { name: 'N', category: 'C' }], ['page', 'Cat', 'Name', { name: 'Other' }],
    ['page', 'Name', { url: 'http://x/', title: 'T', foo: 1 }, { context: { page: { path: '/z' }, ip: '1' } }],
    ['page', 'Name', {}, { context: 'x' }], ['page', 'Name', {}, []], ['page', 'Name', {}, ['x']], ['page', 'Name', {}, date(1)],
    ['page', 'Name', date(1), 5], ['page', 'Name', [1], { context: [] }]]],
  ['track', [['track'], ['track', 'ev'], ['track', 'ev', FN], ['track', 'ev', { p: 1 }, FN],
    ['track', 'ev', { p: 1 }, { o: 1 }, FN], ['track', { a: 1 }], ['track', 5, 'str'], ['track', 'ev', null, { Ramen: false }],
    ['track', 'ev', UNDEF, { Ramen: false }], ['track', FN], ['track', 'ev', FN, FN, FN, FN]]],
  ['user-on-other-calls', [['identify', '7', { a: 1 }], ['track', 'ev'], ['group', 'g'], ['page']]],
].map(([name, calls]) => ({ name, calls }));
for (let i = 0; i < 240; i++) {
  const calls = [];
  const n = 1 + Math.floor(rand() * 5);
  for (let j = 0; j < n; j++) calls.push(randomCall());
  cases.push({ name: 'random-' + i, calls });
}
for (const c of cases) c.results = run(c.calls);
process.stdout.write('{"recordedWith":"analytics.js-core 4.1.11","cases":[\n' +
  cases.map((c) => JSON.stringify(c)).join(',\n') + '\n]}\n');
