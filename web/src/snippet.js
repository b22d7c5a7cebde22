// The snippet a site pastes (inline or with <script src>). It must stay tiny and must never
// throw into the page: it only queues calls and, after the page's load event, fetches the
// bundle that does the work. The server replaces the placeholder string below, quotes
// included, with the source's JSON configuration.
(function (win, doc) {
  var config = "__RAMEN_SNIPPET_CONFIG__";
  var methods = ['identify', 'group', 'page', 'track', 'reset', 'ready', 'debug'];

  function warn(message) {
    try {
      win.console.warn('[Ramen destination] ' + message);
    } catch (e) {}
  }

  try {
    var analytics = win.analytics;
    if (!config || typeof config != 'object') {
      return warn('snippet has no configuration; nothing is sent');
    }
    if (analytics && analytics._ramenDestination) {
      return; // pasted twice: the first copy already runs
    }
    // A real analytics.js (or Segment's own snippet, whose queue it will replay) owns
    // window.analytics; taking it over would steal its calls.
    if (analytics && (!Array.isArray(analytics) || analytics.invoked || analytics.initialized)) {
      return warn('window.analytics is already analytics.js; this snippet does nothing (use the analytics.js integration instead)');
    }
    analytics = win.analytics = analytics || [];
    analytics._ramenDestination = config;
    // Created here, not in the bundle, so a page can await it right away.
    analytics._ramenReady = new Promise(function (resolve) {
      analytics._ramenResolveReady = resolve;
    });
    for (var i = 0; i < methods.length; i++) {
      (function (method) {
        analytics[method] = function () {
          try {
            var entry = Array.prototype.slice.call(arguments);
            entry.unshift(method);
            analytics.push(entry);
          } catch (e) {}
          return analytics;
        };
      })(methods[i]);
    }

    var loading = false;
    var load = function () {
      try {
        if (loading) return;
        loading = true;
        var script = doc.createElement('script');
        script.async = true;
        script.crossOrigin = 'anonymous';
        script.src = config.bundleUrl;
        if (config.bundleIntegrity) script.integrity = config.bundleIntegrity;
        // One warning per page, whichever comes first: an error, or a bundle that neither
        // loads nor fails (a server that never answers). Calls stay queued meanwhile.
        var failed = false;
        var fail = function (message) {
          if (!failed && !analytics._ramenStarted) warn(message);
          failed = true;
        };
        setTimeout(function () {
          fail('bundle_timeout: ' + config.bundleUrl + ' did not load within 10 s; calls stay queued until it does');
        }, 1e4);
        script.onerror = function () {
          fail('bundle_failed: could not load ' + config.bundleUrl + ' (HTTP or network error, integrity mismatch, or blocked by the page\'s Content-Security-Policy); calls are not sent');
          analytics._ramenResolveReady(false);
        };
        (doc.head || doc.documentElement).appendChild(script);
      } catch (e) {
        warn('could not start: ' + e);
      }
    };
    // After the load event the bundle cannot delay the page.
    if (doc.readyState == 'complete') load();
    else win.addEventListener('load', load);
  } catch (e) {
    warn('could not start: ' + e);
  }
})(window, document);
