"""How to cite one item: a Chicago-style reference and a BibTeX entry with the item's permalink.

The access date is the date of the build; edition.js replaces it with the reader's date, since
the date someone consulted a page is what a citation records.
"""
from __future__ import annotations

import datetime as dt
import os
import re

EDITION_TITLE = {
    "en": "Work Points for Correcting Unhealthy Practices in Pharmaceutical Purchasing and Sales and in "
          "Medical Services: An Annotated English–Chinese Edition",
    "zh": "纠正医药购销领域和医疗服务中不正之风工作要点中英对照注释版",
}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def format_date(iso: str, lang: str) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{y}年{m}月{d}日" if lang == "zh" else f"{MONTHS[m - 1]} {d}, {y}"  # Chicago: month day, year


def permalink(site_url: str, doc_id: str, unit_id: str, lang: str) -> str:
    base = site_url.rstrip("/") + "/" + ("en/" if lang == "en" else "")
    return f"{base}{doc_id}/#{unit_id}"


def _issuer(meta: dict, lang: str) -> str:
    return ("；" if lang == "zh" else "; ").join(i[lang] for i in meta["issuers"])


def build_date() -> dt.date:
    """The date of this build: SOURCE_DATE_EPOCH (seconds since 1970, UTC; the reproducible-builds
    convention) when it is set, so that two builds of one commit are identical; else today.
    Raises ValueError if SOURCE_DATE_EPOCH is not an integer."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


def reference(meta: dict, doc_id: str, unit_id: str, label: str, heading: str, lang: str,
              site_url: str, today: dt.date | None = None) -> dict:
    """Plain-text parts of the reference; the template escapes them."""
    today = today or build_date()
    url = permalink(site_url, doc_id, unit_id, lang)
    title = meta["title"][lang]
    number = meta.get("number") or ""
    date = format_date(meta["date"], lang) if meta.get("date") else ""
    accessed = format_date(today.isoformat(), lang)
    if lang == "zh":
        parts = [f"{_issuer(meta, lang)}：《{title}》{label}", number, date,
                 f"载《{EDITION_TITLE['zh']}》", url]
        chicago = "，".join(p for p in parts if p) + f"，访问日期：{accessed}。"
    else:
        heading = heading.rstrip(".")
        parts = [_issuer(meta, lang) + ".", f"“{title},” item {label}: “{heading}”", number, date,
                 f"In {EDITION_TITLE['en']}, translated and annotated by the edition's contributors", url]
        chicago = parts[0] + " " + ". ".join(p for p in parts[1:] if p) + f". Accessed {accessed}."
    key = re.sub(r"[^a-z0-9]+", "-", f"jiufeng-{doc_id}-{unit_id}".lower())
    fields = [
        ("author", "{" + _issuer(meta, "en") + "}"),
        ("title", f"{title}, {label}" + (f": {heading}" if heading else "")),
        ("year", str(meta["year"])),
        ("number", number),
        ("date", meta.get("date") or ""),
        ("booktitle", EDITION_TITLE[lang]),
        ("language", "chinese" if lang == "zh" else "english"),
        ("url", url),
        ("urldate", today.isoformat()),
    ]
    bibtex = "@misc{" + key + ",\n" + "".join(
        f"  {k} = {{{v if k == 'url' else _bib(v)}}},\n" for k, v in fields if v) + "}"  # url: verbatim
    return {"chicago": chicago, "bibtex": bibtex, "url": url, "accessed": today.isoformat()}


def _bib(value: str) -> str:
    """Escape the characters BibTeX treats specially (braces in the author field are ours)."""
    if value.startswith("{") and value.endswith("}"):
        return "{" + _bib(value[1:-1]) + "}"
    return re.sub(r"([&%$#_])", r"\\\1", value.replace("{", "").replace("}", ""))
