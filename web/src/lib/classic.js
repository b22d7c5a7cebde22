// The classic destination analytics-next installs from its settings: the constructor it
// finds at window.ramenIntegration. analytics-next drives an instance like this:
//   const ramen = new ramenIntegration(settings);   // the settings' Ramen block
//   ramen.analytics = <the Analytics instance>;
//   ramen.once('ready', …); ramen.on('initialize', …);
//   ramen.initialize();
//   ramen.invoke(method, facade) for each message   // track, identify, page, group, alias
// analytics.reset() calls no destination; it emits 'reset' on the Analytics instance.

import { EventDoor, DEFAULT_RAMENJS_URL, subscribeReset } from './eventdoor.js';
import { builtWasmUrl } from './plugin.js';
import { warnOnce } from './log.js';

// RamenIntegration is the classic destination's constructor.
export function RamenIntegration(settings) {
  this.name = 'Ramen';
  this.settings = settings && typeof settings === 'object' ? settings : {};
  this.listeners = {};
  this.door = null;
  this.resetSubscribed = false;
}

// assetBase is the server's public base URL, worked out by the script that defines the
// constructor; '' when unknown.
RamenIntegration.assetBase = '';

const proto = RamenIntegration.prototype;

// on registers fn for event name.
proto.on = function (name, fn) {
  if (typeof fn !== 'function') return this;
  (this.listeners[name] = this.listeners[name] || []).push({ fn, once: false });
  return this;
};

// once registers fn for the next event name only.
proto.once = function (name, fn) {
  if (typeof fn !== 'function') return this;
  (this.listeners[name] = this.listeners[name] || []).push({ fn, once: true });
  return this;
};

// off removes fn (or every listener of name when fn is not given).
proto.off = function (name, fn) {
  const list = this.listeners[name];
  if (!list) return this;
  this.listeners[name] = fn === undefined ? [] : list.filter((l) => l.fn !== fn);
  return this;
};

// emit calls the listeners of name with the remaining arguments. A listener that throws
// is reported and does not stop the others.
proto.emit = function (name) {
  const list = this.listeners[name];
  if (!list || list.length === 0) return false;
  const args = Array.prototype.slice.call(arguments, 1);
  this.listeners[name] = list.filter((l) => !l.once);
  for (const l of list) {
    try {
      l.fn.apply(this, args);
    } catch (err) {
      warnOnce('listener_threw', 'a listener of the Ramen destination\'s "' + name + '" event threw: ' + err);
    }
  }
  return true;
};

// initialize starts loading the translator and RamenJS, then says 'initialize' and
// 'ready' at once: the destination queues messages itself until the translator runs.
// analytics-next holds messages (and reorders them) while a destination is not ready,
// and waits forever for a destination that never says so, so both events are emitted
// even when loading fails.
proto.initialize = function () {
  try {
    const s = this.settings;
    const base = typeof s.asset_base === 'string' ? s.asset_base.replace(/\/+$/, '') : RamenIntegration.assetBase || cdnOf(this.analytics);
    let wasmUrl = typeof s.wasm_url === 'string' ? s.wasm_url : '';
    if (!wasmUrl) wasmUrl = builtWasmUrl(base);
    this.door = new EventDoor(globalThis, {
      settings: s,
      wasmUrl,
      ramenjsUrl: typeof s.ramenjs_url === 'string' ? s.ramenjs_url : DEFAULT_RAMENJS_URL,
    });
    this.resetSubscribed = subscribeReset(this.analytics, this.door);
    this.door.start();
  } catch (err) {
    warnOnce('destination_failed', 'the Ramen destination could not start: ' + err);
  }
  this.emit('initialize');
  this.emit('ready');
};

// invoke hands one message to the translator: analytics-next calls it with the method
// name and a facade whose obj is the message. It returns at once and never throws.
proto.invoke = function (method, facade) {
  try {
    if (!this.door) return;
    const message = facade && typeof facade === 'object' && facade.obj ? facade.obj : facade;
    this.door.deliver(method, message);
  } catch (e) {
    // never throw into analytics-next's pipeline
  }
};

// reset forgets the identified user. analytics-next 1.x never calls it (initialize
// subscribes to the Analytics instance's 'reset' event instead); it is kept for a host
// that does, and does nothing when the subscription exists, so no reset counts twice.
proto.reset = function () {
  if (this.door && !this.resetSubscribed) this.door.reset();
};

// loaded reports whether messages are being forwarded.
proto.loaded = function () {
  return !!this.door && this.door.running();
};

// cdnOf returns the CDN base URL analytics-next itself uses, the fallback when the
// script's own URL could not be read.
function cdnOf(analytics) {
  try {
    if (analytics && typeof analytics.cdnURL === 'string') return analytics.cdnURL.replace(/\/+$/, '');
    const global = globalThis.analytics;
    if (global && typeof global._cdn === 'string') return global._cdn.replace(/\/+$/, '');
  } catch (e) {
    // unreadable: no fallback
  }
  return '';
}
