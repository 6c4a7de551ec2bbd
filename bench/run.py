"""Build speed and page weight at scale (`make bench`; not part of `make test`).

For each corpus size N (the five real documents plus N-5 synthetic ones from bench/synthetic.py,
in a temporary copy of the project), this builds the site several times and prints medians:

- total: wall time of `mkdocs build` from a clean docs/edition/ and site/ (what CI does);
- ours: time spent in our hooks (module import, loading and validating the edition, generating
  and writing the pages, on_files, on_page_context), recorded by hooks/mkdocs_hooks.py into the
  file named by EDITION_TIMINGS, and its share of the total;
- baseline: `mkdocs build` of the same generated Markdown with our hooks removed from the config
  (MkDocs + Material + i18n + search alone), and total/baseline;
- peak memory (max RSS of the build process), output size, the gzip transfer of a document page
  with its CSS and JS, the search data a first query transfers, the largest generated page;
- serve: `mkdocs serve` running, one annotation file changed, time until the page served shows
  the change (median of several edits).

    python bench/run.py [--sizes 5,50,200,1000] [--runs 3] [--serve-sizes 5,50] [--keep DIR] [--json FILE]
    python bench/run.py --report FILE.json …   # one table from several runs' JSON
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic  # noqa: E402

ROOT = synthetic.ROOT
PYTHON = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks")}
SERVE_ARGS = os.environ.get("BENCH_SERVE_ARGS", "--dirty").split()  # as `make serve` runs it (Makefile)
PAGE = "2025-national"  # the document page whose transfer is measured (a real one, at every N)


# --------------------------------------------------------------------------- measuring one build

def run_rss(cmd: list[str], cwd: Path, env: dict) -> tuple[float, float, int, subprocess.CompletedProcess]:
    """(wall seconds, CPU seconds, peak RSS in bytes, result) of a child process (wait4 gives the
    child's own CPU time and peak)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        cpu = usage.ru_utime + usage.ru_stime
        return wall, cpu, usage.ru_maxrss * 1024, subprocess.CompletedProcess(cmd, proc.returncode, out.read(), err.read())


def build(project: Path, site: Path, config: str = "mkdocs.yml", timings: Path | None = None):
    env = dict(ENV)
    if timings:
        env["EDITION_TIMINGS"] = str(timings)
    shutil.rmtree(site, ignore_errors=True)
    wall, cpu, rss, result = run_rss([PYTHON, "-m", "mkdocs", "build", "-q", "-f", config, "--site-dir", str(site)],
                                     project, env)
    if result.returncode != 0:
        raise SystemExit(f"build failed in {project} ({config}):\n{result.stderr[-3000:]}")
    return {"wall": wall, "cpu": cpu, "rss": rss}


def hook_times(timings: Path) -> dict[str, dict[str, float]]:
    """hook or step -> {"wall": seconds, "cpu": seconds}, summed over calls."""
    out: dict[str, dict[str, float]] = {}
    for line in timings.read_text(encoding="utf-8").splitlines():
        name, wall, cpu = line.split("\t")
        t = out.setdefault(name, {"wall": 0.0, "cpu": 0.0})
        t["wall"] += float(wall)
        t["cpu"] += float(cpu)
    return out


def baseline_config(project: Path) -> str:
    """mkdocs.yml without our hooks: MkDocs renders the already generated Markdown on its own."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text, n = re.subn(r"^hooks:\n(?:  - .*\n)+", "", text, flags=re.M)
    assert n == 1, "no hooks: block in mkdocs.yml"
    (project / "mkdocs.baseline.yml").write_text(text, encoding="utf-8")
    return "mkdocs.baseline.yml"


# --------------------------------------------------------------------------- page weight

def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def page_transfer(site: Path, page: Path) -> dict:
    """gzip bytes of a page's HTML and of the local CSS and JS it loads (fonts are off; images are
    only the ones in the content, none on document pages)."""
    html = page.read_text(encoding="utf-8")
    assets = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    assets += re.findall(r'<link[^>]+href="([^"]+)"[^>]+rel="stylesheet"', html)
    assets += re.findall(r'<script[^>]+src="([^"]+)"', html)
    sizes = {"html": gz(page.read_bytes()), "css": 0, "js": 0}
    for ref in dict.fromkeys(assets):
        if re.match(r"^(https?:)?//", ref):
            continue
        path = (page.parent / ref.split("?")[0].split("#")[0]).resolve()
        if path.is_file():
            sizes["css" if path.suffix == ".css" else "js"] += gz(path.read_bytes())
    sizes["total"] = sizes["html"] + sizes["css"] + sizes["js"]
    return sizes


def search_transfer(site: Path) -> tuple[int, str]:
    """Bytes (gzip) a first search query transfers, for whichever search the site has.

    Material's search (lunr): the whole search/search_index.json of the page's language is
    fetched before the first query can run. Pagefind: the entry file, pagefind.js, the WebAssembly,
    the metadata, one index chunk (the largest, as an upper bound) and the fragments of the first
    five results (the mean fragment size times five). Pagefind's .pf_* files are stored gzip'd, so
    their size on disk is what is transferred.
    """
    pagefind = next((p for p in (site / "pagefind", site / "en" / "pagefind") if p.is_dir()), None)
    if pagefind:
        total = 0
        for name in ("pagefind-entry.json", "pagefind.js"):
            if (pagefind / name).exists():
                total += gz((pagefind / name).read_bytes())
        wasm = sorted(pagefind.glob("wasm.*.pagefind"))
        total += max((p.stat().st_size for p in wasm), default=0)  # one language's wasm
        total += max((p.stat().st_size for p in pagefind.glob("pagefind.*.pf_meta")), default=0)
        total += max((p.stat().st_size for p in pagefind.glob("index/*.pf_index")), default=0)
        fragments = [p.stat().st_size for p in pagefind.glob("fragment/*.pf_fragment")]
        total += int(5 * statistics.mean(fragments)) if fragments else 0
        return total, "pagefind"
    index = site / "search" / "search_index.json"
    if index.exists():
        return gz(index.read_bytes()), "lunr"
    return 0, "none"


def search_measured(site: Path) -> dict | None:
    """Search data a first query actually transfers, in headless Chromium: for a spread of the
    query set (tests/search_queries.yml, both languages), a fresh browser (empty cache) opens a
    document page, types the query and waits for the results; every search file the server sent
    is counted, gzip-compressed as a web server would send it (Pagefind's own files are stored
    compressed already). Returns median and maximum over the queries, or None without Chromium."""
    try:
        from playwright.sync_api import sync_playwright

        import search_compare
    except ImportError as exc:
        print(f"bench: search transfer not measured in a browser ({exc}); run `make test` once to install "
              "Playwright, and `apt-get install -y chromium`", file=sys.stderr)
        return None
    queries = [q for q in search_compare.searchkit.load_queries() if q.kind != "mixed"][::6]
    sizes = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=search_compare.CHROMIUM, headless=True, args=["--no-sandbox"])
        served = search_compare.Served(site)
        try:
            for q in queries:
                sizes.append(search_compare.first_query_bytes(browser, served, site, q)[1])
        finally:
            served.close()
            browser.close()
    return {"median": statistics.median(sizes), "max": max(sizes), "queries": [q.q for q in queries]}


def tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# --------------------------------------------------------------------------- mkdocs serve cycle

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return None


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a running process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def serve_cycle(project: Path, edits: int = 3, timeout: float = 900) -> tuple[list[float], list[float]]:
    """Seconds from changing annotations/PAGE.yml until the rebuilt English page is served (wall),
    and the CPU seconds the server spent on each rebuild."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/en/{PAGE}/"
    log = open(project / "serve.log", "w")
    proc = subprocess.Popen([PYTHON, "-m", "mkdocs", "serve", *SERVE_ARGS, "-a", f"127.0.0.1:{port}"],
                            cwd=project, env=ENV, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + timeout
        while fetch(url) is None:
            if proc.poll() is not None or time.time() > deadline:
                raise SystemExit(f"mkdocs serve did not start: see {project / 'serve.log'}")
            time.sleep(0.5)
        time.sleep(2)  # let the watcher settle
        annotation = project / "annotations" / f"{PAGE}.yml"
        original = annotation.read_text(encoding="utf-8")
        times, cpu = [], []
        for k in range(edits):
            cpu_before = cpu_seconds(proc.pid)
            token = f"Benchmark{k}x{int(time.time())}"
            annotation.write_text(original.replace("Notice on Issuing", f"Notice {token} on Issuing", 1), encoding="utf-8")
            start = time.perf_counter()
            while True:
                body = fetch(url)
                if body and token in body:
                    break
                if time.perf_counter() - start > timeout:
                    raise SystemExit(f"the change never appeared on {url}")
                time.sleep(0.05)
            times.append(time.perf_counter() - start)
            time.sleep(1)  # the rebuild is over when the page is served; this only lets the server idle
            cpu.append(cpu_seconds(proc.pid) - cpu_before)
        annotation.write_text(original, encoding="utf-8")
        return times, cpu
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


# --------------------------------------------------------------------------- one corpus size

def measure(n: int, runs: int, serve: bool, workdir: Path, seed: int, nav: str) -> dict:
    project = workdir / f"n{n}"
    synthetic.copy_project(project)
    if n > 5:
        synthetic.add_documents(project, n - 5, seed=seed, nav=nav)
    site = project / "site"
    builds, ours, parts = [], [], []
    for _ in range(runs):
        shutil.rmtree(project / "docs" / "edition", ignore_errors=True)
        timings = project / "timings.tsv"
        timings.unlink(missing_ok=True)
        builds.append(build(project, site, timings=timings))
        t = hook_times(timings)
        # generate.* are steps inside on_pre_build (load, write, export); search.* is the search index, the work that
        # Material's search plugin does inside MkDocs (reported apart, not counted as ours)
        hooks = [v for k, v in t.items() if not k.startswith(("generate.", "search.", "rss."))]
        ours.append({c: sum(v[c] for v in hooks) for c in ("wall", "cpu")})
        parts.append(t)
    config = baseline_config(project)
    baselines = [build(project, workdir / f"n{n}-baseline-site", config=config) for _ in range(runs)]
    shutil.rmtree(workdir / f"n{n}-baseline-site", ignore_errors=True)
    page = site / PAGE / "index.html"  # the site of the last build with our hooks, as published
    transfer = page_transfer(site, page)
    search_bytes, engine = search_transfer(site)
    measured = search_measured(site) if engine == "pagefind" else None
    generated = project / "docs" / "edition"
    largest = max(generated.rglob("*.md"), key=lambda p: p.stat().st_size)
    glossary_html = site / "glossary" / "index.html"
    med = statistics.median
    result = {
        "n": n, "runs": runs,
        "total": {c: med(b[c] for b in builds) for c in ("wall", "cpu")},
        "ours": {c: med(o[c] for o in ours) for c in ("wall", "cpu")},
        "baseline": {c: med(b[c] for b in baselines) for c in ("wall", "cpu")},
        "all_runs": {"builds": builds, "ours": ours, "baselines": baselines},
        "parts": {k: med(p.get(k, {"cpu": 0.0})["cpu"] for p in parts) for k in parts[0]},
        "rss": max(b["rss"] for b in builds), "output": tree_size(site),
        "pages": sum(1 for _ in site.rglob("index.html")),
        "page": transfer, "search": search_bytes, "search_engine": engine, "search_measured": measured,
        "largest_md": (largest.relative_to(generated).as_posix(), largest.stat().st_size),
        "glossary_html": glossary_html.stat().st_size if glossary_html.exists() else 0,
        "glossary_gz": gz(glossary_html.read_bytes()) if glossary_html.exists() else 0,
    }
    result["share"] = {c: result["ours"][c] / result["total"][c] for c in ("wall", "cpu")}
    if serve:
        result["serve"], result["serve_cpu"] = serve_cycle(project)
    return result


# --------------------------------------------------------------------------- report

def kb(n: int) -> str:
    return f"{n / 1024:,.0f} KB"


def mb(n: int) -> str:
    return f"{n / 1024 / 1024:,.{1 if n < 10 * 1024 ** 2 else 0}f} MB"


def table(results: list[dict]) -> str:
    rows = [
        ("documents (N)", lambda r: f"{r['n']}"),
        ("builds (median of)", lambda r: f"{r['runs']}"),
        ("total build, CPU", lambda r: f"{r['total']['cpu']:.1f} s"),
        ("total build, wall", lambda r: f"{r['total']['wall']:.1f} s"),
        ("our pipeline, CPU", lambda r: f"{r['ours']['cpu']:.2f} s"),
        ("our share of total, CPU (wall)", lambda r: f"{100 * r['share']['cpu']:.1f} % ({100 * r['share']['wall']:.1f} %)"),
        ("  import", lambda r: f"{r['parts'].get('import', 0):.2f} s"),
        ("  load + validate", lambda r: f"{r['parts'].get('generate.load', 0):.2f} s"),
        ("  render + write", lambda r: f"{r['parts'].get('generate.write', 0):.2f} s"),
        ("  on_files + on_page_context", lambda r: f"{r['parts'].get('on_files', 0) + r['parts'].get('on_page_context', 0):.2f} s"),
        ("  data export (/data/)", lambda r: f"{r['parts'].get('generate.export', 0) + r['parts'].get('export.move', 0) + r['parts'].get('export', 0):.2f} s"),
        ("search records, CPU (not in ours)", lambda r: f"{r['parts'].get('search.index', 0):.2f} s"),
        ("MkDocs alone (baseline), CPU", lambda r: f"{r['baseline']['cpu']:.1f} s"),
        ("MkDocs alone (baseline), wall", lambda r: f"{r['baseline']['wall']:.1f} s"),
        ("total / baseline, CPU", lambda r: f"{r['total']['cpu'] / r['baseline']['cpu']:.2f}"),
        ("peak memory (RSS)", lambda r: mb(r["rss"])),
        ("  build process / Pagefind process", lambda r: f"{mb(r['parts'].get('rss.build', 0))} / "
         f"{mb(r['parts'].get('rss.search', 0))}"),
        ("output size", lambda r: mb(r["output"])),
        ("HTML pages", lambda r: f"{r['pages']:,}"),
        (f"document page gzip ({PAGE})", lambda r: kb(r["page"]["total"])),
        ("  HTML / CSS / JS", lambda r: f"{kb(r['page']['html'])} / {kb(r['page']['css'])} / {kb(r['page']['js'])}"),
        ("search data, first query (gzip)", lambda r: f"{kb(r['search'])} ({r['search_engine']})"),
        ("  measured in Chromium, median / max", lambda r: f"{kb(r['search_measured']['median'])} / "
         f"{kb(r['search_measured']['max'])}" if r.get("search_measured") else "–"),
        ("glossary page HTML (gzip)", lambda r: f"{mb(r['glossary_html'])} ({kb(r['glossary_gz'])})"),
        ("largest generated page", lambda r: f"{r['largest_md'][0]} {kb(r['largest_md'][1])}"),
        ("serve: edit visible after, wall", lambda r: (f"{statistics.median(r['serve']):.1f} s" if r.get("serve") else "–")),
        ("serve: rebuild, CPU", lambda r: (f"{statistics.median(r['serve_cpu']):.1f} s" if r.get("serve") else "–")),
    ]
    cells = [[name] + [fmt(r) for r in results] for name, fmt in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    lines = []
    for k, row in enumerate(cells):
        lines.append("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |")
        if k == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def machine() -> str:
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                if l.startswith("model name")), platform.processor())
    mem = next((int(l.split()[1]) // 1024 // 1024 for l in Path("/proc/meminfo").read_text().splitlines()
                if l.startswith("MemTotal")), 0)
    load = os.getloadavg()
    return (f"{cpu}, {os.cpu_count()} cores, {mem} GB RAM, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}; load average {load[0]:.1f} at the end of the run")


def checks(results: list[dict]) -> list[str]:
    by_n = {r["n"]: r for r in results}
    out = []
    for r in results:
        share = r["share"]["cpu"]
        out.append(f"{'met ' if share <= 0.15 else 'MISSED'} our share ≤ 15 % (CPU) at N={r['n']}: {100 * share:.1f} %")
    if 200 in by_n and 1000 in by_n:
        ratio = by_n[1000]["ours"]["cpu"] / by_n[200]["ours"]["cpu"]
        out.append(f"{'met ' if ratio <= 5.5 else 'MISSED'} linear: ours(1000)/ours(200) ≤ 5.5: {ratio:.2f}")
    if 5 in by_n:
        r = by_n[5]
        out.append(f"{'met ' if r['total']['wall'] < 10 else 'MISSED'} real site builds in < 10 s (wall): "
                   f"{r['total']['wall']:.1f} s (CPU {r['total']['cpu']:.1f} s)")
        if r.get("serve"):
            s = statistics.median(r["serve"])
            out.append(f"{'met ' if s <= 3 else 'MISSED'} serve shows an annotation change in ≤ 3 s (wall): {s:.1f} s "
                       f"(the rebuild took {statistics.median(r['serve_cpu']):.1f} s CPU)")
    for r in results:
        out.append(f"{'met ' if r['page']['total'] < 400 * 1024 else 'MISSED'} document page < 400 KB gzip at N={r['n']}: {kb(r['page']['total'])}")
    if 1000 in by_n:
        r = by_n[1000]
        searched = r["search_measured"]["max"] if r.get("search_measured") else r["search"]
        out.append(f"{'met ' if searched < 500 * 1024 else 'MISSED'} first search query < 500 KB at N=1000: {kb(searched)}"
                   + (" (largest of the queries measured in Chromium)" if r.get("search_measured") else ""))
        out.append(f"{'met ' if r['rss'] < 2 * 1024 ** 3 else 'MISSED'} peak memory < 2 GB at N=1000: {mb(r['rss'])}")
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="5,50,200,1000")
    parser.add_argument("--runs", type=int, default=3, help="builds per size (median reported)")
    parser.add_argument("--runs-1000", type=int, default=1, help="builds at N >= 1000 (slow)")
    parser.add_argument("--serve-sizes", default="5,50", help="sizes at which the serve cycle is timed")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--nav", choices=("flat", "years", "years-pruned", "none"), default="flat",
                        help="years-pruned: with Material's navigation.prune; otherwise the generated navigation as it is")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    parser.add_argument("--report", type=Path, nargs="+", metavar="JSON",
                        help="print the table from the JSON of earlier runs (e.g. one per size) instead of measuring")
    args = parser.parse_args(argv)
    if args.report:
        runs = [json.loads(p.read_text(encoding="utf-8")) for p in args.report]
        results = sorted((r for run in runs for r in run["results"]), key=lambda r: r["n"])
        print(table(results) + "\n\nTargets:\n" + "\n".join("  " + l for l in checks(results)))
        print("\nMachine: " + "; ".join(dict.fromkeys(run["machine"] for run in runs)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    serve_sizes = {int(s) for s in args.serve_sizes.split(",") if s}
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="edition-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for n in sizes:
            runs = args.runs_1000 if n >= 1000 else args.runs
            print(f"N={n}: {runs} build(s) + {runs} baseline build(s){' + serve cycle' if n in serve_sizes else ''} …",
                  file=sys.stderr, flush=True)
            results.append(measure(n, runs, n in serve_sizes, workdir, args.seed, args.nav))
            shutil.rmtree(workdir / f"n{n}", ignore_errors=True) if not args.keep else None
            r = results[-1]
            print(f"  CPU: total {r['total']['cpu']:.1f} s, ours {r['ours']['cpu']:.2f} s "
                  f"({100 * r['share']['cpu']:.1f} %), baseline {r['baseline']['cpu']:.1f} s; "
                  f"wall: total {r['total']['wall']:.1f} s", file=sys.stderr, flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print(table(results))
    print()
    print("Targets:")
    for line in checks(results):
        print("  " + line)
    print()
    print(f"Machine: {machine()}")
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "results": results}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
