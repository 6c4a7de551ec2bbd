"""Shared fixtures: the loaded edition, a built site, a project copy to break, a browser."""
from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import socketserver
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
MKDOCS = [sys.executable, "-m", "mkdocs"]
CHROMIUM = "/usr/bin/chromium"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks")}

from edition import edition as edition_loader  # noqa: E402


@pytest.fixture(scope="session")
def edition():
    return edition_loader.load(ROOT)


def build(project: Path, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*MKDOCS, "build", "--strict", "--site-dir", str(site)], cwd=project, env=ENV,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once with --strict."""
    out = tmp_path_factory.mktemp("site") / "site"
    result = build(ROOT, out)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def copy_project(dest: Path) -> Path:
    skip = {".venv", "site", ".git", ".tmp", "__pycache__", ".pytest_cache", "test-results"}

    def ignore(folder: str, names: list[str]) -> list[str]:
        generated = Path(folder) == ROOT / "docs"
        return [n for n in names if n in skip or (generated and n == "edition")]

    shutil.copytree(ROOT, dest, ignore=ignore)
    return dest


@pytest.fixture
def project(tmp_path) -> Path:
    """A throwaway copy of the project that a test may break."""
    return copy_project(tmp_path / "project")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves the built site as GitHub Pages does: a missing path gets /404.html with status 404."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="session")
def server(site):
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = socketserver.TCPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's Chromium with "
                    "'apt-get update && apt-get install -y chromium' (make test does this as root)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()


SCREENSHOTS = ROOT / "test-results"


@pytest.fixture(scope="session")
def xss_site(tmp_path_factory):
    """A project copy with known XSS payloads in every free-text field, built with --strict.

    Returns (site dir or None, build result, {field type: values set}). The build must either
    succeed with every payload neutralised or stop with an error; it must never publish a payload."""
    from xss_payloads import inject, refresh_fingerprints
    base = tmp_path_factory.mktemp("xss")
    project = copy_project(base / "project")
    fields = inject(project)
    refresh_fingerprints(project)
    out = base / "site"
    result = build(project, out)
    return (out if result.returncode == 0 else None), result, fields


@pytest.fixture(scope="session")
def xss_server(xss_site):
    site = xss_site[0]
    if site is None:
        pytest.fail("the payload project did not build: " + xss_site[1].stderr[-2000:])
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = socketserver.TCPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


RADICALS = re.compile("[\u2e80-\u2fdf]")  # CJK Radicals Supplement and Kangxi Radicals


def tool(name: str) -> str:
    """The path of a command the PDF tests need (pdftotext, pdfinfo); fails, saying how to install it."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: install poppler-utils ('make pdf-tools' as root, or "
                    "'sudo apt-get install -y poppler-utils')")
    return path


def run_edition(project: Path, *args) -> subprocess.CompletedProcess:
    """`python -m edition --root project ARGS…` with the tests' environment (output captured)."""
    return subprocess.run([sys.executable, "-m", "edition", "--root", str(project), *args], env=ENV,
                          capture_output=True, text=True, timeout=300)


def replace(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in the file with `new`; fails if `old` is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
