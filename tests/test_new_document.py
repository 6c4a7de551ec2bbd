"""Adding a document by following CONTRIBUTING.md ("Add a new document") on a small fixture source:
scaffold, preview (it builds at once, untranslated), fill in, check, build — in both languages."""
import hashlib
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, build, replace, run_edition
from edition import scaffold

FIXTURE = ROOT / "tests" / "fixtures" / "new-document" / "raw-2026-national.txt"
CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_contributing_gives_the_commands_this_test_runs():
    for command in ("make new-document SRC=", "make check", "make serve", "make build",
                    "make refresh-fingerprints DOC=2026-national"):
        assert command in CONTRIBUTING, command
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^new-document: .*\n(\t.*\n)*\t\$\(BIN\)/python -m edition new-document \"\$\(SRC\)\" \$\(ID\)",
                     makefile, re.M)


def test_a_new_document_added_by_following_contributing_builds_in_both_languages(project, tmp_path):
    # Step 1: make new-document SRC=… ID=2026-national
    result = run_edition(project, "new-document", str(FIXTURE), "2026-national")
    assert result.returncode == 0, result.stderr
    assert "13 units found (2 parts, 3 items)" in result.stdout
    source = project / "sources" / "2026-national.txt"
    assert source.read_bytes() == FIXTURE.read_bytes()
    record_text = (project / "sources" / "2026-national.yml").read_text(encoding="utf-8")
    assert record_text.startswith("# yaml-language-server: $schema=../annotations/schema/source.schema.json\n")
    entry = yaml.safe_load(record_text)
    assert entry["id"] == "2026-national" and entry["kind"] == "national-work-points" and entry["year"] == 2026
    assert entry["sha256"] == hashlib.sha256(FIXTURE.read_bytes()).hexdigest()
    assert entry["number"] == "国卫医急函〔2026〕1号" and str(entry["date"]) == "2026-01-05"
    assert entry["expected"] == {"parts": 2, "items": 3}
    ann_path = project / "annotations" / "2026-national.yml"
    ann_text = ann_path.read_text(encoding="utf-8")
    assert ann_text.startswith("# yaml-language-server: $schema=schema/document.schema.json\n")
    ann = yaml.safe_load(ann_text)
    assert list(ann["units"])[:2] == ["notice-title", "notice-number"]
    assert ann["units"]["item-2"] == {"heading": "", "en": "", "themes": []}
    for rel in ("mkdocs.yml", "hooks/mkdocs_hooks.py"):  # no shared file is edited
        assert (project / rel).read_bytes() == (ROOT / rel).read_bytes(), rel

    # Step 2: make serve / make build — it builds at once, every unit shown as untranslated.
    site = tmp_path / "site-draft"
    result = build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    en = (site / "en" / "2026-national" / "index.html").read_text(encoding="utf-8")
    assert (site / "2026-national" / "index.html").exists()
    assert en.count("Not yet translated") >= 3 and "加强医保基金监管" in en

    # Step 3: make check lists the TODO placeholders of the record, with their lines.
    result = run_edition(project, "check")
    assert result.returncode == 1
    assert re.search(r"^sources/2026-national\.yml:\d+: error: title\.en: placeholder left to fill in",
                     result.stdout, re.M), result.stdout

    # Step 4: fill in the record, translate and tag an item, record the fingerprints.
    manifest_path = project / "sources" / "2026-national.yml"
    replace(manifest_path, '"TODO: English title"', '"Notice on Issuing the 2026 Key Points (test fixture)"')
    replace(manifest_path, '"TODO: 发文机关"', '"国家卫生健康委"')
    replace(manifest_path, '"TODO: issuing body in English"', '"National Health Commission"')
    replace(manifest_path, '"TODO: 文本来源（网页文本、PDF文本层、OCR……）"', '"测试用的虚构文本。"')
    replace(manifest_path, '"TODO: where the text comes from (web page, PDF text layer, OCR …)"',
            '"A made-up text for the tests."')
    replace(ann_path, '  item-1:\n    heading: ""\n    en: ""\n    themes: []\n',
            '  item-1:\n    heading: "Strengthen the supervision of the medical insurance fund."\n'
            '    en: "Carry out unannounced inspections and crack down severely on medical insurance fraud."\n'
            '    themes: [insurance-fund]\n')
    result = run_edition(project, "refresh-fingerprints", "2026-national")
    assert result.returncode == 0 and "1 fingerprint(s) written" in result.stdout, result.stdout + result.stderr

    # Step 5: make check passes; make build (strict) publishes both languages.
    result = run_edition(project, "check")
    assert result.returncode == 0, result.stdout
    assert re.search(r"^annotations/2026-national\.yml:\d+: note: units: 12 unit\(s\) not yet translated", result.stdout, re.M)
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    zh = (site / "2026-national" / "index.html").read_text(encoding="utf-8")
    en = (site / "en" / "2026-national" / "index.html").read_text(encoding="utf-8")
    assert 'id="item-1"' in zh and 'id="item-3"' in en
    assert "Carry out unannounced inspections" in en and "Not yet translated" in en
    assert "2026 national Key Points" in en and "2026年全国工作要点" in zh  # in the navigation
    assert "edit/main/annotations/2026-national.yml" in en
    assert "2026-national" in (site / "index.html").read_text(encoding="utf-8")  # documents table


def test_the_scaffold_refuses_what_it_cannot_do_safely(project, tmp_path):
    before = sorted(p.name for p in (project / "sources").iterdir())
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("关于印发".encode("gb18030"))
    for src, doc_id, words in ((FIXTURE, "2025-national", "already in the edition"),
                               (FIXTURE, "National 2026", "must look like"),
                               (gbk, "2026-national", "not UTF-8"),
                               (tmp_path / "missing.txt", "2026-national", "is not a file")):
        with pytest.raises(scaffold.ScaffoldError, match=words):
            scaffold.new_document(project, src, doc_id)
    assert sorted(p.name for p in (project / "sources").iterdir()) == before
    assert not (project / "sources" / "2026-national.txt").exists()


@pytest.mark.parametrize("doc_id, layout", [("2023-national", "wrapped"), ("2024-fujian", "wrapped"),
                                            ("2024-national", "lines"), ("2025-national", "lines"),
                                            ("2025-news", "lines")])
def test_layout_detection_matches_the_corpus(doc_id, layout, edition):
    raw = (ROOT / "sources" / f"{doc_id}.txt").read_text(encoding="utf-8")
    assert scaffold.detect_layout(raw) == layout
    assert edition.document(doc_id).annotation.config.layout == layout


@pytest.mark.parametrize("doc_id", ["2023-national", "2024-national", "2024-fujian", "2025-national"])
def test_marker_counts_match_the_records(doc_id, edition):
    raw = (ROOT / "sources" / f"{doc_id}.txt").read_text(encoding="utf-8")
    expected = edition.document(doc_id).meta["expected"]
    assert scaffold.count_markers(raw) == (expected["parts"], expected["items"])
