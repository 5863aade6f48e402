/* Kiosk: go back to the start page after a while without touch or keys. The
 * page works without this: the citizen presses "Færdig". */
(function () {
  "use strict";
  var box = document.querySelector("[data-kiosk-return]");
  if (!box) return;
  var seconds = parseInt(box.getAttribute("data-kiosk-return"), 10) || 20;
  var home = box.getAttribute("data-kiosk-home");
  var timer = null;
  var note = box.querySelector(".indgang-kiosk-return");
  if (note) note.hidden = false;

  function arm() {
    if (timer) window.clearTimeout(timer);
    timer = window.setTimeout(function () { window.location.assign(home); }, seconds * 1000);
  }
  ["pointerdown", "keydown", "input"].forEach(function (type) {
    document.addEventListener(type, arm, { passive: true });
  });
  arm();
})();
