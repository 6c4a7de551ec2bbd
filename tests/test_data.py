"""Open data in the built site: /data/corpus.json, items.csv, glossary.json and TEI P5 per document.

Counts are checked against sources/manifest.yml (what the manifest expects), texts against the
loaded edition, and the TEI files against the structure the downloads page documents. No TEI
RelaxNG schema (tei_all.rng) is available offline, so the TEI structure is checked by hand here.
"""
import csv
import io
import json
import re
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from lxml import etree

from conftest import ENV, MKDOCS, ROOT
from edition.export import CSV_FIELDS
from edition.term import concordance

TEI = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
# The TEI P5 elements the export uses (all real TEI elements); anything else is a defect.
TEI_ELEMENTS = {"TEI", "teiHeader", "fileDesc", "titleStmt", "title", "author", "respStmt", "resp", "name",
                "editionStmt", "edition", "publicationStmt", "publisher", "idno", "availability", "licence",
                "sourceDesc", "bibl", "date", "note", "encodingDesc", "editorialDecl", "correction",
                "normalization", "segmentation", "profileDesc", "langUsage", "language", "text", "body",
                "back", "div", "head", "label", "p", "lb", "choice", "sic", "corr", "hi", "code", "ref",
                "list", "item", "quote", "gap", "num"}


@pytest.fixture(scope="module")
def manifest(edition):
    """Each document's catalogue record (sources/<id>.yml) as written, in the edition's order."""
    records = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ROOT / "sources").glob("*.yml")}
    assert set(records) == {d.id for d in edition.documents}
    return {d.id: records[d.id] for d in edition.documents}


@pytest.fixture(scope="module")
def corpus(site):
    return json.loads((site / "data" / "corpus.json").read_text(encoding="utf-8"))


def test_data_files_are_published_once_at_data(site, edition):
    expected = {"data/corpus.json", "data/items.csv", "data/glossary.json",
                *(f"data/tei/{d.id}.xml" for d in edition.documents)}
    found = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and "data/" in p.relative_to(site).as_posix()
             and p.suffix in (".json", ".csv", ".xml") and p.name != "sitemap.xml"}
    assert expected <= found
    assert not (site / "en" / "data").exists(), "not copied into the English site"
    assert not any(f.startswith("en/") for f in found)


def test_corpus_counts_round_trip_against_the_manifest(corpus, manifest, edition):
    assert [d["id"] for d in corpus["documents"]] == list(manifest)
    assert corpus["edition"]["version"] and corpus["edition"]["licence"]
    for d in corpus["documents"]:
        m = manifest[d["id"]]
        kinds = [u["kind"] for u in d["units"]]
        assert kinds.count("item") == m["expected"]["items"] == d["counts"]["items"], d["id"]
        assert kinds.count("part") == m["expected"]["parts"] == d["counts"]["parts"], d["id"]
        assert d["expected"] == m["expected"] and d["title"] == m["title"] and d["sha256"] == m["sha256"]
        ed = edition.document(d["id"])
        assert [u["id"] for u in d["units"]] == [u.id for u in ed.doc.units]
        for u, unit in zip(d["units"], ed.doc.units):
            assert u["zh"]["text"] == unit.text
            t = ed.translation(unit.id)
            assert (u["en"] is None) == (t is None)
            if unit.kind == "item":
                assert u["zh"]["marker"] + u["zh"]["heading"] + u["zh"]["body"] == unit.text
                assert u["en"]["heading"] == t.heading and u["part"] == unit.part
                assert u["themes"] and u["translation_status"] == "current"
            if t:
                assert u["en"]["text"] == t.en and len(u["notes"]) == len(t.notes)
        assert [e["id"] for e in d["emendations"]] == [e.id for e in ed.annotation.emendations]
        for e, em in zip(d["emendations"], ed.annotation.emendations):
            assert (e["raw"], e["reading"], e["line"], e["reason"]) == (em.raw, em.reading, em.line, em.reason)
    assert len(corpus["themes"]) == len(edition.themes.themes)
    assert [p["id"] for p in corpus["alignments"]] == [p.id for p in edition.alignments]
    for p, pair in zip(corpus["alignments"], edition.alignments):
        assert len(p["links"]) == len(pair.links) and p["summary"]["en"] == pair.summary["en"]
        assert all(l["relation"] and isinstance(l["from"], list) for l in p["links"])


def test_items_csv_opens_in_spreadsheets_one_row_per_item(site, manifest, edition):
    data = (site / "data" / "items.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM"
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == CSV_FIELDS
    assert len(rows) == sum(m["expected"]["items"] for m in manifest.values())
    for doc_id, m in manifest.items():
        assert sum(r["document"] == doc_id for r in rows) == m["expected"]["items"]
    assert len({(r["document"], r["item"]) for r in rows}) == len(rows)
    by_key = {(r["document"], r["item"]): r for r in rows}
    for d in edition.documents:
        for u in d.doc.items:
            r = by_key[(d.id, u.id)]
            t = d.translation(u.id)
            assert r["heading_zh"] == u.heading and r["text_zh"] == u.body
            assert r["heading_en"] == t.heading and r["text_en"] == t.en
            assert r["themes"].split(";") == t.themes and r["year"] == str(d.meta["year"])
            assert r["permalink_zh"].endswith(f"/{d.id}/#{u.id}") and r["permalink_en"].endswith(f"/en/{d.id}/#{u.id}")


def test_glossary_json_has_every_term_with_its_occurrences(site, edition):
    data = json.loads((site / "data" / "glossary.json").read_text(encoding="utf-8"))
    terms = {t["zh"]: t for t in data["terms"]}
    assert list(terms) == [t.zh for t in edition.glossary.terms]
    hits = concordance(edition.glossary, edition.documents)
    for t in edition.glossary.terms:
        got = terms[t.zh]
        assert (got["en"], got["pinyin"], got["definition"]) == (t.en, t.pinyin, {"en": t.def_en, "zh": t.def_zh})
        assert [(o["document"], o["unit"]) for o in got["occurrences"]] == [(d.id, u.id) for d, u in hits[t.zh]]
        assert got["permalink"]["en"].endswith(f"/en/glossary/#{t.anchor}")
    assert sum(len(t["occurrences"]) for t in data["terms"]) > 500


def _text(el) -> str:
    """Reading text of a TEI fragment: corr rather than sic, lb as a line break."""
    out = [el.text or ""] if el.tag != f"{{{TEI}}}sic" else []
    for child in el:
        if child.tag == f"{{{TEI}}}lb":
            out.append("\n")
        elif child.tag != f"{{{TEI}}}sic":
            out.append(_text(child))
        out.append(child.tail or "")
    return "".join(out)


@pytest.mark.parametrize("doc_id", ["2023-national", "2024-national", "2024-fujian", "2025-national", "2025-news"])
def test_tei_is_well_formed_and_structured(site, manifest, edition, doc_id):
    tree = etree.parse(str(site / "data" / "tei" / f"{doc_id}.xml"))
    root = tree.getroot()
    assert root.tag == f"{{{TEI}}}TEI"
    assert [etree.QName(c).localname for c in root] == ["teiHeader", "text"]
    assert [etree.QName(c).localname for c in root.find("t:teiHeader", NS)][0] == "fileDesc"
    fd = root.find("t:teiHeader/t:fileDesc", NS)
    assert [etree.QName(c).localname for c in fd] == ["titleStmt", "editionStmt", "publicationStmt", "sourceDesc"]
    m = manifest[doc_id]
    assert fd.find("t:titleStmt/t:title[@type='main']", NS).text == m["title"]["zh"]
    assert fd.find("t:sourceDesc/t:bibl/t:idno[@type='sha256']", NS).text == m["sha256"]
    names = {etree.QName(el).localname for el in root.iter() if isinstance(el.tag, str)}
    assert all(el.tag.startswith(f"{{{TEI}}}") for el in root.iter() if isinstance(el.tag, str))
    assert names <= TEI_ELEMENTS, names - TEI_ELEMENTS
    ids = [el.get(XML_ID) for el in root.iter() if el.get(XML_ID)]
    assert len(ids) == len(set(ids)) and all(re.match(r"^[A-Za-z_][\w.-]*$", i) for i in ids)

    original = root.find("t:text/t:body/t:div[@type='original']", NS)
    translation = root.find("t:text/t:body/t:div[@type='translation']", NS)
    items = original.findall(".//t:div[@type='item']", NS)
    parts = original.findall(".//t:div[@type='part']", NS)
    assert len(items) == m["expected"]["items"] and len(parts) == m["expected"]["parts"]
    for item in items:
        assert item.getparent().get("type") == "part" and item.find("t:head", NS) is not None
    d = edition.document(doc_id)
    units = {el.get(XML_ID): el for el in original.iter(f"{{{TEI}}}div") if el is not original}
    assert list(units) == [u.id for u in d.doc.units]
    for u in d.doc.units:
        div = units[u.id]
        own = "".join(_text(c) for c in div if etree.QName(c).localname in ("head", "p"))
        assert own == u.text, u.id  # the reading text round-trips through the TEI

    en = translation.findall(".//t:div[@corresp]", NS)
    assert {e.get("corresp") for e in en} == {f"#{u.id}" for u in d.doc.units}
    assert len(translation.findall(".//t:div[@type='item']", NS)) == m["expected"]["items"]

    app = {el.get(XML_ID) for el in root.findall("t:text/t:back/t:div[@type='apparatus']/t:list/t:item", NS)}
    for em in d.annotation.emendations:
        choices = original.findall(f".//t:choice[@n='{em.id}']", NS)
        assert choices, em.id
        for c in choices:
            assert [etree.QName(x).localname for x in c] == ["sic", "corr"]
            assert c.get("corresp") == f"#app-{em.id}" and f"app-{em.id}" in app
        assert "".join(_sic(c) for c in choices) == em.raw, em.id


def _sic(choice) -> str:
    sic = choice.find("t:sic", NS)
    out = [sic.text or ""]
    for child in sic:
        out.append("\n" if child.tag == f"{{{TEI}}}lb" else "")
        out.append(child.tail or "")
    return "".join(out)


def test_downloads_page_links_the_files_and_documents_every_field(site, corpus):
    for lang_path in ("downloads", "en/downloads"):
        page = site / lang_path / "index.html"
        html = page.read_text(encoding="utf-8")
        links = re.findall(r'href="([^"]*data/[^"]+)"', html)
        assert len(links) >= 8
        for href in links:
            assert (page.parent / href).resolve().is_file(), href
        for field in CSV_FIELDS:
            assert f"<code>{field}</code>" in html, (lang_path, field)
        doc = corpus["documents"][0]
        for field in [*corpus, *doc, *doc["units"][0], *doc["emendations"][0]]:
            assert f"<code>{field}</code>" in html, (lang_path, field)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_mkdocs_serve_serves_the_data_files():
    port = _free_port()
    proc = subprocess.Popen([*MKDOCS, "serve", "--no-livereload", "--dev-addr", f"127.0.0.1:{port}"], cwd=ROOT,
                            env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        body = None
        while time.monotonic() < deadline and body is None:
            time.sleep(1)
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/data/corpus.json", timeout=5) as r:
                    body = r.read()
            except OSError:
                if proc.poll() is not None:
                    break
        assert body is not None, "mkdocs serve did not serve /data/corpus.json"
        assert len(json.loads(body)["documents"]) == 5
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/data/tei/2025-national.xml", timeout=5) as r:
            etree.fromstring(r.read())
    finally:
        proc.terminate()
        proc.wait(timeout=30)
