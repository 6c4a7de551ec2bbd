"""What changed: redlines, item histories, comparison and what's-new pages, the proposer."""
from __future__ import annotations

import copy

import lxml.html
import pytest

from edition import alignment, comparison
from edition.comparison import DELETE, EQUAL, INSERT, Segment
from edition.item import Unit

OLD = "强化医药领域行风建设。深入推进医药领域腐败问题集中整治，严肃查处违规行为。"
NEW = "加强医药领域行风建设。持续深入推进医药领域腐败问题集中整治，依法查处违规违法行为。"


def test_redline_of_a_fixture_pair_is_exact():
    segs = comparison.redline(OLD, NEW)
    assert comparison.sides(segs) == (OLD, NEW)
    assert Segment(INSERT, "持续") in segs
    assert Segment(EQUAL, "深入推进医药领域腐败问题集中整治，") in segs
    assert [s.text for s in segs if s.op == DELETE] == ["化", "严肃"]  # 强化 → 加强 keeps the shared 强
    assert [s.text for s in segs if s.op == INSERT] == ["加", "持续", "依法", "违法"]
    assert comparison.similarity(comparison.redline(OLD, OLD)) == 1.0


def _one_to_one(edition):
    for pair in edition.alignments:
        for n, link in enumerate(pair.links, 1):
            segs = comparison.link_redline(pair, link, edition)
            if segs is not None:
                yield pair, n, link, segs


def _text(edition, doc_id, unit_id):
    return comparison.provision_text(edition.document(doc_id).doc.unit(unit_id))


def test_every_redline_of_the_corpus_reconstructs_both_provisions(edition):
    count = 0
    for pair, _, link, segs in _one_to_one(edition):
        assert comparison.sides(segs) == (_text(edition, pair.source, link.source[0]),
                                          _text(edition, pair.target, link.target[0]))
        count += 1
    assert count >= 20


def test_links_curated_as_unchanged_are_nearly_identical(edition):
    # A data check: a link called `unchanged` whose texts differ much is mislabelled.
    for pair, _, link, segs in _one_to_one(edition):
        if link.relation == "unchanged":
            assert comparison.similarity(segs) >= 0.9, (pair.id, link.source, link.target)


def _redline_sides(el) -> tuple[str, str]:
    el = copy.deepcopy(el)
    for sr in el.xpath('.//span[contains(@class, "ed-sr")]'):
        sr.drop_tree()
    for br in el.xpath(".//br"):
        br.tail = "\n" + (br.tail or "")
    old = copy.deepcopy(el)
    for x in old.xpath(".//ins"):
        x.drop_tree()
    new = copy.deepcopy(el)
    for x in new.xpath(".//del"):
        x.drop_tree()
    return old.text_content(), new.text_content()


@pytest.mark.parametrize("lang", ["", "en/"])
def test_redlines_on_the_built_pages_reconstruct_both_texts(site, edition, lang):
    checked = 0
    for pair, n, link, segs in _one_to_one(edition):
        html = lxml.html.parse(str(site / lang / "compare" / pair.id / "index.html")).getroot()
        [el] = html.xpath(f'//div[contains(@class, "ed-redline")][@data-link="{n}"]')
        assert _redline_sides(el) == (_text(edition, pair.source, link.source[0]),
                                      _text(edition, pair.target, link.target[0]))
        # changes are marked by elements and words for screen readers, not by colour alone
        for mark in el.xpath(".//del | .//ins"):
            assert mark.xpath('./span[contains(@class, "ed-sr")]'), pair.id
        checked += 1
    assert checked >= 20


def _history_hrefs(page) -> set[str]:
    html = lxml.html.parse(str(page)).getroot()
    return {a.get("href") for a in html.xpath('//p[contains(@class, "ed-history")]//a')}


@pytest.mark.parametrize("lang", ["", "en/"])
def test_every_aligned_unit_shows_its_counterparts_on_its_page(site, edition, lang):
    expected: dict[str, set[str]] = {}
    for pair in edition.alignments:
        for n, link in enumerate(pair.links, 1):
            compare = f"../compare/{pair.id}/#link-{n}"
            for uid in link.source:
                expected.setdefault(pair.source, set()).update({compare, *(f"../{pair.target}/#{t}" for t in link.target)})
            for uid in link.target:
                expected.setdefault(pair.target, set()).update({compare, *(f"../{pair.source}/#{s}" for s in link.source)})
    for doc_id, hrefs in expected.items():
        assert _history_hrefs(site / lang / doc_id / "index.html") == hrefs, doc_id


def test_news_paragraphs_link_to_the_items_they_report(site, edition):
    html = lxml.html.parse(str(site / "2025-news" / "index.html")).getroot()
    pair = next(p for p in edition.alignments if p.source == "2025-news")
    reported = {(s, t) for link in pair.links for s in link.source for t in link.target}
    assert len({t for _, t in reported}) == 14  # every item but item-1 is carried by the report
    for para, item in reported:
        [p] = html.xpath(f'//*[@id="{para}"]')
        history = p.getnext()
        assert "ed-history" in history.get("class"), para
        assert f"../2025-national/#{item}" in {a.get("href") for a in history.xpath(".//a")}
    unrelated = [u.id for u in edition.document("2025-news").doc.units if u.unrelated]
    assert unrelated and not any(u in {s for s, _ in reported} for u in unrelated)


@pytest.mark.parametrize("lang", ["", "en/"])
def test_whats_new_lists_new_changed_and_dropped_items(site, edition, lang):
    pair = next(p for p in edition.alignments if p.id == "2024-national--2025-national")
    html = lxml.html.parse(str(site / lang / "whats-new" / "2025" / "index.html")).getroot()
    new = [f"../../2025-national/#{t}" for l in pair.links if l.relation == "new" for t in l.target]
    changed = [f"../../compare/{pair.id}/#link-{n}" for n, l in enumerate(pair.links, 1)
               if l.relation not in ("new", "dropped", "unchanged")]
    hrefs = {a.get("href") for a in html.xpath("//article//a")}
    assert new and set(new) <= hrefs
    assert changed and set(changed) <= hrefs


def test_proposer_finds_the_known_counterparts_of_a_fixture():
    def units(texts):
        return [Unit(f"item-{i}", "item", t, 0, len(t), 1, i, "") for i, t in enumerate(texts, 1)]
    before = units(["加强医保基金监管，开展飞行检查，严厉打击欺诈骗保行为。",
                    "规范医药代表学术推广行为，落实医药代表备案制度。",
                    "严肃查处收受回扣、红包等问题。"])
    after = units(["严肃查处收受“红包”、回扣等违规问题。",
                   "新增：推进互联网诊疗监管。",
                   "持续加强医保基金监管，开展飞行检查和专项整治，严厉打击欺诈骗保。",
                   "规范医药代表学术推广，落实备案制度。"])
    proposed = {s.id: [t.id for t, _ in c] for s, c in alignment.propose(before, after)}
    assert proposed["item-1"][0] == "item-3"
    assert proposed["item-2"][0] == "item-4"
    assert proposed["item-3"][0] == "item-1"
    assert all("item-2" not in c for c in proposed.values())  # the new item resembles nothing


def test_proposer_agrees_with_the_curated_fujian_alignment(edition):
    nat, fj = edition.document("2024-national"), edition.document("2024-fujian")
    pair = next(p for p in edition.alignments if p.id == "2024-national--2024-fujian")
    proposed = {s.id: c[0][0].id for s, c in alignment.propose(nat.doc.items, fj.doc.items) if c}
    one_to_one = [l for l in pair.links if len(l.source) == 1 and len(l.target) == 1]
    hits = sum(proposed.get(l.source[0]) == l.target[0] for l in one_to_one)
    assert hits >= len(one_to_one) - 1, (hits, len(one_to_one))
