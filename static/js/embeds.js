// Video cards in article bodies (newsite/embeds.py): nothing is asked of the video's
// site until the reader presses "Play"; then the card gives way to the player, from
// the host that sets no tracking cookies, and focus moves to it. Without this script
// the card is a plain link to the video and "Play" stays hidden.
"use strict";

(function () {
  document.querySelectorAll(".embed[data-embed-src] .embed-play").forEach(function (button) {
    button.hidden = false;
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".embed[data-embed-src] .embed-play");
    if (!button) return;
    var card = button.closest(".embed");
    var src = new URL(card.dataset.embedSrc);
    if (!/^https:\/\/(www\.youtube-nocookie\.com|player\.vimeo\.com)$/.test(src.origin)) return;
    src.searchParams.set("autoplay", "1");
    var frame = document.createElement("iframe");
    frame.src = src.href;
    frame.title = card.dataset.embedTitle;
    frame.className = "embed-player";
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    card.replaceChildren(frame);
    card.classList.add("embed--playing");
    frame.focus();
  });
})();
