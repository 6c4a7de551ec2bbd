"""Safe rendering of untrusted annotation text.

Annotation text (translations, notes, reasons, definitions) comes from pull requests, so it is
treated as untrusted: a small Markdown subset is rendered and the result is cleaned with nh3
(the Ammonia sanitizer). Raw HTML, scripts, event handlers, style, and javascript:/data: URLs
never reach a page. Source text and headings are escaped, never interpreted.
"""
from __future__ import annotations

import html
import json
import re
from functools import lru_cache

import markdown
import nh3

ALLOWED_TAGS = {"p", "em", "strong", "a", "code", "ul", "ol", "li", "br"}
# No `title`: Material's content.tooltips feature renders title attributes as HTML (innerHTML).
ALLOWED_ATTRIBUTES = {"a": {"href"}, "*": set()}  # "*": none of nh3's default generic ones (title, lang)
URL_SCHEMES = {"http", "https", "mailto"}
_MD = markdown.Markdown(extensions=[], output_format="html")
_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]<>()#+!|~&\"']")
# Text Markdown would leave as one plain paragraph: no markup characters, no line breaks, and no
# start that makes a list, heading, quote, rule or code block. Most translations and notes are
# such prose; they skip the Markdown parser (still cleaned by nh3). tests/test_synthetic.py checks
# that both ways give the same HTML for every text of the edition.
_PLAIN = re.compile(r"(?![\s\-+*>#=]|\d+[.)])[^\\`*_\[\]<>&#\n]+(?<!\s)")


_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):", re.I)


def _href(tag: str, attribute: str, value: str) -> str | None:
    """Second line of defence behind nh3's scheme check: with whitespace and control characters
    removed (browsers drop tabs and newlines inside a URL), a link must still have an allowed
    scheme or none; anything else (java script:, vb\tscript:) is dropped."""
    if attribute != "href":
        return value
    squeezed = re.sub(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060\ufeff]+", "", value)
    m = _SCHEME.match(squeezed)
    if m and m.group(1).lower() not in URL_SCHEMES:
        return None
    if not m and ":" in re.split(r"[/?#]", squeezed, maxsplit=1)[0]:
        return None
    return value


def render(text: str, inline: bool = False) -> str:
    """Markdown subset -> sanitised HTML. `inline` drops the wrapping paragraph."""
    clean = _render(text)
    if inline and clean.startswith("<p>") and clean.endswith("</p>") and clean.count("<p>") == 1:
        clean = clean[3:-4]
    return clean


# Each note and translation is rendered for both languages' pages and again for the TEI export at
# the end of the build. Unbounded: an LRU smaller than the collection evicts every entry before it
# is used again. It holds each annotation text once (tens of MB for a thousand documents), and in
# `mkdocs serve` a rebuild then renders only the texts that changed.
@lru_cache(maxsize=None)  # one entry per text, whether it is wanted inline or not
def _render(text: str) -> str:
    if _PLAIN.fullmatch(text):
        body = f"<p>{text}</p>"
    else:
        _MD.reset()
        # Raw HTML in annotations is never meant as markup: escape it before Markdown sees it.
        body = _MD.convert(html.escape(text, quote=False))
    clean = nh3.clean(body, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                      link_rel="noopener nofollow", attribute_filter=_href)
    return clean.replace("\n", " ").strip()


def clear_cache() -> None:
    _render.cache_clear()


def escape(text: str) -> str:
    return html.escape(text, quote=True)


# Characters YAML does not accept in a scalar, and line breaks (YAML folds them; a title has none).
_NOT_META = re.compile("[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029]")


def meta(text: str) -> str:
    """A front-matter value (title, description) as a YAML double-quoted scalar.

    MkDocs and Material print page.meta.title and .description into the page unescaped (<title>,
    the header, <meta content="">), so the value is HTML-escaped first; JSON quoting then makes it
    a valid YAML scalar whatever it contains (a broken front matter would be rendered as Markdown).
    """
    return json.dumps(html.escape(_NOT_META.sub(" ", text), quote=True), ensure_ascii=False)


def heading(text: str) -> str:
    """Text safe inside a Markdown heading: no markup, no attr_list, no HTML."""
    return _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", text.replace("\n", " "))


def attr(text: str) -> str:
    return html.escape(text.replace("\n", " "), quote=True)


def tooltip(text: str) -> str:
    """A title attribute's value: Material's content.tooltips puts it into the page with innerHTML,
    so the text is escaped for that too (twice in all), and shows as plain text in the tooltip."""
    return attr(html.escape(text, quote=True))


_TAG = re.compile(r"(<[^>]+>)")
_MD_INLINE = re.compile(r"[\\`*_{}\[\]#|~!]")


def heading_html(fragment: str) -> str:
    """Already-escaped HTML made safe as Markdown heading content: specials in text become entities."""
    return "".join(part if part.startswith("<") else _MD_INLINE.sub(lambda m: f"&#{ord(m.group(0))};", part)
                   for part in _TAG.split(fragment))
