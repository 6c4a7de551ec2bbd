/* Edition search: Material's search box, answered by Pagefind (site/pagefind/, written by the
   MkDocs hook, see hooks/edition/search.py). Pagefind loads only the index of the page's language
   (<html lang>), so a Chinese page finds Chinese pages and an English page English ones, and it
   fetches only the index chunks a query needs. Every result is one section: an item
   (page/#item-N), a glossary entry, … shown with its heading, its page and an excerpt. */
(function () {
  var box = document.getElementById("ed-search");
  if (!box) return; // Material's own search is on (bench/search_compare.py)
  var script = document.currentScript || document.querySelector("script[src*='assets/search.js']");
  var root = new URL("..", script.src); // assets/search.js -> site root
  var toggle = document.getElementById("__search");
  var input = box.querySelector(".md-search__input");
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var LIMIT = 10; // results shown
  var RANKED = 20; // results fetched and re-ranked (`refine`)
  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
  var pagefind = null;
  var serial = 0;

  // The index holds each run of Han characters as its overlapping bigrams, each spelt as a Latin
  // token (hooks/edition/search.py `bigrams`, `_spell`: 医托 -> z533bz6258z); the query is cut and
  // spelt the same way, so any two or more characters match wherever they occur, whatever a word
  // segmenter would have done with them.
  function spell(gram) {
    var out = "z";
    for (var i = 0; i < gram.length; i++) out += gram.charCodeAt(i).toString(16) + "z";
    return out;
  }
  function bigrams(text) {
    return text.replace(HAN, function (run) {
      var grams = [];
      if (run.length < 2) grams.push(run);
      for (var i = 0; i < run.length - 1; i++) grams.push(run.slice(i, i + 2));
      return " " + grams.map(spell).join(" ") + " ";
    }).replace(/\s+/g, " ").trim();
  }

  function load() {
    if (!pagefind) {
      // Sections are short and of very different lengths (a glossary entry, a long provincial item):
      // a weaker length penalty than Pagefind's default (0.75) keeps long items in the first five.
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        return pf.options({ ranking: { pageLength: 0.3 } }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  function escape(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // An excerpt of the section's text around the query (or its first word found), marked.
  function excerpt(text, query) {
    var lower = text.toLowerCase();
    var terms = [query.trim(), query.replace(/\s+/g, "")].concat(query.trim().split(/\s+/)).filter(function (t) { return t; });
    var at = -1;
    for (var i = 0; i < terms.length && at < 0; i++) at = lower.indexOf(terms[i].toLowerCase());
    var start = Math.max(0, at - 40);
    var piece = (start > 0 ? "…" : "") + text.slice(start, start + 160) + (start + 160 < text.length ? "…" : "");
    var html = escape(piece);
    var words = terms.slice(2).map(function (t) { return escape(t).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    if (words.length) html = html.replace(new RegExp("(" + words.join("|") + ")", "gi"), "<mark>$1</mark>");
    return html;
  }

  // Pagefind's order, refined: (0) a glossary entry whose term, rendering or pinyin is exactly the
  // query; (1) document text holding the query as one phrase (医保基金 监管 -> 医保基金监管);
  // (2) other sections holding the phrase; (3) the rest. Stable: Array.prototype.sort is.
  function refine(query, data) {
    var q = query.trim().toLowerCase().replace(/\s+/g, " ");
    var phrase = /[\u3400-\u9fff]/.test(q) ? q.replace(/ /g, "") : q;
    function tier(r) {
      if (r.meta.names && r.meta.names.split("|").indexOf(q) >= 0) return 0;
      var has = ((r.meta.unit ? "" : r.meta.title || "") + " " + (r.meta.text || "")).toLowerCase().indexOf(phrase) >= 0;
      if (!has) return 3;
      return /#(item-|para-|notice|title|preamble)/.test(r.url) ? 1 : 2;
    }
    return data.map(function (r, i) { return [tier(r), i, r]; })
      .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; })
      .map(function (x) { return x[2]; });
  }

  function count(n) {
    if (n === 0) return box.dataset.none;
    if (n === 1) return box.dataset.one;
    return box.dataset.other.replace("#", n);
  }

  function render(query, results, total) {
    meta.textContent = count(total);
    list.innerHTML = results.map(function (r) {
      return '<li class="md-search-result__item"><a class="md-search-result__link" href="' + escape(r.url) + '">' +
        '<article class="md-search-result__article md-typeset">' +
        '<h1>' + escape(r.meta.title || "") + '</h1>' +
        '<p class="ed-search-page">' + escape(r.meta.page || "") + '</p>' +
        '<p>' + excerpt(r.meta.text || "", query) + '</p></article></a></li>';
    }).join("");
    box.dataset.rendered = query; // the query these results answer (the browser tests wait for it)
  }

  function run() {
    var query = input.value;
    var mine = ++serial;
    if (!query.trim()) {
      meta.textContent = box.dataset.placeholder;
      list.innerHTML = "";
      box.dataset.rendered = "";
      return;
    }
    load().then(function (pf) { return pf.search(bigrams(query)); }).then(function (search) {
      if (mine !== serial || !search) return null;
      return Promise.all(search.results.slice(0, RANKED).map(function (r) { return r.data(); }))
        .then(function (data) { if (mine === serial) render(query, refine(query, data).slice(0, LIMIT), search.results.length); });
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  input.addEventListener("focus", function () {
    toggle.checked = true;
    load();
  });
  box.querySelector("form").addEventListener("submit", function (e) {
    e.preventDefault();
    var first = list.querySelector("a");
    if (first) first.click();
  });
  box.querySelector("form").addEventListener("reset", function () {
    setTimeout(run, 0);
  });
  toggle.addEventListener("change", function () {
    if (toggle.checked) input.focus();
    else input.blur();
  });
  // Following a result to an item on this same page: close the search so the item is visible.
  list.addEventListener("click", function () {
    toggle.checked = false;
    input.blur();
  });
  document.addEventListener("keydown", function (e) {
    var typing = e.target.closest && e.target.closest("input, textarea, select, [contenteditable]");
    if (e.key === "Escape" && toggle.checked) {
      toggle.checked = false;
      input.blur();
    } else if (!typing && !e.ctrlKey && !e.metaKey && !e.altKey && (e.key === "/" || e.key === "s")) {
      e.preventDefault();
      toggle.checked = true;
      input.focus();
    }
  });
  window.edSearch = { bigrams: bigrams }; // for the tests: the same rule as hooks/edition/search.py
})();
