// The front door shared by the two analytics-next integrations (the classic destination
// and the register() plugin). analytics-next has already built each message (argument
// shifting, user and group memory, integration flags), so the door only hands it to the
// translator as an `event` request (wasm/PROTOCOL.md), in arrival order.
//
// analytics-next does not wait for a destination: it calls it as soon as it is installed,
// and reorders or buffers calls when the destination says it is not ready. So the door
// takes every message at once and keeps its own queue until the translator runs.

import { Reporter } from './log.js';
import { getTranslator } from './translator.js';
import { encodeRequest } from './serialize.js';
import { ensureRamenQueue, applyAnswer, loadRamenJS } from './ramen.js';

// DEFAULT_RAMENJS_URL is where RamenJS is loaded from when no URL is configured.
export const DEFAULT_RAMENJS_URL = 'https://cdn.ramen.is/assets/ramen.js';

// Message types the translator understands; analytics-next also delivers alias (and
// screen through plugins), which Ramen has no use for.
const FORWARDED = { identify: true, group: true, page: true, track: true };

// Keys in a settings object that are not Ramen settings: analytics-next's bookkeeping on
// integration blocks and this destination's own loading options. They never reach
// `open`, so boot looks the same whichever door the settings came through.
const NOT_RAMEN = ['type', 'versionSettings', 'bundlingStatus', 'ramenjs_url', 'wasm_url', 'asset_base'];

const LOADING = 'loading';
const RUNNING = 'running';
const FAILED = 'failed';

// EventDoor feeds analytics-next messages to the page's translator.
export class EventDoor {
  // options: {settings, wasmUrl, ramenjsUrl}. settings are the Ramen settings
  // (organization_id and boot options); unknown keys are passed on, known non-Ramen
  // keys (NOT_RAMEN) are dropped.
  constructor(win, options) {
    this.win = win;
    this.settings = ramenSettings(options.settings);
    this.ramenjsUrl = options.ramenjsUrl || DEFAULT_RAMENJS_URL;
    this.reporter = new Reporter();
    this.translator = getTranslator(options.wasmUrl);
    // Reserved now, so queued messages can be encoded as they arrive.
    this.engine = this.translator.newEngine();
    this.state = LOADING;
    this.pending = [];
    this.started = null;
  }

  // start loads the translator and RamenJS once. It resolves to true when messages are
  // forwarded, false when they never will be (a warning names the cause); it never
  // rejects.
  start() {
    if (!this.started) {
      this.started = this.boot().catch((err) => {
        this.fail('the destination did not start: ' + err);
        return false;
      });
    }
    return this.started;
  }

  async boot() {
    if (!this.settings || this.settings.organization_id === undefined) {
      this.reporter.problem('organization_id_missing', 'the Ramen settings have no organization_id; RamenJS boots without one');
    }
    if (!(await this.translator.start())) {
      this.fail(null);
      return false;
    }
    ensureRamenQueue(this.win);
    const answer = this.translator.open(this.engine, this.settings, null);
    if (!answer) {
      this.fail(null);
      return false;
    }
    this.apply(answer);
    loadRamenJS(this.win, this.ramenjsUrl);
    this.state = RUNNING;
    this.pump();
    return true;
  }

  // running reports whether messages are being forwarded.
  running() {
    return this.state === RUNNING;
  }

  // deliver takes one message (facade.obj or ctx.event) of the given type. It never
  // throws and never waits.
  deliver(type, message) {
    try {
      if (FORWARDED[type] !== true || !message || typeof message !== 'object') return;
      this.enqueue(message);
    } catch (err) {
      this.reporter.problem('call_failed', 'a ' + type + ' call could not be handled: ' + err);
    }
  }

  // reset forgets the identified user, as analytics.reset() does.
  reset() {
    try {
      this.enqueue({ type: 'reset' });
    } catch (err) {
      this.reporter.problem('call_failed', 'reset could not be handled: ' + err);
    }
  }

  enqueue(message) {
    if (this.state === FAILED) return;
    // Encoded now: the page may change its objects before the translator runs.
    this.pending.push(encodeRequest({ op: 'event', engine: this.engine, event: message }));
    this.pump();
  }

  pump() {
    if (this.state !== RUNNING || this.pumping) return;
    this.pumping = true;
    try {
      for (let i = 0; i < this.pending.length; i++) {
        const encoded = this.pending[i];
        this.pending[i] = undefined;
        const answer = this.translator.sendEncoded(encoded);
        if (!answer) {
          this.fail(null); // the translator stopped; it has said why
          break;
        }
        this.apply(answer);
      }
    } finally {
      this.pending = [];
      this.pumping = false;
    }
  }

  apply(answer) {
    applyAnswer(this.win, this.reporter, answer);
  }

  // fail stops forwarding for good; message (if any) is printed once.
  fail(message) {
    if (message) this.reporter.problem('destination_failed', message);
    this.state = FAILED;
    this.pending = [];
  }
}

// ramenSettings copies the Ramen settings without the keys that are not Ramen's.
function ramenSettings(settings) {
  const out = {};
  if (!settings || typeof settings !== 'object') return out;
  for (const key of Object.keys(settings)) {
    if (NOT_RAMEN.indexOf(key) < 0) out[key] = settings[key];
  }
  return out;
}

// subscribeReset calls door.reset() on analytics-next's 'reset' event (analytics.reset()
// emits it and calls no destination). It returns whether the subscription was made.
export function subscribeReset(analytics, door) {
  try {
    if (!analytics || typeof analytics.on !== 'function') return false;
    analytics.on('reset', () => door.reset());
    return true;
  } catch (e) {
    return false;
  }
}

// assetBase returns the part of url before marker (the server's public base URL when
// url is one of its files), or '' when url does not contain marker.
export function assetBase(url, marker) {
  if (typeof url !== 'string') return '';
  const at = url.indexOf(marker);
  return at > 0 ? url.slice(0, at) : '';
}
