// Progressive enhancement only: every form works without this file.
(function () {
  "use strict";
  // Keep the "open in my email app" link in step with the reader's edits.
  document.querySelectorAll("[data-mailto-form]").forEach(function (form) {
    var link = form.querySelector("[data-mailto]");
    if (!link) return;
    var subject = form.querySelector("[name$='subject']");
    var body = form.querySelector("[name$='body']");
    var to = link.getAttribute("href").split("?")[0];
    function update() {
      link.setAttribute("href", to + "?subject=" + encodeURIComponent(subject.value) +
        "&body=" + encodeURIComponent(body.value));
    }
    [subject, body].forEach(function (el) { if (el) el.addEventListener("input", update); });
  });
  // Refresh the live count now and then (the endpoint is cached by the CDN).
  document.querySelectorAll(".action-progress[data-count-url]").forEach(function (box) {
    var url = box.getAttribute("data-count-url");
    if (!url || !window.fetch) return;
    setInterval(function () {
      fetch(url, { credentials: "omit" }).then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (!data) return;
          var n = box.querySelector("[data-count]");
          var bar = box.querySelector("progress");
          if (n) n.textContent = data.count;
          if (bar) bar.value = data.count;
        }).catch(function () {});
    }, 30000);
  });
  // One click sends a form once.
  document.querySelectorAll(".action-form").forEach(function (form) {
    form.addEventListener("submit", function () {
      var button = form.querySelector("button[type=submit]");
      if (button) setTimeout(function () { button.disabled = true; }, 0);
    });
  });
  // One-tap copy of the prepared message (the button stays hidden without JavaScript).
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var field = document.querySelector(button.getAttribute("data-copy"));
    if (!field || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        var note = button.parentNode.querySelector("[data-copied]");
        if (note) note.hidden = false;
      });
    });
  });
})();
