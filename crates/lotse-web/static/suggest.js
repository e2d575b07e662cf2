// Suggestions under the catalogue's search field, following the ARIA combobox
// pattern (list autocomplete): htmx fetches the list as the visitor types; this script
// lets the keyboard move through it. Arrow keys move the highlighted option (the focus
// stays in the field, aria-activedescendant names the option), Enter opens it, Escape
// closes the list. Without JavaScript the field is a plain search field.
(function () {
  "use strict";
  var input = document.getElementById("f-q");
  if (!input) {
    return;
  }

  function list() {
    return document.getElementById("vorschlaege");
  }

  function options() {
    var l = list();
    return l ? Array.prototype.slice.call(l.querySelectorAll("[role=option]")) : [];
  }

  function active() {
    var id = input.getAttribute("aria-activedescendant");
    return id ? document.getElementById(id) : null;
  }

  function highlight(option) {
    options().forEach(function (o) {
      o.setAttribute("aria-selected", o === option ? "true" : "false");
    });
    if (option) {
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function open(show) {
    var l = list();
    var any = options().length > 0;
    if (l) {
      l.hidden = !(show && any);
    }
    input.setAttribute("aria-expanded", show && any ? "true" : "false");
    if (!show) {
      highlight(null);
    }
  }

  function go(option) {
    var href = option && option.getAttribute("data-href");
    if (href) {
      window.location.assign(href);
    }
  }

  input.addEventListener("keydown", function (event) {
    var all = options();
    var current = all.indexOf(active());
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (all.length === 0) {
        return;
      }
      event.preventDefault();
      open(true);
      var step = event.key === "ArrowDown" ? 1 : -1;
      var next = current < 0 ? (step > 0 ? 0 : all.length - 1) : (current + step + all.length) % all.length;
      highlight(all[next]);
    } else if (event.key === "Enter" && current >= 0) {
      event.preventDefault();
      go(all[current]);
    } else if (event.key === "Escape") {
      if (input.getAttribute("aria-expanded") === "true") {
        event.preventDefault();
        open(false);
      }
    }
  });

  input.addEventListener("blur", function () {
    // Later than a click on an option, which must still find the list open.
    window.setTimeout(function () { open(false); }, 200);
  });

  document.addEventListener("click", function (event) {
    var option = event.target.closest && event.target.closest("#vorschlaege [role=option]");
    if (option) {
      go(option);
    }
  });

  // A fresh list from the server: show it while the field has the focus.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (target && target.id === "vorschlaege") {
      highlight(null);
      open(document.activeElement === input);
    }
  });

  if (input.form) {
    input.form.addEventListener("submit", function () { open(false); });
  }
})();
