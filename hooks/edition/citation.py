"""How to cite a document or one of its units: one citation record, written out in every format
reference managers and bibliography processors read.

`record(...)` builds the record of what is cited (issuer, title and original title, the unit's
locator and heading, document number, date or none, the edition, its translators, permalink and
access date); the formatters write it as a Chicago bibliography entry (HTML and plain text), a
BibTeX entry that BibTeX's and biblatex's standard styles print completely, CSL-JSON, RIS and a
COinS span (for Zotero). tests/test_citation.py runs them through pybtex and citeproc-py.

The access date is the date of the build; edition.js replaces it on the page with the reader's
date, since the date someone consulted a page is what a citation records.
"""
from __future__ import annotations

import datetime as dt
import html
import os
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from . import publication
from .wording import labels

EDITION_TITLE = publication.default().title  # {zh, en}, from annotations/edition.yml
# Who made the reading text, the translation and the notes (the translator of a citation).
TRANSLATOR = {"en": "the edition's contributors", "zh": "本项目贡献者"}
MONTHS = labels()["en"]["months"]
NO_DATE = {"en": "n.d.", "zh": "未署日期"}


def format_date(iso: str, lang: str) -> str:
    """'2025-05-13' -> 'May 13, 2025' (Chicago: month day, year) or '2025年5月13日'."""
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{y}年{m}月{d}日" if lang == "zh" else f"{MONTHS[m - 1]} {d}, {y}"


def permalink(site_url: str, doc_id: str, unit_id: str | None, lang: str) -> str:
    """The page of a document (unit_id None) or the anchor of one unit, in one language."""
    base = site_url.rstrip("/") + "/" + ("en/" if lang == "en" else "")
    return f"{base}{doc_id}/" + (f"#{unit_id}" if unit_id else "")


@dataclass(frozen=True)
class Record:
    """What is cited, in one language. `date` is ISO or None (the source gives none: "n.d.")."""

    key: str
    lang: str
    issuers: tuple[str, ...]
    title: str  # the document's title in `lang`
    original_title: str | None  # the Chinese title, when citing the English translation
    locator: str  # "item (6)", "paragraph 7", "" for the whole document
    heading: str  # the unit's heading in `lang`, or ""
    number: str | None
    date: str | None
    year: int
    url: str
    accessed: str  # ISO date
    edition_title: str
    translator: str | None  # None for the Chinese reading text

    @property
    def full_title(self) -> str:
        """Document title, locator and heading in one string (for formats with a single title field)."""
        out = self.title
        if self.locator:
            out += ("" if self.lang == "zh" else ", ") + self.locator
        if self.heading:
            out += ("" if self.lang == "zh" else ": ") + self.heading
        return out


def build_date() -> dt.date:
    """The date of this build: SOURCE_DATE_EPOCH (seconds since 1970, UTC; the reproducible-builds
    convention) when it is set, so that two builds of one commit are identical; else today.
    Raises ValueError if SOURCE_DATE_EPOCH is not an integer."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


def record(meta: dict, doc_id: str, unit_id: str | None, locator: str, heading: str, lang: str,
           site_url: str, today: dt.date | None = None, edition_title: str | None = None) -> Record:
    """The citation record of a document (unit_id None) or one unit of it.

    meta: the document's manifest entry (title, issuers, number, date, year);
    locator: the unit as readers name it ("item (6)", "paragraph 7"; "" for the document);
    heading: the unit's heading in `lang` (the English heading on English pages), may be "".
    """
    today = today or build_date()
    key = re.sub(r"[^a-z0-9]+", "-", f"jiufeng-{doc_id}" + (f"-{unit_id}" if unit_id else "")
                 + ("" if lang == "en" else "-zh")).strip("-")
    return Record(
        key=key, lang=lang, issuers=tuple(i[lang] for i in meta["issuers"]),
        title=meta["title"][lang], original_title=meta["title"]["zh"] if lang == "en" else None,
        locator=locator, heading=heading.strip().rstrip(".。") if heading else "",
        number=meta.get("number") or None, date=meta.get("date") or None, year=int(meta["year"]),
        url=permalink(site_url, doc_id, unit_id, lang), accessed=today.isoformat(),
        edition_title=edition_title or EDITION_TITLE[lang], translator=TRANSLATOR["en"] if lang == "en" else None)


# --------------------------------------------------------------------------- Chicago

def chicago(r: Record, as_html: bool = False) -> str:
    """Chicago (17th ed.) bibliography entry. HTML: the edition's title in <i>, all else escaped."""
    e = html.escape if as_html else (lambda s: s)
    edition = f"<i>{e(r.edition_title)}</i>" if as_html else r.edition_title
    if r.lang == "zh":
        parts = ["；".join(map(e, r.issuers)) + "：《" + e(r.title) + "》" + e(r.locator) + e(r.heading)]
        parts += [e(r.number)] if r.number else []
        parts.append(format_date(r.date, "zh") if r.date else NO_DATE["zh"])
        parts.append(f"载{TRANSLATOR['zh']}整理、译注《{edition}》")
        parts.append(e(r.url))
        return "，".join(parts) + f"，访问日期：{format_date(r.accessed, 'zh')}。"
    # English: the title of a translated document in quotation marks with the original in brackets;
    # the period goes inside the closing quotation mark (Chicago 6.9).
    out = e("; ".join(r.issuers)) + ". "
    title = e(r.title) + (f" [{e(r.original_title)}]" if r.original_title else "")
    if r.locator:
        out += f"“{title},” {e(r.locator)}"
        out += f", “{e(r.heading)}.” " if r.heading else ". "
    else:
        out += f"“{title}.” "
    if r.number:
        out += e(r.number) + ", "
    out += (format_date(r.date, "en") + ". ") if r.date else NO_DATE["en"] + " "
    out += f"Translated by {e(r.translator)}. In {edition}. {e(r.url)}. Accessed {format_date(r.accessed, 'en')}."
    return out


# --------------------------------------------------------------------------- BibTeX / biblatex

def _bib(value: str) -> str:
    """A BibTeX field value: special characters escaped, braces removed (they would unbalance it)."""
    return re.sub(r"([&%$#_])", r"\\\1", value.replace("{", "").replace("}", "").replace("\\", ""))


def bibtex(r: Record) -> str:
    """A @misc entry that BibTeX's standard styles (plain, unsrt, alpha) and biblatex print in full.

    Classic styles print only author, title, howpublished, month/year, note and url(+urldate) of a
    @misc, so the document number, original title, translator and edition go into `howpublished`;
    the title is braced so that styles do not lower-case it; a source without a date has year
    "n.d.". The structured fields (number, date, origtitle, translator, booktitle, urldate) are
    there too for tools that import BibTeX (Zotero, JabRef).
    """
    howpublished = []
    if r.lang == "zh":
        howpublished += [f"文号：{r.number}"] if r.number else []
        howpublished += [f"载{TRANSLATOR['zh']}整理、译注《{r.edition_title}》"]
    else:
        howpublished += [f"Document no. {r.number}"] if r.number else []
        howpublished += [f"Original title: {r.original_title}", f"Translated by {r.translator}",
                         f"In {r.edition_title}"]
    fields = [("author", " and ".join("{" + _bib(i) + "}" for i in r.issuers)),
              ("title", "{" + _bib(r.full_title) + "}"),
              ("howpublished", _bib(". ".join(howpublished))),
              ("year", str(r.year) if r.date else NO_DATE[r.lang])]
    if r.date:
        fields += [("month", MONTHS[int(r.date[5:7]) - 1][:3].lower()), ("date", r.date)]
    fields += [("number", _bib(r.number or "")), ("origtitle", _bib(r.original_title or "")),
               ("translator", "{" + _bib(r.translator) + "}" if r.translator else ""),
               ("booktitle", "{" + _bib(r.edition_title) + "}"),
               ("language", "english" if r.lang == "en" else "chinese"),
               ("url", r.url), ("urldate", r.accessed)]
    body = "".join(f"  {k} = {v},\n" if k == "month" else f"  {k} = {{{v}}},\n" for k, v in fields if v)
    return "@misc{" + r.key + ",\n" + body + "}"


# --------------------------------------------------------------------------- CSL-JSON, RIS, COinS

def _date_parts(iso: str) -> dict:
    return {"date-parts": [[int(x) for x in iso.split("-")]]}


def csl(r: Record) -> dict:
    """CSL-JSON item (type report: a government document with a number). No `issued` when the
    source gives no date, so CSL styles print "n.d."."""
    item = {
        "id": r.key, "type": "report",
        "author": [{"literal": i} for i in r.issuers],
        "title": r.full_title,
        "container-title": r.edition_title,
        "URL": r.url, "accessed": _date_parts(r.accessed),
        "language": "en" if r.lang == "en" else "zh-Hans",
        "genre": "Government document" if r.lang == "en" else "政府文件",
    }
    if r.original_title:
        item["original-title"] = r.original_title
    if r.translator:
        item["translator"] = [{"literal": r.translator}]
    if r.number:
        item["number"] = r.number
    if r.date:
        item["issued"] = _date_parts(r.date)
    if r.locator:
        item["section"] = r.locator
    return item


def ris(r: Record) -> str:
    """RIS record (TY GOVDOC), CRLF line ends as the format specifies."""
    lines = [("TY", "GOVDOC"), *[("AU", i) for i in r.issuers], ("TI", r.full_title),
             ("T2", r.edition_title)]
    if r.original_title:
        lines.append(("OP", r.original_title))  # RIS: original publication
    if r.translator:
        lines.append(("A4", r.translator))  # RIS: translator (subsidiary author)
    if r.number:
        lines.append(("M1", r.number))
    if r.date:  # no date: none is given (RIS has no "n.d."; a reference manager leaves it empty)
        lines += [("DA", r.date.replace("-", "/")), ("PY", str(r.year))]
    lines += [("UR", r.url), ("Y2", r.accessed.replace("-", "/")),
              ("LA", "English" if r.lang == "en" else "Chinese"), ("ID", r.key), ("ER", "")]
    return "".join(f"{k}  - {v}\r\n" for k, v in lines)


def coins(r: Record) -> str:
    """OpenURL ContextObject for a COinS span (title attribute, not yet HTML-escaped): Zotero
    offers every COinS span of a page as an item to import."""
    pairs = [("ctx_ver", "Z39.88-2004"), ("rft_val_fmt", "info:ofi/fmt:kev:mtx:book"), ("rft.genre", "bookitem"),
             ("rft.atitle", r.full_title), ("rft.btitle", r.edition_title),
             *[("rft.aucorp", i) for i in r.issuers],
             ("rft.date", r.date or NO_DATE[r.lang]), ("rft_id", r.url),
             ("rft.language", "eng" if r.lang == "en" else "chi")]
    return urlencode(pairs)


def highwire(r: Record) -> list[tuple[str, str]]:
    """Highwire Press `citation_*` meta tags (name, content) for a page's <head>, as Zotero's
    Embedded Metadata translator reads them: a report with its institution and number."""
    tags = [("citation_title", r.full_title), *[("citation_author", i) for i in r.issuers],
            ("citation_technical_report_institution", "; ".join(r.issuers))]
    if r.number:
        tags.append(("citation_technical_report_number", r.number))
    if r.date:
        tags.append(("citation_date", r.date.replace("-", "/")))
    else:
        tags.append(("citation_year", str(r.year)))
    tags += [("citation_publisher", r.edition_title), ("citation_language", "en" if r.lang == "en" else "zh"),
             ("citation_public_url", r.url)]
    return tags


def reference(r: Record) -> dict:
    """Every form of one record, for a page's citation box."""
    return {"chicago": chicago(r), "chicago_html": chicago(r, as_html=True), "bibtex": bibtex(r),
            "coins": coins(r), "url": r.url, "accessed": r.accessed}
