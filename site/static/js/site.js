/* Quick exit, the folding menu and the print button. Loaded with `defer`; no inline script anywhere. */
(function () {
  "use strict";

  var exits = document.querySelectorAll("[data-quick-exit]");
  var SHIFT_PRESSES = 3;
  var SHIFT_WINDOW_MS = 2000;

  function quickExit(event) {
    if (event) {
      event.preventDefault();
    }
    var destination = exits[0].getAttribute("href");
    // Hide the page at once, before the neutral site has loaded.
    document.documentElement.classList.add("is-leaving");
    document.title = "";
    // replace(), not assign(): this page is dropped from the history entry.
    window.location.replace(destination);
  }

  if (exits.length) {
    exits.forEach(function (link) {
      link.addEventListener("click", quickExit);
    });

    // Shift pressed three times in a row. Any other key starts the count
    // again, so typing capital letters never triggers it.
    var presses = [];
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Shift") {
        presses = [];
        return;
      }
      if (event.repeat) {
        return;
      }
      var now = Date.now();
      presses = presses.filter(function (time) {
        return now - time < SHIFT_WINDOW_MS;
      });
      presses.push(now);
      if (presses.length >= SHIFT_PRESSES) {
        presses = [];
        quickExit();
      }
    });
  }

  // Printing writes each link's address after it (print.css), except where the link's
  // text already is the address, as with most email addresses and phone numbers.
  function plain(text) {
    return text
      .replace(/^(mailto:|tel:|https?:\/\/)/i, "")
      .replace(/[\s()\-]/g, "")
      .replace(/\/$/, "")
      .toLowerCase();
  }
  document.querySelectorAll("a[href]").forEach(function (link) {
    var address = plain(link.getAttribute("href"));
    var text = plain(link.textContent);
    var asDialled = address.replace(/^\+44/, "0");
    if (text === address || text === asDialled) {
      link.setAttribute("data-address-shown", "");
    }
  });

  // Escape folds an open menu or list of numbers away again and puts focus back on its
  // toggle, as people expect of a menu; <details> alone does not do this.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var open = event.target.closest && event.target.closest("details[open][data-fold]");
    if (!open) {
      return;
    }
    open.open = false;
    open.querySelector("summary").focus();
  });

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
