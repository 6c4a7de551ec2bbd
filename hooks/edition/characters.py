"""Characters no text of the edition may carry, by class, and where they are.

Decided per class (each refused with file, line and column; none is silently dropped):
- control characters (C0 but tab, line feed and carriage return; DEL; C1) and noncharacters
  (U+FFFE, U+FFFF, U+FDD0–U+FDEF, …): not text at all; they break XML (the TEI export) and
  terminals, and show as nothing or as boxes;
- bidirectional formatting (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C): they reorder what
  a reader sees (the "Trojan source" trick), so a citation or a quotation could read otherwise than
  it is stored;
- invisible format characters (zero-width space, joiners, word joiner, soft hyphen, a byte-order mark
  inside a text): they split words for search and copying while nothing shows.
Neither Chinese nor English text of this kind needs any of them; YAML escapes ("\\e", "\\0") and raw
sources can carry them, so both are checked after decoding.
"""
from __future__ import annotations

import re
import unicodedata

CLASSES = {
    "control character": "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f",
    "noncharacter": "\ufdd0-\ufdef\ufffe\uffff",
    "bidirectional formatting character": "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c",
    "invisible format character": "\u200b-\u200d\u2060-\u2064\ufeff\u00ad\u180e",
}
FORBIDDEN = re.compile("[" + "".join(CLASSES.values()) + "]|[\U0001fffe\U0001ffff\U000efffe\U000effff\U0010fffe\U0010ffff]")


def describe(ch: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE (bidirectional formatting character)'."""
    kind = next((k for k, chars in CLASSES.items() if re.match(f"[{chars}]", ch)), "noncharacter")
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed')} ({kind})"


def find(text: str) -> list[tuple[int, int, str]]:
    """(line, column, character) of every forbidden character in `text`, 1-based."""
    out = []
    for m in FORBIDDEN.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        out.append((line, column, m.group(0)))
    return out


FIX = "delete it (in YAML also an escape such as \\e or \\u202e that produces it); no text here needs one"
