// Local stand-in for RamenJS, for development, the demo and tests. It is NOT the Ramen
// service: it implements RamenJS's v2 queue semantics and records every call it gets so a
// page or a test can read them:
//   window.Ramen.standIn === true
//   window.Ramen.received: [[method, ...args], …] (JSON deep copies, boot included, in order)
//   window event 'ramen-standin:call' (CustomEvent, detail = the recorded entry) per call
//   after boot: window._ramen.is_booted === true and
//   window.Ramen.config.settings.organization_id
// It also plays Ramen's identify endpoint, through the stand-in service on the server it
// was loaded from: each identify with a user is posted as {organization_id, user,
// options} to api/identify beside this script, and the answer (200, or 401/404 with a
// code and a reason) is recorded:
//   window.Ramen.answers: [{index, status, code?, reason?, service}, …] (index: the
//   identify's position in received; the entry itself gets an `answer` property too)
//   window event 'ramen-standin:answer' (CustomEvent, detail = the answer)
//   console.warn('[Ramen stand-in] 401 <code>: <reason>') for a refusal
// When the server's stand-in service is off, its 404 carries no code: the stand-in then
// stops posting for the rest of the page, quietly (answer.service === 'disabled').
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

  function warn(text) {
    try {
      win.console.warn('[Ramen stand-in] ' + text);
    } catch (e) {}
  }

  function announce(name, detail) {
    try {
      win.dispatchEvent(new CustomEvent(name, { detail: detail }));
    } catch (e) {
      // a listener's problem is not the caller's
    }
  }

  // serviceURL finds the stand-in service beside this script's own URL, so it follows
  // whatever host and path prefix the page loaded the stand-in from. It must run while
  // the script first executes (document.currentScript is set only then).
  function serviceURL() {
    try {
      var doc = win.document;
      var src = doc.currentScript && doc.currentScript.src;
      if (!src) {
        var scripts = doc.getElementsByTagName('script');
        for (var i = 0; i < scripts.length; i++) {
          if (/\/ramenjs-standin\/ramen\.js([?#]|$)/.test(scripts[i].src)) src = scripts[i].src;
        }
      }
      return src ? new URL('api/identify', src).href : null;
    } catch (e) {
      return null;
    }
  }

  var service = { url: serviceURL(), off: false, unreachable: false };

  // verify posts one identify to the stand-in service and records its answer. It never
  // throws, and a failure only ever costs the answer.
  function verify(Ramen, index, entry) {
    try {
      var user = entry[1];
      // identify() without a user is an anonymous visitor: nothing to verify.
      if (!user || typeof user !== 'object' || Array.isArray(user)) return;
      if (!service.url || service.off || typeof win.fetch !== 'function') return;
      var options = entry[2] && typeof entry[2] === 'object' && !Array.isArray(entry[2]) ? entry[2] : {};
      var org = Ramen.config.settings.organization_id;
      var body = JSON.stringify({ organization_id: org == null ? '' : String(org), user: user, options: options });
      var settle = function (answer) {
        answer.index = index;
        try {
          entry.answer = answer;
        } catch (e) {}
        Ramen.answers.push(answer);
        announce('ramen-standin:answer', answer);
      };
      win
        .fetch(service.url, {
          method: 'POST',
          mode: 'cors',
          credentials: 'omit',
          headers: { 'Content-Type': 'application/json' },
          body: body,
        })
        .then(function (res) {
          return res.json().then(
            function (json) {
              return { status: res.status, json: json && typeof json === 'object' ? json : {} };
            },
            function () {
              return { status: res.status, json: {} };
            }
          );
        })
        .then(
          function (r) {
            var json = r.json;
            if (r.status === 404 && !json.code) {
              service.off = true; // no stand-in service on this server: stay quiet
              settle({ status: 404, service: 'disabled', reason: String(json.error || 'no stand-in service') });
              return;
            }
            var answer = { status: r.status, service: 'stand-in' };
            if (r.status !== 200) {
              answer.code = String(json.code || 'bad_request');
              answer.reason = String(json.reason || json.error || 'the stand-in service refused the request');
              warn(r.status + ' ' + answer.code + ': ' + answer.reason);
            }
            settle(answer);
          },
          function (err) {
            if (!service.unreachable) warn('could not reach the stand-in service at ' + service.url + ': ' + safeString(err));
            service.unreachable = true;
            settle({ status: 0, service: 'unreachable', reason: safeString(err) });
          }
        )
        .catch(function () {});
    } catch (e) {
      // never into the page
    }
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
      answers: [],
      serviceUrl: service.url,
      config: { settings: {} },
    };
    win.Ramen = Ramen;

    var queue = win._ramen;
    if (!queue || (typeof queue !== 'object' && typeof queue !== 'function')) {
      queue = win._ramen = [];
    }

    var handle = function (item) {
      var entry, index;
      try {
        if (!item || typeof item.length !== 'number' || typeof item[0] !== 'string') return;
        var method = item[0];
        var args = Array.prototype.slice.call(item, 1);
        entry = copyEntry(method, args);
        index = received.push(entry) - 1;
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
      announce('ramen-standin:call', entry);
      if (entry[0] === 'identify') verify(Ramen, index, entry);
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
