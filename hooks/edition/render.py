"""Build the page contexts of a document and render them with the Jinja templates.

Python here decides *what* goes on a page (texts, markers, statuses, links); the templates in
templates/ decide *how* it is laid out. Everything from annotation files passes through markup.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlencode
from pathlib import Path

import jinja2
import yaml

from . import markup, note
from .edition import DocumentEdition, Edition
from .emendation import EMENDATION_KINDS
from .errors import EditionError, Problem
from .item import Unit
from .translation import CURRENT, MISSING, STALE, UNCHECKED, status_of

TEMPLATES = Path(__file__).parent / "templates"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
LANG_ATTR = {"zh": "zh-Hans", "en": "en"}


@dataclass(frozen=True)
class Site:
    """Where the site and its repository live (from mkdocs.yml): permalinks and issue links."""

    site_url: str = "http://127.0.0.1:8000/"
    repo_url: str = ""

    def suggest_url(self, doc_id: str, unit_id: str, title: str) -> str:
        if not self.repo_url:
            return ""
        query = urlencode({"template": "translation-error.yml", "document": doc_id, "item": unit_id,
                           "title": title})
        return f"{self.repo_url.rstrip('/')}/issues/new?{query}"


@lru_cache(maxsize=None)
def labels() -> dict:
    return yaml.safe_load((Path(__file__).parent / "labels.yml").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _env() -> jinja2.Environment:
    # Compiling the templates is a fixed cost of every build (a tenth of a second or more); Jinja's
    # bytecode cache (in the user's temporary directory, keyed by each template's source checksum,
    # so an edited template is compiled again) saves it on every build but the first.
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined, bytecode_cache=jinja2.FileSystemBytecodeCache())
    env.filters["heading"] = markup.heading
    env.filters["e"] = markup.escape
    env.filters["md"] = markup.render
    env.filters["mdi"] = lambda t: markup.render(t, inline=True)
    env.filters["meta"] = markup.meta  # front-matter values (security: see markup.meta)
    env.filters["tip"] = markup.tooltip  # title attributes (Material's tooltips use innerHTML)
    return env


def render_template(template: str, **context) -> str:
    return _env().get_template(template).render(**context)


# --------------------------------------------------------------------------- apparatus markers

def apparatus_marks(d: DocumentEdition) -> dict[str, list[tuple[int, str, str]]]:
    """unit id -> [(offset in unit text, emendation id, anchor id)] for every emendation."""
    marks: dict[str, list[tuple[int, str, str]]] = {}
    seen: dict[str, int] = {}
    units = d.doc.units
    for a in d.doc.reading.applied:
        if a.edit.kind != "emendation":
            continue
        pos = a.rend
        unit = next((u for u in units if u.start <= pos <= u.end), None)
        if unit is None:  # in a gap between paragraphs: attach to the end of the previous unit
            unit = max((u for u in units if u.end <= pos), key=lambda u: u.end, default=units[0])
            pos = unit.end
        seen[a.edit.ref] = seen.get(a.edit.ref, 0) + 1
        anchor = f"ref-{a.edit.ref}" + ("" if seen[a.edit.ref] == 1 else f"-{seen[a.edit.ref]}")
        marks.setdefault(unit.id, []).append((pos - unit.start, a.edit.ref, anchor))
    return marks


def _marker(em_id: str, anchor: str, lang: str) -> str:
    label = "校勘记" if lang == "zh" else "Apparatus entry"
    return (f'<a class="ed-app-ref" id="{anchor}" href="#app-{em_id}" data-n="{em_id}" '
            f'aria-label="{label} {em_id}"></a>')


def zh_html(text: str, offset: int, marks, terms, lang: str, page_depth: int) -> str:
    """Escaped Chinese segment (starting at `offset` in its unit) with apparatus markers and terms.

    `marks` are (position in the whole unit, id, anchor); `terms` are sorted, non-overlapping
    (start, end, term) within the segment. A marker never splits a glossary term: one that falls
    inside a term moves to the term's end.
    """
    end = offset + len(text)
    local = []
    for p, em, anchor in marks:
        if offset < p <= end or p == offset == 0:
            p -= offset
            for s, e, _ in terms:
                if s < p < e:
                    p = e
                    break
            local.append((p, em, anchor))
    local.sort()
    out: list[str] = []
    pos = mi = 0
    for s, e, term in terms:
        while mi < len(local) and local[mi][0] <= s:
            out.append(markup.escape(text[pos:local[mi][0]]))
            pos = local[mi][0]
            out.append(_marker(local[mi][1], local[mi][2], lang))
            mi += 1
        out.append(markup.escape(text[pos:s]))
        out.append(term_link(term, text[s:e], lang, page_depth))
        pos = e
    for p, em, anchor in local[mi:]:
        out.append(markup.escape(text[pos:p]))
        pos = p
        out.append(_marker(em, anchor, lang))
    out.append(markup.escape(text[pos:]))
    return "".join(out).replace("\n", "<br>")


def term_link(term, shown: str, lang: str, page_depth: int) -> str:
    href = "../" * page_depth + f"glossary/#{term.anchor}"
    # Read by assets/edition.js into the tooltip (hover, focus) and the popover (tap), as text only.
    definition = term.definition('en' if lang == 'en' else 'zh')
    return (f'<a class="ed-term" href="{markup.attr(href)}" data-pinyin="{markup.attr(term.pinyin)}" '
            f'data-en="{markup.attr(term.en)}" data-def="{markup.attr(definition)}" '
            f'lang="zh-Hans">{markup.escape(shown)}</a>')


# --------------------------------------------------------------------------- document pages

def _date(meta: dict, lang: str) -> str:
    if not meta.get("date"):
        return labels()[lang]["not_given"]
    y, m, d = (int(x) for x in meta["date"].split("-"))
    if lang == "zh":
        return f"{y}年{m}月{d}日"
    months = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]
    return f"{d} {months[m - 1]} {y}"


def coverage(d: DocumentEdition) -> tuple[int, int]:
    units = d.doc.units
    return sum(1 for u in units if u.id in d.translations), len(units)


def _en_html(t, unit: Unit) -> str:
    if t is None:
        return ""
    if isinstance(t.en, list):
        return "<br>".join(markup.escape(x) for x in t.en)
    if unit.kind == "box":
        lines = t.en.split("\n")
        head = markup.render(lines[0], inline=True)
        items = "".join(f"<li>{markup.render(l[2:], inline=True)}</li>" for l in lines[1:] if l.startswith("- "))
        return f"<p>{head}</p><ul>{items}</ul>"
    return markup.render(t.en)


def link_renderings(html_text: str, terms, page_depth: int) -> str:
    """Link the first English rendering of each glossary term (found in the unit's Chinese) to its
    glossary entry, in sanitised HTML: only text outside tags and outside existing links changes."""
    renderings = sorted({t.en: t for _, _, t in terms if len(t.en) > 3}.values(), key=lambda t: -len(t.en))
    if not renderings:
        return html_text
    patterns = [(t, re.compile(r"(?<![\w-])" + _rendering_pattern(t.en) + r"(?![\w-])")) for t in renderings]
    parts = re.split(r"(<[^>]+>)", html_text)
    done: set[str] = set()
    in_link = in_title = 0
    for i, part in enumerate(parts):
        if part.startswith("<"):
            tag = re.match(r"</?(\w+)", part)
            name, step = (tag.group(1).lower() if tag else ""), (-1 if part.startswith("</") else 1)
            if name == "a":
                in_link += step
            elif name in ("em", "i", "cite"):  # italics hold the titles of documents
                in_title += step
            continue
        if in_link:
            continue
        for t, pattern in patterns:
            if t.zh in done:
                continue
            for m in pattern.finditer(part):
                if in_title and (m.start(), m.end()) != (0, len(part)):
                    continue  # inside a title only the whole title is a term (the title's own entry)
                if any(m.start() < e and s_ < m.end() for s_, e in _linked_spans(part)):
                    continue
                href = "../" * page_depth + f"glossary/#{t.anchor}"
                part = (part[:m.start()] + f'<a class="ed-term-en" href="{href}" title="{markup.tooltip(t.zh)}">'
                        + m.group(0) + "</a>" + part[m.end():])
                done.add(t.zh)
                break
        parts[i] = part
    return "".join(parts)


def _rendering_pattern(rendering: str) -> str:
    """The rendering as the glossary spells it, or capitalised at the start of a sentence."""
    en = re.escape(markup.escape(rendering))
    return f"(?:{en}|{en[0].upper()}{en[1:]})" if en[0].isalpha() else en


def _linked_spans(part: str):
    return [(m.start(), m.end()) for m in re.finditer(r"<a [^>]*>.*?</a>", part)]


def _notes(ed: Edition, d: DocumentEdition, t, lang: str, depth: int) -> list[dict]:
    """The notes of a unit that the page of `lang` shows (English: all; Chinese: context notes,
    in their Chinese version), as sanitised HTML with their sources and stated inference."""
    if t is None:
        return []
    return [{"about": n.about, "html": markup.render(n.text if lang == "en" else n.zh, inline=True),
             "sources": [_note_source(ed, d, s, lang, depth) for s in n.sources],
             "inference": markup.render(n.inference[lang], inline=True) if n.inference else ""}
            for n in t.notes if n.shown_in(lang)]


def _note_source(ed: Edition, d: DocumentEdition, s, lang: str, depth: int) -> dict:
    """A note's source as a link: a unit to its permalink on this site, an official document to
    its address (http/https only, checked again here behind the schema). Text is escaped."""
    e = markup.escape
    if isinstance(s, note.UnitSource):
        other = ed.document(s.doc)
        u = other.doc.unit(s.unit)
        href = f"#{s.unit}" if other is d else "../" * depth + f"{s.doc}/#{s.unit}"
        return {"href": href, "html": e(f"{_short(other, lang)} {_source_unit_label(u, lang)}"), "external": False}
    if not re.fullmatch(r"https?://[^\s<>\"'`]+", s.url):
        raise EditionError(Problem("annotations", None, "notes.sources.document.url",
                                   f"not an http(s) address: {s.url!r}", "give the document's official address"))
    extra = [x for x in (s.number, s.date) if x]
    if lang == "zh":
        html = f"{e(s.issuer['zh'])}《{e(s.title['zh'])}》" + (f"（{e('，'.join(extra))}）" if extra else "")
    else:
        zh = f"《{e(s.title['zh'])}》" + (f" {e(s.number)}" if s.number else "")
        html = (f"{e(s.issuer['en'])}, <em>{e(s.title['en'])}</em> <span lang=\"zh-Hans\">{zh}</span>"
                + (f", {e(s.date)}" if s.date else ""))
    return {"href": s.url, "html": html, "external": True}


def _source_unit_label(u: Unit, lang: str) -> str:
    if u.kind in ("item", "part") or u.id.startswith("para-"):
        return _unit_label(u, lang)
    names = labels()[lang]["unit_names"]
    if u.id in names:
        return names[u.id]
    kind, _, n = u.id.rpartition("-")  # numbered units (colophon-2, notice-body-3): the name and number
    return f"{names[kind]} {n}" if kind in names and n.isdigit() else u.id


def unit_context(ed: Edition, d: DocumentEdition, unit: Unit, lang: str, marks, depth: int = 1) -> dict:
    t = d.translation(unit.id)
    status = status_of(unit, t)
    terms = ed.glossary.find if ed.glossary else (lambda text: [])
    um = marks.get(unit.id, [])
    ctx = {
        "id": unit.id, "kind": unit.kind, "unrelated": unit.unrelated, "number": unit.number,
        "label": _unit_label(unit, lang),  # (6), Part 1, ¶3: names the unit's notes for screen readers
        "status": status, "stale": status in (STALE, UNCHECKED), "missing": status == MISSING,
        "text": unit.text, "line": unit.line,
        "notes": _notes(ed, d, t, lang, depth),
        "notes_label": _source_unit_label(unit, lang),  # names the notes landmark of the unit
        "themes": [{"id": x, "name": ed.themes.name(x, lang)} for x in (t.themes if t else [])
                   if ed.themes and ed.themes.get(x)],
    }
    if unit.kind == "item":
        head_len = len(unit.marker) + len(unit.heading)
        ctx["zh_heading"] = unit.text[:head_len]
        ctx["zh_heading_html"] = zh_html(unit.text[:head_len], 0, um, [], lang, depth)
        ctx["zh_body_html"] = zh_html(unit.body, head_len, um, terms(unit.body), lang, depth)
        ctx["zh_html"] = ctx["zh_heading_html"] + ctx["zh_body_html"]
        ctx["zh_heading_md"] = markup.heading_html(ctx["zh_heading_html"])
        ctx["en_heading"] = t.heading if t else None
        ctx["en_body_html"] = link_renderings(_en_html(t, unit), terms(unit.text), depth) if lang == "en" else _en_html(t, unit)
        ctx["number_en"] = f"({unit.number})"
    elif unit.kind == "part":
        ctx["zh_html"] = zh_html(unit.text, 0, um, [], lang, depth)
        ctx["zh_heading_md"] = markup.heading_html(ctx["zh_html"])
        ctx["en"] = t.en if t else None
        ctx["roman"] = ROMAN[unit.number - 1] if unit.number <= len(ROMAN) else str(unit.number)
    elif unit.kind == "box":
        lines = unit.text.split("\n")
        html_lines, pos = [], 0
        for line in lines:
            html_lines.append(zh_html(line, pos, um, terms(line), lang, depth))
            pos += len(line) + 1
        items = "".join(f"<li>{h[2:] if h.startswith('- ') else h}</li>" for h in html_lines[1:])
        ctx["zh_html"] = f"{html_lines[0]}</p><ul>{items}</ul><p>"
        ctx["en_html"] = _en_html(t, unit)
        ctx["en"] = None
    else:
        ctx["zh_html"] = zh_html(unit.text, 0, um, terms(unit.text) if unit.kind not in ("notice-signatories",) else [],
                                 lang, depth)
        ctx["en_html"] = _en_html(t, unit)
        ctx["en"] = t.en if t and isinstance(t.en, str) else None
    return ctx


def apparatus(d: DocumentEdition, lang: str) -> dict:
    L = labels()[lang]
    entries = []
    for em in d.annotation.emendations:
        last = em.line + em.raw.count("\n")
        where = L["line"].format(n=em.line) if last == em.line else L["lines"].format(a=em.line, b=last)
        entries.append({
            "id": em.id, "where": where, "kind": L["kinds"][em.kind],
            "raw_html": _visible(em.raw), "reading_html": _visible(em.reading) if em.reading else L["removed"],
            "reason_html": markup.render(em.reason[lang], inline=True),
            "refs": [],
        })
    refs: dict[str, list[str]] = {}
    for unit_marks in apparatus_marks(d).values():
        for _, em_id, anchor in unit_marks:
            refs.setdefault(em_id, []).append(anchor)
    for e in entries:
        e["refs"] = sorted(refs.get(e["id"], []))
    counts: dict[str, list[int]] = {}
    ws = {"joins": 0, "breaks": 0, "spaces": 0}
    raw = d.doc.reading.raw
    for a in d.doc.reading.applied:
        if a.edit.kind == "normalisation":
            counts.setdefault(a.edit.ref, []).append(raw.count("\n", 0, a.edit.start) + 1)
        elif a.edit.kind == "whitespace":
            if a.edit.ref == "cjk-spacing":
                ws["spaces"] += 1
            elif a.edit.reading == "" and "\n" in a.raw:
                ws["joins"] += 1
            else:
                ws["breaks"] += 1
    normalisations = [{"rule": L["normalisation_rules"].get(rule, rule), "count": len(lines),
                       "times": L["times"].format(n=len(lines)),
                       "lines": _line_ranges(sorted(set(lines)))}
                      for rule, lines in counts.items()]
    return {"entries": entries, "normalisations": normalisations,
            "whitespace": L["whitespace_summary"].format(**ws)}


def _visible(text: str) -> str:
    out = markup.escape(text)
    out = out.replace("\u2002", '<span class="ed-ws" title="U+2002 EN SPACE">␣</span>')
    out = out.replace("\u3000", '<span class="ed-ws" title="U+3000 IDEOGRAPHIC SPACE">□</span>')
    return out.replace("\n", '<span class="ed-ws" title="line break">↵</span><br>')


def _line_ranges(lines: list[int]) -> str:
    out, i = [], 0
    while i < len(lines):
        j = i
        while j + 1 < len(lines) and lines[j + 1] == lines[j] + 1:
            j += 1
        out.append(str(lines[i]) if i == j else f"{lines[i]}–{lines[j]}")
        i = j + 1
    return ", ".join(out)


def document_page(ed: Edition, d: DocumentEdition, lang: str, site: Site | None = None,
                  histories: dict | None = None, pdf_link: dict | None = None) -> str:
    """`histories` (comparison.histories of the edition's pairs) is best computed once by the
    caller for all pages: it walks every link of every pair. `pdf_link` (pdf.link) links the
    document's PDF when one has been made for its current texts."""
    from . import citation, comparison, render_compare  # render_compare imports this module
    site = site or Site()
    marks = apparatus_marks(d)
    meta = d.meta
    L = labels()[lang]
    done, total = coverage(d)
    hist = histories if histories is not None else comparison.histories(ed.alignments or [])
    units = []
    for u in d.doc.units:
        ctx = unit_context(ed, d, u, lang, marks)
        ctx["history"] = render_compare.history(ed, hist, d, u, lang) if ed.alignments else []
        ctx["history_label"] = L["reports"] if d.doc.is_news else L["history"]
        if u.kind == "item":
            label = _unit_label(u, lang)
            heading = u.heading if lang == "zh" else (ctx["en_heading"] or "")
            ctx["cite"] = citation.reference(meta, d.id, u.id, label, heading, lang, site.site_url)
            ctx["suggest_href"] = site.suggest_url(d.id, u.id, L["suggest_title"].format(doc=d.id, item=u.id))
        units.append(ctx)
    sections = _sections(units)
    other = "en" if lang == "zh" else "zh"
    context = {
        "lang": lang, "L": L, "doc": d, "meta": meta, "id": d.id,
        "title": meta["title"][lang], "title_zh": meta["title"]["zh"],
        "issuers": "；".join(i["zh"] for i in meta["issuers"]) if lang == "zh" else "; ".join(i["en"] for i in meta["issuers"]),
        "number": meta.get("number") or L["not_given"],
        "number_note": (meta.get("number_note") or {}).get(lang),
        "date": _date(meta, lang), "date_note": (meta.get("date_note") or {}).get(lang),
        "kind": L["kind_names"][meta["kind"]],
        "provenance": meta["provenance"][lang],
        "source_file": meta["file"], "sha256": meta["sha256"],
        "coverage": {"done": done, "total": total, "percent": round(100 * done / total) if total else 100},
        "implements": _document_ref(ed, d, "implements"), "reports_on": _document_ref(ed, d, "reports_on"),
        "related_title": lambda doc_id: ed.document(doc_id).meta["title"][lang] if ed.document(doc_id) else doc_id,
        "sections": sections, "units": units,
        "apparatus": apparatus(d, lang),
        "is_news": d.doc.is_news,
        "stale": d.stale_units(),
        "other": other,
        "edit_source": f"annotations/{d.id}.yml",
        "reading_reason": markup.render(d.annotation.reading_reason[lang], inline=True) if d.annotation.reading_reason else "",
        "LANG_ATTR": LANG_ATTR,
        "pdf": pdf_link,
        # the raw files exist once, at /sources/, also for the English pages under /en/
        "raw_href": ("../../" if lang == "en" else "../") + f"sources/{meta['file']}",
    }
    context["c"] = context
    return render_template(f"document.{lang}.md.j2", **context)


def _document_ref(ed: Edition, d: DocumentEdition, key: str) -> str | None:
    """`implements` / `reports_on` of the document's record, which goes into a link: only a known document id."""
    ref = d.meta.get(key)
    if ref is not None and ed.document(ref) is None:
        raise EditionError(Problem(d.source.record, d.source.line_of(key), key,
                                   f"{ref!r} is not a document of the edition",
                                   "use the id of a document in sources/ (the name of its sources/<id>.yml)"))
    return ref


def _sections(units: list[dict]) -> list[dict]:
    """Group units for layout: notice, title, preamble, parts with their items, colophon, news."""
    sections: list[dict] = []
    for u in units:
        kind = u["kind"]
        if kind.startswith("notice"):
            group = "notice"
        elif kind in ("item",):
            sections[-1]["members"].append(u)
            continue
        elif kind == "part":
            group = "part"
        else:
            group = kind if kind in ("title", "preamble", "colophon") else "news"
        if group in ("part",) or not sections or sections[-1]["group"] != group:
            sections.append({"group": group, "units": [], "members": [], "part": u if group == "part" else None})
        if group != "part":
            sections[-1]["units"].append(u)
    return sections


def documents_table(ed: Edition, lang: str) -> str:
    """The home page's table of documents (a snippet included by docs/index.*.md)."""
    rows = []
    for d in sorted(ed.documents, key=lambda d: (d.meta["year"], d.meta["kind"] != "national-work-points", d.id)):
        done, total = coverage(d)
        rows.append({
            "id": d.id, "year": d.meta["year"], "title": d.meta["title"][lang],
            "issuer": "；".join(i["zh"] for i in d.meta["issuers"]) if lang == "zh" else "; ".join(i["en"] for i in d.meta["issuers"]),
            "kind": labels()[lang]["kind_names"][d.meta["kind"]],
            "item_count": len(d.doc.items), "parts": len(d.doc.parts),
            "done": done, "total": total, "percent": round(100 * done / total) if total else 100,
            "stale": len(d.stale_units()),
        })
    done = sum(r["done"] for r in rows)
    total = sum(r["total"] for r in rows)
    return render_template("documents_table.md.j2", lang=lang, L=labels()[lang], rows=rows,
                           done=done, total=total, percent=round(100 * done / total) if total else 100)


def _short(d: DocumentEdition, lang: str) -> str:
    kind = d.meta["kind"]
    if lang == "zh":
        return f"{d.meta['year']}{'福建' if kind == 'provincial-work-points' else ('新闻' if kind == 'news-report' else '全国')}"
    return f"{d.meta['year']} {'Fujian' if kind == 'provincial-work-points' else ('news' if kind == 'news-report' else 'national')}"


def _unit_label(u: Unit, lang: str) -> str:
    if u.kind == "item":
        return u.marker if lang == "zh" else f"({u.number})"
    if u.kind == "part":
        return u.marker.rstrip("、") if lang == "zh" else f"Part {u.number}"
    if u.id.startswith("para-"):
        n = u.id[len("para-"):]
        return f"第{n}段" if lang == "zh" else f"¶{n}"
    return u.id


def _ordered(ed: Edition):
    return sorted(ed.documents, key=lambda d: (d.meta["year"], d.meta["kind"] != "national-work-points", d.id))


def glossary_page(ed: Edition, lang: str) -> str:
    from .term import concordance
    hits = concordance(ed.glossary, _ordered(ed))
    names = {"institution": ("Institutions", "机构"), "procurement": ("Procurement and pricing", "采购与价格"),
             "insurance": ("Medical insurance", "医疗保障"), "misconduct": ("Misconduct", "违规违法行为"),
             "slogan": ("Slogans and formulas", "口号与提法"), "campaign": ("Campaigns", "专项行动"),
             "regulation": ("Regulations and documents", "法规与文件"), "governance": ("Governance", "治理"),
             "medical": ("Medical services", "医疗服务")}
    cats = []
    for cat, (en, zh) in names.items():
        terms = []
        for t in sorted((t for t in ed.glossary.terms if t.category == cat), key=lambda t: t.plain_pinyin):
            groups: dict[str, dict] = {}
            for d, u in hits[t.zh]:
                g = groups.setdefault(d.id, {"id": d.id, "title": _short(d, lang), "units": [], "year": d.meta["year"]})
                g["units"].append({"id": u.id, "label": _unit_label(u, lang)})
            years = sorted({g["year"] for g in groups.values()})
            terms.append({"zh": t.zh, "anchor": t.anchor, "pinyin": t.pinyin, "en": t.en,
                          "definition": t.definition(lang), "alt": t.alt, "rejected": t.rejected,
                          "related": [ed.glossary.by_zh[r] for r in t.related],
                          "groups": list(groups.values()), "years": years, "count": len(hits[t.zh])})
        if terms:
            cats.append({"id": cat, "name": en if lang == "en" else zh, "terms": terms})
    return render_template("glossary.md.j2", lang=lang, categories=cats, terms=ed.glossary.terms)


def theme_items(ed: Edition, theme_id: str) -> list[tuple[DocumentEdition, list[Unit]]]:
    out = []
    for d in _ordered(ed):
        units = [u for u in d.doc.items if d.translation(u.id) and theme_id in d.translation(u.id).themes]
        if units:
            out.append((d, units))
    return out


def theme_page(ed: Edition, theme, lang: str) -> str:
    groups = []
    for d, units in theme_items(ed, theme.id):
        groups.append({"id": d.id, "title": f"{_short(d, lang)} · {d.meta['title'][lang]}", "units": [
            {"id": u.id, "label": _unit_label(u, lang),
             "heading": u.heading if lang == "zh" else (d.translation(u.id).heading or u.heading)} for u in units]})
    return render_template("theme.md.j2", lang=lang, name=theme.names[lang], description=theme.descriptions[lang],
                           groups=groups)


def themes_index(ed: Edition, lang: str) -> str:
    docs = [d for d in _ordered(ed) if d.doc.items]
    rows = []
    for th in ed.themes.themes:
        cells = [{"doc": d.id, "count": sum(1 for u in d.doc.items if d.translation(u.id)
                                           and th.id in d.translation(u.id).themes)} for d in docs]
        rows.append({"id": th.id, "name": th.names[lang], "cells": cells, "total": sum(c["count"] for c in cells)})
    return render_template("themes_index.md.j2", lang=lang, rows=rows,
                           docs=[{"id": d.id, "short": _short(d, lang)} for d in docs])
