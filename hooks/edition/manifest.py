"""The manifest: which raw texts the edition has, from one catalogue record per document.

Each raw text `sources/<id>.txt` has its record `sources/<id>.yml` beside it (metadata, SHA-256 of
the raw file). There is no shared list: a document is added by adding its own files, so two pull
requests that each add a document touch no file in common.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from . import characters, yamlio
from .errors import EditionError, Problem
from .schema import enum, validate

SCHEMA = "source.schema.json"


@dataclass
class SourceEntry:
    """One catalogue record: `meta` (the record's data), `path` (the raw text), `record` (the
    record's path relative to the project, for messages) and the line of each of its values."""

    meta: dict
    path: Path
    line: int | None
    record: str = ""
    lines: dict = field(default_factory=dict, repr=False)

    @property
    def id(self) -> str:
        return self.meta["id"]

    def line_of(self, *key) -> int | None:
        """Line in the record of the value at `key` (e.g. "expected", "parts"), or of its nearest parent."""
        return yamlio.line_of(self.lines, key)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def record_files(root: Path) -> list[Path]:
    """The catalogue records, sources/*.yml, in name order."""
    return sorted((Path(root) / "sources").glob("*.yml"))


def order_key(meta: dict) -> tuple:
    """How documents are listed everywhere (pages, data files, navigation): by year, then by kind
    in the order the schema lists the kinds (national, provincial, municipal, news, other), then by
    region in the official order of the regions (annotations/regions.yml), then by id."""
    from .series import regions
    kinds = enum(SCHEMA, "kind")
    kind = meta.get("kind")
    codes = list(regions())
    region = meta.get("region")
    return (meta.get("year", 0), kinds.index(kind) if kind in kinds else len(kinds),
            codes.index(region) if region in codes else -1, meta.get("id", ""))


def _series_fields(meta: dict, lines: dict, display: str) -> list[Problem]:
    """`region` and `locality` as the document's kind requires (data/kinds.yml), the region a known one."""
    from . import series
    out = []
    needs = series.kinds()[meta["kind"]]
    code = meta.get("region")
    if code is not None and code not in series.regions():
        out.append(Problem(display, yamlio.line_of(lines, ["region"]), "region", f"unknown region {code!r}",
                           "use an ISO 3166-2:CN code from annotations/regions.yml, e.g. CN-BJ"))
    if needs.get("region") and code is None:
        out.append(Problem(display, yamlio.line_of(lines, ["kind"]), "region",
                           f"a {meta['kind']} document needs `region`",
                           "add `region:` with its ISO 3166-2:CN code (annotations/regions.yml), e.g. CN-BJ"))
    if needs.get("locality") and not meta.get("locality"):
        out.append(Problem(display, yamlio.line_of(lines, ["kind"]), "locality",
                           f"a {meta['kind']} document needs `locality`",
                           "add `locality: {zh: …, en: …}` with the city's names"))
    return out


def raw_text_problems(path: Path, display: str) -> list[Problem]:
    """Why the raw text at `path` cannot be published as it is (empty list: it can, byte for byte).
    Refused: an empty file, one that is not UTF-8, one that starts with a byte-order mark, one that
    holds a character of characters.FORBIDDEN (named at its line and column). Line ends (LF or
    CRLF) are kept as received; the reading text reads either."""
    raw = path.read_bytes()
    fix = ("obtain a clean copy of the document (or save this one as UTF-8 without it), record where it "
           "came from in `provenance`, and update `sha256`")
    if not raw.strip():
        return [Problem(display, None, "(raw text)", "the file is empty: there is no text to publish",
                        "put the document's text in it, exactly as received, or remove its record")]
    if raw.startswith(b"\xef\xbb\xbf"):
        return [Problem(display, 1, "(raw text)", "starts with a byte-order mark (U+FEFF), which the reading "
                        "text would carry as an invisible character", fix, column=1)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return [Problem(display, line, "(raw text)", f"byte 0x{raw[exc.start]:02x} is not UTF-8", fix, column=column)]
    return [Problem(display, line, "(raw text)", f"contains {characters.describe(ch)}", fix, column=column)
            for line, column, ch in characters.find(text.replace("\r\n", "\n"))]


def load(root: Path) -> list[SourceEntry]:
    """Every record of sources/*.yml, validated, checked against its raw text, in `order_key` order.

    Raises EditionError listing every problem (file, line, field, fix): schema errors, an `id`
    that differs from the record's file name, a missing raw file or one whose SHA-256 changed.
    """
    root = Path(root)
    entries, problems = [], []
    for path in record_files(root):
        display = f"sources/{path.name}"
        try:
            meta, lines = yamlio.load(path, display)
            validate(meta, lines, SCHEMA, display)
        except EditionError as exc:
            problems += exc.problems
            continue
        line = yamlio.line_of(lines, ["id"])
        if meta["id"] != path.stem:
            problems.append(Problem(display, line, "id", f"the id {meta['id']!r} differs from the file name",
                                    f"name the record sources/{meta['id']}.yml, or set `id: {path.stem}`"))
        src = root / "sources" / meta["file"]
        if not src.exists():
            problems.append(Problem(display, yamlio.line_of(lines, ["file"]), "file",
                                    f"{meta['file']} is not in sources/",
                                    "add the raw text to sources/ or correct the file name"))
        elif sha256(src) != meta["sha256"]:
            problems.append(Problem(
                display, yamlio.line_of(lines, ["sha256"]), "sha256",
                f"sources/{meta['file']} no longer matches its recorded SHA-256",
                "restore the file exactly as received; corrections go in annotations/, never in sources/"))
        else:
            problems += raw_text_problems(src, f"sources/{meta['file']}")
        problems += _series_fields(meta, lines, display)
        entries.append(SourceEntry(meta, src, line, display, lines))
    if problems:
        raise EditionError(problems)
    return sorted(entries, key=lambda e: order_key(e.meta))
