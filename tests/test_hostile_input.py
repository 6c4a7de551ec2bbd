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
