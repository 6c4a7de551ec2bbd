"""Untrusted annotation text: known XSS payloads in every free-text field never reach a page live.

The `xss_site` fixture (conftest.py) puts the payloads of xss_payloads.py into every free-text
field type of a project copy and builds it with --strict. The built HTML is checked with lxml, the
pages are opened in headless Chromium (hovering glossary terms, clicking notes, searching), and the
open-data files must carry the payloads as inert data.
"""
import csv
import io
import json
import re

import pytest

import searchkit
import yaml
from lxml import etree
from lxml import html as lxml_html

from conftest import build
from xss_payloads import PAYLOADS

FIELDS = {
    "manifest.title.en", "manifest.title.zh", "manifest.provenance.en", "manifest.provenance.zh",
    "manifest.issuers.en", "manifest.number", "manifest.number_note.en", "manifest.date_note.en",
    "reading.reason.en", "reading.reason.zh", "emendation.reason.en", "emendation.reason.zh",
    "manifest.issuers.zh", "unit.en", "unit.en (signatory list)", "unit.en (box)", "item.heading",
    "note.text", "note.zh", "note.inference.en", "note.inference.zh", "note.source.issuer.en",
    "note.source.issuer.zh", "note.source.title.en", "note.source.title.zh", "note.source.number",
    "note.text", "note.zh", "manifest.issuers_note.en", "manifest.printed_by.en",
    "sic.reason.en", "sic.reason.zh", "sic.translation.en", "sic.readings.en", "sic.readings.reading",
    "glossary.en", "glossary.def_en", "glossary.def_zh", "glossary.alt", "glossary.rejected",
    "theme.name.en", "theme.name.zh", "theme.description.en", "theme.description.zh",
    "alignment.summary_en", "alignment.summary_zh", "alignment.note_en", "alignment.note_zh",
    "alignment.review.method_en", "alignment.review.method_zh", "alignment.review.reason_en", "alignment.review.reason_zh",
}
URL_ATTRS = {"href", "src", "action", "formaction", "data", "poster", "background", "xlink:href", "srcdoc"}
BAD_SCHEME = re.compile(r"(javascript|data|vbscript):", re.I)
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet", "noscript", "textarea"}
MARKERS = ("XSSTPL", "XSS-LOOPXSS-LOOP", "docs_dir:", "site_name:")


def _squeeze(url: str) -> str:
    """A URL as a browser reads its scheme: whitespace and controls removed, entities decoded by lxml."""
    return re.sub(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060\ufeff]+", "", url)


# --------------------------------------------------------------------------- the sanitiser itself

def test_there_are_at_least_30_payloads_in_every_free_text_field_type(xss_site):
    assert len(PAYLOADS) >= 30
    _, _, fields = xss_site
    assert FIELDS <= set(fields), FIELDS - set(fields)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markup_render_keeps_only_the_allowed_subset(payload):
    from edition import markup
    out = markup.render(payload)
    tree = lxml_html.fragment_fromstring(f"<div>{out}</div>")
    for el in tree.iter():
        if el is tree:
            continue
        assert el.tag in markup.ALLOWED_TAGS, (el.tag, out)
        for name, value in el.attrib.items():
            assert name in ("href", "rel"), (name, out)
            if name == "href":
                assert not BAD_SCHEME.match(_squeeze(value)), out


def test_markup_subset_still_works():
    from edition import markup
    out = markup.render("*a* **b** `c` [d](https://example.org/x)\n\n- e\n- f")
    assert "<em>a</em>" in out and "<strong>b</strong>" in out and "<code>c</code>" in out
    assert '<a href="https://example.org/x" rel="noopener nofollow">d</a>' in out and "<li>e</li>" in out


@pytest.mark.parametrize("value", [r"\x3cscript\x3e", '\\" onmouseover=x', "a\nb: c", "</title><script>", "x\u2028y"])
def test_front_matter_values_are_valid_yaml_and_html_escaped(value):
    from edition import markup
    loaded = yaml.safe_load("title: " + markup.meta(value))["title"]
    assert "<" not in loaded and '"' not in loaded and "\n" not in loaded


# --------------------------------------------------------------------------- the built site

@pytest.fixture(scope="module")
def xss_pages(xss_site):
    site, result, _ = xss_site
    assert result.returncode == 0, "the payloads must be neutralised, not fail the build:\n" + result.stderr[-3000:]
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 40
    return site, pages


def _inline_scripts(site):
    out = set()
    for f in site.rglob("*.html"):
        for s in lxml_html.fromstring(f.read_bytes()).iter("script"):
            if not s.get("src"):
                out.add(re.sub(r"\s+", " ", s.text or "").strip())
    return out


def test_built_html_has_no_live_payload(xss_pages, site):
    root, pages = xss_pages
    own_inline = _inline_scripts(site)
    problems = []
    for f in pages:
        rel = f.relative_to(root).as_posix()
        raw = f.read_text(encoding="utf-8")
        tree = lxml_html.fromstring(raw)
        for el in tree.iter():
            if not isinstance(el.tag, str):
                continue
            tag = el.tag.lower()
            if tag in FORBIDDEN_TAGS:
                problems.append((rel, f"<{tag}>"))
            if tag == "script":
                src = el.get("src")
                if src:
                    if not re.search(r"(^|/)assets/(edition\.js|search\.js|javascripts/bundle\.[0-9a-f]+\.min\.js)$", src):
                        problems.append((rel, f"script src={src}"))
                elif re.sub(r"\s+", " ", el.text or "").strip() not in own_inline:
                    problems.append((rel, "unknown inline script", (el.text or "")[:80]))
            if tag == "meta" and el.get("http-equiv"):
                problems.append((rel, "meta http-equiv"))
            if tag == "style" and "__xss" in (el.text or ""):
                problems.append((rel, "<style> from a payload"))
            for name, value in el.attrib.items():
                name = name.lower()
                if name.startswith("on"):
                    problems.append((rel, f"{tag} {name}={value[:40]}"))
                if name in URL_ATTRS and BAD_SCHEME.match(_squeeze(value)):
                    problems.append((rel, f"{tag} {name}={value[:40]}"))
                if name == "title" and "<" in value:  # Material's tooltips render titles with innerHTML
                    problems.append((rel, f"{tag} title={value[:40]}"))
                if name == "style" and ("__xss" in value or "expression" in value or "url(" in value):
                    problems.append((rel, f"{tag} style={value[:40]}"))
        for marker in MARKERS:
            if marker in raw:
                problems.append((rel, f"template/snippet marker {marker}"))
    assert not problems, problems[:20]


def test_payloads_are_shown_as_inert_text(xss_pages):
    """The check above must not pass because the payloads went missing: they are on the pages, as text."""
    root, _ = xss_pages
    text = lxml_html.fromstring((root / "en" / "2025-national" / "index.html").read_bytes()).text_content()
    for n in (1, 2, 17, 33):
        assert f"window.__xss={n}" in text, n
    glossary = lxml_html.fromstring((root / "en" / "glossary" / "index.html").read_bytes()).text_content()
    assert "window.__xss=1" in glossary and "{{ \"XSS\" ~ \"TPL\" }}" in glossary


def test_note_sources_and_inference_are_shown_as_inert_text(xss_pages, edition):
    """Payloads in a note's sources (issuer, title, number), its inference and its Chinese version
    reach both languages' pages as text; the document links keep their http(s) address."""
    root, _ = xss_pages
    for lang_dir in ("", "en/"):
        sources, inference, links = "", "", []
        for d in edition.documents:
            tree = lxml_html.fromstring((root / lang_dir / d.id / "index.html").read_bytes())
            sources += " ".join(n.text_content() for n in tree.xpath('//*[contains(@class, "ed-note-sources")]'))
            inference += " ".join(n.text_content() for n in tree.xpath('//*[contains(@class, "ed-note-inference")]'))
            links += tree.xpath('//a[contains(@class, "ed-note-document")]/@href')
        for n in (1, 2, 17, 33):
            assert f"window.__xss={n}" in sources and f"window.__xss={n}" in inference, (lang_dir, n)
        assert links and all(h.startswith("https://example.invalid/") for h in links), links[:3]


def test_front_matter_payloads_stay_text_in_title_and_description(xss_pages):
    root, pages = xss_pages
    for f in pages:
        tree = lxml_html.fromstring(f.read_bytes())
        head = tree.find("head")
        assert head is not None
        assert [el.tag for el in head.iter("title")] == ["title"], f
        for meta in head.iter("meta"):
            assert "http-equiv" not in meta.attrib, (f, meta.attrib)
    # The \x3c payload is in one document's title (which one depends on how many documents there are).
    titles = [lxml_html.fromstring(f.read_bytes()).findtext(".//title") or "" for f in pages]
    assert any("window.__xss=40" in t for t in titles), "the \\x3c payload is shown literally, not decoded into markup"


def test_open_data_files_carry_payloads_as_data(xss_pages):
    root, _ = xss_pages
    data = json.loads((root / "data" / "corpus.json").read_text(encoding="utf-8"))
    dump = json.dumps(data, ensure_ascii=False)
    assert "<script>window.__xss=1</script>" in dump, "JSON keeps the text exactly (it is data)"
    rows = list(csv.DictReader(io.StringIO((root / "data" / "items.csv").read_text(encoding="utf-8-sig"))))
    assert any("window.__xss" in r["heading_en"] for r in rows)
    json.loads((root / "data" / "glossary.json").read_text(encoding="utf-8"))
    for tei in (root / "data" / "tei").glob("*.xml"):
        tree = etree.parse(str(tei))  # well-formed despite the payloads
        for el in tree.iter():
            if not isinstance(el.tag, str):
                continue
            assert el.tag.startswith("{http://www.tei-c.org/ns/1.0}"), (tei.name, el.tag)
            for name, value in el.attrib.items():
                assert not name.lower().startswith("on"), (tei.name, el.tag, name)
                if name == "target":
                    assert not BAD_SCHEME.match(_squeeze(value)), (tei.name, value)
        assert "window.__xss=1" in etree.tostring(tree, encoding="unicode", method="text")


# --------------------------------------------------------------------------- in the browser

def _fired(page):
    return page.evaluate("window.__xss === undefined ? null : String(window.__xss)")


def test_no_payload_executes_in_chromium(browser, xss_server, xss_pages):
    root, pages = xss_pages
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    fired = []
    for f in pages:
        rel = f.relative_to(root).as_posix()
        url = f"{xss_server}/{rel[:-len('index.html')] if rel.endswith('index.html') else rel}"
        page.goto(url)
        page.wait_for_load_state("load")
        for selector in (".ed-term", ".ed-term-en", ".ed-theme", ".ed-app-reason a", ".ed-notes a"):
            for el in page.locator(selector).all()[:8]:
                if el.is_visible():
                    el.hover()
        # Links with a title get Material's tooltip (content.tooltips), built from the title text.
        for el in page.locator(":is(.ed-notes, .ed-en, .ed-app-reason, .ed-theme-description, .ed-reading-reason) a[title]").all()[:40]:
            if el.is_visible():
                el.hover()
                page.wait_for_timeout(30)
        for note in page.locator(".ed-notes li, .ed-app-list li").all()[:8]:
            note.dispatch_event("click")
        # Every inline event handler a payload could have planted, on every element.
        page.evaluate("""() => { for (const el of document.querySelectorAll('body *')) {
            for (const t of ['mouseover', 'mouseenter', 'mousemove', 'focus', 'toggle', 'animationstart'])
              el.dispatchEvent(new Event(t)); } }""")
        page.wait_for_timeout(50)
        if _fired(page) is not None:
            fired.append((rel, _fired(page)))
    # The search box renders results (titles, excerpts) from the index: search for the payloads.
    page.goto(f"{xss_server}/en/")
    shown = 0
    for query in ("xss", "window", "script", "onerror", "javascript"):
        try:
            found = searchkit.results(page, xss_server, query)
        except Exception:
            continue
        shown += len(found)
        for item in page.locator(".md-search-result__link").all()[:5]:
            if item.is_visible():
                item.hover()
    assert shown > 0, "the search found the payload text"
    if _fired(page) is not None:
        fired.append(("search", _fired(page)))
    context.close()
    assert not dialogs and not fired, (dialogs, fired)


def test_a_document_reference_that_is_not_an_id_stops_the_build(project):
    """`implements` goes into a link's href: anything but a known document id is refused."""
    path = project / "sources" / "2024-fujian.yml"
    text = path.read_text(encoding="utf-8")
    assert "implements: 2024-national" in text
    path.write_text(text.replace("implements: 2024-national", 'implements: "x\\" onmouseover=\\"window.__xss=1"'),
                    encoding="utf-8")
    result = build(project, project / "site")
    assert result.returncode != 0
    assert "sources/2024-fujian.yml" in result.stderr and "implements" in result.stderr
    assert "is not a document of the edition" in result.stderr
    assert not (project / "site" / "2024-fujian" / "index.html").exists(), "nothing is published"


# Every entry a reader can hover, focus or tap: table of contents, navigation, header, glossary terms
# (whatever their markup: links, buttons, popover triggers). Material's tooltips render a title with
# innerHTML and set an overflowing entry's title from its text, so an escaped payload in a heading
# would run here and nowhere else.
ENTRIES = ('.md-nav a, .md-nav label, .md-header__topic, .md-ellipsis, [class*="ed-term"], '
           'a[href*="glossary/#"], [data-ed-term], [title]')
TERMS = '[class*="ed-term"], a[href*="glossary/#"], [data-ed-term]'
TITLED = ".md-nav [title], .md-header [title], .md-sidebar [title]"

_EXERCISE = """async ([entries, terms]) => {
  const sleep = ms => new Promise(r => setTimeout(r, ms));
  // A term's tap opens its popover; the page itself must not change under the test.
  window.addEventListener('click', e => e.preventDefault());
  const els = [...document.querySelectorAll(entries)];
  let n = 0;
  for (const el of els) {
    el.dispatchEvent(new MouseEvent('mouseenter'));
    el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
    if (el.focus) el.focus();
    if (el.matches(terms)) el.click();
    if (++n % 25 === 0) await sleep(0);
  }
  await sleep(300);
  return els.length;
}"""


def test_no_payload_runs_from_tooltips_focus_or_term_popups(browser, xss_server, xss_pages):
    """Every TOC, navigation, header and term entry of every page is hovered and focused (terms are
    also tapped) and nothing executes. Material gives an entry a tooltip only when its text
    overflows and it is on screen: the viewport is tall, so that every sidebar entry is; each entry
    that then has a title is hovered with the real mouse and focused from the keyboard (Material
    places its tooltip only then); every entry also gets the events in the page (hover, focus, tap)
    for the edition's own term popovers."""
    root, pages = xss_pages
    context = browser.new_context(viewport={"width": 1280, "height": 12000})
    page = context.new_page()
    dialogs, fired = [], []
    counts = {"entries": 0, "titled": 0, "tooltips with payload text": 0}
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for f in pages:
        rel = f.relative_to(root).as_posix()
        if not rel.endswith("index.html"):
            continue
        page.goto(f"{xss_server}/{rel[:-len('index.html')]}")
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)  # Material's visibility observers set the overflow titles
        titled = page.query_selector_all(TITLED)  # handles: Material takes the title off while shown
        counts["titled"] += len(titled)
        for el in titled:
            if el.is_visible():
                el.hover(timeout=2000, force=True)
                page.wait_for_timeout(30)
                el.focus()
                page.wait_for_timeout(30)
        counts["tooltips with payload text"] += page.evaluate(
            "[...document.querySelectorAll('.md-tooltip2__inner')].filter(t => t.textContent.includes('window.__xss')).length")
        counts["entries"] += page.evaluate(_EXERCISE, [ENTRIES, TERMS])
        if _fired(page) is not None:
            fired.append((rel, _fired(page)))
    context.close()
    assert not dialogs and not fired, (dialogs, fired)
    # The test reached what it is about: entries titled from payload text, tooltips showing it as text.
    assert counts["titled"] > 20 and counts["tooltips with payload text"] > 5 and counts["entries"] > 5000, counts
