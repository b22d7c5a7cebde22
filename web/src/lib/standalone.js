// The standalone front door: takes over the snippet's queueing window.analytics, feeds
// every call to the translator in order, and applies the Ramen calls that come back.

import { Reporter } from './log.js';
import { getTranslator } from './translator.js';
import { pinIntegrity } from './loader.js';
import { ensureRamenQueue, applyAnswer, loadRamenJS } from './ramen.js';
import { readState, writeState } from './storage.js';

const METHODS = ['identify', 'group', 'page', 'track', 'reset', 'ready', 'debug'];
const FORWARDED = { identify: true, group: true, page: true, track: true, reset: true };

// analytics.js runs call callbacks after a 300 ms timeout, so a page that navigates in a
// track callback gives the destinations time to send; the same delay keeps that promise.
const CALLBACK_DELAY_MS = 300;

// analytics.js calls a callback whatever its destinations do; a translator that has not
// started after this long must not hold the page's callbacks hostage any longer (the
// calls themselves stay queued and are still sent if it starts).
const CALLBACK_RELEASE_MS = 10000;

// States of the front door. Calls queue in "loading"; "running" forwards them;
// "disabled" (settings null) and "failed" (translator unavailable) drop them but still
// call their callbacks, so no page flow waits forever.
const LOADING = 'loading';
const RUNNING = 'running';
const DISABLED = 'disabled';
const FAILED = 'failed';

// startStandalone takes over win.analytics if it is the snippet's queue. It is a no-op
// for any other window.analytics, and when called twice.
export function startStandalone(win) {
  const analytics = win.analytics;
  if (!analytics || !analytics._ramenDestination || analytics._ramenStarted) return;
  analytics._ramenStarted = true;
  new FrontDoor(win, analytics).start();
}

class FrontDoor {
  constructor(win, analytics) {
    this.win = win;
    this.analytics = analytics;
    this.config = analytics._ramenDestination;
    this.reporter = new Reporter();
    this.state = LOADING;
    this.translator = null;
    this.engine = 0;
    this.pending = [];
    this.head = 0;
    this.pumping = false;
    this.resolveReady = this.readyResolver();
    // Argument lists whose callback already ran while the translator loaded.
    this.released = new WeakSet();
    this.releasing = false;
  }

  // readyResolver uses the promise the snippet created (so pages can await it before the
  // bundle arrives), or creates one.
  readyResolver() {
    const analytics = this.analytics;
    if (typeof analytics._ramenResolveReady === 'function' && analytics._ramenReady) {
      return analytics._ramenResolveReady;
    }
    let resolve;
    analytics._ramenReady = new Promise((r) => {
      resolve = r;
    });
    analytics._ramenResolveReady = resolve;
    return resolve;
  }

  start() {
    this.takeOverQueue();
    this.boot().catch((err) => this.fail('the destination did not start: ' + err));
  }

  // takeOverQueue replaces the snippet's methods and moves its queued calls into ours, in
  // one synchronous step, so no call can slip between the two.
  takeOverQueue() {
    const analytics = this.analytics;
    const queued = Array.prototype.slice.call(analytics);
    analytics.length = 0;
    for (const entry of queued) {
      if (Array.isArray(entry) && typeof entry[0] === 'string') {
        this.pending.push([entry[0], entry.slice(1)]);
        // debug() also takes effect now, so start-up diagnostics obey it; it is replayed
        // in order below as well.
        if (entry[0] === 'debug') this.reporter.setDebug(entry.length === 1 || !!entry[1]);
      }
    }
    for (const method of METHODS) {
      analytics[method] = this.entryPoint(method);
    }
    // Late copies of a queueing stub push [method, ...args]; keep those calls too.
    analytics.push = (...entries) => {
      for (const entry of entries) {
        try {
          if (Array.isArray(entry) && typeof entry[0] === 'string') this.enqueue(entry[0], entry.slice(1));
        } catch (e) {
          // an unreadable entry is dropped
        }
      }
      return 0;
    };
  }

  entryPoint(method) {
    const door = this;
    return function () {
      try {
        door.enqueue(method, Array.prototype.slice.call(arguments));
      } catch (e) {
        // never throw into the page
      }
      return door.analytics;
    };
  }

  enqueue(method, args) {
    this.pending.push([method, args]);
    if (this.releasing && this.state === LOADING) this.release(method, args, CALLBACK_DELAY_MS);
    this.pump();
  }

  // releaseCallbacks runs the callbacks of every queued call, and from now on of each new
  // call, while the translator is still loading.
  releaseCallbacks() {
    if (this.state !== LOADING) return;
    this.releasing = true;
    for (let i = this.head; i < this.pending.length; i++) {
      const entry = this.pending[i];
      if (entry) this.release(entry[0], entry[1], 0);
    }
  }

  release(method, args, delay) {
    if (FORWARDED[method] !== true || this.released.has(args)) return;
    this.released.add(args);
    this.schedule(lastFunction(args), delay);
  }

  // pump handles queued calls in order. Re-entrant calls (a RamenJS stub or a callback
  // calling analytics) are appended and handled by the loop already running.
  pump() {
    if (this.state === LOADING || this.pumping) return;
    this.pumping = true;
    try {
      while (this.head < this.pending.length) {
        const entry = this.pending[this.head];
        this.pending[this.head] = undefined;
        this.head += 1;
        this.dispatch(entry[0], entry[1]);
      }
    } finally {
      this.pumping = false;
      if (this.head >= this.pending.length) {
        this.pending.length = 0;
        this.head = 0;
      }
    }
  }

  async boot() {
    const config = this.config;
    if (!config || typeof config !== 'object') {
      this.fail('the snippet configuration is missing');
      return;
    }
    if (config.settings === null || config.settings === undefined) {
      this.state = DISABLED;
      this.pump();
      this.resolveReady(false);
      return;
    }
    pinIntegrity(config.wasmUrl, config.wasmIntegrity);
    const translator = getTranslator(config.wasmUrl);
    let release = null;
    try {
      release = setTimeout(() => this.releaseCallbacks(), CALLBACK_RELEASE_MS);
    } catch (e) {
      // no timers: callbacks wait for the translator
    }
    const started = await translator.start();
    clearTimeout(release);
    if (!started) {
      this.fail(null);
      return;
    }
    this.translator = translator;
    this.engine = translator.newEngine();
    ensureRamenQueue(this.win);
    const answer = translator.open(this.engine, config.settings, readState(this.win));
    if (!answer) {
      this.fail(null);
      return;
    }
    this.apply(answer);
    loadRamenJS(this.win, config.ramenjsUrl);
    this.state = RUNNING;
    this.pump();
    this.resolveReady(true);
  }

  // fail stops forwarding for good; message (if any) is printed once.
  fail(message) {
    if (message) this.reporter.problem('destination_failed', message);
    this.state = FAILED;
    this.pump();
    this.resolveReady(false);
  }

  dispatch(method, args) {
    try {
      if (method === 'ready') this.onReady(args[0]);
      else if (method === 'debug') this.reporter.setDebug(args.length === 0 || !!args[0]);
      else if (FORWARDED[method] === true) this.forward(method, args);
    } catch (err) {
      this.reporter.problem('call_failed', 'analytics.' + method + '() failed: ' + err);
    }
  }

  onReady(callback) {
    // analytics.js runs ready callbacks only once its destinations are ready, which a
    // failed destination never is; a disabled one has nothing to wait for.
    if (this.state === FAILED) return;
    this.schedule(callback, 0);
  }

  forward(method, args) {
    if (method === 'reset') writeState(this.win, null);
    const answer = this.state === RUNNING ? this.translator.send({ op: 'call', engine: this.engine, method, args }) : null;
    if (!answer) {
      if (this.state === RUNNING) this.state = FAILED; // the translator stopped
      if (!this.released.has(args)) this.schedule(lastFunction(args), CALLBACK_DELAY_MS);
      return;
    }
    this.apply(answer);
    if (answer.callback >= 0 && !this.released.has(args)) this.schedule(args[answer.callback], CALLBACK_DELAY_MS);
  }

  apply(answer) {
    if (answer.state !== undefined) writeState(this.win, answer.state);
    applyAnswer(this.win, this.reporter, answer);
  }

  schedule(callback, delay) {
    if (typeof callback !== 'function') return;
    const reporter = this.reporter;
    try {
      setTimeout(() => {
        try {
          callback();
        } catch (err) {
          reporter.problem('callback_threw', 'a callback passed to analytics threw: ' + err);
        }
      }, delay);
    } catch (e) {
      // no timers: nothing more we can do
    }
  }
}

// lastFunction finds the callback when the translator cannot say where it is: in
// analytics.js's argument shifting the callback is always the last function argument.
function lastFunction(args) {
  for (let i = args.length - 1; i >= 0; i--) {
    if (typeof args[i] === 'function') return args[i];
  }
  return null;
}
