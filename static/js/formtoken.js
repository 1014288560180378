// Fetch a fresh single-use form token when a reader starts filling a form.
// The page itself is held by a shared cache and cannot carry one (actions/formtoken.py).
// Without this script the form still works: the reader is asked to confirm once more.
(function () {
  "use strict";
  if (!window.fetch) return;
  document.querySelectorAll("form[data-form-token-url]").forEach(function (form) {
    var input = form.querySelector("input[name$='started']");
    if (!input) return;
    var asked = false;
    function fetchToken() {
      // A private page (errors, confirmation) already carries a token issued with it.
      if (asked || input.value) return;
      asked = true;
      fetch(form.getAttribute("data-form-token-url"), {
        credentials: "omit",
        cache: "no-store",
        headers: { Accept: "application/json" }
      }).then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data && data.token) input.value = data.token; })
        .catch(function () { asked = false; });
    }
    form.addEventListener("focusin", fetchToken);
    form.addEventListener("input", fetchToken);
  });
})();
