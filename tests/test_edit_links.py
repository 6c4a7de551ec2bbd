"""Every page's edit action opens the file a contributor should change: the annotation file a
generated page comes from, or the hand-written page in docs/ — never generated Markdown."""
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from conftest import ENV, MKDOCS, ROOT

REPO = "https://github.com/example/jiufeng-edition"
EDIT_LINK = re.compile(r'<a href="([^"]+)"[^>]*rel="edit"|<a [^>]*rel="edit"[^>]*href="([^"]+)"')


def edit_link(html_path: Path) -> str | None:
    m = EDIT_LINK.search(html_path.read_text(encoding="utf-8"))
    return (m.group(1) or m.group(2)) if m else None


def expected_generated(site: Path, edition) -> dict[str, str]:
    """Built page -> the annotation file it must link to, for every generated page."""
    out = {}
    for prefix in ("", "en/"):
        for d in edition.documents:
            out[f"{prefix}{d.id}/index.html"] = f"annotations/{d.id}.yml"
        out[f"{prefix}glossary/index.html"] = "annotations/glossary.yml"
        out[f"{prefix}themes/index.html"] = "annotations/themes.yml"
        for t in edition.themes.themes:
            out[f"{prefix}themes/{t.id}/index.html"] = "annotations/themes.yml"
        # pages made from every pair open the folder of pair files; a pair's page, its own file
        out[f"{prefix}compare/index.html"] = "annotations/pairs/"
        for pair in edition.alignments:
            out[f"{prefix}compare/{pair.id}/index.html"] = f"annotations/pairs/{pair.id}.yml"
        out[f"{prefix}whats-new/index.html"] = "annotations/pairs/"
        for d in edition.documents:
            if d.meta["kind"] == "national-work-points":
                prev = [p for p in edition.alignments if p.target == d.id
                        and edition.document(p.source).meta["kind"] == "national-work-points"]
                out[f"{prefix}whats-new/{d.meta['year']}/index.html"] = (
                    f"annotations/pairs/{prev[0].id}.yml" if prev else "annotations/pairs/")
    return out


def url_of(source: str) -> str:
    """The edit action's address: a file opens in the editor, a folder in the repository's file list."""
    return f"{REPO}/{'tree' if source.endswith('/') else 'edit'}/main/{source}"


def test_generated_pages_edit_their_annotation_file(site, edition):
    expected = expected_generated(site, edition)
    for page, source in expected.items():
        assert (site / page).exists(), page
        assert edit_link(site / page) == url_of(source), page
        assert (ROOT / source).exists(), source


def test_every_page_edits_an_existing_source_file_never_generated_markdown(site, edition):
    generated = expected_generated(site, edition)
    pages = [p for p in site.rglob("index.html") if "assets" not in p.parts]
    assert len(pages) >= len(generated) + 4
    for page in pages:
        rel = page.relative_to(site).as_posix()
        link = edit_link(page)
        assert link and link.startswith((f"{REPO}/edit/main/", f"{REPO}/tree/main/")), (rel, link)
        source = link[len(f"{REPO}/edit/main/"):]
        assert (ROOT / source).is_file() or (source.endswith("/") and (ROOT / source).is_dir()), (rel, source)
        assert not source.startswith("docs/edition/"), (rel, source)
        if rel not in generated:  # hand-written: its own page in docs/, in its language
            lang = "en" if rel.startswith("en/") else "zh"
            assert source.startswith("docs/") and source.endswith(f".{lang}.md"), (rel, source)


def test_hand_written_pages_edit_their_docs_file(site):
    assert edit_link(site / "index.html") == f"{REPO}/edit/main/docs/index.zh.md"
    assert edit_link(site / "en" / "about" / "index.html") == f"{REPO}/edit/main/docs/about.en.md"


def test_a_fork_sets_repo_url_and_edit_uri_by_environment(project, tmp_path):
    env = {**ENV, "PYTHONPATH": str(project / "hooks"), "REPO_URL": "https://github.com/someone/fork",
           "EDIT_URI": "edit/trunk/docs/"}
    site = tmp_path / "site"
    result = subprocess.run([*MKDOCS, "build", "--strict", "--site-dir", str(site)], cwd=project, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert edit_link(site / "2025-national" / "index.html") == \
        "https://github.com/someone/fork/edit/trunk/annotations/2025-national.yml"
    assert edit_link(site / "en" / "index.html") == "https://github.com/someone/fork/edit/trunk/docs/index.en.md"


def _hooks():
    sys.path.insert(0, str(ROOT / "hooks"))
    import mkdocs_hooks
    return mkdocs_hooks


def _config(edit_uri="edit/main/docs/"):
    return SimpleNamespace(repo_url=REPO + "/", edit_uri=edit_uri, docs_dir=str(ROOT / "docs"),
                           config_file_path=str(ROOT / "mkdocs.yml"))


def test_edit_base_is_the_repository_root_whatever_the_branch():
    hooks = _hooks()
    assert hooks._repository_edit_base(_config()) == f"{REPO}/edit/main/"
    assert hooks._repository_edit_base(_config("edit/dev/docs")) == f"{REPO}/edit/dev/"
    assert hooks._repository_edit_base(_config("")) is None


def test_a_generated_page_without_edit_source_gets_no_edit_link_and_a_warning(caplog):
    hooks = _hooks()
    page = SimpleNamespace(meta={}, file=SimpleNamespace(src_uri="edition/new-page.en.md"),
                           edit_url=f"{REPO}/edit/main/docs/edition/new-page.en.md")
    with caplog.at_level("WARNING", logger="mkdocs.hooks.edition"):
        hooks.on_page_context({}, page, _config(), None)
    assert page.edit_url is None
    assert "edit_source" in caplog.text and "edition/new-page.en.md" in caplog.text
