"""The sources manifest: which raw texts the edition has, with their metadata and hashes."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from . import yamlio
from .errors import EditionError, Problem
from .schema import validate


@dataclass
class SourceEntry:
    meta: dict
    path: Path
    line: int | None

    @property
    def id(self) -> str:
        return self.meta["id"]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load(root: Path) -> list[SourceEntry]:
    path = root / "sources" / "manifest.yml"
    display = "sources/manifest.yml"
    data, lines = yamlio.load(path, display)
    validate(data, lines, "manifest.schema.json", display)
    entries, seen, problems = [], set(), []
    for i, meta in enumerate(data["documents"]):
        line = yamlio.line_of(lines, ["documents", i])
        if meta["id"] in seen:
            problems.append(Problem(display, line, f"documents[{i}].id", f"duplicate id {meta['id']!r}",
                                    "give each document its own id"))
        seen.add(meta["id"])
        src = root / "sources" / meta["file"]
        if not src.exists():
            problems.append(Problem(display, line, f"documents[{i}].file", f"{meta['file']} is not in sources/",
                                    "add the raw text to sources/ or correct the file name"))
        elif sha256(src) != meta["sha256"]:
            problems.append(Problem(
                display, yamlio.line_of(lines, ["documents", i, "sha256"]), f"documents[{i}].sha256",
                f"sources/{meta['file']} no longer matches its recorded SHA-256",
                "restore the file exactly as received; corrections go in annotations/, never in sources/"))
        entries.append(SourceEntry(meta, src, line))
    if problems:
        raise EditionError(problems)
    return entries
