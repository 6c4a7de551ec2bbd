"""The downloadable PDF of each document (hooks/edition/pdf.py), read back with poppler's pdftotext.

Issue: printing a Chinese page gave a PDF whose text layer wrote CJK radicals (⻛, ⼯) for
ordinary characters, so it could not be searched or copied. Every document's PDF must hold its
reading text exactly, with no radical the source does not have, plus the English, notes,
apparatus, metadata, citation and the permalinks as links.
"""
from __future__ import annotations

import ast
import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import RADICALS, ROOT, build, copy_project, tool

from edition import edition as edition_loader
from edition import generate, markup, pdf, render

SITE_URL = "https://example.org/edition/"
LICENCE = "© the edition's contributors"


def text_of(path: Path, *args: str) -> str:
    return subprocess.run([tool("pdftotext"), *args, "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def squeeze(text: str) -> str:
    """Whitespace removed: pdftotext breaks lines where the layout does, inside Chinese words too."""
    return re.sub(r"\s+", "", text)


def plain(html_text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", html_text))


@pytest.fixture(scope="session")
def made(edition, tmp_path_factory):
    """Every document's PDF, made once into a fresh cache: {document id: pdf.Built}."""
    cache = tmp_path_factory.mktemp("pdf-cache")
    try:
        built = pdf.build(ROOT, edition, SITE_URL, LICENCE, cache=cache, log=lambda line: None)
    except pdf.PdfUnavailable as exc:
        pytest.fail(str(exc))
    return {b.doc_id: b for b in built}


@pytest.fixture(scope="session")
def texts(made):
    return {doc_id: text_of(b.path) for doc_id, b in made.items()}


def test_every_document_has_a_pdf(edition, made):
    assert set(made) == {d.id for d in edition.documents}
    for b in made.values():
        assert b.path.read_bytes().startswith(b"%PDF-") and b.pages >= 2 and b.size > 10_000


def test_text_layer_holds_every_reading_text_paragraph_exactly(edition, texts):
    missing = [f"{d.id}#{u.id}" for d in edition.documents for u in d.doc.units
               if squeeze(u.text) not in squeeze(texts[d.id])]
    assert not missing, f"reading-text paragraphs not found as they stand in the PDF text: {missing}"


def test_text_layer_also_holds_the_reading_text_in_raw_order(edition, made):
    # -raw: the order the text is drawn in, which is what viewers copy and search
    for d in edition.documents:
        flat = squeeze(text_of(made[d.id].path, "-raw"))
        missing = [u.id for u in d.doc.units if squeeze(u.text) not in flat]
        assert not missing, f"{d.id}: {missing}"


def test_no_radicals_where_the_source_has_none(edition, texts):
    for d in edition.documents:
        source = set(RADICALS.findall(d.doc.reading.raw))
        extra = set(RADICALS.findall(texts[d.id])) - source
        assert not extra, f"{d.id}: radical code points in the PDF text layer: {''.join(sorted(extra))}"


def test_english_notes_and_apparatus_are_in_the_pdf(edition, texts):
    for d in edition.documents:
        flat = squeeze(texts[d.id])
        for u in d.doc.units:
            t = d.translation(u.id)
            if t is None:
                continue
            if isinstance(t.en, str) and u.kind not in ("box",):
                assert squeeze(plain(markup.render(t.en)))[:60] in flat, f"{d.id}#{u.id}: English"
            for n in t.notes:
                assert squeeze(plain(markup.render(n.text, inline=True)))[:60] in flat, f"{d.id}#{u.id}: note"
        for e in d.annotation.emendations:
            assert f"[{e.id}]" in flat, f"{d.id}: apparatus entry {e.id}"
            assert squeeze(plain(markup.render(e.reason["en"], inline=True)))[:50] in flat
            assert squeeze(plain(markup.render(e.reason["zh"], inline=True)))[:30] in flat
        for x in d.annotation.sic:  # suspected source errors kept as printed, with their readings
            assert f"[{x.id}]" in flat and "[sic]" in flat, f"{d.id}: apparatus entry {x.id}"
            assert squeeze(plain(markup.render(x.translation["en"], inline=True)))[:50] in flat


def test_first_page_has_title_metadata_and_citation(edition, made):
    for d in edition.documents:
        first = squeeze(text_of(made[d.id].path, "-f", "1", "-l", "1"))
        meta = d.meta
        for expected in (meta["title"]["zh"], meta["title"]["en"], meta["issuers"][0]["en"], meta["sha256"],
                         meta.get("number") or "", "Howtocite", "引用", squeeze(LICENCE),
                         f"{SITE_URL}pdf/{d.id}.pdf", f"{SITE_URL}en/{d.id}/"):
            assert squeeze(expected) in first, f"{d.id}: {expected!r} not on the first page"


def test_item_permalinks_are_links_to_the_site(edition, made):
    for d in edition.documents:
        urls = set(subprocess.run([tool("pdfinfo"), "-url", str(made[d.id].path)], check=True,
                                  capture_output=True, text=True).stdout.split())
        for u in d.doc.items:
            for url in (f"{SITE_URL}{d.id}/#{u.id}", f"{SITE_URL}en/{d.id}/#{u.id}"):
                assert url in urls, f"{d.id}: no link to {url}"


def test_fonts_are_embedded_as_subsets(made):
    for b in made.values():
        rows = subprocess.run([tool("pdffonts"), str(b.path)], check=True, capture_output=True,
                              text=True).stdout.splitlines()[2:]
        assert rows, f"{b.doc_id}: no fonts"
        for row in rows:
            emb, sub, uni = row.split()[-5:-2]
            assert (emb, sub, uni) == ("yes", "yes", "yes"), f"{b.doc_id}: {row}"


def test_size_and_time_per_document(made):
    # Targets for the print edition (measured figures are on the engineering page)
    for b in made.values():
        assert b.size < 2_000_000, f"{b.doc_id}: {b.size} bytes"


def test_cache_makes_only_changed_documents_again(edition, made, tmp_path):
    cache = next(iter(made.values())).path.parent
    built = pdf.build(ROOT, edition, SITE_URL, LICENCE, cache=cache, log=lambda line: None)
    assert all(b.seconds == 0 for b in built), "nothing changed, nothing is made again"
    project = copy_project(tmp_path / "project")
    changed = edition.documents[0].id
    ann = project / "annotations" / f"{changed}.yml"
    ann.write_text(ann.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    current = pdf.available(project, edition_loader.load(project), SITE_URL, LICENCE, cache=cache)
    assert set(current) == {d.id for d in edition.documents} - {changed}
    assert pdf.available(ROOT, edition, SITE_URL + "other/", LICENCE, cache=cache) == {}, "the site URL is an input"


def test_code_inputs_cover_every_module_the_pdf_imports():
    base = ROOT / "hooks" / "edition"
    seen, todo = set(), ["pdf"]
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        for node in ast.parse((base / f"{module}.py").read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                todo += [node.module.split(".")[0]] if node.module else [a.name for a in node.names]
    listed = {p[:-3] for p in pdf.CODE_INPUTS if p.endswith(".py")}
    assert seen <= listed, f"add to pdf.CODE_INPUTS: {sorted(seen - listed)}"


def test_untrusted_annotation_text_stays_text_in_the_print_html(edition):
    d = edition.documents[0]
    page = pdf.document_html(edition, d, SITE_URL, "<script>alert(1)</script>")
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_pages_and_open_data_link_the_pdfs_with_their_size(edition, made):
    pdfs = {doc_id: b.path for doc_id, b in made.items()}
    pages = dict(generate.iter_pages(edition, render.Site(SITE_URL), pdfs))
    for d in edition.documents:
        size = pdf.human_size(made[d.id].size, "en")
        assert f'href="../pdf/{d.id}.pdf"' in pages[f"{d.id}.zh.md"] and size in pages[f"{d.id}.zh.md"]
        assert f'href="../../pdf/{d.id}.pdf"' in pages[f"{d.id}.en.md"] and size in pages[f"{d.id}.en.md"]
        assert f'href="../pdf/{d.id}.pdf"' in pages["_snippets/pdf.zh.md"]
        assert f'href="../../pdf/{d.id}.pdf"' in pages["_snippets/pdf.en.md"] and size in pages["_snippets/pdf.en.md"]
    without = dict(generate.iter_pages(edition, render.Site(SITE_URL), {}))
    assert "pdf/" not in without[f"{edition.documents[0].id}.en.md"], "no link to a PDF that was not made"
    assert "make pdf" in without["_snippets/pdf.en.md"]


def test_site_build_publishes_the_current_pdfs(edition, made, tmp_path):
    project = copy_project(tmp_path / "project")
    config = generate.mkdocs_config(project)
    cache = project / pdf.CACHE
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True)
    ed = edition_loader.load(project)
    code = pdf._code_fingerprint()
    stale = edition.documents[-1].id
    for d in ed.documents:  # the fixture's PDFs, filed under this project's keys (one left out)
        if d.id != stale:
            shutil.copyfile(made[d.id].path, pdf._cache_path(cache, d.id, pdf.fingerprint(
                project, d, config["site_url"], config["copyright"], code)))
    result = build(project, project / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    site = project / "site"
    for d in ed.documents:
        published = site / "pdf" / f"{d.id}.pdf"
        page = (site / "en" / d.id / "index.html").read_text(encoding="utf-8")
        if d.id == stale:
            assert not published.exists() and "ed-pdf-link" not in page
        else:
            assert published.read_bytes() == made[d.id].path.read_bytes()
            assert f'href="../../pdf/{d.id}.pdf"' in page and pdf.human_size(made[d.id].size, "en") in page


def test_payloads_in_annotations_stay_inert_in_the_print_html(xss_site):
    """Annotation text is untrusted in the PDF too: the print HTML of every document of the
    payload project has no script, embedded object, event handler, style or unsafe link of its own."""
    from lxml import html as lxml_html
    site, result, _ = xss_site
    assert site is not None, result.stderr[-2000:]
    project = site.parent / "project"
    ed = edition_loader.load(project)
    for d in ed.documents:
        page = pdf.document_html(ed, d, SITE_URL, LICENCE)
        tree = lxml_html.document_fromstring(page)
        assert not tree.xpath("//script | //iframe | //object | //embed | //img | //svg | //textarea"), d.id
        assert len(tree.xpath("//style")) == 1 and not tree.xpath("//*[@style]"), d.id
        assert not [a for el in tree.iter() if isinstance(el.tag, str) for a in el.attrib if a.lower().startswith("on")]
        for href in tree.xpath("//a/@href"):
            scheme = re.match(r"([a-z][a-z0-9+.-]*):", re.sub(r"[\x00-\x20]+", "", href), re.I)
            assert not scheme or scheme.group(1).lower() in ("http", "https", "mailto"), f"{d.id}: unsafe link {href!r}"
        assert "XSSTPL" not in page and "XSS-LOOPXSS-LOOP" not in page, d.id
