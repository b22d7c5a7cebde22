// Turns arbitrary page values into the boundary's JSON (see wasm/PROTOCOL.md) without ever
// throwing: page objects may be cyclic, Proxies, or have getters that throw, and every one
// of those must degrade to null plus a warning rather than break the page's call.

const MAX_DEPTH = 64;
const TAG_DATE = '\u0000date';
const TAG_FN = '{"\\u0000fn":1}';
const TAG_UNDEFINED = '{"\\u0000undef":1}';

const objectToString = Object.prototype.toString;
const dateGetTime = Date.prototype.getTime;
const dateNow = Date.now;

const warningText = {
  value_cycle: 'a value contains itself (a cycle); that part was sent as null',
  value_getter_threw: 'reading a property threw; it was sent as null',
  value_too_deep: 'a value is nested more than ' + MAX_DEPTH + ' levels deep; the deeper part was sent as null',
  value_unreadable: 'a value could not be read (a revoked Proxy or a throwing trap); it was sent as null',
  value_tojson_threw: 'a value\'s toJSON() threw; it was sent as null',
};

// Encodes a request object. Its `args` field (an array) is encoded as top-level
// arguments: functions and undefined there become tags, because their position matters to
// analytics.js's argument shifting. Every other field is encoded as a plain value.
// Returns {json, warnings}; warnings are diagnostics ({code, level, message}), one per code.
export function encodeRequest(request) {
  const walker = newWalker();
  const parts = [];
  for (const key of Object.keys(request)) {
    walker.path.push(key);
    let encoded;
    if (key === 'args') {
      encoded = walker.args(request.args);
    } else {
      encoded = walker.value(request[key], 1);
    }
    walker.path.pop();
    if (encoded !== undefined) parts.push(quote(key) + ':' + encoded);
  }
  // Call and event requests carry the browser's clock, read when the page made the call,
  // for the secure-mode timestamp checks; added here so every front door sends it.
  if ((request.op === 'call' || request.op === 'event') && !('nowMs' in request)) {
    parts.push('"nowMs":' + nowMs());
  }
  return { json: '{' + parts.join(',') + '}', warnings: walker.warnings };
}

// nowMs reads the clock as a JSON number; a page that broke Date gets 0 (no age checks).
function nowMs() {
  try {
    const now = dateNow();
    return typeof now === 'number' && isFinite(now) ? String(now) : '0';
  } catch (e) {
    return '0';
  }
}

function quote(text) {
  return JSON.stringify(text);
}

function newWalker() {
  const onPath = new Set();
  const warned = new Set();
  const warnings = [];
  const path = [];

  function warn(code) {
    if (warned.has(code)) return;
    warned.add(code);
    warnings.push({ code, level: 'warn', message: warningText[code] + ' (at ' + where() + ')' });
  }

  // where names the current position, shortened for deep paths.
  function where() {
    if (path.length <= 8) return path.join('.');
    return path.slice(0, 3).join('.') + '.….' + path.slice(-3).join('.');
  }

  function args(list) {
    const out = [];
    let length = 0;
    try {
      length = list.length >>> 0;
    } catch (e) {
      warn('value_unreadable');
    }
    for (let i = 0; i < length; i++) {
      path.push(i);
      let item;
      let readable = true;
      try {
        item = list[i];
      } catch (e) {
        readable = false;
        warn('value_getter_threw');
      }
      if (!readable) out.push('null');
      else if (item === undefined) out.push(TAG_UNDEFINED);
      else if (typeof item === 'function') out.push(TAG_FN);
      else out.push(orNull(value(item, 1)));
      path.pop();
    }
    return '[' + out.join(',') + ']';
  }

  // Returns the JSON text for v, or undefined when v has no JSON form (it is then left
  // out of objects and becomes null in arrays, as JSON.stringify does).
  function value(v, depth) {
    switch (typeof v) {
      case 'string':
        return quote(v);
      case 'number':
        return isFinite(v) ? String(v) : 'null';
      case 'boolean':
        return v ? 'true' : 'false';
      case 'bigint':
        return quote(v.toString());
      case 'object':
        return v === null ? 'null' : object(v, depth);
      default: // undefined, function, symbol (and document.all)
        return undefined;
    }
  }

  function object(o, depth) {
    if (depth > MAX_DEPTH) {
      warn('value_too_deep');
      return 'null';
    }
    if (onPath.has(o)) {
      warn('value_cycle');
      return 'null';
    }
    let tag;
    try {
      tag = objectToString.call(o);
    } catch (e) {
      warn('value_unreadable');
      return 'null';
    }
    const special = builtin(o, tag);
    if (special !== undefined) return special;

    onPath.add(o);
    try {
      return container(o, depth);
    } finally {
      onPath.delete(o);
    }
  }

  // Dates and boxed primitives: answered from their internal value, never from
  // (possibly hostile) properties. A fake tag (Symbol.toStringTag) makes the brand
  // check throw, and the object is then walked like any other.
  function builtin(o, tag) {
    try {
      switch (tag) {
        case '[object Date]': {
          const ms = dateGetTime.call(o);
          return '{' + quote(TAG_DATE) + ':' + (isFinite(ms) ? String(ms) : 'null') + '}';
        }
        case '[object Number]':
          return value(Number.prototype.valueOf.call(o), 0);
        case '[object String]':
          return quote(String.prototype.valueOf.call(o));
        case '[object Boolean]':
          return Boolean.prototype.valueOf.call(o) ? 'true' : 'false';
      }
    } catch (e) {
      // not really that builtin
    }
    return undefined;
  }

  function container(o, depth) {
    let isArray;
    try {
      isArray = Array.isArray(o);
    } catch (e) {
      warn('value_unreadable');
      return 'null';
    }
    if (isArray) return array(o, depth);

    // Like JSON.stringify, honour toJSON (URL, moment objects…): it is what would have
    // gone over the wire.
    let toJSON;
    try {
      toJSON = o.toJSON;
    } catch (e) {
      warn('value_getter_threw');
      return 'null';
    }
    if (typeof toJSON === 'function') {
      let replaced;
      try {
        replaced = toJSON.call(o, '');
      } catch (e) {
        warn('value_tojson_threw');
        return 'null';
      }
      return value(replaced, depth + 1);
    }

    let keys;
    try {
      keys = Object.keys(o);
    } catch (e) {
      warn('value_unreadable');
      return 'null';
    }
    const parts = [];
    for (const key of keys) {
      // The boundary reserves NUL-prefixed keys for its tags.
      if (key.charCodeAt(0) === 0) continue;
      path.push(key);
      let item;
      let encoded;
      try {
        item = o[key];
        encoded = value(item, depth + 1);
      } catch (e) {
        warn('value_getter_threw');
        encoded = 'null';
      }
      path.pop();
      if (encoded !== undefined) parts.push(quote(key) + ':' + encoded);
    }
    return '{' + parts.join(',') + '}';
  }

  function array(a, depth) {
    let length;
    try {
      length = a.length >>> 0;
    } catch (e) {
      warn('value_unreadable');
      return 'null';
    }
    const parts = [];
    for (let i = 0; i < length; i++) {
      path.push(i);
      let encoded;
      try {
        encoded = value(a[i], depth + 1);
      } catch (e) {
        warn('value_getter_threw');
        encoded = 'null';
      }
      path.pop();
      parts.push(orNull(encoded));
    }
    return '[' + parts.join(',') + ']';
  }

  return { args, value, warnings, path };
}

function orNull(encoded) {
  return encoded === undefined ? 'null' : encoded;
}
