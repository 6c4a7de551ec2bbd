"""Contexts and pages for what changed: item histories, comparison pages, what's new per year.

The data comes from comparison.py (redlines, histories); the layout from the templates
compare*.md.j2, whats_new*.md.j2 and the history macro in _macros.j2.
"""
from __future__ import annotations

from . import comparison, markup
from .alignment import PAIRS, RELATIONS
from .comparison import DELETE, INSERT
from .render import _ordered, _short, _unit_label, labels, render_template


# Pages made from all pairs edit the folder of pair files (the edit link opens it: see mkdocs_hooks).
_PAIRS_DIR = PAIRS.as_posix() + "/"


def relation_label(ed, pair, relation: str, lang: str) -> str:
    L = labels()[lang]
    source = ed.document(pair.source)
    if source.meta["kind"] == "news-report" and relation in L["news_relations"]:
        return L["news_relations"][relation]
    return L["relations"][relation]


def _unit_ref(ed, doc_id: str, unit_id: str, lang: str, depth: int) -> dict:
    d = ed.document(doc_id)
    u = d.doc.unit(unit_id)
    t = d.translation(unit_id)
    heading = u.heading if u.kind == "item" else u.text
    if lang == "en" and t is not None:
        heading = t.heading or (t.en if isinstance(t.en, str) else heading)
    return {"doc": doc_id, "id": unit_id, "label": _unit_label(u, lang), "doc_short": _short(d, lang),
            "href": "../" * depth + f"{doc_id}/#{unit_id}", "heading": _clip(heading, 90)}


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1].rstrip() + "…"


# --------------------------------------------------------------------------- item histories

def history(ed, hist: dict, d, unit, lang: str, depth: int = 1) -> list[dict]:
    """The counterparts of one unit, earlier documents first, for the line under each item.

    One entry per link, each pointing to its explanation on the comparison page; a news report
    is shown as reporting the item, not as an earlier version of it.
    """
    L = labels()[lang]
    out = []
    for h in hist.get((d.id, unit.id), []):
        pair = ed.pair(h.pair)
        other = ed.document(h.other_doc)
        news = ed.document(pair.source).meta["kind"] == "news-report"
        direction = "news" if news and h.direction == "earlier" else h.direction
        entry = {
            "direction": direction, "arrow": {"earlier": "←", "later": "→", "news": "⇠"}[direction],
            "doc_short": _short(other, lang), "year": other.meta["year"],
            "relation": h.relation, "relation_label": relation_label(ed, pair, h.relation, lang),
            "units": [_unit_ref(ed, h.other_doc, uid, lang, depth) for uid in h.other_units],
            "compare_href": "../" * depth + f"compare/{h.pair}/#link-{h.link}",
            "none": "",
        }
        if not h.other_units and direction != "news":
            key_none = "history_none_earlier" if h.direction == "earlier" else "history_none_later"
            entry["none"] = L[key_none].format(doc=_short(other, lang))
        out.append(entry)
    order = {"earlier": 0, "later": 1, "news": 2}
    return sorted(out, key=lambda e: (order[e["direction"]], e["year"], e["doc_short"]))


# --------------------------------------------------------------------------- redline

def redline_html(segments: list[comparison.Segment], lang: str) -> str:
    """Insertions and deletions as <ins>/<del>, with words for screen readers (not colour alone)."""
    L = labels()[lang]
    out = []
    for s in segments:
        text = markup.escape(s.text).replace("\n", "<br>")
        if s.op == DELETE:
            out.append(f'<del><span class="ed-sr">{L["deleted_sr"]}</span>{text}'
                       f'<span class="ed-sr">{L["deleted_end"]}</span></del>')
        elif s.op == INSERT:
            out.append(f'<ins><span class="ed-sr">{L["inserted_sr"]}</span>{text}'
                       f'<span class="ed-sr">{L["inserted_end"]}</span></ins>')
        else:
            out.append(text)
    return "".join(out)


# --------------------------------------------------------------------------- comparison pages

def _side_texts(ed, doc_id: str, unit_ids, lang: str) -> list[dict]:
    d = ed.document(doc_id)
    out = []
    for uid in unit_ids:
        u = d.doc.unit(uid)
        t = d.translation(uid)
        if lang == "en":
            en = ""
            if t is not None:
                en = (f"{t.heading} " if t.heading else "") + (t.en if isinstance(t.en, str) else "")
            html = markup.render(en) if en else ""
        else:
            html = markup.escape(u.text).replace("\n", "<br>")
        out.append({"label": _unit_label(u, lang), "html": html})
    return out


def comparison_context(ed, pair, lang: str, depth: int = 2, details: bool = True) -> dict:
    """Everything a comparison page shows; with details=False (the what's-new pages) the links
    carry no redline and no side-by-side texts, which those pages do not show."""
    L = labels()[lang]
    src, tgt = ed.document(pair.source), ed.document(pair.target)
    links = []
    for n, link in enumerate(pair.links, 1):
        segs = comparison.link_redline(pair, link, ed) if details else None
        links.append({
            "n": n, "relation": link.relation, "relation_label": relation_label(ed, pair, link.relation, lang),
            "source": [_unit_ref(ed, pair.source, u, lang, depth) for u in link.source],
            "target": [_unit_ref(ed, pair.target, u, lang, depth) for u in link.target],
            "note_html": markup.render(link.note[lang] or link.note["en"], inline=True),
            "redline": redline_html(segs, lang) if segs else "",
            "similarity": round(100 * comparison.similarity(segs)) if segs else None,
            "source_texts": _side_texts(ed, pair.source, link.source, lang) if details else [],
            "target_texts": _side_texts(ed, pair.target, link.target, lang) if details else [],
            "review": _link_review(link, lang) if pair.review else None,
        })
    counts = comparison.relation_counts(pair)
    unlinked = [{"ref": _unit_ref(ed, pair.source, u["para"], lang, depth),
                 "reason_html": markup.render(u.get(f"reason_{lang}") or u.get("reason_en", ""), inline=True)}
                for u in pair.unlinked]
    return {
        "L": L, "lang": lang, "id": pair.id,
        "title": L["compare_title"].format(a=_short(src, lang), b=_short(tgt, lang)),
        "source": {"id": src.id, "short": _short(src, lang), "title": src.meta["title"][lang]},
        "target": {"id": tgt.id, "short": _short(tgt, lang), "title": tgt.meta["title"][lang]},
        "summary_html": markup.render(pair.summary[lang] or pair.summary["en"]),
        "counts": [{"relation": r, "label": relation_label(ed, pair, r, lang), "count": counts[r]}
                   for r in RELATIONS if r in counts],
        "links": links,
        "new": [l for l in links if l["relation"] == "new"],
        "dropped": [l for l in links if l["relation"] == "dropped"],
        "unlinked": unlinked,
        "depth": depth,
        "edit_source": pair.file,
        "review": {"date": pair.review["date"],
                   "method_html": markup.render(pair.review[f"method_{lang}"], inline=True)} if pair.review else None,
    }


def _link_review(link, lang: str) -> dict:
    """A link's verdict in the pair's review (kept unless the data say otherwise) and its reason."""
    L = labels()[lang]
    r = link.review or {"verdict": ["kept"]}
    return {"verdicts": r["verdict"], "label": L["review_join"].join(L["review_verdicts"][v] for v in r["verdict"]),
            "reason_html": markup.render(r.get(f"reason_{lang}", ""), inline=True) if link.review else ""}


def comparison_page(ed, pair, lang: str) -> str:
    return render_template("compare.md.j2", **comparison_context(ed, pair, lang))


def comparison_index(ed, lang: str) -> str:
    pairs = []
    for pair in ed.alignments:
        src, tgt = ed.document(pair.source), ed.document(pair.target)
        counts = comparison.relation_counts(pair)
        pairs.append({"id": pair.id, "title": labels()[lang]["compare_title"].format(a=_short(src, lang), b=_short(tgt, lang)),
                      "counts": [{"label": relation_label(ed, pair, r, lang), "count": counts[r]}
                                 for r in RELATIONS if r in counts],
                      "summary_html": markup.render(pair.summary[lang] or pair.summary["en"])})
    return render_template("compare_index.md.j2", L=labels()[lang], lang=lang, pairs=pairs, edit_source=_PAIRS_DIR)


# --------------------------------------------------------------------------- what's new

def national_years(ed) -> list:
    return [d for d in _ordered(ed) if d.meta["kind"] == "national-work-points"]


def whats_new_context(ed, d, lang: str) -> dict:
    L = labels()[lang]
    prev = next((p for p in ed.alignments if p.target == d.id
                 and ed.document(p.source).meta["kind"] == "national-work-points"), None)
    ctx = {"L": L, "lang": lang, "year": d.meta["year"], "doc": {"id": d.id, "short": _short(d, lang),
                                                             "title": d.meta["title"][lang]},
           "pair": None, "new": [], "changed": [], "dropped": [], "provincial": [],
           "edit_source": prev.file if prev is not None else _PAIRS_DIR}
    if prev is not None:
        c = comparison_context(ed, prev, lang, details=False)
        ctx["pair"] = {"id": prev.id, "title": c["title"], "prev_short": c["source"]["short"],
                       "summary_html": c["summary_html"]}
        ctx["new"] = c["new"]
        ctx["dropped"] = c["dropped"]
        ctx["changed"] = [l for l in c["links"] if l["relation"] not in ("new", "dropped", "unchanged")]
    ctx["counts"] = {  # items, not links: a split item is one changed item however many links it has
        "new": len({u["id"] for l in ctx["new"] for u in l["target"]}),
        "changed": len({u["id"] for l in ctx["changed"] for u in l["target"]}),
        "dropped": len({u["id"] for l in ctx["dropped"] for u in l["source"]}),
    }
    for p in ed.alignments:
        if p.source == d.id and ed.document(p.target).meta["kind"] == "provincial-work-points":
            c = comparison_context(ed, p, lang, details=False)
            ctx["provincial"].append({"id": p.id, "title": c["title"], "summary_html": c["summary_html"],
                                      "new": c["new"]})
    return ctx


def whats_new_page(ed, d, lang: str) -> str:
    return render_template("whats_new.md.j2", **whats_new_context(ed, d, lang))


def whats_new_index(ed, lang: str) -> str:
    years = []
    for d in national_years(ed):
        c = whats_new_context(ed, d, lang)
        years.append({"year": d.meta["year"], "short": _short(d, lang), **c["counts"], "has_prev": c["pair"] is not None})
    return render_template("whats_new_index.md.j2", L=labels()[lang], lang=lang, years=years, edit_source=_PAIRS_DIR)
