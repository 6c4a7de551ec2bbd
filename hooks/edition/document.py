"""Parse a reading text into its structure: notice, title, preamble, parts, items, colophon.

Structure comes from the text (markers 一、 and （一）, the shapes of document numbers, dates and
disclosure notes), never from hard-coded counts; tests compare the result with the manifest.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .emendation import Reading
from .errors import EditionError, Problem
from .item import ITEM_RE, PART_RE, Unit, numeral_value

NUMBER_RE = re.compile(r"^\S{1,12}〔\d{4}〕\d+号$")
DATE_RE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
DISCLOSURE_RE = re.compile(r"^（[^）]*公开[^）]*）$")
SENTENCE_PUNCT = re.compile(r"[。！？；，：]")


@dataclass
class Document:
    id: str
    meta: dict
    reading: Reading
    units: list[Unit] = field(default_factory=list)

    @property
    def items(self) -> list[Unit]:
        return [u for u in self.units if u.kind == "item"]

    @property
    def parts(self) -> list[Unit]:
        return [u for u in self.units if u.kind == "part"]

    def unit(self, unit_id: str) -> Unit | None:
        return next((u for u in self.units if u.id == unit_id), None)

    def items_of(self, part: Unit) -> list[Unit]:
        return [u for u in self.items if u.part == part.id]

    def serialise(self) -> str:
        """The reading text rebuilt from the parsed units (nothing outside a unit survives)."""
        return "\n\n".join(u.text for u in self.units)

    @property
    def is_news(self) -> bool:
        return self.meta.get("kind") == "news-report"


def _blocks(reading: Reading):
    pos = 0
    for text in reading.text.split("\n\n"):
        yield text, pos, pos + len(text), reading.raw_line(pos)
        pos += len(text) + 2


def parse(doc_id: str, meta: dict, reading: Reading, file: str) -> Document:
    doc = Document(doc_id, meta, reading)
    blocks = list(_blocks(reading))
    if meta.get("kind") == "news-report":
        doc.units = _parse_news(blocks)
    else:
        doc.units = _parse_work_points(blocks, file)
    return doc


def _parse_work_points(blocks, file: str) -> list[Unit]:
    units: list[Unit] = []
    state = "notice"
    body_n = colophon_n = 0
    part: Unit | None = None
    expect_part = expect_item = 1
    for text, start, end, line in blocks:
        part_m, item_m = PART_RE.match(text), ITEM_RE.match(text)
        if state in ("notice", "preamble") and part_m:
            state = "parts"
        if state == "notice":
            if text.endswith("工作要点") and "通知" not in text:
                units.append(Unit("title", "title", text, start, end, line))
                state = "preamble"
                continue
            kind = _notice_kind(text)
            if kind == "notice-body":
                body_n += 1
                units.append(Unit(f"notice-body-{body_n}", kind, text, start, end, line))
            else:
                if any(u.id == kind for u in units):
                    raise EditionError(Problem(file, None, f"source line {line}",
                                               f"a second {kind} in the cover notice: {text[:30]!r}",
                                               "check the paragraph breaks (`reading.breaks_after`) around that line"))
                units.append(Unit(kind, kind, text, start, end, line))
            continue
        if state == "preamble":
            pid = "preamble" if not any(u.kind == "preamble" for u in units) else f"preamble-{len([u for u in units if u.kind == 'preamble']) + 1}"
            units.append(Unit(pid, "preamble", text, start, end, line))
            continue
        if state == "parts" and part_m:
            number = numeral_value(part_m.group(1))
            if number != expect_part:
                raise EditionError(Problem(file, None, f"source line {line}",
                                           f"part {part_m.group(1)}、 found where part {expect_part} was expected",
                                           "check the source and the paragraph breaks around that line"))
            expect_part += 1
            part = Unit(f"part-{number}", "part", text, start, end, line, number=number, marker=part_m.group(0))
            units.append(part)
            continue
        if state == "parts" and item_m:
            number = numeral_value(item_m.group(1))
            if number != expect_item or part is None:
                raise EditionError(Problem(file, None, f"source line {line}",
                                           f"item （{item_m.group(1)}） found where item {expect_item} was expected",
                                           "check the source and the paragraph breaks around that line"))
            expect_item += 1
            units.append(Unit(f"item-{number}", "item", text, start, end, line,
                              number=number, marker=item_m.group(0), part=part.id))
            continue
        # After the items: the colophon (issuing office, proofreader). A marker after the colophon
        # began means a paragraph break in the wrong place.
        if state == "colophon" and (part_m or item_m):
            raise EditionError(Problem(file, None, f"source line {line}",
                                       "text between items is not an item",
                                       "add the line before it to `reading.breaks_after` only where a paragraph really ends"))
        state = "colophon"
        colophon_n += 1
        units.append(Unit(f"colophon-{colophon_n}", "colophon", text, start, end, line))
    return units


def _notice_kind(text: str) -> str:
    if NUMBER_RE.match(text):
        return "notice-number"
    if "关于印发" in text and text.endswith("通知"):
        return "notice-title"
    if text.endswith("：") and "\n" not in text:
        return "notice-addressees"
    if DATE_RE.match(text):
        return "notice-date"
    if DISCLOSURE_RE.match(text):
        return "notice-disclosure"
    if "\n" in text:
        return "notice-signatories"
    return "notice-body"


def _parse_news(blocks) -> list[Unit]:
    units: list[Unit] = []
    unrelated = False
    for n, (text, start, end, line) in enumerate(blocks, start=1):
        if n == 1:
            kind = "headline"
        elif n == 2:
            kind = "deck"
        elif "\n" in text and all(l.startswith("- ") for l in text.split("\n")[1:]):
            kind = "box"
        elif text.startswith("链接"):
            kind, unrelated = "linked-title", True
        elif text.startswith("据") and len(text) <= 10:
            kind = "credit"
        elif len(text) <= 20 and not SENTENCE_PUNCT.search(text):
            kind = "subheading"
        else:
            kind = "paragraph"
        units.append(Unit(f"para-{n}", kind, text, start, end, line, unrelated=unrelated))
    return units
