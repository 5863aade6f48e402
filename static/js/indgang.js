/* Indgang: progressive enhancement only; every page works without JavaScript.
 *
 * Loaded in <head> without defer so the `js` class is set before first paint.
 * Accordions are rendered open (usable without JavaScript); with DKFDS loaded
 * we close those marked `indgang-collapse-on-load` and let DKFDS drive them.
 */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  document.addEventListener("DOMContentLoaded", function () {
    try {
      if (window.DKFDS) {
        document
          .querySelectorAll(".indgang-collapse-on-load .accordion-button")
          .forEach(function (button) {
            button.setAttribute("aria-expanded", "false");
          });
        window.DKFDS.init();
      }
    } finally {
      root.classList.add("js-ready");
    }
  });
})();
