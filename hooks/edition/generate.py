"""Write the generated Markdown tree (docs/edition/) from the loaded edition.

Files are written only when their content changed, and files no longer produced are removed:
`mkdocs serve` watches docs/, so rewriting unchanged files would make it rebuild for ever.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import yaml

from . import citation, comparison, export, markup, pdf, render, render_compare
from .edition import Edition
from .errors import EditionError, Problem

LANGS = ("zh", "en")


def site_from_mkdocs_yml(root: Path) -> render.Site:
    """site_url and repo_url as MkDocs would read them, for the command line (no MkDocs needed)."""
    config = mkdocs_config(root)
    return render.Site(config.get("site_url") or render.Site.site_url, config.get("repo_url") or "")


def mkdocs_config(root: Path) -> dict:
    """mkdocs.yml as MkDocs would read it (`!ENV` resolved, Python tags ignored), without MkDocs."""
    class Loader(yaml.SafeLoader):
        pass

    def env(loader, node):  # `!ENV [NAME, default]` or `!ENV NAME`
        args = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
        return next((os.environ[a] for a in args[:-1] if a in os.environ), args[-1] if len(args) > 1 else None)

    Loader.add_constructor("!ENV", env)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader) or {}


def mkdocs_value(root: Path, key: str):
    """A top-level value of mkdocs.yml as MkDocs would read it (`!ENV` resolved), without MkDocs."""
    return mkdocs_config(root).get(key)


def iter_pages(ed: Edition, site: render.Site | None = None, pdfs: dict | None = None):
    """(relative path under docs/edition/, content) for every generated file, one at a time: a
    large collection's pages are written as they are made, never all held in memory. `pdfs`
    (pdf.available) are the documents' PDFs made for their current texts, linked from the pages."""
    pdfs = pdfs or {}
    histories = comparison.histories(ed.alignments or [])
    for d in ed.documents:
        for lang in LANGS:
            yield f"{d.id}.{lang}.md", render.document_page(ed, d, lang, site, histories,
                                                            pdf.link(d, pdfs.get(d.id), lang, site.site_url if site else ""))
        # byte for byte (CRLF): the published file must match the SHA-256 shown beside it
        yield f"sources/{d.meta['file']}", d.source.path.read_bytes()
    for lang in LANGS:
        yield f"_snippets/documents.{lang}.md", render.documents_table(ed, lang)
        yield f"_snippets/tei.{lang}.md", render.tei_links(ed, lang)
        if ed.publication:  # the home page's heading: the site's name (annotations/edition.yml)
            yield f"_snippets/home_title.{lang}.md", f"# {markup.escape(ed.publication.short_title[lang])} {{ #home }}\n"
        yield f"_snippets/pdf.{lang}.md", pdf.downloads(ed, pdfs, lang)
        if ed.glossary:
            yield f"glossary.{lang}.md", render.glossary_page(ed, lang)
        if ed.themes:
            yield f"themes/index.{lang}.md", render.themes_index(ed, lang)
            for theme in ed.themes.themes:
                yield f"themes/{theme.id}.{lang}.md", render.theme_page(ed, theme, lang)
        if ed.alignments:
            yield f"compare/index.{lang}.md", render_compare.comparison_index(ed, lang)
            yield f"whats-new/index.{lang}.md", render_compare.whats_new_index(ed, lang)
            for d in render_compare.national_years(ed):
                yield f"whats-new/{d.meta['year']}.{lang}.md", render_compare.whats_new_page(ed, d, lang)
    for pair in ed.alignments or []:  # both languages of a pair together: its redlines are cached
        for lang in LANGS:
            yield f"compare/{pair.id}.{lang}.md", render_compare.comparison_page(ed, pair, lang)


def write(ed: Edition, target: Path, site: render.Site | None = None, pdfs: dict | None = None) -> list[str]:
    """Write `iter_pages(ed, site, pdfs)` under `target`; return the paths that changed. Changed pages are
    first written to a staging folder and moved in only once every page is made and
    checked: a page that fails (or any error) stops the build and leaves `target` as it was."""
    target.mkdir(parents=True, exist_ok=True)
    produced: set[str] = set()
    changed = []
    # in the temporary folder, not under docs/: `mkdocs serve` watches docs/
    staging = Path(tempfile.mkdtemp(prefix="edition-staging-"))
    try:
        for rel, content in iter_pages(ed, site, pdfs):
            if isinstance(content, str):
                check_front_matter(rel, content)
            produced.add(rel)
            path = target / rel
            data = content.encode("utf-8") if isinstance(content, str) else content
            if not path.exists() or path.read_bytes() != data:
                new = staging / rel
                new.parent.mkdir(parents=True, exist_ok=True)
                new.write_bytes(data)
                changed.append(rel)
        for rel in changed:
            path = target / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(staging / rel, path)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for path in sorted(target.rglob("*"), reverse=True):
        rel = path.relative_to(target).as_posix()
        if path.is_file() and rel not in produced:
            path.unlink()
            changed.append(rel)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return changed


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built with it: thousands of pages


def check_front_matter(rel: str, content: str) -> None:
    """Stop if a generated page's front matter is not a YAML mapping: MkDocs would silently render it
    as Markdown, annotation text included (the templates quote values with markup.meta)."""
    if not rel.endswith(".md") or not content.startswith("---\n"):
        return
    block = content[4:content.find("\n---", 4)]
    try:
        ok = isinstance(yaml.load(block, Loader=_LOADER), dict)
    except yaml.YAMLError:
        ok = False
    if not ok:
        raise EditionError(Problem(f"docs/edition/{rel}", 1, "front matter", "the generated front matter is not valid YAML",
                                   "quote every value with the `meta` filter in the template"))


def clean(target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)


def version(root: Path) -> str:
    """The edition's version for the data files: the git commit if there is one, else the build
    date (citation.build_date: SOURCE_DATE_EPOCH when set)."""
    try:
        out = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=root, capture_output=True,
                             text=True, timeout=10)
        if out.returncode == 0 and out.stdout.strip():
            return out.stdout.strip()
    except OSError:
        pass
    return citation.build_date().isoformat()


def write_data(ed: Edition, stage: Path, info: export.Info) -> None:
    """Write the open-data files (export.files) into a new staging folder, while the edition is in
    memory; move_data puts them into the built site."""
    for rel, data in export.files(ed, info).items():
        path = Path(stage) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def move_data(stage: Path, site_dir: Path, keep: bool = False) -> None:
    """Move the open-data files that write_data put in a staging folder into the built site, and
    remove the folder; with `keep`, copy them instead."""
    for path in sorted(stage.rglob("*")):
        if path.is_file():
            dest = Path(site_dir) / path.relative_to(stage)
            dest.parent.mkdir(parents=True, exist_ok=True)
            (shutil.copy2 if keep else shutil.move)(path, dest)
    if not keep:
        shutil.rmtree(stage, ignore_errors=True)
