"""The browser's own print of the site's pages: Chromium's page.pdf(), read back with pdftotext.

Issue: a printed page carried the site's controls (the English-only toggle, "suggest a
correction", the citation boxes), split items across pages, gave permalinks without their
address, and (in the reported Chromium) wrote CJK radicals into the text layer.
"""
from __future__ import annotations

import re
import subprocess


import pytest

from conftest import RADICALS, ROOT, SCREENSHOTS, tool

from edition import citation, generate, render



def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)

SITE_URL = (generate.mkdocs_config(ROOT).get("site_url") or render.Site.site_url).rstrip("/") + "/"


def printed(page, url: str, path) -> list[str]:
    """The page printed to PDF by Chromium, as the text of each sheet."""
    page.goto(url)
    page.pdf(path=str(path), format="A4")
    out = subprocess.run([tool("pdftotext"), "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    return out.split("\f")


CONTROLS = ".ed-toolbar, [data-ed-toggle], [data-ed-terms], .ed-suggest, .ed-cite, .md-header, .md-sidebar, .md-footer"


def in_text(page, words: str) -> int:
    """How often `words` (white space removed) occur in the page's content outside its controls."""
    return page.evaluate("""([words, controls]) => {
        const body = document.body.cloneNode(true);
        body.querySelectorAll(controls).forEach(el => el.remove());
        return body.textContent.replace(/\\s+/g, "").split(words).length - 1; }""", [words, CONTROLS])


def test_printed_document_pages_are_text_only_with_addresses_and_whole_items(edition, page, server, tmp_path):
    problems = []
    for d in edition.documents:
        for lang in ("zh", "en"):
            L = render.labels()[lang]
            prefix = "en/" if lang == "en" else ""
            sheets = printed(page, f"{server}/{prefix}{d.id}/", tmp_path / f"{lang}-{d.id}.pdf")
            # the apparatus markers ([e7]) are printed inside the text, as on screen
            markers = [f"[{e.id}]" for e in d.annotation.emendations]
            sheets = [re.sub("|".join(map(re.escape, markers)) or "$^", "", s) for s in sheets]
            text = "\n".join(sheets)
            flat = squeeze(text)
            where = f"{prefix}{d.id}/"
            for control in (L.get("english_only"), L["suggest"], L["cite_title"]):
                # a control's words may also stand in the text (a note: "引用本段时…"): those may print
                if control and flat.count(squeeze(control)) > in_text(page, squeeze(control)):
                    problems.append(f"{where}: the control {control!r} is printed")
            extra = set(RADICALS.findall(text)) - set(RADICALS.findall(d.doc.reading.raw))
            if extra:
                problems.append(f"{where}: radicals in the text layer: {''.join(sorted(extra))}")
            for u in d.doc.items:
                url = citation.permalink(SITE_URL, d.id, u.id, lang)
                if squeeze(url) not in flat:
                    problems.append(f"{where}: the permalink of {u.id} is printed without its address")
                heading = squeeze(u.text[:len(u.marker) + len(u.heading)])
                body_end = squeeze(u.text)[-12:]
                if lang == "zh" and not any(heading in squeeze(s) and body_end in squeeze(s) for s in sheets):
                    problems.append(f"{where}: {u.id} is broken across sheets")
    assert not problems, "\n".join(problems)


def test_print_stylesheet_hides_navigation_and_keeps_redline_marks(edition, browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(f"{server}/en/compare/{edition.alignments[0].id}/")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar', '.md-footer', '.md-search', '[data-ed-toggle]',
        '.ed-suggest', '.ed-cite'].map(s => [s, [...document.querySelectorAll(s)].every(e => !e.checkVisibility())])""")
    assert all(ok for _, ok in hidden), hidden
    marks = page.evaluate("""() => [...document.querySelectorAll('.ed-redline del, .ed-redline ins')].slice(0, 50)
        .map(e => [e.tagName, getComputedStyle(e).textDecorationLine, e.checkVisibility()])""")
    assert marks, "the comparison page has redline marks"
    for tag, line, visible in marks:
        assert visible and (("line-through" in line) if tag == "DEL" else ("underline" in line)), (tag, line)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "print-compare.png"))
    context.close()
