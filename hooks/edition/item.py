"""Units of a document: every paragraph of the reading text is exactly one unit.

Items （一）（二）… are the units researchers cite; parts 一、二、… group them; the cover notice,
title, preamble, colophon and news paragraphs are units too, so every one can be translated,
annotated and linked by a stable id.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

NUMERALS = "一二三四五六七八九"
ITEM_RE = re.compile(r"^（([一二三四五六七八九十]+)）")
PART_RE = re.compile(r"^([一二三四五六七八九十]+)、")


def numeral_value(text: str) -> int:
    """Chinese numeral 1–99 (一 … 九十九) to int."""
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (NUMERALS.index(tens) + 1 if tens else 1) * 10 + (NUMERALS.index(ones) + 1 if ones else 0)
    return NUMERALS.index(text) + 1


@dataclass
class Unit:
    id: str  # stable anchor id: item-3, part-2, preamble, notice-title, para-7 …
    kind: str  # item, part, title, preamble, notice-*, colophon, paragraph, subheading, box, …
    text: str  # the Chinese reading text of the whole paragraph
    start: int  # reading-text offsets of the paragraph
    end: int
    line: int  # raw source line where it starts
    number: int | None = None  # items and parts
    marker: str = ""  # （三） or 三、
    part: str | None = None  # the part an item belongs to
    unrelated: bool = False  # news: the appended story that is not part of the report
    extra: dict = field(default_factory=dict)

    @property
    def heading(self) -> str:
        """An item's heading sentence (up to and including the first 。), without its marker."""
        rest = self.text[len(self.marker):]
        if self.kind == "part":
            return rest
        cut = rest.find("。")
        return rest if cut == -1 else rest[:cut + 1]

    @property
    def body(self) -> str:
        rest = self.text[len(self.marker):]
        return rest[len(self.heading):] if self.kind == "item" else ""

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @property
    def fingerprint(self) -> str:
        """Fingerprint of the Chinese a translation was made from (see translation.py)."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:12]
