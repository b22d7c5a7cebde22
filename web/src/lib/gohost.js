// Go's wasm_exec.js installs polyfills named fs, process and path, plus its Go class, on
// the global object. On a customer's page those names are not ours to take: a global
// `process` makes other libraries believe they run in Node, and a page may run its own Go
// program with its own Go class. So the Go runtime gets a private view of the global
// object: those names (and the boundary object __ramenWasm) live in the view, every other
// name reads and writes the real global.
//
// Consequence for Go code: js.Global() is this view, not window itself. Window methods
// that check their receiver (setTimeout, fetch, …) must be called with
// js.Global().Get(name).Invoke(…), not js.Global().Call(name, …).

import defineGo from 'go:wasm_exec';

const PRIVATE_NAMES = ['fs', 'process', 'path', 'Go', '__ramenWasm'];

// newGoHost returns {Go, own}: the Go class bound to a private view of realGlobal, and the
// object holding the view's private names.
export function newGoHost(realGlobal) {
  const own = Object.create(null);
  for (const name of PRIVATE_NAMES) own[name] = undefined;
  const view = new Proxy(Object.create(null), {
    get(_, name) {
      return name in own ? own[name] : Reflect.get(realGlobal, name);
    },
    set(_, name, v) {
      if (name in own) own[name] = v;
      else Reflect.set(realGlobal, name, v);
      return true;
    },
    has(_, name) {
      return name in own || name in realGlobal;
    },
    deleteProperty(_, name) {
      if (name in own) {
        own[name] = undefined;
        return true;
      }
      return Reflect.deleteProperty(realGlobal, name);
    },
  });
  return { Go: defineGo(view), own };
}
