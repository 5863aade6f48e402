/* Indgang front desk: one live connection per screen.
 *
 * IndgangLive.connect({wsPath, pollUrl, onState, onStatus}) opens a WebSocket
 * to wsPath; the server sends the current state (read from the database) on
 * every connect and after every queue change, so nothing is lost while the
 * socket was down. It reconnects with a growing delay (1 s → 30 s) and, while
 * the socket is down, polls pollUrl (JSON, same shape) every 10 s.
 */
(function () {
  "use strict";
  var POLL_MS = 10000;
  var MAX_BACKOFF_MS = 30000;

  function connect(options) {
    var socket = null;
    var attempt = 0;
    var pollTimer = null;
    var reconnectTimer = null;
    var stopped = false;

    function status(state) {
      if (options.onStatus) options.onStatus(state);
    }

    function poll() {
      fetch(options.pollUrl, { headers: { Accept: "application/json" }, cache: "no-store" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data) options.onState(data, "poll"); })
        .catch(function () { /* the next poll tries again */ });
    }

    function startPolling() {
      if (pollTimer || !options.pollUrl) return;
      status("polling");
      poll();
      pollTimer = window.setInterval(poll, POLL_MS);
    }

    function stopPolling() {
      if (pollTimer) window.clearInterval(pollTimer);
      pollTimer = null;
    }

    function scheduleReconnect() {
      if (stopped || reconnectTimer) return;
      var delay = Math.min(MAX_BACKOFF_MS, 1000 * Math.pow(2, attempt));
      delay = delay / 2 + Math.random() * delay / 2;
      attempt += 1;
      reconnectTimer = window.setTimeout(function () {
        reconnectTimer = null;
        open();
      }, delay);
    }

    function open() {
      if (!("WebSocket" in window)) { startPolling(); return; }
      var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
      try {
        socket = new WebSocket(scheme + window.location.host + options.wsPath);
      } catch (e) {
        startPolling();
        scheduleReconnect();
        return;
      }
      socket.onopen = function () {
        attempt = 0;
        stopPolling();
        status("live");
      };
      socket.onmessage = function (event) {
        var data;
        try { data = JSON.parse(event.data); } catch (e) { return; }
        options.onState(data, "socket");
      };
      socket.onclose = function () {
        socket = null;
        if (stopped) return;
        startPolling();
        scheduleReconnect();
      };
      socket.onerror = function () { /* onclose follows */ };
    }

    open();
    return {
      stop: function () {
        stopped = true;
        stopPolling();
        if (socket) socket.close();
      }
    };
  }

  window.IndgangLive = { connect: connect };
})();
