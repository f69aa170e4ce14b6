/*
 * urbanforum: small behaviours of every page, attached here because the Content-Security-Policy
 * runs no inline script or inline event handler (onchange="…").
 *
 * - `<select data-autosubmit>` submits its form when changed (the language switcher).
 */
(function () {
  "use strict";

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target && target.matches && target.matches("select[data-autosubmit]") && target.form) {
      if (typeof target.form.requestSubmit === "function") {
        target.form.requestSubmit();
      } else {
        target.form.submit();
      }
    }
  });
})();
