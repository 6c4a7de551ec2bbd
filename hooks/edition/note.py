"""Translator's notes: their kind, their Chinese version, and what their claims rest on.

A note is either about the English (`kind: translation`, shown on English pages only) or explains
the policy, its background, its institutions or the Chinese text itself (`kind: context`, shown on
the pages of both languages, so it needs a Chinese version `zh`). A note's factual claims rest on
`sources` (units of this edition, or external official documents with their official address) or
are marked as the edition's own `inference`. The schema (annotations/schema/document.schema.json)
checks the form; `references` checks that cited units exist; `unsourced` lists what `make check`
reports as unsourced.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .errors import Problem
from .yamlio import line_of

TRANSLATION, CONTEXT = "translation", "context"


@dataclass(frozen=True)
class UnitSource:
    """A unit of this edition that a note rests on."""

    doc: str
    unit: str

    @property
    def ref(self) -> str:
        return f"{self.doc}#{self.unit}"


@dataclass(frozen=True)
class DocumentSource:
    """An external official document: `issuer` and `title` are {"zh", "en"}; `date` is ISO."""

    issuer: dict
    title: dict
    url: str
    number: str | None = None
    date: str | None = None


@dataclass
class Note:
    text: str
    about: str | None = None
    zh: str | None = None
    kind: str | None = None
    sources: list = field(default_factory=list)  # UnitSource | DocumentSource
    inference: dict | None = None  # {"en", "zh"}
    index: int = 0  # position in the unit's `notes` list, for messages

    def shown_in(self, lang: str) -> bool:
        """Whether the page of `lang` ("zh" or "en") shows the note: English pages show every
        note, Chinese pages the context notes that have a Chinese version."""
        return lang == "en" or (self.kind == CONTEXT and bool(self.zh))


def source_from_yaml(data: dict) -> UnitSource | DocumentSource:
    if "unit" in data:
        doc, unit = data["unit"].split("#", 1)
        return UnitSource(doc, unit)
    d = data["document"]
    return DocumentSource(issuer=d["issuer"], title=d["title"], url=d["url"],
                          number=d.get("number"), date=d.get("date"))


def from_yaml(data: dict, index: int = 0) -> Note:
    """One note of an annotation file, already validated against the schema."""
    return Note(text=data["text"], about=data.get("about"), zh=data.get("zh"), kind=data.get("kind"),
                sources=[source_from_yaml(s) for s in data.get("sources", [])],
                inference=data.get("inference"), index=index)


def _path(unit_id: str, note: Note, *rest) -> list:
    return ["units", unit_id, "notes", note.index, *rest]


def _field(path: list) -> str:
    return ".".join(str(p) for p in path[:3]) + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path[3:])


def references(file: str, lines: dict, unit_id: str, notes: list[Note], documents) -> list[Problem]:
    """Cited units that are not in the edition (they would be broken links).

    `lines` is the annotation file's line map (yamlio.load); `documents` maps document id ->
    set of unit ids. Returns one Problem per bad reference, with its line."""
    out = []
    for note in notes:
        for j, s in enumerate(note.sources):
            if not isinstance(s, UnitSource):
                continue
            path = _path(unit_id, note, "sources", j, "unit")
            where = (file, line_of(lines, path), _field(path))
            if s.doc not in documents:
                out.append(Problem(*where, f"no document {s.doc!r} in the edition",
                                   "cite a unit as <document id>#<unit id>, with a document id from the manifest"))
            elif s.unit not in documents[s.doc]:
                out.append(Problem(*where, f"{s.doc} has no unit {s.unit!r}",
                                   f"use a unit id of {s.doc} (item-3, part-2, preamble, para-7 …)"))
    return out


def unsourced(file: str, lines: dict, unit_id: str, notes: list[Note]) -> list[Problem]:
    """What `make check` reports about notes: no `kind`; a context note without `zh`; a context
    note whose claims rest on nothing (neither `sources` nor `inference`). One Problem each,
    with the note's line in `file`."""
    out = []
    for note in notes:
        line = line_of(lines, _path(unit_id, note))
        where = f"units.{unit_id}.notes[{note.index}]"
        about = f" on {note.about!r}" if note.about else ""
        if note.kind is None:
            out.append(Problem(file, line, f"{where}.kind", f"note{about} has no kind",
                               "add `kind: translation` (about the English wording) or `kind: context` "
                               "(explains the policy, its background or the Chinese text)"))
            continue
        if note.kind != CONTEXT:
            continue
        if not note.zh:
            out.append(Problem(file, line, f"{where}.zh", f"context note{about} has no Chinese version",
                               "add `zh:` with the note in Chinese, for the Chinese pages"))
        if not note.sources and not note.inference:
            out.append(Problem(file, line, f"{where}.sources", f"context note{about} has unsourced claims",
                               "add `sources:` (a unit of this edition, or an official document with its address), "
                               "or `inference: {en, zh}` saying what is the edition's own inference"))
    return out
