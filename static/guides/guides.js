/* Life-situation guides: progressive enhancement of the question page and the
 * checklist. Without JavaScript the server shows the questions the answers
 * make relevant (one round trip per new question); with it, we show and hide
 * them as the citizen answers.
 *
 * A question's condition is in its `data-show-if` (JSON), the same forms as
 * indgang/guides/conditions.py `holds`:
 *   {"key": k, "equals": v}  {"key": k, "in": [..]}
 *   {"key": k, "gte"|"lte"|"gt"|"lt": n}   (numbers, or ISO dates)
 *   {"all": [..]}  {"any": [..]}  {"not": c}
 * A key without an answer makes its leaf false. Answers: yes/no → true/false,
 * choice → its value, date → "YYYY-MM-DD", number → a Number.
 */
(function () {
  "use strict";

  var ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
  var FORM_NUMBER = /^[-+]?\d+([.,]\d+)?$/;

  function isNumber(v) {
    return typeof v === "number" && isFinite(v);
  }

  function asDate(v) {
    // ISO dates compare as text; only valid calendar dates count.
    if (typeof v !== "string" || !ISO_DATE.test(v)) return null;
    var d = new Date(v + "T00:00:00Z");
    if (isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) return null;
    return v;
  }

  function same(answer, expected) {
    if (typeof answer === "boolean" || typeof expected === "boolean") {
      return typeof answer === "boolean" && typeof expected === "boolean" && answer === expected;
    }
    if (isNumber(answer) && isNumber(expected)) return answer === expected;
    var a = asDate(answer), e = asDate(expected);
    if (a !== null && e !== null) return a === e;
    return typeof answer === "string" && typeof expected === "string" && answer === expected;
  }

  function compare(answer, op, bound) {
    var left, right;
    if (isNumber(answer) && isNumber(bound)) {
      left = answer; right = bound;
    } else {
      left = asDate(answer); right = asDate(bound);
      if (left === null || right === null) return false;
    }
    if (op === "gte") return left >= right;
    if (op === "lte") return left <= right;
    if (op === "gt") return left > right;
    return left < right;
  }

  function isObject(c) {
    return c !== null && typeof c === "object" && !Array.isArray(c);
  }

  function holds(c, answers) {
    if (c === null || c === undefined) return true;
    if (!isObject(c)) return false;
    if ("all" in c) return Array.isArray(c.all) && c.all.every(function (p) { return holds(p, answers); });
    if ("any" in c) return Array.isArray(c.any) && c.any.some(function (p) { return holds(p, answers); });
    if ("not" in c) return isObject(c.not) && !holds(c.not, answers);
    if (typeof c.key !== "string" || !Object.prototype.hasOwnProperty.call(answers, c.key)) return false;
    var answer = answers[c.key];
    if (answer === null || answer === undefined) return false;
    if ("equals" in c) return same(answer, c.equals);
    if ("in" in c) return Array.isArray(c["in"]) && c["in"].some(function (o) { return same(answer, o); });
    var ops = ["gte", "lte", "gt", "lt"];
    for (var i = 0; i < ops.length; i++) {
      if (ops[i] in c) return compare(answer, ops[i], c[ops[i]]);
    }
    return false;
  }

  function answerOf(group) {
    var kind = group.getAttribute("data-kind");
    if (kind === "yes_no" || kind === "choice") {
      var checked = group.querySelector("input[type=radio]:checked");
      if (!checked) return undefined;
      if (kind === "yes_no") return checked.value === "yes" ? true : checked.value === "no" ? false : undefined;
      return checked.value;
    }
    var input = group.querySelector("input");
    var raw = input ? input.value.trim() : "";
    if (!raw) return undefined;
    if (kind === "date") return asDate(raw) === null ? undefined : raw;
    var text = raw.replace(/\s/g, "");
    if (!FORM_NUMBER.test(text)) return undefined;
    return Number(text.replace(",", "."));
  }

  function conditionOf(group) {
    var text = group.getAttribute("data-show-if");
    if (!text) return null;
    try {
      return JSON.parse(text);
    } catch (e) {
      return {};  // malformed: never shown, as on the server
    }
  }

  function update(form, announce) {
    var answers = {};
    var shown = [];
    var appeared = [];
    form.querySelectorAll("[data-guide-question]").forEach(function (group) {
      var key = group.getAttribute("data-guide-question");
      var visible = holds(conditionOf(group), answers);
      if (visible && group.hidden) {
        var label = group.querySelector("legend, label");
        if (label) appeared.push(label.textContent.trim());
      }
      group.hidden = !visible;
      group.querySelectorAll("input, select, textarea").forEach(function (el) {
        el.disabled = !visible;
      });
      if (!visible) return;
      shown.push(key);
      var answer = answerOf(group);
      if (answer !== undefined) answers[key] = answer;
    });
    var field = form.querySelector("[data-guide-shown]");
    if (field) field.value = shown.join(",");
    var live = form.querySelector("[data-guide-live]");
    if (announce && live && appeared.length) {
      live.textContent = (live.getAttribute("data-text") || "") + " " + appeared.join(" ");
    }
  }

  function init() {
    document.querySelectorAll("form[data-guide-form]").forEach(function (form) {
      update(form, false);
      form.addEventListener("change", function () { update(form, true); });
      form.addEventListener("input", function () { update(form, true); });
    });
    document.querySelectorAll("[data-guide-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
