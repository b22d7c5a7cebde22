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
      if (d.level === 'error') {
        // With debug on every occurrence shows; otherwise once per cause, so a bad
        // value repeated on every call does not flood the console.
        if (this.debug || !this.shown.has(code)) print('warn', text);
        this.shown.add(code);
      } else if (this.debug) {
        print(d.level === 'warn' ? 'warn' : 'info', text);
      }
    }
  }

  // problem reports something wrong in the glue itself (a load failure, a dead
  // translator, dropped data): always shown, once per code.
  problem(code, message) {
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
