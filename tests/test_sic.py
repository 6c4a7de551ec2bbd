"""[sic]: a suspected error of the source kept as printed, marked in the reading text of both
languages, discussed in the apparatus (readings considered, which one the English follows), and
carried into the open data (TEI <sic>, corpus.json)."""
from __future__ import annotations

import json

import lxml.etree
import lxml.html
import pytest

from edition import edition as loader
from edition import export
from edition.errors import EditionError

TEI = "{http://www.tei-c.org/ns/1.0}"


def _sics(edition):
    return [(d, s) for d in edition.documents for s in d.annotation.sic]


def test_the_edition_marks_its_suspected_source_errors_and_changes_no_text(edition):
    assert _sics(edition), "the edition records suspected source errors ([sic])"
    for d, s in _sics(edition):
        unit = d.doc.unit(s.unit)
        assert s.text in unit.text  # kept as printed: the reading text still has it
        assert s.text in d.doc.reading.raw.replace("\n", "")
        assert len(s.readings) >= 2 and s.readings[0]["reading"] == s.text  # as printed, then conjectures
        assert s.translation["en"] and s.translation["zh"]


@pytest.mark.parametrize("lang", ["", "en/"])
def test_sic_is_visible_in_the_text_and_discussed_in_the_apparatus(site, edition, lang):
    for d, s in _sics(edition):
        page = lxml.html.parse(str(site / lang / d.id / "index.html")).getroot()
        [mark] = page.xpath(f'//a[@class="ed-sic"][@id="ref-{s.id}"]')
        assert mark.text_content() == "[sic]" and mark.get("href") == f"#app-{s.id}"
        zh = mark.getparent()
        assert s.text in zh.text_content().split("[sic]")[0][-len(s.text) - 5:], "[sic] follows the suspect words"
        [entry] = page.xpath(f'//li[@id="app-{s.id}"]')
        text = entry.text_content()
        for r in s.readings:
            assert r["reading"] in text
        assert (s.translation["en"] if lang else s.translation["zh"])[:20] in text
        assert entry.xpath(f'.//a[@href="#ref-{s.id}"]'), "back link to the text"
        if lang:  # the English column says which reading the translation follows
            [note] = page.xpath(f'//p[@class="ed-sic-note"][a/@href="#app-{s.id}"]')
            assert "follows" in note.text_content()


def test_sic_is_in_the_tei_and_the_json(edition):
    for d, s in _sics(edition):
        root = lxml.etree.fromstring(export.tei(d, export.Info()))
        [sic] = [e for e in root.iter(f"{TEI}sic") if e.get("n") == s.id]
        assert sic.text == s.text and sic.getparent().tag != f"{TEI}choice"
        [app] = [e for e in root.iter(f"{TEI}item") if e.get("n") == s.id]
        assert app.get("type") == "sic" and len([n for n in app if n.get("type") == "reading"]) == len(s.readings)
    corpus = json.loads(export.to_json(export.corpus(edition, export.Info())))
    found = {(doc["id"], x["id"]) for doc in corpus["documents"] for x in doc["sic"]}
    assert found == {(d.id, s.id) for d, s in _sics(edition)}


@pytest.mark.parametrize("old,new,field", [
    ('    text: "普惠制认证"\n', '    text: "普惠制认定"\n', "sic[s1].text"),
    ("    unit: item-4\n", "    unit: item-40\n", "sic[s1].unit"),
    ("  - id: s1\n", "  - id: e1\n", 'sic["e1"].id'),
])
def test_a_sic_entry_that_does_not_match_the_text_stops_the_build(project, old, new, field):
    path = project / "annotations/2023-national.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(EditionError) as exc:
        loader.load(project)
    message = str(exc.value)
    assert "annotations/2023-national.yml:" in message and field in message and "fix:" in message, message
