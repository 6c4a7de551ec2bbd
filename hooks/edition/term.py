"""The glossary: terms with pinyin, renderings and definitions, found in the running text.

Matching is leftmost-longest over unspaced Chinese text (Python-Markdown's `abbr` needs word
boundaries that Chinese does not have): at each position the longest term that starts there is
taken, so a term is never marked inside another. Occurrences are found in the reading texts,
never entered by hand.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from . import yamlio
from .errors import EditionError, Problem
from .schema import validate

_TONES = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ", "aaaaeeeeiiiioooouuuuvvvvvnnn")


def generated_pinyin(zh: str) -> str:
    from pypinyin import Style, pinyin  # loading its dictionaries is most of the pipeline's start-up
    syllables = [s[0] for s in pinyin(zh, style=Style.TONE, heteronym=False)]
    return " ".join(s for s in syllables if re.search(r"[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]", s))


def _pinyin_cache() -> Path | None:
    """The cache file, in a folder of the temporary directory that only this user can write (as
    Jinja's bytecode cache does); None if that folder is not this user's own and private (another
    user could have planted it: the shared temporary directory is writable by all)."""
    folder = Path(tempfile.gettempdir()) / f"edition-cache-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        st = os.lstat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o077:
        return None
    return folder / f"pinyin-{metadata.version('pypinyin')}.json"


def _digest(entries: dict) -> str:
    return hashlib.sha256(json.dumps(entries, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def generated_pinyins(words: list[str]) -> dict[str, str]:
    """word -> generated_pinyin(word), from the cache where possible (pypinyin is then not loaded).
    pypinyin's answer for a word depends on nothing else, so a valid hit is the same as computing
    it. The cache is used only if its checksum matches its entries (a cut or edited file is
    ignored and rewritten), so that it can never change published pinyin or anchors."""
    path = _pinyin_cache()
    cached: dict = {}
    try:
        stored = json.loads(path.read_text(encoding="utf-8")) if path else {}
        if isinstance(stored.get("entries"), dict) and stored.get("sha256") == _digest(stored["entries"]):
            cached = stored["entries"]
    except (OSError, ValueError, AttributeError):
        cached = {}
    missing = [w for w in words if not isinstance(cached.get(w), str)]
    if missing:
        cached.update((w, generated_pinyin(w)) for w in missing)
        if path:
            try:
                tmp = path.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_text(json.dumps({"sha256": _digest(cached), "entries": cached}, ensure_ascii=False),
                               encoding="utf-8")
                os.replace(tmp, path)
            except OSError:
                pass  # a read-only temporary directory only costs the next build the same time
    return {w: cached[w] for w in words}


@dataclass
class Term:
    zh: str
    en: str
    category: str
    def_en: str
    def_zh: str
    pinyin: str
    pinyin_overridden: bool
    alt: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    anchor: str = ""
    line: int | None = None

    def definition(self, lang: str) -> str:
        return self.def_en if lang == "en" else self.def_zh

    @property
    def plain_pinyin(self) -> str:
        """Pinyin without tones or spaces, for search: 'sanzhongyida'."""
        return self.pinyin.translate(_TONES).replace(" ", "").lower()


class Glossary:
    def __init__(self, terms: list[Term]):
        self.terms = terms
        self.by_zh = {t.zh: t for t in terms}
        # One alternation, longest term first: at each position the regex engine (C code) tries
        # the terms in that order and the scan moves on past a match, which is exactly
        # leftmost-longest. One pass over the text instead of a Python loop per character.
        alternatives = sorted(self.by_zh, key=lambda zh: (-len(zh), zh))
        self._pattern = re.compile("|".join(map(re.escape, alternatives))) if alternatives else None
        self._found: dict[str, list[tuple[int, int, Term]]] = {}  # the same unit text is searched per page and language

    def find(self, text: str) -> list[tuple[int, int, Term]]:
        """Leftmost-longest, non-overlapping occurrences of glossary terms in `text`."""
        found = self._found.get(text)
        if found is None:
            found = [] if self._pattern is None else [
                (m.start(), m.end(), self.by_zh[m.group()]) for m in self._pattern.finditer(text)]
            self._found[text] = found
        return list(found)


def load(root: Path) -> Glossary:
    path = root / "annotations" / "glossary.yml"
    display = "annotations/glossary.yml"
    data, lines = yamlio.load(path, display)
    validate(data, lines, "glossary.schema.json", display)
    terms, problems, anchors = [], [], set()
    seen: dict[str, int] = {}
    generated = generated_pinyins([raw["zh"] for raw in data["terms"] if not raw.get("pinyin")])
    for i, raw in enumerate(data["terms"]):
        line = yamlio.line_of(lines, ["terms", i])
        if raw["zh"] in seen:
            problems.append(Problem(display, line, f"terms[{i}].zh", f"duplicate term {raw['zh']!r} (first at line {seen[raw['zh']]})",
                                    "merge the two entries"))
            continue
        seen[raw["zh"]] = line
        py = raw.get("pinyin") or generated[raw["zh"]]
        slug = "term-" + re.sub(r"[^a-z0-9]+", "-", py.translate(_TONES).lower()).strip("-")
        anchor, k = slug, 2
        while anchor in anchors:
            anchor, k = f"{slug}-{k}", k + 1
        anchors.add(anchor)
        terms.append(Term(raw["zh"], raw["en"], raw["category"], raw["def_en"], raw["def_zh"], py,
                          "pinyin" in raw, raw.get("alt", []), raw.get("rejected", []), raw.get("related", []),
                          anchor, line))
    known = {t.zh for t in terms}
    for t in terms:
        for r in t.related:
            if r not in known:
                problems.append(Problem(display, t.line, f"terms[{t.zh}].related",
                                        f"{r!r} is not a term of the glossary", "add the term or remove it from `related`"))
    if problems:
        raise EditionError(problems)
    return Glossary(terms)


def concordance(glossary: Glossary, documents) -> dict[str, list[tuple[object, object]]]:
    """term zh -> [(document edition, unit)] for every unit whose reading text contains the term
    as a marked term (leftmost-longest), in document order."""
    hits: dict[str, list] = {t.zh: [] for t in glossary.terms}
    for d in documents:
        for u in d.doc.units:
            found = {t.zh for _, _, t in glossary.find(u.text)}
            for zh in found:
                hits[zh].append((d, u))
    return hits
