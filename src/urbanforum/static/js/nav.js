/* The site header: disclosure menus of the main navigation and the account menu, and the menu
   button at narrow widths (the language selector's autosubmit is in site.js). No inline script (the
   site runs under a strict Content-Security-Policy).

   Markup (base.html, includes/nav_items.html):
     <button aria-expanded="false" aria-controls="ID" data-disclosure>Label</button><ul id="ID">…</ul>
     <button aria-expanded="false" aria-controls="site-menu" data-nav-toggle>Menu</button>
   The CSS shows a menu when its button has aria-expanded="true". Without JavaScript (no "js" class on
   <html>) the menus open on focus (:focus-within) and the narrow-screen menu is always shown.

   Keyboard: Tab reaches every button and link; Enter/Space opens and closes a menu; Escape closes
   the open menu and returns focus to its button; leaving a menu with Tab or clicking elsewhere
   closes it. Only one menu is open at a time. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function buttons() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-disclosure]"));
  }

  function setOpen(button, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }

  function closeAll(except) {
    buttons().forEach(function (b) {
      if (b !== except) setOpen(b, false);
    });
  }

  function menuOf(button) {
    return document.getElementById(button.getAttribute("aria-controls"));
  }

  function init() {
    buttons().forEach(function (button) {
      button.addEventListener("click", function () {
        var open = button.getAttribute("aria-expanded") !== "true";
        closeAll(button);
        setOpen(button, open);
      });
      var group = button.parentNode;
      group.addEventListener("focusout", function (event) {
        if (event.relatedTarget && !group.contains(event.relatedTarget)) setOpen(button, false);
      });
    });

    var toggle = document.querySelector("[data-nav-toggle]");
    if (toggle) {
      toggle.addEventListener("click", function () {
        setOpen(toggle, toggle.getAttribute("aria-expanded") !== "true");
      });
    }

    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" && event.key !== "Esc") return;
      var open = buttons().filter(function (b) {
        return b.getAttribute("aria-expanded") === "true";
      });
      if (open.length) {
        open.forEach(function (b) { setOpen(b, false); });
        open[0].focus();
        event.preventDefault();
        return;
      }
      if (toggle && toggle.getAttribute("aria-expanded") === "true") {
        setOpen(toggle, false);
        toggle.focus();
        event.preventDefault();
      }
    });

    document.addEventListener("click", function (event) {
      buttons().forEach(function (b) {
        var menu = menuOf(b);
        if (b.contains(event.target) || (menu && menu.contains(event.target))) return;
        setOpen(b, false);
      });
    });

  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
