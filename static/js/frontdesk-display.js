/* Waiting-room display: renders the called tickets pushed over the WebSocket
 * (or polled), highlights the latest, and beeps when asked to. */
(function () {
  "use strict";
  var board = document.getElementById("display-board");
  if (!board || !window.IndgangLive) return;
  var target = document.getElementById("display-called");
  var statusEl = document.getElementById("display-status");
  var soundButton = document.getElementById("display-sound");
  var d = board.dataset;
  var soundOn = false;
  var audio = null;
  var lastKey = null;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function deskSpan(desk) {
    var span = el("span", "indgang-display-desk");
    span.appendChild(el("span", "sr-only", d.labelTo + " "));
    span.appendChild(document.createTextNode(d.labelDesk + " "));
    var n = el("span", null, desk === null ? "" : String(desk));
    span.appendChild(n);
    return { span: span, number: n };
  }

  function beep() {
    if (!soundOn) return;
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.2, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
      osc.connect(gain);
      gain.connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.4);
    } catch (e) { /* no sound: fine */ }
  }

  function render(state) {
    var called = state.called || [];
    var first = called[0];
    var key = first ? first.id + ":" + first.called_at + ":" + first.call_count : "";
    if (key === lastKey) return;
    var changed = lastKey !== null;
    lastKey = key;
    target.textContent = "";
    if (!first) {
      target.appendChild(el("p", "indgang-display-empty", d.labelEmpty));
      return;
    }
    var latest = el("section", "indgang-display-latest indgang-display-new");
    latest.setAttribute("aria-labelledby", "display-latest-label");
    var h = el("h2", "indgang-display-label", d.labelLatest);
    h.id = "display-latest-label";
    latest.appendChild(h);
    var row = el("p", "indgang-display-latest-row");
    var num = el("span", "indgang-display-number", first.number);
    num.setAttribute("data-testid", "latest-number");
    row.appendChild(num);
    row.appendChild(document.createTextNode(" "));
    var arrow = el("span", "indgang-display-arrow", "→");
    arrow.setAttribute("aria-hidden", "true");
    row.appendChild(arrow);
    row.appendChild(document.createTextNode(" "));
    var desk = deskSpan(first.desk);
    desk.number.setAttribute("data-testid", "latest-desk");
    row.appendChild(desk.span);
    latest.appendChild(row);
    target.appendChild(latest);
    if (called.length > 1) {
      target.appendChild(el("h2", "sr-only", d.labelEarlier));
      var list = el("ul", "indgang-display-list");
      called.slice(1).forEach(function (t) {
        var li = el("li");
        li.appendChild(el("span", "indgang-display-number", t.number));
        li.appendChild(document.createTextNode(" "));
        li.appendChild(deskSpan(t.desk).span);
        list.appendChild(li);
      });
      target.appendChild(list);
    }
    if (changed) beep();
  }

  if (soundButton) {
    soundButton.hidden = false;
    soundButton.addEventListener("click", function () {
      soundOn = !soundOn;
      soundButton.setAttribute("aria-pressed", soundOn ? "true" : "false");
      soundButton.textContent = soundOn ? d.labelSoundOff : d.labelSoundOn;
      if (soundOn) beep();
    });
  }

  window.IndgangLive.connect({
    wsPath: d.wsPath,
    pollUrl: d.pollUrl,
    onState: render,
    onStatus: function (s) { if (statusEl) statusEl.dataset.state = s; board.dataset.live = s; }
  });
})();
