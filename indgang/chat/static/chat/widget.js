/* Indgang chat widget: the loader a municipality puts on its website.
 *
 *   <script src="https://<indgang>/chat/widget.js" defer></script>
 *
 * Served by Indgang at /chat/widget.js (this file plus a call to start() with
 * the translated labels and the chat page's paths). It adds a "Chat med
 * kommunen" button to the page; the button opens a panel with the chat page
 * in an iframe, whose origin is Indgang, so the chat's API calls and
 * WebSocket are same-origin. Optional attribute on the script tag:
 * data-lang="en" (default: the page's <html lang>, else Danish).
 *
 * Keyboard: the launcher is a real button (aria-expanded); Escape closes the
 * panel (also from inside the iframe, which posts "indgang-chat:close") and
 * the focus returns to the launcher. The panel stays loaded while closed, so
 * a running chat keeps going; it reopens on the site's next page in the same
 * tab. Styles live in a shadow root and do not touch the host page.
 */
(function () {
  "use strict";
  if (window.IndgangChatWidget) return;

  var OPEN_KEY = "indgang.chat.widget.open";
  var CSS = [
    ":host { all: initial; }",
    ".launcher, .close { font-family: 'IBM Plex Sans', system-ui, -apple-system, 'Segoe UI', Arial, sans-serif; }",
    ".launcher { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000;",
    "  display: inline-flex; align-items: center; gap: 8px; min-height: 48px; padding: 12px 20px;",
    "  font-size: 16px; font-weight: 600; line-height: 1.25; color: #fff; background: #0059b3;",
    "  border: 2px solid #0059b3; border-radius: 4px; box-shadow: 0 2px 8px rgba(0,0,0,.3); cursor: pointer; }",
    ".launcher:hover { background: #004993; border-color: #004993; text-decoration: underline; }",
    ".launcher:focus-visible, .close:focus-visible { outline: 4px solid #747474; outline-offset: 2px; }",
    ".launcher[aria-expanded='true'] { display: none; }",
    ".launcher svg { width: 20px; height: 20px; flex: none; }",
    ".badge { display: inline-block; min-width: 10px; height: 10px; border-radius: 5px; background: #fff; border: 2px solid #0059b3; box-shadow: 0 0 0 2px #fff; }",
    ".badge[hidden] { display: none; }",
    ".panel { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; display: flex; flex-direction: column;",
    "  width: 400px; max-width: calc(100vw - 32px); height: 640px; max-height: calc(100vh - 32px);",
    "  background: #fff; border: 1px solid #747474; border-radius: 4px; box-shadow: 0 4px 16px rgba(0,0,0,.3); }",
    ".panel[hidden] { display: none; }",
    ".bar { display: flex; align-items: center; justify-content: space-between; gap: 8px; padding: 4px 4px 4px 16px;",
    "  background: #0059b3; color: #fff; font: 600 16px/1.25 'IBM Plex Sans', system-ui, sans-serif; }",
    ".close { min-width: 44px; min-height: 44px; padding: 8px 12px; font-size: 16px; font-weight: 600; color: #fff;",
    "  background: transparent; border: 2px solid #fff; border-radius: 4px; cursor: pointer; }",
    ".close:hover { background: #004993; }",
    "iframe { flex: 1 1 auto; width: 100%; border: 0; }",
    "@media (max-width: 480px) { .panel { right: 0; bottom: 0; width: 100vw; max-width: 100vw; height: 100%; max-height: 100%; border-radius: 0; } }"
  ].join("\n");
  var ICON = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" ' +
    'd="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"/></svg>';

  function remembered() {
    try { return window.sessionStorage.getItem(OPEN_KEY) === "1"; } catch (e) { return false; }
  }
  function remember(open) {
    try {
      if (open) window.sessionStorage.setItem(OPEN_KEY, "1");
      else window.sessionStorage.removeItem(OPEN_KEY);
    } catch (e) { /* nothing to remember with */ }
  }

  function build(config, script) {
    var origin;
    try {
      origin = new URL(script && script.src ? script.src : config.base, window.location.href).origin;
    } catch (e) {
      origin = config.base;
    }
    var lang = (script && script.getAttribute("data-lang")) || document.documentElement.lang || "da";
    lang = /^en/i.test(lang) ? "en" : "da";
    var labels = config.labels[lang];
    var src = origin + config.paths[lang] + "?embed=1";

    var host = document.createElement("div");
    host.id = "indgang-chat-widget";
    var shadow = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
    var style = document.createElement("style");
    style.textContent = CSS;
    shadow.appendChild(style);

    var launcher = document.createElement("button");
    launcher.type = "button";
    launcher.className = "launcher";
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-controls", "indgang-chat-panel");
    launcher.innerHTML = ICON;
    var launcherText = document.createElement("span");
    launcherText.textContent = labels.open;
    launcher.appendChild(launcherText);
    var badge = document.createElement("span");
    badge.className = "badge";
    badge.hidden = true;
    var unreadText = document.createElement("span");
    unreadText.style.cssText = "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;";
    unreadText.textContent = " (" + labels.unread + ")";
    badge.appendChild(unreadText);
    launcher.appendChild(badge);

    var panel = document.createElement("div");
    panel.className = "panel";
    panel.id = "indgang-chat-panel";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", labels.panel);
    panel.hidden = true;
    var bar = document.createElement("div");
    bar.className = "bar";
    var title = document.createElement("span");
    title.textContent = labels.panel;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "close";
    close.textContent = labels.close;
    bar.appendChild(title);
    bar.appendChild(close);
    panel.appendChild(bar);
    var frame = null;

    shadow.appendChild(launcher);
    shadow.appendChild(panel);
    document.body.appendChild(host);

    function focusChat() {
      if (!frame) return;
      try { frame.contentWindow.postMessage({ type: "indgang-chat:focus" }, origin); } catch (e) { /* ignore */ }
    }

    function open(options) {
      if (!frame) {
        frame = document.createElement("iframe");
        frame.title = labels.title;
        frame.src = src;
        if (options.focus) frame.addEventListener("load", focusChat, { once: true });
        panel.appendChild(frame);
      }
      panel.hidden = false;
      launcher.setAttribute("aria-expanded", "true");
      badge.hidden = true;
      remember(true);
      if (options.focus) {
        frame.focus();
        focusChat();
      }
    }

    function hide() {
      if (panel.hidden) return;
      panel.hidden = true;
      launcher.setAttribute("aria-expanded", "false");
      remember(false);
      launcher.focus();
    }

    launcher.addEventListener("click", function () { open({ focus: true }); });
    close.addEventListener("click", hide);
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        hide();
      }
    });
    window.addEventListener("message", function (event) {
      if (!frame || event.source !== frame.contentWindow || event.origin !== origin) return;
      var type = event.data && event.data.type;
      if (type === "indgang-chat:close") hide();
      else if (type === "indgang-chat:activity" && panel.hidden) badge.hidden = false;
    });
    if (remembered()) open({ focus: false });
  }

  window.IndgangChatWidget = {
    start: function (config) {
      if (window.IndgangChatWidget.started) return;
      window.IndgangChatWidget.started = true;
      var script = document.currentScript;
      if (document.body) build(config, script);
      else document.addEventListener("DOMContentLoaded", function () { build(config, script); });
    }
  };
})();
