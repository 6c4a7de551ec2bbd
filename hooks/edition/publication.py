"""The edition's own metadata (title, short title, description) from annotations/edition.yml.

One place for what the site's name, the citations, the open data and CITATION.cff say the edition
is called; `load(root)` validates it like every annotation file (file, line, field and fix).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import yamlio
from .schema import validate

FILE = "annotations/edition.yml"


@dataclass(frozen=True)
class Publication:
    """`title`, `short_title`, `description`: each {zh, en}."""

    title: dict
    short_title: dict
    description: dict


def load(root: Path) -> Publication:
    """The edition's metadata of the project at `root`; raises EditionError if the file is invalid."""
    data, lines = yamlio.load(Path(root) / FILE, FILE)
    validate(data, lines, "edition.schema.json", FILE)
    return Publication(data["title"], data["short_title"], data["description"])


def default() -> Publication:
    """The metadata of this checkout (for code that has no project root at hand)."""
    return load(Path(__file__).resolve().parents[2])
