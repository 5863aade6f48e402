/* Indgang agent console (/personale/chat/): progressive enhancement only.
 *
 * - The queue box (#chat-status: waiting count, "2 af 3 chats", my chats) is
 *   fetched again whenever /ws/chat/agents/ says the queue changed or a chat
 *   was transferred to me (every few seconds while that socket is down), and
 *   replaced only when it changed.
 * - The selected chat listens on /ws/chat/<id>/ (staff session). Every event
 *   is a cue to fetch the messages after the last seq shown; items are added
 *   once, in seq order. While the socket is down the fragment is polled and the
 *   socket reconnects with a growing delay.
 * - "Indsæt link" and canned answers (links that work without JavaScript)
 *   insert their text at the cursor in the message box instead of reloading.
 * - After an htmx send the box is swapped fresh and the list catches up.
 */
(function () {
  "use strict";
  var MAX_BACKOFF_MS = 30000;

  function fetchText(url) {
    return fetch(url, {
      headers: { "HX-Request": "true" },
      credentials: "same-origin",
      cache: "no-store"
    }).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.text();
    });
  }

  /* One WebSocket with a polling fallback: while the socket is down, poll()
   * every pollMs and reconnect with a growing delay (1 s → 30 s). */
  function liveConnect(options) {
    var pollTimer = null;
    var attempt = 0;
    var reconnectTimer = null;

    function startPolling() {
      options.onStatus("polling");
      if (pollTimer) return;
      options.poll();
      pollTimer = window.setInterval(options.poll, options.pollMs);
    }
    function stopPolling() {
      if (pollTimer) window.clearInterval(pollTimer);
      pollTimer = null;
    }
    function scheduleReconnect() {
      if (reconnectTimer) return;
      var delay = Math.min(MAX_BACKOFF_MS, 1000 * Math.pow(2, attempt));
      delay = delay / 2 + Math.random() * delay / 2;
      attempt += 1;
      reconnectTimer = window.setTimeout(function () { reconnectTimer = null; open(); }, delay);
    }
    function open() {
      if (!("WebSocket" in window)) { startPolling(); return; }
      var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
      var socket;
      try {
        socket = new WebSocket(scheme + window.location.host + options.path());
      } catch (e) {
        startPolling();
        scheduleReconnect();
        return;
      }
      socket.onopen = function () {
        attempt = 0;
        stopPolling();
        options.onStatus("live");
        options.poll();  // catch up on what happened before the socket opened
      };
      socket.onmessage = function (event) {
        var data;
        try { data = JSON.parse(event.data); } catch (e) { return; }
        options.onEvent(data);
      };
      socket.onclose = function () { startPolling(); scheduleReconnect(); };
      socket.onerror = function () { /* onclose follows */ };
    }
    open();
  }

  // ---------------------------------------------------------------- queue box
  var statusBox = document.getElementById("chat-status");
  var lastStatus = statusBox ? statusBox.innerHTML.trim() : "";
  function refreshStatus() {
    if (!statusBox) return;
    fetchText(statusBox.dataset.statusUrl).then(function (html) {
      html = html.trim();
      if (html === lastStatus) return;
      var focused = statusBox.contains(document.activeElement)
        ? document.activeElement.getAttribute("href") : null;
      statusBox.innerHTML = html;
      lastStatus = html;
      if (focused) {
        var same = statusBox.querySelector('a[href="' + focused + '"]');
        if (same) same.focus();
      }
    }).catch(function () { /* the next cue tries again */ });
  }
  if (statusBox) {
    liveConnect({
      path: function () { return statusBox.dataset.wsPath; },
      pollMs: 1000 * (parseInt(statusBox.dataset.pollSeconds, 10) || 5),
      poll: refreshStatus,
      onEvent: function () { refreshStatus(); },
      onStatus: function (s) { statusBox.dataset.live = s; }
    });
  }

  // ------------------------------------------------------------ the chat log
  var live = document.getElementById("chat-live");
  var list = document.getElementById("chat-messages");
  var liveStatus = document.getElementById("chat-live-status");

  function lastSeq() {
    var max = 0;
    list.querySelectorAll("li[data-seq]").forEach(function (li) {
      var seq = parseInt(li.dataset.seq, 10);
      if (seq > max) max = seq;
    });
    return max;
  }

  var fetching = null;
  var again = false;
  function catchUp() {
    if (!list) return;
    if (fetching) { again = true; return; }
    var url = live.dataset.messagesUrl + "?after=" + lastSeq();
    fetching = fetchText(url).then(function (html) {
      var box = document.createElement("ol");
      box.innerHTML = html;
      var added = false;
      box.querySelectorAll("li[data-seq]").forEach(function (li) {
        var seq = parseInt(li.dataset.seq, 10);
        if (list.querySelector('li[data-seq="' + seq + '"]')) return;
        var before = null;
        list.querySelectorAll("li[data-seq]").forEach(function (other) {
          if (!before && parseInt(other.dataset.seq, 10) > seq) before = other;
        });
        list.insertBefore(li, before);
        added = true;
      });
      if (added) {
        var empty = document.getElementById("chat-no-messages");
        if (empty) empty.remove();
      }
    }).catch(function () { /* the next cue tries again */ }).then(function () {
      fetching = null;
      if (again) { again = false; catchUp(); }
    });
  }

  if (live && list) {
    liveConnect({
      path: function () { return live.dataset.wsPath + "?after=" + lastSeq(); },
      pollMs: 1000 * (parseInt(live.dataset.pollSeconds, 10) || 5),
      poll: catchUp,
      onEvent: function (data) {
        if (data.type === "message") catchUp();
        if (data.type === "state" && data.status === "closed") window.location.reload();
      },
      onStatus: function (s) {
        live.dataset.live = s;
        if (liveStatus) {
          liveStatus.textContent = s === "live" ? live.dataset.labelLive : live.dataset.labelPolling;
        }
      }
    });
    document.body.addEventListener("chat-sent", catchUp);
  }

  // --------------------------------------------- insert link / canned answer
  function insertIntoBox(text) {
    var box = document.querySelector("#chat-compose textarea");
    if (!box) return false;
    var start = box.selectionStart != null ? box.selectionStart : box.value.length;
    var end = box.selectionEnd != null ? box.selectionEnd : box.value.length;
    var before = box.value.slice(0, start);
    var after = box.value.slice(end);
    var lead = before && !/\s$/.test(before) ? " " : "";
    var tail = after && !/^\s/.test(after) ? " " : "";
    box.value = before + lead + text + tail + after;
    var caret = (before + lead + text).length;
    box.focus();
    box.setSelectionRange(caret, caret);
    return true;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("[data-insert-text]") : null;
    if (!link) return;
    if (insertIntoBox(link.dataset.insertText)) event.preventDefault();
  });

  document.body.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    var form = document.getElementById("chat-compose");
    if (form && (target === form || (target && target.id === "chat-compose"))) {
      var box = form.querySelector("textarea");
      if (box) box.focus();
    }
  });
})();
