"""The built site: URLs, anchors, both languages, metadata, markers."""
import re

import lxml.html

from conftest import build

def html(site, path):
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_every_document_has_a_chinese_and_an_english_page(site, edition):
    for d in [d.id for d in edition.documents]:
        assert (site / d / "index.html").exists() and (site / "en" / d / "index.html").exists()
        assert (site / "sources" / f"{d}.txt").exists()


def test_stable_anchors_and_no_order_based_ids(site, edition):
    for d in edition.documents:
        for lang_path in (d.id, f"en/{d.id}"):
            page = html(site, lang_path)
            for u in d.doc.units:
                if u.kind in ("item", "part") or u.kind == "preamble" or u.kind.startswith("para"):
                    assert f'id="{u.id}"' in page, (lang_path, u.id)
            if d.doc.items:
                assert 'id="preamble"' in page
            if any(u.kind.startswith("notice") for u in d.doc.units):
                assert 'id="notice"' in page
    for page in site.rglob("*.html"):
        assert not re.search(r'id="_\d+"', page.read_text(encoding="utf-8")), page


def test_language_switcher_points_to_the_same_document(site):
    zh = html(site, "2025-national")
    en = html(site, "en/2025-national")
    assert re.search(r'href="[./]*en/2025-national/"[^>]*hreflang="en"', zh)
    assert re.search(r'href="[./]*(2025-national/)?"[^>]*hreflang="zh"', en) or 'hreflang="zh"' in en
    assert '<html lang="zh' in zh and '<html lang="en"' in en


def test_english_page_shows_parallel_text_and_metadata(site):
    en = html(site, "en/2025-national")
    assert "Strengthen penetrating supervision" in en and "加强穿透监管" in en
    assert 'class="ed-parallel ed-item"' in en and "English only" in en
    for label in ("Issuer", "Document number", "Date", "Kind", "Provenance", "Raw source"):
        assert f"<dt>{label}</dt>" in en
    assert "国卫医急函〔2025〕144号" in en and "13 May 2025" in en
    zh = html(site, "2025-national")
    assert "<dt>文号</dt>" in zh and "2025年5月13日" in zh


def test_apparatus_markers_link_to_their_entries(site, edition):
    page = html(site, "2023-national")
    for e in edition.document("2023-national").annotation.emendations:
        assert f'id="app-{e.id}"' in page and f'href="#app-{e.id}"' in page, e.id


def test_untranslated_and_stale_items_are_marked_on_the_english_page(project, tmp_path):
    ann = project / "annotations" / "2024-national.yml"
    text = ann.read_text(encoding="utf-8")
    start = text.index("  item-3:\n")
    end = text.index("  item-4:\n")
    text = text[:start] + text[end:]  # item 3 loses its translation
    text = re.sub(r'(  item-5:\n    fingerprint: )"[0-9a-f]{12}"', r'\g<1>"000000000000"', text)  # item 5 goes stale
    ann.write_text(text, encoding="utf-8")
    result = build(project, tmp_path / "out")
    assert result.returncode != 0 and "not checked against the current Chinese text: item-5" in result.stderr
    # Without --strict the site builds and shows both markers.
    import subprocess, sys
    from conftest import ENV
    out = tmp_path / "loose"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(out)], cwd=project, env=ENV,
                   check=True, capture_output=True)
    en = (out / "en" / "2024-national" / "index.html").read_text(encoding="utf-8")
    item3 = en[en.index('id="item-3"'):en.index('id="item-4"')]
    assert "ed-missing" in item3 and "Not yet translated" in item3
    item5 = en[en.index('id="item-5"'):en.index('id="item-6"')]
    assert "ed-stale" in item5 and "Translation may be out of date" in item5
    assert "ed-stale" not in en[en.index('id="item-6"'):en.index('id="item-7"')]


def test_home_page_lists_each_document_with_its_part_and_item_counts(site, edition):
    # Jinja resolves `row.items` to dict.items: the table once showed "<built-in method items …>".
    for lang, fmt in (("", "{p}部分 {i}条"), ("en/", "{p} parts, {i} items")):
        text = lxml.html.parse(str(site / lang / "index.html")).getroot().text_content()
        assert "built-in method" not in text
        for d in edition.documents:
            if d.doc.items:
                assert fmt.format(p=len(d.doc.parts), i=len(d.doc.items)) in text, (lang, d.id)
