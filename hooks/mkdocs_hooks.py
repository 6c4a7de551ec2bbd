"""MkDocs hooks: a thin bridge to the edition package (hooks/edition), which does the work.

- on_pre_build: load and validate the edition, write docs/edition/ (only changed files).
  Any problem stops the build with file:line messages, so no half-built site is published.
- on_files: generated pages live in docs/edition/ but are served at /<document-id>/.
- on_serve: docs/edition/ is not watched (the build writes it); on_startup: in `serve`, documents
  whose files did not change are reused across rebuilds.
- on_page_context: the page's edit link opens the annotation file it comes from.
- on_pre_build also exports the open-data files (corpus.json, items.csv, glossary.json, TEI) to a
  staging folder while the edition is in memory; on_post_build moves them into the built site at
  /data/…, once (files in docs/ would be copied into every language).
- on_pre_build also looks up the documents' PDFs that `make pdf` made for the current texts
  (hooks/edition/pdf.py): the pages link them and on_post_build copies them to /pdf/.
- on_post_build: the Pagefind search index (hooks/edition/search.py), once both languages are built
  (in `mkdocs serve`, in the background, so that an edit is shown without waiting for it);
  with Material's own search plugin enabled instead (bench/search_compare.py), on_config feeds the
  glossary terms to jieba, the segmenter that plugin uses.
"""
from __future__ import annotations

import atexit
import functools
import gc
import logging
import os
import resource
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

# bench/run.py sets this to a file where each hook appends its own run time
# ("name<TAB>wall seconds<TAB>CPU seconds"), to separate the pipeline's share of a build from MkDocs' own;
# rss.* lines give peak memory in bytes (twice, in the same two columns).
_TIMINGS = os.environ.get("EDITION_TIMINGS")


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _write_timing(name: str, first: float, second: float) -> None:
    if _TIMINGS:
        with open(_TIMINGS, "a", encoding="utf-8") as f:
            f.write(f"{name}\t{first:.6f}\t{second:.6f}\n")


def _record(name: str, since: tuple[float, float]) -> None:
    """The wall and CPU seconds since `since` (a _clock())."""
    if _TIMINGS:
        wall, cpu = _clock()
        _write_timing(name, wall - since[0], cpu - since[1])


_import_start = _clock()
sys.path.insert(0, str(Path(__file__).parent))

from edition import edition as edition_loader  # noqa: E402
from edition import export, generate, langspan, markup, navigation, pdf, render, search  # noqa: E402
from edition import publication, publishing, term  # noqa: E402
from edition.errors import EditionError  # noqa: E402

_record("import", _import_start)
log = logging.getLogger("mkdocs.hooks.edition")
GENERATED = "edition/"
_last_signature: tuple | None = None
_data_stage: Path | None = None  # the open-data files of the last generation, until on_post_build
_glossary = None  # the loaded glossary, for the search index
_search_filters: dict = {}  # each document's search filters (year, kind, document), from its metadata
_outline: navigation.Outline | None = None  # what the generated navigation lists (on_nav)
_pdfs: dict = {}  # document id -> its PDF in .cache/pdf/ (pdf.available), published at /pdf/


def _timed(hook):
    @functools.wraps(hook)
    def wrapper(*args, **kwargs):
        start = _clock()
        try:
            return hook(*args, **kwargs)
        finally:
            _record(hook.__name__, start)
    return wrapper if _TIMINGS else hook


def _signature(root: Path) -> tuple:
    """Modification times of every input, to skip regeneration in the per-language rebuilds."""
    files = [*root.glob("sources/*"), *root.glob("annotations/**/*"), *root.glob("hooks/edition/**/*")]
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for p in files if p.is_file()))


_serving = False
_indexing: threading.Thread | None = None  # in `mkdocs serve`, the search index of the last build


def _stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt  # `mkdocs serve` stops cleanly on it, and atexit removes the staging folder


def on_startup(command, dirty, **kwargs):
    global _serving
    _serving = command == "serve"
    edition_loader.keep_documents = _serving  # reuse unchanged documents across rebuilds
    if _serving and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop_on_sigterm)  # by default SIGTERM skips atexit


def _wait_for_index():
    if _indexing is not None:
        _indexing.join()


def on_shutdown(**kwargs):
    _wait_for_index()


@atexit.register  # also when a build stops between on_pre_build and on_post_build (strict warnings)
def _remove_data_stage():
    if _data_stage is not None:
        shutil.rmtree(_data_stage, ignore_errors=True)


@_timed
def on_pre_build(config, **kwargs):
    global _last_signature, _data_stage, _glossary, _search_filters, _outline, _pdfs
    _wait_for_index()  # never rebuild the site under the previous build's indexer
    root = Path(config.config_file_path).parent
    signature = _signature(root)
    target = Path(config.docs_dir) / "edition"
    if signature == _last_signature and target.exists():
        return
    start = _clock()
    try:
        ed = edition_loader.load(root)
        _record("generate.load", start)
        loaded = _clock()
        site = render.Site(config.site_url or render.Site.site_url, config.repo_url or "")
        pdfs = pdf.available(root, ed, site.site_url, config.copyright or "")  # made by `make pdf`
        changed = generate.write(ed, target, site, pdfs)
        _record("generate.write", loaded)
        # The open data is written now, to a staging folder moved into the site once it is built
        # (the build empties site_dir after this hook): so the parsed edition need not stay in
        # memory while MkDocs renders thousands of pages.
        start = _clock()
        info = export.Info(version=generate.version(root), licence=config.copyright or "",
                           site_url=config.site_url or "")
        stage = Path(tempfile.mkdtemp(prefix="edition-data-"))
        try:
            generate.write_data(ed, stage, info)
        except BaseException:  # an export that fails leaves no temporary folder behind
            shutil.rmtree(stage, ignore_errors=True)
            raise
        _record("generate.export", start)
    except EditionError as exc:
        for p in exc.problems:
            log.error(str(p))
        raise Abort(f"the edition has {len(exc.problems)} problem(s); nothing was built") from None
    except Exception as exc:  # a fault the checks missed: one line, not a traceback, and no site
        log.error(f"edition: {type(exc).__name__}: {exc}")
        raise Abort("the edition could not be generated (an unexpected error, reported above; please report it "
                    "with the annotation you changed); nothing was built") from None
    for warning in ed.warnings:
        log.warning(warning)
    if _data_stage is not None:
        shutil.rmtree(_data_stage, ignore_errors=True)
    _data_stage, _glossary, _outline, _pdfs = stage, ed.glossary, navigation.outline(ed), pdfs
    _search_filters = search.document_filters(ed.documents, render.labels(), render._short)
    if not _serving:  # `serve` keeps unchanged documents across rebuilds (edition.keep_documents)
        del ed
        markup.clear_cache()
        gc.collect()
    if changed:
        log.info(f"edition: {len(changed)} generated file(s) updated")
    _last_signature = signature


@_timed
def on_files(files, config, **kwargs):
    # Runs before mkdocs-static-i18n (priority -100), which derives each language's URL from this.
    for f in files:
        if f.src_uri.startswith(GENERATED) and not f.src_uri.startswith(GENERATED + "_snippets/"):
            f.dest_uri = f.dest_uri[len(GENERATED):]
            for cached in ("url", "abs_dest_path"):
                f.__dict__.pop(cached, None)
    return files


def _language(config) -> tuple[str, str]:
    """(language of this build, default language), from mkdocs-static-i18n, else the theme's."""
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "current_language", None):
        return i18n.current_language, i18n.default_language
    lang = config.theme.get("language") or "zh"
    return lang, lang


@_timed
def on_nav(nav, config, files, **kwargs):
    """The generated sections (documents, glossary, themes, comparisons, what's new; see
    edition/navigation.py) go after the home page, in this build's language; mkdocs-static-i18n
    (priority -100) then translates the hand-written entries through `nav_translations`."""
    from mkdocs.structure.nav import Section
    from mkdocs.structure.pages import Page

    if _outline is None:
        return nav
    lang, default = _language(config)
    prefix = "" if lang == default else f"{lang}/"
    pages = {f.url[len(prefix):] if f.url.startswith(prefix) else f.url: f.page
             for f in files.documentation_pages() if f.page is not None}

    def build(node):
        if node.url is None:
            section = Section(node.title, [build(child) for child in node.children])
            for child in section.children:
                child.parent = section
            return section
        page = pages.get(node.url)
        if page is None:
            raise Abort(f"navigation: no page at /{prefix}{node.url} (generated from the edition)")
        if node.title is not None:
            page.title = node.title
        return page

    generated = [build(node) for node in navigation.tree(_outline, lang)]
    at = 1 if nav.items and isinstance(nav.items[0], Page) else 0  # after the home page
    nav.items[at:at] = generated
    for item in generated:
        item.parent = None
    nav.pages = _pages(nav.items)
    bookended = [None, *nav.pages, None]
    for before, page, after in zip(bookended, nav.pages, bookended[2:]):
        page.previous_page, page.next_page = before, after
    missing = unlisted(nav.pages, files)
    if missing:
        raise Abort("navigation: generated page(s) missing from the navigation: " + ", ".join(missing)
                    + " — list them in edition/navigation.py (tree)")
    return nav


def _pages(items) -> list:
    out = []
    for item in items:
        if item.is_page:
            out.append(item)
        elif item.is_section:
            out += _pages(item.children)
    return out


def unlisted(nav_pages, files) -> list[str]:
    """Generated pages (docs/edition/…) that the navigation does not list: an error, since a reader
    could reach them only by a link."""
    listed = {id(p) for p in nav_pages}
    return sorted(f.src_uri for f in files.documentation_pages()
                  if f.src_uri.startswith(GENERATED) and (f.page is None or id(f.page) not in listed))


def _repository_edit_base(config) -> str | None:
    """repo_url + edit_uri point into docs/ (edit/main/docs/); annotation files live at the
    repository root, so the docs folder is taken off the end."""
    if not config.repo_url or not config.edit_uri:
        return None
    base = urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri).rstrip("/")
    docs = Path(config.docs_dir).resolve().relative_to(Path(config.config_file_path).parent.resolve()).as_posix()
    if base.endswith("/" + docs):
        base = base[: -len(docs) - 1]
    return base + "/"


@_timed
def on_page_context(context, page, config, nav, **kwargs):
    # Generated pages edit the annotation file they come from, never the generated Markdown
    # (git-ignored, so a link to it would be a 404). Hand-written pages keep MkDocs' own link.
    source = page.meta.get("edit_source")
    base = _repository_edit_base(config)
    if source and base:
        # a page made from a whole folder (all comparison pairs) opens that folder's listing
        page.edit_url = (base.replace("/edit/", "/tree/", 1) if source.endswith("/") else base) + source
    elif page.file.src_uri.startswith(GENERATED):
        log.warning(f"{page.file.src_uri}: generated page without `edit_source` in its front matter; "
                    "add it in the template so the edit link opens the annotation file")
        page.edit_url = None
    return context


@event_priority(-150)  # after mkdocs-static-i18n has set each page's language and alternates
def on_post_page(output, page, config, **kwargs):
    # Every run of the page's other language carries its own `lang` (edition/langspan.py).
    return langspan.mark_runs(output)


_error_pages: dict[str, str] = {}  # language -> its rendered 404.html, written once all are built


def on_pre_template(template, template_name, config, **kwargs):
    # The error page is no page's alternate: its language switcher goes to each language's home.
    # (mkdocs-static-i18n leaves the alternates of the last page rendered in the config, and from
    # the second language on takes them for the language homes: a switcher to an unrelated page.)
    i18n = config.plugins.get("i18n")
    if template_name == "404.html" and i18n is not None:
        base = urlsplit(config.site_url or "/").path.rstrip("/")
        homes = [{"name": lang.name, "lang": lang.locale, "link": f"{base}/" if lang.default else f"{base}/{lang.locale}/"}
                 for lang in i18n.config.languages if lang.build]
        config.extra["alternate"] = homes
        setattr(config.extra, "alternate", homes)  # the plugin sets it as an attribute, which templates read first
    return template


def on_post_template(output, template_name, config, **kwargs):
    # Each language's build writes site/404.html over the previous one: keep each language's.
    if template_name == "404.html":
        i18n = config.plugins.get("i18n")
        _error_pages[i18n.current_language if i18n is not None else ""] = langspan.mark_runs(output)
    return output


def _write_error_pages(config) -> None:
    """404.html in the default language at the root (the file static hosts serve for any missing
    URL; its script shows the requested language's version), <lang>/404.html for the others."""
    i18n = config.plugins.get("i18n")
    if i18n is None or not _error_pages:
        return
    site = Path(config.site_dir)
    for language, output in _error_pages.items():
        target = site / "404.html" if language == i18n.default_language else site / language / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output, encoding="utf-8")


def on_serve(server, config, builder, **kwargs):
    # on_pre_build rewrites docs/edition/ during a build; if the watcher saw that, every edit would
    # be followed by a second, useless full rebuild. Those pages derive from sources/, annotations/
    # and hooks/ (watched through `watch:` in mkdocs.yml), so docs/edition/ itself is not watched.
    docs = Path(config.docs_dir)
    server.unwatch(str(docs))
    server.watch(str(docs), recursive=False)
    for child in sorted(docs.iterdir()):
        if child.is_dir() and child.name != GENERATED.rstrip("/"):
            server.watch(str(child))
    return server


def _material_search(config) -> bool:
    return "material/search" in config.plugins or "search" in config.plugins


_said: set[str] = set()


@event_priority(50)  # before mkdocs-static-i18n (-100) applies each language's overrides
def on_config(config, **kwargs):
    """The site's name and description in each language from the edition's metadata
    (annotations/edition.yml), the one place they are written. A build for publication
    (EDITION_PUBLISH=1, set by the Pages workflow) stops without SITE_URL; any other build says
    where its links point."""
    try:
        notice = publishing.check(os.environ, config.site_url)
    except publishing.PublicationError as exc:
        raise Abort(str(exc)) from None
    if notice and not _serving and notice not in _said:  # once: mkdocs-static-i18n configures each language
        _said.add(notice)
        log.info(notice)
    root = Path(config.config_file_path).parent
    try:
        meta = publication.load(root)
    except EditionError as exc:
        for p in exc.problems:
            log.error(str(p))
        raise Abort("annotations/edition.yml has problems; nothing was built") from None
    i18n = config.plugins.get("i18n")
    default = i18n.default_language if i18n is not None else (config.theme.get("language") or "zh")
    config.site_name = meta.short_title.get(default, meta.short_title["zh"])
    config.site_description = meta.description.get(default, meta.description["zh"])
    for language in (i18n.config.languages if i18n is not None else []):
        if language.locale in meta.short_title:
            language.site_name = meta.short_title[language.locale]
            language.site_description = meta.description[language.locale]
    if _material_search(config):
        search.add_terms_to_jieba(term.load(root))
    return config


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built the other languages into site_dir
def on_post_build(config, **kwargs):
    """Once every language is built: the open-data files at /data/, then the Pagefind index."""
    global _indexing, _data_stage
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return
    root = Path(config.config_file_path).parent
    _write_error_pages(config)
    if _data_stage is not None:
        start = _clock()
        # `serve` keeps the staged files: a rebuild after an edit outside the edition (a page in
        # docs/) does not export again, and a full rebuild empties the site
        generate.move_data(_data_stage, Path(config.site_dir), keep=_serving)
        if not _serving:
            _data_stage = None
        _record("export.move", start)
    pdf.publish(_pdfs, Path(config.site_dir))
    if not _material_search(config):
        glossary = _glossary if _glossary is not None else term.load(root)
        if _serving:
            # The edited page is served as soon as MkDocs has written it; the search index follows
            # a moment later (the next rebuild waits for it). `mkdocs build` waits, so CI and
            # publishing never ship a site without its index.
            _indexing = threading.Thread(target=_index, args=(Path(config.site_dir), glossary, _search_filters),
                                         daemon=True)
            _indexing.start()
        else:
            _index(Path(config.site_dir), glossary, _search_filters)
    if not _serving:  # peak memory in bytes of this process (the Pagefind process's: `_index`)
        value = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        _write_timing("rss.build", value, value)


def _index(site_dir: Path, glossary, filters=None) -> None:
    # timed apart: search indexing does the work Material's search plugin does in the baseline
    start = _clock()
    try:
        stats = search.build_index(site_dir, glossary, filters)
    except Exception as exc:  # noqa: BLE001 — in the background (serve) nobody else would see it
        if not _serving:
            raise
        log.error(f"search: the Pagefind index was not rebuilt: {exc}")
        return
    _record("search.index", start)
    _write_timing("rss.search", stats.peak_memory, stats.peak_memory)
    log.info(f"search: Pagefind index of {stats.records} sections written to pagefind/")
