"""Safe rendering of untrusted annotation text.

Annotation text (translations, notes, reasons, definitions) comes from pull requests, so it is
treated as untrusted: a small Markdown subset is rendered and the result is cleaned with nh3
(the Ammonia sanitizer). Raw HTML, scripts, event handlers, style, and javascript:/data: URLs
never reach a page. Source text and headings are escaped, never interpreted.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown
import nh3

ALLOWED_TAGS = {"p", "em", "strong", "a", "code", "ul", "ol", "li", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
_MD = markdown.Markdown(extensions=[], output_format="html")
_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]<>()#+!|~&\"']")
# Text Markdown would leave as one plain paragraph: no markup characters, no line breaks, and no
# start that makes a list, heading, quote, rule or code block. Most translations and notes are
# such prose; they skip the Markdown parser (still cleaned by nh3). tests/test_synthetic.py checks
# that both ways give the same HTML for every text of the edition.
_PLAIN = re.compile(r"(?![\s\-+*>#=]|\d+[.)])[^\\`*_\[\]<>&#\n]+(?<!\s)")


@lru_cache(maxsize=8192)  # each note and translation is rendered for both languages' pages
def render(text: str, inline: bool = False) -> str:
    """Markdown subset -> sanitised HTML. `inline` drops the wrapping paragraph."""
    if _PLAIN.fullmatch(text):
        body = f"<p>{text}</p>"
    else:
        _MD.reset()
        # Raw HTML in annotations is never meant as markup: escape it before Markdown sees it.
        body = _MD.convert(html.escape(text, quote=False))
    clean = nh3.clean(body, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                      link_rel="noopener nofollow")
    clean = clean.replace("\n", " ").strip()
    if inline and clean.startswith("<p>") and clean.endswith("</p>") and clean.count("<p>") == 1:
        clean = clean[3:-4]
    return clean


def escape(text: str) -> str:
    return html.escape(text, quote=True)


def heading(text: str) -> str:
    """Text safe inside a Markdown heading: no markup, no attr_list, no HTML."""
    return _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", text.replace("\n", " "))


def attr(text: str) -> str:
    return html.escape(text.replace("\n", " "), quote=True)


_TAG = re.compile(r"(<[^>]+>)")
_MD_INLINE = re.compile(r"[\\`*_{}\[\]#|~!]")


def heading_html(fragment: str) -> str:
    """Already-escaped HTML made safe as Markdown heading content: specials in text become entities."""
    return "".join(part if part.startswith("<") else _MD_INLINE.sub(lambda m: f"&#{ord(m.group(0))};", part)
                   for part in _TAG.split(fragment))
