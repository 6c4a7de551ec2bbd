"""Search index: one Pagefind record per section of the built site (an item, a glossary entry, …).

Why records and not Pagefind's own HTML crawl: Pagefind ranks whole pages and lists the matching
headings of a page in document order, so the item that matches best is not necessarily in the top
five. A record per section (URL `2025-national/#item-6`, title = the item heading) is ranked on its own.

Chinese recall: Pagefind segments Chinese with jieba's dictionary when indexing (no user
dictionary) and with the browser's Intl.Segmenter when searching, so 信息 inside a segmented 个人信息
is not found, and a word split differently on the two sides is not found at all. Every run of Han
characters is therefore indexed as its overlapping character bigrams (个人信息 -> 个人 人信 信息),
each spelt as a Latin token that no segmenter touches (`_spell`), and the search box turns the query
into the same tokens (overrides/assets/search.js, `bigrams`): any string of two or more characters
is found wherever it occurs, and all of a query's bigrams must occur in the section. Readable text
for the result's heading and excerpt travels in `meta`.

Glossary entries also carry the toneless pinyin of the term (joined, by word, and by syllable), so
"dailiangcaigou", "dailiang caigou" and "dai liang cai gou" all find 带量采购.

The module has no MkDocs import; the hook calls `build_index(site_dir, glossary)` on_post_build.
"""
from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import html as lxml_html

from . import search_index
from .term import _TONES

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
HEADINGS = {"h1", "h2", "h3", "h4"}
VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed", "track"}
# Classes whose text is chrome, not content: heading permalinks, item permalinks, the
# concordance under a glossary entry (document names and item numbers only), its list of related
# terms (other entries' names: a search for 两票制 should not return every entry related to it).
# The theme labels under an item are not its text (a theme's name would find every item in it).
# Under an item, its history (other documents' item numbers), citation and correction link are
# chrome too: the citation repeats the document's title in every item. Translator's notes are not
# the unit's text either: with them (now on the pages of both languages) an item's record grows
# several times longer and drops below short news paragraphs for its own words (recall@5 of
# tests/search_queries.yml fell from over 95 % to 94.8 %), and their sources name other documents.
SKIP_CLASSES = {"headerlink", "ed-permalink", "ed-concordance", "ed-concordance-summary", "ed-related", "ed-themes",
                "ed-item-meta", "ed-history", "ed-cite", "ed-notes"}
# Units with their own anchor but no heading: the paragraphs of the news report and the entries of
# the textual apparatus. Each is a record of its own, under the heading of its section; whole, the
# report would be one long record that matches everything.
UNIT_ID = re.compile(r"^(para-\d+|app-[a-z]*\d+)$")
BLOCKS = {"p", "li", "dt", "dd", "div", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
EXCERPT_CHARS = 2000


def bigrams(text: str) -> str:
    """Han runs become their overlapping bigrams, each spelt as a Latin token; other text is kept.
    The same rule as `bigrams` in overrides/assets/search.js."""
    def split(match: re.Match) -> str:
        run = match.group(0)
        grams = [run] if len(run) < 2 else [run[i:i + 2] for i in range(len(run) - 1)]
        return " " + " ".join(_spell(g) for g in grams) + " "
    return re.sub(r"\s+", " ", HAN.sub(split, text)).strip()


def _spell(gram: str) -> str:
    """医托 -> z533bz6258z. Pagefind segments Chinese with jieba when indexing but with the browser's
    Intl.Segmenter when searching, and the two split differently (医托: one word, two words); a
    Latin token is left whole by both, and no English stemmer rule strips a final z."""
    return "z" + "z".join(f"{ord(c):x}" for c in gram) + "z"


def toneless_pinyin(term) -> list[str]:
    """带量采购 -> ['dailiangcaigou', 'dailiang caigou', 'dai liang cai gou']: joined, by word (jieba
    words of the term), by syllable; from the glossary's own pinyin, so its overrides count."""
    import jieba

    syllables = term.pinyin.translate(_TONES).lower().replace("-", " ").split()
    forms = ["".join(syllables), " ".join(syllables)]
    if len(syllables) == len(term.zh):
        words, i = [], 0
        for w in jieba.cut(term.zh):
            words.append("".join(syllables[i:i + len(w)]))
            i += len(w)
        forms.insert(1, " ".join(words))
    forms += [f.replace("ü", "v") for f in forms if "ü" in f] + [f.replace("ü", "u") for f in forms if "ü" in f]
    return list(dict.fromkeys(forms))


@dataclass
class Record:
    url: str  # relative to the site root, with the section anchor: 2025-national/#item-6
    language: str  # zh or en: Pagefind writes one index per language
    page_title: str
    heading: str
    text: str  # readable text of the section
    extra: list[str] = field(default_factory=list)  # indexed, never shown (pinyin)
    own_heading: bool = True  # False for a paragraph shown under its section's heading
    names: list[str] = field(default_factory=list)  # a glossary entry's term, renderings and pinyin
    filters: dict[str, list[str]] = field(default_factory=dict)  # year, kind, document: `document_filters`

    @property
    def content(self) -> str:
        heading = [self.heading, self.heading] if self.own_heading else []
        return bigrams(" ".join([*heading, self.text, *self.extra]))

    @property
    def meta(self) -> dict[str, str]:
        text = self.text if len(self.text) <= EXCERPT_CHARS else self.text[:EXCERPT_CHARS] + "…"
        meta = {"title": self.heading, "page": self.page_title, "text": text}
        if not self.own_heading:  # the heading shown is its section's, not part of its text
            meta["unit"] = "1"
        if self.names:  # search.js lists an entry whose name is exactly the query first
            meta["names"] = "|".join(n.lower() for n in self.names)
        return meta


def _sections(page: str) -> tuple[str, str, list[dict]]:
    """(language, title, sections) of a Material page: its article split into sections at each
    heading that has an id, and at each unit with an anchor of its own (UNIT_ID). Parsed by lxml
    (libxml2); the walk keeps the text of every section, with a space for each block boundary."""
    root = lxml_html.document_fromstring(page)
    title = root.find(".//title")
    article = next((e for e in root.iter("article") if "md-content__inner" in (e.get("class") or "").split()), None)
    sections: list[dict] = []
    in_heading = False

    def text(data: str) -> None:
        if sections and data:
            sections[-1]["heading" if in_heading else "text"].append(data)

    def walk(el) -> None:
        nonlocal in_heading
        tag = el.tag
        if not isinstance(tag, str) or tag in VOID:  # comments; void elements have no text
            if tag == "br":
                text(" ")
            return
        if set((el.get("class") or "").split()) & SKIP_CLASSES:
            if any(isinstance(d.tag, str) and (d.tag in BLOCKS or d.tag == "br") for d in el.iter()):
                text(" ")  # the words on either side stay apart
            return
        ident = el.get("id") or ""
        starts_heading = tag in HEADINGS and bool(ident)
        if starts_heading:
            sections.append({"id": ident, "heading": [], "text": []})
            in_heading = True
        elif UNIT_ID.match(ident) and sections:
            sections.append({"id": ident, "heading": list(sections[-1]["heading"]), "text": []})
        elif tag in BLOCKS:
            text(" ")
        children(el)
        if starts_heading:
            in_heading = False
        elif tag in BLOCKS:
            text(" ")

    def children(el) -> None:
        text(el.text or "")
        for child in el:
            walk(child)
            text(child.tail or "")

    if article is not None:
        children(article)
    return (root.get("lang") or "").split("-")[0], title.text_content() if title is not None else "", sections


def _clean(parts: list[str]) -> str:
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _article(html: str) -> str:
    """The page's head (language and title) and its article: the parser need not read the
    navigation, which lists every page of the site and so makes most of a page's HTML."""
    start = html.find('<article class="md-content__inner')
    end = html.rfind("</article>")
    title_end = html.find("</title>")
    if start < 0 or end < start or not 0 <= title_end < start:
        return html
    return html[:title_end + len("</title>")] + html[start:end + len("</article>")]


def unit_title(anchor: str, heading: str, text: str, lang: str) -> str:
    """The result title of a unit without a heading of its own (a news-report paragraph, an
    apparatus entry): what it is and how it begins, not the heading of the section it sits under
    (a newspaper sub-heading often has nothing to do with the paragraphs after it).
    para-12 -> '第12段：国家医保局…' / '¶12: The National…'; app-e5 -> '校勘记 e5：…'."""
    number = anchor.split("-", 1)[1]
    if anchor.startswith("para-"):
        label = f"第{number}段" if lang == "zh" else f"¶{number}"
    else:
        label = f"{heading} {number}"
        text = text.removeprefix(number).lstrip()  # an apparatus entry begins with its id
    if lang == "zh":
        opening = text if len(text) <= 24 else text[:24] + "…"
    else:
        opening = text if len(text) <= 60 else text[:60].rsplit(" ", 1)[0] + "…"
    return f"{label}：{opening}" if lang == "zh" else f"{label}: {opening}"


def page_records(html: str, url: str) -> list[Record]:
    page_lang, title, sections = _sections(_article(html))
    lang = "en" if page_lang == "en" else "zh"
    page_title = _clean([title]).split(" - ")[0]
    out = []
    for s in sections:
        heading, text = _clean(s["heading"]), _clean(s["text"])
        if heading or text:
            own = not UNIT_ID.match(s["id"])
            if not own:
                heading = unit_title(s["id"], heading, text, lang)
            out.append(Record(f"{url}#{s['id']}", lang, page_title, heading, text, own_heading=own))
    return out


def document_filters(documents, labels: dict, short) -> dict[str, dict[str, dict[str, list[str]]]]:
    """Search filters of each document's pages, from its metadata: {document id: {language:
    {"year": ["2025"], "kind": ["national Key Points"], "document": ["2025 national"]}}}.
    `documents`: the edition's DocumentEditions; `labels`: the wording per language (hooks/edition/labels/, kind names);
    `short(d, lang)`: the document's short name (render._short). The search box offers these
    values as filters and recognises them as words in a query (overrides/assets/search.js)."""
    out: dict[str, dict[str, dict[str, list[str]]]] = {}
    for d in documents:
        out[d.id] = {lang: {"year": [str(d.meta["year"])], "kind": [labels[lang]["kind_names"][d.meta["kind"]]],
                            "document": [short(d, lang)]} for lang in ("zh", "en")}
    return out


def skip_section(url: str) -> bool:
    """Theme pages list item headings under each document; comparison and what's-new pages quote
    and discuss the items. Those sections would crowd out the items themselves, so only the top of
    such a page (its title and summary) is a record."""
    page, _, anchor = url.partition("#")
    if "themes/" in page:
        return anchor not in ("theme", "themes")
    if page.startswith(("compare/", "en/compare/", "whats-new/", "en/whats-new/")):
        return anchor not in ("", "compare", "summary", "whats-new")
    return False


def site_records(site_dir: Path, glossary=None, filters=None) -> list[Record]:
    """Records of every page in site_dir; `filters` (document_filters) are attached to the
    records of each document's own page."""
    terms = {t.anchor: t for t in glossary.terms} if glossary is not None else {}
    filters = filters or {}
    records = []
    for path in sorted(site_dir.rglob("index.html")):
        rel = path.parent.relative_to(site_dir).as_posix()
        if rel.startswith(("pagefind", "assets", "search")):
            continue
        url = "" if rel == "." else f"{rel}/"
        for r in page_records(path.read_text(encoding="utf-8"), url):
            if skip_section(r.url):
                continue
            anchor = r.url.partition("#")[2]
            doc = url.removeprefix("en/").rstrip("/")
            if doc in filters:
                r.filters = filters[doc][r.language]
            if "glossary/" in r.url and anchor in terms:
                t = terms[anchor]
                r.extra = toneless_pinyin(t)
                r.names = [t.zh, t.en, *t.alt, *r.extra]
            records.append(r)
    return records


class _Pagefind:
    """The `pagefind --service` protocol (base64 JSON messages ended by a comma), spoken directly:
    the pagefind package's asyncio client sleeps 0.1 s per response, 75 s for this site."""

    def __init__(self):
        from pagefind.service import get_executable
        self.proc = subprocess.Popen([str(get_executable()), "--service"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.message_id = 0

    def send(self, payload: dict) -> dict:
        self.message_id += 1
        message = {"message_id": self.message_id, "payload": payload}
        self.proc.stdin.write(base64.b64encode(json.dumps(message).encode()) + b",")
        self.proc.stdin.flush()
        while True:
            raw = b""
            while not raw.endswith(b","):
                chunk = self.proc.stdout.read1(1 << 16) if not raw else self.proc.stdout.read(1)
                if not chunk:
                    raise RuntimeError("pagefind stopped without an answer")
                raw += chunk
            answer = json.loads(base64.b64decode(raw[:-1]))
            if answer and answer.get("message_id") == self.message_id:
                if answer["payload"]["type"] == "Error":
                    raise RuntimeError(f"pagefind: {answer['payload'].get('message')}")
                return answer["payload"]

    def peak_memory(self) -> int:
        """Bytes: the Pagefind process's own peak resident memory (VmHWM; the parent's rusage of
        its children would count the parent's memory at the fork as well). 0 where /proc is absent."""
        try:
            status = Path(f"/proc/{self.proc.pid}/status").read_text()
        except OSError:
            return 0
        return next((int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmHWM:")), 0)

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def _write(records: list[Record], out: Path) -> int:
    """Index the records into `out`; returns the Pagefind process's peak memory in bytes."""
    pf = _Pagefind()
    try:
        index_id = pf.send({"type": "NewIndex", "config": None})["index_id"]
        for r in records:
            pf.send({"type": "AddRecord", "index_id": index_id, "url": r.url, "content": r.content,
                     "language": r.language, "meta": r.meta, "filters": r.filters or None, "sort": None})
        pf.send({"type": "WriteFiles", "index_id": index_id, "output_path": str(out)})
        return pf.peak_memory()
    finally:
        pf.close()


@dataclass
class IndexStats:
    records: int
    peak_memory: int  # bytes, of the Pagefind process


ATTEMPTS = 3  # Pagefind's service-mode race tears an index in roughly one run of ten


class SearchIndexError(RuntimeError):
    """The index was still not whole after ATTEMPTS runs of Pagefind."""


def build_index(site_dir: Path, glossary=None, filters=None, attempts: int = ATTEMPTS) -> IndexStats:
    """Write site_dir/pagefind/ (one index per language; `filters`: document_filters), whole or not at all.

    Each attempt writes into a fresh folder beside it, which search_index.problems reads back
    (every file decompresses and parses, every file the index refers to is there); a whole index
    replaces site_dir/pagefind/ in one rename, so no stale file of an earlier index stays (serve
    rebuilds it after every edit). Raises SearchIndexError naming the damaged files after `attempts`."""
    records = site_records(site_dir, glossary, filters)
    final = site_dir / "pagefind"
    found: list[str] = []
    for _ in range(attempts):
        staging = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=site_dir))
        try:
            peak = _write(records, staging)
            found = search_index.problems(staging)
            if not found:  # the same bytes for the same site (Pagefind writes in hash-map order)
                search_index.normalise(staging)
                found = search_index.problems(staging)
            if not found:
                old = site_dir / f".pagefind-old-{os.getpid()}"
                if final.exists():
                    final.rename(old)
                staging.rename(final)
                shutil.rmtree(old, ignore_errors=True)
                return IndexStats(len(records), peak)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    raise SearchIndexError(f"the Pagefind index was not whole after {attempts} attempts: " + "; ".join(found[:5]))


def add_terms_to_jieba(glossary) -> None:
    """For Material's own search (bench/search_compare.py): segment each glossary term as a unit."""
    import jieba
    for t in glossary.terms:
        jieba.add_word(t.zh, freq=2000)
