/*
 * Condition rows in the admin: once a question is chosen, the value box becomes a list of that
 * question's choices, and operators that do not fit the question are greyed out. Without this
 * script the value stays a text box and the server checks it the same way.
 */
"use strict";
(function () {
    const LIST_OPERATORS = ["in", "not_in", "includes_any"];
    const VALUELESS_OPERATORS = ["empty", "not_empty"];
    let questions = null;

    function sibling(input, name) {
        // conditions-0-value -> conditions-0-question; shown_when_value -> shown_when_question
        const target = input.name.replace(/value$/, name);
        return input.form ? input.form.elements.namedItem(target) : null;
    }

    function update(input) {
        const questionSelect = sibling(input, "question");
        const operatorSelect = sibling(input, "operator");
        if (!questionSelect || !operatorSelect) {
            return;
        }
        const question = questions[questionSelect.value];
        for (const option of operatorSelect.options) {
            const fits = !question || !option.value || question.operators.includes(option.value);
            option.disabled = !fits;
        }
        let picker = input.nextElementSibling;
        if (!picker || !picker.matches("select[data-condition-picker]")) {
            picker = null;
        }
        const operator = operatorSelect.value;
        const usesChoices = question && question.kind !== "number" && question.choices.length > 0;
        if (VALUELESS_OPERATORS.includes(operator)) {
            input.value = "";
        }
        if (!usesChoices || VALUELESS_OPERATORS.includes(operator)) {
            if (picker) {
                picker.remove();
            }
            input.hidden = VALUELESS_OPERATORS.includes(operator);
            return;
        }
        if (!picker) {
            picker = document.createElement("select");
            picker.dataset.conditionPicker = "";
            picker.setAttribute("aria-label", input.getAttribute("aria-label") || "value");
            picker.addEventListener("change", function () {
                input.value = Array.from(picker.selectedOptions, (option) => option.value).join(",");
            });
            input.after(picker);
        }
        const current = input.value.split(",").map((part) => part.trim()).filter(Boolean);
        picker.multiple = LIST_OPERATORS.includes(operator);
        picker.replaceChildren();
        if (!picker.multiple) {
            picker.append(new Option("---------", ""));
        }
        for (const [slug, label] of question.choices) {
            picker.append(new Option(label + " (" + slug + ")", slug, false, current.includes(slug)));
        }
        picker.size = picker.multiple ? Math.min(question.choices.length, 6) : 1;
        input.hidden = true;
    }

    function updateAll(root) {
        root.querySelectorAll("input[data-condition-value]").forEach(update);
    }

    document.addEventListener("DOMContentLoaded", function () {
        const data = document.getElementById("condition-questions");
        if (!data) {
            return;
        }
        questions = JSON.parse(data.textContent);
        updateAll(document);
        document.addEventListener("change", function (event) {
            const name = event.target.name || "";
            if (/(question|operator)$/.test(name) && event.target.form) {
                const input = event.target.form.elements.namedItem(name.replace(/(question|operator)$/, "value"));
                if (input && input.matches && input.matches("[data-condition-value]")) {
                    update(input);
                }
            }
        });
        document.addEventListener("formset:added", function (event) {
            updateAll(event.target);
        });
    });
})();
