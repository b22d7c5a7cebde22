// Entry of the classic destination script, which analytics-next loads from
//   {cdn}/next-integrations/integrations/ramen/{version}/ramen.dynamic.js.gz
// when its settings name a "Ramen" integration of type "browser". analytics-next then
// reads window.ramenDeps (scripts to load first: none), calls window.ramenLoader() once,
// and makes `new window.ramenIntegration(settings)`; see lib/classic.js for the rest.
//
// The same script gives pages window.RamenDestination.plugin(options), the factory of the
// analytics.register() plugin, for sites that prefer to register the destination
// themselves.
//
// Both find the translator on the server that served this script: its URL up to
// "/next-integrations/" is that server's public base URL.

import { RamenIntegration } from './lib/classic.js';
import { makePlugin, VERSION } from './lib/plugin.js';
import { assetBase } from './lib/eventdoor.js';

(function (win) {
  try {
    // Only readable while this script first runs.
    const script = win.document && win.document.currentScript;
    const base = assetBase(script && script.src, '/next-integrations/');
    RamenIntegration.assetBase = base;
    win.ramenDeps = [];
    win.ramenLoader = function () {};
    win.ramenIntegration = RamenIntegration;
    win.RamenDestination = {
      version: VERSION,
      plugin: (options) => makePlugin(options, base),
    };
  } catch (err) {
    try {
      console.warn('[Ramen destination] could not start: ' + err);
    } catch (e) {
      // nothing left to report with
    }
  }
})(window);
