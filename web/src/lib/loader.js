// Fetches, compiles and starts the Go WebAssembly translator (start-up steps of
// wasm/PROTOCOL.md).

import { newGoHost } from './gohost.js';

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
  return {
    call: (requestJSON) => boundary.call(requestJSON),
    exited: () => stopped || go.exited === true,
  };
}

// instantiate compiles while downloading when the server labels the module
// application/wasm (instantiateStreaming insists on it), and falls back to buffering the
// bytes otherwise, so a misconfigured server costs speed, not function.
async function instantiate(url, imports) {
  let response;
  try {
    response = await fetch(url, { credentials: 'omit' });
  } catch (err) {
    throw new Error('could not fetch ' + url + ' (network error or blocked by CORS): ' + err);
  }
  if (!response.ok) {
    throw new Error('could not fetch ' + url + ': HTTP ' + response.status);
  }
  const type = (response.headers.get('Content-Type') || '').split(';')[0].trim().toLowerCase();
  if (type === 'application/wasm' && typeof WebAssembly.instantiateStreaming === 'function') {
    try {
      return await WebAssembly.instantiateStreaming(response, imports);
    } catch (err) {
      throw new Error('could not compile ' + url + ': ' + err);
    }
  }
  try {
    return await WebAssembly.instantiate(await response.arrayBuffer(), imports);
  } catch (err) {
    throw new Error('could not compile ' + url + ': ' + err);
  }
}
