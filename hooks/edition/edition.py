"""Load the whole edition: every source, its annotation file, and the shared layers.

`load(root)` is the single entry point used by the generator, the checks and the tests. It
stops with an `EditionError` listing every problem found (file, line, field, fix), so that a
broken annotation never produces a half-built site.
"""
from __future__ import annotations

import gc
from dataclasses import dataclass, field
from pathlib import Path

from . import alignment, annotation, document, emendation, manifest, note, rules, term, theme
from .errors import EditionError, Problem
from .translation import STALE, UNCHECKED, Translation


@dataclass
class DocumentEdition:
    """One document: its parsed reading text and its human annotation layer."""

    doc: document.Document
    annotation: annotation.Annotation
    source: manifest.SourceEntry

    @property
    def id(self) -> str:
        return self.doc.id

    @property
    def meta(self) -> dict:
        return self.doc.meta

    @property
    def translations(self) -> dict[str, Translation]:
        return self.annotation.translations

    def translation(self, unit_id: str) -> Translation | None:
        return self.annotation.translations.get(unit_id)

    def stale_units(self) -> list[str]:
        return [u.id for u in self.doc.units
                if (t := self.translation(u.id)) and t.status(u) in (STALE, UNCHECKED)]


@dataclass
class Edition:
    root: Path
    documents: list[DocumentEdition] = field(default_factory=list)
    glossary: object | None = None
    themes: object | None = None
    alignments: object | None = None
    warnings: list[str] = field(default_factory=list)

    def document(self, doc_id: str) -> DocumentEdition | None:
        return self._index("documents", self.documents).get(doc_id)

    def pair(self, pair_id: str):
        """An alignment pair (alignment.Pair) by its id."""
        return self._index("alignments", self.alignments or []).get(pair_id)

    def _index(self, name: str, items: list) -> dict:
        # Alignments and pages look documents and pairs up by id: an index, rebuilt when the list changes.
        key = (id(items), len(items))
        indexes = self.__dict__.setdefault("_indexes", {})
        if name not in indexes or indexes[name][0] != key:
            indexes[name] = (key, {x.id: x for x in items})
        return indexes[name][1]


def load_document(root: Path, entry: manifest.SourceEntry) -> DocumentEdition:
    display = f"annotations/{entry.id}.yml"
    ann = annotation.load(root / "annotations" / f"{entry.id}.yml", display, entry.id)
    raw = entry.path.read_text(encoding="utf-8")
    edits = rules.build_edits(raw, ann.config, ann.emendations, display)
    reading = emendation.apply(raw, edits, display)
    doc = document.parse(entry.id, entry.meta, reading, display)
    problems: list[Problem] = []
    ids = {u.id: u for u in doc.units}
    for unit_id, t in ann.translations.items():
        unit = ids.get(unit_id)
        if unit is None:
            problems.append(Problem(display, t.line, f"units.{unit_id}",
                                    f"no unit {unit_id!r} in this document",
                                    f"use one of the document's ids ({', '.join(list(ids)[:6])}, …)"))
            continue
        if unit.kind == "item" and not t.heading:
            problems.append(Problem(display, t.line, f"units.{unit_id}.heading",
                                    "an item's translation needs `heading`",
                                    "add the English of the item's heading sentence"))
        if unit.kind != "item" and t.heading:
            problems.append(Problem(display, t.line, f"units.{unit_id}.heading",
                                    "only items have a heading", "move the text into `en`"))
        if isinstance(t.en, list) and unit.kind != "notice-signatories":
            problems.append(Problem(display, t.line, f"units.{unit_id}.en",
                                    "wrong type: only signatories are a list", "write the translation as text"))
        for n, note in enumerate(t.notes):
            if note.about and note.about not in unit.text:
                problems.append(Problem(display, t.line, f"units.{unit_id}.notes[{n}].about",
                                        f"{note.about!r} is not in the Chinese text of {unit_id}",
                                        "quote an exact phrase of the unit's reading text, or drop `about`"))
    expected = entry.meta["expected"]
    got = {"parts": len(doc.parts), "items": len(doc.items)}
    for key in ("parts", "items"):
        if got[key] != expected[key]:
            problems.append(Problem(entry.record, entry.line_of("expected", key), f"expected.{key}",
                                    f"the text has {got[key]} {key}, the record expects {expected[key]}",
                                    "check the paragraph breaks in the annotation file, or correct the record"))
    if problems:
        raise EditionError(problems)
    return DocumentEdition(doc, ann, entry)


# `mkdocs serve` rebuilds everything after each edit, in one process: there a document whose
# source, annotation file and manifest entry are unchanged is not parsed and validated again. The
# hook turns this on for `serve` only: in a one-off build the cache would just keep the whole
# edition alive (memory, and garbage-collector passes over it) while MkDocs renders.
keep_documents = False
_loaded: dict[str, tuple[tuple, DocumentEdition]] = {}


def _stamp(path: Path) -> tuple | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_mtime_ns, st.st_size


def _load_document_cached(root: Path, entry: manifest.SourceEntry) -> DocumentEdition:
    if not keep_documents:
        return load_document(root, entry)
    key = (str(root.resolve()), repr(entry.meta), entry.line, _stamp(entry.path),
           _stamp(root / "annotations" / f"{entry.id}.yml"))
    cached = _loaded.get(entry.id)
    if cached and cached[0] == key:
        return cached[1]
    d = load_document(root, entry)
    _loaded[entry.id] = (key, d)
    return d


def load(root: Path) -> Edition:
    # Loading builds millions of long-lived objects (YAML node trees, parsed texts) and little
    # cyclic garbage, so the cyclic collector's full passes over the growing heap are wasted work
    # that grows faster than the collection (at 1,000 documents, about a third of loading). It is
    # paused while loading and run once at the end.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _load(Path(root))
    finally:
        if paused:
            gc.enable()
            gc.collect()


def _load(root: Path) -> Edition:
    edition = Edition(root)
    problems: list[Problem] = []
    for entry in manifest.load(root):
        try:
            edition.documents.append(_load_document_cached(root, entry))
        except EditionError as exc:
            problems += exc.problems
    if not problems:  # notes may cite units of any document: checked once all are loaded
        units = {d.id: {u.id for u in d.doc.units} for d in edition.documents}
        for d in edition.documents:
            for unit_id, t in d.translations.items():
                problems += note.references(d.annotation.display, d.annotation.lines, unit_id, t.notes, units)
    for layer, loader in (("glossary", term.load), ("themes", theme.load)):
        try:
            setattr(edition, layer, loader(root))
        except EditionError as exc:
            problems += exc.problems
    if edition.themes is not None:
        tag_problems, tag_warnings = theme.check_tags(edition.themes, edition.documents)
        problems += tag_problems
        edition.warnings += tag_warnings
    if not problems and alignment.pair_files(root):
        try:
            edition.alignments = alignment.load(root, edition)
        except EditionError as exc:
            problems += exc.problems
    if problems:
        raise EditionError(problems)
    for pair in edition.alignments or []:
        gaps = alignment.unaligned(pair, edition)
        for side, ids in gaps.items():
            if ids:
                edition.warnings.append(f"{pair.file}: {pair.id}: {side} side not aligned: {', '.join(ids)}")
    for d in edition.documents:
        stale = d.stale_units()
        if stale:
            edition.warnings.append(
                f"annotations/{d.id}.yml: {len(stale)} translation(s) not checked against the current "
                f"Chinese text: {', '.join(stale)} — check them, then run "
                f"`make refresh-fingerprints DOC={d.id}`")
    return edition
