// Optional: filters the chronology by a name or place. The page works fully without it.
(function () {
  "use strict";
  var box = document.querySelector(".filter");
  var input = document.getElementById("filter-input");
  // The story's chronology and, when there is one, the background ("Contexte") section.
  var lists = document.querySelectorAll(".chronology");
  if (!box || !input || !lists.length) return;
  var empty = box.querySelector(".filter-empty");
  // The number of events left, said as the list changes (a live region).
  var count = box.querySelector(".filter-count");
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
    if (count) {
      var pattern = count.getAttribute(shown === 1 ? "data-one" : "data-many") || "{n} / {total}";
      count.textContent = pattern.replace("{n}", shown).replace("{total}", items.length);
      count.hidden = !q || shown === 0;
    }
  });
})();
