"""`make check`: everything the build validates, plus what a reviewer would otherwise have to spot.

Errors stop the build (schema, YAML syntax, duplicate keys, unknown units, themes and terms …).
Warnings are what `mkdocs build --strict` also fails on (stale or unchecked translations, items
without a theme, unaligned provisions), given here one per unit with its line. Check-only findings:
TODO placeholders left by `make new-document`, references to unknown documents or units that the
loader does not follow, alignment links whose relation, named items, quotations or terms depart
from the texts they link (warnings, see alignment_review), annotation files of documents without a
record in sources/, placeholder units with themes or notes that cannot show, translator's notes
without a kind, a Chinese version (context notes) or a source or stated inference for their claims,
and inconsistent renderings (consistency.py: a glossary term or listed phrase rendered otherwise
without a recorded reason; the same Chinese sentence with English that has drifted apart).
`make check` fails on any error or warning; notes
(untranslated units) are information only.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from . import alignment, alignment_review, consistency, edition, emendation, manifest, note, yamlio
from .annotation import is_placeholder
from .errors import EditionError, Problem
from .translation import STALE, UNCHECKED

ERROR, WARNING, NOTE = "error", "warning", "note"
# Warnings of edition.load that `_detailed` below reports per unit, with their lines.
_DETAILED = ("not checked against the current Chinese text", "item(s) with no theme", "side not aligned")
_TODO = re.compile(r"\bTODO\b")


@dataclass
class Finding:
    level: str
    problem: Problem

    def __str__(self) -> str:
        p = self.problem
        where = f"{p.file}:{p.line}" if p.line else p.file
        text = f"{where}: {self.level}: {p.field}: {p.message}"
        return f"{text} — fix: {p.fix}" if p.fix else text

    def github(self) -> str:
        """A GitHub Actions workflow command, so the finding shows on the pull request's diff."""
        p = self.problem
        kind = {"error": "error", "warning": "warning"}.get(self.level, "notice")
        line = f",line={p.line}" if p.line else ""
        text = f"{p.field}: {p.message}" + (f" — fix: {p.fix}" if p.fix else "")
        return f"::{kind} file={p.file}{line}::{text}"


def _strings(data, path=()):
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _strings(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _strings(v, path + (i,))
    elif isinstance(data, str):
        yield path, data


def _field(path) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(path))


def todo_placeholders(root: Path) -> list[Finding]:
    """Every `TODO` value in the documents' records, the annotation and pair files, and in mkdocs.yml's nav titles."""
    out = []
    for path in [*manifest.record_files(root), *sorted((root / "annotations").glob("*.yml")),
                 *alignment.pair_files(root)]:
        if not path.exists():
            continue
        rel = path.relative_to(root).as_posix()
        try:
            data, lines = yamlio.load(path, rel)
        except EditionError:
            continue  # reported by the loader
        for where, text in _strings(data):
            if _TODO.search(text):
                out.append(Finding(ERROR, Problem(rel, yamlio.line_of(lines, where), _field(where),
                                                  f"placeholder left to fill in: {text!r}",
                                                  "replace the TODO text with the real value")))
    mkdocs_yml = root / "mkdocs.yml"
    if mkdocs_yml.exists():  # not plain YAML (!ENV, python tags): scanned as text
        for n, line in enumerate(mkdocs_yml.read_text(encoding="utf-8").split("\n"), 1):
            code = line.split("#", 1)[0]
            if _TODO.search(code):
                out.append(Finding(ERROR, Problem("mkdocs.yml", n, "nav", f"placeholder left to fill in: {code.strip()!r}",
                                                  "replace TODO with the document's short title (both nav lines)")))
    return out


def orphan_annotations(root: Path, known: set[str]) -> list[Finding]:
    """Document annotation files (they have `document:`) whose document has no record in sources/:
    the build ignores them silently."""
    out = []
    for path in sorted((root / "annotations").glob("*.yml")):
        rel = path.relative_to(root).as_posix()
        try:
            data, lines = yamlio.load(path, rel)
        except EditionError:
            continue  # reported by the loader
        if isinstance(data, dict) and "document" in data and path.stem not in known:
            out.append(Finding(ERROR, Problem(rel, yamlio.line_of(lines, ["document"]), "document",
                                              f"{path.stem} has no record sources/{path.stem}.yml, so this file is ignored",
                                              "add the source with `make new-document`, or remove the file")))
    return out


def _placeholders(d) -> list[Finding]:
    """Units left with an empty `en`: information, and a warning if they carry content that
    cannot show until they are translated."""
    out = []
    ann = d.annotation
    data, lines = yamlio.load(ann.path, ann.display)
    units = (data or {}).get("units") or {}
    empty = [uid for uid, v in units.items() if isinstance(v, dict) and is_placeholder(v)]
    for uid in empty:
        v = units[uid]
        extra = [k for k in ("heading", "themes", "notes") if v.get(k)]
        if extra:
            out.append(Finding(WARNING, Problem(
                ann.display, yamlio.line_of(lines, ["units", uid]), f"units.{uid}",
                f"`en` is empty, so the unit counts as untranslated and its {', '.join(extra)} do not show",
                "fill in `en` (or remove the other fields for now)")))
    if empty:
        out.append(Finding(NOTE, Problem(ann.display, yamlio.line_of(lines, ["units"]), "units",
                                         f"{len(empty)} unit(s) not yet translated (empty `en`): {', '.join(empty)}")))
    return out


def _references(root: Path, ed) -> list[Finding]:
    """Links between documents that the loader does not follow."""
    out = []
    ids = {d.id for d in ed.documents}
    for d in ed.documents:
        entry = d.source
        for key in ("implements", "reports_on"):
            if key in entry.meta and entry.meta[key] not in ids:
                out.append(Finding(ERROR, Problem(entry.record, entry.line_of(key), key,
                                                  f"no document {entry.meta[key]!r}",
                                                  "use the id of a document in sources/ (the name of its sources/<id>.yml)")))
    for p in ed.alignments or []:
        source = ed.document(p.source)
        for j, u in enumerate(p.unlinked):
            para = u.get("para") if isinstance(u, dict) else None
            if para and source is not None and source.doc.unit(para) is None:
                out.append(Finding(ERROR, Problem(
                    p.file, yamlio.line_of(p.lines, ["unlinked", j]), f"unlinked[{j}].para",
                    f"{p.source} has no {para}", "use a paragraph id of that document")))
        for side, gap in alignment.unaligned(p, ed).items():
            if gap:
                out.append(Finding(WARNING, Problem(
                    p.file, yamlio.line_of(p.lines, ["links"]), "links",
                    f"{side} side not aligned: {', '.join(gap)}",
                    "add a link (or, for news paragraphs, an `unlinked` entry) for each")))
        for f in alignment_review.review([p], ed):
            key = ["links", f.link - 1, f.field.split("/")[0]] if f.link else [f.field]
            field = f"links[{f.link - 1}].{f.field}" if f.link else f.field
            out.append(Finding(WARNING, Problem(p.file, yamlio.line_of(p.lines, key), field, f.message, f.fix)))
    return out


def _detailed(ed) -> list[Finding]:
    """Stale or unchecked translations and untagged items, one finding per unit with its line."""
    out = []
    for d in ed.documents:
        ann = d.annotation
        for u in d.doc.units:
            t = d.translation(u.id)
            if t is None:
                continue
            status = t.status(u)
            if status in (STALE, UNCHECKED):
                what = ("the Chinese text changed since the translation was checked" if status == STALE
                        else "the translation has no fingerprint: it was never checked against the Chinese")
                out.append(Finding(WARNING, Problem(
                    ann.display, t.line, f"units.{u.id}", f"{status} translation: {what}",
                    f"check the English against the Chinese, then `make refresh-fingerprints DOC={d.id} UNITS={u.id}`")))
        for u in d.doc.items:
            t = d.translation(u.id)
            if t is not None and not t.themes:
                out.append(Finding(WARNING, Problem(ann.display, t.line, f"units.{u.id}.themes", "item has no theme",
                                                    "add `themes: [...]` with ids from annotations/themes.yml")))
    return out


def _short(text: str, limit: int = 24) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= limit else text[:limit] + "…"


def corrections(d) -> list[Finding]:
    """A note per recorded emendation with its size (characters changed), so a reviewer sees a
    correction that changes more than its kind suggests (emendation.disproportion refuses the worst)."""
    out = []
    for em in d.annotation.emendations:
        n = emendation.size(em.raw, em.reading)
        out.append(Finding(NOTE, Problem(d.annotation.display, em.yaml_line, f"emendations[{em.id}]",
                                         f"{em.kind}: {n} character(s) changed: "
                                         f"{_short(em.raw)!r} -> {_short(em.reading)!r}")))
    return out


def _notes(ed) -> list[Finding]:
    """Notes with unsourced claims, no kind, or (context notes) no Chinese version."""
    out = []
    for d in ed.documents:
        ann = d.annotation
        for unit_id, t in ann.translations.items():
            out += [Finding(WARNING, p) for p in note.unsourced(ann.display, ann.lines, unit_id, t.notes)]
    return out


def run(root: Path) -> list[Finding]:
    root = Path(root)
    findings: list[Finding] = []
    known: set[str] = set()
    try:
        ed = edition.load(root)
    except EditionError as exc:
        findings += [Finding(ERROR, p) for p in exc.problems]
        ed = None
    if ed is not None:
        known = {d.id for d in ed.documents}
        findings += _detailed(ed)
        findings += _references(root, ed)
        findings += _notes(ed)
        # renderings that differ from the glossary/phrasebook, and repeated sentences whose English drifted
        findings += [Finding(WARNING, p) for p in consistency.check(ed, root)]
        for d in ed.documents:
            findings += _placeholders(d)
            findings += corrections(d)
        findings += [Finding(WARNING, Problem(w.split(":")[0], None, "(edition)", w.split(": ", 1)[-1]))
                     for w in ed.warnings if not any(k in w for k in _DETAILED)]
    else:
        known = {path.stem for path in manifest.record_files(root)}
    findings += todo_placeholders(root)
    if known is not None:
        findings += orphan_annotations(root, known)
    order = {ERROR: 0, WARNING: 1, NOTE: 2}
    return sorted(findings, key=lambda f: (order[f.level], f.problem.file, f.problem.line or 0))


def report(findings: list[Finding], out, documents: int | None = None) -> int:
    """Print the findings; return the exit code (1 if any error or warning)."""
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    for f in findings:
        print(f, file=out)
        if github and f.level != NOTE:
            print(f.github(), file=out)
    errors = sum(f.level == ERROR for f in findings)
    warnings = sum(f.level == WARNING for f in findings)
    if errors or warnings:
        print(f"check failed: {errors} error(s), {warnings} warning(s)", file=out)
        return 1
    print("ok: no errors or warnings" + (f" ({documents} documents)" if documents is not None else ""), file=out)
    return 0
