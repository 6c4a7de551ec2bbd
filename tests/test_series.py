"""The open series: a document of a province not yet in the edition is added by dropping in its
files, labelled from its own metadata wherever it appears, partly translated and aligned with its
national text; two branches that each add a document merge without conflict; the navigation is
generated from the edition and lists every generated page."""
import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import lxml.html
import pytest
import yaml

from conftest import ROOT, build, copy_project, replace, run_edition
from edition import edition as loader
from edition import generate, navigation

FIXTURES = ROOT / "tests" / "fixtures"
HAINAN = FIXTURES / "provincial" / "raw-2025-hainan.txt"
PAIR = FIXTURES / "provincial" / "2025-national--2025-hainan.yml"
NATIONAL_2026 = FIXTURES / "new-document" / "raw-2026-national.txt"
# The fixtures' ids: not ones a real document would take, so the tests still run once the edition has
# a real Hainan text (a document's labels come from its record, never from its id).
DOC = "2025-hainan-fixture"
PAIR_ID = f"2025-national--{DOC}"
NEW_ID = "2026-national-fixture"


def shared_files(root: Path) -> dict[str, bytes]:
    """mkdocs.yml and everything under hooks/: what adding a document must not change."""
    files = [root / "mkdocs.yml", *(p for p in (root / "hooks").rglob("*") if p.is_file() and "__pycache__" not in p.parts)]
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in files}


def nav_entries(page: Path) -> list[tuple[int, str, str]]:
    """(depth, text, href) of every entry of the primary navigation."""
    tree = lxml.html.parse(str(page))
    out = []

    def walk(ul, depth):
        for li in ul.xpath("./li"):
            label = li.xpath("./a|./label|./div/a")
            text = " ".join(label[0].text_content().split()) if label else ""
            out.append((depth, text, label[0].get("href", "") if label else ""))
            for sub in li.xpath("./nav/ul"):
                walk(sub, depth + 1)
    walk(tree.xpath('//nav[contains(@class,"md-nav--primary")]/ul')[0], 0)
    return out


def article(page: Path) -> str:
    return lxml.html.tostring(lxml.html.parse(str(page)).xpath("//article")[0], encoding="unicode")


def add_hainan(project: Path) -> None:
    """make new-document on the fixture, then what a contributor fills in: the record's TODOs, a
    translation of part of the text (one item and the notice's title), the pair with the national text."""
    result = run_edition(project, "new-document", str(HAINAN), DOC)
    assert result.returncode == 0, result.stderr
    assert "region CN-HI" in result.stdout
    record = project / "sources" / f"{DOC}.yml"
    replace(record, '"TODO: English title"', '"Notice of the Hainan Provincial Health Commission and Seven Other Departments '
            'on Issuing the 2025 Hainan Key Points (test fixture)"')
    replace(record, '"TODO: issuing body in English"', '"Hainan Provincial Health Commission and seven other departments"')
    replace(record, '"TODO: 文本来源（网页文本、PDF文本层、OCR……）"', '"测试用的虚构文本。"')
    replace(record, '"TODO: where the text comes from (web page, PDF text layer, OCR …)"', '"A made-up text for the tests."')
    ann = project / "annotations" / f"{DOC}.yml"
    replace(ann, '  item-1:\n    heading: ""\n    en: ""\n    themes: []\n',
            '  item-1:\n    heading: "Strengthen the supervision of pharmaceutical prices."\n'
            '    en: "Carry out special inspections of pharmaceutical prices and deal severely with price violations."\n'
            '    themes: [pricing]\n')
    replace(ann, '  notice-title:\n    en: ""\n', '  notice-title:\n    en: "Notice on Issuing the 2025 Hainan Key Points for Correcting Unhealthy Practices in Pharmaceutical Purchasing and Sales and in Medical Services"\n')
    result = run_edition(project, "refresh-fingerprints", DOC)
    assert result.returncode == 0, result.stdout + result.stderr
    (project / "annotations" / "pairs" / f"{PAIR_ID}.yml").write_text(
        PAIR.read_text(encoding="utf-8").replace("2025-hainan", DOC), encoding="utf-8")


def test_a_new_provincial_document_is_labelled_from_its_own_metadata_everywhere(project, tmp_path):
    before = shared_files(project)
    result = run_edition(project, "new-document", str(HAINAN), DOC)
    assert result.returncode == 0, result.stderr
    record = yaml.safe_load((project / "sources" / f"{DOC}.yml").read_text(encoding="utf-8"))
    assert record["kind"] == "provincial-work-points" and record["region"] == "CN-HI" and record["year"] == 2025
    assert record["number"] == "琼卫医急函〔2025〕37号" and str(record["date"]) == "2025-06-20"
    assert record["issuers"][0]["zh"] == "海南省卫生健康委员会等八部门" and record["implements"] == "2025-national"
    assert record["expected"] == {"parts": 3, "items": 5}

    # Freshly scaffolded, untranslated: the strict build passes and shows it as untranslated.
    draft = tmp_path / "draft"
    result = build(project, draft)
    assert result.returncode == 0, result.stderr[-3000:]
    en = (draft / "en" / DOC / "index.html").read_text(encoding="utf-8")
    assert en.count("Not yet translated") >= 5
    assert ("2025 Hainan Key Points") in [t for _, t, _ in nav_entries(draft / "en" / "index.html")]
    result = run_edition(project, "check")  # lists what is still to fill in
    assert result.returncode == 1 and f"sources/{DOC}.yml:" in result.stdout and "TODO: English title" in result.stdout

    # Filled in, partly translated, aligned: make check passes, the build shows it everywhere.
    (project / "sources" / f"{DOC}.txt").unlink()
    (project / "sources" / f"{DOC}.yml").unlink()
    (project / "annotations" / f"{DOC}.yml").unlink()
    add_hainan(project)
    result = run_edition(project, "check")
    assert result.returncode == 0, result.stdout
    assert re.search(rf"^annotations/{DOC}\.yml:\d+: note: units: 14 unit\(s\) not yet translated", result.stdout, re.M)
    assert shared_files(project) == before, "no edit to mkdocs.yml or hooks/"
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]

    # Navigation: 2025 > Provinces > 2025 Hainan Key Points, in both languages.
    for lang, year, group, title in (("en", "2025", "Provinces", "2025 Hainan Key Points"),
                                     ("zh", "2025年", "地方", "2025年海南省工作要点")):
        entries = nav_entries(site / ("en/index.html" if lang == "en" else "index.html"))
        texts = [t for _, t, _ in entries]
        at = texts.index(title)
        depth, parents = entries[at][0], []
        for d, t, _ in reversed(entries[:at]):  # the enclosing sections, innermost first
            if d < depth:
                parents.append(t)
                depth = d
        assert parents[:2] == [group, year], (lang, parents)
        assert entries[at][2].rstrip("/").endswith(DOC)
    # Its page: region, translation and the untranslated rest.
    page = article(site / "en" / DOC / "index.html")
    assert "Hainan Province" in page and "Carry out special inspections of pharmaceutical prices" in page
    assert "Not yet translated" in page and "Fujian" not in page
    assert "海南省" in article(site / DOC / "index.html")
    # Histories on the national text, the theme matrix, the glossary concordance.
    assert "2025 Hainan" in article(site / "en" / "2025-national" / "index.html")
    assert "2025海南" in article(site / "2025-national" / "index.html")
    assert "2025 Hainan" in article(site / "en" / "themes" / "index.html")
    assert "2025海南" in article(site / "themes" / "index.html")
    assert "2025 Hainan" in article(site / "en" / "themes" / "pricing" / "index.html")
    assert "2025 Hainan" in article(site / "en" / "glossary" / "index.html")
    # Comparisons and what's new.
    compare = article(site / "en" / "compare" / PAIR_ID / "index.html")
    assert "2025 national → 2025 Hainan" in compare
    assert "2025 national → 2025 Hainan" in article(site / "en" / "compare" / "index.html")
    assert PAIR_ID in article(site / "en" / "whats-new" / "2025" / "index.html")
    assert "2025全国 → 2025海南" in article(site / "compare" / PAIR_ID / "index.html")
    # Data files.
    corpus = json.loads((site / "data" / "corpus.json").read_text(encoding="utf-8"))
    doc = next(d for d in corpus["documents"] if d["id"] == DOC)
    assert doc["region"] == {"code": "CN-HI", "zh": "海南省", "en": "Hainan"}
    assert doc["label"] == {"zh": "2025海南", "en": "2025 Hainan"}
    rows = [r for r in csv.DictReader(io.StringIO((site / "data" / "items.csv").read_text(encoding="utf-8-sig")))
            if r["document"] == DOC]
    assert len(rows) == 5 and {r["label_en"] for r in rows} == {"2025 Hainan"}
    tei = (site / "data" / "tei" / f"{DOC}.xml").read_text(encoding="utf-8")
    assert "<pubPlace xml:lang=\"en\">Hainan Province</pubPlace>" in tei
    assert "2025 Hainan" in (site / "en" / "downloads" / "index.html").read_text(encoding="utf-8")
    # Existing addresses unchanged.
    assert (site / "2025-national" / "index.html").exists() and 'id="item-6"' in article(site / "2025-national" / "index.html")
    assert (site / "en" / "compare" / "2024-national--2025-national" / "index.html").exists()


def _git(cwd, *args):
    result = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=cwd,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, (args, result.stdout, result.stderr)
    return result.stdout


def test_two_branches_that_each_add_a_document_merge_without_conflict(tmp_path):
    project = copy_project(tmp_path / "project")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "base")
    _git(project, "checkout", "-q", "-b", "add-hainan")
    add_hainan(project)
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "add 2025-hainan")
    _git(project, "checkout", "-q", "main")
    _git(project, "checkout", "-q", "-b", "add-2026")
    assert run_edition(project, "new-document", str(NATIONAL_2026), NEW_ID).returncode == 0
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "add 2026-national")
    _git(project, "merge", "-q", "--no-edit", "add-hainan")  # fails the test on any conflict
    changed = _git(project, "diff", "--name-only", "main", "HEAD").split()
    assert sorted(changed) == sorted([f"sources/{DOC}.txt", f"sources/{DOC}.yml", f"annotations/{DOC}.yml",
                                      f"annotations/pairs/{PAIR_ID}.yml", f"sources/{NEW_ID}.txt",
                                      f"sources/{NEW_ID}.yml", f"annotations/{NEW_ID}.yml"])
    ed = loader.load(project)
    assert {DOC, NEW_ID} <= {d.id for d in ed.documents}


# --------------------------------------------------------------------------- navigation

def _generated_urls(ed) -> set[str]:
    """The address (relative to the language root) of every page generate.iter_pages writes."""
    out = set()
    for rel, _ in generate.iter_pages(ed):
        if not rel.endswith(".zh.md") or rel.startswith("_snippets/"):
            continue
        stem = rel[:-len(".zh.md")]
        out.add("" if stem == "index" else (stem[:-len("index")] if stem.endswith("/index") else stem + "/"))
    return out


def test_the_navigation_lists_every_generated_page_and_nothing_else(edition):
    tree = navigation.tree(navigation.outline(edition), "en")
    listed = navigation.urls(tree)
    assert len(listed) == len(set(listed))
    assert set(listed) == _generated_urls(edition)


def test_documents_are_grouped_by_year_then_national_local_other(edition):
    for lang in ("zh", "en"):
        documents = navigation.tree(navigation.outline(edition), lang)[0]
        years = [int(re.match(r"\d{4}", y.title).group()) for y in documents.children]
        assert years == sorted({d.meta["year"] for d in edition.documents}, reverse=True)
        for section in documents.children:
            kinds = []
            for child in section.children:
                if child.url:  # national documents come first, directly under the year
                    kinds.append("national")
                else:
                    kinds.append({"Provinces": "local", "地方": "local", "Other": "other", "其他": "other"}[child.title])
            assert kinds == sorted(kinds, key=["national", "local", "other"].index), (lang, section.title, kinds)


def test_a_generated_page_missing_from_the_navigation_is_reported():
    sys.path.insert(0, str(ROOT / "hooks"))
    import mkdocs_hooks
    listed, forgotten, written = (SimpleNamespace(name=n) for n in ("listed", "forgotten", "written"))
    files = SimpleNamespace(documentation_pages=lambda: [
        SimpleNamespace(src_uri="edition/2025-national.zh.md", page=listed),
        SimpleNamespace(src_uri="edition/themes/new.zh.md", page=forgotten),
        SimpleNamespace(src_uri="about.zh.md", page=written)])
    assert mkdocs_hooks.unlisted([listed], files) == ["edition/themes/new.zh.md"]
    assert mkdocs_hooks.unlisted([listed, forgotten], files) == []
