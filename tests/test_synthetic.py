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
    for rel in ("sources/manifest.yml", "annotations/alignments.yml", "annotations/2000-beijing.yml",
                "sources/2000-national.txt", "mkdocs.yml"):
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


def test_generated_ids_skip_the_real_documents():
    ids = [doc_id for doc_id, _, _ in synthetic.plan(200, {"2003-national", "2003-beijing"})]
    assert len(ids) == len(set(ids)) == 200
    assert "2003-national" not in ids and "2003-tianjin" in ids
