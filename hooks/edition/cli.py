"""Command line: `python -m edition generate | check | refresh-fingerprints | new-document | pdf`."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import check, edition, generate, render, scaffold
from .errors import EditionError
from .translation import write_fingerprints

ROOT = Path(__file__).resolve().parents[2]


def _pdf(ed, args) -> int:
    from . import pdf
    config = generate.mkdocs_config(args.root)
    start = time.perf_counter()
    try:
        built = pdf.build(args.root, ed, config.get("site_url") or render.Site.site_url, config.get("copyright") or "",
                          cache=args.cache, jobs=args.jobs)
    except pdf.PdfUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    made = [b for b in built if b.seconds]
    print(f"pdf: {len(built)} document(s), {len(made)} made in {time.perf_counter() - start:.1f} s"
          + (f" ({sum(b.seconds for b in made) / len(made):.1f} s of rendering per document)" if made else ""))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m edition", description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help="project root (default: this checkout)")
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate", help="write the generated pages into docs/edition/")
    g.add_argument("--out", type=Path, help="target folder (default: ROOT/docs/edition)")
    sub.add_parser("check", help="validate sources and annotations; report stale translations, "
                   "untagged items, unknown references and TODO placeholders (exit 1 on any error or warning)")
    n = sub.add_parser("new-document", help="add a raw source: copy it into sources/, write its record "
                       "sources/<id>.yml and scaffold annotations/<id>.yml")
    n.add_argument("source", type=Path, help="the raw text file (UTF-8)")
    n.add_argument("id", help="document id, e.g. 2026-national or 2025-hainan")
    n.add_argument("--kind", choices=scaffold.KINDS, help="default: guessed from the id")
    n.add_argument("--year", type=int, help="default: the id's first four digits")
    r = sub.add_parser("refresh-fingerprints",
                       help="record that translations were checked against the current Chinese text")
    r.add_argument("document", help="document id, or 'all'")
    r.add_argument("units", nargs="*", help="unit ids (default: every translated unit of the document)")
    pd = sub.add_parser("pdf", help="make the PDF of every document whose texts changed (cache: .cache/pdf/); "
                        "the site build links and publishes them")
    pd.add_argument("--cache", type=Path, help="cache folder (default: ROOT/.cache/pdf)")
    pd.add_argument("--jobs", type=int, help="worker processes (default: the CPU count)")
    pa = sub.add_parser("propose-alignment",
                        help="suggest counterparts between two documents by text similarity, for curation")
    pa.add_argument("source", help="document id the links start from (e.g. 2024-national)")
    pa.add_argument("target", help="document id the links go to (e.g. 2025-national)")
    pa.add_argument("--top", type=int, default=3, help="candidates per unit (default 3)")
    args = parser.parse_args(argv)
    if args.command == "check":
        findings = check.run(args.root)
        return check.report(findings, sys.stdout)
    if args.command == "new-document":
        return _new_document(args)
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
    elif args.command == "pdf":
        return _pdf(ed, args)
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


def _new_document(args) -> int:
    try:
        r = scaffold.new_document(args.root, args.source, args.id, args.kind, args.year)
    except (scaffold.ScaffoldError, EditionError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{r.doc_id}: {r.units} units found ({r.parts} parts, {r.items} items), layout `{r.layout}`")
    for f in r.files:
        print(f"  wrote {f}")
    if not r.nav:
        print(f"  add the document to `nav:` in mkdocs.yml by hand (edition/{r.doc_id}.md)")
    if r.units == 0:
        print(f"  the parser found no structure with layout `{r.layout}`:")
        for problem in r.problems:
            print(f"    {problem}")
        print(f"  set `reading.breaks_after` (and emendations for OCR errors) in annotations/{r.doc_id}.yml, "
              "then `make check`; the page then shows each unit with its id (item-1, part-1 …) to add under `units:`")
    print(f"next: fill in the TODO fields of sources/{r.doc_id}.yml, translate the units in "
          f"annotations/{r.doc_id}.yml, then `make check` and `make serve` (see CONTRIBUTING.md)")
    return 0


def propose_alignment(ed, source: str, target: str, top: int) -> int:
    """Print candidate links as YAML a curator can paste into annotations/pairs/<from>--<to>.yml and edit."""
    from .alignment import propose
    docs = [ed.document(source), ed.document(target)]
    if None in docs:
        print(f"error: unknown document {source if docs[0] is None else target!r}", file=sys.stderr)
        return 2

    def units(d):  # items; for a news report, its paragraphs that belong to the report
        return d.doc.items or [u for u in d.doc.units if u.id.startswith("para-") and not u.unrelated]

    print("# yaml-language-server: $schema=../schema/pair.schema.json")
    print(f"# candidates {source} -> {target} (bigram overlap against the shorter text; 1 = contained)")
    print("# review each one: choose the relation, merge or split links, write note_en and note_zh;")
    print(f"# save as annotations/pairs/{source}--{target}.yml")
    print(f"id: {source}--{target}\nfrom: {source}\nto: {target}\nsummary_en: TODO\nsummary_zh: TODO\nlinks:")
    for unit, candidates in propose(units(docs[0]), units(docs[1]), top):
        best = [t.id for t, _ in candidates[:1]]
        scores = ", ".join(f"{t.id} {score:.2f}" for t, score in candidates) or "no candidate: new/dropped?"
        print(f"  - from: [{unit.id}]\n    to: [{', '.join(best)}]\n    relation: TODO  # {scores}")
    return 0
