"""Search: the query set through the real search box in headless Chromium, and the index itself.

The engine is Pagefind with one record per section (hooks/edition/search.py, overrides/assets/
search.js); bench/search_compare.py measures it against Material's own search on the same set.
"""
import re

import pytest

import searchkit
from conftest import SCREENSHOTS
from edition import search

QUERIES = searchkit.load_queries()


def test_query_set_has_the_required_mix():
    kinds = [q.kind for q in QUERIES]
    assert len(QUERIES) >= 60 and kinds.count("zh") >= 30 and kinds.count("en") >= 20 and kinds.count("mixed") >= 10
    assert kinds.count("narrowed") >= 10 and {q.page for q in QUERIES if q.kind == "narrowed"} == {"zh", "en"}
    for q in QUERIES:
        assert q.expect and all(searchkit.in_language(u, q.page) for u in q.expect), q


def test_every_expected_section_exists_in_the_site(site):
    """A typo in the query set must not pass as a miss of the engine, nor silently."""
    missing = []
    for q in QUERIES:
        for url in q.expect:
            path, anchor = url.split("#")
            html = (site / path / "index.html").read_text(encoding="utf-8")
            if f'id="{anchor}"' not in html:
                missing.append(url)
    assert not missing


def test_every_chinese_query_occurs_in_its_expected_sections(site):
    """The expectations were written from the texts: each Chinese query is literally in them."""
    records = {r.url: r for r in search.site_records(site)}
    wrong = [(q.q, u) for q in QUERIES if q.kind == "zh" for u in q.expect
             if q.q not in records[u].heading + records[u].text]
    assert not wrong


def test_query_set_recall_at_5_and_language(page, server):
    scores = searchkit.run(page, server, QUERIES)
    misses = [f"[{s.query.page}] {s.query.q}: missing {[e for e in s.query.expect if e not in s.top]} in {s.top}"
              for s in scores if s.recall < 1]
    overall = searchkit.recall(scores)
    assert overall >= 0.97, f"recall@5 {overall:.1%}:\n" + "\n".join(misses)
    wrong = [(s.query.q, s.wrong_language) for s in scores if s.wrong_language]
    assert not wrong, f"results in the other language: {wrong}"


@pytest.mark.parametrize("lang, query, url, heading", [
    ("zh", "穿透监管", "2025-national/#item-6", "（六）加强穿透监管。"),
    ("en", "penetrating supervision", "en/2025-national/#item-6", "(6) Strengthen penetrating supervision."),
])
def test_a_result_shows_the_item_heading_and_opens_the_item(page, server, lang, query, url, heading):
    page.goto(f"{server}/{searchkit.START_PAGE[lang]}")
    got = searchkit.results(page, server, query)
    assert url in got[:3], got
    hit = page.locator(".md-search-result__item").nth(got.index(url))
    assert hit.locator("h1").inner_text() == heading
    assert "2025" in hit.locator(".ed-search-page").inner_text(), "the result names its document"
    assert hit.locator("article > p:last-child").inner_text().strip(), "an excerpt of the item"
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{lang}-search-results.png"))
    hit.locator("a").click()
    page.wait_for_url(f"**/{url}")
    assert page.evaluate("document.querySelector(':target').id") == "item-6"
    assert not page.locator("#__search").is_checked(), "the search closes on the item"


@pytest.mark.parametrize("query, phrase", [("医疗美容", "医疗美容"), ("医保基金 监管", "医保基金监管")])
def test_sections_with_the_exact_phrase_come_first(page, server, site, query, phrase):
    """Unspaced, every result holds the phrase (all its bigrams must occur, in practice in order);
    typed as separate words, the sections holding them as one phrase are listed first."""
    page.goto(f"{server}/2025-national/")
    got = searchkit.results(page, server, query)
    records = {r.url: r for r in search.site_records(site)}
    has = [phrase in records[u].heading + records[u].text for u in got]
    assert got and has[0], got
    assert has == sorted(has, reverse=True), f"a section without {phrase} before one with it: {got}"
    if " " not in query:
        assert all(has)


def test_no_result_for_words_that_only_occur_apart(page, server):
    """个人 and 信息 both occur in the texts, 个人信息 nowhere: the phrase finds nothing."""
    page.goto(f"{server}/2025-national/")
    assert searchkit.results(page, server, "个人信息") == []
    assert page.locator(".md-search-result__meta").inner_text() == "没有找到符合条件的结果"


def test_the_box_cuts_queries_like_the_index(page, server):
    page.goto(f"{server}/2025-national/")
    for text in ["追溯码", "药品耗材追溯码", "daiLiang caigou", "VBP 带量采购", "码", "A：医保基金。"]:
        assert page.evaluate("t => window.edSearch.bigrams(t)", text) == search.bigrams(text)


def test_search_on_a_phone(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{server}/2024-fujian/")
    page.locator("label.md-header__button[for='__search']").click()
    assert page.locator(".md-search__input").is_visible()
    got = searchkit.results(page, server, "号贩子")
    assert "2024-fujian/#item-7" in got[:5]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    context.close()


def test_glossary_records_carry_toneless_pinyin(edition):
    term = edition.glossary.by_zh["带量采购"]
    assert search.toneless_pinyin(term) == ["dailiangcaigou", "dailiang caigou", "dai liang cai gou"]


def test_bigrams():
    assert search.bigrams("穿透监管。Policy 码") == "z7a7fz900fz z900fz76d1z z76d1z7ba1z 。Policy z7801z"


def test_records_are_sections_of_one_language(site):
    records = search.site_records(site)
    item = next(r for r in records if r.url == "2025-national/#item-6")
    assert item.language == "zh" and item.heading == "（六）加强穿透监管。"
    assert "¶" not in item.text and "#item-6" not in item.text, "permalinks are not content"
    en = next(r for r in records if r.url == "en/2025-national/#item-6")
    assert en.language == "en" and "penetrating supervision" in en.text
    assert not any(re.search(r"themes/[a-z-]+/#20", r.url) for r in records), "theme lists are not indexed"


# --- issue 17: every result reachable, narrowing by year / kind / document, titles, other language

def _all_results(page, server, query):
    """The result links after pressing "more" until it is gone."""
    got = searchkit.results(page, server, query)
    more = page.locator(".ed-search-more")
    while more.is_visible():
        n = page.locator(".md-search-result__link").count()
        more.click()
        page.wait_for_function("n => document.querySelectorAll('.md-search-result__link').length > n", arg=n)
    hrefs = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
    return got, [searchkit.site_relative(h, server) for h in hrefs]


@pytest.mark.parametrize("lang, query", [("en", "medical representatives"), ("zh", "医保")])
def test_every_result_is_reachable(page, server, lang, query):
    """More than ten results: "more" shows the rest, until the count announced is on screen."""
    page.goto(f"{server}/{searchkit.START_PAGE[lang]}")
    first, everything = _all_results(page, server, query)
    total = int(re.search(r"\d+", page.locator(".md-search-result__meta").inner_text()).group(0))
    assert len(first) == 10 < total, (first, total)
    assert len(everything) == total == len(set(everything)), everything
    assert everything[:10] == first


def _document_urls(site, edition, doc_filter):
    return {d.id for d in edition.documents if doc_filter(d)}


@pytest.mark.parametrize("lang, query, word_of", [
    ("zh", "2025 医保基金", lambda d: d.meta["year"] == 2025),
    ("en", "Fujian two-invoice", lambda d: d.meta["kind"] == "provincial-work-points"),
])
def test_words_of_the_query_narrow_by_year_and_document(page, server, edition, lang, query, word_of):
    """A year or a document's name in the query narrows to those documents, and says so."""
    page.goto(f"{server}/{searchkit.START_PAGE[lang]}")
    got = searchkit.results(page, server, query)
    wanted = {d.id for d in edition.documents if word_of(d)}
    docs = {u.removeprefix("en/").split("/")[0] for u in got}
    assert got and docs <= wanted, got
    meta = page.locator(".md-search-result__meta").inner_text()
    assert query.split()[0] in meta, f"the narrowing is shown: {meta}"


def test_filter_menus_come_from_the_documents_metadata(page, server, edition):
    """Year, kind and document menus list exactly the values of the documents' metadata, and
    choosing one narrows the results to it."""
    from edition import render
    page.goto(f"{server}/en/2025-national/")
    searchkit.results(page, server, "supervision")
    options = {key: page.eval_on_selector_all(f".ed-search-filters select[name={key}] option",
                                              "os => os.slice(1).map(o => o.value)")
               for key in ("year", "kind", "document")}
    L = render.labels()["en"]
    assert sorted(options["year"]) == sorted({str(d.meta["year"]) for d in edition.documents})
    assert sorted(options["kind"]) == sorted({L["kind_names"][d.meta["kind"]] for d in edition.documents})
    assert sorted(options["document"]) == sorted(render._short(d, "en") for d in edition.documents)
    year = min(options["year"])
    page.evaluate("""y => { const s = document.querySelector('.ed-search-filters select[name=year]');
        s.value = y; s.dispatchEvent(new Event('change')); document.getElementById('ed-search').dataset.rendered = ''; }""", year)
    page.wait_for_function("document.getElementById('ed-search').dataset.rendered === 'supervision'")
    got = [searchkit.site_relative(h, server) for h in
           page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")]
    in_year = {d.id for d in edition.documents if str(d.meta["year"]) == year}
    assert got and {u.removeprefix("en/").split("/")[0] for u in got} <= in_year, got


def test_units_without_a_heading_are_titled_by_what_they_are(site, edition):
    """A news-report paragraph is titled by its number and opening, never by the preceding
    newspaper sub-heading; the same for every unit without its own heading."""
    records = search.site_records(site)
    units = [r for r in records if not r.own_heading]
    assert units
    headings = {r.heading for r in records if r.own_heading}
    for r in units:
        assert r.heading not in headings, r.url
        opening = r.text[:10] if "#para-" in r.url else ""
        assert opening in r.heading, (r.url, r.heading)


def test_a_news_paragraph_result_is_titled_by_itself(page, server):
    page.goto(f"{server}/2025-national/")
    got = searchkit.results(page, server, "2025 医保基金")
    para = next(u for u in got if "#para-" in u)
    n = para.split("#para-")[1]
    title = page.locator(".md-search-result__item").nth(got.index(para)).locator("h1").inner_text()
    assert title.startswith(f"第{n}段"), title


def test_an_english_query_on_a_chinese_page_says_where_english_results_are(page, server):
    page.goto(f"{server}/2024-fujian/")
    searchkit.results(page, server, "two-invoice system")
    note = page.locator(".ed-search-other")
    assert note.is_visible()
    link = note.locator("a")
    assert "/en/2024-fujian/?q=" in link.get_attribute("href")
    link.click()
    page.wait_for_url("**/en/2024-fujian/?q=*")
    page.wait_for_function("document.getElementById('ed-search').dataset.rendered === 'two-invoice system'")
    got = [searchkit.site_relative(h, server) for h in
           page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")]
    assert "en/2024-fujian/#item-4" in got[:5], got
    searchkit.results(page, server, "两票制")
    assert not page.locator(".ed-search-other").is_visible(), "no notice for a Chinese query"
