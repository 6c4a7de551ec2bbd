"""MkDocs hooks: a thin bridge to the edition package (hooks/edition), which does the work.

- on_pre_build: load and validate the edition, write docs/edition/ (only changed files).
  Any problem stops the build with file:line messages, so no half-built site is published.
- on_files: generated pages live in docs/edition/ but are served at /<document-id>/.
- on_page_context: the page's edit link opens the annotation file it comes from.
- on_post_build: the Pagefind search index (hooks/edition/search.py), once both languages are built;
  with Material's own search plugin enabled instead (bench/search_compare.py), on_config feeds the
  glossary terms to jieba, the segmenter that plugin uses.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).parent))

from edition import edition as edition_loader  # noqa: E402
from edition import generate  # noqa: E402
from edition import search  # noqa: E402
from edition import term  # noqa: E402
from edition.errors import EditionError  # noqa: E402

log = logging.getLogger("mkdocs.hooks.edition")
GENERATED = "edition/"
_last_signature: tuple | None = None


def _signature(root: Path) -> tuple:
    """Modification times of every input, to skip regeneration in the per-language rebuilds."""
    files = [*root.glob("sources/*"), *root.glob("annotations/**/*"), *root.glob("hooks/edition/**/*")]
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for p in files if p.is_file()))


def on_pre_build(config, **kwargs):
    global _last_signature
    root = Path(config.config_file_path).parent
    signature = _signature(root)
    target = Path(config.docs_dir) / "edition"
    if signature == _last_signature and target.exists():
        return
    try:
        ed = edition_loader.load(root)
    except EditionError as exc:
        for p in exc.problems:
            log.error(str(p))
        raise Abort(f"the edition has {len(exc.problems)} problem(s); nothing was built") from None
    for warning in ed.warnings:
        log.warning(warning)
    changed = generate.write(ed, target)
    if changed:
        log.info(f"edition: {len(changed)} generated file(s) updated")
    _last_signature = signature


def on_files(files, config, **kwargs):
    # Runs before mkdocs-static-i18n (priority -100), which derives each language's URL from this.
    for f in files:
        if f.src_uri.startswith(GENERATED) and not f.src_uri.startswith(GENERATED + "_snippets/"):
            f.dest_uri = f.dest_uri[len(GENERATED):]
            for cached in ("url", "abs_dest_path"):
                f.__dict__.pop(cached, None)
    return files


def on_page_context(context, page, config, nav, **kwargs):
    source = page.meta.get("edit_source")
    if source and config.repo_url:
        page.edit_url = f"{config.repo_url.rstrip('/')}/edit/main/{source}"
    return context


def _material_search(config) -> bool:
    return "material/search" in config.plugins or "search" in config.plugins


def on_config(config, **kwargs):
    if _material_search(config):
        search.add_terms_to_jieba(term.load(Path(config.config_file_path).parent))
    return config


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built the other languages into site_dir
def on_post_build(config, **kwargs):
    i18n = config.plugins.get("i18n")
    if _material_search(config) or (i18n is not None and getattr(i18n, "building", False)):
        return
    glossary = term.load(Path(config.config_file_path).parent)
    count = search.build_index(Path(config.site_dir), glossary)
    log.info(f"search: Pagefind index of {count} sections written to pagefind/")
