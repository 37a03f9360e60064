// Small improvements on pages that work fully without JavaScript.
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  // --- Conditional questions -----------------------------------------------------------------
  // The server decides what is shown; this only shows or hides a question as the runner
  // answers the question it depends on, with the same rules as triage.engine.types.Condition.

  function answerOf(form, name) {
    var inputs = form.querySelectorAll('[name="' + name + '"]');
    var multi = false;
    var values = [];
    inputs.forEach(function (input) {
      if (input.type === "hidden") return;
      if (input.type === "checkbox") multi = true;
      if (input.disabled) return;
      if (input.type === "radio" || input.type === "checkbox") {
        if (input.checked) values.push(input.value);
      } else if (input.value !== "") {
        values.push(input.value);
      }
    });
    if (multi) return values;
    return values.length ? values[0] : null;
  }

  function holds(operator, expected, answer) {
    if (answer === null) return false; // an unanswered question never meets a condition
    var list = expected.split(",").map(function (v) { return v.trim(); }).filter(Boolean);
    switch (operator) {
      case "empty": return answer.length === 0;
      case "not_empty": return answer.length > 0;
      case "gte": return Number(answer) >= Number(expected);
      case "lte": return Number(answer) <= Number(expected);
      case "includes": return answer.indexOf(expected) !== -1;
      case "excludes": return answer.indexOf(expected) === -1;
      case "includes_any": return list.some(function (v) { return answer.indexOf(v) !== -1; });
      case "in": return list.indexOf(String(answer)) !== -1;
      case "not_in": return list.indexOf(String(answer)) === -1;
      case "eq": return String(answer) === expected;
      case "ne": return String(answer) !== expected;
      default: return true;
    }
  }

  function updateConditions(form) {
    // In page order, so that hiding a question also hides the questions that depend on it.
    form.querySelectorAll("[data-condition-question]").forEach(function (block) {
      var shown = holds(
        block.dataset.conditionOperator,
        block.dataset.conditionValue,
        answerOf(form, block.dataset.conditionQuestion)
      );
      block.hidden = !shown;
      block.querySelectorAll("input, select, textarea").forEach(function (input) {
        input.disabled = !shown;
      });
    });
  }

  // --- Body map ------------------------------------------------------------------------------

  function setUpBodyMap(fieldset) {
    function box(choice) {
      return fieldset.querySelector('input[type="checkbox"][value="' + choice + '"]');
    }
    function sync() {
      fieldset.querySelectorAll("[data-choice]").forEach(function (region) {
        var input = box(region.dataset.choice);
        region.classList.toggle("is-selected", Boolean(input && input.checked));
      });
    }
    fieldset.querySelectorAll("[data-choice]").forEach(function (region) {
      region.addEventListener("click", function () {
        var input = box(region.dataset.choice);
        if (!input || input.disabled) return;
        input.checked = !input.checked;
        input.dispatchEvent(new Event("change", { bubbles: true }));
      });
    });
    fieldset.addEventListener("change", sync);
    sync();
  }

  // --- "None of these" -----------------------------------------------------------------------

  function setUpExclusive(group) {
    var none = group.querySelector("[data-exclusive] input[type=checkbox]");
    if (!none) return;
    group.addEventListener("change", function (event) {
      var target = event.target;
      if (target.type !== "checkbox" || !target.checked) return;
      group.querySelectorAll("input[type=checkbox]").forEach(function (input) {
        if (target === none ? input !== none : input === none) input.checked = false;
      });
    });
  }

  function setUpStepForm(form) {
    updateConditions(form);
    form.addEventListener("change", function () { updateConditions(form); });
    form.addEventListener("input", function () { updateConditions(form); });
    // One submit at a time: a double tap must not send the answers twice.
    form.addEventListener("submit", function (event) {
      if (form.dataset.submitting) {
        event.preventDefault();
        return;
      }
      form.dataset.submitting = "1";
    });
    window.addEventListener("pageshow", function () { delete form.dataset.submitting; });
  }

  function ready() {
    document.querySelectorAll("[data-step-form]").forEach(setUpStepForm);
    document.querySelectorAll("[data-body-map]").forEach(setUpBodyMap);
    document.querySelectorAll("[data-exclusive-group]").forEach(setUpExclusive);
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
    var focus = document.querySelector("[data-focus-on-load]");
    if (focus) focus.focus();
    registerServiceWorker();
    openDisclosuresToPrint();
  }

  // --- Print: every disclosure opened, then closed again as it was ---------------------------
  function openDisclosuresToPrint() {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details:not([open])").forEach(function (details) {
        details.open = true;
        opened.push(details);
      });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (details) { details.open = false; });
      opened = [];
    });
  }

  // --- Offline home page ---------------------------------------------------------------------
  // The home page with the emergency signs opens without a connection (see sw.js).
  function registerServiceWorker() {
    var script = document.querySelector("script[data-service-worker]");
    if (!script || !("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register(script.dataset.serviceWorker, { scope: "/" }).catch(function () {});
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
