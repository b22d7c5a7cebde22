// Entry of the ES module build of the analytics-next destination plugin, served as
// /assets/ramen-plugin.<hash>.mjs:
//
//   import { plugin } from 'https://ramen-cdn.example.com/assets/ramen-plugin.<hash>.mjs';
//   analytics.register(plugin({ organization_id: '6389149' }));
//
// Imported from this server, it finds the translator beside itself. Copied into a site's
// own bundle, its URL says nothing about this server: pass asset_base then.

import { makePlugin, VERSION } from './lib/plugin.js';

// The module's own URL names this server only while it is the file the server serves.
const SERVED_NAME = /^(.*)\/assets\/ramen-plugin\.[0-9a-f]{8}\.mjs(?:[?#].*)?$/;

function servedBase() {
  try {
    const m = SERVED_NAME.exec(String(import.meta.url));
    return m ? m[1] : '';
  } catch (e) {
    return '';
  }
}

const base = servedBase();

// plugin returns an analytics-next destination plugin named "Ramen" (see
// lib/plugin.js for the options).
export function plugin(options) {
  return makePlugin(options, base);
}

// version is the build's short hash, also the plugin's version.
export const version = VERSION;

export default plugin;
