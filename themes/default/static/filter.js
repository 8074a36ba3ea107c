// Optional: filters the chronology by a name or place. The page works fully without it.
(function () {
  "use strict";
  var box = document.querySelector(".filter");
  var input = document.getElementById("filter-input");
  // The story's chronology and, when there is one, the background ("Contexte") section.
  var lists = document.querySelectorAll(".chronology");
  if (!box || !input || !lists.length) return;
  var empty = box.querySelector(".filter-empty");
  var fold = function (s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  };
  var items = Array.prototype.map.call(document.querySelectorAll(".chronology .events > li"), function (li) {
    return { li: li, text: fold(li.getAttribute("data-search") || li.textContent) };
  });
  box.hidden = false;
  input.addEventListener("input", function () {
    var q = fold(input.value.trim());
    var shown = 0;
    items.forEach(function (it) {
      var hit = !q || it.text.indexOf(q) !== -1;
      it.li.hidden = !hit;
      if (hit) shown++;
    });
    Array.prototype.forEach.call(document.querySelectorAll(".chronology .day"), function (day) {
      day.hidden = !day.querySelector(".events > li:not([hidden])");
    });
    if (empty) empty.hidden = shown !== 0;
  });
})();
