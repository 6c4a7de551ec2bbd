"""Translator's notes: the schema of their kind, Chinese version, sources and inference; cited
units must exist."""
import copy

import pytest

from edition import edition as loader
from edition import note as notes
from edition.errors import EditionError
from edition.schema import validate

DOCUMENT = {"issuer": {"zh": "国家卫生健康委办公厅", "en": "General Office of the National Health Commission"},
            "title": {"zh": "某通知", "en": "A notice"},
            "number": "国卫办医急函〔2024〕1号", "date": "2024-05-13",
            "url": "https://www.nhc.gov.cn/example.shtml"}
FULL = {"about": "工作要点", "kind": "context", "text": "English.", "zh": "中文。",
        "sources": [{"unit": "2024-national#item-6"}, {"document": DOCUMENT}],
        "inference": {"en": "The date is inferred.", "zh": "日期系本版推断。"}}


def _file(note: dict) -> dict:
    return {"document": "x", "reading": {"layout": "wrapped"}, "emendations": [],
            "units": {"item-1": {"heading": "H.", "en": "E.", "notes": [note]}}}


def _errors(note: dict) -> list:
    try:
        validate(_file(note), {}, "document.schema.json", "annotations/x.yml")
    except EditionError as exc:
        return exc.problems
    return []


def test_full_note_and_legacy_note_are_valid():
    assert _errors(FULL) == []
    assert _errors({"text": "Only text, as before classification."}) == []


def _with(path, value):
    note = copy.deepcopy(FULL)
    target = note
    for key in path[:-1]:
        target = target[key]
    if value is None:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return note


BAD = {
    "unknown-kind": (("kind",), "background"),
    "javascript-url": (("sources", 1, "document", "url"), "javascript:alert(1)"),
    "data-url": (("sources", 1, "document", "url"), "data:text/html,<script>alert(1)</script>"),
    "url-with-quote": (("sources", 1, "document", "url"), "https://x.gov.cn/\" onmouseover=\"alert(1)"),
    "missing-url": (("sources", 1, "document", "url"), None),
    "missing-issuer-en": (("sources", 1, "document", "issuer", "en"), None),
    "date-not-iso": (("sources", 1, "document", "date"), "2024年5月13日"),
    "unit-without-document": (("sources", 0, "unit"), "item-6"),
    "unit-and-document": (("sources", 0, "document"), DOCUMENT),
    "unknown-source-field": (("sources", 0, "page"), "3"),
    "empty-sources": (("sources",), []),
    "inference-without-zh": (("inference", "zh"), None),
    "empty-zh": (("zh",), ""),
    "unknown-note-field": (("source",), "x"),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_note_is_rejected(case):
    path, value = BAD[case]
    problems = _errors(_with(path, value))
    assert problems, case
    assert all(p.field.startswith('units.item-1.notes["工作要点"]') for p in problems), problems


def test_shown_in():
    context = notes.from_yaml(FULL)
    translation = notes.from_yaml({**FULL, "kind": "translation"})
    unclassified = notes.from_yaml({"text": "x", "zh": "某"})
    assert context.shown_in("zh") and context.shown_in("en")
    assert not translation.shown_in("zh") and translation.shown_in("en")
    assert not unclassified.shown_in("zh")
    assert notes.from_yaml(FULL).sources[0] == notes.UnitSource("2024-national", "item-6")
    assert notes.from_yaml(FULL).sources[1].number == DOCUMENT["number"]


ANN = "annotations/2025-national.yml"


@pytest.mark.parametrize("ref, words", [("2099-national#item-1", "no document '2099-national'"),
                                        ("2024-national#item-99", "2024-national has no unit 'item-99'")])
def test_cited_unit_must_exist(project, ref, words):
    path = project / ANN
    text = path.read_text(encoding="utf-8")
    old = "    notes:\n      - "
    at = text.index(old)
    # a note of its own, first in the list, so that the real notes' content does not matter
    new = f"    notes:\n      - text: \"x\"\n        sources: [{{unit: \"{ref}\"}}]\n      - "
    path.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    line = text[:at].count("\n") + 3
    with pytest.raises(EditionError) as exc:
        loader.load(project)
    message = str(exc.value)
    assert f"{ANN}:{line}:" in message and words in message and "sources[0].unit" in message, message


# ---------------------------------------------------------------- make check: unsourced notes

CHECKED = "annotations/2024-national.yml"
# Notes inserted at the head of a unit's `notes:`; a reported case names the field and words expected.
INSERTED = [
    ("no-kind", '      - text: "NO-KIND note."\n', "kind", ["has no kind"]),
    ("context-no-zh", '      - kind: context\n        text: "CONTEXT-NO-ZH note."\n'
                      '        sources: [{unit: "2024-national#item-1"}]\n', "zh", ["no Chinese version"]),
    ("context-unsourced", '      - kind: context\n        text: "CONTEXT-UNSOURCED note."\n        zh: "无来源。"\n',
     "sources", ["unsourced claims"]),
    ("context-inference-only", '      - kind: context\n        text: "INFERENCE-ONLY note."\n        zh: "推断。"\n'
                               '        inference: {en: "All of it.", zh: "全部。"}\n', None, None),
    ("context-sourced", '      - kind: context\n        text: "SOURCED note."\n        zh: "有来源。"\n'
                        '        sources: [{unit: "2024-national#item-1"}]\n', None, None),
    ("translation-unsourced", '      - kind: translation\n        text: "TRANSLATION note."\n', None, None),
]


def test_check_lists_notes_without_kind_chinese_or_source(project):
    from test_check import run_check
    path = project / CHECKED
    text = path.read_text(encoding="utf-8")
    at = text.index("    notes:\n") + len("    notes:\n")
    path.write_text(text[:at] + "".join(n for _, n, _, _ in INSERTED) + text[at:], encoding="utf-8")
    lines = path.read_text(encoding="utf-8").split("\n")
    result, findings = run_check(project)
    assert result.returncode == 1, result.stdout
    mine = [f for f in findings if f["file"] == CHECKED]
    for case, inserted, field, words in INSERTED:
        marker = inserted.split('text: "')[1].split(" note")[0]
        line = next(i for i, l in enumerate(lines, 1) if f'"{marker} note."' in l)
        start = line - (1 if inserted.startswith("      - kind") else 0)  # the note's first line
        hits = [f for f in mine if int(f["line"]) == start and ".notes[" in f["field"]]
        if field is None:
            assert not hits, (case, hits)
        else:
            assert [f for f in hits if f["field"].endswith("." + field) and f["level"] == "warning"
                    and all(w in f["message"] for w in words) and "— fix:" in f["message"]], (case, start, mine)


# ---------------------------------------------------------------- the real edition

def test_no_note_in_the_edition_is_unsourced(edition):
    """The corpus: every note has a kind, every context note a Chinese version and sources or a
    stated inference (what `make check` reports, here on the loaded edition)."""
    problems = [p for d in edition.documents for unit_id, t in d.translations.items()
                for p in notes.unsourced(d.annotation.display, d.annotation.lines, unit_id, t.notes)]
    assert problems == [], "\n".join(map(str, problems[:20]))
    all_notes = [n for d in edition.documents for t in d.translations.values() for n in t.notes]
    assert len(all_notes) > 150 and all(n.kind for n in all_notes)


# ---------------------------------------------------------------- the built pages

def _page(site, lang, doc_id):
    from lxml import html as lxml_html
    return lxml_html.fromstring((site / ("en/" if lang == "en" else "") / doc_id / "index.html").read_bytes())


def test_pages_show_notes_by_kind_with_their_sources(site, edition):
    """English pages show every note (parts included), Chinese pages the context notes in Chinese;
    each note lists its sources, linked to the unit's permalink or the document's address, and its
    stated inference."""
    from edition import markup
    shown_zh = 0
    for d in edition.documents:
        notes_of = [n for u in d.doc.units if (t := d.translation(u.id)) for n in t.notes]
        for lang in ("en", "zh"):
            tree = _page(site, lang, d.id)
            items = tree.xpath('//aside[contains(@class, "ed-notes")]/ul/li')
            expected = [n for n in notes_of if n.shown_in(lang)]
            assert len(items) == len(expected), (d.id, lang, len(items), len(expected))
            for li, n in zip(items, expected):
                body = n.text if lang == "en" else n.zh
                plain = lxml_html_text(markup.render(body, inline=True))
                assert plain[:40] in li.text_content(), (d.id, lang, plain[:40])
                links = li.xpath('.//*[contains(@class, "ed-note-sources")]//a/@href')
                assert len(links) == len(n.sources), (d.id, lang, links)
                for href, s in zip(links, n.sources):
                    if isinstance(s, notes.UnitSource):
                        target = href if not href.startswith("#") else f"../{d.id}/{href}"
                        assert target.endswith(f"../{s.doc}/#{s.unit}"), (href, s)
                        assert _page(site, lang, s.doc).xpath(f'//*[@id="{s.unit}"]'), href
                    else:
                        assert href == s.url
                label = li.xpath('.//*[contains(@class, "ed-note-inference")]')
                assert bool(label) == bool(n.inference)
                if n.inference:
                    assert n.inference[lang][:20] in label[0].text_content()
            labels = tree.xpath('//aside[contains(@class, "ed-notes")]/@aria-label')
            assert len(labels) == len(set(labels)), (d.id, lang, "each notes landmark has its own name")
            if lang == "zh":
                shown_zh += len(items)
                assert all("lang" not in a.attrib for a in tree.xpath('//span[@class="ed-note-about"]'))
    assert shown_zh > 50, "Chinese pages carry the context notes"


def lxml_html_text(fragment: str) -> str:
    from lxml import html as lxml_html
    return lxml_html.fragment_fromstring(f"<div>{fragment}</div>").text_content()


def test_english_labels_and_chinese_labels(site):
    en = _page(site, "en", "2023-national").text_content()
    zh = _page(site, "zh", "2023-national").text_content()
    assert "Sources:" in en and "Edition's inference:" in en
    assert "依据：" in zh and "本版推断：" in zh and "Source" not in zh


def test_open_data_carries_kind_sources_and_inference(site, edition):
    import json
    from lxml import etree
    corpus = json.loads((site / "data" / "corpus.json").read_text(encoding="utf-8"))
    for doc in corpus["documents"]:
        d = edition.document(doc["id"])
        for u in doc["units"]:
            t = d.translation(u["id"])
            for got, n in zip(u["notes"], t.notes if t else []):
                assert (got["kind"], got["zh"], got["inference"]) == (n.kind, n.zh, n.inference)
                assert len(got["sources"]) == len(n.sources)
                for g, s in zip(got["sources"], n.sources):
                    if isinstance(s, notes.UnitSource):
                        assert g["unit"] == s.ref and g["permalink"]["en"].endswith(f"/en/{s.doc}/#{s.unit}")
                    else:
                        assert g["document"]["url"] == s.url
    tei = etree.parse(str(site / "data" / "tei" / "2023-national.xml"))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    notes_en = tei.xpath('//t:note[@type="translator"][@xml:lang="en"]', namespaces=ns)
    assert {n.get("subtype") for n in notes_en} == {"context", "translation"}
    refs = tei.xpath('//t:note[@type="translator"]/t:bibl[@type="source"]/t:ref/@target', namespaces=ns)
    assert refs and all(r.startswith("http") and "#" in r for r in refs)
    assert tei.xpath('//t:note[@type="translator"]/t:note[@type="inference"]', namespaces=ns)
    assert tei.xpath('//t:note[@type="translator"][@xml:lang="zh-Hans"]', namespaces=ns)


def test_print_edition_gives_each_note_its_sources_and_inference(edition):
    """The PDF's HTML: every source of every note, units by their full permalink in the note's
    language, and the stated inference in both languages of a context note."""
    from lxml import html as lxml_html
    from edition import pdf
    d = edition.document("2023-national")
    tree = lxml_html.fromstring(pdf.document_html(edition, d, "https://example.org/ed/"))
    hrefs = tree.xpath('//*[contains(@class, "note-sources")]//a/@href')
    ns = [n for t in d.translations.values() for n in t.notes]
    expected = sum(len(n.sources) * (2 if n.zh else 1) for n in ns)
    assert len(hrefs) == expected
    assert "https://example.org/ed/en/2025-national/#notice-signatories" in hrefs
    assert "https://example.org/ed/2025-national/#notice-signatories" in hrefs
    inference = [e.text_content() for e in tree.xpath('//*[contains(@class, "note-inference")]')]
    assert len(inference) == sum(2 if n.zh else 1 for n in ns if n.inference)
    assert any(x.startswith("本版推断：") for x in inference) and any(x.startswith("Edition's inference:") for x in inference)
