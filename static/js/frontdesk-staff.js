/* Staff queue screen: when the location's queue changes (WebSocket, or the
 * 10 s polling fallback), fetch the queue fragment again with htmx. */
(function () {
  "use strict";
  var box = document.getElementById("queue-live");
  if (!box || !window.IndgangLive) return;
  var statusEl = document.getElementById("queue-live-status");
  var d = box.dataset;

  function refresh() {
    if (window.htmx) {
      window.htmx.ajax("GET", d.fragmentUrl, { target: "#queue-live", swap: "innerHTML" });
    } else {
      fetch(d.fragmentUrl, { headers: { "HX-Request": "true" }, cache: "no-store" })
        .then(function (r) { return r.text(); })
        .then(function (html) { box.innerHTML = html; });
    }
  }

  window.IndgangLive.connect({
    wsPath: d.wsPath,
    pollUrl: d.pollUrl,
    // Every message (on connect, after each change, or each poll): the
    // fragment is read again from the database.
    onState: function () { refresh(); },
    onStatus: function (s) {
      box.dataset.live = s;
      if (statusEl) {
        statusEl.textContent = s === "live" ? d.labelLive : d.labelPolling;
      }
    }
  });
})();
