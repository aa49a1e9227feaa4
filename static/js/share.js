// Sharing where scripts run: "Copy link" (the clipboard needs a secure page) and the
// device's own share sheet (navigator.share, phones mostly). Each button stays hidden
// where it cannot work; the plain share links beside them need no script at all.
"use strict";

(function () {
  document.querySelectorAll("[data-share]").forEach(function (box) {
    var status = box.querySelector(".share-status");
    var url = box.dataset.url;

    function say(text) {
      status.textContent = text;
    }

    var copy = box.querySelector("[data-share-copy]");
    if (copy && window.isSecureContext && navigator.clipboard) {
      copy.parentElement.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(
          function () { say(box.dataset.copied); },
          function () { say(box.dataset.copyFailed); }
        );
      });
    }

    var native = box.querySelector("[data-share-native]");
    if (native && navigator.share) {
      native.parentElement.hidden = false;
      native.addEventListener("click", function () {
        say("");
        // A reader who closes the sheet has changed their mind: nothing to report.
        navigator.share({ title: box.dataset.title, url: url }).catch(function () {});
      });
    }
  });
})();
