"""The benchmark's synthetic corpus (bench/synthetic.py) is a valid edition that builds.

Speed itself is measured by `make bench`, never here.
"""
from __future__ import annotations

import sys
from pathlib import Path

from conftest import ROOT, build

sys.path.insert(0, str(ROOT / "bench"))

import synthetic  # noqa: E402
from edition import edition as edition_loader  # noqa: E402
from edition.translation import CURRENT  # noqa: E402


def test_synthetic_documents_load_and_build(tmp_path):
    project = synthetic.copy_project(tmp_path / "project")
    ids = synthetic.add_documents(project, 3, seed=7)
    assert len(ids) == 3 and not set(ids) & {"2023-national", "2024-national", "2025-national"}
    ed = edition_loader.load(project)
    assert ed.warnings == []  # themes on every item, fingerprints current, alignments complete
    for doc_id in ids:
        d = ed.document(doc_id)
        assert len(d.doc.parts) >= 4 and len(d.doc.items) >= 12
        assert all(d.translation(u.id).status(u) == CURRENT for u in d.doc.units)
        # the recorded corrections apply: OCR slips and a page number
        kinds = {e.kind for e in d.annotation.emendations}
        assert kinds == {"ocr", "page-number"}
        assert "—" not in d.doc.reading.text and d.doc.reading.text != d.doc.reading.raw
        # Chinese recombined from the real sources, so glossary terms occur in it
        assert any(ed.glossary.find(u.text) for u in d.doc.items)
    assert {p.target for p in ed.alignments} >= set(ids[1:])  # provinces implement the year's national points
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "site" / ids[-1] / "index.html").exists()
    assert (tmp_path / "site" / "en" / ids[-1] / "index.html").exists()


def test_generator_is_deterministic(tmp_path):
    a = synthetic.copy_project(tmp_path / "a")
    b = synthetic.copy_project(tmp_path / "b")
    synthetic.add_documents(a, 2, seed=3)
    synthetic.add_documents(b, 2, seed=3)
    for rel in ("sources/2000-national.yml", "sources/2000-beijing.yml", "annotations/pairs/2000-national--2000-beijing.yml",
                "annotations/2000-beijing.yml",
                "sources/2000-national.txt", "mkdocs.yml"):
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


def test_generated_ids_skip_the_real_documents():
    ids = [doc_id for doc_id, _, _ in synthetic.plan(200, {"2003-national", "2003-beijing"})]
    assert len(ids) == len(set(ids)) == 200
    assert "2003-national" not in ids and "2003-tianjin" in ids


# --------------------------------------------------------------------------- speed shortcuts

def _leftmost_longest(glossary, text):
    """The original matcher: at each position the longest term starting there, else move on."""
    terms = sorted(glossary.terms, key=lambda t: -len(t.zh))
    out, i = [], 0
    while i < len(text):
        t = next((t for t in terms if text.startswith(t.zh, i)), None)
        if t:
            out.append((i, i + len(t.zh), t.zh))
            i += len(t.zh)
        else:
            i += 1
    return out


def test_term_matching_is_leftmost_longest_on_the_real_texts(edition):
    texts = [u.text for d in edition.documents for u in d.doc.units]
    texts += ["医药购销领域医疗服务", "纠风工作机制成员单位", ""]
    for text in texts:
        assert [(s, e, t.zh) for s, e, t in edition.glossary.find(text)] == _leftmost_longest(edition.glossary, text)


def test_plain_text_shortcut_renders_as_markdown_does(edition):
    from edition import markup

    def slow(text, inline):
        markup._MD.reset()
        body = markup._MD.convert(markup.html.escape(text, quote=False))
        clean = markup.nh3.clean(body, tags=markup.ALLOWED_TAGS, attributes=markup.ALLOWED_ATTRIBUTES,
                                 url_schemes=markup.URL_SCHEMES, link_rel="noopener nofollow").replace("\n", " ").strip()
        if inline and clean.startswith("<p>") and clean.endswith("</p>") and clean.count("<p>") == 1:
            clean = clean[3:-4]
        return clean

    texts = []
    for d in edition.documents:
        for t in d.translations.values():
            texts += [t.en] if isinstance(t.en, str) else []
            texts += [n.text for n in t.notes] + [n.zh for n in t.notes if n.zh]
    texts += ["1. a list", "- a list", "# heading", "> quote", "    code", "a *b*", "a <b>", "x & y", "trailing ", "=", "it's “quoted” (yes)"]
    plain = [t for t in texts if markup._PLAIN.fullmatch(t)]
    assert len(plain) > len(texts) / 3  # the shortcut is actually taken
    markup.clear_cache()  # computed afresh, not taken from an earlier test's cache
    for text in texts:
        for inline in (False, True):
            assert markup.render(text, inline) == slow(text, inline), text
