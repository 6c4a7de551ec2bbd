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
        changed = generate.write(ed, out)
        print(f"generated {out}: {len(changed)} file(s) changed")
    elif args.command == "check":
        total = sum(len(d.doc.units) for d in ed.documents)
        print(f"ok: {len(ed.documents)} documents, {total} units checked")
        return 1 if ed.warnings and "--strict" in (argv or sys.argv) else 0
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
