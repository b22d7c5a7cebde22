// The fast path across the boundary (wasm/PROTOCOL.md, "Fast path"): the request's
// UTF-8 JSON is written straight into the Go program's memory and handled by an
// exported WebAssembly function. It avoids the js.FuncOf call, which resumes Go's
// scheduler and costs about 15 µs per call even for an empty answer.

// exportCall returns call(requestJSON) → answerJSON over the module's exports, or null
// when the module has none (an older build): the caller then uses __ramenWasm.call.
// exited() tells whether the Go program has stopped; calling into a stopped runtime
// throws, as __ramenWasm.call does.
export function exportCall(exports, exited) {
  if (
    !exports ||
    typeof exports.ramen_request !== 'function' ||
    typeof exports.ramen_call !== 'function' ||
    typeof exports.ramen_answer !== 'function' ||
    !(exports.mem instanceof WebAssembly.Memory) ||
    typeof TextEncoder !== 'function' ||
    typeof TextDecoder !== 'function'
  ) {
    return null;
  }
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  return (requestJSON) => {
    if (exited()) throw new Error('Go program has already exited');
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    const room = Math.max(1, requestJSON.length * 3);
    const at = exports.ramen_request(room);
    if (!at) throw new Error('the translator could not take a request of ' + room + ' bytes');
    // Read the memory's buffer after the export: the call may have grown it.
    const { written } = encoder.encodeInto(requestJSON, new Uint8Array(exports.mem.buffer, at, room));
    const length = exports.ramen_call(written);
    // A Go program that exited during the call leaves no answer; the caller checks
    // exited() next, as after __ramenWasm.call.
    if (exited()) return '';
    return decoder.decode(new Uint8Array(exports.mem.buffer, exports.ramen_answer(), length));
  };
}
