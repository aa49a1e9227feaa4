// The header's search on phones: an icon that opens the search form. Without
// JavaScript the icon is a plain link to the search page; here it becomes a button
// that shows the form in place and puts the cursor in it. On wide screens the form
// is always shown (site.css) and the icon is hidden.
"use strict";

(function () {
  var link = document.querySelector("a[data-search-toggle]");
  var header = link && link.closest(".site-header");
  var button = header && header.querySelector("button.search-toggle");
  var form = header && document.getElementById(button && button.getAttribute("aria-controls"));
  if (!form) return;

  function setOpen(open) {
    header.classList.toggle("search-open", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }

  link.hidden = true;
  button.hidden = false;
  header.classList.add("search-can-toggle");
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    setOpen(open);
    if (open) form.querySelector("input[type=search]").focus();
  });
  form.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && header.classList.contains("search-open")) {
      setOpen(false);
      button.focus();
    }
  });
})();

// A breaking-news banner dismissed with htmx leaves the page (templates/includes/
// _breaking.html), and the focus, on its "Dismiss" button, would go with it: it moves
// to the next banner's button, or to the page's main content. (afterRequest, not
// afterSwap: htmx tells the removed region's parent, which reaches the document.)
(function () {
  var hadFocus = false;
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    hadFocus = Boolean(
      target && target.matches && target.matches(".breaking") && target.contains(document.activeElement)
    );
  });
  document.addEventListener("htmx:afterRequest", function () {
    if (!hadFocus) return;
    hadFocus = false;
    var next = document.querySelector(".breaking-dismiss button") || document.getElementById("main");
    if (next) next.focus({ preventScroll: true });
  });
})();
