"""The search query set and the code that runs it through a site's search box in a browser.

Shared by tests/test_search.py (the site as built, Pagefind) and bench/search_compare.py (Pagefind
and Material's own search, side by side). Works with either box: both use Material's markup.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

QUERIES = Path(__file__).with_name("search_queries.yml")
TOP = 5
START_PAGE = {"zh": "2025-national/", "en": "en/2025-national/"}


@dataclass
class Query:
    q: str
    page: str  # zh or en: the language of the page the reader searches from
    kind: str  # zh, en or mixed
    expect: list[str]


def load_queries() -> list[Query]:
    return [Query(**entry) for entry in yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]]


def judged_documents() -> set[str]:
    """The documents the query set's `expect` lists were written against (search_queries.yml)."""
    return set(yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["judged"])


def judged(url: str, documents: set[str]) -> bool:
    """Whether a result's page was there when the query set was written: a page of another document,
    or a comparison with one, was not judged. The series grows by pull request; a new document's
    sections are left out of the ranking measured (condensed lists), not counted as misses."""
    parts = url.split("#")[0].removeprefix("en/").strip("/").split("/")
    if parts[0] == "compare" and len(parts) > 1:
        return all(side in documents for side in parts[1].split("--"))
    return not (parts[0][:4].isdigit() and parts[0] not in documents)


def site_relative(href: str, base: str) -> str:
    """http://host/en/2025-national/#item-6 -> en/2025-national/#item-6"""
    root = urlsplit(base).path.rstrip("/") + "/"
    parts = urlsplit(href)
    path = parts.path[len(root):] if parts.path.startswith(root) else parts.path.lstrip("/")
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def in_language(url: str, lang: str) -> bool:
    return url.startswith("en/") == (lang == "en")


def results(page, base: str, query: str) -> list[str]:
    """Type `query` into the search box of the current page; the result links, in order."""
    box = page.locator(".md-search__input")
    box.click()
    box.fill("")
    box.fill(query)
    box.dispatch_event("keyup")  # Material's own box reads the query on keyup
    # Pagefind box (overrides/assets/search.js) marks the query it has rendered; Material's box
    # renders as the worker answers: wait until the list is stable for a moment.
    if page.locator("#ed-search").count():
        page.wait_for_function("q => document.getElementById('ed-search').dataset.rendered === q", arg=query,
                               timeout=15000)
    else:
        page.wait_for_function("""() => {
            const m = document.querySelector('.md-search-result__meta');
            const n = document.querySelectorAll('.md-search-result__link').length + '|' + (m ? m.textContent : '');
            const ok = window.__edLast === n && !/初始化|Initializing/.test(n); window.__edLast = n; return ok; }""",
                               polling=300, timeout=30000)
    hrefs = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
    return [site_relative(h, base) for h in hrefs]


@dataclass
class Score:
    query: Query
    got: list[str]
    documents: set[str] | None = None  # judged documents; None: every result counts

    @property
    def top(self) -> list[str]:
        kept = self.got if self.documents is None else [u for u in self.got if judged(u, self.documents)]
        return kept[:TOP]

    @property
    def recall(self) -> float:
        return sum(e in self.top for e in self.query.expect) / min(len(self.query.expect), TOP)

    @property
    def wrong_language(self) -> list[str]:
        return [u for u in self.top if not in_language(u, self.query.page)]


def run(page, base: str, queries: list[Query]) -> list[Score]:
    documents = judged_documents()
    scores, current = [], None
    for query in queries:
        if current != query.page:
            page.goto(f"{base.rstrip('/')}/{START_PAGE[query.page]}")
            current = query.page
        scores.append(Score(query, results(page, base, query.q), documents))
    return scores


def recall(scores: list[Score], kind: str | None = None) -> float:
    chosen = [s for s in scores if kind is None or s.query.kind == kind]
    return sum(s.recall for s in chosen) / len(chosen) if chosen else 0.0
