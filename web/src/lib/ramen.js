// The RamenJS side: the v2 `window._ramen` queue stub, applying translated calls to it,
// and loading RamenJS itself.

import { warnOnce } from './log.js';

const RAMEN_METHODS = ['boot', 'ready', 'identify', 'group', 'track', 'page', 'reset', 'ask'];

// ensureRamenQueue makes window._ramen the v2 queue stub: an array whose methods push
// [name, ...args] onto it. An existing _ramen (a page's own stub, or RamenJS already
// loaded) is kept, and only missing methods are added.
export function ensureRamenQueue(win) {
  try {
    let queue = win._ramen;
    if (!queue || (typeof queue !== 'object' && typeof queue !== 'function')) {
      queue = [];
      win._ramen = queue;
    }
    for (const name of RAMEN_METHODS) {
      if (typeof queue[name] === 'function') continue;
      queue[name] = function () {
        const entry = [name];
        for (let i = 0; i < arguments.length; i++) entry.push(arguments[i]);
        queue.push(entry);
      };
    }
  } catch (err) {
    warnOnce('ramen_queue_failed', 'could not set up window._ramen: ' + err);
  }
}

// applyRamenCalls makes each call [method, ...args] as window._ramen[method](...args).
// The args come fresh from JSON.parse, so RamenJS may keep or change them freely.
function applyRamenCalls(win, calls) {
  for (const call of calls) {
    const method = call[0];
    try {
      const ramen = win._ramen;
      const args = call.slice(1);
      if (ramen && typeof ramen[method] === 'function') {
        ramen[method].apply(ramen, args);
      } else if (ramen && typeof ramen.push === 'function') {
        ramen.push(call);
      } else {
        warnOnce('ramen_queue_missing', 'window._ramen is gone; Ramen calls are dropped');
      }
    } catch (err) {
      warnOnce('ramen_call_threw', 'window._ramen.' + method + '() threw: ' + err);
    }
  }
}

// applyAnswer carries out one translator answer: it makes the answer's Ramen calls, then
// reports its diagnostics. Those the glue raised (marked glue) that are not errors go to
// reporter.problem, which always shows them once; the rest go to reporter.diagnostics,
// which shows non-errors only in debug mode.
export function applyAnswer(win, reporter, answer) {
  applyRamenCalls(win, answer.calls);
  const fromTranslator = [];
  for (const d of answer.diagnostics) {
    if (d && d.glue && d.level !== 'error') reporter.problem(d.code, d.message);
    else fromTranslator.push(d);
  }
  reporter.diagnostics(fromTranslator);
}

let ramenjsRequested = false;

// How long RamenJS may take to load before the console says so.
const RAMENJS_TIMEOUT_MS = 10000;

// loadRamenJS adds RamenJS's script once per page (asynchronous, after boot was queued),
// unless RamenJS already runs: then it has replaced the queue's push.
export function loadRamenJS(win, url) {
  if (ramenjsRequested) return;
  ramenjsRequested = true;
  try {
    const ramen = win._ramen;
    if (ramen && ramen.push !== Array.prototype.push) return;
    if (typeof url !== 'string' || url === '') {
      warnOnce('ramenjs_url_missing', 'no RamenJS URL is configured; calls stay queued in window._ramen');
      return;
    }
    const doc = win.document;
    const script = doc.createElement('script');
    script.async = true;
    script.src = url;
    // One warning, whichever comes first: an error, or a script that neither loads nor
    // fails (a server that never answers).
    let settled = false;
    const settle = (code, message) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (code) warnOnce(code, message);
    };
    const timer = setTimeout(() => {
      settle('ramenjs_timeout', 'RamenJS did not load from ' + url + ' within ' + RAMENJS_TIMEOUT_MS / 1000 +
        ' s; calls stay queued in window._ramen until it does');
    }, RAMENJS_TIMEOUT_MS);
    script.onload = () => settle('', '');
    script.onerror = () => {
      settle('ramenjs_failed', 'could not load RamenJS from ' + url +
        " (HTTP or network error, or blocked by the page's Content-Security-Policy); calls stay queued in window._ramen");
    };
    (doc.head || doc.documentElement).appendChild(script);
  } catch (err) {
    warnOnce('ramenjs_failed', 'could not load RamenJS from ' + url + ': ' + err);
  }
}
