"""Reading text: nothing lost, structure found in the text, corrections applied and recorded."""
import re

import pytest

from conftest import ROOT

from edition import emendation, rules
from edition.emendation import Emendation


def test_raw_text_is_rebuilt_exactly_from_the_parsed_structure(edition):
    for d in edition.documents:
        reading = d.doc.reading
        text = d.doc.serialise()  # only what the parser put into units survives
        assert text == reading.text, d.id
        assert emendation.reconstruct(text, reading.applied) == d.source.path.read_text(encoding="utf-8"), d.id


def test_every_non_whitespace_change_is_recorded_in_the_annotation_file(edition):
    for d in edition.documents:
        recorded = {e.id for e in d.annotation.emendations}
        for a in d.doc.reading.applied:
            if a.edit.kind == "emendation":
                assert a.edit.ref in recorded
            elif a.edit.kind == "whitespace":
                assert not a.raw.strip(" \t\n\u2002\u3000"), (d.id, a.raw)
                assert not a.edit.reading.strip(), (d.id, a.edit.reading)
            else:  # normalisation: a rule the annotation file switches on, one character at a time
                assert a.edit.ref in d.annotation.config.rules, (d.id, a.edit.ref)
                assert len(a.raw) == 1 and len(a.edit.reading) == 1


def test_part_and_item_counts_match_the_manifest(edition):
    counts = {d.id: (len(d.doc.parts), len(d.doc.items)) for d in edition.documents}
    assert counts and set(counts) == {p.stem for p in (ROOT / "sources").glob("*.yml")}
    for d in edition.documents:
        assert counts[d.id] == (d.meta["expected"]["parts"], d.meta["expected"]["items"])
        assert [u.number for u in d.doc.items] == list(range(1, len(d.doc.items) + 1))


def test_notice_structure(edition):
    kinds = {d.id: [u.id for u in d.doc.units if u.kind.startswith("notice")] for d in edition.documents}
    assert kinds["2025-national"] == ["notice-title", "notice-number", "notice-addressees", "notice-body-1",
                                      "notice-signatories", "notice-date", "notice-disclosure"]
    assert kinds["2024-fujian"] == ["notice-number", "notice-title", "notice-addressees", "notice-body-1",
                                    "notice-body-2", "notice-body-3", "notice-signatories", "notice-date",
                                    "notice-disclosure"]
    assert kinds["2023-national"] == ["notice-title", "notice-addressees", "notice-body-1", "notice-disclosure"]
    assert kinds["2024-national"] == []
    fj = edition.document("2024-fujian").doc
    assert len(fj.unit("notice-signatories").lines) == 13
    assert "福建省人民政府国有资产监督管理委员会" in fj.unit("notice-signatories").lines
    assert len(edition.document("2025-national").doc.unit("notice-signatories").lines) == 14
    assert [u.id for u in edition.document("2023-national").doc.units if u.kind == "colophon"] == ["colophon-1", "colophon-2"]


def test_item_heading_and_body(edition):
    item = edition.document("2025-national").doc.unit("item-6")
    assert item.marker == "（六）" and item.heading == "加强穿透监管。"
    assert item.body.startswith("发挥穿透式审计监督优势") and item.part == "part-2"


def test_faults_of_each_source_are_corrected(edition):
    text = {d.id: d.doc.reading.text for d in edition.documents}
    t23 = text["2023-national"]
    assert "纠凤" not in t23 and "〈" not in t23 and "〉" not in t23 and "－－？" not in t23 and "...." not in t23
    assert "成员单位间、与纪检监察机关间" in t23 and "2023年" in t23 and " " not in t23
    assert "（2021-2024年）" in t23
    fj = text["2024-fujian"]
    assert not re.search(r"[０-９,.:;()«»]", fj) and "—３—" not in fj and "—3—" not in fj
    assert "闽卫医急函〔2024〕1652号" in fj and "《福建省公立医疗机构工作人员接待医药代表管理暂行规定》" in fj
    assert "通知》（国卫医急函〔2024〕101号）" in fj
    news = edition.document("2025-news").doc
    assert news.unit("para-10").text.endswith("加强合规管理，推动医药代表在医疗机构内的合规管理，持续净化医药购销秩序。")
    box = news.unit("para-11")
    assert box.kind == "box" and len(box.lines) == 6 and box.lines[1].startswith("- ")
    assert [u.id for u in news.units if u.unrelated][0] == "para-24"
    assert {u.kind for u in news.units if u.id in ("para-4", "para-7", "para-13", "para-19")} == {"subheading"}
    assert "\u2002" not in text["2025-national"] and not text["2024-national"].startswith(" ")


# --------------------------------------------------------------------------- small fixtures

RAW = "  标题\n\n（一）第一条文 字。\n\n－－？\n第二行\n"


def _reading(raw, config, ems=()):
    return emendation.apply(raw, rules.build_edits(raw, config, list(ems), "fixture.yml"), "fixture.yml")


def test_fixture_wrapped_lines_are_joined_and_removals_recorded():
    em = Emendation("e1", "removal", 5, "－－？", "", {"en": "x", "zh": "x"})
    r = _reading(RAW, rules.ReadingConfig("wrapped", ("cjk-spacing",), frozenset({1})), [em])
    assert r.text == "标题\n\n（一）第一条文字。第二行"
    assert emendation.reconstruct(r.text, r.applied) == RAW


def test_fixture_emendation_must_match_the_raw_line():
    em = Emendation("e1", "ocr", 3, "第三条", "第四条", {"en": "x", "zh": "x"}, yaml_line=12)
    with pytest.raises(Exception) as exc:
        _reading(RAW, rules.ReadingConfig("lines"), [em])
    assert "fixture.yml:12" in str(exc.value) and "emendations[e1].raw" in str(exc.value)


def test_fixture_move_and_punctuation():
    raw = "段落前半\n\n- 框\n\n后半.\n"
    em = Emendation("e1", "move", 3, "- 框", "- 框", {"en": "x", "zh": "x"}, to_line=5)
    r = _reading(raw, rules.ReadingConfig("lines", ("punctuation",), joins_after=frozenset({1}),
                                          punctuation={".": "。"}), [em])
    assert r.text == "段落前半后半。\n\n- 框"
    assert emendation.reconstruct(r.text, r.applied) == raw


def test_fixture_item_after_the_colophon_is_an_error():
    from edition import document
    from edition.errors import EditionError
    raw = "某某工作要点\n\n一、部分\n\n（一）第一条。\n\n落款\n\n（二）第二条。"
    r = emendation.apply(raw, [], "fixture.yml")
    with pytest.raises(EditionError) as exc:
        document.parse("x", {"kind": "national-work-points"}, r, "fixture.yml")
    assert "source line 9" in str(exc.value) and "not an item" in str(exc.value)
