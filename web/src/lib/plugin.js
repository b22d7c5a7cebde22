// The analytics-next destination plugin for analytics.register(plugin): a site that
// builds its own analytics-next (npm) or does not want the CDN-loaded destination adds
// Ramen this way. Served as an ES module and exposed by the classic destination script
// as window.RamenDestination.plugin.

import { EventDoor, DEFAULT_RAMENJS_URL, subscribeReset } from './eventdoor.js';
import { warnOnce } from './log.js';
import { pinIntegrity } from './loader.js';

/* global RAMEN_WASM_FILE, RAMEN_BUILD, RAMEN_WASM_INTEGRITY */
// Set by the build (esbuild define): the translator's content-hashed file name under
// /assets/, its Subresource Integrity value, and the build's short hash, which is the
// plugin's version.
const WASM_FILE = typeof RAMEN_WASM_FILE === 'string' ? RAMEN_WASM_FILE : '';
const WASM_INTEGRITY = typeof RAMEN_WASM_INTEGRITY === 'string' ? RAMEN_WASM_INTEGRITY : '';
export const VERSION = typeof RAMEN_BUILD === 'string' ? RAMEN_BUILD : '0';

// builtWasmUrl returns the URL of the translator this build names, under base, and pins
// its integrity value so a tampered or stale copy is refused; '' without a base. A
// wasm_url given by the site is not pinned: it may name another build.
export function builtWasmUrl(base) {
  if (!base || !WASM_FILE) return '';
  const url = base + '/assets/' + WASM_FILE;
  pinIntegrity(url, WASM_INTEGRITY);
  return url;
}

// How long analytics.ready() may wait for the translator: a stalled download must not
// hold back the site's own ready callbacks.
const READY_WAIT_MS = 5000;

// makePlugin returns the plugin for options:
//   organization_id  required: Ramen's organization id (other Ramen boot options such as
//                    environment or custom_links may be given too)
//   asset_base       this server's public base URL, e.g. https://ramen-cdn.example.com;
//                    default: derived from the URL the script was loaded from
//   wasm_url         the translator's URL; default asset_base + /assets/ + the built name
//   ramenjs_url      where RamenJS is loaded from; default RamenJS's own CDN
// derivedBase is the base URL worked out from where this script was served ('' if none).
export function makePlugin(options, derivedBase) {
  const opts = options && typeof options === 'object' ? options : {};
  let base = typeof opts.asset_base === 'string' ? opts.asset_base.replace(/\/+$/, '') : derivedBase;
  let wasmUrl = typeof opts.wasm_url === 'string' ? opts.wasm_url : '';
  if (!wasmUrl) wasmUrl = builtWasmUrl(base);
  if (!wasmUrl) {
    warnOnce('asset_base_missing', 'the Ramen plugin does not know where its translator is: pass asset_base (the Ramen destination server\'s URL) to plugin()');
  }
  let door = null;
  const getDoor = () => {
    if (!door) {
      door = new EventDoor(globalThis, {
        settings: opts,
        wasmUrl,
        ramenjsUrl: typeof opts.ramenjs_url === 'string' ? opts.ramenjs_url : DEFAULT_RAMENJS_URL,
      });
    }
    return door;
  };
  let resetSubscribed = false;
  const deliver = (type) => (ctx) => {
    try {
      getDoor().deliver(type, ctx && ctx.event);
    } catch (e) {
      // never throw into analytics-next's pipeline
    }
    return ctx;
  };

  return {
    name: 'Ramen',
    type: 'destination',
    version: VERSION,
    isLoaded: () => door !== null && door.running(),
    // analytics-next calls load without awaiting it and chains .catch on its result, so
    // it must return a Promise; events arrive before it settles and are queued.
    load: async (ctx, analytics) => {
      try {
        const d = getDoor();
        if (!resetSubscribed) resetSubscribed = subscribeReset(analytics, d);
        d.start();
      } catch (e) {
        warnOnce('plugin_load_failed', 'the Ramen plugin could not start: ' + e);
      }
      return ctx;
    },
    // analytics.ready() awaits this: it resolves once the translator runs (or failed, or
    // READY_WAIT_MS passed), never rejects.
    ready: () => {
      let timer;
      const waited = new Promise((resolve) => {
        timer = setTimeout(() => resolve(false), READY_WAIT_MS);
      });
      return Promise.race([getDoor().start(), waited]).then((ok) => {
        clearTimeout(timer);
        return ok;
      });
    },
    identify: deliver('identify'),
    group: deliver('group'),
    page: deliver('page'),
    track: deliver('track'),
    alias: (ctx) => ctx,
  };
}
