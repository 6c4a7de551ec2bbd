"""Consistent renderings: the same Chinese is translated the same way, or a note says why not.

Two checks, run by `make check` (check.py), each returning `Problem`s:

- `renderings`: every glossary term and every phrase of the phrasebook (annotations/consistency.yml,
  `phrases`: repeated Chinese phrases that are not glossary terms) that occurs in a unit's Chinese
  must appear in the unit's English as the glossary/phrasebook renders it or as one of its listed
  alternatives. A unit may depart when a note of the unit quotes the term (`about`) or a
  `departures` entry of annotations/consistency.yml gives the reason.
- `drift`: the same Chinese sentence translated in two units (a news report quoting the national
  text, a provincial text repeating national items) must have the same English. A difference is
  reported unless `accepted_drift` in annotations/consistency.yml records why.

Matching is on words, ignoring case, quotation marks, brackets and hyphens, with a crude stemmer
so that inflection (plural, tense, -ing) does not count as a different rendering; `…` in a
rendering stands for up to four words ("deal with … seriously").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlio
from .errors import EditionError, Problem
from .schema import validate

FILE = "annotations/consistency.yml"
GAP = 4  # words a `…` in a rendering may stand for
MIN_SENTENCE = 10  # Chinese characters (punctuation excluded) for a sentence to count as repeated
_WORD = re.compile(r"[a-z0-9]+|…|\.\.\.")
_ZH_SENTENCE = re.compile(r"(?<=[。；！？])")
_ZH_PUNCT = re.compile(r"[\s。；！？，、：“”‘’（）《》〔〕\"'()]")
_RENDERING_NOTE = re.compile(r"\b(render|rendering|rendered|translat\w*|glossary)\b", re.I)
_EN_SENTENCE = re.compile(r"(?<=[.;?!])[”’\"')]*\s+")


@dataclass
class Rules:
    """annotations/consistency.yml: phrases, recorded departures and accepted drift."""

    phrases: list[dict] = field(default_factory=list)  # {zh, en: [...], line}
    departures: dict[tuple[str, str, str], dict] = field(default_factory=dict)  # (zh, doc, unit) -> why
    accepted: dict[frozenset, dict] = field(default_factory=dict)  # {"doc#unit", "doc#unit"} -> why


def load(root: Path) -> Rules:
    """Read annotations/consistency.yml (absent: no phrases, departures or accepted drift).
    Raises EditionError (file, line, field, fix) on a file that breaks its schema."""
    path = Path(root) / FILE
    if not path.exists():
        return Rules()
    data, lines = yamlio.load(path, FILE)
    validate(data, lines, "consistency.schema.json", FILE)
    rules = Rules()
    for i, p in enumerate(data.get("phrases") or []):
        rules.phrases.append({"zh": p["zh"], "en": list(p["en"]), "line": yamlio.line_of(lines, ["phrases", i])})
    for d in data.get("departures") or []:
        doc, unit = d["unit"].split("#", 1)
        rules.departures[(d["zh"], doc, unit)] = d["why"]
    for a in data.get("accepted_drift") or []:
        rules.accepted[frozenset(a["units"])] = a["why"]
    return rules


# --------------------------------------------------------------------------- words

_STOP = {"the", "a", "an", "of", "to"}
_SUFFIXES = (("ies", "y"), ("ing", ""), ("ion", ""), ("ure", ""), ("ed", ""), ("es", ""), ("ly", ""), ("s", ""))


def _stem(word: str) -> str:
    """Crude English stem, enough to treat inflected and nominalised forms of one rendering alike
    ('prescription(s)', 'deal'/'dealt'/'dealing', 'correcting'/'correction', 'disclosed'/'disclosure').
    A final e is dropped after the suffix, so 'use' and 'using' meet."""
    word = {"dealt": "deal", "taken": "take", "took": "take"}.get(word, word)
    for _ in range(2):  # 'institutions' -> 'institution' -> 'institut'
        for suffix, repl in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 2:
                word = word[: -len(suffix)] + repl
                break
    return word[:-1] if word.endswith("e") and len(word) >= 3 else word


def words(text: str) -> list[str]:
    """Stemmed, lower-cased words of English text without articles, 'of' and 'to' (quotes,
    brackets, hyphens and case ignored): 'the building of clean government' -> build clean govern."""
    found = _WORD.findall(text.lower().replace("’", "'").replace("'s", ""))
    return [w if w in ("…", "...") else _stem(w) for w in found if w not in _STOP]


def forms(rendering: str) -> list[list[str]]:
    """The word sequences a rendering stands for: each " / " alternative, with any parenthesised
    part both left out and kept ('unannounced ("flying") inspections' -> both readings)."""
    out = []
    for alt in rendering.split(" / "):
        for variant in (re.sub(r"\([^)]*\)", " ", alt), alt):
            w = words(variant)
            if w and w not in out:
                out.append(w)
    return out


def _contains(text: list[str], form: list[str]) -> bool:
    """Does the word list contain the form (… = up to GAP words)?"""
    chunks = [c.strip() for c in " ".join(form).replace("...", "…").split("…") if c.strip()]
    regex = (r"\s(?:\S+\s){0,%d}?" % GAP).join(re.escape(c) for c in chunks)
    return bool(chunks) and re.search(r"(?:^|\s)" + regex + r"(?:\s|$)", " ".join(text)) is not None


def renders(english: str, renderings: list[str]) -> bool:
    """True if `english` uses one of `renderings` (see `forms`)."""
    text = words(english)
    return any(_contains(text, f) for r in renderings for f in forms(r))


def _noted(t, zh: str) -> bool:
    """A note of the unit that quotes the term and speaks about its rendering (a note that only
    explains the term does not say why the English departs from the glossary)."""
    return any(n.about and zh in n.about and _RENDERING_NOTE.search(n.text) for n in t.notes)


def _english(t) -> str:
    parts = [t.heading or ""] + (t.en if isinstance(t.en, list) else [t.en or ""])
    return " ".join(parts)


# --------------------------------------------------------------------------- the checks

def renderings(ed, rules: Rules) -> list[Problem]:
    """Units whose English does not use the glossary's (or phrasebook's) rendering of a term or
    phrase in their Chinese, with no note quoting it and no recorded departure."""
    extra: dict[str, list[str]] = {}  # a phrase entry for a glossary term adds renderings in context
    for p in rules.phrases:
        extra.setdefault(p["zh"], []).extend(p["en"])
    terms = [(t.zh, [t.en, *extra.get(t.zh, [])], "annotations/glossary.yml", t.line)
             for t in (ed.glossary.terms if ed.glossary else [])]
    terms += [(p["zh"], p["en"], FILE, p["line"]) for p in rules.phrases]
    glossary_zh = {t.zh for t in (ed.glossary.terms if ed.glossary else [])}
    out = []
    for d in ed.documents:
        for u in d.doc.units:
            t = d.translation(u.id)
            if t is None or not _english(t).strip():
                continue
            found = {term.zh for _, _, term in ed.glossary.find(u.text)} if ed.glossary else set()
            english = _english(t)
            for zh, accepted, where, line in terms:
                if zh in glossary_zh and where == FILE:
                    continue  # a phrase that became a glossary term is checked once, as a term
                if (zh in found) if where != FILE else (zh in u.text):
                    if renders(english, accepted):
                        continue
                    if (zh, d.id, u.id) in rules.departures or _noted(t, zh):
                        continue
                    kind = "glossary term" if where != FILE else "phrase"
                    out.append(Problem(
                        d.annotation.display, t.line, f"units.{u.id}",
                        f"{kind} {zh} is not rendered as {where}:{line} has it ({' / '.join(repr(a) for a in accepted)})",
                        f"use that rendering, add the one used here to the {kind}'s alternatives if it is right in "
                        f"general, or record why this unit departs (a note with `about` quoting {zh}, or a "
                        f"`departures` entry in {FILE})"))
    return out


def _zh_sentences(u) -> list[str]:
    text = u.text[len(u.marker or ""):] if u.kind in ("item", "part") else u.text
    return [s for s in (x.strip() for x in _ZH_SENTENCE.split(text.replace("\n", ""))) if s]


def _en_sentences(t) -> list[str]:
    return [s for s in (x.strip() for x in _EN_SENTENCE.split(_english(t).strip())) if s]


def _same(a: str, b: str) -> bool:
    return words(a) == words(b)


def drift(ed, rules: Rules) -> list[Problem]:
    """The same Chinese sentence in two units whose English differs (and no `accepted_drift`).

    A unit's English sentence for a Chinese sentence is found by position when the unit has as
    many English sentences as Chinese ones; otherwise the other unit's English sentence must occur
    in it as a whole sentence, or the pair of English sentences that are most alike is compared.
    """
    import difflib

    index: dict[str, list[tuple]] = {}
    units = {}
    for d in ed.documents:
        for u in d.doc.units:
            t = d.translation(u.id)
            if t is None or not _english(t).strip():
                continue
            zs, es = _zh_sentences(u), _en_sentences(t)
            units[(d.id, u.id)] = (d, t, es, len(zs) == len(es))
            for i, s in enumerate(zs):
                core = _ZH_PUNCT.sub("", s)
                if len(core) >= MIN_SENTENCE:
                    index.setdefault(core, []).append((d.id, u.id, i))
    out, seen = [], set()
    for core, places in index.items():
        first = {}
        for doc, unit, i in places:
            first.setdefault((doc, unit), i)
        keys = list(first)
        for x in range(len(keys)):
            for y in range(x + 1, len(keys)):
                a, b = keys[x], keys[y]
                pair = frozenset({f"{a[0]}#{a[1]}", f"{b[0]}#{b[1]}"})
                if pair in rules.accepted or (pair, core) in seen:
                    continue
                (da, ta, ea, pa), (db, tb, eb, pb) = units[a], units[b]
                sa = ea[first[a]] if pa else None
                sb = eb[first[b]] if pb else None
                if sa and sb:
                    bad = None if _same(sa, sb) else (sa, sb)
                elif sa or sb:
                    mine, other = (sa, eb) if sa else (sb, ea)
                    bad = None if any(_same(mine, o) for o in other) else (
                        (mine, _closest(mine, other, difflib)) if sa else (_closest(mine, other, difflib), mine))
                else:
                    sa, sb = max(((p, q) for p in ea for q in eb),
                                 key=lambda pq: difflib.SequenceMatcher(None, pq[0], pq[1]).ratio())
                    bad = None if _same(sa, sb) else (sa, sb)
                if bad:
                    seen.add((pair, core))
                    out.append(Problem(
                        da.annotation.display, ta.line, f"units.{a[1]}",
                        f"the same Chinese sentence ({core[:24]}…) is also in {b[0]} {b[1]}, and its English has "
                        f"drifted apart: {a[0]}: “{bad[0]}” · {b[0]}: “{bad[1]}”",
                        f"make the two translations the same, or record why they differ in {FILE} "
                        f"(`accepted_drift`, units [{a[0]}#{a[1]}, {b[0]}#{b[1]}])"))
    return out


def _closest(sentence: str, candidates: list[str], difflib) -> str:
    return max(candidates, key=lambda c: difflib.SequenceMatcher(None, sentence, c).ratio()) if candidates else ""


def check(ed, root: Path) -> list[Problem]:
    """Both checks on a loaded edition; a broken annotations/consistency.yml is reported as such."""
    try:
        rules = load(root)
    except EditionError as exc:
        return exc.problems
    return renderings(ed, rules) + drift(ed, rules)
