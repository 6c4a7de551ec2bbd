"""Hostile and careless input: a precise error (file, line, column where known, field, fix), never a
traceback, never a silent change; open data that a spreadsheet cannot turn into a formula."""
import csv
import io
import re
import resource
import subprocess
import sys

import pytest

from conftest import ROOT, build
from edition import edition as loader
from edition import export, yamlio
from edition.errors import EditionError

ANN = "annotations/2025-national.yml"


def _message(project) -> str:
    with pytest.raises(EditionError) as exc:
        loader.load(project)
    return str(exc.value)


def _edit(project, rel, old, new):
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --------------------------------------------------------------------------- hostile YAML

def _laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


HOSTILE = {
    "billion laughs": (_laughs(), "expand to more than", 7),
    "deep flow nesting": ("a: " + "[" * 3000 + "]" * 3000 + "\n", "nested more than", 1),
    "deep block nesting": ("".join("  " * i + "- \n" for i in range(3000)), "nested more than", 51),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_yaml_is_refused_before_it_is_built(tmp_path, case):
    """In a child process with 1 GB of address space: memory or stack exhaustion would kill it."""
    text, words, line = HOSTILE[case]
    path = tmp_path / "hostile.yml"
    path.write_text(text, encoding="utf-8")
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30)); "
            "from pathlib import Path; from edition import yamlio; from edition.errors import EditionError\n"
            "try:\n    yamlio.load(Path(sys.argv[1]), 'hostile.yml')\nexcept EditionError as e:\n    print(e)")
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120,
                            env={"PYTHONPATH": str(ROOT / "hooks")})
    assert result.returncode == 0 and not result.stderr, result.stderr[-1500:]
    assert words in result.stdout and f"hostile.yml:{line}:" in result.stdout, result.stdout


def test_real_annotation_files_are_well_inside_the_limits(edition):
    for path in sorted((ROOT / "annotations").rglob("*.yml")) + sorted((ROOT / "sources").glob("*.yml")):
        yamlio.load(path)  # raises if a limit were too tight for the edition's own files


# --------------------------------------------------------------------------- YAML syntax errors

SYNTAX = {
    # name: (text, line, column, words in the message)
    "tab": ("a:\n  b: 1\n\tc: 2\nd: 3\n", 3, 1, "tab character"),
    "unclosed double quote": ('a: "abc\nb: 2\nc: 3\n', 1, 4, "quoted value opened here is never closed"),
    "unclosed single quote": ("x: 1\na: 'abc\nb: 2\n", 2, 4, "quoted value opened here is never closed"),
    "bad indentation": ("a:\n  b: 1\n c: 2\nd: 3\n", 3, 2, "indentation"),
    "unclosed bracket": ("a: [1, 2\nb: 3\nc: 4\n", 1, 4, "never closed"),
    "colon in value": ("a: b: c\nd: 1\n", 1, 5, "colon followed by a space"),
    "key among list items": ("a:\n  - 1\n  b: 2\n", 3, 3, "list items"),
    "not UTF-8": (b"a: 1\nb: caf\xe9\n", 2, 7, "not UTF-8"),
}


@pytest.mark.parametrize("case", SYNTAX)
def test_yaml_syntax_errors_name_line_column_and_cause(tmp_path, case):
    text, line, column, words = SYNTAX[case]
    path = tmp_path / "f.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(EditionError) as exc:
        yamlio.load(path, "f.yml")
    message = str(exc.value)
    assert message.startswith(f"f.yml:{line}:{column}: ") and words in message and "fix:" in message, message


# --------------------------------------------------------------------------- schema messages

def test_unknown_field_is_reported_at_its_line_with_the_nearest_name(project):
    _edit(project, ANN, '    heading: "Strengthen organisation and implementation."\n',
          '    heading: "Strengthen organisation and implementation."\n    themse: [coordination]\n')
    message = _message(project)
    line = next(n for n, t in enumerate((project / ANN).read_text(encoding="utf-8").split("\n"), 1) if "themse:" in t)
    assert f"{ANN}:{line}:" in message and "did you mean `themes`?" in message, message


def test_glossary_entry_is_named_by_its_term(project):
    _edit(project, "annotations/glossary.yml", '  - zh: "省级医药集中采购平台"\n',
          '  - zh: "省级医药集中采购平台"\n    colour: red\n')
    message = _message(project)
    assert 'terms["省级医药集中采购平台"]' in message and "terms[" + "1" not in message.split("省级")[0][-12:], message


def test_a_broken_schema_file_is_named(project):
    schema = sorted((project / "annotations" / "schema").glob("*.json"))[0]
    schema.write_text('{"type": "object",\n  "properties": {', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "edition", "check"], cwd=project, capture_output=True, text=True,
                            env={"PYTHONPATH": str(project / "hooks"), "PATH": "/usr/bin:/bin"}, timeout=300)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout, result.stderr[-2000:]
    assert schema.name in result.stderr + result.stdout, result.stderr[-2000:]


# --------------------------------------------------------------------------- spreadsheet formulas

@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_never_start_a_formula(start):
    assert export.spreadsheet_cell(start + "HYPERLINK(\"http://x\")") == "'" + start + "HYPERLINK(\"http://x\")"
    assert export.spreadsheet_cell("plain") == "plain" and export.spreadsheet_cell(2025) == 2025


def test_items_csv_neutralises_formula_cells_from_annotations(project):
    _edit(project, ANN, '    heading: "Strengthen organisation and implementation."\n',
          '    heading: "=HYPERLINK(\\"http://evil.example/\\",\\"x\\")"\n')
    _edit(project, ANN, "    themes: [public-oversight, coordination, ethics-education]\n",
          "    themes: [public-oversight, coordination, ethics-education]\n")
    ed = loader.load(project)
    data = export.items_csv(ed, export.Info(version="t", licence="", site_url="https://example.org/"))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    formula = [c for r in rows for c in r if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert formula == [], formula[:5]
    assert any(c.startswith("'=HYPERLINK(") for r in rows for c in r)


# --------------------------------------------------------------------------- failed builds, leftovers, caches

def test_a_failing_generation_leaves_docs_edition_as_it_was(project, monkeypatch):
    """A page that fails halfway through (here: the third page raises) stops the writing before
    any file of docs/edition/ changes."""
    from edition import generate, render
    ed = loader.load(project)
    target = project / "docs" / "edition"
    generate.write(ed, target)
    before = {p: p.read_bytes() for p in target.rglob("*") if p.is_file()}
    pages = generate.iter_pages

    def failing(ed, site=None, pdfs=None):
        for n, (rel, content) in enumerate(pages(ed, site, pdfs)):
            if n == 3:
                raise ValueError("boom")
            yield rel, (content + "\nchanged\n") if isinstance(content, str) else content

    monkeypatch.setattr(generate, "iter_pages", failing)
    with pytest.raises(ValueError):
        generate.write(ed, target)
    assert {p: p.read_bytes() for p in target.rglob("*") if p.is_file()} == before


def test_an_export_crash_leaves_no_temporary_folder_and_no_traceback(project, tmp_path):
    """A crash inside the export (here forced through a patched export.files) is one message, the
    build stops, and the staging folder is removed."""
    hook = project / "hooks" / "edition" / "export.py"
    hook.write_text(hook.read_text(encoding="utf-8") + "\n\ndef files(ed, info):\n    raise ValueError('boom')\n",
                    encoding="utf-8")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    import os
    env = {**os.environ, "TMPDIR": str(tmp), "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project / "hooks")}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                            cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert "ValueError: boom" in result.stderr
    assert [p.name for p in tmp.iterdir() if p.name.startswith("edition-")] in ([], ["edition-cache-" + str(os.getuid())])


def test_a_bad_pinyin_cache_entry_cannot_change_output(tmp_path, monkeypatch):
    import json
    import tempfile
    from edition import term
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    right = term.generated_pinyin("带量采购")
    assert term.generated_pinyins(["带量采购"]) == {"带量采购": right}
    caches = [p for p in tmp_path.rglob("*pinyin*") if p.is_file()]
    assert caches, "the cache was written"
    for cache in caches:  # tamper with it as a stray process or an old version might
        data = json.loads(cache.read_text(encoding="utf-8"))
        entries = data.get("entries", data)
        entries["带量采购"] = "tampered"
        cache.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert term.generated_pinyins(["带量采购"]) == {"带量采购": right}


# --------------------------------------------------------------------------- sources byte for byte

def test_a_crlf_source_is_published_byte_for_byte(project, tmp_path):
    import hashlib
    import yaml
    record = project / "sources" / "2025-national.yml"
    meta = yaml.safe_load(record.read_text(encoding="utf-8"))
    meta = meta.get("documents", [meta])[0] if isinstance(meta, dict) else meta
    src = project / "sources" / meta["file"]
    src.write_bytes(src.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    text = record.read_text(encoding="utf-8")
    record.write_text(re.sub(r"sha256: *\S+", f"sha256: {digest}", text), encoding="utf-8")
    from edition import generate
    ed = loader.load(project)
    pages = dict(generate.iter_pages(ed))
    published = pages[f"sources/{meta['file']}"]
    assert isinstance(published, bytes) and hashlib.sha256(published).hexdigest() == digest


# --------------------------------------------------------------------------- reproducible builds

def test_two_clean_builds_are_byte_identical_and_dated_by_source_date_epoch(tmp_path):
    import hashlib
    import os
    from conftest import ENV, MKDOCS, copy_project
    trees = []
    for n in (1, 2):
        project = copy_project(tmp_path / f"p{n}")
        env = {**ENV, "SOURCE_DATE_EPOCH": "946684800"}  # 2000-01-01
        result = subprocess.run([*MKDOCS, "build", "--strict", "--site-dir", str(tmp_path / f"s{n}")], cwd=project,
                                env=env, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr[-2000:]
        site = tmp_path / f"s{n}"
        trees.append({p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                      for p in sorted(site.rglob("*")) if p.is_file()})
    differ = sorted(k for k in set(trees[0]) | set(trees[1]) if trees[0].get(k) != trees[1].get(k))
    assert not differ, differ[:10]
    page = (tmp_path / "s1" / "en" / "2025-national" / "index.html").read_text(encoding="utf-8")
    assert "January 1, 2000" in page or "2000-01-01" in page, "citations' access date is the SOURCE_DATE_EPOCH date"


# --------------------------------------------------------------------------- control and format characters

CHARS = {"escape": "\\e", "bell": "\\a", "vertical tab": "\\v", "NUL": "\\0", "noncharacter": "\\uFFFE",
         "right-to-left override": "\\u202E", "zero-width space": "\\u200B", "word joiner": "\\u2060"}


@pytest.mark.parametrize("name", CHARS)
def test_control_and_format_characters_in_annotations_are_refused_at_their_line(project, name):
    _edit(project, ANN, '    heading: "Strengthen organisation and implementation."\n',
          f'    heading: "Strengthen organisation{CHARS[name]} and implementation."\n')
    message = _message(project)
    line = next(n for n, t in enumerate((project / ANN).read_text(encoding="utf-8").split("\n"), 1)
                if "Strengthen organisation" in t)
    assert f"{ANN}:{line}:" in message and "units.item-15.heading" in message and "U+" in message, message


@pytest.mark.parametrize("name", ["escape", "right-to-left override", "zero-width space", "NUL"])
def test_control_and_format_characters_in_a_source_are_refused_with_line_and_column(project, name):
    import codecs
    import hashlib
    ch = codecs.decode(CHARS[name].replace("\\e", "\\x1b"), "unicode_escape")
    src = project / "sources" / "2025-national.txt"
    lines = src.read_text(encoding="utf-8").split("\n")
    n = next(i for i, t in enumerate(lines) if len(t) > 10)
    lines[n] = lines[n][:3] + ch + lines[n][3:]
    src.write_text("\n".join(lines), encoding="utf-8")
    record = project / "sources" / "2025-national.yml"
    record.write_text(re.sub(r"sha256: *\S+", f"sha256: {hashlib.sha256(src.read_bytes()).hexdigest()}",
                             record.read_text(encoding="utf-8")), encoding="utf-8")
    message = _message(project)
    assert f"sources/2025-national.txt:{n + 1}:4:" in message and f"U+{ord(ch):04X}" in message, message


@pytest.mark.parametrize("kind", ["empty", "byte-order mark"])
def test_an_empty_or_bom_source_is_refused_with_the_reason(project, kind):
    import hashlib
    src = project / "sources" / "2025-national.txt"
    src.write_bytes(b"" if kind == "empty" else b"\xef\xbb\xbf" + src.read_bytes())
    record = project / "sources" / "2025-national.yml"
    record.write_text(re.sub(r"sha256: *\S+", f"sha256: {hashlib.sha256(src.read_bytes()).hexdigest()}",
                             record.read_text(encoding="utf-8")), encoding="utf-8")
    message = _message(project)
    assert "sources/2025-national.txt" in message and ("empty" if kind == "empty" else "byte-order mark") in message, message


# --------------------------------------------------------------------------- proportionate corrections

@pytest.mark.parametrize("old,new,words", [
    ('    raw: "纠凤"\n    reading: "纠风"\n', '    raw: "纠凤"\n    reading: ""\n', "kind `removal`"),
    ('    raw: "纠凤"\n    reading: "纠风"\n', '    raw: "纠凤"\n    reading: "纠风工作体系"\n', "one for one"),
    ('    kind: ocr\n    line: 48\n', '    kind: punctuation\n    line: 48\n', "only punctuation"),
])
def test_a_correction_must_be_proportionate_to_its_kind(project, old, new, words):
    _edit(project, "annotations/2023-national.yml", old, new)
    message = _message(project)
    assert "annotations/2023-national.yml:" in message and 'emendations["e5"]' in message.replace("'", '"'), message
    assert words in message and "fix:" in message, message


def test_a_punctuation_rule_maps_punctuation_only(project):
    _edit(project, "annotations/2024-fujian.yml", '"»": "》"}', '"»": "》", "不": "要"}')
    message = _message(project)
    assert "annotations/2024-fujian.yml:7" in message and "reading.punctuation" in message and "'不'" in message, message


def test_make_check_shows_every_correction_and_its_size(edition):
    from edition import check
    notes = [str(f) for d in edition.documents for f in check.corrections(d)]
    assert len(notes) == sum(len(d.annotation.emendations) for d in edition.documents) > 5
    assert any("emendations[e5]: ocr: 1 character(s) changed: '纠凤' -> '纠风'" in n for n in notes), notes[:5]


def test_an_unknown_unlinked_paragraph_is_a_message_not_a_traceback(project):
    rel = "annotations/pairs/2025-news--2025-national.yml"
    _edit(project, rel, "  - para: para-2\n", "  - para: para-92\n")
    message = _message(project)
    line = next(n for n, t in enumerate((project / rel).read_text(encoding="utf-8").split("\n"), 1) if "para-92" in t)
    assert f"{rel}:{line}:" in message and "unlinked[0].para" in message and "2025-news has no para-92" in message, message
