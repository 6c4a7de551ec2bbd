/* Edition behaviour: English-only toggle; the language switcher keeps the current item. */
(function () {
  var KEY = "ed-en-only";
  function apply(on) {
    document.body.classList.toggle("ed-en-only", on);
    document.querySelectorAll("[data-ed-toggle]").forEach(function (b) {
      b.setAttribute("aria-pressed", on ? "true" : "false");
      if (!b.dataset.label) b.dataset.label = b.textContent;
      b.textContent = on ? (document.documentElement.lang === "en" ? "Show Chinese" : "显示中文") : b.dataset.label;
    });
  }
  function init() {
    var buttons = document.querySelectorAll("[data-ed-toggle]");
    if (buttons.length) {
      apply(localStorage.getItem(KEY) === "1");
      buttons.forEach(function (b) {
        b.addEventListener("click", function () {
          var on = !document.body.classList.contains("ed-en-only");
          localStorage.setItem(KEY, on ? "1" : "0");
          apply(on);
        });
      });
    }
    // Citations carry the build date as access date; the reader's date is the right one.
    var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December"];
    function formats(y, m, d) {
      var iso = y + "-" + String(m).padStart(2, "0") + "-" + String(d).padStart(2, "0");
      return [iso, MONTHS[m - 1] + " " + d + ", " + y, y + "年" + m + "月" + d + "日"];
    }
    var now = new Date();
    var today = formats(now.getFullYear(), now.getMonth() + 1, now.getDate());
    document.querySelectorAll("[data-ed-accessed]").forEach(function (el) {
      var p = el.getAttribute("data-ed-accessed").split("-").map(Number);
      var built = formats(p[0], p[1], p[2]);
      // text nodes only: the Chicago form keeps its markup (the edition's title in italics)
      var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        var text = node.nodeValue;
        built.forEach(function (b, i) { text = text.split(b).join(today[i]); });
        if (text !== node.nodeValue) node.nodeValue = text;
      }
    });
    // Language switcher: go to the same document in the other language and keep the #item-N
    // anchor. mkdocs-static-i18n gives each page its own alternate links, which Material's
    // sitemap-based switcher does not expect (it drops the anchor), so this takes the click first.
    document.addEventListener("click", function (event) {
      var a = event.target.closest && event.target.closest("a[hreflang]");
      if (!a || event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      event.stopPropagation();
      location.href = a.href.split("#")[0] + location.hash;
    }, true);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
