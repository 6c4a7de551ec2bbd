"""Checks of curated alignments against the texts they link: what a reviewer of a pair checks.

A person decides each link's relation and writes its note (annotations: the alignment data);
`review(pairs, edition)` finds the kinds of fault a full review of the edition's pairs found, so
that they cannot come back:

- the relation contradicts the texts: a one-to-one link called `unchanged` whose texts differ
  (character similarity below MIN_UNCHANGED), called `reworded` with little wording in common
  (below MIN_REWORDED) and no note saying that the substance is the same, called `unchanged` or
  `reworded` while its own note reports added or removed substance, called `expanded` while its
  note says the provision shrinks (or `narrowed` while it grows), or called anything but
  `unchanged` though the two texts are identical;
- the note names an item the link does not link (a strand sent to an item the data do not
  record), or the two languages of a note name different items;
- a note quotes Chinese that is not in the linked provisions, or quotes the English translation
  in other words than the translation's;
- a glossary term in the Chinese note is not rendered in the English note by the glossary's
  rendering (or one of its alternatives), or the English uses a rendering the glossary rejects.

Similarity is the redline's share of common characters (comparison.similarity), item numerals
left out. Quotations are what stands in “…” (nested ‘…’), 《…》 for Chinese titles, and Chinese in
parentheses in the English note; an ellipsis (… or ……) separates quoted pieces.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import comparison

MIN_UNCHANGED = 0.9  # below this a one-to-one `unchanged` link is mislabelled
MIN_REWORDED = 0.5   # below this a `reworded` link needs a note saying why the substance is the same

# Words with which a note reports a change of substance; `unchanged` and `reworded` notes must not.
_SUBSTANCE_EN = re.compile(
    r"\b(adds?|added|drops?|dropped|omits?|omitted|narrow\w*|expand\w*|broaden\w*|shifts?|shifted|"
    r"no longer|not (?:restated|repeated|named|mentioned|kept)|newly)\b", re.I)
_SUBSTANCE_ZH = re.compile(r"新增|增加|增列|删去|略去|未再|不再|收窄|扩充|扩展|转向|缩小")
# Words with which a note reports the opposite of its label: an `expanded` provision that shrinks,
# a `narrowed` one that grows.
_SHRINKS = (re.compile(r"\b(shrinks?|shrunk|narrow\w*|reduced to)\b", re.I), re.compile(r"缩为|收窄|压缩为"))
_GROWS = (re.compile(r"\b(grows?|grown|expand\w*|broaden\w*)\b", re.I), re.compile(r"扩展为|扩充为|扩大"))
# A `reworded` link with little wording in common must say that the substance is the same.
SAME_SUBSTANCE = ("same substance", "实质相同")

_CJK = re.compile(r"[\u3400-\u9fff]")
_QUOTE_ZH = re.compile(r"“([^”]+)”|《([^》]+)》")
_QUOTE_EN = re.compile(r"“([^”]+)”")
_PAREN_ZH = re.compile(r"[（(]([^（）()]*[\u3400-\u9fff][^（）()]*)[）)]")
_ELLIPSIS = re.compile(r"……|…|\.\.\.")
_ITEM_EN = re.compile(r"\bitems? ((?:\d+(?:–\d+)?(?:, | and | or |–)?)+)", re.I)
_ITEM_ZH = re.compile(r"第([一二三四五六七八九十、至]+)条")
_NUMERALS = "零一二三四五六七八九"


@dataclass(frozen=True)
class Finding:
    """One fault: the pair, the 1-based link (None: the pair's summary), the field, what and how to fix."""

    pair: str
    link: int | None
    field: str
    message: str
    fix: str


def review(pairs, edition) -> list[Finding]:
    """All findings for `pairs` (alignment.Pair, as loaded) against `edition` (edition.Edition).

    Input: the loaded pairs and edition (reading texts, English translation, glossary).
    Output: a list of Finding, empty when every link passes. Raises nothing on bad data that the
    loader already rejects (unknown units are reported by alignment.load).
    """
    out: list[Finding] = []
    for pair in pairs:
        source, target = edition.document(pair.source), edition.document(pair.target)
        if source is None or target is None:
            continue
        for n, link in enumerate(pair.links, 1):
            units = [source.doc.unit(u) for u in link.source] + [target.doc.unit(u) for u in link.target]
            units = [u for u in units if u is not None]
            english = [_english(source, u) for u in link.source] + [_english(target, u) for u in link.target]
            out += _relation(pair, n, link, edition)
            out += _item_references(pair, n, link)
            out += _quotations(pair, n, link.note, [u.text for u in units], english)
            out += _terms(pair, n, link.note, edition.glossary)
        summary_units = [u for d in (source, target) for u in d.doc.units]
        english = [_english(d, u.id) for d in (source, target) for u in d.doc.units]
        out += _quotations(pair, None, pair.summary, [u.text for u in summary_units], english)
        out += _terms(pair, None, pair.summary, edition.glossary)
    return out


# --------------------------------------------------------------------------- relation against the texts

def _relation(pair, n, link, edition) -> list[Finding]:
    out = []
    note_en, note_zh = link.note.get("en", ""), link.note.get("zh", "")
    if link.relation in ("unchanged", "reworded"):
        said = _SUBSTANCE_EN.search(note_en) or _SUBSTANCE_ZH.search(note_zh)
        if said:
            out.append(Finding(pair.id, n, "relation",
                               f"`{link.relation}` but the note reports a change of substance ({said.group(0)!r})",
                               "use expanded, narrowed, merged or split (see CONTRIBUTING), or correct the note"))
    opposite = {"expanded": (_SHRINKS, "shrinks"), "narrowed": (_GROWS, "grows")}.get(link.relation)
    if opposite:
        (en_words, zh_words), what = opposite
        said = en_words.search(note_en) or zh_words.search(note_zh)
        if said:
            out.append(Finding(pair.id, n, "relation",
                               f"`{link.relation}` but the note says the provision {what} ({said.group(0)!r})",
                               "use the relation the note describes, or correct the note"))
    if len(link.source) != 1 or len(link.target) != 1:
        return out
    old = edition.document(pair.source).doc.unit(link.source[0])
    new = edition.document(pair.target).doc.unit(link.target[0])
    score = comparison.similarity(comparison.redline(comparison.provision_text(old), comparison.provision_text(new)))
    if link.relation == "unchanged" and score < MIN_UNCHANGED:
        out.append(Finding(pair.id, n, "relation", f"`unchanged` but only {score:.0%} of the characters are common",
                           "use reworded (same substance) or expanded/narrowed (different substance)"))
    elif (link.relation == "reworded" and score < MIN_REWORDED
          and not (SAME_SUBSTANCE[0] in note_en.lower() and SAME_SUBSTANCE[1] in note_zh)):
        out.append(Finding(pair.id, n, "relation",
                           f"`reworded` with only {score:.0%} of the characters common, and no note saying that the "
                           "substance is the same",
                           f"use expanded/narrowed, or say why in the note (“{SAME_SUBSTANCE[0]}” / “{SAME_SUBSTANCE[1]}”)"))
    elif link.relation != "unchanged" and score == 1.0:
        out.append(Finding(pair.id, n, "relation", f"`{link.relation}` but the two texts are identical",
                           "use unchanged"))
    return out


# --------------------------------------------------------------------------- items the note names

def _numeral(s: str) -> int:
    """A Chinese numeral from 一 to 九十九 as an int."""
    if "十" not in s:
        return _NUMERALS.index(s)
    tens, _, units = s.partition("十")
    return (_NUMERALS.index(tens) if tens else 1) * 10 + (_NUMERALS.index(units) if units else 0)


def items_named(note_en: str, note_zh: str) -> tuple[set[int], set[int]]:
    """Item numbers a note names: ('item 3', 'items 4–6', 'items 2 and 7'; 第三条, 第四至六条, 第五、六条)."""
    en, zh = set(), set()
    for m in _ITEM_EN.finditer(note_en):
        for part in re.findall(r"\d+(?:–\d+)?", m.group(1)):
            a, _, b = part.partition("–")
            en |= set(range(int(a), int(b or a) + 1))
    for m in _ITEM_ZH.finditer(note_zh):
        for part in m.group(1).split("、"):
            a, _, b = part.partition("至")
            zh |= set(range(_numeral(a), _numeral(b or a) + 1))
    return en, zh


def _item_references(pair, n, link) -> list[Finding]:
    linked = {int(u.split("-")[1]) for u in link.source + link.target if u.startswith("item-")}
    en, zh = items_named(link.note.get("en", ""), link.note.get("zh", ""))
    out = []
    for lang, named in (("en", en), ("zh", zh)):
        if named - linked:
            out.append(Finding(pair.id, n, f"note_{lang}",
                               f"names item(s) {sorted(named - linked)} that the link does not link",
                               "add the item to `from`/`to` if a strand of the provision goes there, "
                               "or do not name it"))
    if en != zh:
        out.append(Finding(pair.id, n, "note_en/note_zh", f"the English names items {sorted(en)}, the Chinese {sorted(zh)}",
                           "keep the two languages in step"))
    return out


# --------------------------------------------------------------------------- quotations

def _plain_zh(s: str) -> str:
    return s.replace("‘", "“").replace("’", "”")


def _plain_en(s: str) -> str:
    """English without Markdown emphasis, quotation marks and case; apostrophes inside words kept."""
    s = s.replace("*", "").replace("’", "'").replace("‘", "'").replace("“", "").replace("”", "").replace('"', "")
    s = re.sub(r"(?<!\w)'|'(?!\w)", "", s)
    return re.sub(r"\s+", " ", s).lower()


def _pieces(quote: str, strip: str) -> list[str]:
    return [p.strip(strip) for p in _ELLIPSIS.split(quote) if p.strip(strip)]


def _quotations(pair, n, note: dict, chinese: list[str], english: list[str]) -> list[Finding]:
    out = []
    zh_text = _plain_zh("\n".join(chinese))
    en_text = _plain_en("\n".join(english))
    note_en, note_zh = note.get("en", ""), note.get("zh", "")
    chinese_quotes = [("note_zh" if n else "summary_zh", a or b) for a, b in _QUOTE_ZH.findall(note_zh)]
    chinese_quotes += [("note_en" if n else "summary_en", q) for q in _QUOTE_EN.findall(note_en) if _CJK.search(q)]
    chinese_quotes += [("note_en" if n else "summary_en", q) for q in _PAREN_ZH.findall(note_en)]
    for field, quote in chinese_quotes:
        for piece in _pieces(_plain_zh(quote), " 。，；：、"):
            if piece not in zh_text:
                out.append(Finding(pair.id, n, field, f"quotes “{piece}”, which is not in the linked provisions",
                                   "quote the Chinese exactly as the reading text has it"))
    for quote in _QUOTE_EN.findall(note_en):
        if _CJK.search(quote) or len(quote.split()) < 2:
            continue
        for piece in _pieces(_plain_en(quote), " .,;:"):
            if piece not in en_text:
                out.append(Finding(pair.id, n, "note_en" if n else "summary_en",
                                   f"quotes “{piece}”, which is not the English translation's wording",
                                   "quote the translation exactly, or paraphrase without quotation marks"))
    return out


# --------------------------------------------------------------------------- glossary renderings

def _renderings(term) -> list[str]:
    """The glossary's English for a term and its alternatives, as phrases to look for."""
    out = []
    for form in [term.en, *term.alt]:
        form = re.sub(r"\([^)]*\)", " ", form)
        for part in form.split(" / "):
            part = _plain_en(part).strip(" .")
            part = re.sub(r"^(the|to|a|an) ", "", part)
            if part:
                out.append(part)
    return out


def _phrase_pattern(phrase: str) -> re.Pattern:
    """A phrase whose words may take another ending: a long word by its stem (all but its last
    three letters, at least five: compliance/compliant, institution/institutions), a short word
    with or without a plural s."""
    words = []
    for w in phrase.split():
        if len(w) > 5 and w.isalpha():
            words.append(re.escape(w[:max(5, len(w) - 3)]) + r"\w*")
        else:
            words.append(re.escape(w[:-1] if w.endswith("s") and len(w) > 3 else w) + r"(?:e?s)?")
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?![\w-])")


def _terms(pair, n, note: dict, glossary) -> list[Finding]:
    note_en, note_zh = note.get("en", ""), note.get("zh", "")
    if not note_en and not note_zh:
        return []
    # the English with and without its parentheses: “unannounced (“flying”) inspections” renders 飞行检查
    english = _plain_en(note_en) + "\n" + _plain_en(re.sub(r"\s*\([^()]*\)", "", note_en))
    out = []
    seen = set()
    for _, _, term in glossary.find(note_zh):
        if term.zh in seen or term.zh in note_en:
            continue
        seen.add(term.zh)
        if not any(_phrase_pattern(r).search(english) for r in _renderings(term)):
            out.append(Finding(pair.id, n, "note_en" if n else "summary_en",
                               f"{term.zh} is in the Chinese but not rendered “{term.en}” (or an alternative) in the English",
                               "use the glossary's rendering (annotations/glossary.yml), or give the Chinese"))
    for _, _, term in glossary.find(note_zh):
        for bad in term.rejected:
            if re.search(r"\b" + re.escape(bad) + r"\b", note_en, re.I):
                out.append(Finding(pair.id, n, "note_en" if n else "summary_en",
                                   f"uses {bad!r}, a rendering of {term.zh} the glossary rejects",
                                   f"write “{term.en}”"))
    return out


def _english(doc, unit_id: str) -> str:
    """The English of a unit as a reader sees it: heading and text (list items joined)."""
    t = doc.translation(unit_id)
    if t is None:
        return ""
    en = t.en if isinstance(t.en, str) else " ".join(t.en or [])
    return f"{t.heading or ''} {en}"
