"""Generic reading rules: line joining, spacing, full-width digits, punctuation mapping.

These are code because they apply everywhere alike; which rules apply to a document, where its
paragraphs break and which punctuation maps to which, is data in the document's annotation file
(`reading:`). Every change they make becomes an `Edit`, so it is shown in the apparatus (as a
counted normalisation) and undone by `emendation.reconstruct`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .emendation import Edit, Emendation, line_starts, locate
from .errors import EditionError, Problem

MARKER = re.compile(r"^(?:[（(〈]\s*[一二三四五六七八九十]+\s*[）)〉]|[一二三四五六七八九十]+、)")
FULLWIDTH_DIGITS = {chr(0xFF10 + i): str(i) for i in range(10)}
RULES = ("cjk-spacing", "fullwidth-digits", "punctuation")


@dataclass
class ReadingConfig:
    layout: str  # "wrapped": lines broken mid-sentence; "lines": one paragraph a line
    rules: tuple[str, ...] = ()
    breaks_after: frozenset[int] = frozenset()  # wrapped: a paragraph ends after these lines
    joins_after: frozenset[int] = frozenset()  # lines: the paragraph goes on after these lines
    punctuation: dict | None = None


@dataclass
class _Piece:
    first: int  # first raw line (1-based)
    last: int
    start: int  # raw offset of its first non-space character
    end: int  # raw offset after its last non-space character
    head: str  # its text, for marker detection
    removed: bool = False


def _is_wide(ch: str) -> bool:
    return ord(ch) > 0x2E7F  # CJK, full-width forms and CJK punctuation


def _spacing_edits(raw: str, start: int, end: int, claimed, wide: set[str]) -> list[Edit]:
    edits = []
    for m in re.finditer(r"[ \t\u2002\u3000]+", raw[start:end]):
        a, b = start + m.start(), start + m.end()
        if claimed(a, b) or a == start or b == end:
            continue
        left, right = raw[a - 1], raw[b]
        numeric = left in "0123456789-–—" and right in "0123456789-–—"
        if _is_wide(left) or _is_wide(right) or left in wide or right in wide or numeric:
            edits.append(Edit(a, b, "", "whitespace", "cjk-spacing"))
    return edits


def build_edits(raw: str, config: ReadingConfig, emendations: list[Emendation], file: str) -> list[Edit]:
    starts = line_starts(raw)
    line_end = [(starts[i + 1] - 1 if i + 1 < len(starts) else len(raw)) for i in range(len(starts))]
    edits: list[Edit] = []
    spans: list[tuple[int, int]] = []
    block_lines: dict[int, tuple[Emendation, int, int]] = {}  # first line -> multi-line block
    covered_lines: set[int] = set()
    emptied: list[tuple[int, int]] = []  # spans whose reading is empty (removals)

    for em in emendations:
        a, b = locate(raw, em, file)
        multi = "\n" in em.raw
        if multi:
            last = em.line + em.raw.count("\n")
            if a != starts[em.line - 1] or b != line_end[last - 1]:
                raise EditionError(Problem(
                    file, em.yaml_line, f"emendations[{em.id}].raw",
                    "a correction spanning several lines must cover them whole",
                    "copy the lines completely, from the first character of the first to the last of the last"))
            block_lines[em.line] = (em, a, b)
            covered_lines.update(range(em.line, last + 1))
        spans.append((a, b))
        if em.kind == "move":
            if em.to_line is None:
                raise EditionError(Problem(file, em.yaml_line, f"emendations[{em.id}].to_line",
                                           "a move needs `to_line`", "name the line the block follows"))
            edits.append(Edit(a, b, "", "emendation", em.id))
            target = line_end[em.to_line - 1]
            while target > 0 and raw[target - 1] in " \t\u3000":
                target -= 1
            edits.append(Edit(target, target, "\n\n" + em.reading, "emendation", em.id, order=-1))
        else:
            edits.append(Edit(a, b, em.reading, "emendation", em.id))
        if em.kind == "move" or em.reading == "":
            emptied.append((a, b))

    def claimed(a: int, b: int) -> bool:
        return any(a < y and x < b for x, y in spans)

    # Pieces: non-blank lines, and multi-line corrected blocks taken whole.
    pieces: list[_Piece] = []
    n = 1
    while n <= len(starts):
        if n in block_lines:
            em, a, b = block_lines[n]
            last = em.line + em.raw.count("\n")
            pieces.append(_Piece(n, last, a, b, em.reading, removed=(em.kind == "move" or em.reading == "")))
            n = last + 1
            continue
        text = raw[starts[n - 1]:line_end[n - 1]]
        stripped = text.strip(" \t\u2002\u3000")
        if stripped and n not in covered_lines:
            a = starts[n - 1] + (len(text) - len(text.lstrip(" \t\u2002\u3000")))
            b = a + len(stripped)
            removed = any(x <= a and b <= y for x, y in emptied)
            pieces.append(_Piece(n, n, a, b, stripped, removed))
        n += 1

    # Gaps between pieces: a paragraph break, a join, or nothing around removed pieces.
    kept = [p for p in pieces if not p.removed]
    if not kept:
        raise EditionError(Problem(file, None, "source", "the source has no text", "check the file"))
    prev_end = 0
    last_kept: _Piece | None = None
    for p in pieces:
        gap = raw[prev_end:p.start]
        if p.removed or last_kept is None:
            reading = ""
        else:
            reading = "\n\n" if _breaks(last_kept, p, config) else ""
        if gap != reading:
            edits.append(Edit(prev_end, p.start, reading, "whitespace", "line-joining"))
        prev_end = p.end
        if not p.removed:
            last_kept = p
    if raw[prev_end:]:
        edits.append(Edit(prev_end, len(raw), "", "whitespace", "line-joining"))

    # Rules inside each kept line. Characters the punctuation rule maps to Chinese punctuation
    # count as wide for spacing.
    wide = set(config.punctuation or {}) if "punctuation" in config.rules else set()
    mapped: dict[str, tuple[str, str]] = {}  # raw character -> (reading, rule); digits take precedence
    if "punctuation" in config.rules and config.punctuation:
        mapped.update({ch: (to, "punctuation") for ch, to in config.punctuation.items()})
    if "fullwidth-digits" in config.rules:
        mapped.update({ch: (to, "fullwidth-digits") for ch, to in FULLWIDTH_DIGITS.items()})
    for p in kept:
        if p.first != p.last or p.first in block_lines:
            continue
        if "cjk-spacing" in config.rules:
            edits += _spacing_edits(raw, p.start, p.end, claimed, wide)
        if not mapped:
            continue
        for i in range(p.start, p.end):
            ch = raw[i]
            # Only a character a rule maps is checked against the emendations (a scan of them all).
            if ch in mapped and not claimed(i, i + 1):
                edits.append(Edit(i, i + 1, mapped[ch][0], "normalisation", mapped[ch][1]))
    return edits


def _breaks(a: _Piece, b: _Piece, config: ReadingConfig) -> bool:
    if config.layout == "lines":
        return a.last not in config.joins_after
    return a.last in config.breaks_after or bool(MARKER.match(b.head))
