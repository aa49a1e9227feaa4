// What htmx cannot show by itself: a post that never reached the site (the network
// failed) or an answer it does not swap (a proxy's 502). The reader sees it where
// they are looking, in the status line of the form or widget that sent it, and
// what they typed stays in the form. The words come from the page's language
// (<body data-unreachable>). Our own 4xx, 500 and 503 answers carry their message
// already (base.html's htmx-config swaps them).
"use strict";

(function () {
  function statusLineFor(target) {
    return target && target.id ? document.getElementById(target.id + "-status") : null;
  }

  function report(event) {
    var detail = event.detail || {};
    // Only what the reader sent on purpose: posts, not the live counter's requests.
    if (!detail.requestConfig || detail.requestConfig.verb !== "post") return;
    if (detail.elt && detail.elt.tagName === "TEXTAREA") return;
    var message = document.createElement("p");
    message.className = "form-error";
    message.setAttribute("role", "alert");
    message.textContent = document.body.dataset.unreachable;
    var line = statusLineFor(detail.target);
    if (line) {
      line.replaceChildren(message);
    } else if (detail.target) {
      detail.target.insertAdjacentElement("afterend", message);
    }
  }

  document.addEventListener("htmx:sendError", report);
  document.addEventListener("htmx:responseError", report);
})();
