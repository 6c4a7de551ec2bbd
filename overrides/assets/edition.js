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
