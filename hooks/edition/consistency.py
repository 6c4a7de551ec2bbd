"""Consistent renderings: the same Chinese is translated the same way, or a note says why not.

Two checks, run by `make check` (check.py), each returning `Problem`s:

- `renderings`: every glossary term, and every phrase of the phrasebook (annotations/consistency.yml,
  `phrases`: repeated Chinese formulas that are not glossary terms), that occurs in a unit's Chinese
  must appear in the unit's English as the glossary (`en`) or the phrasebook renders it; a phrasebook
  entry for a glossary term adds the forms the term takes in context. `alt` renderings of the
  glossary are what readers search for, not the edition's renderings, so they do not count. A unit
  may depart when a `departures` entry of annotations/consistency.yml, or a note of the unit that
  quotes the term (`about`) and speaks of its rendering, gives the reason.
- `drift`: units sharing Chinese sentences (a news report quoting the national text, a provincial
  text repeating national items) whose English for them has drifted apart (see `drift`), unless
  `accepted_drift` in annotations/consistency.yml records why.

Matching is on words, ignoring case, articles, quotation marks, brackets and hyphens, with a crude
stemmer so that inflection and nominalisation ('using cases' / 'the use of cases') do not count as
a different rendering; `…` in a rendering stands for up to four words ("deal with … seriously").
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
NEAR = 0.75  # two differing English sentences this alike (difflib ratio) are one sentence drifted apart
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


def _near_pairs(xs: list[str], ys: list[str], near: float | None = None) -> list[tuple[str, str]]:
    """Greedy one-to-one pairs of differing sentences at least `near` alike (difflib ratio)."""
    import difflib
    near = NEAR if near is None else near
    scored = sorted(((difflib.SequenceMatcher(None, x, y).ratio(), i, j) for i, x in enumerate(xs)
                     for j, y in enumerate(ys)), reverse=True)
    used_x, used_y, out = set(), set(), []
    for r, i, j in scored:
        if r < near:
            break
        if i not in used_x and j not in used_y:
            used_x.add(i), used_y.add(j), out.append((xs[i], ys[j]))
    return out


def _zh_core(u) -> str:
    """A unit's Chinese without its item marker and punctuation."""
    return _ZH_PUNCT.sub("", u.text[len(u.marker or ""):] if u.kind in ("item", "part") else u.text)


def drift(ed, rules: Rules) -> list[Problem]:
    """Pairs of units that share Chinese sentences but fewer English ones (and no `accepted_drift`).

    Two units with k identical Chinese sentences (of at least MIN_SENTENCE characters) should have at
    least k identical English sentences (compared as `words`). When they have fewer, the English
    of a shared sentence has drifted; the finding quotes the most alike pair of differing English
    sentences so the translator sees what changed.
    """
    import difflib
    from collections import Counter

    index: dict[str, set] = {}
    units, units_of = {}, {}
    for d in ed.documents:
        for u in d.doc.units:
            t = d.translation(u.id)
            if t is None or not _english(t).strip():
                continue
            cores = [c for c in (_ZH_PUNCT.sub("", s) for s in _zh_sentences(u)) if len(c) >= MIN_SENTENCE]
            units[(d.id, u.id)] = (d, t, Counter(cores), _en_sentences(t))
            units_of[(d.id, u.id)] = u
            for c in cores:
                index.setdefault(c, set()).add((d.id, u.id))
    pairs = sorted({tuple(sorted((a, b))) for places in index.values() for a in places for b in places if a != b})
    out = []
    for a, b in pairs:
        if frozenset({f"{a[0]}#{a[1]}", f"{b[0]}#{b[1]}"}) in rules.accepted:
            continue
        (da, ta, za, ea), (db, tb, zb, eb) = units[a], units[b]
        shared = sum((za & zb).values())
        wa, wb = Counter(tuple(words(x)) for x in ea), Counter(tuple(words(x)) for x in eb)
        only_a = [x for x in ea if wb[tuple(words(x))] == 0]
        only_b = [x for x in eb if wa[tuple(words(x))] == 0]
        near_en = _near_pairs(only_a, only_b)
        same_chinese = _zh_core(units_of[a]) == _zh_core(units_of[b])
        if same_chinese:
            drifted = bool(only_a or only_b)  # the whole unit is the same Chinese: all its English must be
        else:
            # Partly the same. Drifted: fewer identical English sentences than identical Chinese ones,
            # or more near-identical English pairs than near-identical (edited) Chinese sentences
            # could account for: a near pair is a shared sentence whose English changed on one side.
            za_only = [x for x in _zh_sentences(units_of[a]) if zb[_ZH_PUNCT.sub("", x)] == 0]
            zb_only = [x for x in _zh_sentences(units_of[b]) if za[_ZH_PUNCT.sub("", x)] == 0]
            drifted = sum((wa & wb).values()) < shared or len(near_en) > len(_near_pairs(za_only, zb_only, 0.5))
        if not drifted:
            continue
        ratio, sa, sb = max(((difflib.SequenceMatcher(None, p, q).ratio(), p, q) for p in only_a for q in only_b),
                            default=(0.0, " ".join(only_a), " ".join(only_b)))
        if not drifted:
            continue
        out.append(Problem(
            da.annotation.display, ta.line, f"units.{a[1]}",
            f"{shared} Chinese sentence(s) are the same in {a[0]} {a[1]} and {b[0]} {b[1]}, but fewer of their "
            f"English sentences are: the English has drifted apart — {a[0]}: “{sa}” · {b[0]}: “{sb}”",
            f"make the two translations of the same Chinese the same, or record why they differ in {FILE} "
            f"(`accepted_drift`, units [{a[0]}#{a[1]}, {b[0]}#{b[1]}])"))
    return out


def check(ed, root: Path) -> list[Problem]:
    """Both checks on a loaded edition; a broken annotations/consistency.yml is reported as such."""
    try:
        rules = load(root)
    except EditionError as exc:
        return exc.problems
    return renderings(ed, rules) + drift(ed, rules)
