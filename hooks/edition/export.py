"""Open data: the edition as JSON, CSV and TEI P5 XML (pure functions of the loaded Edition).

`files(ed, info)` returns every data file as {path under the site root: bytes}; the MkDocs hook
writes them into the built site (generate.write_data, then move_data), so they exist once, at /data/…, in
both `mkdocs build` and `mkdocs serve`. The downloads page (docs/downloads.*.md) documents every
field: keep it in step when a field changes.

Annotation text stays the contributor's Markdown source in JSON and CSV (it is data, escaped by
the JSON/CSV writers). In TEI it is rendered through the same sanitised Markdown subset as the
pages (markup.render) and mapped to TEI elements, so no HTML from an annotation is carried over.
"""
from __future__ import annotations

import csv
import dataclasses
import io
import json
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

from . import markup, note, series
from .annotation import sic_span
from .edition import DocumentEdition, Edition
from .item import Unit
from .term import concordance
from .translation import status_of

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML_NS}}}lang"
XML_ID = f"{{{XML_NS}}}id"
ZH = "zh-Hans"
CSV_FIELDS = ["document", "year", "label_zh", "label_en", "item", "part", "heading_zh", "heading_en", "text_zh", "text_en",
              "themes", "permalink_zh", "permalink_en"]


@dataclass
class Info:
    """What the data files say about the edition itself (from the MkDocs config and git)."""

    title_zh: str = ""  # the edition's title (annotations/edition.yml); "" = the edition's own
    title_en: str = ""
    version: str = ""  # git commit, else the build date
    licence: str = ""
    site_url: str = ""  # ends with "/"


def permalink(info: Info, doc_id: str, unit_id: str | None, lang: str) -> str:
    base = info.site_url if info.site_url.endswith("/") else info.site_url + "/"
    prefix = "" if lang == "zh" else "en/"
    return f"{base}{prefix}{doc_id}/" + (f"#{unit_id}" if unit_id else "")


# --------------------------------------------------------------------------- JSON

def _meta(d: DocumentEdition) -> dict:
    m = d.meta
    keep = ("id", "kind", "year", "title", "issuers", "issuers_note", "printed_by", "number", "number_note", "date", "date_note",
            "implements", "reports_on", "locality", "provenance", "file", "received_as", "sha256", "expected")
    out = {k: m[k] for k in keep if k in m}
    r = series.region(m)
    if r is not None:  # the code and the names of annotations/regions.yml
        out["region"] = {"code": r.code, "zh": r.zh, "en": r.en}
    out["label"] = {lang: series.short_label(m, lang) for lang in ("zh", "en")}
    return out


def _note(info: Info, n: note.Note) -> dict:
    """A translator's note with its kind, Chinese version, sources and stated inference."""
    sources = []
    for s in n.sources:
        if isinstance(s, note.UnitSource):
            sources.append({"unit": s.ref, "permalink": {lang: permalink(info, s.doc, s.unit, lang) for lang in ("zh", "en")}})
        else:
            doc = {"issuer": s.issuer, "title": s.title, "number": s.number, "date": s.date, "url": s.url}
            sources.append({"document": {k: v for k, v in doc.items() if v is not None}})
    return {"about": n.about, "kind": n.kind, "en": n.text, "zh": n.zh, "sources": sources, "inference": n.inference}


def _unit(info: Info, d: DocumentEdition, u: Unit) -> dict:
    t = d.translation(u.id)
    out = {
        "id": u.id, "kind": u.kind, "part": u.part, "number": u.number, "source_line": u.line,
        "fingerprint": u.fingerprint, "translation_status": status_of(u, t),
        "zh": {"text": u.text},
        "en": None,
        "themes": list(t.themes) if t else [],
        "notes": [_note(info, n) for n in t.notes] if t else [],
    }
    if u.kind == "item":
        out["zh"].update(marker=u.marker, heading=u.heading, body=u.body)
    elif u.kind == "part":
        out["zh"].update(marker=u.marker, heading=u.heading)
    if u.unrelated:
        out["unrelated"] = True
    if t is not None:
        out["en"] = {"heading": t.heading, "text": t.en}
    return out


def _emendation(em) -> dict:
    out = {"id": em.id, "kind": em.kind, "line": em.line, "raw": em.raw, "reading": em.reading,
           "reason": {"en": em.reason["en"], "zh": em.reason["zh"]}}
    if em.occurrence is not None:
        out["occurrence"] = em.occurrence
    if em.to_line is not None:
        out["to_line"] = em.to_line
    return out


def _titled(ed: Edition, info: Info) -> Info:
    """`info` with the edition's title (annotations/edition.yml) where it gives none."""
    if info.title_zh and info.title_en or ed.publication is None:
        return info
    return dataclasses.replace(info, title_zh=info.title_zh or ed.publication.title["zh"],
                               title_en=info.title_en or ed.publication.title["en"])


def corpus(ed: Edition, info: Info) -> dict:
    docs = []
    for d in ed.documents:
        docs.append({
            **_meta(d),
            "permalink": {"zh": permalink(info, d.id, None, "zh"), "en": permalink(info, d.id, None, "en")},
            "tei": f"tei/{d.id}.xml",
            "counts": {"parts": len(d.doc.parts), "items": len(d.doc.items), "units": len(d.doc.units)},
            "reading_reason": d.annotation.reading_reason,
            "units": [_unit(info, d, u) for u in d.doc.units],
            "emendations": [_emendation(em) for em in d.annotation.emendations],
            "sic": [{"id": x.id, "unit": x.unit, "text": x.text, "occurrence": x.occurrence,
                     "readings": [dict(r) for r in x.readings], "translation": dict(x.translation),
                     "reason": dict(x.reason)} for x in d.annotation.sic],
        })
    themes = [{"id": th.id, "name": th.names, "description": th.descriptions}
              for th in (ed.themes.themes if ed.themes else [])]
    alignments = [{
        "id": p.id, "from": p.source, "to": p.target, "summary": p.summary,
        "links": [{"from": l.source, "to": l.target, "relation": l.relation, "note": l.note,
                   **({"review": l.review} if l.review else {})} for l in p.links],
        "unlinked": p.unlinked,
        **({"review": p.review} if p.review else {}),
    } for p in (ed.alignments or [])]
    return {
        "edition": {"title": {"zh": _titled(ed, info).title_zh, "en": _titled(ed, info).title_en},
                    **({"short_title": ed.publication.short_title} if ed.publication else {}),
                    "version": info.version,
                    "licence": info.licence, "site": info.site_url},
        "documents": docs,
        "themes": themes,
        "alignments": alignments,
    }


def glossary(ed: Edition, info: Info) -> dict:
    terms = []
    hits = concordance(ed.glossary, ed.documents) if ed.glossary else {}
    for t in (ed.glossary.terms if ed.glossary else []):
        terms.append({
            "zh": t.zh, "pinyin": t.pinyin, "en": t.en, "category": t.category,
            "definition": {"en": t.def_en, "zh": t.def_zh},
            "alt": list(t.alt), "rejected": list(t.rejected), "related": list(t.related),
            "anchor": t.anchor,
            "permalink": {"zh": f"{permalink(info, 'glossary', None, 'zh')}#{t.anchor}",
                          "en": f"{permalink(info, 'glossary', None, 'en')}#{t.anchor}"},
            "occurrences": [{"document": d.id, "unit": u.id, "kind": u.kind} for d, u in hits[t.zh]],
        })
    return {"edition": {"version": info.version, "licence": info.licence}, "terms": terms}


def to_json(data: dict) -> bytes:
    # Compact: with `indent`, the json module falls back to its pure-Python encoder (seconds for
    # a large collection); any JSON tool pretty-prints on reading.
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


# --------------------------------------------------------------------------- CSV

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value):
    """A cell a spreadsheet program will show as text, never run as a formula (OWASP, "CSV
    Injection"): text starting with = + - @, a tab or a carriage return gets a leading apostrophe.
    Other values are returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def items_csv(ed: Edition, info: Info) -> bytes:
    """One row per item; UTF-8 with BOM (utf-8-sig) so that spreadsheet programs detect the encoding.
    Annotation text is untrusted: every cell passes through spreadsheet_cell."""
    buf = io.StringIO(newline="")
    w = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\r\n")
    w.writeheader()
    labels_of = {d.id: {lang: series.short_label(d.meta, lang) for lang in ("zh", "en")} for d in ed.documents}
    for d in ed.documents:
        for u in d.doc.items:
            t = d.translation(u.id)
            w.writerow({k: spreadsheet_cell(v) for k, v in {
                "document": d.id, "year": d.meta["year"], "label_zh": labels_of[d.id]["zh"],
                "label_en": labels_of[d.id]["en"], "item": u.id, "part": u.part or "",
                "heading_zh": u.heading, "heading_en": (t.heading or "") if t else "",
                "text_zh": u.body, "text_en": (t.en if isinstance(t.en, str) else "") if t else "",
                "themes": ";".join(t.themes) if t else "",
                "permalink_zh": permalink(info, d.id, u.id, "zh"), "permalink_en": permalink(info, d.id, u.id, "en"),
            }.items()})
    return buf.getvalue().encode("utf-8-sig")


# --------------------------------------------------------------------------- TEI P5

def _el(parent, tag: str, text: str | None = None, **attrs):
    e = etree.SubElement(parent, f"{{{TEI_NS}}}{tag}") if parent is not None else etree.Element(
        f"{{{TEI_NS}}}{tag}", nsmap={None: TEI_NS})
    for k, v in attrs.items():
        if v is not None:
            e.set({"xml_id": XML_ID, "xml_lang": XML_LANG}.get(k, k), str(v))
    if text:
        e.text = text
    return e


def _append_text(parent, text: str) -> None:
    """Append text (line breaks as <lb/>) after the last child of `parent`."""
    for i, line in enumerate(text.split("\n")):
        if i:
            _el(parent, "lb")
        if not line:
            continue
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + line
        else:
            parent.text = (parent.text or "") + line


class _Emendations:
    """The emendation edits of a document, placed at their reading-text positions.

    An edit is emitted in every segment its reading span overlaps (clipped to the segment); its raw
    text (<sic>) goes with the first piece only. Zero-width edits (removals) go to the first segment
    that touches their position. What no segment touches ends up at the end of the previous unit.
    """

    def __init__(self, d: DocumentEdition):
        self.text = d.doc.reading.text
        self.edits = [a for a in d.doc.reading.applied if a.edit.kind == "emendation"]
        self.done: set[int] = set()
        # suspected errors kept as printed: <sic> alone (TEI Guidelines 3.5.1), reading-text spans
        units = {u.id: u for u in d.doc.units}
        self.sics = []
        for x in d.annotation.sic:
            a, b = sic_span(x, units[x.unit].text)
            self.sics.append((units[x.unit].start + a, units[x.unit].start + b, x.id))

    def fill(self, parent, start: int, end: int) -> None:
        sics = [(max(a, start), min(b, end), sid) for a, b, sid in self.sics if max(a, start) < min(b, end)]
        if sics:  # split the segment around them (they never overlap an emendation's span here)
            pos = start
            for a, b, sid in sorted(sics):
                self._fill(parent, pos, a)
                sic = _el(parent, "sic", n=sid, corresp=f"#app-{sid}")
                self._fill(sic, a, b)
                pos = b
            self._fill(parent, pos, end)
            return
        self._fill(parent, start, end)

    def _fill(self, parent, start: int, end: int) -> None:
        pos = start
        for i, a in enumerate(self.edits):
            if a.rstart == a.rend:
                hit = start <= a.rstart <= end and i not in self.done
                s = e = a.rstart
            else:
                s, e = max(a.rstart, start), min(a.rend, end)
                hit = s < e
            if not hit:
                continue
            _append_text(parent, self.text[pos:s])
            choice = _el(parent, "choice", n=a.edit.ref, corresp=f"#app-{a.edit.ref}")
            sic = _el(choice, "sic")
            if i not in self.done:
                _append_text(sic, a.raw)
            corr = _el(choice, "corr")
            _append_text(corr, self.text[s:e])
            self.done.add(i)
            pos = e
        _append_text(parent, self.text[pos:end])

    def rest(self, parent) -> None:
        for i, a in enumerate(self.edits):
            if i not in self.done:
                self.done.add(i)
                choice = _el(parent, "choice", n=a.edit.ref, corresp=f"#app-{a.edit.ref}")
                _append_text(_el(choice, "sic"), a.raw)
                _el(choice, "corr")


_INLINE = {"em": ("hi", {"rend": "italic"}), "strong": ("hi", {"rend": "bold"}), "code": ("code", {}),
           "a": ("ref", {}), "br": ("lb", {}), "ul": ("list", {}), "ol": ("list", {"rend": "numbered"}),
           "li": ("item", {}), "p": ("p", {})}


def _markdown(parent, text: str, inline: bool = False) -> None:
    """Annotation Markdown -> sanitised HTML (markup.render) -> TEI elements under `parent`."""
    fragment = markup.render(text, inline=inline)
    root = lxml_html.fragment_fromstring(f"<div>{fragment}</div>")

    def walk(src, dst):
        if src.text:
            _append_text(dst, src.text)
        for child in src:
            tag, attrs = _INLINE.get(child.tag, (None, {}))
            if tag is None:  # cannot happen after nh3, but never pass unknown markup on
                _append_text(dst, child.text_content())
            else:
                el = _el(dst, tag, **attrs)
                if child.tag == "a" and child.get("href"):
                    el.set("target", child.get("href"))
                walk(child, el)
            if child.tail:
                _append_text(dst, child.tail)

    walk(root, parent)


def _header(tei, d: DocumentEdition, info: Info) -> None:
    m = d.meta
    header = _el(tei, "teiHeader")
    fd = _el(header, "fileDesc")
    ts = _el(fd, "titleStmt")
    _el(ts, "title", m["title"]["zh"], xml_lang=ZH, type="main")
    _el(ts, "title", m["title"]["en"], xml_lang="en", type="translated")
    for iss in m["issuers"]:
        _el(ts, "author", iss["zh"], xml_lang=ZH)
        _el(ts, "author", iss["en"], xml_lang="en")
    resp = _el(ts, "respStmt")
    _el(resp, "resp", "Reading text, emendation, English translation and notes", xml_lang="en")
    _el(resp, "name", f"{info.title_en} ({info.title_zh})")
    es = _el(fd, "editionStmt")
    _el(es, "edition", f"{info.title_en}, version {info.version}", n=info.version or None)
    ps = _el(fd, "publicationStmt")
    _el(ps, "publisher", info.title_en)
    _el(ps, "idno", permalink(info, d.id, None, "zh"), type="URI")
    _el(ps, "idno", permalink(info, d.id, None, "en"), type="URI", xml_lang="en")
    av = _el(ps, "availability")
    _el(_el(av, "licence"), "p", info.licence or "See the edition's site.")
    sd = _el(fd, "sourceDesc")
    bibl = _el(sd, "bibl")
    _el(bibl, "title", m["title"]["zh"], xml_lang=ZH)
    for iss in m["issuers"]:
        _el(bibl, "author", iss["zh"], xml_lang=ZH)
    if m.get("number"):
        _el(bibl, "idno", m["number"], type="docNumber")
    if m.get("date"):
        _el(bibl, "date", m["date"], when=m["date"])
    r = series.region(m)
    if r is not None:  # where it was issued: the region (and the city) of its record
        for lang, name in (("zh", r.zh), ("en", r.en_full)):
            place = name if not m.get("locality") else f"{m['locality'][lang]}, {name}" if lang == "en" else name + m["locality"][lang]
            _el(bibl, "pubPlace", place, xml_lang=ZH if lang == "zh" else "en")
    if m.get("printed_by"):  # the office that printed and distributed it (印发机关), not the issuer
        _el(bibl, "publisher", m["printed_by"]["zh"], xml_lang=ZH)
    for key in ("issuers_note", "number_note", "date_note", "provenance"):
        if m.get(key):
            for lang in ("zh", "en"):
                _el(bibl, "note", m[key][lang], type=key.replace("_", "-"), xml_lang=ZH if lang == "zh" else "en")
    _el(bibl, "idno", m["file"], type="sourceFile")
    _el(bibl, "idno", m["sha256"], type="sha256")
    enc = _el(header, "encodingDesc")
    ed_decl = _el(enc, "editorialDecl")
    _el(_el(ed_decl, "correction"), "p",
        "Every correction of the raw text recorded in the edition's annotation file is encoded where it "
        "applies as choice/sic/corr (@n = emendation id, @corresp = its apparatus entry in back). An empty "
        "corr is a removal, an empty sic an insertion (the reading position of a moved block). A suspected "
        "error of the source that the reading text keeps as printed is a sic outside any choice (@n = its id "
        "s1, s2 …); its apparatus entry (item type=\"sic\") gives the readings considered and which one the "
        "translation follows.", xml_lang="en")
    _el(_el(ed_decl, "normalization"), "p",
        "Generic normalisations (line joining, spacing, full-width digits, punctuation) are applied silently; "
        "the raw source file named in sourceDesc keeps the text exactly as received.", xml_lang="en")
    _el(_el(ed_decl, "segmentation"), "p",
        "One div per paragraph unit of the reading text; parts and items keep the edition's stable ids "
        "(xml:id = the id in the page anchor, e.g. item-6). The English translation is a parallel div "
        "whose divs point to the Chinese ones with @corresp.", xml_lang="en")
    prof = _el(header, "profileDesc")
    lu = _el(prof, "langUsage")
    _el(lu, "language", "Chinese (simplified script)", ident=ZH)
    _el(lu, "language", "English", ident="en")


def _zh_unit(parent, u: Unit, em: _Emendations):
    div = _el(parent, "div", type=u.kind, xml_id=u.id, n=u.number)
    if u.kind == "item":
        head_end = u.start + len(u.marker) + len(u.heading)
        head = _el(div, "head")
        label = _el(head, "label")
        em.fill(label, u.start, u.start + len(u.marker))
        em.fill(head, u.start + len(u.marker), head_end)
        p = _el(div, "p")
        em.fill(p, head_end, u.end)
    elif u.kind == "part":
        head = _el(div, "head")
        em.fill(head, u.start, u.end)
    else:
        em.fill(_el(div, "p"), u.start, u.end)
    return div


def _en_unit(parent, d: DocumentEdition, u: Unit, info: Info):
    t = d.translation(u.id)
    div = _el(parent, "div", type=u.kind, xml_id=f"en-{u.id}", corresp=f"#{u.id}", n=u.number)
    if u.kind in ("item", "part"):
        head = _el(div, "head")
        if u.kind == "item":
            _el(head, "label", f"({u.number})")
            head[-1].tail = " "
        if t and (t.heading or (u.kind == "part" and isinstance(t.en, str))):
            _markdown(head, t.heading if u.kind == "item" else t.en, inline=True)
    if t is None:
        _el(div, "gap", reason="untranslated")
        return div
    if isinstance(t.en, list):
        lst = _el(div, "list")
        for x in t.en:
            _el(lst, "item", x)
    elif u.kind == "box" and t.en:
        lines = t.en.split("\n")
        _markdown(div, lines[0])
        lst = _el(div, "list")
        for line in lines[1:]:
            if line.startswith("- "):
                _markdown(_el(lst, "item"), line[2:], inline=True)
    elif t.en and u.kind != "part":
        _markdown(div, t.en)
    for n in t.notes:
        _tei_note(div, u, n, info)
    return div


def _tei_note(parent, u: Unit, n: note.Note, info: Info) -> None:
    """A note in English (and in Chinese, if it has a Chinese version), `subtype` its kind, each
    followed by its sources as <bibl> and the edition's stated inference as a nested note."""
    for lang, text in (("en", n.text), (ZH, n.zh)):
        if not text:
            continue
        el = _el(parent, "note", type="translator", subtype=n.kind, target=f"#{u.id}", xml_lang=lang)
        if n.about and lang == "en":
            _el(el, "quote", n.about, xml_lang=ZH)
            el[-1].tail = " "
        _markdown(el, text)
        for s in n.sources:
            bibl = _el(el, "bibl", type="source")
            if isinstance(s, note.UnitSource):
                _el(bibl, "ref", s.ref, target=permalink(info, s.doc, s.unit, "zh" if lang == ZH else "en"))
                continue
            _el(bibl, "name", s.issuer["zh"], type="org", xml_lang=ZH)
            _el(bibl, "title", s.title["zh"], xml_lang=ZH)
            _el(bibl, "title", s.title["en"], type="translated", xml_lang="en")
            if s.number:
                _el(bibl, "idno", s.number, type="docNumber")
            if s.date:
                _el(bibl, "date", s.date, when=s.date)
            _el(bibl, "ref", s.url, target=s.url)
        if n.inference:
            _el(el, "note", n.inference["zh" if lang == ZH else "en"], type="inference")


def tei(d: DocumentEdition, info: Info) -> bytes:
    root = _el(None, "TEI", xml_lang=ZH)
    _header(root, d, info)
    text = _el(root, "text")
    body = _el(text, "body")
    zh = _el(body, "div", type="original", xml_lang=ZH, xml_id="original")
    en = _el(body, "div", type="translation", xml_lang="en", xml_id="translation", corresp="#original")
    em = _Emendations(d)
    zh_part = en_part = None
    last = None
    for u in d.doc.units:
        if u.kind == "part":
            zh_part, en_part = _zh_unit(zh, u, em), _en_unit(en, d, u, info)
            last = zh_part
            continue
        if u.kind != "item":
            zh_part = en_part = None
        last = _zh_unit(zh_part if zh_part is not None else zh, u, em)
        _en_unit(en_part if en_part is not None else en, d, u, info)
    if last is not None:
        em.rest(last[-1] if len(last) else last)
    back = _el(text, "back")
    app = _el(back, "div", type="apparatus")
    _el(app, "head", "Apparatus · 校勘记")
    lst = _el(app, "list")
    for e in d.annotation.emendations:
        item = _el(lst, "item", xml_id=f"app-{e.id}", n=e.id)
        _el(item, "label", e.kind)
        _el(item, "num", str(e.line), type="sourceLine")
        for lang in ("en", "zh"):
            _markdown(_el(item, "note", type="reason", xml_lang=ZH if lang == "zh" else "en"), e.reason[lang])
    for x in d.annotation.sic:
        item = _el(lst, "item", xml_id=f"app-{x.id}", n=x.id, type="sic")
        _el(item, "label", "sic")
        _el(item, "quote", x.text, xml_lang=ZH)
        for lang in ("en", "zh"):
            _markdown(_el(item, "note", type="reason", xml_lang=ZH if lang == "zh" else "en"), x.reason[lang])
        for r in x.readings:
            note = _el(item, "note", type="reading")
            _el(note, "quote", r["reading"], xml_lang=ZH)
            for lang in ("en", "zh"):
                _markdown(_el(note, "note", xml_lang=ZH if lang == "zh" else "en"), r[lang])
        for lang in ("en", "zh"):
            _markdown(_el(item, "note", type="translation", xml_lang=ZH if lang == "zh" else "en"), x.translation[lang])
    _layout(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


_CONTAINERS = {f"{{{TEI_NS}}}{t}" for t in ("TEI", "teiHeader", "fileDesc", "titleStmt", "respStmt", "editionStmt",
                                             "publicationStmt", "availability", "licence", "sourceDesc", "bibl",
                                             "encodingDesc", "editorialDecl", "correction", "normalization",
                                             "segmentation", "profileDesc", "langUsage", "text", "body",
                                             "back", "div", "list")}


def _layout(root) -> None:
    """Line breaks between the children of element-only containers; mixed content (text) is never
    touched, so no whitespace is added to the Chinese text (pretty_print would add some)."""
    for el in root.iter():
        if el.tag in _CONTAINERS and len(el) and not (el.text or "").strip():
            el.text = "\n"
            for child in el:
                if not (child.tail or "").strip():
                    child.tail = "\n"


# --------------------------------------------------------------------------- all files

# --------------------------------------------------------------------------- citation files

def citations(d: DocumentEdition, info: Info, lang: str, today=None) -> list:
    """Citation records (citation.Record) of the document and of every unit, in one language."""
    from . import citation
    from .render import cite_heading, cite_locator  # the locators and headings the pages show
    title = getattr(info, f"title_{lang}") or None  # the edition's title (annotations/edition.yml)
    out = [citation.record(d.meta, d.id, None, "", "", lang, info.site_url, today, title)]
    out += [citation.record(d.meta, d.id, u.id, cite_locator(u, lang), cite_heading(d, u, lang), lang,
                            info.site_url, today, title) for u in d.doc.units]
    return out


def citation_files(d: DocumentEdition, info: Info, today=None) -> dict[str, bytes]:
    """data/cite/<doc>.<lang>.{ris,json,bib}: every unit's citation as RIS, CSL-JSON and BibTeX."""
    from . import citation
    out = {}
    for lang in ("en", "zh"):
        records = citations(d, info, lang, today)
        base = f"data/cite/{d.id}.{lang}"
        out[base + ".ris"] = "".join(citation.ris(r) + "\r\n" for r in records).encode("utf-8")
        out[base + ".json"] = (json.dumps([citation.csl(r) for r in records], ensure_ascii=False, indent=1)
                               + "\n").encode("utf-8")
        out[base + ".bib"] = ("\n\n".join(citation.bibtex(r) for r in records) + "\n").encode("utf-8")
    return out


def files(ed: Edition, info: Info) -> dict[str, bytes]:
    """Path under the site root -> content, for every open-data file."""
    info = _titled(ed, info)
    out = {
        "data/corpus.json": to_json(corpus(ed, info)),
        "data/items.csv": items_csv(ed, info),
        "data/glossary.json": to_json(glossary(ed, info)),
    }
    for d in ed.documents:
        out[f"data/tei/{d.id}.xml"] = tei(d, info)
        out.update(citation_files(d, info))
    return out
