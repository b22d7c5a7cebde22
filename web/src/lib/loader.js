// Fetches, compiles and starts the Go WebAssembly translator (start-up steps of
// wasm/PROTOCOL.md).

import { newGoHost } from './gohost.js';
import { exportCall } from './fastcall.js';

// startGo resolves to {call, exited} once the Go program has called __ramenWasm.ready():
// call(requestJSON) → answerJSON; exited() reports whether the program has stopped.
// onExit(reason) is called once if the program stops later. It rejects (with a message
// naming the cause) when the module cannot be fetched, compiled or started.
export async function startGo(wasmUrl, onExit) {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    throw new Error('this browser does not support WebAssembly');
  }
  const host = newGoHost(globalThis);
  const go = new host.Go();
  let exitCode = null;
  go.exit = (code) => {
    exitCode = code;
  };

  let markReady;
  const ready = new Promise((resolve) => {
    markReady = resolve;
  });
  host.own.__ramenWasm = { ready: () => markReady() };

  const { instance } = await instantiate(wasmUrl, go.importObject);

  let stopped = false;
  const stop = (reason) => {
    if (stopped) return;
    stopped = true;
    onExit(reason);
  };
  const running = go.run(instance).then(
    () => stop('the Go program exited' + (exitCode ? ' with code ' + exitCode : '')),
    (err) => stop('the Go program crashed: ' + err),
  );
  await Promise.race([
    ready,
    running.then(() => {
      throw new Error('the Go program stopped before it was ready');
    }),
  ]);
  const boundary = host.own.__ramenWasm;
  if (!boundary || typeof boundary.call !== 'function') {
    throw new Error('the Go program did not register __ramenWasm.call');
  }
  const exited = () => stopped || go.exited === true;
  return {
    call: exportCall(instance.exports, exited) || ((requestJSON) => boundary.call(requestJSON)),
    exited,
  };
}

// Subresource Integrity values of module URLs (pinIntegrity); fetch refuses a body that
// does not match.
const pinned = new Map();

// pinIntegrity makes later loads of url check its bytes against integrity
// ("sha384-…", from the snippet configuration). Empty values are ignored.
export function pinIntegrity(url, integrity) {
  if (typeof url === 'string' && typeof integrity === 'string' && integrity !== '') pinned.set(url, integrity);
}

// instantiate compiles while downloading when the server labels the module
// application/wasm (instantiateStreaming insists on it), and falls back to buffering the
// bytes otherwise, so a misconfigured server costs speed, not function.
async function instantiate(url, imports) {
  let response;
  const csp = watchCSP(url);
  try {
    const init = { credentials: 'omit' };
    if (pinned.has(url)) init.integrity = pinned.get(url);
    response = await fetch(url, init);
  } catch (err) {
    // The browser reports a Content-Security-Policy refusal in an event of its own,
    // dispatched after fetch rejects; wait a turn for it so the warning names the cause.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const directive = csp.stop();
    if (directive) {
      throw new Error('could not fetch ' + url + ': the page\'s Content-Security-Policy (' + directive +
        ') blocks it; connect-src must allow the asset host');
    }
    if (pinned.has(url)) throw new Error('could not fetch ' + url + await integrityFailure(url, err));
    throw new Error('could not fetch ' + url + ' (network error or blocked by CORS): ' + err);
  }
  csp.stop();
  if (!response.ok) {
    throw new Error('could not fetch ' + url + ': HTTP ' + response.status);
  }
  const type = (response.headers.get('Content-Type') || '').split(';')[0].trim().toLowerCase();
  if (type === 'application/wasm' && typeof WebAssembly.instantiateStreaming === 'function') {
    try {
      return await WebAssembly.instantiateStreaming(response, imports);
    } catch (err) {
      throw compileError(url, err);
    }
  }
  try {
    return await WebAssembly.instantiate(await response.arrayBuffer(), imports);
  } catch (err) {
    throw compileError(url, err);
  }
}

// integrityFailure tells the causes a fetch with an integrity value hides apart: the
// browser turns an HTTP error into the same network error as a tampered body. A HEAD
// request (whose body is never used) reads the status.
async function integrityFailure(url, err) {
  try {
    const head = await fetch(url, { method: 'HEAD', credentials: 'omit' });
    if (!head.ok) return ': HTTP ' + head.status;
    return ': its content does not match the integrity value in the snippet (a tampered or stale copy; the file was not run)';
  } catch (e) {
    return ' (network error or blocked by CORS): ' + err;
  }
}

// compileError names the fix when the page's Content-Security-Policy is what refused to
// compile the module (browsers say so in the error's text).
function compileError(url, err) {
  const text = String(err);
  if (/Content.Security.Policy|unsafe-eval/i.test(text)) {
    return new Error('could not compile ' + url + ": the page's Content-Security-Policy must allow 'wasm-unsafe-eval' in script-src (" + text + ')');
  }
  return new Error('could not compile ' + url + ': ' + text);
}

// watchCSP records the first Content-Security-Policy violation for url until stop(),
// which returns the violated directive ('' when none).
function watchCSP(url) {
  let directive = '';
  const doc = globalThis.document;
  const listener = (event) => {
    // Browsers may shorten a cross-origin blocked URL to its origin.
    const blocked = String(event.blockedURI || '');
    if (directive || (blocked && url.indexOf(blocked) !== 0)) return;
    directive = String(event.effectiveDirective || event.violatedDirective || 'a directive');
  };
  try {
    doc.addEventListener('securitypolicyviolation', listener);
  } catch (e) {
    return { stop: () => '' };
  }
  return {
    stop: () => {
      try {
        doc.removeEventListener('securitypolicyviolation', listener);
      } catch (e) {
        // nothing to undo
      }
      return directive;
    },
  };
}
