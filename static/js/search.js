// The live search's history: one entry per search, not one per keystroke.
// While the reader types, each set of results replaces the address
// (data-hx-replace-url on the box), so the address bar always carries the query.
// A new search gets an entry of its own: the first results after a pause in
// typing, or after the box was emptied, are pushed (data-hx-push-url is put on
// the box for them). Back then returns to the previous search, not to the
// previous letter. The header's search box follows the query too.
// Without this script the box still works: every set of results replaces the address.
"use strict";

(function () {
  var PAUSE = 1200; // ms without typing: the reader has stopped
  var typing = false;
  var timer = null;

  function box() {
    return document.getElementById("search-q");
  }

  document.addEventListener("input", function (event) {
    var input = box();
    if (!input || event.target !== input) return;
    var header = document.getElementById("site-search-q");
    if (header) header.value = input.value;
    if (!typing || !input.value.trim()) input.setAttribute("data-hx-push-url", "true");
    typing = true;
    clearTimeout(timer);
    timer = setTimeout(function () {
      typing = false;
    }, PAUSE);
  });

  // Enter, or leaving the box, ends this search: the next typing starts another.
  document.addEventListener("change", function (event) {
    if (event.target === box()) typing = false;
  });

  // Never two entries for one address (Enter after the results came, a filter set twice).
  document.addEventListener("htmx:beforeHistoryUpdate", function (event) {
    var update = event.detail.history;
    if (update.type === "push" && update.path === location.pathname + location.search) {
      update.type = "replace";
    }
  });

  document.addEventListener("htmx:pushedIntoHistory", function () {
    var input = box();
    if (input) input.removeAttribute("data-hx-push-url");
  });
})();
