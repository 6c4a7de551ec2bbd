"""Measure the two search engines on the query set (tests/search_queries.yml), in headless Chromium.

    PYTHONPATH=hooks .venv/bin/python bench/search_compare.py

Builds the site twice: as configured (Pagefind, indexed by the hook) and with Material's search
plugin tuned for this corpus (languages zh+en, glossary terms added to jieba by the hook,
trimmer-only pipeline so English words are not stemmed on one side only). For each engine it types
every query into the search box of a page in the query's language and prints recall at 5 (by kind),
results in the wrong language among the first five, and the bytes the browser fetched for search
before the first results appeared (as served, and gzip-compressed as a web server would send them).
"""
from __future__ import annotations

import functools
import gzip
import http.server
import os
import socketserver
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
import searchkit  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
MATERIAL_SEARCH = """plugins:
  - search:
      lang: [zh, en]
      pipeline: [trimmer]
  - i18n:"""
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks")}


def build(config: str, site: Path) -> None:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", config, "--site-dir", str(site)],
                   cwd=ROOT, env=ENV, check=True)


def material_config() -> str:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "plugins:\n  - i18n:" in text, "mkdocs.yml: expected the plugins list to start with i18n"
    path = ROOT / ".bench-material-search.yml"  # beside mkdocs.yml: its relative paths must resolve
    path.write_text(text.replace("plugins:\n  - i18n:", MATERIAL_SEARCH), encoding="utf-8")
    return str(path)


class Served:
    """A static server that records the files it sends."""

    def __init__(self, site: Path):
        self.log: list[Path] = []
        log, directory = self.log, str(site)

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=directory, **kwargs)

            def log_message(self, *args):
                pass

            def send_head(self):
                path = Path(self.translate_path(self.path))
                if path.is_dir():
                    path = path / "index.html"
                if path.is_file():
                    log.append(path)
                return super().send_head()

        self.httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def close(self):
        self.httpd.shutdown()


def is_search_file(path: Path, site: Path) -> bool:
    rel = path.relative_to(site).as_posix()
    return rel.startswith(("pagefind/", "search/")) or "/workers/search" in f"/{rel}" or "/lunr/" in f"/{rel}" \
        or rel.endswith("assets/search.js")


def first_query_bytes(browser, served: Served, site: Path, query: searchkit.Query) -> tuple[int, int]:
    context = browser.new_context()
    page = context.new_page()
    served.log.clear()
    page.goto(f"{served.base}/{searchkit.START_PAGE[query.page]}")
    searchkit.results(page, served.base, query.q)
    context.close()
    files = sorted({p for p in served.log if is_search_file(p, site)})
    raw = sum(p.stat().st_size for p in files)
    packed = sum(len(gzip.compress(p.read_bytes())) for p in files)
    return raw, packed


def measure(name: str, site: Path, browser, queries) -> dict:
    served = Served(site)
    try:
        context = browser.new_context()
        scores = searchkit.run(context.new_page(), served.base, queries)
        context.close()
        zh_first = next(q for q in queries if q.page == "zh")
        raw, packed = first_query_bytes(browser, served, site, zh_first)
    finally:
        served.close()
    return {"engine": name, "scores": scores, "bytes": raw, "gzip": packed}


def main() -> None:
    from playwright.sync_api import sync_playwright

    only = sys.argv[1] if len(sys.argv) > 1 else ""  # "pagefind" or "material": measure one engine
    queries = searchkit.load_queries()
    with tempfile.TemporaryDirectory() as tmp:
        sites = {"Pagefind (records, bigrams)": Path(tmp) / "pagefind", "Material search (tuned)": Path(tmp) / "material"}
        sites = {k: v for k, v in sites.items() if only.lower() in k.lower()}
        if "Pagefind (records, bigrams)" in sites:
            build(str(ROOT / "mkdocs.yml"), sites["Pagefind (records, bigrams)"])
        if "Material search (tuned)" in sites:
            config = material_config()
            try:
                build(config, sites["Material search (tuned)"])
            finally:
                Path(config).unlink()
        rows = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
            for name, site in sites.items():
                rows.append(measure(name, site, browser, queries))
            browser.close()
    print(f"{len(queries)} queries: " + ", ".join(f"{k} {sum(q.kind == k for q in queries)}" for k in ("zh", "en", "mixed")))
    print()
    print("| engine | recall@5 zh | en | pinyin/mixed | all | wrong-language results | first-query bytes (gzip) |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        s = r["scores"]
        wrong = sum(len(x.wrong_language) for x in s)
        print(f"| {r['engine']} | {searchkit.recall(s, 'zh'):.0%} | {searchkit.recall(s, 'en'):.0%} | "
              f"{searchkit.recall(s, 'mixed'):.0%} | {searchkit.recall(s):.0%} | {wrong} | "
              f"{r['bytes'] / 1024:,.0f} KiB ({r['gzip'] / 1024:,.0f} KiB) |")
    for r in rows:
        misses = [x for x in r["scores"] if x.recall < 1]
        print(f"\n{r['engine']}: {len(misses)} queries below full recall")
        for x in misses:
            print(f"  [{x.query.page}] {x.query.q!r}: missing {[e for e in x.query.expect if e not in x.top]}; top {x.top}")


if __name__ == "__main__":
    main()
