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
      // Sections are short and of very different lengths (a glossary entry, a long Fujian item):
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
  // query; (1) the provisions of a document holding the query as one phrase (医保基金 监管 ->
  // 医保基金监管); (2) report paragraphs holding it (a report restates the provisions: after
  // them); (3) other sections holding the phrase; (4) the rest. Stable: Array.prototype.sort is.
  function refine(query, data) {
    var q = query.trim().toLowerCase().replace(/\s+/g, " ");
    var phrase = /[\u3400-\u9fff]/.test(q) ? q.replace(/ /g, "") : q;
    function tier(r) {
      if (r.meta.names && r.meta.names.split("|").indexOf(q) >= 0) return 0;
      var has = ((r.meta.unit ? "" : r.meta.title || "") + " " + (r.meta.text || "")).toLowerCase().indexOf(phrase) >= 0;
      if (!has) return 4;
      if (/#(item-|notice|title|preamble)/.test(r.url)) return 1;
      return /#para-/.test(r.url) ? 2 : 3;
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

  function item(query, r) {
    return '<li class="md-search-result__item"><a class="md-search-result__link" href="' + escape(r.url) + '">' +
      '<article class="md-search-result__article md-typeset">' +
      '<h1>' + escape(r.meta.title || "") + '</h1>' +
      '<p class="ed-search-page">' + escape(r.meta.page || "") + '</p>' +
      '<p>' + excerpt(r.meta.text || "", query) + '</p></article></a></li>';
  }

  // Filters: year, kind and document of each document's sections, as the index holds them
  // (hooks/edition/search.py `document_filters`, from each document's metadata); offered as
  // menus over the results, and recognised as words of the query ("2025 医保基金", "Fujian
  // two-invoice"): such a word narrows the search instead of being searched for.
  var KEYS = ["year", "kind", "document"];
  var fieldset = box.querySelector(".ed-search-filters");
  var more = box.querySelector(".ed-search-more");
  var other = box.querySelector(".ed-search-other");
  var available = null; // {year: {"2025": n}, ...}
  var menus = {};
  function buildMenus(pf) {
    if (available) return Promise.resolve(available);
    return pf.filters().then(function (f) {
      available = f || {};
      fieldset.querySelector("legend").textContent = box.dataset.filters;
      KEYS.forEach(function (key) {
        var values = Object.keys(available[key] || {}).sort();
        if (!values.length) return;
        var label = document.createElement("label");
        label.className = "ed-search-filter";
        label.appendChild(document.createTextNode(box.dataset["filter" + key[0].toUpperCase() + key.slice(1)] + " "));
        var select = document.createElement("select");
        select.name = key;
        select.appendChild(new Option(box.dataset.all, ""));
        (key === "year" ? values.reverse() : values).forEach(function (v) { select.appendChild(new Option(v, v)); });
        select.addEventListener("change", function () { select.dataset.chosen = "1"; run(); });
        label.appendChild(select);
        fieldset.appendChild(label);
        menus[key] = select;
      });
      fieldset.hidden = !Object.keys(menus).length;
      return available;
    });
  }
  // The words of a query that name a filter value: a year ("2025"), or a document's short name
  // without its year ("Fujian", "福建", "news"). Returns {rest: the query without them, narrow}.
  function narrowing(query) {
    var narrow = {}, rest = [];
    var docs = Object.keys((available || {}).document || {});
    var years = Object.keys((available || {}).year || {});
    query.trim().split(/\s+/).forEach(function (word) {
      var w = word.toLowerCase();
      var docsNamed = docs.filter(function (d) {
        return d.toLowerCase().split(/\s+|(?<=\d)(?=\D)/).slice(1).join(" ") === w;
      });
      if (years.indexOf(word) >= 0 && !narrow.year) narrow.year = word;
      else if (docsNamed.length && !narrow.document) narrow.document = docsNamed;
      else rest.push(word);
    });
    if (!rest.length) return { rest: query, narrow: {} }; // a query of filter words only: search them
    return { rest: rest.join(" "), narrow: narrow };
  }
  function filtersFor(narrow) {
    var filters = {};
    KEYS.forEach(function (key) {
      var menu = menus[key];
      if (menu && menu.value) filters[key] = menu.value;
      else if (key === "document" && narrow.document) {
        // a document's short name with the year of the query, when there is one ("2024 Fujian")
        var named = narrow.document.filter(function (d) { return !narrow.year || d.indexOf(narrow.year) === 0; });
        filters.document = { any: named.length ? named : narrow.document };
      } else if (narrow[key]) filters[key] = narrow[key];
    });
    return filters;
  }

  // Every result is reachable: the first ten, then ten more at each press of "more".
  var shown = [], pending = [], current = "";
  function render(query, first, total, narrowed) {
    meta.textContent = count(total) + (narrowed ? " · " + box.dataset.narrowed + narrowed : "");
    shown = first;
    list.innerHTML = first.map(function (r) { return item(query, r); }).join("");
    updateMore();
    box.dataset.rendered = query; // the query these results answer (the browser tests wait for it)
  }
  function updateMore() {
    var left = pending.length;
    more.hidden = !left;
    more.textContent = box.dataset.more.replace("#", left);
  }
  more.addEventListener("click", function () {
    var next = pending.splice(0, LIMIT);
    Promise.all(next.map(function (r) { return r.data ? r.data() : r; })).then(function (data) {
      list.insertAdjacentHTML("beforeend", data.map(function (r) { return item(current, r); }).join(""));
      shown = shown.concat(data);
      updateMore();
      var first = list.children[list.children.length - data.length];
      if (first) first.querySelector("a").focus();
    });
  });

  // On a Chinese page an English query finds only glossary entries (the Chinese pages hold no
  // English translation): say where the English results are, with a link that runs the query there.
  function otherLanguage(query) {
    var code = box.dataset.otherCode;
    var alt = code && document.querySelector("a.md-select__link[hreflang='" + code + "']");
    var english = /[a-z]{3,}/i.test(query) && !HAN.test(query);
    HAN.lastIndex = 0;
    other.hidden = !(alt && english);
    if (other.hidden) return;
    other.textContent = box.dataset.otherLang;
    var a = document.createElement("a");
    a.href = alt.href.split("#")[0].split("?")[0] + "?q=" + encodeURIComponent(query.trim());
    a.textContent = box.dataset.otherLink.replace("#", query.trim());
    a.hreflang = code;
    other.appendChild(a);
  }

  function run() {
    var query = input.value;
    var mine = ++serial;
    if (!query.trim()) {
      meta.textContent = box.dataset.placeholder;
      list.innerHTML = "";
      pending = [];
      updateMore();
      other.hidden = true;
      box.dataset.rendered = "";
      return;
    }
    otherLanguage(query);
    load().then(function (pf) {
      return buildMenus(pf).then(function () {
        var parsed = narrowing(query);
        var filters = filtersFor(parsed.narrow);
        var narrowed = Object.keys(parsed.narrow).filter(function (k) {
          return !(k === "year" && parsed.narrow.document); // the document's name holds its year
        }).map(function (k) {
          return k === "document" ? filters.document && (filters.document.any || [filters.document]).join(", ") : parsed.narrow[k];
        }).filter(Boolean).join(" · ");
        return pf.search(bigrams(parsed.rest), { filters: filters }).then(function (search) {
          return { search: search, rest: parsed.rest, narrowed: narrowed };
        });
      });
    }).then(function (found) {
      if (mine !== serial || !found || !found.search) return null;
      var results = found.search.results;
      return Promise.all(results.slice(0, RANKED).map(function (r) { return r.data(); })).then(function (data) {
        if (mine !== serial) return;
        current = found.rest;
        var ranked = refine(found.rest, data);
        pending = ranked.slice(LIMIT).concat(results.slice(RANKED));
        render(found.rest, ranked.slice(0, LIMIT), results.length, found.narrowed);
        box.dataset.rendered = query;
      });
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
  var asked = new URLSearchParams(location.search).get("q");
  if (asked) {
    input.value = asked;
    toggle.checked = true;
    run();
  }
  window.edSearch = { bigrams: bigrams }; // for the tests: the same rule as hooks/edition/search.py
})();
