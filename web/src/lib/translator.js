// The one Go translator a page runs, shared by every front door (the standalone snippet
// today; analytics-next's classic destination and register() plugin use the same
// instance, each with its own engine number and so its own "identified" state).

import { startGo } from './loader.js';
import { encodeRequest } from './serialize.js';
import { warnOnce } from './log.js';

// Shared across copies of the bundle on one page too, so two front doors never start two
// Go runtimes.
const SHARED_KEY = Symbol.for('ramen-destination.translator.v1');

// How long the WebAssembly module may take to arrive and start before the console says
// so (the snippet and RamenJS's loader use the same figure).
const LOAD_TIMEOUT_MS = 10000;

// getTranslator returns the page's translator, creating it (not yet started) on first use.
// The first caller's wasmUrl wins.
export function getTranslator(wasmUrl) {
  let translator = globalThis[SHARED_KEY];
  if (!translator) {
    translator = new Translator(wasmUrl);
    try {
      Object.defineProperty(globalThis, SHARED_KEY, { value: translator });
    } catch (e) {
      // a frozen global only costs the sharing
    }
  }
  return translator;
}

// Translator talks to the Go program with one JSON string per request.
export class Translator {
  constructor(wasmUrl) {
    this.wasmUrl = wasmUrl;
    this.boundary = null;
    this.running = false;
    this.started = null;
    this.lastEngine = 0;
  }

  // start loads the WebAssembly module once; it resolves to true when the translator
  // takes requests and to false when it could not start (a warning names the cause).
  // It never rejects.
  start() {
    if (!this.started) {
      this.started = this.load();
    }
    return this.started;
  }

  async load() {
    if (typeof this.wasmUrl !== 'string' || this.wasmUrl === '') {
      warnOnce('wasm_url_missing', 'no WebAssembly URL is configured; nothing is sent to Ramen');
      return false;
    }
    // A module that neither arrives nor fails (a server that never answers) gets one
    // warning; calls stay queued and go out if it starts later.
    let timer = null;
    try {
      timer = setTimeout(() => {
        warnOnce('translator_timeout', 'the translator did not start within ' + LOAD_TIMEOUT_MS / 1000 + ' s (' +
          this.wasmUrl + ' is slow or does not answer); calls stay queued until it does');
      }, LOAD_TIMEOUT_MS);
    } catch (e) {
      // no timers: no timeout warning
    }
    try {
      this.boundary = await startGo(this.wasmUrl, (reason) => this.stopped(reason));
      this.running = true;
      return true;
    } catch (err) {
      warnOnce('translator_failed', 'the translator did not start, nothing is sent to Ramen: ' + messageOf(err));
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  stopped(reason) {
    if (!this.running) return;
    this.running = false;
    warnOnce('translator_stopped', reason + '; calls are no longer sent to Ramen');
  }

  // newEngine reserves an engine number for one front door instance.
  newEngine() {
    this.lastEngine += 1;
    return this.lastEngine;
  }

  // open sends an `open` request and returns its answer (the boot call), or null.
  open(engine, settings, state) {
    let tzOffsetMinutes = 0;
    try {
      tzOffsetMinutes = new Date().getTimezoneOffset();
    } catch (e) {
      // keep UTC
    }
    return this.send({ op: 'open', engine, settings, state, tzOffsetMinutes });
  }

  // send encodes request (raw page values allowed), hands it to Go and returns the
  // normalised answer {calls, state?, callback, diagnostics}, or null when the translator
  // is not running. Serialisation warnings are appended to the answer's diagnostics with
  // level "warn" and a `glue` flag.
  send(request) {
    if (!this.running || !this.boundary) return null;
    return this.sendEncoded(encodeRequest(request));
  }

  // sendEncoded is send for a request already encoded with encodeRequest: a front door
  // that must queue values until the translator runs encodes them when they arrive, so
  // later changes to the page's objects cannot alter what it sends.
  sendEncoded(encoded) {
    if (!this.running || !this.boundary) return null;
    let text;
    try {
      text = this.boundary.call(encoded.json);
    } catch (err) {
      // The Go side recovers its own panics, so a throw means the runtime itself broke.
      this.stopped('the translator failed (' + messageOf(err) + ')');
      return null;
    }
    if (this.boundary.exited()) {
      this.stopped('the Go program exited');
      return null;
    }
    const answer = parseAnswer(text);
    for (const w of encoded.warnings) {
      w.glue = true;
      answer.diagnostics.push(w);
    }
    return answer;
  }
}

function parseAnswer(text) {
  const answer = { calls: [], callback: -1, diagnostics: [] };
  let raw = null;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    // reported below
  }
  if (!raw || typeof raw !== 'object') {
    answer.diagnostics.push({ code: 'bad_answer', level: 'error', message: 'the translator gave an unreadable answer; the call was not sent', glue: true });
    return answer;
  }
  if (Array.isArray(raw.calls)) {
    answer.calls = raw.calls.filter((c) => Array.isArray(c) && typeof c[0] === 'string');
  }
  if ('state' in raw && typeof raw.state === 'object') answer.state = raw.state;
  if (typeof raw.callback === 'number' && raw.callback >= 0) answer.callback = raw.callback;
  if (Array.isArray(raw.diagnostics)) {
    for (const d of raw.diagnostics) answer.diagnostics.push(d);
  }
  return answer;
}

function messageOf(err) {
  try {
    return err && err.message ? err.message : String(err);
  } catch (e) {
    return 'unknown error';
  }
}
