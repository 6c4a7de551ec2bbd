"""The downloadable PDF of each document: both languages in parallel, notes, apparatus, permalinks.

`python -m edition pdf` (make pdf) writes one PDF per document of the manifest; the site build
links those that match the current texts (`available`) and copies them to /pdf/<document-id>.pdf.

Why this way (measured: docs/engineering.en.md, "PDF and print"):
- Engine: WeasyPrint. It writes each glyph's Unicode from the text it shaped, so a glyph that Noto
  CJK shares between a CJK radical and an ordinary character (⻛/风, ⼯/工: 290 such glyphs) is
  extracted as the character of the text, whatever the font's character map says. It embeds the
  fonts as subsets (files 35–47 % smaller than Chromium's print of the same HTML) and needs no
  browser in the deploy job; it is about three times slower than Chromium.
- Generation is out of the build's hot path (about 3 s per document): `make pdf` renders only
  documents whose inputs changed since the last run (`fingerprint`), keeping the PDFs in a cache
  folder (.cache/pdf/, kept between deploys by the workflow's cache step).
- Layout: each passage's English under its Chinese, not beside it (side by side, text extraction
  reads a Chinese line and the English beside it as one line). The Chinese reading text is written
  out exactly, with no markers or links inside it, and never broken across pages, so that a reader
  copies and searches it as it is; apparatus markers are listed under their paragraph.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

from . import citation, markup, note, render
from .edition import DocumentEdition, Edition
from .translation import MISSING, STALE, UNCHECKED, status_of

CACHE = Path(".cache") / "pdf"  # relative to the project root
# The fonts of the print edition: Noto CJK (Debian's fonts-noto-cjk, also needed by the browser
# tests) for Chinese.
# English in a Latin serif (Noto CJK's own Latin sets curly quotes full-width), Chinese in Noto Serif CJK.
FONT_FAMILY = '"Liberation Serif", "DejaVu Serif", "Noto Serif CJK SC", serif'
FONT_FAMILY_ZH = '"Noto Serif CJK SC", serif'
_ABOUT = {
    "en": ("The Chinese column is the edition's reading text, exactly as on the web pages; each "
           "correction of the raw source is listed under its paragraph and in the apparatus at the "
           "end. The English is the edition's translation. Every passage ends with its permalinks "
           "on the web (Chinese page, English page)."),
    "zh": "左栏为本版阅读文本，与网页一致；对原始文本的每处校改列于所在段落之下及文末校勘记。右栏为本版英译。每段之后附其网页永久链接（中文页、英文页）。",
}


@dataclass(frozen=True)
class Built:
    """One document's PDF: `path` in the cache, its size in bytes, pages, and the seconds it took
    to render (0 when it came from the cache)."""

    doc_id: str
    path: Path
    size: int
    pages: int
    seconds: float


def _css_string(text: str) -> str:
    """A CSS string literal of plain text (for @page margin boxes)."""
    out = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c >= " " else " " for c in out) + '"'


def pdf_url(site_url: str, doc_id: str) -> str:
    """The published address of a document's PDF."""
    return site_url.rstrip("/") + f"/pdf/{doc_id}.pdf"


def _zh_text(unit) -> str:
    """The unit's reading text, escaped, exactly as it stands (line breaks kept by the CSS); an
    item's heading sentence, marker included, in bold."""
    if unit.kind == "item":
        head = len(unit.marker) + len(unit.heading)
        return f"<strong>{markup.escape(unit.text[:head])}</strong>{markup.escape(unit.text[head:])}"
    return markup.escape(unit.text)


def _en_html(t, unit) -> str:
    return render._en_html(t, unit)  # the same English as the web pages


def _document_citation(d: DocumentEdition, site_url: str, made: dt.date) -> dict:
    """The document's Chicago reference (citation.py, as on the pages) in both languages, with the
    date the PDF was made."""
    out = {}
    for lang in ("en", "zh"):
        ref = citation.chicago(citation.record(d.meta, d.id, None, "", "", lang, site_url, today=made))
        made_on = citation.format_date(made.isoformat(), lang)
        out[lang] = ref + (f"（PDF版，{made_on}生成）" if lang == "zh" else f" PDF made {made_on}.")
    return out


def _markers(d: DocumentEdition) -> dict[str, list[dict]]:
    """unit id -> the emendations marked in it, in order, with their reading."""
    ems = {e.id: e for e in d.annotation.emendations}
    sics = {s.id: s for s in d.annotation.sic}  # suspected source errors kept as printed: [sic]
    out: dict[str, list[dict]] = {}
    for unit_id, marks in render.apparatus_marks(d).items():
        seen = []
        for _, em_id, _ in sorted(marks):
            if em_id not in seen:
                seen.append(em_id)
        out[unit_id] = [{"id": i, "reading": f"{_short(sics[i].text)} [sic]"} if i in sics else
                        {"id": i, "reading": _short(ems[i].reading) if ems[i].reading else render.labels()["zh"]["removed"]}
                        for i in seen]
    return out


def _short(text: str, n: int = 24) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n] + "…"


def document_html(ed: Edition, d: DocumentEdition, site_url: str, licence: str = "",
                  made: dt.date | None = None, generator: str = "") -> str:
    """The print edition of document `d` as a standalone HTML page (templates/pdf/).

    site_url: the published address (mkdocs.yml `site_url`), for permalinks; licence: the
    copyright line; made: the date printed on the first page (default today). Annotation text
    passes through markup (sanitised) like everywhere else."""
    made = made or citation.build_date()  # SOURCE_DATE_EPOCH when set (reproducible)
    L = render.labels()
    meta = d.meta
    markers = _markers(d)
    units = []
    for u in d.doc.units:
        t = d.translation(u.id)
        status = status_of(u, t)
        ctx = {
            "id": u.id, "kind": u.kind, "unrelated": u.unrelated, "zh_text": _zh_text(u),
            "en_html": "" if u.kind == "part" else _en_html(t, u),
            "en_heading": (t.heading if u.kind == "item" else t.en if u.kind == "part" and isinstance(t.en, str) else None) if t else None,
            "number_en": f"({u.number})" if u.kind == "item" else "",
            "roman": render.ROMAN[u.number - 1] if u.kind == "part" and u.number <= len(render.ROMAN) else u.number,
            "en_state": (L["en"]["missing"] if status == MISSING else
                         "⚠ " + L["en"]["stale"] if status in (STALE, UNCHECKED) else ""),
            "markers": markers.get(u.id, []),
            "notes": [_note(ed, d, n, site_url) for n in (t.notes if t else [])],
            "label": _label(u, L),
            "permalink": None if u.kind == "part" else
            {lang: citation.permalink(site_url, d.id, u.id, lang) for lang in ("zh", "en")},
        }
        units.append(ctx)
    a_zh, a_en = render.apparatus(d, "zh"), render.apparatus(d, "en")
    for e_en, e_zh in zip(a_en["entries"], a_zh["entries"]):
        e_en["reason_en"], e_en["reason_zh"] = e_en["reason_html"], e_zh["reason_html"]
        if e_en["sic"]:
            e_en["translation_zh"] = e_zh["translation_html"]
            for r_en, r_zh in zip(e_en["readings"], e_zh["readings"]):
                r_en["zh_html"] = r_zh["html"]
    meta_rows = []
    for key, zh, en in _meta_rows(d, L):
        meta_rows.append({"zh_label": L["zh"][key], "en_label": L["en"][key], "zh": zh, "en": en})
    short = {lang: f"{meta['year']} · {meta['title'][lang]}" for lang in ("zh", "en")}
    css = render.render_template("pdf/print.css.j2", running=_css_string(_short(meta["title"]["en"], 90)),
                                 font_family=FONT_FAMILY, font_family_zh=FONT_FAMILY_ZH)
    return render.render_template(
        "pdf/document.html.j2", css=css, doc_id=d.id, title_zh=meta["title"]["zh"], title_en=meta["title"]["en"],
        short_zh=short["zh"], short_en=short["en"], edition_title=citation.EDITION_TITLE,
        issuers_en="; ".join(i["en"] for i in meta["issuers"]), generator=f"python -m edition pdf ({generator or 'WeasyPrint'})",
        meta_rows=meta_rows, units=units, L=L, notes_label=f"{L['en']['notes']}",
        page_url={lang: citation.permalink(site_url, d.id, "", lang).rstrip("#") for lang in ("zh", "en")},
        pdf_url=pdf_url(site_url, d.id), made=f"{made.isoformat()}",
        cite=_document_citation(d, site_url, made), about_en=markup.escape(_ABOUT["en"]), about_zh=markup.escape(_ABOUT["zh"]),
        licence=licence, apparatus=a_en,
        apparatus_intro_en=markup.escape(L["en"]["pdf_apparatus_intro"]),
        apparatus_intro_zh=markup.escape(L["zh"]["pdf_apparatus_intro"]),
    )


def _note(ed: Edition, d: DocumentEdition, n: note.Note, site_url: str) -> dict:
    """A note in both languages (the Chinese only for a note that has one), each with its sources
    (units by their full permalink, official documents by their address) and stated inference."""
    out = {"about": n.about, "en_html": markup.render(n.text, inline=True),
           "zh_html": markup.render(n.zh, inline=True) if n.zh else ""}
    for lang in ("en", "zh"):
        sources = []
        for s in n.sources:
            src = render._note_source(ed, d, s, lang, 1)
            if isinstance(s, note.UnitSource):
                src["href"] = citation.permalink(site_url, s.doc, s.unit, lang)
            sources.append(src)
        out[f"sources_{lang}"] = sources
        out[f"inference_{lang}"] = markup.render(n.inference[lang], inline=True) if n.inference else ""
    return out


def _label(u, L) -> str:
    names = {"box": "box", "subheading": "subheading", "credit": "credit", "colophon": "colophon",
             "notice-signatories": "signatories"}
    key = names.get(u.kind) or ("unrelated_heading" if u.kind == "linked-title" else None)
    if not key:
        return ""
    return f'<span lang="zh-Hans">{markup.escape(L["zh"][key])}</span> · {markup.escape(L["en"][key])}'


def _meta_rows(d: DocumentEdition, L: dict):
    meta = d.meta
    done, total = render.coverage(d)
    yield "meta_issuer", "；".join(i["zh"] for i in meta["issuers"]), "; ".join(i["en"] for i in meta["issuers"])
    yield "meta_number", meta.get("number") or L["zh"]["not_given"], meta.get("number") or L["en"]["not_given"]
    yield "meta_date", render._date(meta, "zh"), render._date(meta, "en")
    yield "meta_kind", L["zh"]["kind_names"][meta["kind"]], L["en"]["kind_names"][meta["kind"]]
    yield "meta_provenance", meta["provenance"]["zh"], meta["provenance"]["en"]
    yield "meta_source", f"{meta['file']} · SHA-256 {meta['sha256']}", ""
    yield "meta_translation", "", f"{done} / {total} ({round(100 * done / total) if total else 100}%)"


# --------------------------------------------------------------------------- building and caching

def engine_version() -> str:
    """The PDF engine and its version (part of every fingerprint). Raises PdfUnavailable, with the
    command to run, when WeasyPrint or the system libraries it needs are missing."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango missing
        raise PdfUnavailable(f"WeasyPrint cannot be loaded ({exc}). Run `make pdf` (installs it and, as root, "
                             "Debian's libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk fonts-liberation), or "
                             "`apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk fonts-liberation`") from None
    return f"weasyprint {weasyprint.__version__}"


class PdfUnavailable(RuntimeError):
    """The PDF engine cannot run on this machine; the message says what to install."""


# What a PDF is made from besides the document's own files: the modules that read the text and
# lay out the PDF (this module and every edition module it imports, directly or not: a test
# checks the list against the imports), its templates and the interface wording. Changes elsewhere
# (search, comparisons, the web templates) leave the cached PDFs valid, which matters at 1,000
# documents: a change here makes every PDF again.
CODE_INPUTS = ("pdf.py", "annotation.py", "citation.py", "document.py", "edition.py", "emendation.py",
               "errors.py", "item.py", "manifest.py", "markup.py", "note.py", "render.py", "rules.py", "schema.py",
               "translation.py", "yamlio.py", "alignment.py", "term.py", "theme.py", "characters.py", "series.py",
               "wording.py", "publication.py", "labels/*.yml", "data/*.yml", "templates/pdf/*")


def _code_fingerprint() -> str:
    """A hash of CODE_INPUTS: the code, templates and wording a PDF depends on."""
    h = hashlib.sha256()
    base = Path(__file__).parent
    for pattern in CODE_INPUTS:
        for p in sorted(base.glob(pattern)):
            h.update(p.relative_to(base).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def fingerprint(root: Path, d: DocumentEdition, site_url: str, licence: str, code: str) -> str:
    """The key of a document's PDF in the cache: a hash of all it is made from (its source, its
    annotation file and manifest entry, the edition's code and wording `code`, the site address and
    licence). The date printed on the first page is the day it was made, so it is not part of it."""
    h = hashlib.sha256()
    for part in (code, site_url.rstrip("/") + "/", licence, json.dumps(d.meta, sort_keys=True, default=str),
                 (Path(root) / "annotations" / f"{d.id}.yml").read_bytes().hex()):
        h.update(part.encode() + b"\0")
    return h.hexdigest()[:20]


def _cache_path(cache: Path, doc_id: str, key: str) -> Path:
    return Path(cache) / f"{doc_id}.{key}.pdf"


def available(root: Path, ed: Edition, site_url: str, licence: str = "", cache: Path | None = None) -> dict[str, Path]:
    """document id -> its PDF in the cache, for the documents whose PDF matches their current
    texts (made by `build`). Cheap (hashes, no rendering): the site build calls it to link them."""
    cache = Path(cache) if cache else Path(root) / CACHE
    if not cache.is_dir():
        return {}
    code = _code_fingerprint()
    out = {}
    for d in ed.documents:
        path = _cache_path(cache, d.id, fingerprint(root, d, site_url, licence, code))
        if path.is_file():
            out[d.id] = path
    return out


def _render(html: str, out: Path) -> tuple[int, float]:
    """HTML -> PDF with WeasyPrint; returns (pages, seconds). Runs in a worker process."""
    import weasyprint
    start = time.perf_counter()
    document = weasyprint.HTML(string=html).render()
    tmp = out.with_suffix(".part")
    document.write_pdf(tmp)  # fonts are embedded as subsets
    seconds = time.perf_counter() - start
    out.with_suffix(".json").write_text(json.dumps({"pages": len(document.pages), "seconds": round(seconds, 2)}),
                                        encoding="utf-8")
    tmp.replace(out)  # never a half-written PDF in the cache
    return len(document.pages), seconds


def build(root: Path, ed: Edition, site_url: str, licence: str = "", cache: Path | None = None,
          jobs: int | None = None, log=print) -> list[Built]:
    """Make the PDF of every document whose PDF is not in the cache for its current texts; remove
    cached PDFs of other versions. `jobs` worker processes (default: the CPU count). Returns one
    Built per document, in manifest order. Raises PdfUnavailable if WeasyPrint cannot run."""
    from concurrent.futures import ProcessPoolExecutor
    import os

    generator = engine_version()
    cache = Path(cache) if cache else Path(root) / CACHE
    cache.mkdir(parents=True, exist_ok=True)
    code = _code_fingerprint()
    wanted = {d.id: _cache_path(cache, d.id, fingerprint(root, d, site_url, licence, code)) for d in ed.documents}
    todo = {doc_id: path for doc_id, path in wanted.items() if not path.is_file()}
    timings: dict[str, tuple[int, float]] = {}
    if todo:
        htmls = {d.id: document_html(ed, d, site_url, licence, generator=generator) for d in ed.documents if d.id in todo}
        jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
        if jobs == 1:
            timings = {doc_id: _render(htmls[doc_id], todo[doc_id]) for doc_id in todo}
        else:
            with ProcessPoolExecutor(jobs) as pool:
                futures = {doc_id: pool.submit(_render, htmls[doc_id], todo[doc_id]) for doc_id in todo}
                timings = {doc_id: f.result() for doc_id, f in futures.items()}
    keep = set(wanted.values())
    for old in [*cache.glob("*.pdf"), *cache.glob("*.json"), *cache.glob("*.part")]:
        if old.with_suffix(".pdf") not in keep:
            old.unlink()
    out = []
    for doc_id, path in wanted.items():
        pages, seconds = timings.get(doc_id, (_pages(path), 0.0))
        out.append(Built(doc_id, path, path.stat().st_size, pages, seconds))
        log(f"pdf: {doc_id}: {human_size(path.stat().st_size, 'en')}, {pages} pages, "
            + (f"made in {seconds:.1f} s" if seconds else "unchanged (cached)"))
    return out


def _pages(path: Path) -> int:
    """The page count recorded beside a cached PDF when it was made (0 if unknown)."""
    try:
        return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["pages"]
    except (OSError, ValueError, KeyError):
        return 0


def human_size(size: int, lang: str) -> str:
    """A file size for readers: 712 KB, 1.4 MB (decimal units)."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} KB"
    return f"{size / 1_000_000:.1f} MB"


def link(d: DocumentEdition, path: Path | None, lang: str, site_url: str = "") -> dict | None:
    """What a page needs to link a document's PDF (None without one): href from the document
    page, its published address (for print), file name and size."""
    if path is None:
        return None
    href = ("../../" if lang == "en" else "../") + f"pdf/{d.id}.pdf"
    return {"href": href, "url": pdf_url(site_url, d.id) if site_url else "", "name": f"{d.id}.pdf",
            "size": human_size(path.stat().st_size, lang)}


def publish(pdfs: dict[str, Path], site_dir: Path) -> None:
    """Copy the current PDFs into the built site at /pdf/<document-id>.pdf."""
    import shutil
    if not pdfs:
        return
    target = Path(site_dir) / "pdf"
    target.mkdir(parents=True, exist_ok=True)
    for doc_id, path in pdfs.items():
        shutil.copyfile(path, target / f"{doc_id}.pdf")


def downloads(ed: Edition, pdfs: dict[str, Path], lang: str) -> str:
    """The Open data page's list of PDFs (a snippet): title, link and size of each document's PDF
    that matches its current texts, in manifest order."""
    rows = []
    for d in ed.documents:
        if d.id in pdfs:
            rows.append({"title": d.meta["title"][lang], "size": human_size(pdfs[d.id].stat().st_size, lang),
                         "href": ("../../" if lang == "en" else "../") + f"pdf/{d.id}.pdf"})
    return render.render_template("pdf/downloads.md.j2", rows=rows, lang=lang)
