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
    // Language switcher: carry the #item-N anchor to the other language's page.
    document.querySelectorAll("a[hreflang]").forEach(function (a) {
      a.addEventListener("click", function () {
        if (location.hash && a.href.indexOf("#") === -1) a.href = a.href + location.hash;
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
