"""Curated alignments: each provision linked to its counterparts across years and levels.

The data (annotations/alignments.yml) is reviewed by a person; this module validates it against
the documents so that a renumbered or missing item is caught, and reports what is left unaligned.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import yamlio
from .errors import EditionError, Problem
from .schema import validate

RELATIONS = ("unchanged", "reworded", "expanded", "narrowed", "merged", "split", "moved", "new", "dropped")


@dataclass
class Link:
    source: list[str]
    target: list[str]
    relation: str
    note: dict
    line: int | None = None


@dataclass
class Pair:
    id: str
    source: str
    target: str
    summary: dict
    links: list[Link] = field(default_factory=list)
    unlinked: list[dict] = field(default_factory=list)


def load(root: Path, edition) -> list[Pair]:
    display = "annotations/alignments.yml"
    data, lines = yamlio.load(root / "annotations" / "alignments.yml", display)
    validate(data, lines, "alignments.schema.json", display)
    pairs, problems = [], []
    for i, p in enumerate(data["pairs"]):
        pair = Pair(p["id"], p["from"], p["to"], {"en": p.get("summary_en", ""), "zh": p.get("summary_zh", "")},
                    unlinked=p.get("unlinked", []))
        docs = {}
        for side in ("from", "to"):
            d = edition.document(p[side])
            if d is None:
                problems.append(Problem(display, yamlio.line_of(lines, ["pairs", i, side]), f"pairs[{i}].{side}",
                                        f"no document {p[side]!r}", "use an id from sources/manifest.yml"))
            docs[side] = d
        for j, l in enumerate(p["links"]):
            line = yamlio.line_of(lines, ["pairs", i, "links", j])
            link = Link(l["from"], l["to"], l["relation"], {"en": l.get("note_en", ""), "zh": l.get("note_zh", "")}, line)
            if (l["relation"] == "new") != (not l["from"]) or (l["relation"] == "dropped") != (not l["to"]):
                problems.append(Problem(display, line, f"pairs[{i}].links[{j}].relation",
                                        "`new` links have an empty `from` and `dropped` links an empty `to`, and only they",
                                        "fix the relation or the lists"))
            for side, ids in (("from", l["from"]), ("to", l["to"])):
                d = docs[side]
                for uid in ids:
                    if d is not None and d.doc.unit(uid) is None:
                        problems.append(Problem(display, line, f"pairs[{i}].links[{j}].{side}",
                                                f"{p[side]} has no {uid}", "use an item or paragraph id of that document"))
            pair.links.append(link)
        pairs.append(pair)
    if problems:
        raise EditionError(problems)
    return pairs


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
