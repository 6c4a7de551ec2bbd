"""The site's navigation, generated from the edition: documents, themes, comparisons, what's new.

Readers look for these texts by year, then by level: under each year the national text first, then
the local ones (provinces and cities, in the official order of the regions), then the others (news
reports, other instruments). Comparisons are grouped the same way by the document a reader compares
with its baseline; what's new lists the national years. Titles come from the documents' records and
the wording files, in the language of the build; nothing is listed by hand in mkdocs.yml.

`outline(ed)` keeps what the navigation needs (small: a build frees the loaded edition before MkDocs
renders); `tree(outline, lang)` turns it into nested `Node`s, which the MkDocs hook maps onto pages.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import series
from .wording import labels


@dataclass
class Node:
    """A navigation entry: a page (`url`, relative to the language's root, e.g. "2025-national/")
    with an optional `title` (None: the page's own), or a section with `children`."""

    title: str | None
    url: str | None = None
    children: list["Node"] = field(default_factory=list)


@dataclass
class Outline:
    """What the navigation lists: document records, pairs (id, source record, target record),
    national years with a what's-new page, theme ids, whether there is a glossary."""

    documents: list[dict]
    pairs: list[tuple[str, dict, dict]]
    whats_new: list[int]
    themes: list[str]
    glossary: bool


def outline(ed) -> Outline:
    """The Outline of a loaded edition.Edition (documents and pairs in the edition's order)."""
    from .render_compare import national_years
    pairs = [(p.id, ed.document(p.source).meta, ed.document(p.target).meta) for p in ed.alignments or []]
    return Outline(
        documents=[d.meta for d in ed.documents], pairs=pairs,
        whats_new=[d.meta["year"] for d in national_years(ed)] if ed.alignments else [],
        themes=[t.id for t in ed.themes.themes] if ed.themes else [], glossary=bool(ed.glossary))


def subject(source: dict, target: dict) -> dict:
    """Of a pair's two documents, the one a reader compares with the other: the later in the
    series' order of kinds (the provincial text against the national one, the report against the
    notice), else the target (the later year)."""
    order = list(series.kinds())
    return source if order.index(source["kind"]) > order.index(target["kind"]) else target


def _by_year(entries: list[tuple[dict, Node]], lang: str) -> list[Node]:
    """Sections per year, newest first; in each, national entries, then a section per other group."""
    L = labels()[lang]["nav"]
    years: dict[int, list[tuple[dict, Node]]] = {}
    for meta, node in entries:
        years.setdefault(meta["year"], []).append((meta, node))
    out = []
    for year in sorted(years, reverse=True):
        section = Node(L["year"].format(year=year))
        for group in series.groups():
            members = [node for meta, node in years[year] if series.group(meta) == group]
            if not members:
                continue
            if group == "national":
                section.children += members
            else:
                section.children.append(Node(L["groups"][group], children=members))
        out.append(section)
    return out


def tree(o: Outline, lang: str) -> list[Node]:
    """The generated sections, in the order they follow the home page."""
    L = labels()[lang]
    nav = L["nav"]
    out = [Node(nav["documents"], children=_by_year(
        [(m, Node(series.nav_title(m, lang), f"{m['id']}/")) for m in o.documents], lang))]
    if o.glossary:
        out.append(Node(nav["glossary"], "glossary/"))
    if o.themes:
        # the theme pages in a subsection of their own, collapsed until opened: the sidebar stays short
        out.append(Node(nav["themes"], children=[Node(None, "themes/"), Node(nav["all_themes"], children=[
            Node(None, f"themes/{t}/") for t in o.themes])]))
    if o.pairs:
        pairs = [(subject(s, t), Node(L["compare_title"].format(a=series.short_label(s, lang), b=series.short_label(t, lang)),
                                      f"compare/{pid}/")) for pid, s, t in o.pairs]
        out.append(Node(nav["compare"], children=[Node(None, "compare/"), *_by_year(pairs, lang)]))
        out.append(Node(nav["whats_new"], children=[Node(None, "whats-new/"), *(
            Node(nav["year"].format(year=y), f"whats-new/{y}/") for y in sorted(o.whats_new, reverse=True))]))
    return out


def urls(nodes: list[Node]) -> list[str]:
    """Every page url in `nodes`, depth first."""
    out = []
    for n in nodes:
        if n.url is not None:
            out.append(n.url)
        out += urls(n.children)
    return out
