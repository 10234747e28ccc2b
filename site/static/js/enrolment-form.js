/* The public forms: a box that belongs to one answer ("Your own word" under "My own word")
   shows once that answer is chosen; the error summary takes focus when the page loads, and
   its links move focus to the question, showing its label or legend as well as the box,
   unfolding the optional group that holds it.
   Loaded with `defer` from this site; no inline script anywhere. Without it every box is
   simply shown. */
(function () {
  "use strict";

  // A box is never hidden while it holds something or an error: nothing typed goes out
  // of sight, and every error has a visible place.
  Array.prototype.forEach.call(document.querySelectorAll("[data-shown-when]"), function (box) {
    var rule = box.getAttribute("data-shown-when").split("=");
    var answers = document.querySelectorAll('input[name="' + rule[0] + '"]');
    var typed = box.querySelector("input, textarea");
    if (!answers.length || !typed) {
      return;
    }
    function update() {
      var chosen = document.querySelector('input[name="' + rule[0] + '"]:checked');
      box.hidden = !(
        (chosen && chosen.value === rule[1]) ||
        typed.value.trim() ||
        box.classList.contains("field--error")
      );
    }
    Array.prototype.forEach.call(answers, function (answer) {
      answer.addEventListener("change", update);
    });
    update();
  });

  var summary = document.querySelector("[data-error-summary]");
  if (!summary) {
    return;
  }
  // Focus without the browser's own scroll, which would stop wherever the summary's last
  // line shows (with the header half under the quick exit bar). The page stays at its top,
  // where the summary's heading is in sight, unless that heading is below the screen.
  summary.focus({ preventScroll: true });
  var heading = summary.querySelector("h2") || summary;
  if (heading.getBoundingClientRect().bottom > window.innerHeight) {
    summary.scrollIntoView();
  }

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
