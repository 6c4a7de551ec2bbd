"""What changed between aligned documents: redlines, item histories and per-year change lists.

Works on the curated alignments (alignment.py) and the parsed documents; rendering lives in
render_compare.py and the templates. Nothing here is entered by hand: the redline is computed
from the reading texts, so it always shows the texts as they are now.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import diff_match_patch
import fast_diff_match_patch

from .alignment import Link, Pair

EQUAL, INSERT, DELETE = "equal", "insert", "delete"
_OPS = {0: EQUAL, 1: INSERT, -1: DELETE}
# A redline is shown only where one provision faces one provision: for merges and splits a
# character diff against the concatenation would be mostly noise.
REDLINE_RELATIONS = ("unchanged", "reworded", "expanded", "narrowed", "moved")


@dataclass(frozen=True)
class Segment:
    op: str  # equal | insert | delete
    text: str


def redline(old: str, new: str) -> list[Segment]:
    """Character-level diff of two Chinese texts, cleaned up so that it reads as edits to phrases
    (diff-match-patch's semantic cleanup) rather than as scattered shared characters."""
    return list(_redline(old, new))


_CLAUSE_END = re.compile(r"(?<=[，。；：、！？])")
_NEWLINE = "\ue000"  # stands for a real line break while "\n" marks clause ends
REFINE_LIMIT = 400  # characters of a replaced run (both sides) still diffed character by character


_FAST_OPS = {"=": 0, "+": 1, "-": -1}


def _diff(a: str, b: str) -> list[tuple[int, str]]:
    """diff-match-patch's diff_main (no time limit, no line mode, no cleanup), computed by its C++
    port: the pure-Python one takes milliseconds per provision pair, minutes for thousands of pairs.
    Same algorithm, same result, in diff_match_patch's (op, text) form."""
    return [(_FAST_OPS[op], text) for op, text in
            fast_diff_match_patch.diff(a, b, timelimit=0, checklines=False, cleanup="No", counts_only=False)]


@lru_cache(maxsize=1024)  # the same pair is diffed for both languages of a comparison page
def _redline(old: str, new: str) -> tuple[Segment, ...]:
    # Clauses are aligned first (a line break after each clause, diffed as lines), and only a
    # replaced run of clauses short enough to be a rewording is refined character by character; a
    # longer one is a rewrite and is shown as deleted and inserted whole. The breaks are ours and
    # are taken out again, so the segments still rebuild both texts exactly (see `sides`).
    dmp = diff_match_patch.diff_match_patch()
    dmp.Diff_Timeout = 0  # deterministic: never cut the diff short on a slow machine
    a, b = (_CLAUSE_END.sub("\n", t.replace("\n", _NEWLINE)) for t in (old, new))
    chars_a, chars_b, clauses = dmp.diff_linesToChars(a, b)
    coarse = _diff(chars_a, chars_b)
    dmp.diff_charsToLines(coarse, clauses)
    diffs: list = []
    deleted = inserted = ""
    for op, text in coarse + [(0, "")]:
        if op == -1:
            deleted += text
        elif op == 1:
            inserted += text
        else:
            if deleted and inserted and len(deleted) + len(inserted) <= REFINE_LIMIT:
                diffs += _diff(deleted, inserted)
            else:
                diffs += [(-1, deleted)] * bool(deleted) + [(1, inserted)] * bool(inserted)
            deleted = inserted = ""
            if text:
                diffs.append((0, text))
    dmp.diff_cleanupSemantic(diffs)
    out: list[Segment] = []
    for op, text in diffs:
        text = text.replace("\n", "").replace(_NEWLINE, "\n")
        if not text:
            continue
        if out and out[-1].op == _OPS[op]:
            out[-1] = Segment(_OPS[op], out[-1].text + text)
        else:
            out.append(Segment(_OPS[op], text))
    return tuple(out)


def sides(segments: list[Segment]) -> tuple[str, str]:
    """The two texts a redline was made from: old = equal + deleted, new = equal + inserted."""
    old = "".join(s.text for s in segments if s.op != INSERT)
    new = "".join(s.text for s in segments if s.op != DELETE)
    return old, new


def similarity(segments: list[Segment]) -> float:
    """Share of characters the two texts have in common (0–1), as the redline counts them."""
    same = sum(len(s.text) for s in segments if s.op == EQUAL)
    old, new = sides(segments)
    total = len(old) + len(new)
    return 2 * same / total if total else 1.0


def provision_text(unit) -> str:
    """An item's text without its numeral (renumbering is not a change of wording)."""
    return unit.text[len(unit.marker):]


def link_redline(pair: Pair, link: Link, edition) -> list[Segment] | None:
    if link.relation not in REDLINE_RELATIONS or len(link.source) != 1 or len(link.target) != 1:
        return None
    old = edition.document(pair.source).doc.unit(link.source[0])
    new = edition.document(pair.target).doc.unit(link.target[0])
    return redline(provision_text(old), provision_text(new))


@dataclass(frozen=True)
class HistoryEntry:
    """One counterpart of a unit in another document, seen from that unit."""

    pair: str  # pair id, e.g. 2024-national--2025-national
    link: int  # 1-based position of the link in the pair: anchor link-N on the comparison page
    direction: str  # "earlier": the other document is the pair's source; "later": its target
    other_doc: str
    other_units: tuple[str, ...]
    relation: str


def histories(pairs: list[Pair]) -> dict[tuple[str, str], list[HistoryEntry]]:
    """(document id, unit id) -> its counterparts in every pair it takes part in.

    A unit with no counterpart on the other side (new or dropped) gets an entry with no other
    units, so the page can say so.
    """
    out: dict[tuple[str, str], list[HistoryEntry]] = {}
    for pair in pairs:
        for n, link in enumerate(pair.links, 1):
            for uid in link.source:
                out.setdefault((pair.source, uid), []).append(
                    HistoryEntry(pair.id, n, "later", pair.target, tuple(link.target), link.relation))
            for uid in link.target:
                out.setdefault((pair.target, uid), []).append(
                    HistoryEntry(pair.id, n, "earlier", pair.source, tuple(link.source), link.relation))
    return out


def relation_counts(pair: Pair) -> dict[str, int]:
    counts: dict[str, int] = {}
    for link in pair.links:
        counts[link.relation] = counts.get(link.relation, 0) + 1
    return counts
