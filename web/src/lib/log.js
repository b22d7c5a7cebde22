// Console output for the destination. The page's console belongs to the site owner, so:
// problems that guarantee Ramen rejects or never sees a call are always shown, once per
// cause; everything else waits for analytics.debug(true).

const PREFIX = '[Ramen destination]';

function print(kind, text) {
  try {
    const out = globalThis.console;
    if (out && typeof out[kind] === 'function') out[kind](PREFIX + ' ' + text);
  } catch (e) {
    // a hostile console must not break the call that is being reported
  }
}

// DIAGNOSTIC_EVENT is the window event fired for every diagnostic, whatever the debug
// setting, so a page (the debugger page, a site's own monitoring) can show them:
// a CustomEvent whose detail is {code, level, message}.
export const DIAGNOSTIC_EVENT = 'ramen-destination:diagnostic';

function announce(code, level, message) {
  try {
    const win = globalThis;
    if (typeof win.dispatchEvent !== 'function' || typeof win.CustomEvent !== 'function') return;
    const detail = { code: String(code), level: String(level), message: String(message) };
    win.dispatchEvent(new win.CustomEvent(DIAGNOSTIC_EVENT, { detail }));
  } catch (e) {
    // a listener's problem, or a hostile page, must not break the call being reported
  }
}

// Reporter prints diagnostics for one front door.
export class Reporter {
  constructor() {
    this.debug = false;
    this.shown = new Set();
  }

  // setDebug turns printing of non-error diagnostics on or off.
  setDebug(on) {
    this.debug = !!on;
  }

  // diagnostics prints a list of {code, level, message} from the translator or the glue.
  diagnostics(list) {
    if (!Array.isArray(list)) return;
    for (const d of list) {
      if (!d || typeof d !== 'object') continue;
      const code = String(d.code);
      const text = code + ': ' + String(d.message);
      announce(code, d.level, d.message);
      if (d.level === 'error') {
        // With debug on every occurrence shows; otherwise once per cause, so a bad
        // value repeated on every call does not flood the console. The message names the
        // offending value, so the same code with another value (a new problem) shows too.
        if (this.debug || !this.shown.has(text)) print('warn', text);
        this.shown.add(text);
      } else if (this.debug) {
        print(d.level === 'warn' ? 'warn' : 'info', text);
      }
    }
  }

  // problem reports something wrong in the glue itself (a load failure, a dead
  // translator, dropped data): always shown, once per code.
  problem(code, message) {
    announce(code, 'error', message);
    if (this.shown.has(code)) return;
    this.shown.add(code);
    print('warn', code + ': ' + message);
  }
}

// warnOnce reports a problem when no front door's reporter is at hand (shared code).
const shared = new Reporter();
export function warnOnce(code, message) {
  shared.problem(code, message);
}
