"""English translations of units, their notes, and whether they are still in step with the Chinese.

Each translation records the fingerprint of the Chinese reading text it was checked against. If
the source or its emendations change, the fingerprint no longer matches and the translation is
*stale*: the build warns and the English page marks it, until a translator checks it and runs
`python -m edition refresh-fingerprints DOC UNIT…` (make refresh-fingerprints).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .item import Unit
from .note import Note
from .note import from_yaml as note_from_yaml

MISSING, STALE, UNCHECKED, CURRENT = "missing", "stale", "unchecked", "current"


@dataclass
class Translation:
    unit_id: str
    en: str | list | None
    heading: str | None = None
    notes: list[Note] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    fingerprint: str | None = None
    line: int | None = None  # line of the unit in the annotation file

    def status(self, unit: Unit) -> str:
        if self.fingerprint is None:
            return UNCHECKED
        return CURRENT if self.fingerprint == unit.fingerprint else STALE


def from_yaml(unit_id: str, data: dict, line: int | None) -> Translation:
    return Translation(
        unit_id=unit_id,
        en=data.get("en"),
        heading=data.get("heading"),
        notes=[note_from_yaml(n, i) for i, n in enumerate(data.get("notes", []))],
        themes=list(data.get("themes", [])),
        fingerprint=data.get("fingerprint"),
        line=line,
    )


def status_of(unit: Unit, translation: Translation | None) -> str:
    return MISSING if translation is None else translation.status(unit)


def coverage(units: list[Unit], translations: dict[str, Translation]) -> tuple[int, int]:
    done = sum(1 for u in units if u.id in translations)
    return done, len(units)


def write_fingerprints(path: Path, fingerprints: dict[str, str]) -> int:
    """Set `fingerprint:` of the named units in an annotation file, keeping everything else.

    Works on the text so that comments, order and formatting of the file survive: an existing
    `fingerprint:` line is replaced, otherwise one is inserted as the unit's first field.
    """
    lines = path.read_text(encoding="utf-8").split("\n")
    unit_at: dict[int, str] = {}
    has: dict[str, int] = {}
    in_units, current = False, None
    for i, line in enumerate(lines):
        if re.match(r"^units:\s*$", line):
            in_units = True
            continue
        if in_units and re.match(r"^\S", line):
            in_units = False
        if not in_units:
            continue
        m = re.match(r"^  ([A-Za-z0-9-]+):\s*$", line)
        if m:
            current = m.group(1)
            unit_at[i] = current
        elif current and re.match(r"^    fingerprint:", line):
            has[current] = i
    changed = 0
    out: list[str] = []
    for i, line in enumerate(lines):
        unit = next((u for u, at in has.items() if at == i), None)
        if unit in fingerprints:
            new = f"    fingerprint: \"{fingerprints[unit]}\""
            changed += new != line
            line = new
        out.append(line)
        unit = unit_at.get(i)
        if unit in fingerprints and unit not in has:
            out.append(f"    fingerprint: \"{fingerprints[unit]}\"")
            changed += 1
    path.write_text("\n".join(out), encoding="utf-8")
    return changed
