"""Translator's notes: the schema of their kind, Chinese version, sources and inference; cited
units must exist."""
import copy

import pytest

from edition import edition as loader
from edition import note as notes
from edition.errors import EditionError
from edition.schema import validate

DOCUMENT = {"issuer": {"zh": "国家卫生健康委办公厅", "en": "General Office of the National Health Commission"},
            "title": {"zh": "某通知", "en": "A notice"},
            "number": "国卫办医急函〔2024〕1号", "date": "2024-05-13",
            "url": "https://www.nhc.gov.cn/example.shtml"}
FULL = {"about": "工作要点", "kind": "context", "text": "English.", "zh": "中文。",
        "sources": [{"unit": "2024-national#item-6"}, {"document": DOCUMENT}],
        "inference": {"en": "The date is inferred.", "zh": "日期系本版推断。"}}


def _file(note: dict) -> dict:
    return {"document": "x", "reading": {"layout": "wrapped"}, "emendations": [],
            "units": {"item-1": {"heading": "H.", "en": "E.", "notes": [note]}}}


def _errors(note: dict) -> list:
    try:
        validate(_file(note), {}, "document.schema.json", "annotations/x.yml")
    except EditionError as exc:
        return exc.problems
    return []


def test_full_note_and_legacy_note_are_valid():
    assert _errors(FULL) == []
    assert _errors({"text": "Only text, as before classification."}) == []


def _with(path, value):
    note = copy.deepcopy(FULL)
    target = note
    for key in path[:-1]:
        target = target[key]
    if value is None:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return note


BAD = {
    "unknown-kind": (("kind",), "background"),
    "javascript-url": (("sources", 1, "document", "url"), "javascript:alert(1)"),
    "data-url": (("sources", 1, "document", "url"), "data:text/html,<script>alert(1)</script>"),
    "url-with-quote": (("sources", 1, "document", "url"), "https://x.gov.cn/\" onmouseover=\"alert(1)"),
    "missing-url": (("sources", 1, "document", "url"), None),
    "missing-issuer-en": (("sources", 1, "document", "issuer", "en"), None),
    "date-not-iso": (("sources", 1, "document", "date"), "2024年5月13日"),
    "unit-without-document": (("sources", 0, "unit"), "item-6"),
    "unit-and-document": (("sources", 0, "document"), DOCUMENT),
    "unknown-source-field": (("sources", 0, "page"), "3"),
    "empty-sources": (("sources",), []),
    "inference-without-zh": (("inference", "zh"), None),
    "empty-zh": (("zh",), ""),
    "unknown-note-field": (("source",), "x"),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_note_is_rejected(case):
    path, value = BAD[case]
    problems = _errors(_with(path, value))
    assert problems, case
    assert all(p.field.startswith("units.item-1.notes[0]") for p in problems), problems


def test_shown_in():
    context = notes.from_yaml(FULL)
    translation = notes.from_yaml({**FULL, "kind": "translation"})
    unclassified = notes.from_yaml({"text": "x", "zh": "某"})
    assert context.shown_in("zh") and context.shown_in("en")
    assert not translation.shown_in("zh") and translation.shown_in("en")
    assert not unclassified.shown_in("zh")
    assert notes.from_yaml(FULL).sources[0] == notes.UnitSource("2024-national", "item-6")
    assert notes.from_yaml(FULL).sources[1].number == DOCUMENT["number"]


ANN = "annotations/2025-national.yml"


@pytest.mark.parametrize("ref, words", [("2099-national#item-1", "no document '2099-national'"),
                                        ("2024-national#item-99", "2024-national has no unit 'item-99'")])
def test_cited_unit_must_exist(project, ref, words):
    path = project / ANN
    text = path.read_text(encoding="utf-8")
    old = "    notes:\n      - "
    at = text.index(old)
    # a note of its own, first in the list, so that the real notes' content does not matter
    new = f"    notes:\n      - text: \"x\"\n        sources: [{{unit: \"{ref}\"}}]\n      - "
    path.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    line = text[:at].count("\n") + 3
    with pytest.raises(EditionError) as exc:
        loader.load(project)
    message = str(exc.value)
    assert f"{ANN}:{line}:" in message and words in message and "sources[0].unit" in message, message
