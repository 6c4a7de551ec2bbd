"""Language of text runs: every run of the page's other language carries its own `lang`.

Browsers choose glyph forms, fonts, hyphenation and screen-reader voices from `lang`: Chinese
without `lang="zh-Hans"` inside an English page is drawn with Japanese glyph forms (直, 骨) and read
out letter by letter; English inside a Chinese page is spoken with a Chinese voice. Templates mark
the runs they know of; this pass marks the rest wherever they come from (headings and their table
of contents, navigation, notes, apparatus, document numbers, the footer), so the rule holds for
every page without each template having to remember it.

`mark_runs(html)` walks the text between tags, tracking the nearest `lang` of the enclosing elements
(the `<html lang>` first), and wraps
- in an English context, each run of Han characters (with the CJK punctuation around them) in
  `<span lang="zh-Hans">`;
- in a Chinese context, each run of two or more English words (not acronyms alone: VBP, DRG/DIP
  stay part of the Chinese sentence) in `<span lang="en">`.
Text inside script, style, title, textarea, code, pre and svg is left alone, as are attribute values.
Input: a complete HTML page as MkDocs writes it. Output: the same page with the spans added.
"""
from __future__ import annotations

import re

TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")
LANG_ATTR = re.compile(r"""\slang\s*=\s*["']?([A-Za-z-]*)""")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "path", "circle", "rect", "line", "polygon", "use"}
RAW = {"script", "style", "title", "textarea", "code", "pre", "svg", "kbd", "samp"}
HAN_CHAR = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2026\u201c\u201d\u2018\u2019\u00b7"
# A Chinese run: starts and ends with a Han character or CJK bracket, may hold CJK punctuation,
# digits and Latin letters between (〔2024〕, 第3条, 闽卫医急函〔2024〕1652号).
HAN_RUN = re.compile(rf"[{HAN_CHAR}\u3008-\u3011\u3014-\u301b\uff08]"
                     rf"(?:[{HAN_CHAR}{CJK_PUNCT}0-9A-Za-z]*[{HAN_CHAR}\u3008-\u3011\u3014-\u301b\uff09\u3002\uff0c])?")
HAN = re.compile(rf"[{HAN_CHAR}]")
WORD = r"[A-Za-z](?:[A-Za-z'’]|&#39;|&#x27;)*[A-Za-z]"
EN_RUN = re.compile(rf"\(?{WORD}(?:[ \t,:;.\-/()]+\(?{WORD}\)?)+[.,;:!?)]?")


def _english(run: str) -> bool:
    words = re.findall(WORD, run)
    return len(words) >= 2 and any(not w.isupper() for w in words)


def _wrap_han(text: str) -> str:
    return HAN_RUN.sub(lambda m: f'<span lang="zh-Hans">{m.group(0)}</span>', text)


def _wrap_en(text: str) -> str:
    return EN_RUN.sub(lambda m: f'<span lang="en">{m.group(0)}</span>' if _english(m.group(0)) else m.group(0), text)


def mark_runs(page: str) -> str:
    """The page with each run of its other language wrapped in a span carrying that `lang`."""
    parts = TAG.split(page)
    stack: list[tuple[str, str]] = []  # (tag, lang in force inside it)
    lang = ""
    raw = 0
    for i, part in enumerate(parts):
        if not part:
            continue
        if i % 2:  # a tag or comment
            m = TAG_NAME.match(part)
            if not m:
                continue
            closing, name = m.group(1), m.group(2).lower()
            if closing:
                for k in range(len(stack) - 1, -1, -1):
                    if stack[k][0] == name:
                        del stack[k:]
                        break
                lang = stack[-1][1] if stack else ""
                raw = sum(1 for t, _ in stack if t in RAW)
            elif name not in VOID and not part.endswith("/>"):
                own = LANG_ATTR.search(part)
                lang = own.group(1).lower() if own else lang
                stack.append((name, lang))
                raw += name in RAW
            continue
        if raw or not lang:
            continue
        if lang.startswith("en"):
            if HAN.search(part):
                parts[i] = _wrap_han(part)
        elif lang.startswith("zh"):
            if re.search(WORD, part):
                parts[i] = _wrap_en(part)
    return "".join(parts)
