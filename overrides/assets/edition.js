/* Edition behaviour: English-only toggle; the language switcher keeps the current item; script-set
   titles escaped for Material's tooltips. */
/* Material's tooltips (content.tooltips) put an element's `title` into the page as HTML: in
   Material 9.8.1 the tooltip is built with its h() helper, which appends a string child with
   `innerHTML +=`. Titles written into the pages are escaped for that (markup.tooltip). But for a
   navigation, table-of-contents or header entry that overflows, Material's script sets
   title = innerText, i.e. annotation text already decoded once, so an `<img onerror>` shown as text
   in an item heading would run when the reader hovers or focuses its entry. A title set by a script
   is therefore read back HTML-escaped: the tooltip shows exactly the text, and the native tooltip
   (the attribute) is unchanged. Runs at once, before Material handles DOMContentLoaded. */
(function () {
  var native = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "title");
  if (!native || !native.get || !native.set) return;
  function escape(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  Object.defineProperty(HTMLElement.prototype, "title", {
    configurable: true,
    enumerable: native.enumerable,
    get: function () {
      var value = native.get.call(this);
      return this.__edScriptTitle ? escape(value) : value;
    },
    set: function (value) {
      this.__edScriptTitle = true;
      native.set.call(this, value);
    }
  });
})();

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
      var text = el.textContent;
      built.forEach(function (b, i) { text = text.split(b).join(today[i]); });
      el.textContent = text;
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
