/* The self-referral form: the error summary takes focus when the page loads, and its
   links move focus to the question, showing its label or legend as well as the box,
   unfolding the optional group that holds it.
   Loaded with `defer` from this site; no inline script anywhere. */
(function () {
  "use strict";

  var summary = document.querySelector("[data-error-summary]");
  if (!summary) {
    return;
  }
  summary.focus();

  function questionFor(target) {
    // Radios and checkbox groups: the group's legend. Anything else: its own label.
    var group = target.closest("fieldset.choices");
    var question = group
      ? group.querySelector("legend")
      : document.querySelector('label[for="' + target.id + '"]');
    return question || target;
  }

  summary.addEventListener("click", function (event) {
    var link = event.target.closest('a[href^="#"]');
    if (!link) {
      return;
    }
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) {
      return;
    }
    event.preventDefault();
    // A question folded away in an optional group (closed again by the person, since the
    // server shows groups with an error open) is unfolded before focus moves to it.
    var group = target.closest("details");
    while (group) {
      group.open = true;
      group = group.parentElement.closest("details");
    }
    if (!target.matches("input, select, textarea, button, a[href]")) {
      target.setAttribute("tabindex", "-1");
    }
    questionFor(target).scrollIntoView();
    target.focus({ preventScroll: true });
  });
})();
