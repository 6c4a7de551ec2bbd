"""Edits between a raw source and its reading text, and the emendations that cause them.

Every difference between the raw text and the reading text is an `Edit`: a raw span replaced by
reading text. Emendations (data in annotations/<doc>.yml) and generic rules (code in rules.py)
both produce edits. Because each applied edit remembers the raw text it replaced and where its
replacement sits in the reading text, the raw text can be rebuilt exactly from the reading text:
that is the edition's proof that nothing was lost (see `reconstruct`).
"""
from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field

from .errors import EditionError, Problem

# Kinds of emendation a contributor may record (kept in step with the JSON Schema).
EMENDATION_KINDS = {
    "ocr": "misread character",
    "removal": "stray mark or noise removed",
    "page-number": "page number removed",
    "layout": "layout undone (columns, justification spacing)",
    "move": "block moved out of a paragraph it interrupted",
    "punctuation": "punctuation corrected",
}


@dataclass(frozen=True)
class Emendation:
    """A recorded, reviewed correction of the raw text (one entry of `emendations:`)."""

    id: str
    kind: str
    line: int
    raw: str
    reading: str
    reason: dict
    occurrence: int | None = None
    to_line: int | None = None  # for kind "move": the block is re-inserted after this line
    yaml_line: int | None = None


@dataclass(frozen=True)
class Edit:
    start: int  # raw offset (characters)
    end: int
    reading: str
    kind: str  # "emendation", "normalisation" or "whitespace"
    ref: str  # emendation id or rule name
    order: int = 0  # tie-break among edits at one raw offset (insertions)


@dataclass
class AppliedEdit:
    edit: Edit
    raw: str  # the raw text the edit replaced
    rstart: int  # where its replacement sits in the reading text
    rend: int


@dataclass
class Reading:
    """A reading text with the edits that produced it from the raw text."""

    raw: str
    text: str
    applied: list[AppliedEdit] = field(default_factory=list)

    def to_raw(self, pos: int) -> int:
        """Raw offset of a reading offset (the start of the edit's raw span if inside one)."""
        shift = 0
        for a in self.applied:
            if a.rstart > pos:
                break
            if a.rend <= pos:
                shift = a.edit.end - a.rend
            else:
                return a.edit.start
        return pos + shift

    def raw_line(self, pos: int) -> int:
        return _line_at(self.raw, self.to_raw(pos))


def apply(raw: str, edits: list[Edit], file: str = "") -> Reading:
    edits = sorted(edits, key=lambda e: (e.start, e.end != e.start, e.order, e.end))
    out: list[str] = []
    applied: list[AppliedEdit] = []
    pos = 0
    rpos = 0
    previous: Edit | None = None
    for e in edits:
        if e.start < pos:
            raise EditionError(Problem(
                file, _line_at(raw, e.start), f"edit {e.ref}",
                f"overlaps edit {previous.ref if previous else '?'} at raw offset {e.start}",
                "make the two corrections cover separate text"))
        chunk = raw[pos:e.start]
        out.append(chunk)
        rpos += len(chunk)
        out.append(e.reading)
        applied.append(AppliedEdit(e, raw[e.start:e.end], rpos, rpos + len(e.reading)))
        rpos += len(e.reading)
        pos = e.end
        previous = e
    out.append(raw[pos:])
    return Reading(raw, "".join(out), applied)


def reconstruct(text: str, applied: list[AppliedEdit]) -> str:
    """Rebuild the raw text from a reading text and the applied edits (inverse of `apply`)."""
    out: list[str] = []
    pos = 0
    for a in sorted(applied, key=lambda a: (a.rstart, a.rend)):
        if a.rstart < pos or text[a.rstart:a.rend] != a.edit.reading:
            raise ValueError(f"reading text does not carry edit {a.edit.ref} at {a.rstart}")
        out.append(text[pos:a.rstart])
        out.append(a.raw)
        pos = a.rend
    out.append(text[pos:])
    return "".join(out)


def _line_at(raw: str, offset: int) -> int:
    return raw.count("\n", 0, offset) + 1


def line_starts(raw: str) -> list[int]:
    starts = [0]
    i = raw.find("\n")
    while i != -1:  # str.find, not a Python loop over every character: this runs for each emendation
        starts.append(i + 1)
        i = raw.find("\n", i + 1)
    return starts


def locate(raw: str, em: Emendation, file: str) -> tuple[int, int]:
    """Raw span of an emendation: `raw` must start on `line` (the n-th match there if given)."""
    starts = line_starts(raw)
    if not 1 <= em.line <= len(starts):
        raise EditionError(Problem(file, em.yaml_line, f"emendations[{em.id}].line",
                                   f"line {em.line} is outside the source (1–{len(starts)})",
                                   "give the raw line number shown by `cat -n` on the source"))
    line_start = starts[em.line - 1]
    line_end = starts[em.line] - 1 if em.line < len(starts) else len(raw)
    matches = []
    at = raw.find(em.raw, line_start)
    while at != -1 and at <= line_end:
        matches.append(at)
        at = raw.find(em.raw, at + 1)
    if not matches:
        raise EditionError(Problem(
            file, em.yaml_line, f"emendations[{em.id}].raw",
            f"{em.raw!r} does not start on source line {em.line}",
            "copy the raw text exactly from that line of the source (spaces included)"))
    if em.occurrence is None and len(matches) > 1:
        raise EditionError(Problem(
            file, em.yaml_line, f"emendations[{em.id}].raw",
            f"{em.raw!r} occurs {len(matches)} times on line {em.line}",
            "add `occurrence: N` (1 = first) or lengthen `raw` to make it unique"))
    index = (em.occurrence or 1) - 1
    if index >= len(matches):
        raise EditionError(Problem(
            file, em.yaml_line, f"emendations[{em.id}].occurrence",
            f"line {em.line} has only {len(matches)} occurrence(s) of {em.raw!r}",
            "lower `occurrence`"))
    start = matches[index]
    return start, start + len(em.raw)


# --------------------------------------------------------------------------- proportionate corrections

OCR_MAX_CHANGED = 3  # an OCR fix replaces a few misread characters, never a phrase


def _is_mark(ch: str) -> bool:
    """Punctuation, symbols and spaces: what a punctuation correction may touch."""
    return unicodedata.category(ch)[0] in "PSZ"


def size(raw: str, reading: str) -> int:
    """Characters changed between `raw` and `reading` (inserted, deleted or replaced; difflib)."""
    ops = difflib.SequenceMatcher(None, raw, reading, autojunk=False).get_opcodes()
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in ops if tag != "equal")


def disproportion(kind: str, raw: str, reading: str) -> tuple[str, str] | None:
    """(what is wrong, fix) if a correction of this kind could not make this change, else None.
    `ocr`: a few look-alike characters replaced, nothing deleted; `removal` and `page-number`:
    deletions only; `punctuation`: marks only, on both sides; `layout`: the same characters, respaced or reordered
    (columns read row by row)."""
    changed = size(raw, reading)
    deleted = raw and not reading
    if kind == "ocr":
        if not reading or len(reading) != len(raw):
            return ("an OCR fix replaces misread characters one for one; this one deletes or inserts text",
                    "record a deletion as kind `removal` with its reason, or correct `reading`")
        if changed > OCR_MAX_CHANGED:
            return (f"an OCR fix changes at most {OCR_MAX_CHANGED} characters; this one changes {changed}",
                    "split it into separate corrections, or use the kind that describes the change")
    elif kind in ("removal", "page-number") and reading:
        return (f"kind `{kind}` removes text, but `reading` is not empty", "set `reading: \"\"`, or use another kind")
    elif kind == "punctuation":
        touched = [c for c in raw + reading if not _is_mark(c)]
        if touched:
            return (f"a punctuation correction may change only punctuation; it touches {''.join(touched[:6])!r}",
                    "use kind `ocr` for a misread character, or `removal` for deleted text")
    elif kind == "layout" and sorted("".join(raw.split())) != sorted("".join(reading.split())):
        return ("a layout correction may change only spacing, line breaks and the order of columns; "
                "it adds or drops characters", "use the kind that describes the change")
    if deleted and kind not in ("removal", "page-number", "layout", "move"):
        return ("this correction deletes text", "record a deletion as kind `removal` with its reason")
    return None
