/* Edition behaviour: English-only toggle; glossary-term marking, tooltip and popover; the
   language switcher keeps the current item. */
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
  var TERMS_KEY = "ed-term-marks";
  // A toggle keeps its label and says its state with aria-pressed only (a label that changed
  // with the state would contradict it: "Show Chinese", pressed).
  function apply(on) {
    document.body.classList.toggle("ed-en-only", on);
    document.querySelectorAll("[data-ed-toggle]").forEach(function (b) {
      b.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }
  function applyTerms(on) {
    document.body.classList.toggle("ed-terms-off", !on);
    document.querySelectorAll("[data-ed-terms]").forEach(function (b) {
      b.setAttribute("aria-pressed", on ? "true" : "false");
    });
    if (!on) hideTip();
  }

  // Glossary terms in the running text (a.ed-term with data-pinyin, data-en, data-def): a tooltip
  // on hover or keyboard focus, a popover on tap (touch has no hover; the link would open the
  // whole glossary). Text from the annotations is set with textContent only, never as HTML.
  var tip = null, pop = null, touched = 0;
  function termText(a) {
    return a.dataset.pinyin + " · " + a.dataset.en + " — " + a.dataset.def;
  }
  // Place `box` (position: fixed) under `a`, or above it when there is no room below, and
  // inside the viewport horizontally whatever the term's position.
  function place(box, a) {
    var r = a.getBoundingClientRect(), vw = document.documentElement.clientWidth, vh = window.innerHeight;
    var margin = 8;
    box.style.maxWidth = Math.min(352, vw - 2 * margin) + "px";
    box.style.left = "0px";
    box.style.top = "0px";
    var w = box.offsetWidth, h = box.offsetHeight;
    var left = Math.max(margin, Math.min(r.left, vw - w - margin));
    var top = r.bottom + 6;
    if (top + h > vh - margin && r.top - h - 6 >= margin) top = r.top - h - 6;
    box.style.left = left + "px";
    box.style.top = top + "px";
  }
  function showTip(a) {
    if (document.body.classList.contains("ed-terms-off") || (pop && !pop.hidden)) return;
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "ed-tip";
      tip.id = "ed-tip";
      tip.setAttribute("role", "tooltip");
      document.body.appendChild(tip);
    }
    tip.textContent = termText(a);
    tip.lang = document.documentElement.lang;
    tip.hidden = false;
    a.setAttribute("aria-describedby", "ed-tip");
    place(tip, a);
  }
  function hideTip() {
    if (tip) tip.hidden = true;
  }
  function labels() {
    var b = document.querySelector("[data-ed-terms]");
    var zh = document.documentElement.lang.indexOf("zh") === 0;
    return {
      entry: (b && b.dataset.entry) || (zh ? "术语表条目" : "Glossary entry"),
      close: (b && b.dataset.close) || (zh ? "关闭" : "Close")
    };
  }
  function el(tag, cls, text, lang) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    if (lang) e.lang = lang;
    return e;
  }
  function showPopover(a) {
    hideTip();
    var L = labels();
    if (!pop) {
      pop = el("div", "ed-pop");
      pop.setAttribute("role", "dialog");
      document.body.appendChild(pop);
    }
    pop.replaceChildren();
    pop.setAttribute("aria-label", a.textContent);
    var head = el("p", "ed-pop-head");
    head.appendChild(el("strong", "ed-pop-zh", a.textContent, "zh-Hans"));
    head.appendChild(document.createTextNode(" "));
    head.appendChild(el("span", "ed-pop-pinyin", a.dataset.pinyin, "zh-Latn-pinyin"));
    var close = el("button", "ed-pop-close", "×");
    close.type = "button";
    close.setAttribute("aria-label", L.close);
    close.addEventListener("click", hidePopover);
    head.appendChild(close);
    pop.appendChild(head);
    pop.appendChild(el("p", "ed-pop-en", a.dataset.en, "en"));
    pop.appendChild(el("p", "ed-pop-def", a.dataset.def, document.documentElement.lang));
    var more = el("a", "ed-pop-more", L.entry + " →");
    more.href = a.href;
    pop.appendChild(el("p")).appendChild(more);
    pop.hidden = false;
    place(pop, a);
    close.focus({ preventScroll: true });
    pop.ed_from = a;
  }
  function hidePopover() {
    if (pop && !pop.hidden) {
      pop.hidden = true;
      if (pop.ed_from) pop.ed_from.focus({ preventScroll: true });
    }
  }
  function term(event) {
    return event.target.closest && event.target.closest("a.ed-term");
  }
  document.addEventListener("pointerdown", function (e) {
    touched = e.pointerType === "touch" ? Date.now() : 0;
    if (pop && !pop.hidden && !pop.contains(e.target) && !term(e)) hidePopover();
  }, true);
  document.addEventListener("click", function (e) {
    var a = term(e);
    if (!a || document.body.classList.contains("ed-terms-off")) return;
    var touch = Date.now() - touched < 1500 || window.matchMedia("(hover: none)").matches;
    if (!touch || e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    showPopover(a);
  });
  document.addEventListener("mouseover", function (e) { var a = term(e); if (a && !touched) showTip(a); });
  document.addEventListener("mouseout", function (e) { if (term(e)) hideTip(); });
  document.addEventListener("focusin", function (e) { var a = term(e); if (a) showTip(a); else hideTip(); });
  document.addEventListener("focusout", function (e) { if (term(e)) hideTip(); });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { hideTip(); hidePopover(); }
  });
  window.addEventListener("scroll", hideTip, { passive: true });

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
    applyTerms(localStorage.getItem(TERMS_KEY) !== "0");
    document.querySelectorAll("[data-ed-terms]").forEach(function (b) {
      b.addEventListener("click", function () {
        var on = document.body.classList.contains("ed-terms-off");
        localStorage.setItem(TERMS_KEY, on ? "1" : "0");
        applyTerms(on);
      });
    });
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
