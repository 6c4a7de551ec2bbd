"""`make check` (python -m edition check): one class of bad input at a time in a project copy;
each must give a non-zero exit and a `file:line: level: field: message — fix` line."""
import re
import subprocess
import sys

import pytest

from conftest import ENV, ROOT

FINDING = re.compile(r"^(?P<file>[\w./-]+):(?P<line>\d+): (?P<level>error|warning|note): (?P<field>\S+): (?P<message>.*)$")


def run_check(project, **env):
    result = subprocess.run([sys.executable, "-m", "edition", "--root", str(project), "check"],
                            env={**ENV, **env}, capture_output=True, text=True, timeout=300)
    findings = [m.groupdict() for line in result.stdout.splitlines() if (m := FINDING.match(line))]
    return result, findings


def edit(project, rel, old, new):
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(project, rel, needle):
    for n, line in enumerate((project / rel).read_text(encoding="utf-8").split("\n"), 1):
        if needle in line:
            return n
    raise AssertionError(needle)


def assert_reported(project, findings, rel, needle, level, field, words):
    expected_line = line_of(project, rel, needle)
    hits = [f for f in findings if f["file"] == rel and f["level"] == level and f["field"] == field]
    assert hits, (rel, field, findings)
    assert any(abs(int(f["line"]) - expected_line) <= 1 for f in hits), (expected_line, hits)
    assert any(all(w in f["message"] for w in words) and "fix:" in f["message"] for f in hits), hits


def test_the_edition_as_it_stands_passes(project):
    result, findings = run_check(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok: no errors or warnings" in result.stdout
    assert not [f for f in findings if f["level"] != "note"]


ANN = "annotations/2025-national.yml"
# name: (file, old, new, needle on the reported line, level, field, words in the message)
CASES = {
    "schema-wrong-type": (ANN, "    line: 12\n", "    line: twelve\n", "line: twelve", "error",
                          'emendations["e1"].line', ["wrong type"]),
    "schema-unknown-field": (ANN, "    heading: \"Strengthen penetrating supervision.\"\n",
                             "    headline: \"Strengthen penetrating supervision.\"\n", "    headline:", "error",
                             "units.item-6.headline", ["headline", "did you mean `heading`?"]),
    "bad-yaml-syntax": (ANN, "  item-6:\n", "  item-6: [unclosed\n", "item-6: [unclosed", "error", "(YAML)",
                        ["not valid YAML"]),
    "duplicate-key": (ANN, "  item-15:\n", "  item-14:\n", None, "error", "(YAML)",
                      ["duplicate key 'item-14' (first at line"]),
    "unknown-unit": (ANN, "  item-15:\n", "  item-16:\n", "  item-16:", "error", "units.item-16", ["no unit"]),
    "unknown-theme": (ANN, "    themes: [party-leadership]\n", "    themes: [party-leadershp]\n",
                      "themes: [party-leadershp]", "error", None, ["unknown theme", "party-leadershp"]),
    "unknown-related-term": ("annotations/glossary.yml", '    related: ["国家卫生健康委"]\n',
                             '    related: ["国家卫健委员会"]\n', '- zh: "国家卫生健康委办公厅"', "error", None,
                             ["not a term of the glossary"]),
    "note-about-not-in-text": (ANN, '      - about: "主动公开"\n', '      - about: "被动公开"\n',
                               "  notice-disclosure:", "error", "units.notice-disclosure.notes[0].about",
                               ["not in the Chinese text"]),
    "stale-translation": (ANN, '    fingerprint: "51079a418b10"\n', '    fingerprint: "000000000000"\n',
                          "  item-6:", "warning", "units.item-6", ["stale translation"]),
    "unchecked-translation": (ANN, '    fingerprint: "51079a418b10"\n', "", "  item-6:", "warning",
                              "units.item-6", ["unchecked translation"]),
    "translated-item-without-theme": (ANN, "    themes: [party-leadership]\n", "", None, "warning", None,
                                      ["item has no theme"]),
    "unknown-implemented-document": ("sources/2024-fujian.yml", "implements: 2024-national\n",
                                     "implements: 2024-nationl\n", "implements: 2024-nationl", "error",
                                     "implements", ["no document '2024-nationl'"]),
    "todo-placeholder": ("sources/2025-national.yml", "  en: Web text as published on the National Health Commission's website.\n",
                         '  en: "TODO: provenance"\n', '"TODO: provenance"', "error", None,
                         ["placeholder left to fill in"]),
    "unaligned-item": ("annotations/pairs/2024-national--2024-fujian.yml", "    to: [item-14]\n", "    to: [item-13]\n",
                       "links:", "warning", "links", ["to side not aligned: item-14"]),
}


@pytest.mark.parametrize("case", CASES)
def test_each_class_of_bad_input_is_reported_with_file_and_line(project, case):
    rel, old, new, needle, level, field, words = CASES[case]
    edit(project, rel, old, new)
    result, findings = run_check(project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "check failed" in result.stdout
    hits = [f for f in findings if f["file"] == rel and f["level"] == level and all(w in f["message"] for w in words)]
    assert hits, (case, result.stdout)
    if field:
        assert any(f["field"] == field for f in hits), (field, hits)
    if needle:
        expected = line_of(project, rel, needle)
        assert any(abs(int(f["line"]) - expected) <= 1 for f in hits), (expected, hits)
    assert all("— fix:" in f["message"] for f in hits), hits


def test_a_theme_on_an_untranslated_unit_is_a_warning(project):
    # Empty `en`: the unit counts as untranslated, so its heading and themes cannot show.
    text = (project / ANN).read_text(encoding="utf-8")
    start = re.search(r"^  item-6:\n(?:    (?!en:).*\n|      .*\n)*?(    en: )", text, re.M).start(1)
    end = text.index("\n", start)
    (project / ANN).write_text(text[:start] + '    en: ""' + text[end:], encoding="utf-8")
    result, findings = run_check(project)
    assert result.returncode == 1
    assert_reported(project, findings, ANN, "  item-6:", "warning", "units.item-6", ["`en` is empty", "themes"])
    notes = [f for f in findings if f["level"] == "note" and f["file"] == ANN and "item-6" in f["message"]]
    assert notes, findings


def test_an_annotation_file_without_a_record_is_reported(project):
    (project / "annotations" / "2026-national.yml").write_text(
        "document: 2026-national\nreading:\n  layout: lines\nemendations: []\nunits: {}\n", encoding="utf-8")
    result, findings = run_check(project)
    assert result.returncode == 1
    assert_reported(project, findings, "annotations/2026-national.yml", "document:", "error", "document",
                    ["has no record sources/2026-national.yml"])


def test_findings_are_also_github_annotations_in_ci(project):
    edit(project, ANN, "    line: 12\n", "    line: twelve\n")
    result, _ = run_check(project, GITHUB_ACTIONS="true")
    assert re.search(r'^::error file=annotations/2025-national\.yml,line=\d+::emendations\["e1"\]\.line: wrong type',
                     result.stdout, re.M), result.stdout


def test_make_check_runs_the_same_command():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^check: .*\n\t\$\(BIN\)/python -m edition check$", makefile, re.M)
