/*
 * The rule form shows only the fieldsets of the chosen kind of rule (fieldsets marked
 * rule-kind rule-kind-<kind>). Without this script every fieldset stays shown under its heading,
 * and the server clears the fields the kind does not use.
 */
"use strict";
(function () {
    function update(select) {
        document.querySelectorAll("fieldset.rule-kind").forEach(function (fieldset) {
            const shown = !select.value || fieldset.classList.contains("rule-kind-" + select.value);
            fieldset.hidden = !shown;
        });
    }
    document.addEventListener("DOMContentLoaded", function () {
        const select = document.getElementById("id_kind");
        if (!select || !document.querySelector("fieldset.rule-kind")) {
            return;
        }
        select.addEventListener("change", function () { update(select); });
        update(select);
    });
})();
