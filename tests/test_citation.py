"""Every item can be cited (Chicago and BibTeX with its permalink) and corrected (prefilled issue)."""
from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest

from edition import citation


def test_reference_has_issuer_number_date_permalink_and_access_date(edition):
    d = edition.document("2025-national")
    ref = citation.reference(d.meta, d.id, "item-6", "(6)", "Strengthen penetrating supervision.", "en",
                             "https://example.org/edition/", today=dt.date(2026, 11, 22))
    assert ref["url"] == "https://example.org/edition/en/2025-national/#item-6"
    assert ref["chicago"] == (
        "National Health Commission and thirteen other departments. “" + d.meta["title"]["en"] + ",” item (6): "
        "“Strengthen penetrating supervision”. 国卫医急函〔2025〕144号. May 13, 2025. In "
        + citation.EDITION_TITLE["en"] + ", translated and annotated by the edition's contributors. "
        "https://example.org/edition/en/2025-national/#item-6. Accessed November 22, 2026.")
    bib = ref["bibtex"]
    assert bib.startswith("@misc{jiufeng-2025-national-item-6,\n") and bib.endswith("}")
    for field in ("number = {国卫医急函〔2025〕144号}", "date = {2025-05-13}", "urldate = {2026-11-22}",
                  "url = {https://example.org/edition/en/2025-national/#item-6}",
                  "author = {{National Health Commission and thirteen other departments}}"):
        assert field in bib
    assert bib.count("{") == bib.count("}")


def test_a_document_without_number_or_date_leaves_them_out(edition):
    d = edition.document("2023-national")
    ref = citation.reference(d.meta, d.id, "item-1", "（一）", "x", "zh", "https://e.org/")
    assert "  number =" not in ref["bibtex"] and "  date =" not in ref["bibtex"]
    assert ref["chicago"].startswith("国家卫生健康委办公厅：《") and "https://e.org/2023-national/#item-1" in ref["chicago"]


@pytest.mark.parametrize("lang", ["", "en/"])
def test_every_item_carries_cite_and_suggest_actions(site, edition, lang):
    for d in edition.documents:
        html = lxml.html.parse(str(site / lang / d.id / "index.html")).getroot()
        for item in d.doc.items:
            [meta] = html.xpath(f'//*[@id="{item.id}"]/following::div[contains(@class, "ed-item-meta")][1]')
            bib = meta.xpath('.//pre[contains(@class, "ed-cite-bibtex")]')[0].text_content()
            assert f"/{lang}{d.id}/#{item.id}}}," in bib, (d.id, item.id)
            [suggest] = meta.xpath('.//a[contains(@class, "ed-suggest")]')
            query = parse_qs(urlsplit(suggest.get("href")).query)
            assert query["document"] == [d.id] and query["item"] == [item.id]
            assert query["template"] == ["translation-error.yml"]
