/* Indgang: the citizen's chat page (/chat/, also inside the widget's iframe).
 *
 * - While the citizen types the question, public articles are suggested
 *   (GET /api/v1/knowledge/search/?audience=public, debounced) in an
 *   aria-live region.
 * - "Start chat" → POST /api/v1/chat/conversations/. The id, the token and
 *   the question are kept in sessionStorage, so a reload resumes the chat.
 * - Live: a WebSocket to /ws/chat/<id>/?token=…&after=<last seq> (the server
 *   first sends what was missed). While it is down the page polls the state
 *   and GET …/messages/?after=<last seq> every 5 s, and reconnects with a
 *   growing delay (1 s → 10 s; at once when the browser is back online).
 * - Messages are shown by seq: each seq once (dedupe), each in its place
 *   (inserted in order); a gap in the numbers fetches what is missing.
 * - Sending: each message gets a client_id (crypto.randomUUID) and is posted
 *   until the server acknowledges it with its seq (the same client_id twice
 *   is stored once); unacknowledged messages survive a reload.
 * - Escape in the widget's iframe asks the loader to close the panel.
 */
(function () {
  "use strict";

  var root = document.getElementById("chat");
  var configEl = document.getElementById("chat-config");
  if (!root || !configEl) return;
  var cfg = JSON.parse(configEl.textContent);
  var T = cfg.strings;
  var STORE_KEY = "indgang.chat.v1";
  var POLL_MS = 5000;
  var MAX_BACKOFF_MS = 10000;
  var MAX_SEND_BACKOFF_MS = 30000;
  var SEARCH_DELAY_MS = 350;
  var MIN_SEARCH_LENGTH = 3;
  var TZ = "Europe/Copenhagen";
  var embedded = window.parent !== window;

  function $(id) { return document.getElementById(id); }
  var startSection = $("chat-start");
  var questionForm = $("chat-question-form");
  var question = questionForm.querySelector("textarea");
  var questionGroup = $("chat-question-group");
  var questionError = $(question.id + "_error");
  var startButton = $("chat-start-button");
  var suggestionsEl = $("chat-suggestions");
  var session = $("chat-session");
  var sessionHeading = $("chat-session-heading");
  var statusEl = $("chat-status");
  var connectionEl = $("chat-connection");
  var list = $("chat-messages");
  var outboxEl = $("chat-outbox");
  var sendForm = $("chat-send-form");
  var text = $("chat-text");
  var textGroup = $("chat-text-group");
  var textError = $("chat-text-error");
  var waitSuggestions = $("chat-wait-suggestions");
  var newButton = $("chat-new");

  function fmt(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_m, key) {
      return values[key] === undefined ? "" : String(values[key]);
    });
  }

  // --- Storage (sessionStorage; in memory when the browser refuses it) -----------------

  var memoryStore = null;
  function load() {
    try {
      var raw = window.sessionStorage.getItem(STORE_KEY);
      return raw ? JSON.parse(raw) : null;
    } catch (e) {
      return memoryStore;
    }
  }
  function save() {
    var data = conv ? {
      id: conv.id,
      token: conv.token,
      question: conv.question,
      outbox: outbox.map(function (item) { return { client_id: item.client_id, text: item.text }; })
    } : null;
    memoryStore = data;
    try {
      if (data) window.sessionStorage.setItem(STORE_KEY, JSON.stringify(data));
      else window.sessionStorage.removeItem(STORE_KEY);
    } catch (e) { /* kept in memory */ }
  }

  function uuid() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); });
    return h.slice(0, 4).join("") + "-" + h.slice(4, 6).join("") + "-" + h.slice(6, 8).join("") +
      "-" + h.slice(8, 10).join("") + "-" + h.slice(10).join("");
  }

  // --- HTTP ------------------------------------------------------------------------------

  function api(path, options) {
    options = options || {};
    var headers = { Accept: "application/json" };
    if (conv) headers["X-Chat-Token"] = conv.token;
    if (options.body !== undefined) headers["Content-Type"] = "application/json";
    return fetch(path, {
      method: options.method || "GET",
      headers: headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      cache: "no-store",
      credentials: "omit"
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: response.status, data: data };
      });
    });
  }

  function conversationUrl(suffix) {
    return cfg.conversations + conv.id + "/" + (suffix || "");
  }

  function firstError(data) {
    if (!data) return "";
    if (data.detail) return String(data.detail);
    for (var key in data) {
      if (Object.prototype.hasOwnProperty.call(data, key) && data[key] && data[key].length) {
        return String(data[key][0]);
      }
    }
    return "";
  }

  // --- Suggestions while typing ----------------------------------------------------------

  function renderSuggestions(target, results, heading) {
    target.textContent = "";
    if (!results.length) return;
    var h = document.createElement("h2");
    h.className = "h4 chat-suggestions-heading";
    h.textContent = heading;
    var ul = document.createElement("ul");
    ul.className = "chat-suggestion-list";
    results.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = item.url;
      a.target = "_blank";
      a.rel = "noopener";
      a.textContent = item.title;
      var sr = document.createElement("span");
      sr.className = "sr-only";
      sr.textContent = " " + T.new_window;
      a.appendChild(sr);
      li.appendChild(a);
      ul.appendChild(li);
    });
    target.appendChild(h);
    target.appendChild(ul);
  }

  var searchTimer = null;
  var searchCounter = 0;
  var lastQuery = null;
  function searchSoon() {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(searchNow, SEARCH_DELAY_MS);
  }
  function searchNow() {
    var q = question.value.trim();
    if (q === lastQuery) return;
    lastQuery = q;
    var mine = ++searchCounter;
    if (q.length < MIN_SEARCH_LENGTH) {
      renderSuggestions(suggestionsEl, [], T.suggestions);
      return;
    }
    var url = cfg.search + "?audience=public&limit=5&q=" + encodeURIComponent(q.slice(0, 200));
    fetch(url, { headers: { Accept: "application/json" }, credentials: "omit" })
      .then(function (r) { return r.ok ? r.json() : { results: [] }; })
      .then(function (data) {
        if (mine !== searchCounter) return; // an answer to an older query
        renderSuggestions(suggestionsEl, data.results || [], T.suggestions);
      })
      .catch(function () { /* suggestions are a help, not a must */ });
  }

  // --- Messages ---------------------------------------------------------------------------

  var conv = null; // {id, token, question}
  var seen = {}; // seq → true
  var lastSeq = 0; // every seq up to this one is shown
  var maxSeq = 0;
  var agentName = null;
  var outbox = []; // [{client_id, text, el, tries, inflight, timer}]

  var URL_RE = /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]])/g;
  function appendText(el, value) {
    // Links in a message (e.g. an article the agent sends) become links; nothing is HTML.
    var last = 0;
    value.replace(URL_RE, function (match, _g, offset) {
      if (offset > last) el.appendChild(document.createTextNode(value.slice(last, offset)));
      var a = document.createElement("a");
      a.href = match;
      a.target = "_blank";
      a.rel = "noopener";
      a.textContent = match;
      el.appendChild(a);
      last = offset + match.length;
      return match;
    });
    if (last < value.length) el.appendChild(document.createTextNode(value.slice(last)));
  }

  function clockText(iso) {
    var d = iso ? new Date(iso) : new Date();
    try {
      return new Intl.DateTimeFormat(cfg.language, {
        hour: "2-digit", minute: "2-digit", timeZone: TZ
      }).format(d);
    } catch (e) {
      return d.toTimeString().slice(0, 5);
    }
  }

  function authorText(author) {
    if (author === "citizen") return T.you;
    return agentName ? fmt(T.agent_named, { agent: agentName }) : T.agent;
  }

  function messageElement(tag, m) {
    var li = document.createElement(tag);
    li.className = "chat-message chat-message--" + m.author;
    li.setAttribute("data-author", m.author);
    var meta = document.createElement("p");
    meta.className = "chat-message-meta";
    meta.textContent = fmt(T.wrote_at, { author: authorText(m.author), time: clockText(m.at) });
    var body = document.createElement("p");
    body.className = "chat-message-text";
    appendText(body, m.text);
    li.appendChild(meta);
    li.appendChild(body);
    return li;
  }

  function addMessage(m) {
    var seq = Number(m.seq);
    if (!seq || seen[seq]) return; // each seq once
    seen[seq] = true;
    var li = messageElement("li", m);
    li.setAttribute("data-seq", String(seq));
    // In seq order, whatever order the messages arrive in.
    var before = null;
    for (var i = list.children.length - 1; i >= 0; i--) {
      var other = Number(list.children[i].getAttribute("data-seq"));
      if (other > seq) before = list.children[i];
      else break;
    }
    list.insertBefore(li, before);
    if (m.author === "citizen") settleOutbox(m.text);
    else if (embedded) window.parent.postMessage({ type: "indgang-chat:activity" }, "*");
    while (seen[lastSeq + 1]) lastSeq += 1;
    if (seq > maxSeq) maxSeq = seq;
    if (maxSeq > lastSeq) catchUp(); // a gap: fetch what is missing
    li.scrollIntoView({ block: "nearest" });
  }

  var catching = false;
  var catchAgain = false;
  function catchUp() {
    if (!conv) return;
    if (catching) { catchAgain = true; return; }
    catching = true;
    catchAgain = false;
    api(conversationUrl("messages/?after=" + lastSeq))
      .then(function (r) {
        if (r.status === 404) { forget(true); return; }
        if (r.status === 200) (r.data.messages || []).forEach(addMessage);
      })
      .catch(function () { /* the next poll or reconnect tries again */ })
      .then(function () {
        catching = false;
        if (catchAgain) catchUp();
      });
  }

  // --- Sending (retried until acknowledged) ------------------------------------------------

  function showTextError(message) {
    textError.textContent = message;
    textError.hidden = !message;
    textGroup.classList.toggle("form-error", !!message);
    if (message) text.setAttribute("aria-describedby", "chat-text-hint chat-text-error");
    else text.setAttribute("aria-describedby", "chat-text-hint");
  }

  function queueMessage(value, clientId) {
    var item = { client_id: clientId || uuid(), text: value, tries: 0, inflight: false };
    item.el = messageElement("li", { author: "citizen", text: value });
    item.el.classList.add("chat-message--pending");
    var state = document.createElement("p");
    state.className = "chat-message-meta";
    state.textContent = T.sending;
    item.el.appendChild(state);
    outboxEl.appendChild(item.el);
    outbox.push(item);
    save();
    post(item);
  }

  function post(item) {
    if (!conv || item.inflight || item.done) return;
    item.inflight = true;
    window.clearTimeout(item.timer);
    api(conversationUrl("messages/"), {
      method: "POST", body: { text: item.text, client_id: item.client_id }
    }).then(function (r) {
      item.inflight = false;
      if (r.status === 200 || r.status === 201) {
        acknowledge(item, r.data.seq);
      } else if (r.status >= 400 && r.status < 500 && r.status !== 408 && r.status !== 429) {
        drop(item);
        showTextError(fmt(T.send_failed, { error: firstError(r.data) }));
        if (r.status === 404) forget(true);
        else if (r.status === 409) refreshState();
      } else {
        retryLater(item);
      }
    }).catch(function () {
      item.inflight = false;
      retryLater(item);
    });
  }

  function retryLater(item) {
    item.tries += 1;
    var delay = Math.min(MAX_SEND_BACKOFF_MS, 1000 * Math.pow(2, item.tries - 1));
    window.clearTimeout(item.timer);
    item.timer = window.setTimeout(function () { post(item); }, delay);
  }

  function flushOutbox() {
    outbox.forEach(function (item) { if (!item.inflight) post(item); });
  }

  function drop(item) {
    item.done = true;
    window.clearTimeout(item.timer);
    if (item.el.parentNode) item.el.parentNode.removeChild(item.el);
    outbox = outbox.filter(function (other) { return other !== item; });
    save();
  }

  function acknowledge(item, seq) {
    drop(item);
    if (seq && !seen[seq]) {
      addMessage({ seq: seq, author: "citizen", text: item.text, at: new Date().toISOString() });
    }
  }

  function settleOutbox(value) {
    // The socket may bring our own message before the POST's answer: hide
    // the pending copy (it is still posted until acknowledged).
    for (var i = 0; i < outbox.length; i++) {
      if (!outbox[i].el.hidden && outbox[i].text.trim() === String(value).trim()) {
        outbox[i].el.hidden = true;
        return;
      }
    }
  }

  // --- State --------------------------------------------------------------------------------

  var dateFormat = null;
  function whenText(iso) {
    if (!iso) return "";
    try {
      dateFormat = dateFormat || new Intl.DateTimeFormat(cfg.language, {
        weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit",
        timeZone: TZ
      });
      return dateFormat.format(new Date(iso));
    } catch (e) {
      return iso;
    }
  }

  function waitText(seconds) {
    if (seconds === null || seconds === undefined) return T.wait_unknown;
    var minutes = Math.ceil(seconds / 60);
    var value = seconds < 60 ? T.wait_soon : minutes === 1 ? T.wait_minute :
      fmt(T.wait_minutes, { minutes: minutes });
    return fmt(T.wait, { wait: value });
  }

  var lastStatusText = null;
  function setStatus(message) {
    if (message === lastStatusText) return; // announce changes only
    lastStatusText = message;
    statusEl.textContent = message;
  }

  function renderState(state) {
    if (!state || !state.status) return;
    session.setAttribute("data-status", state.status);
    if (state.agent) agentName = state.agent;
    var ended = state.status === "closed";
    if (state.status === "waiting") {
      if (state.open) {
        setStatus(fmt(T.queue, { position: state.queue_position || 1 }) + " " +
          waitText(state.expected_wait_seconds));
      } else if (state.next_opening) {
        setStatus(fmt(T.closed_waiting, { when: whenText(state.next_opening) }));
      } else {
        setStatus(T.closed_waiting_no_time);
      }
    } else if (state.status === "active") {
      setStatus(state.agent ? fmt(T.active, { agent: state.agent }) : T.active_anonymous);
    } else if (ended) {
      setStatus(T.ended);
    }
    sendForm.hidden = ended;
    newButton.hidden = !ended;
    if (ended) stopLive();
  }

  function refreshState() {
    if (!conv) return;
    api(conversationUrl()).then(function (r) {
      if (r.status === 404) forget(true);
      else if (r.status === 200) renderState(r.data);
    }).catch(function () { /* offline: try again later */ });
  }

  // --- Live: WebSocket, polling while it is down ----------------------------------------------

  var socket = null;
  var attempt = 0;
  var reconnectTimer = null;
  var pollTimer = null;
  var live = false;
  var wasLive = false;

  function setLive(value) {
    session.setAttribute("data-live", value);
    if (value === "live") {
      if (wasLive && connectionEl.textContent) connectionEl.textContent = T.live_back;
      wasLive = true;
    } else if (value === "polling" && wasLive) {
      connectionEl.textContent = T.live_lost;
    }
  }

  function poll() {
    refreshState();
    catchUp();
    flushOutbox();
  }

  function startPolling() {
    if (pollTimer || !conv) return;
    setLive("polling");
    poll();
    pollTimer = window.setInterval(poll, POLL_MS);
  }

  function stopPolling() {
    if (pollTimer) window.clearInterval(pollTimer);
    pollTimer = null;
  }

  function scheduleReconnect() {
    if (reconnectTimer || !live) return;
    var delay = Math.min(MAX_BACKOFF_MS, 1000 * Math.pow(2, attempt));
    attempt += 1;
    reconnectTimer = window.setTimeout(function () {
      reconnectTimer = null;
      openSocket();
    }, delay);
  }

  function openSocket() {
    if (!conv || !live || socket) return;
    if (!("WebSocket" in window)) { startPolling(); return; }
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var url = scheme + window.location.host + cfg.ws + conv.id + "/?token=" +
      encodeURIComponent(conv.token) + "&after=" + lastSeq;
    var ws;
    try {
      ws = new WebSocket(url);
    } catch (e) {
      startPolling();
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = function () {
      if (socket !== ws) return;
      attempt = 0;
      stopPolling();
      setLive("live");
      catchUp(); // what the server sent before we knew it (belt and braces)
      flushOutbox();
    };
    ws.onmessage = function (event) {
      if (socket !== ws) return;
      var data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (data.type === "message") addMessage(data);
      else if (data.type === "state") renderState(data);
    };
    ws.onclose = function () {
      if (socket !== ws) return;
      socket = null;
      if (!live) return;
      startPolling();
      scheduleReconnect();
    };
    ws.onerror = function () { /* onclose follows */ };
  }

  function startLive() {
    live = true;
    openSocket();
  }

  function stopLive() {
    live = false;
    stopPolling();
    window.clearTimeout(reconnectTimer);
    reconnectTimer = null;
    if (socket) {
      var ws = socket;
      socket = null;
      ws.close();
    }
    session.setAttribute("data-live", "off");
  }

  window.addEventListener("online", function () {
    if (!conv) return;
    if (live && !socket) {
      window.clearTimeout(reconnectTimer);
      reconnectTimer = null;
      attempt = 0;
      openSocket();
    }
    flushOutbox();
    catchUp();
  });

  // --- Starting, resuming, ending -----------------------------------------------------------

  function showQuestionError(message) {
    questionError.textContent = message;
    questionError.hidden = !message;
    questionGroup.classList.toggle("form-error", !!message);
    var described = question.id + "_helptext" + (message ? " " + question.id + "_error" : "");
    question.setAttribute("aria-describedby", described);
    if (message) question.setAttribute("aria-invalid", "true");
    else question.removeAttribute("aria-invalid");
  }

  function showSession(focus) {
    startSection.hidden = true;
    session.hidden = false;
    sendForm.hidden = false;
    newButton.hidden = true;
    var q = $("chat-question-shown");
    if (!q) {
      q = document.createElement("div");
      q.id = "chat-question-shown";
      q.className = "chat-message chat-message--citizen chat-question";
      list.parentNode.insertBefore(q, list);
    }
    q.textContent = "";
    var meta = document.createElement("p");
    meta.className = "chat-message-meta";
    meta.textContent = T.you;
    var body = document.createElement("p");
    body.className = "chat-message-text";
    appendText(body, conv.question || "");
    q.appendChild(meta);
    q.appendChild(body);
    if (focus) sessionHeading.focus();
  }

  function begin(data, focus) {
    conv = { id: data.id, token: data.token, question: data.question };
    save();
    showSession(focus);
    startLive();
  }

  function start() {
    var q = question.value.trim();
    if (!q) {
      showQuestionError(T.question_required);
      question.focus();
      return;
    }
    showQuestionError("");
    startButton.disabled = true;
    api(cfg.conversations, { method: "POST", body: { question: q, language: cfg.language } })
      .then(function (r) {
        startButton.disabled = false;
        if (r.status === 201) {
          begin({ id: r.data.id, token: r.data.token, question: q }, true);
          renderState({
            status: "waiting",
            open: r.data.open,
            queue_position: r.data.queue_position,
            expected_wait_seconds: r.data.expected_wait_seconds,
            next_opening: null
          });
          if (!r.data.open) refreshState(); // for the next opening time
          renderSuggestions(waitSuggestions, r.data.suggestions || [], T.suggestions_waiting);
        } else if (r.status === 429) {
          showQuestionError(T.too_many);
          question.focus();
        } else if (r.status === 400) {
          showQuestionError(firstError(r.data) || T.start_failed);
          question.focus();
        } else {
          showQuestionError(T.start_failed);
        }
      })
      .catch(function () {
        startButton.disabled = false;
        showQuestionError(T.start_failed);
      });
  }

  function forget(gone) {
    stopLive();
    outbox.forEach(function (item) { window.clearTimeout(item.timer); item.done = true; });
    outbox = [];
    conv = null;
    save();
    seen = {};
    lastSeq = 0;
    maxSeq = 0;
    agentName = null;
    lastStatusText = null;
    wasLive = false;
    list.textContent = "";
    outboxEl.textContent = "";
    waitSuggestions.textContent = "";
    connectionEl.textContent = "";
    var shown = $("chat-question-shown");
    if (shown) shown.parentNode.removeChild(shown);
    session.hidden = true;
    startSection.hidden = false;
    if (gone) showQuestionError(T.gone);
  }

  // --- Wiring ---------------------------------------------------------------------------------

  Array.prototype.forEach.call(root.querySelectorAll(".chat-nojs"), function (el) {
    el.hidden = true;
  });
  startButton.hidden = false;
  question.addEventListener("input", searchSoon);
  startButton.addEventListener("click", start);
  questionForm.addEventListener("submit", function (event) {
    event.preventDefault();
    start();
  });
  sendForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var value = text.value.trim();
    if (!value) {
      showTextError(T.text_required);
      text.focus();
      return;
    }
    showTextError("");
    text.value = "";
    queueMessage(value);
    text.focus();
  });
  text.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (sendForm.requestSubmit) sendForm.requestSubmit();
      else sendForm.dispatchEvent(new Event("submit", { cancelable: true }));
    }
  });
  newButton.addEventListener("click", function () {
    forget(false);
    question.value = "";
    lastQuery = null;
    renderSuggestions(suggestionsEl, [], T.suggestions);
    question.focus();
  });
  if (embedded) {
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") window.parent.postMessage({ type: "indgang-chat:close" }, "*");
    });
    // The loader opened the panel: put the focus where the citizen writes.
    window.addEventListener("message", function (event) {
      if (event.source !== window.parent || !event.data) return;
      if (event.data.type === "indgang-chat:focus") (session.hidden ? question : text).focus();
    });
  }

  // Resume a chat from this browser tab (a reload, or another page of the site).
  var stored = load();
  if (stored && stored.id && stored.token) {
    begin(stored, false);
    (stored.outbox || []).forEach(function (item) { queueMessage(item.text, item.client_id); });
    refreshState();
    catchUp();
  } else if (question.value.trim()) {
    searchNow();
  }
})();
