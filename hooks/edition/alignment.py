"""Curated alignments: each provision linked to its counterparts across years and levels.

The data (annotations/pairs/<from>--<to>.yml, one file per pair) is reviewed by a person; this module validates it against
the documents so that a renumbered or missing item is caught, and reports what is left unaligned.
"""
from __future__ import annotations

import difflib

from dataclasses import dataclass, field
from pathlib import Path

from . import yamlio
from .errors import EditionError, Problem
from .schema import enum, validate

RELATIONS = tuple(enum("pair.schema.json", "links", "[]", "relation"))  # defined once, in the schema


@dataclass
class Link:
    source: list[str]
    target: list[str]
    relation: str
    note: dict
    line: int | None = None
    review: dict | None = None  # {verdict: [...], reason_en, reason_zh}: what the pair's review did to the link


@dataclass
class Pair:
    id: str
    source: str
    target: str
    summary: dict
    links: list[Link] = field(default_factory=list)
    unlinked: list[dict] = field(default_factory=list)
    file: str = ""  # the pair's file, relative to the project (annotations/pairs/<id>.yml)
    lines: dict = field(default_factory=dict, repr=False)  # line of each value in that file
    review: dict | None = None  # {date, method_en, method_zh}: the last review of every link against both texts


PAIRS = Path("annotations") / "pairs"


def pair_files(root: Path) -> list[Path]:
    """The alignment files, annotations/pairs/<from>--<to>.yml, in name order."""
    return sorted((Path(root) / PAIRS).glob("*.yml"))


def order_key(pair: Pair, edition) -> tuple:
    """Pairs are listed by their subject, the document a reader compares with its baseline (the
    later national text, the provincial text, the news report: of the two, the one of the later
    kind in the schema's order, else the target), in the documents' order."""
    from .manifest import order_key as doc_key
    source, target = edition.document(pair.source).meta, edition.document(pair.target).meta
    subject = source if doc_key(source)[1] > doc_key(target)[1] else target
    key = doc_key(subject)
    return key[1], key[0], key[2:], pair.id


def load(root: Path, edition) -> list[Pair]:
    """Every pair of annotations/pairs/*.yml, checked against the documents of `edition`, in
    `order_key` order. Raises EditionError listing every problem (file, line, field, fix)."""
    pairs, problems = [], []
    for path in pair_files(root):
        display = (PAIRS / path.name).as_posix()
        try:
            p, lines = yamlio.load(path, display)
            validate(p, lines, "pair.schema.json", display)
        except EditionError as exc:
            problems += exc.problems
            continue
        expected_id = f"{p['from']}--{p['to']}"
        if p["id"] != expected_id or path.stem != expected_id:
            problems.append(Problem(display, yamlio.line_of(lines, ["id"]), "id",
                                    f"the file name, `id` and `from`--`to` differ ({path.stem}, {p['id']}, {expected_id})",
                                    f"name the file {expected_id}.yml and set `id: {expected_id}`"))
        pair = Pair(p["id"], p["from"], p["to"], {"en": p.get("summary_en", ""), "zh": p.get("summary_zh", "")},
                    unlinked=p.get("unlinked", []), file=display, review=p.get("review"))
        docs = {}
        for side in ("from", "to"):
            d = edition.document(p[side])
            if d is None:
                problems.append(Problem(display, yamlio.line_of(lines, [side]), side,
                                        f"no document {p[side]!r}", "use the id of a document in sources/ (sources/<id>.yml)"))
            docs[side] = d
        for j, l in enumerate(p["links"]):
            line = yamlio.line_of(lines, ["links", j])
            link = Link(l["from"], l["to"], l["relation"], {"en": l.get("note_en", ""), "zh": l.get("note_zh", "")}, line,
                        review=l.get("review"))
            if (l["relation"] == "new") != (not l["from"]) or (l["relation"] == "dropped") != (not l["to"]):
                problems.append(Problem(display, line, f"links[{j}].relation",
                                        "`new` links have an empty `from` and `dropped` links an empty `to`, and only they",
                                        "fix the relation or the lists"))
            for side, ids in (("from", l["from"]), ("to", l["to"])):
                d = docs[side]
                for uid in ids:
                    if d is not None and d.doc.unit(uid) is None:
                        problems.append(Problem(display, line, f"links[{j}].{side}",
                                                f"{p[side]} has no {uid}", "use an item or paragraph id of that document"))
            pair.links.append(link)
        for j, u in enumerate(pair.unlinked):
            d = docs["from"]
            if d is not None and d.doc.unit(u["para"]) is None:
                known = [x.id for x in d.doc.units]
                near = difflib.get_close_matches(u["para"], known, n=1)
                problems.append(Problem(display, yamlio.line_of(lines, ["unlinked", j, "para"]), f"unlinked[{j}].para",
                                        f"{p['from']} has no {u['para']}",
                                        (f"did you mean `{near[0]}`? " if near else "")
                                        + f"use an item or paragraph id of {p['from']}"))
        pair.lines = lines
        pairs.append(pair)
    if problems:
        raise EditionError(problems)
    return sorted(pairs, key=lambda pair: order_key(pair, edition))


def unaligned(pair: Pair, edition) -> dict[str, list[str]]:
    """Items (news: report paragraphs) of each side that no link or `unlinked` entry accounts for."""
    out = {}
    for side, doc_id, attr in (("from", pair.source, "source"), ("to", pair.target, "target")):
        d = edition.document(doc_id)
        units = d.doc.items if d.doc.items else [u for u in d.doc.units if not u.unrelated]
        covered = {uid for link in pair.links for uid in getattr(link, attr)}
        covered |= {u["para"] for u in pair.unlinked} if side == "from" else set()
        out[side] = [u.id for u in units if u.id not in covered]
    return out


# --------------------------------------------------------------------------- proposing candidates

def _bigrams(text: str) -> dict[str, int]:
    """Character bigrams of the Chinese text, punctuation and whitespace left out."""
    chars = [c for c in text if c.isalnum()]
    grams: dict[str, int] = {}
    for a, b in zip(chars, chars[1:]):
        grams[a + b] = grams.get(a + b, 0) + 1
    return grams


def similarity(a: str, b: str) -> float:
    """Share of character bigrams two provisions have in common, against the shorter of the two.

    Against the shorter text, not both: a provision split in two still scores high against each
    half, which is what a curator looking for counterparts wants to see.
    """
    ga, gb = _bigrams(a), _bigrams(b)
    if not ga or not gb:
        return 0.0
    common = sum(min(n, gb.get(g, 0)) for g, n in ga.items())
    return common / min(sum(ga.values()), sum(gb.values()))


def propose(source_units, target_units, top: int = 3, floor: float = 0.15) -> list[tuple[object, list[tuple[object, float]]]]:
    """For each source unit, the `top` target units most alike it (score >= floor), best first.

    Candidates only: a person decides the relation and writes the note in the pair's file.
    """
    def text(u):
        return u.text[len(u.marker):]

    out = []
    for s in source_units:
        scored = sorted(((t, similarity(text(s), text(t))) for t in target_units), key=lambda x: -x[1])
        out.append((s, [(t, round(score, 3)) for t, score in scored[:top] if score >= floor]))
    return out
