// Where the keyboard and the eye should be after the comment section's htmx swaps.
// Everything here is an extra: without it (or without JavaScript) the forms post,
// redirect and show the same things. The server marks what should take the focus
// with `autofocus` (a posted comment's note, the first field in error), which htmx
// focuses itself; this file does the rest.
"use strict";

(function () {
  var pressed = null;
  var pressedBy = null; // the request the press started

  // A vote, a like or a post: the control pressed (htmx disables some while they are
  // in flight, which takes the focus away; the swap may replace them with new ones).
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    if (elt.tagName === "TEXTAREA") return; // the live counter: not an action
    // Only what the reader did: not a box loading itself, or as it scrolls into view.
    var trigger = event.detail.requestConfig && event.detail.requestConfig.triggeringEvent;
    if (!trigger || ["load", "revealed", "intersect"].indexOf(trigger.type) !== -1) return;
    var active = document.activeElement;
    pressed = active && active.id ? active.id : null;
    pressedBy = event.detail.requestConfig;
    // The note about the last post stays until the reader's next action.
    document.querySelectorAll(".posted-note").forEach(function (note) {
      note.remove();
    });
  });

  // Focus back on the pressed control (or its replacement, which has its id), unless
  // the answer has put it somewhere on purpose. Requests settle in any order (the
  // previous press's, a box loading itself): the control is waited for until it is
  // back and enabled, and forgotten once its own request has settled.
  document.addEventListener("htmx:afterSettle", function (event) {
    if (!pressed) return;
    var active = document.activeElement;
    if (active && active !== document.body) {
      if (active.id !== pressed || event.detail.requestConfig === pressedBy) pressed = null;
      return;
    }
    var control = document.getElementById(pressed);
    if (control && !control.disabled) {
      control.focus();
      pressed = null;
    }
  });

  // A comment just posted is brought to the middle of the screen, whatever the length
  // of the thread it joined (its note has the focus already).
  document.addEventListener("htmx:load", function (event) {
    var posted = event.detail.elt.closest(".comment--posted") ||
      event.detail.elt.querySelector(".comment--posted");
    if (posted) posted.scrollIntoView({ block: "center" });
  });

  // A comment posted while later pages or replies of the thread were not loaded yet
  // comes again with them: the copy that arrives in its place is the one kept.
  document.addEventListener("htmx:load", function (event) {
    var root = event.detail.elt;
    if (root === document.body || !root.querySelectorAll) return;
    var loaded = root.matches("li.comment") ? [root] : root.querySelectorAll("li.comment");
    loaded.forEach(function (comment) {
      document.querySelectorAll('[id="' + comment.id + '"]').forEach(function (copy) {
        if (copy !== comment) copy.remove();
      });
    });
  });

  // "Report" is a plain link to the page with the form open (every comment has one, so
  // it carries no htmx attributes): with htmx, the form opens in its place instead.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('.comment-actions > a[id^="report-"]');
    var section = link && link.closest("[data-report-form]");
    if (!section || !window.htmx || event.button !== 0) return;
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    var url = section.dataset.reportForm.replace(/\/1\/report$/, "/" + link.id.slice(7) + "/report");
    htmx.ajax("GET", url, { source: link, target: link, swap: "outerHTML" });
  });

  // Comments by others that arrived ("N new comments" pressed, comments/_arrived.html):
  // each goes where the thread's order puts it, at the start of the thread (newest
  // first, on its first page) or its end (once its last page is loaded), a reply under
  // what it answers. One already on the page, or whose place is not, is left out: an
  // out-of-band swap would log an error for a missing target. The focus goes to the
  // first one placed.
  document.addEventListener("htmx:afterSwap", function () {
    document.querySelectorAll("template.comments-arrived").forEach(function (arrived) {
      var thread = document.getElementById("comment-thread");
      var atStart = arrived.dataset.place === "start";
      var topFits = thread && !document.querySelector(
        atStart ? ".comments-earlier" : "#comments-more a");
      var first = null;
      Array.prototype.forEach.call(arrived.content.children, function (holder) {
        var comment = holder.firstElementChild;
        if (!comment || document.getElementById(comment.id)) return;
        var parent = holder.dataset.parent &&
          document.getElementById("comment-" + holder.dataset.parent);
        if (parent) {
          var replies = parent.querySelector(":scope > ol.replies");
          if (!replies) {
            replies = document.createElement("ol");
            replies.className = "replies";
            parent.insertBefore(replies, parent.querySelector(":scope > .more-replies"));
          }
          replies.appendChild(comment);
        } else if (!holder.dataset.parent && topFits) {
          thread.insertBefore(comment, atStart ? thread.firstElementChild : null);
        } else {
          return;
        }
        htmx.process(comment);
        first = first || comment;
      });
      arrived.remove();
      if (first) {
        first.setAttribute("tabindex", "-1");
        first.focus();
      }
    });
  });

  // "Cancel" or Escape closes a reply form, and the focus goes back to its "Reply".
  function closeReply(form) {
    var slot = form.closest(".reply-slot");
    var reply = slot && slot.previousElementSibling;
    slot.remove();
    if (reply && reply.classList.contains("reply-link")) reply.focus();
  }

  document.addEventListener("click", function (event) {
    var cancel = event.target.closest(".cancel-reply");
    var form = cancel && cancel.closest(".reply-form");
    if (!form || !form.closest(".reply-slot")) return;
    event.preventDefault();
    closeReply(form);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var form = event.target.closest && event.target.closest(".reply-form");
    if (form && form.closest(".reply-slot")) closeReply(form);
  });
})();
