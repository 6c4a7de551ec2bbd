"""The review of the curated alignments: each kind of fault the full review found is caught.

Every fixture below reintroduces into one real link a fault of a kind the review of all four
pairs corrected (the original wording or relation where there was one), and asserts that
alignment_review finds it; the real edition must have none.
"""
from __future__ import annotations

import copy
from dataclasses import replace

import pytest

from edition import alignment_review
from edition.alignment_review import items_named, review


def _pair(edition, pair_id):
    return copy.deepcopy(edition.pair(pair_id))


def _link(pair, source, target):
    [link] = [l for l in pair.links if l.source == source and l.target == target]
    return link


def _findings(edition, pair):
    return [f for f in review([pair], edition)]


def test_the_reviewed_alignments_have_no_finding(edition):
    findings = review(edition.alignments, edition)
    assert findings == [], "\n".join(f"{f.pair} link {f.link} {f.field}: {f.message}" for f in findings)


def test_the_review_covers_every_link_of_every_pair(edition):
    # a pair or link the review skipped would make the test above vacuous
    assert sum(len(p.links) for p in edition.alignments) >= 60
    assert {p.id for p in edition.alignments} == {
        "2023-national--2024-national", "2024-national--2025-national",
        "2024-national--2024-fujian", "2025-news--2025-national"}


# --------------------------------------------------------------------------- relation against the texts

def test_reworded_link_whose_note_reports_a_change_of_substance(edition):
    # 2024 item 9 -> 2025 item 9 was `reworded`, its note describing a shift to internet diagnosis
    pair = _pair(edition, "2024-national--2025-national")
    link = _link(pair, ["item-9"], ["item-9"])
    link.relation = "reworded"
    link.note = {"en": "The online item shifts from livestream selling to internet-based diagnosis and treatment.",
                 "zh": "网络条目的重点由直播带货转向互联网诊疗。"}
    messages = [f.message for f in _findings(edition, pair) if f.link and f.field == "relation"]
    assert any("change of substance" in m for m in messages)
    assert any("3% of the characters" in m for m in messages)


def test_reworded_link_with_little_wording_in_common_needs_a_note_saying_the_substance_is_the_same(edition):
    # 2023 item 4 -> 2024 item 3 was `reworded` (1 % common characters), its note saying there is no such item
    pair = _pair(edition, "2023-national--2024-national")
    link = _link(pair, ["item-4"], ["item-3"])
    link.relation = "reworded"
    link.note = {"en": "2024 has no such item; only a general concern survives in item 3.",
                 "zh": "2024年没有对应条目，仅第三条保留了概括性的关注。"}
    assert [f.field for f in _findings(edition, pair)] == ["relation"]
    link.note = {"en": "Same substance in new words: " + link.note["en"], "zh": "实质相同，措辞全新。" + link.note["zh"]}
    assert _findings(edition, pair) == []


def test_expanded_link_whose_note_says_it_shrinks(edition):
    # 2023 item 8 -> 2024 item 11 was `expanded` while its note said the item shrinks to one clause
    pair = _pair(edition, "2023-national--2024-national")
    _link(pair, ["item-8"], ["item-11"]).relation = "expanded"
    [finding] = _findings(edition, pair)
    assert finding.field == "relation" and "shrinks" in finding.message


def test_unchanged_link_whose_texts_differ_and_changed_link_whose_texts_are_identical(edition):
    pair = _pair(edition, "2024-national--2024-fujian")
    _link(pair, ["item-1"], ["item-1"]).relation = "unchanged"        # 88 % common characters
    _link(pair, ["item-2"], ["item-2"]).relation = "expanded"         # identical
    messages = [f.message for f in _findings(edition, pair)]
    assert any("`unchanged` but only 88%" in m for m in messages)
    assert any("`expanded` but the two texts are identical" in m for m in messages)


# --------------------------------------------------------------------------- items the note names

def test_note_naming_an_item_the_link_does_not_link(edition):
    # 2024 item 13 -> 2025: the note sent pharmaceutical representatives to item 6, which was not linked
    pair = _pair(edition, "2024-national--2025-national")
    link = _link(pair, ["item-13"], ["item-3", "item-6", "item-11", "item-14", "item-15"])
    link.target = [t for t in link.target if t != "item-6"]
    named = [f for f in _findings(edition, pair) if "names item" in f.message]
    assert sorted(f.field for f in named) == ["note_en", "note_zh"]
    assert all("[6]" in f.message for f in named)


def test_note_whose_two_languages_name_different_items(edition):
    # the news box notes numbered their bullets 第一条 … 第五条, read as items 1 to 5
    pair = _pair(edition, "2025-news--2025-national")
    link = _link(pair, ["para-11"], ["item-8"])
    link.note = dict(link.note, zh=link.note["zh"].replace("第二项要点", "第二条"))
    fields = {f.field for f in _findings(edition, pair)}
    assert fields == {"note_zh", "note_en/note_zh"}


@pytest.mark.parametrize("en, zh, expected", [
    ("items 4–6 and item 9", "第四至六条和第九条", {4, 5, 6, 9}),
    ("items 10 and 11; Item 2", "第十、十一条；第二条", {2, 10, 11}),
    ("lines 21 and 35", "第21行", set()),
])
def test_item_numbers_named_by_a_note(en, zh, expected):
    assert items_named(en, zh) == (expected, expected)


# --------------------------------------------------------------------------- quotations

def test_chinese_quotation_that_is_not_in_the_linked_provisions(edition):
    pair = _pair(edition, "2024-national--2025-national")
    link = _link(pair, ["item-9"], ["item-9"])
    link.note = dict(link.note, zh=link.note["zh"] + "2025年要求“规范直播带货行为”。")
    [finding] = _findings(edition, pair)
    assert finding.field == "note_zh" and "规范直播带货行为" in finding.message


def test_nested_quotation_marks_and_ellipses_are_read_as_the_text_has_them(edition):
    pair = _pair(edition, "2025-news--2025-national")
    link = _link(pair, ["para-1"], ["item-9"])
    assert "‘医托’" in link.note["zh"] and "……" in link.note["zh"]
    assert _findings(edition, pair) == []


def test_english_quotation_that_departs_from_the_translation(edition):
    # the notes quoted “tighten each department's responsibility as sector regulator”; the translation
    # says “Tighten the responsibility of each department as the competent authority for its sector”
    pair = _pair(edition, "2023-national--2024-national")
    link = _link(pair, ["item-12"], ["item-12", "item-14", "item-15"])
    link.note = dict(link.note, en=link.note["en"].replace(
        "“Tighten the responsibility of each department as the competent authority for its sector”",
        "“tighten each department's responsibility as sector regulator”"))
    [finding] = _findings(edition, pair)
    assert finding.field == "note_en" and "sector regulator" in finding.message


# --------------------------------------------------------------------------- glossary renderings

def test_note_using_a_rendering_the_glossary_rejects(edition):
    # the notes said “illegal recycling of drugs” for 非法回收药品, which the translation renders “illegally buying back drugs”
    pair = _pair(edition, "2024-national--2025-national")
    link = _link(pair, ["item-8"], ["item-8", "item-9"])
    link.note = dict(link.note, en=link.note["en"].replace("illegally buying back drugs", "illegal recycling of drugs"))
    messages = [f.message for f in _findings(edition, pair)]
    assert any("'illegal recycling of drugs', a rendering of 非法回收药品 the glossary rejects" in m for m in messages)
    assert any(m.startswith("非法回收药品 is in the Chinese but not rendered") for m in messages)


def test_note_not_using_the_glossary_rendering(edition):
    # “external prescriptions” for 外配处方, “professional fraudsters” for 职业骗保人
    pair = _pair(edition, "2024-national--2025-national")
    link = _link(pair, ["item-3"], ["item-4", "item-6"])
    link.note = dict(link.note, en=link.note["en"].replace("externally filled prescriptions", "external prescriptions"))
    [finding] = _findings(edition, pair)
    assert finding.message.startswith("外配处方 is in the Chinese but not rendered “externally filled prescriptions”")


def test_summary_is_reviewed_against_the_glossary_too(edition):
    pair = _pair(edition, "2024-national--2024-fujian")
    pair.summary = dict(pair.summary, en=pair.summary["en"].replace("“two-invoice system”", "“two-ticket system”"))
    fields = [(f.link, f.field) for f in _findings(edition, pair)]
    assert (None, "summary_en") in fields


def test_glossary_matching_allows_other_word_endings_but_not_other_words():
    from edition.term import Term
    term = Term("合规", "compliance", "governance", "d", "d", "he gui", False, alt=[], anchor="t")
    [phrase] = alignment_review._renderings(term)
    assert alignment_review._phrase_pattern(phrase).search("primary responsibility for compliant operation")
    assert not alignment_review._phrase_pattern(phrase).search("primary responsibility for lawful operation")


def test_make_check_reports_a_review_finding_at_its_line(project):
    from edition import check
    path = project / "annotations" / "pairs" / "2024-national--2025-national.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    [i] = [n for n, l in enumerate(lines) if l == "  - from: [item-9]"]
    assert lines[i + 2] == "    relation: narrowed"
    lines[i + 2] = "    relation: reworded"
    path.write_text("\n".join(lines), encoding="utf-8")
    found = [str(f) for f in check.run(project) if "reworded" in f.problem.message]
    assert found and all(s.startswith(f"annotations/pairs/2024-national--2025-national.yml:{i + 3}: warning: links[")
                         for s in found), found


# --------------------------------------------------------------------------- the review record on the pages

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_comparison_page_ends_with_its_review_record(site, edition, lang):
    import lxml.html
    from edition.render import labels
    L = labels()[lang]
    prefix = "en/" if lang == "en" else ""
    about = lxml.html.parse(str(site / prefix / "about" / "index.html")).getroot()
    assert about.xpath('//*[@id="alignment-review"]')
    reviewed = 0
    for pair in edition.alignments:
        page = lxml.html.parse(str(site / prefix / "compare" / pair.id / "index.html")).getroot()
        rows = page.xpath('//table[contains(@class, "ed-review-table")]/tbody/tr')
        if pair.review is None:
            assert rows == []
            continue
        reviewed += 1
        assert pair.review["date"] in page.xpath('string(//p[contains(@class, "ed-review-method")])')
        assert page.xpath('//p[contains(@class, "ed-review-method")]/a[@href="../../about/#alignment-review"]')
        assert len(rows) == len(pair.links)
        for row, link in zip(rows, pair.links):
            verdicts = link.review["verdict"] if link.review else ["kept"]
            assert row.xpath("string(./td[4])").strip() == L["review_join"].join(L["review_verdicts"][v] for v in verdicts)
            reason = row.xpath("string(./td[5])").strip()
            assert (reason == "—") == (link.review is None), (pair.id, link.source, link.target)
    assert reviewed == len(edition.alignments)


def test_the_review_record_is_in_the_open_data(site, edition):
    import json
    corpus = json.loads((site / "data" / "corpus.json").read_text(encoding="utf-8"))
    pairs = {p["id"]: p for p in corpus["alignments"]}
    for pair in edition.alignments:
        assert pairs[pair.id].get("review") == pair.review
        assert [l.get("review") for l in pairs[pair.id]["links"]] == [l.review for l in pair.links]
