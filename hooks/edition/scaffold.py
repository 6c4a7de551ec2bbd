"""`make new-document`: add a raw source to the edition and scaffold its annotation file.

The raw file is copied into sources/ byte for byte; its catalogue record sources/<id>.yml is written
beside it (with its SHA-256, what can be read off the text, and TODO placeholders for the rest, which
`make check` lists until they are filled in); annotations/<id>.yml lists every unit the parser finds,
each with an empty `en` (shown as untranslated until filled in); and the document is added to the
navigation. mkdocs.yml is edited as text, so its comments and layout survive.
"""
from __future__ import annotations

import collections
import re
import shutil
import statistics
from dataclasses import dataclass
from pathlib import Path

from . import document, emendation, manifest, rules
from .errors import EditionError
from .item import ITEM_RE, PART_RE
from .rules import ReadingConfig

# Item markers as raw texts have them: OCR reads （六〉, PDF text layers give (一).
_RAW_ITEM = re.compile(r"^[（(〈][一二三四五六七八九十]+[）)〉]")
ID_RE = re.compile(r"^[0-9]{4}-[a-z0-9-]+$")
KINDS = ("national-work-points", "provincial-work-points", "news-report")
TODO = "TODO"
SCHEMA_LINE = "# yaml-language-server: $schema=schema/document.schema.json"


class ScaffoldError(Exception):
    """The document cannot be scaffolded; the message says why and what to do."""


@dataclass
class Result:
    doc_id: str
    files: list[str]  # project-relative paths written or changed
    layout: str
    units: int
    parts: int
    items: int
    nav: bool  # whether mkdocs.yml was updated
    problems: list[str]  # why the parser found no structure, if it did not


def guess_kind(doc_id: str) -> str:
    if "news" in doc_id:
        return "news-report"
    return "national-work-points" if doc_id.endswith("-national") else "provincial-work-points"


def detect_layout(raw: str) -> str:
    """'wrapped' when most lines have the same length (a PDF's text layer or OCR broke them at
    the line width); 'lines' when each line is a whole paragraph of its own length."""
    lengths = [len(line.strip()) for line in raw.split("\n") if line.strip()]
    if len(lengths) < 5:
        return "lines"
    counts = collections.Counter(lengths)
    modal = max(sum(counts[k] for k in range(m - 1, m + 2)) for m in counts)
    return "wrapped" if modal / len(lengths) >= 0.4 and statistics.median(lengths) < 50 else "lines"


def detect_rules(raw: str) -> list[str]:
    found = []
    if re.search(r"[\u4e00-\u9fff][ \u3000\u2002]+[\u4e00-\u9fff0-9]|[0-9][ \u3000]+[\u4e00-\u9fff]", raw):
        found.append("cjk-spacing")
    if re.search(r"[０-９]", raw):
        found.append("fullwidth-digits")
    return found


def count_markers(raw: str) -> tuple[int, int]:
    """Parts (一、) and items (（一）) counted on the raw lines, independently of the parser,
    so that the record's `expected` counts can catch a wrong paragraph break."""
    parts = items = 0
    for line in raw.split("\n"):
        text = re.sub(r"\s+", "", line)
        parts += bool(PART_RE.match(text))
        items += bool(ITEM_RE.match(text) or _RAW_ITEM.match(text))
    return parts, items


def _parse(doc_id: str, kind: str, raw: str, layout: str, rule_names: list[str]):
    config = ReadingConfig(layout=layout, rules=tuple(rule_names))
    display = f"annotations/{doc_id}.yml"
    edits = rules.build_edits(raw, config, [], display)
    reading = emendation.apply(raw, edits, display)
    return document.parse(doc_id, {"kind": kind}, reading, display)


def _q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _date(text: str | None) -> str | None:
    m = re.match(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$", text or "")
    return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else None


RECORD_HEADER = """# yaml-language-server: $schema=../annotations/schema/source.schema.json
#
# Catalogue record of the raw text {file} beside it, scaffolded by `make new-document`: fill in
# every TODO (`make check` lists them). `sha256` proves that the raw file is still the one
# received (never edit it by hand: corrections go in annotations/).
"""


def record_text(doc_id: str, kind: str, year: int, file: str, received_as: str, sha: str,
                   doc, parts: int, items: int, known: set[str]) -> str:
    unit = {u.kind: u for u in reversed(doc.units)} if doc else {}
    title = unit.get("notice-title") or unit.get("title") or unit.get("headline")
    number = unit.get("notice-number")
    date = _date(unit["notice-date"].text) if "notice-date" in unit else None
    lines = [
        f"    id: {doc_id}",
        f"    file: {file}",
        f"    received_as: {_q(received_as)}",
        f"    sha256: {sha}",
        f"    kind: {kind}",
        f"    year: {year}",
        "    title:",
        f"      zh: {_q(title.text.replace(chr(10), '') if title else TODO + ': 中文标题')}",
        f"      en: {_q(TODO + ': English title')}",
        "    issuers:",
        f"      - zh: {_q(TODO + ': 发文机关')}",
        f"        en: {_q(TODO + ': issuing body in English')}",
        f"    number: {_q(number.text) if number else 'null'}",
        f"    date: {date or 'null'}",
    ]
    if not date:
        lines += ["    date_note:",
                  f"      zh: {_q(TODO + ': 例如“本文本未载成文日期。”')}",
                  f"      en: {_q(TODO + ': e.g. This copy does not show the date of issue.')}"]
    related = f"{year}-national"
    if kind == "provincial-work-points" and related in known:
        lines.append(f"    implements: {related}")
    if kind == "news-report" and related in known:
        lines.append(f"    reports_on: {related}")
    lines += [
        "    provenance:",
        f"      zh: {_q(TODO + ': 文本来源（网页文本、PDF文本层、OCR……）')}",
        f"      en: {_q(TODO + ': where the text comes from (web page, PDF text layer, OCR …)')}",
        "    expected:",
        f"      parts: {parts}",
        f"      items: {items}",
    ]
    return RECORD_HEADER.format(file=file) + "".join(line[4:] + "\n" for line in lines)


def annotation_file(doc_id: str, layout: str, rule_names: list[str], doc) -> str:
    out = [
        SCHEMA_LINE,
        "#",
        f"# Annotation file of {doc_id}, scaffolded by `make new-document`. Fill in `en` (and `heading`",
        "# for items) unit by unit; a unit whose `en` is empty is shown as not yet translated. Tag every",
        "# item with `themes` (ids from annotations/themes.yml). Then `make check`; see CONTRIBUTING.md.",
        f"document: {doc_id}",
        "reading:",
        f"  layout: {layout}",
    ]
    if rule_names:
        out.append(f"  rules: [{', '.join(rule_names)}]")
    if layout == "wrapped":
        out.append("  breaks_after: []  # raw lines after which a paragraph ends (besides before 一、 and （一）)")
    out += [
        "  # rules: cjk-spacing, fullwidth-digits, punctuation (see annotations/schema/document.schema.json)",
        "emendations: []",
        "units:",
    ]
    for u in doc.units if doc else []:
        first = u.text.split("\n")[0]
        out.append(f"  # {first[:60]}{'…' if len(first) > 60 or chr(10) in u.text else ''}")
        out.append(f"  {u.id}:")
        if u.kind == "item":
            out.append('    heading: ""')
        out.append('    en: ""')
        if u.kind == "item":
            out.append("    themes: []")
    if not doc:
        out[-1] = "units: {}"
    return "\n".join(out) + "\n"


NAV_TITLES = {
    "national-work-points": ("{year}年全国工作要点", "{year} national Work Points"),
    "provincial-work-points": ("{year}年" + TODO + "省工作要点", "{year} " + TODO + " Work Points"),
    "news-report": ("{year}年新闻报道", "{year} news report"),
}


def add_to_nav(mkdocs_yml: Path, doc_id: str, year: int, nav_zh: str, nav_en: str) -> bool:
    """Insert the document into the 文件 section (newest year first) and its English nav title.
    Returns False, changing nothing, if mkdocs.yml is not laid out as expected."""
    lines = mkdocs_yml.read_text(encoding="utf-8").split("\n")
    try:
        section = lines.index("  - 文件:")
        translations = next(i for i, l in enumerate(lines) if l.strip() == "nav_translations:")
    except (ValueError, StopIteration):
        return False
    indent = " " * (len(lines[translations + 1]) - len(lines[translations + 1].lstrip()))
    entry = f"      - {nav_zh}: edition/{doc_id}.md"
    if any(f"edition/{doc_id}.md" in l for l in lines):
        return False
    at = section + 1
    while at < len(lines) and lines[at].startswith("      - "):
        m = re.search(r"edition/(\d{4})-", lines[at])
        if m and int(m.group(1)) < year:
            break
        at += 1
    lines.insert(at, entry)
    lines.insert(translations + 1, f"{indent}{nav_zh}: {nav_en}")
    mkdocs_yml.write_text("\n".join(lines), encoding="utf-8")
    return True


def new_document(root: Path, src: Path, doc_id: str, kind: str | None = None, year: int | None = None,
                 nav_zh: str | None = None, nav_en: str | None = None) -> Result:
    root = Path(root)
    if not ID_RE.match(doc_id):
        raise ScaffoldError(f"document id {doc_id!r} must look like 2026-national or 2025-hainan "
                            "(year, hyphen, lower-case letters, digits and hyphens)")
    kind = kind or guess_kind(doc_id)
    if kind not in KINDS:
        raise ScaffoldError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    year = year or int(doc_id[:4])
    src = Path(src)
    if not src.is_file():
        raise ScaffoldError(f"{src} is not a file: give the path of the raw text (SRC=path/to/raw.txt)")
    data = src.read_bytes()
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScaffoldError(f"{src} is not UTF-8 (byte {exc.start}): convert it first, e.g. "
                            f"`iconv -f GB18030 -t UTF-8 {src} > raw.txt`, and record the conversion "
                            "in the record's `provenance`") from None
    known = [path.stem for path in manifest.record_files(root)]
    record_path = root / "sources" / f"{doc_id}.yml"
    if doc_id in known:
        raise ScaffoldError(f"{doc_id} is already in the edition (sources/{doc_id}.yml)")
    target = root / "sources" / f"{doc_id}.txt"
    ann_path = root / "annotations" / f"{doc_id}.yml"
    for path in (target, ann_path):
        if path.exists():
            raise ScaffoldError(f"{path.relative_to(root)} already exists; remove it or choose another id")

    layout, rule_names = detect_layout(raw), detect_rules(raw)
    doc, problems = None, []
    for candidate in (layout, "lines" if layout == "wrapped" else "wrapped"):
        try:
            doc = _parse(doc_id, kind, raw, candidate, rule_names)
            layout = candidate
            break
        except EditionError as exc:
            problems = problems or [str(p) for p in exc.problems]  # those of the detected layout
    parts, items = count_markers(raw)

    shutil.copyfile(src, target)  # byte for byte
    record = record_text(doc_id, kind, year, target.name, src.name, manifest.sha256(target), doc,
                         parts, items, set(known))
    record_path.write_text(record, encoding="utf-8")
    ann_path.write_text(annotation_file(doc_id, layout, rule_names, doc), encoding="utf-8")
    zh, en = NAV_TITLES[kind]
    nav = add_to_nav(root / "mkdocs.yml", doc_id, year, nav_zh or zh.format(year=year), nav_en or en.format(year=year))
    files = [f"sources/{target.name}", f"sources/{record_path.name}", f"annotations/{doc_id}.yml"] + (["mkdocs.yml"] if nav else [])
    return Result(doc_id, files, layout, len(doc.units) if doc else 0,
                  len(doc.parts) if doc else 0, len(doc.items) if doc else 0, nav, [] if doc else problems)
