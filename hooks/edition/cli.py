"""Command line: `python -m edition generate | check | refresh-fingerprints`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import edition, generate
from .errors import EditionError
from .translation import write_fingerprints

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m edition", description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help="project root (default: this checkout)")
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate", help="write the generated pages into docs/edition/")
    g.add_argument("--out", type=Path, help="target folder (default: ROOT/docs/edition)")
    sub.add_parser("check", help="validate sources and annotations; report stale translations")
    r = sub.add_parser("refresh-fingerprints",
                       help="record that translations were checked against the current Chinese text")
    r.add_argument("document", help="document id, or 'all'")
    r.add_argument("units", nargs="*", help="unit ids (default: every translated unit of the document)")
    pa = sub.add_parser("propose-alignment",
                        help="suggest counterparts between two documents by text similarity, for curation")
    pa.add_argument("source", help="document id the links start from (e.g. 2024-national)")
    pa.add_argument("target", help="document id the links go to (e.g. 2025-national)")
    pa.add_argument("--top", type=int, default=3, help="candidates per unit (default 3)")
    args = parser.parse_args(argv)
    try:
        ed = edition.load(args.root)
    except EditionError as exc:
        print("error: the edition has problems; nothing was built.", file=sys.stderr)
        for p in exc.problems:
            print(f"  {p}", file=sys.stderr)
        return 1
    for w in ed.warnings:
        print(f"warning: {w}", file=sys.stderr)
    if args.command == "generate":
        out = args.out or args.root / "docs" / "edition"
        changed = generate.write(ed, out, generate.site_from_mkdocs_yml(args.root))
        print(f"generated {out}: {len(changed)} file(s) changed")
    elif args.command == "check":
        total = sum(len(d.doc.units) for d in ed.documents)
        print(f"ok: {len(ed.documents)} documents, {total} units checked")
        return 1 if ed.warnings and "--strict" in (argv or sys.argv) else 0
    elif args.command == "propose-alignment":
        return propose_alignment(ed, args.source, args.target, args.top)
    elif args.command == "refresh-fingerprints":
        docs = ed.documents if args.document == "all" else [ed.document(args.document)]
        if docs == [None]:
            print(f"error: no document {args.document!r}", file=sys.stderr)
            return 2
        for d in docs:
            ids = args.units or list(d.translations)
            unknown = [u for u in ids if d.doc.unit(u) is None or u not in d.translations]
            if unknown:
                print(f"error: {d.id}: no translated unit(s) {', '.join(unknown)}", file=sys.stderr)
                return 2
            n = write_fingerprints(d.annotation.path, {u: d.doc.unit(u).fingerprint for u in ids})
            print(f"{d.id}: {n} fingerprint(s) written")
    return 0


def propose_alignment(ed, source: str, target: str, top: int) -> int:
    """Print candidate links as YAML a curator can paste into annotations/alignments.yml and edit."""
    from .alignment import propose
    docs = [ed.document(source), ed.document(target)]
    if None in docs:
        print(f"error: unknown document {source if docs[0] is None else target!r}", file=sys.stderr)
        return 2

    def units(d):  # items; for a news report, its paragraphs that belong to the report
        return d.doc.items or [u for u in d.doc.units if u.id.startswith("para-") and not u.unrelated]

    print(f"# candidates {source} -> {target} (bigram overlap against the shorter text; 1 = contained)")
    print("# review each one: choose the relation, merge or split links, write note_en and note_zh")
    for unit, candidates in propose(units(docs[0]), units(docs[1]), top):
        best = [t.id for t, _ in candidates[:1]]
        scores = ", ".join(f"{t.id} {score:.2f}" for t, score in candidates) or "no candidate: new/dropped?"
        print(f"      - from: [{unit.id}]\n        to: [{', '.join(best)}]\n        relation: TODO  # {scores}")
    return 0
