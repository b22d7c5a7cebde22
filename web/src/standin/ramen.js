// Local stand-in for RamenJS, for development, the demo and tests. It is NOT the Ramen
// service: it implements RamenJS's v2 queue semantics and records every call it gets so a
// page or a test can read them:
//   window.Ramen.standIn === true
//   window.Ramen.received: [[method, ...args], …] (JSON deep copies, boot included, in order)
//   window event 'ramen-standin:call' (CustomEvent, detail = the recorded entry) per call
//   after boot: window._ramen.is_booted === true and
//   window.Ramen.config.settings.organization_id
(function (win) {
  var LABEL = '[Ramen stand-in] local stand-in for RamenJS \u2014 not the real service';
  var METHODS = ['boot', 'ready', 'identify', 'group', 'track', 'page', 'reset', 'ask'];

  // copy returns a JSON deep copy; values JSON cannot hold (cycles, BigInt) become a
  // marker string instead of breaking the recording.
  function copy(value) {
    try {
      var text = JSON.stringify(value);
      return text === undefined ? null : JSON.parse(text);
    } catch (e) {
      return '[unserializable: ' + safeString(e) + ']';
    }
  }

  function safeString(value) {
    try {
      return String(value);
    } catch (e) {
      return '?';
    }
  }

  function copyEntry(method, args) {
    var entry = [method];
    for (var i = 0; i < args.length; i++) entry.push(copy(args[i]));
    // One more round trip, so a recorded entry equals what JSON would carry as a whole
    // (undefined inside arrays becomes null, as in JSON).
    return copy(entry);
  }

  try {
    if (win.Ramen && win.Ramen.standIn === true) return; // loaded twice
    try {
      win.console.info(LABEL);
    } catch (e) {}

    var received = [];
    var Ramen = {
      standIn: true,
      received: received,
      config: { settings: {} },
    };
    win.Ramen = Ramen;

    var queue = win._ramen;
    if (!queue || (typeof queue !== 'object' && typeof queue !== 'function')) {
      queue = win._ramen = [];
    }

    var handle = function (item) {
      var entry;
      try {
        if (!item || typeof item.length !== 'number' || typeof item[0] !== 'string') return;
        var method = item[0];
        var args = Array.prototype.slice.call(item, 1);
        entry = copyEntry(method, args);
        received.push(entry);
        if (method === 'boot') {
          var options = copy(args[1]);
          var settings = options && typeof options === 'object' && !Array.isArray(options) ? options : {};
          settings.organization_id = copy(args[0]);
          Ramen.config.settings = settings;
          queue.is_booted = true;
        }
      } catch (e) {
        return;
      }
      try {
        win.dispatchEvent(new CustomEvent('ramen-standin:call', { detail: entry }));
      } catch (e) {
        // a listener's problem is not the caller's
      }
    };

    // Drain what was queued before this script loaded, then replace push: from now on
    // every stub method call lands here directly ("loaded" means push is no longer
    // Array.prototype.push).
    var queued = Array.prototype.slice.call(queue);
    queue.length = 0;
    queue.push = function () {
      for (var i = 0; i < arguments.length; i++) handle(arguments[i]);
      return 0;
    };
    for (var m = 0; m < METHODS.length; m++) {
      (function (name) {
        if (typeof queue[name] === 'function') return;
        queue[name] = function () {
          var entry = Array.prototype.slice.call(arguments);
          entry.unshift(name);
          queue.push(entry);
        };
      })(METHODS[m]);
    }
    for (var i = 0; i < queued.length; i++) handle(queued[i]);
  } catch (e) {
    try {
      win.console.warn('[Ramen stand-in] could not start: ' + e);
    } catch (e2) {}
  }
})(window);
