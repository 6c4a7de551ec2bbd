"""Glossary (pinyin, concordance, marking) and themes (tags, pages, matrix)."""
import json
import re

import pytest

from edition import edition as loader
from edition.errors import EditionError
from edition.render import zh_html
from edition.term import Glossary, Term, concordance


def test_glossary_has_at_least_100_terms_with_both_definitions(edition):
    assert len(edition.glossary.terms) >= 100
    for t in edition.glossary.terms:
        assert t.en and t.def_en and t.def_zh and t.pinyin


@pytest.mark.parametrize("zh, expected", [
    ("三重一大", "sān zhòng yī dà"), ("行风", "háng fēng"), ("中选产品", "zhòng xuǎn chǎn pǐn"),
    ("长效机制", "cháng xiào jī zhì"), ("号贩子", "hào fàn zi"), ("行风建设", "háng fēng jiàn shè"),
    ("双随机、一公开", "shuāng suí jī yī gōng kāi"),
])
def test_pinyin_of_tricky_terms(edition, zh, expected):
    assert edition.glossary.by_zh[zh].pinyin == expected


def test_concordance_counts_are_found_in_the_texts(edition):
    hits = concordance(edition.glossary, edition.documents)
    def where(zh):
        return sorted((d.id, u.id) for d, u in hits[zh])
    assert where("三重一大") == [("2024-national", "item-5"),
                                 ("2025-national", "item-10"), ("2025-news", "para-16")]
    assert where("两票制") == [("2024-fujian", "item-4"), ("2024-national", "item-4")]
    # 纠风 occurs in 2023 only after the OCR emendation 纠凤 -> 纠风 (part 1's heading)
    assert ("2023-national", "part-1") in where("纠风") or ("2023-national", "part-1") in where("纠风工作")


def _glossary(*terms):
    return Glossary([Term(zh, zh + "-en", "governance", "d", "d", "p", False, anchor=f"term-{i}")
                     for i, zh in enumerate(terms)])


def test_longest_match_wins_and_terms_never_nest():
    g = _glossary("医保", "医保基金", "基金安全", "基金")
    found = [(a, b, t.zh) for a, b, t in g.find("维护医保基金安全和基金")]
    assert found == [(2, 6, "医保基金"), (9, 11, "基金")]


def test_marking_keeps_markers_out_of_terms_and_escapes_text():
    g = _glossary("纠风工作")
    text = "加强<纠风工作>领导"
    html = zh_html(text, 0, [(5, "e1", "ref-e1")], g.find(text), "zh", 1)
    assert html.count('class="ed-term"') == 1 and "&lt;" in html and "<纠" not in html
    # the marker at offset 5 (inside the term) moves to the end of the term
    assert html.index("纠风工作</a>") < html.index('id="ref-e1"')


def test_no_marking_inside_headings_links_or_ids(site):
    page = (site / "2025-national" / "index.html").read_text(encoding="utf-8")
    assert 'class="ed-term"' in page
    for h in re.findall(r"<h[1-6][^>]*>.*?</h[1-6]>", page, re.S):
        assert "ed-term" not in h
    for a in re.findall(r"<a [^>]*>(.*?)</a>", page, re.S):
        assert "<a " not in a  # no link inside a link
    assert not re.search(r'id="[^"]*ed-term', page)


def test_every_item_is_tagged_and_unknown_theme_fails(edition, project):
    for d in edition.documents:
        for u in d.doc.items:  # every translated item (an untranslated one shows no themes)
            t = d.translation(u.id)
            assert t is None or t.themes, (d.id, u.id)
    path = project / "annotations" / "2024-national.yml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(  item-2:\n(?:    .*\n)*?    themes: \[)", r"\1no-such-theme, ", text, count=1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EditionError) as exc:
        loader.load(project)
    line = next(n for n, l in enumerate(text.split("\n"), 1) if "no-such-theme" in l)
    assert f"annotations/2024-national.yml:{line}: units.item-2.themes" in str(exc.value)


def test_theme_matrix_counts_equal_the_tags(edition, site):
    assert len(edition.themes.themes) >= 15
    page = (site / "en" / "themes" / "index.html").read_text(encoding="utf-8")
    for th in edition.themes.themes:
        total = sum(1 for d in edition.documents for u in d.doc.items
                    if d.translation(u.id) is not None and th.id in d.translation(u.id).themes)
        row = re.search(r'<tr>\s*<td><a href="[^"]*%s/">.*?</tr>' % re.escape(th.id), page, re.S)
        assert row, th.id
        assert f"<strong>{total}</strong>" in row.group(0)
        theme_page = (site / "themes" / th.id / "index.html").read_text(encoding="utf-8")
        assert theme_page.count('href="../../') >= total


def test_glossary_and_theme_pages_exist_in_both_languages(site, edition):
    for lang in ("", "en/"):
        assert (site / f"{lang}glossary" / "index.html").exists()
        for th in edition.themes.themes:
            assert (site / f"{lang}themes" / th.id / "index.html").exists()
    gl = (site / "en" / "glossary" / "index.html").read_text(encoding="utf-8")
    t = edition.glossary.by_zh["三重一大"]
    assert f'id="{t.anchor}"' in gl and "sān zhòng yī dà" in gl


def test_english_renderings_link_to_the_glossary_entry(site, edition):
    from edition.render import link_renderings
    g = _glossary("两票制")
    html = link_renderings("<p>Improve the <em>two</em> 两票制-en policy; 两票制-en again.</p>", g.find("两票制"), 1)
    assert html.count('class="ed-term-en"') == 1 and 'href="../glossary/#term-0"' in html
    # inside an italic title only the whole title is a term; a match inside a link is skipped, not
    # the end of the search; capitalised at a sentence start it still links, in other cases not
    html = link_renderings("<p><em>Rules on 两票制-en Enforcement</em> and <a href='x'>两票制-en</a>, "
                           "then 两票制-EN and 两票制-en.</p>", g.find("两票制"), 1)
    assert html.count('class="ed-term-en"') == 1
    assert html.endswith('then 两票制-EN and <a class="ed-term-en" href="../glossary/#term-0" title="两票制">两票制-en</a>.</p>')
    html = link_renderings("<p>See <em>两票制-en</em>.</p>", g.find("两票制"), 1)
    assert '<em><a class="ed-term-en"' in html
    en = (site / "en" / "2024-national" / "index.html").read_text(encoding="utf-8")
    item4 = en[en.index('id="item-4"'):en.index('id="item-5"')]
    anchor = edition.glossary.by_zh["两票制"].anchor
    assert f'class="ed-term-en" href="../glossary/#{anchor}"' in item4


def test_generated_pinyin_cache_gives_what_pypinyin_gives(tmp_path, monkeypatch):
    """The build reads generated pinyin from a per-user cache file (so pypinyin's dictionaries are
    not loaded on every build); a cached answer must be exactly pypinyin's, and it is written on a miss."""
    from edition import term as term_module
    cache = tmp_path / "pinyin.json"
    monkeypatch.setattr(term_module, "_pinyin_cache", lambda: cache)
    words = ["带量采购", "行风", "医保基金", "号贩子"]
    first = term_module.generated_pinyins(words)
    assert first == {w: term_module.generated_pinyin(w) for w in words}
    assert json.loads(cache.read_text(encoding="utf-8"))["entries"] == first
    assert term_module.generated_pinyins(words[:2]) == {w: first[w] for w in words[:2]}
