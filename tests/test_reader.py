"""What readers hit on phones and desktops (issue 17): terms in the running text, language and
structure, landmarks and accessibility. Headless Debian Chromium through Playwright; the server
answers a missing path with /404.html and status 404, as GitHub Pages does (conftest._Quiet)."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from lxml import html as lxml_html

from conftest import SCREENSHOTS

DOCUMENT_PAGES = ["2025-national/", "en/2025-national/", "2025-news/", "en/2025-news/"]
PAGE_TYPES = ["", "en/", *DOCUMENT_PAGES, "glossary/", "en/glossary/", "themes/", "en/themes/",
              "compare/2024-national--2025-national/", "en/compare/2024-national--2025-national/",
              "whats-new/2025/", "en/whats-new/2025/", "no-such-page/", "en/no-such-page/"]
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
ENGLISH = re.compile(r"[A-Za-z][A-Za-z']*[A-Za-z](?:[ ,:;.\-/()]+[A-Za-z][A-Za-z']*[A-Za-z]){1,}")
SKIP = {"script", "style", "title", "textarea", "code", "pre", "svg", "kbd", "samp"}


def _pages(site):
    return [p for p in sorted(site.rglob("*.html")) if not p.relative_to(site).as_posix().startswith(("pagefind", "assets"))]


def _context(browser, width, **kwargs):
    return browser.new_context(viewport={"width": width, "height": 900}, **kwargs)


# --------------------------------------------------------------------------- language and structure

def test_every_run_of_the_other_language_carries_its_lang(site):
    """Over every built page: no Han character in an English context, no English phrase (two or
    more words, not acronyms alone) in a Chinese context."""
    faults = Counter()
    examples = {}
    for path in _pages(site):
        root = lxml_html.fromstring(path.read_bytes())
        for el in root.iter():
            if not isinstance(el.tag, str) or el.tag in SKIP or any(a.tag in SKIP for a in el.iterancestors()):
                continue
            texts = [el.text] + [c.tail for c in el]
            lang = next((a.get("lang") for a in [el, *el.iterancestors()] if a.get("lang") is not None), "")
            for t in texts:
                if not t or not t.strip():
                    continue
                english = [m for m in ENGLISH.findall(t) if not all(w.isupper() for w in re.findall(r"[A-Za-z']+", m))]
                if (lang.startswith("en") and HAN.search(t)) or (lang.startswith("zh") and english):
                    key = (path.relative_to(site).as_posix(), el.tag, el.get("class"))
                    faults[key] += 1
                    examples.setdefault(key, t.strip()[:60])
    assert not faults, "\n".join(f"{n} × {k}: {examples[k]!r}" for k, n in faults.most_common(20))


def test_hreflang_alternates_are_absolute_with_x_default(site):
    for rel in ["index.html", "2025-national/index.html", "en/glossary/index.html"]:
        page = (site / rel).read_text(encoding="utf-8")
        links = re.findall(r'<link rel="alternate ?" href="([^"]+)" hreflang="([^"]+)"', page)
        langs = {lang: href for href, lang in links}
        assert set(langs) == {"zh", "en", "x-default"}, (rel, links)
        assert all(h.startswith(("http://", "https://")) for h in langs.values()), links
        assert langs["x-default"] == langs["zh"]


@pytest.mark.parametrize("path", ["", "2025-national/", "en/2025-national/", "en/glossary/"])
def test_no_failed_requests_to_the_site(browser, server, path):
    """No sitemap.xml (or anything else) fetched from a wrong path: no 4xx/5xx from the site."""
    context = _context(browser, 1280)
    page = context.new_page()
    failed = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 and r.url.startswith(server) else None)
    page.goto(f"{server}/{path}")
    page.wait_for_load_state("networkidle")
    context.close()
    assert not failed, failed


def test_no_duplicate_ids(site):
    dupes = {}
    for path in _pages(site):
        ids = Counter(re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8")))
        d = [i for i, n in ids.items() if n > 1]
        if d:
            dupes[path.relative_to(site).as_posix()] = d
    assert not dupes, dupes


@pytest.mark.parametrize("lang, path, heading", [("zh", "no-such-page/x/", "找不到页面"),
                                                  ("en", "en/no-such-page/x/", "Page not found")])
def test_each_language_has_its_own_404_page(browser, server, site, lang, path, heading):
    assert (site / "404.html").exists() and (site / "en" / "404.html").exists()
    context = _context(browser, 390)
    page = context.new_page()
    response = page.goto(f"{server}/{path}")
    assert response.status == 404
    page.wait_for_function("lang => document.documentElement.lang === lang && document.querySelector('h1#not-found')", arg=lang)
    assert heading in page.locator("h1#not-found").inner_text()
    home = page.locator("article a").first.get_attribute("href")
    assert home == ("/en/" if lang == "en" else "/"), home
    switch = page.eval_on_selector_all("a.md-select__link", "els => els.map(e => e.getAttribute('href'))")
    assert sorted(switch) == ["/", "/en/"], f"the language switcher goes to each language's home: {switch}"
    page.screenshot(path=str(SCREENSHOTS / f"{lang}-404.png"))
    context.close()


def test_english_only_toggle_label_does_not_contradict_its_state(page, server):
    page.goto(f"{server}/en/2025-national/")
    button = page.locator("[data-ed-toggle]")
    label = button.inner_text()
    button.click()
    assert button.get_attribute("aria-pressed") == "true" and button.inner_text() == label
    button.click()
    assert button.get_attribute("aria-pressed") == "false" and button.inner_text() == label


def test_english_only_mode_shows_each_item_heading_once(page, server):
    page.goto(f"{server}/en/2025-national/#item-6")
    page.locator("[data-ed-toggle]").click()
    visible = page.evaluate("""() => [...document.querySelectorAll('article h3, article .ed-en strong, article .ed-en b')]
        .filter(e => e.getClientRects().length && /Strengthen penetrating supervision/.test(e.textContent)).length""")
    assert visible == 1, visible
    page.locator("[data-ed-toggle]").click()
    assert page.locator("#item-6 + .ed-parallel .ed-en strong", has_text="Strengthen penetrating").is_visible(), \
        "side by side, the English column keeps its heading over its text"


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", PAGE_TYPES)
def test_axe_reports_no_violations(browser, server, path, width):
    """axe-core: no violation of any impact on every page type, at phone and desktop width."""
    from axe_playwright_python.sync_playwright import Axe
    context = _context(browser, width)
    page = context.new_page()
    page.goto(f"{server}/{path}")
    page.wait_for_function("document.querySelector('.md-content h1')")
    violations = Axe().run(page).response["violations"]
    context.close()
    assert not violations, "\n".join(f"{v['id']} ({v['impact']}): {v['help']} — e.g. {v['nodes'][0]['html'][:160]}"
                                      for v in violations)


@pytest.mark.parametrize("path", ["2025-national/", "en/2024-fujian/"])
def test_item_meta_tap_targets_are_at_least_24px(browser, server, path):
    context = _context(browser, 390, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{server}/{path}")
    small = page.evaluate("""() => [...document.querySelectorAll('.ed-item-meta a, .ed-item-meta summary')]
        .map(e => [e.textContent.trim().slice(0, 20), e.getBoundingClientRect()])
        .filter(([t, r]) => r.width > 0 && (r.width < 24 || r.height < 24)).map(([t, r]) => `${t} ${r.width}x${r.height}`)""")
    context.close()
    assert not small, small[:10]


@pytest.mark.parametrize("path", ["", "en/"])
def test_home_table_titles_are_short_on_a_phone(browser, server, path):
    context = _context(browser, 390)
    page = context.new_page()
    page.goto(f"{server}/{path}")
    shape = page.evaluate("""() => [...document.querySelectorAll('.ed-documents td:nth-child(2) a')].map(a => {
        const h = parseFloat(getComputedStyle(a).lineHeight) || 20, r = a.getBoundingClientRect();
        return [Math.round(r.height / h), a.closest('td').getBoundingClientRect().width / a.closest('.ed-documents').getBoundingClientRect().width]; })""")
    page.screenshot(path=str(SCREENSHOTS / f"home-{path.strip('/') or 'zh'}-390.png"), full_page=True)
    context.close()
    assert shape, "the home page lists the documents in .ed-documents"
    assert max(lines for lines, _ in shape) <= 5, shape
    assert min(share for _, share in shape) > 0.9, f"the title takes the full width on a phone: {shape}"


# --------------------------------------------------------------------------- terms in the running text

def test_term_marks_are_quiet_and_can_be_turned_off(page, server):
    page.goto(f"{server}/2025-national/#item-10")
    term = page.locator("a.ed-term").first
    body_colour = page.evaluate("getComputedStyle(document.querySelector('.ed-item, article p')).color")
    assert term.evaluate("e => getComputedStyle(e).color") == body_colour, "terms read in the text's colour"
    assert term.evaluate("e => getComputedStyle(e).textDecorationStyle") == "dotted"
    toggle = page.locator("[data-ed-terms]")
    assert toggle.get_attribute("aria-pressed") == "true"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "false"
    assert term.evaluate("e => getComputedStyle(e).textDecorationLine") == "none"
    page.reload()
    assert page.locator("[data-ed-terms]").get_attribute("aria-pressed") == "false", "the choice is remembered"
    assert page.locator("a.ed-term").first.evaluate("e => getComputedStyle(e).textDecorationLine") == "none"


@pytest.mark.parametrize("width", [390, 1024, 1280])
@pytest.mark.parametrize("path", ["2025-national/", "en/2025-national/"])
def test_term_tooltip_stays_inside_the_viewport(browser, server, width, path):
    """The term nearest the right edge, hovered (and focused): its tooltip is inside the viewport
    and the page does not grow sideways."""
    context = _context(browser, width)
    page = context.new_page()
    page.goto(f"{server}/{path}")
    index = page.evaluate("""() => { const t = [...document.querySelectorAll('a.ed-term')];
        let best = 0, right = -1; t.forEach((e, i) => { const r = e.getBoundingClientRect();
        if (r.width && r.right > right) { right = r.right; best = i; } }); return best; }""")
    term = page.locator("a.ed-term").nth(index)
    term.scroll_into_view_if_needed()
    for action in (term.hover, term.focus):
        action()
        tip = page.locator(".ed-tip")
        tip.wait_for(state="visible")
        box = tip.bounding_box()
        assert "·" in tip.inner_text() and term.get_attribute("data-en") in tip.inner_text()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (box, width)
        assert box["y"] >= 0 and box["y"] + box["height"] <= 900, box
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.mouse.move(0, 0)
        page.evaluate("document.activeElement.blur()")
    context.close()


def test_a_tap_on_a_term_shows_it_in_place(browser, server):
    context = _context(browser, 390, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{server}/2025-national/#item-10")
    term = page.locator("a.ed-term", has_text="三重一大").first
    term.scroll_into_view_if_needed()
    url = page.url
    term.tap()
    pop = page.locator(".ed-pop")
    pop.wait_for(state="visible")
    assert page.url == url, "the tap does not go to the glossary"
    text = pop.inner_text()
    assert "sān zhòng yī dà" in text and "Three Majors and One Large" in text
    assert term.get_attribute("data-def")[:10] in text
    assert pop.locator("a.ed-pop-more").get_attribute("href").endswith("glossary/#term-san-zhong-yi-da")
    box = pop.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(SCREENSHOTS / "zh-term-popover-390.png"))
    page.locator(".ed-pop-close").tap()
    assert not pop.is_visible()
    context.close()


def test_popover_sets_annotation_text_as_text(browser, server):
    """Annotation text never becomes markup in the popover: a definition holding a tag is shown as
    the characters it is."""
    context = _context(browser, 390, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{server}/2025-national/#item-10")
    page.evaluate("""() => { const a = document.querySelector('a.ed-term');
        a.dataset.def = '<img src=x onerror="window.__pwned=1">'; a.scrollIntoView(); }""")
    page.locator("a.ed-term").first.tap()
    page.locator(".ed-pop").wait_for(state="visible")
    assert page.locator(".ed-pop img").count() == 0
    assert '<img src=x' in page.locator(".ed-pop-def").inner_text()
    assert not page.evaluate("window.__pwned")
    context.close()


def test_mark_runs_on_small_fixtures():
    from edition.langspan import mark_runs
    en = '<html lang="en"><body><p>Document number 国卫医急函〔2024〕101号 (see <a href="x">两票制</a>).</p>' \
         '<p lang="zh-Hans">已标注的中文 VBP</p><script>var a = "中文";</script></body></html>'
    out = mark_runs(en)
    assert '<span lang="zh-Hans">国卫医急函〔2024〕101号</span>' in out
    assert '<a href="x"><span lang="zh-Hans">两票制</span></a>' in out
    assert '<p lang="zh-Hans">已标注的中文 VBP</p>' in out and 'var a = "中文";' in out
    zh = '<html lang="zh"><body><p>本版英译 Translations, notes and code © 项目；DRG/DIP 改革</p>' \
         '<a title="two words here" href="#">Material for MkDocs</a></body></html>'
    out = mark_runs(zh)
    assert '<span lang="en">Translations, notes and code</span>' in out
    assert "DRG/DIP 改革" in out and 'title="two words here"' in out
    assert '<span lang="en">Material for MkDocs</span>' in out
