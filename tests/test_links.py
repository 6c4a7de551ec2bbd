"""Every internal link of the built site resolves: the page exists and so does the #anchor."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html


def test_every_internal_link_and_anchor_resolves(site):
    @lru_cache(maxsize=None)
    def ids(page: Path) -> frozenset[str]:
        return frozenset(lxml.html.parse(str(page)).getroot().xpath("//@id"))

    broken, checked = [], 0
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":
            continue  # Material's 404 page links relative to wherever it is served
        for a in lxml.html.parse(str(page)).getroot().xpath("//a[@href]"):
            href = a.get("href")
            url = urlsplit(href)
            if url.scheme or url.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            if not url.path:
                target = page
            elif url.path.startswith("/"):  # root-relative (the language switcher on the home page)
                target = site / unquote(url.path).lstrip("/")
            else:
                target = (page.parent / unquote(url.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            where = f"{page.relative_to(site)}: {href}"
            if not target.exists():
                broken.append(f"{where} (no page)")
            elif url.fragment and target.suffix == ".html" and unquote(url.fragment) not in ids(target):
                broken.append(f"{where} (no #{url.fragment})")
    assert checked > 5000
    assert not broken, "\n".join(broken[:40])
