// The photo library's focal point: a click on the photo posts where it landed, in
// percent of the photo's width and height, through the very form that takes typed
// numbers (which is all there is without JavaScript).
"use strict";

(function () {
  document.querySelectorAll("[data-focal-target]").forEach(function (img) {
    var form = document.getElementById(img.dataset.focalTarget);
    img.addEventListener("click", function (event) {
      var x = (100 * event.offsetX) / img.clientWidth;
      var y = (100 * event.offsetY) / img.clientHeight;
      form.elements.focal_x.value = Math.min(100, Math.max(0, x)).toFixed(1);
      form.elements.focal_y.value = Math.min(100, Math.max(0, y)).toFixed(1);
      form.requestSubmit();
    });
  });
})();
