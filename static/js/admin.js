// The admin's few scripted touches; every one has a plain-form fallback.
// "Select all" in the moderation queue: one box ticks every comment on the page (the
// link beside it, for browsers without scripts, asks the server for the page ticked).
"use strict";

(function () {
  function boxes(all) {
    return document.querySelectorAll('input[type=checkbox][name="' + all.dataset.selectAll + '"]');
  }

  function reflect(all) {
    var list = Array.prototype.slice.call(boxes(all));
    var ticked = list.filter(function (box) { return box.checked; }).length;
    all.checked = list.length > 0 && ticked === list.length;
    all.indeterminate = ticked > 0 && ticked < list.length;
  }

  function setUp() {
    document.querySelectorAll("[data-select-all]").forEach(function (all) {
      var wrapper = all.closest(".select-all");
      if (wrapper) wrapper.hidden = false;
      document.querySelectorAll(".select-all-link").forEach(function (link) { link.hidden = true; });
      reflect(all);
    });
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches("[data-select-all]")) {
      boxes(target).forEach(function (box) { box.checked = target.checked; });
    } else if (target.type === "checkbox") {
      document.querySelectorAll("[data-select-all]").forEach(reflect);
    }
  });
  // Enter in the photo search finds photos; it must not save the article around it.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.matches("input[data-photo-search]")) {
      event.preventDefault();
    }
  });
  // After htmx swaps rows in (a bulk action), the box says what is ticked now.
  document.addEventListener("htmx:afterSettle", function () {
    document.querySelectorAll("[data-select-all]").forEach(reflect);
  });
  setUp();
  document.querySelectorAll("[data-photo-search-box]").forEach(function (box) { box.hidden = false; });
})();
