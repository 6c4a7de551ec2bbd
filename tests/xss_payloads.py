"""Known XSS payloads, and a project copy with them in every free-text field an annotator controls.

Each payload that could run announces itself: it sets `window.__xss` or calls alert() (the browser
test listens for dialogs) with its own number, so a failure names the payload. The template payloads
would print XSSTPL / XSS-LOOP if annotation text were ever rendered as a Jinja template, and the
snippet payload would pull mkdocs.yml into a page; the tests look for those markers.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=2">',
    "<svg onload=window.__xss=3>",
    "<svg><script>window.__xss=4</script></svg>",
    "[click 5](javascript:window.__xss=5)",
    "[click 6](JaVaScRiPt:window.__xss=6)",
    "[click 7](&#106;avascript:window.__xss=7)",
    "[click 8]( \tjava\tscript:window.__xss=8)",
    "[click 9](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9OTwvc2NyaXB0Pg==)",
    "[click 10](vbscript:msgbox(10))",
    "![img 11](javascript:window.__xss=11)",
    '![img 12](x" onerror="window.__xss=12)',
    '[click 13](https://example.invalid/" onmouseover="window.__xss=13)',
    '<a href="javascript:window.__xss=14">click 14</a>',
    '" onmouseover="window.__xss=15" x="',
    "' onmouseover='window.__xss=16' x='",
    "</textarea><script>window.__xss=17</script>",
    "</title><script>window.__xss=18</script>",
    '<iframe src="javascript:window.__xss=19"></iframe>',
    '<object data="javascript:window.__xss=20"></object>',
    '<embed src="javascript:window.__xss=21">',
    '<p style="background:url(javascript:window.__xss=22);width:expression(window.__xss=22)">styled 22</p>',
    '<style>body{background:url("javascript:window.__xss=23")}</style>',
    '{{ "XSS" ~ "TPL" }} {{ cycler.__init__.__globals__.os.system("touch /tmp/xss24") }}',
    "{% for x in range(3) %}XSS-LOOP{% endfor %}",
    '--8<-- "mkdocs.yml"',
    '{ #xss27 onclick="window.__xss=27" }',
    "{: onmouseover=window.__xss=28 }",
    "<!-- --><script>window.__xss=29</script><!-- -->",
    "<scr<script>ipt>window.__xss=30</scr</script>ipt>",
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:window.__xss=31">click 31</a>',
    # (zero-width and bidirectional characters, once part of this payload, are refused at input:
    # test_hostile_input.py, characters.py)
    "[click 32](java&#8203;script:window.__xss=32) \uff1cscript\uff1ewindow.__xss=32\uff1c/script\uff1e",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=33>",
    "<details open ontoggle=window.__xss=34>x</details>",
    "<input autofocus onfocus=window.__xss=35>",
    '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=36">',
    '<form action="javascript:window.__xss=37"><button>click 37</button></form>',
    "[ref 38][r38]\n\n[r38]: javascript:window.__xss=38",
    "<javascript:window.__xss=39>",
    r"\x3cscript\x3ewindow.__xss=40\x3c/script\x3e \u003cimg src=x onerror=window.__xss=40\u003e",
    r'\" onmouseover=window.__xss=41 x=\"',
    "&lt;img src=x onerror=window.__xss=42&gt; &#60;script&#62;window.__xss=42&#60;/script&#62;",
    "`<img src=x onerror=window.__xss=43>`",
    '<noscript><p title="</noscript><img src=x onerror=window.__xss=44>">',
    '[click 45](#" onclick="window.__xss=45)',
    '<base href="javascript:window.__xss=46//">',
    "<<img src=x onerror=window.__xss=47>",
    '<div markdown="1">*md 48*<img src=x onerror=window.__xss=48></div>',
    '[tip 49](https://example.invalid/ "<img src=x onerror=window.__xss=49>") [tip 50](https://example.invalid/ "\\" onmouseover=\\"window.__xss=50")',
]

# Single-line payloads for places where a line break means something (titles, list entries, source lines).
INLINE = [p.replace("\n", " ") for p in PAYLOADS]


def spread(count: int, block: bool) -> list[str]:
    """`count` field values that together carry every payload (value j gets payloads j, j+count, …)."""
    pool = PAYLOADS if block else INLINE
    sep = "\n\n" if block else " "
    return [f"xss{j} " + sep.join(pool[i] for i in range(j, len(pool), count)) for j in range(count)]


def _load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


class _Filler:
    """Hands out payload values per field type, so that every type gets every payload."""

    def __init__(self):
        self.slots: dict[str, list] = {}

    def add(self, field: str, setter, block: bool) -> None:
        self.slots.setdefault(field, []).append((setter, block))

    def fill(self) -> dict[str, int]:
        for field, setters in self.slots.items():
            values = spread(len(setters), setters[0][1])
            for (setter, _), value in zip(setters, values):
                setter(value)
        return {f: len(s) for f, s in self.slots.items()}


def _set(d: dict, key: str):
    def setter(value):
        d[key] = value
    return setter


def _set_item(lst: list, i: int):
    def setter(value):
        lst[i] = value
    return setter


# The most hostile address the schema lets through (http(s), no whitespace, quotes or angle brackets).
HOSTILE_URL = "https://example.invalid/javascript:window.__xss=99?a=&#106;&b=%22%3E%3Cscript%3E#x"
NEWS = "2025-news"
NEWS_PARAS = (3, 5, 6, 8, 9, 12, 14, 15, 16, 17, 18)  # long report paragraphs (kind "paragraph")


def inject(project: Path) -> dict[str, int]:
    """Put the payloads into every free-text field of the project copy; return field -> values set."""
    f = _Filler()
    ann = project / "annotations"
    record_paths = sorted((project / "sources").glob("*.yml"))  # each document's catalogue record
    manifest = {"documents": [_load(p) for p in record_paths]}

    # Source text (escaped, never interpreted): payloads appended to report paragraphs of the news
    # source, which also makes them quotable by a note's `about` (which must be a substring).
    from edition import edition as edition_loader
    news = edition_loader.load(project).document(NEWS).doc
    news_src = project / "sources" / f"{NEWS}.txt"
    lines = news_src.read_text(encoding="utf-8").split("\n")
    appended: dict[int, str] = {}
    for para, value in zip(NEWS_PARAS, spread(len(NEWS_PARAS), False)):
        unit = news.unit(f"para-{para}")
        assert unit.kind == "paragraph" and "\n" not in unit.text, unit.id
        lines[unit.line - 1] += value
        appended[para] = value
    news_src.write_text("\n".join(lines), encoding="utf-8")

    for doc in manifest["documents"]:
        if doc["id"] == NEWS:
            doc["sha256"] = hashlib.sha256(news_src.read_bytes()).hexdigest()
        for key in ("title", "provenance", "number_note", "date_note", "locality", "issuers_note", "printed_by"):
            if key in doc:
                for lang in ("zh", "en"):
                    f.add(f"manifest.{key}.{lang}", _set(doc[key], lang), False)
        for iss in doc["issuers"]:
            for lang in ("zh", "en"):
                f.add(f"manifest.issuers.{lang}", _set(iss, lang), False)
        if doc.get("number"):
            f.add("manifest.number", _set(doc, "number"), False)

    docs = []
    for doc in manifest["documents"]:
        path = ann / f"{doc['id']}.yml"
        data = _load(path)
        if data["reading"].get("reason"):
            for lang in ("zh", "en"):
                f.add(f"reading.reason.{lang}", _set(data["reading"]["reason"], lang), True)
        for em in data["emendations"]:
            for lang in ("zh", "en"):
                f.add(f"emendation.reason.{lang}", _set(em["reason"], lang), True)
        for sic in data.get("sic") or []:  # suspected source errors ([sic]): all but the quoted text
            for lang in ("zh", "en"):
                f.add(f"sic.reason.{lang}", _set(sic["reason"], lang), True)
                f.add(f"sic.translation.{lang}", _set(sic["translation"], lang), True)
                for r in sic["readings"]:
                    f.add(f"sic.readings.{lang}", _set(r, lang), True)
            for r in sic["readings"]:
                f.add("sic.readings.reading", _set(r, "reading"), False)
        for unit_id, unit in (data.get("units") or {}).items():
            if isinstance(unit.get("en"), list):
                for i in range(len(unit["en"])):
                    f.add("unit.en (signatory list)", _set_item(unit["en"], i), False)
            elif unit.get("en") and "\n- " in unit["en"]:  # a box: first line, then "- " entries
                def box(value, unit=unit):
                    unit["en"] = value + unit["en"][unit["en"].index("\n- "):]
                f.add("unit.en (box)", box, False)
            elif unit.get("en"):
                f.add("unit.en", _set(unit, "en"), True)
            if unit.get("heading"):
                f.add("item.heading", _set(unit, "heading"), False)
            for note in unit.get("notes", []):
                f.add("note.text", _set(note, "text"), True)
                f.add("note.zh", _set(note, "zh"), True)
                # a context note shows on both languages' pages, with its sources and inference
                note["kind"] = "context"
                external = {"issuer": {"zh": "x", "en": "x"}, "title": {"zh": "x", "en": "x"}, "number": "x",
                            "date": "2024-05-13", "url": HOSTILE_URL}
                note["sources"] = [{"unit": f"{doc['id']}#{unit_id}"}, {"document": external}]
                note["inference"] = {"en": "x", "zh": "x"}
                for lang in ("zh", "en"):
                    f.add(f"note.source.issuer.{lang}", _set(external["issuer"], lang), False)
                    f.add(f"note.source.title.{lang}", _set(external["title"], lang), False)
                    f.add(f"note.inference.{lang}", _set(note["inference"], lang), True)
                f.add("note.source.number", _set(external, "number"), False)
            if doc["id"] == NEWS and unit_id.startswith("para-") and int(unit_id[5:]) in appended:
                # `about` must quote the unit's Chinese text: quote the payloads the source now has.
                unit.setdefault("notes", []).append({"about": appended[int(unit_id[5:])].strip(),
                                                     "text": "note about payloads"})
        docs.append((path, data))

    glossary_path = ann / "glossary.yml"
    glossary = _load(glossary_path)
    for term in glossary["terms"]:
        f.add("glossary.en", _set(term, "en"), False)
        f.add("glossary.def_en", _set(term, "def_en"), False)
        f.add("glossary.def_zh", _set(term, "def_zh"), False)
        term["alt"] = list(term.get("alt") or []) + ["alt"]
        f.add("glossary.alt", _set_item(term["alt"], len(term["alt"]) - 1), False)
        term["rejected"] = list(term.get("rejected") or []) + ["rejected"]
        f.add("glossary.rejected", _set_item(term["rejected"], len(term["rejected"]) - 1), False)

    themes_path = ann / "themes.yml"
    themes = _load(themes_path)
    for th in themes["themes"]:
        for lang in ("zh", "en"):
            f.add(f"theme.name.{lang}", _set(th[lang], "name"), False)
            f.add(f"theme.description.{lang}", _set(th[lang], "description"), False)

    pair_paths = sorted((ann / "pairs").glob("*.yml"))  # one file per comparison pair
    alignments = {"pairs": [_load(p) for p in pair_paths]}
    for pair in alignments["pairs"]:
        for key in ("summary_en", "summary_zh"):
            f.add(f"alignment.{key}", _set(pair, key), True)
        pair["review"] = {"date": "2026-01-01", "method_en": "m", "method_zh": "m"}
        for key in ("method_en", "method_zh"):
            f.add(f"alignment.review.{key}", _set(pair["review"], key), True)
        for link in pair["links"]:
            for key in ("note_en", "note_zh"):
                f.add(f"alignment.{key}", _set(link, key), True)
            link["review"] = {"verdict": ["relabelled"], "reason_en": "r", "reason_zh": "r"}
            for key in ("reason_en", "reason_zh"):
                f.add(f"alignment.review.{key}", _set(link["review"], key), True)
        for u in pair.get("unlinked", []):
            for key in ("reason_en", "reason_zh"):
                f.add(f"alignment.unlinked.{key}", _set(u, key), True)

    counts = f.fill()
    for path, record in zip(record_paths, manifest["documents"]):
        _dump(path, record)
    for path, data in docs:
        _dump(path, data)
    _dump(glossary_path, glossary)
    _dump(themes_path, themes)
    for path, pair in zip(pair_paths, alignments["pairs"]):
        _dump(path, pair)
    return counts


def refresh_fingerprints(project: Path) -> None:
    """The payloads changed some Chinese units: mark their translations as checked again, so that
    the strict build has no stale-translation warnings and fails only on what the payloads cause."""
    from edition import edition as edition_loader
    from edition.translation import write_fingerprints
    ed = edition_loader.load(project)
    for d in ed.documents:
        stale = {u: d.doc.unit(u).fingerprint for u in d.stale_units()}
        if stale:
            write_fingerprints(project / "annotations" / f"{d.id}.yml", stale)
