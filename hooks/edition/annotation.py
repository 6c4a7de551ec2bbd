"""Load one document's annotation file: reading rules, emendations, suspected errors ([sic]), translations."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import yamlio
from .emendation import Emendation, _is_mark, disproportion
from .errors import EditionError, Problem
from .rules import ReadingConfig
from .schema import validate
from .translation import Translation, from_yaml


@dataclass(frozen=True)
class Sic:
    """A suspected error of the source kept as printed (one entry of `sic:`): marked [sic] after
    `text` in unit `unit` and discussed in the apparatus with the readings considered."""

    id: str
    unit: str
    text: str
    readings: tuple  # of {"reading", "en", "zh"}
    translation: dict  # {"en", "zh"}: which reading the English follows
    reason: dict  # {"en", "zh"}
    occurrence: int = 1
    yaml_line: int | None = None


def sic_span(s: Sic, unit_text: str) -> tuple[int, int]:
    """(start, end) of the suspect words in the unit's reading text (`occurrence` counts from 1).
    The loader has checked that they occur there."""
    at = -1
    for _ in range(s.occurrence):
        at = unit_text.find(s.text, at + 1)
    return at, at + len(s.text)


@dataclass
class Annotation:
    path: Path
    display: str  # path as shown in messages, relative to the project
    config: ReadingConfig
    reading_reason: dict | None
    emendations: list[Emendation]
    translations: dict[str, Translation]
    lines: dict = field(default_factory=dict)
    sic: list[Sic] = field(default_factory=list)


def is_placeholder(unit: dict) -> bool:
    """An untranslated unit left for a translator: `en: ""`."""
    return unit.get("en") == ""


def load(path: Path, display: str, doc_id: str) -> Annotation:
    if not path.exists():
        raise EditionError(Problem(display, None, "(file)", "annotation file is missing",
                                   f"create it (make new-document scaffolds one) for document {doc_id}"))
    data, lines = yamlio.load(path, display)
    validate(data, lines, "document.schema.json", display)
    if data["document"] != doc_id:
        raise EditionError(Problem(display, yamlio.line_of(lines, ["document"]), "document",
                                   f"says {data['document']!r} but the file belongs to {doc_id!r}",
                                   f"set `document: {doc_id}` or rename the file"))
    r = data["reading"]
    for ch, to in (r.get("punctuation") or {}).items():
        if not all(_is_mark(c) for c in str(ch) + str(to)):
            raise EditionError(Problem(
                display, yamlio.line_of(lines, ["reading", "punctuation", ch]), f"reading.punctuation.{ch}",
                f"the punctuation rule may map punctuation only; {ch!r} -> {to!r} changes text",
                "record a change of wording as an emendation of kind `ocr` with its reason"))
    config = ReadingConfig(
        layout=r["layout"],
        rules=tuple(r.get("rules", [])),
        breaks_after=frozenset(r.get("breaks_after", [])),
        joins_after=frozenset(r.get("joins_after", [])),
        punctuation=r.get("punctuation"),
    )
    emendations: list[Emendation] = []
    seen: dict[str, int] = {}
    for i, e in enumerate(data["emendations"]):
        line = yamlio.line_of(lines, ["emendations", i])
        if e["id"] in seen:
            raise EditionError(Problem(display, line, f"emendations[{i}].id",
                                       f"duplicate id {e['id']!r} (first at line {seen[e['id']]})",
                                       "give every emendation its own id (e1, e2, …)"))
        seen[e["id"]] = line
        wrong = disproportion(e["kind"], e["raw"], e["reading"])
        if wrong:
            raise EditionError(Problem(display, line, f"emendations[{e['id']!r}].kind", wrong[0], wrong[1]))
        emendations.append(Emendation(
            id=e["id"], kind=e["kind"], line=e["line"], raw=e["raw"], reading=e["reading"],
            reason=e["reason"], occurrence=e.get("occurrence"), to_line=e.get("to_line"), yaml_line=line))
    sic: list[Sic] = []
    for i, e in enumerate(data.get("sic") or []):
        line = yamlio.line_of(lines, ["sic", i])
        if e["id"] in seen:
            raise EditionError(Problem(display, line, f"sic[{i}].id",
                                       f"duplicate id {e['id']!r} (first at line {seen[e['id']]})",
                                       "give every apparatus entry its own id (s1, s2, …)"))
        seen[e["id"]] = line
        sic.append(Sic(e["id"], e["unit"], e["text"], tuple(e["readings"]), e["translation"], e["reason"],
                       e.get("occurrence", 1), line))
    # A unit whose `en` is empty is a placeholder (make new-document writes one for every unit):
    # it counts as not yet translated, so the page shows it as untranslated.
    translations = {
        unit_id: from_yaml(unit_id, value, yamlio.line_of(lines, ["units", unit_id]))
        for unit_id, value in (data.get("units") or {}).items()
        if not is_placeholder(value)
    }
    return Annotation(path, display, config, r.get("reason"), emendations, translations, lines, sic)
