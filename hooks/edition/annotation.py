"""Load one document's annotation file: reading rules, emendations, translations."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import yamlio
from .emendation import Emendation, _is_mark, disproportion
from .errors import EditionError, Problem
from .rules import ReadingConfig
from .schema import validate
from .translation import Translation, from_yaml


@dataclass
class Annotation:
    path: Path
    display: str  # path as shown in messages, relative to the project
    config: ReadingConfig
    reading_reason: dict | None
    emendations: list[Emendation]
    translations: dict[str, Translation]
    lines: dict = field(default_factory=dict)


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
    # A unit whose `en` is empty is a placeholder (make new-document writes one for every unit):
    # it counts as not yet translated, so the page shows it as untranslated.
    translations = {
        unit_id: from_yaml(unit_id, value, yamlio.line_of(lines, ["units", unit_id]))
        for unit_id, value in (data.get("units") or {}).items()
        if not is_placeholder(value)
    }
    return Annotation(path, display, config, r.get("reason"), emendations, translations, lines)
