// Entry of the destination bundle (ramen.<hash>.js). The snippet loads it after the page's
// load event; it takes over the snippet's queue and starts the translator. Later front
// doors (analytics-next's classic destination and register() plugin) are added here and
// share lib/translator.js.

import { startStandalone } from './lib/standalone.js';

try {
  startStandalone(window);
} catch (err) {
  try {
    console.warn('[Ramen destination] could not start: ' + err);
  } catch (e) {
    // nothing left to report with
  }
}
