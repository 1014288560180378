// Share buttons: the phone's own share sheet and a copy-link button, shown only where the
// browser supports them. Without this file the plain share links and the link box remain.
(function () {
  "use strict";
  document.querySelectorAll("[data-share]").forEach(function (box) {
    var url = box.getAttribute("data-share-url");
    var title = box.getAttribute("data-share-title") || document.title;
    var status = box.querySelector("[data-share-status]");
    function say(text) { if (status) status.textContent = text; }

    var native = box.querySelector("[data-share-native]");
    if (native && navigator.share) {
      native.hidden = false;
      native.addEventListener("click", function () {
        navigator.share({ title: title, url: url }).catch(function () {});
      });
    }

    var copy = box.querySelector("[data-share-copy]");
    if (copy && navigator.clipboard && window.isSecureContext) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(function () {
          say(copy.getAttribute("data-copied"));
        }, function () {
          say(copy.getAttribute("data-copy-failed"));
        });
      });
    }
  });
})();
