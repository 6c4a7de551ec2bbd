"""Interface wording and the series' reference data are data files, checked against the code.

One wording file per language (hooks/edition/labels/<lang>.yml) with the same keys; every key used
by the code or the templates; the kinds of document defined once (data/kinds.yml) and the same as
the schema's; the table of regions complete and unambiguous.
"""
import re
from pathlib import Path

from edition import schema, series
from edition.wording import LABELS, LANGS, labels

HOOKS = Path(__file__).resolve().parents[1] / "hooks" / "edition"


def keys(mapping, prefix=""):
    out = set()
    for k, v in mapping.items():
        out.add(prefix + k)
        if isinstance(v, dict):
            out |= keys(v, f"{prefix}{k}.")
    return out


def test_both_languages_have_the_same_keys():
    zh, en = (keys(labels()[lang]) for lang in LANGS)
    assert zh - en == set() and en - zh == set()
    assert sorted(p.stem for p in LABELS.glob("*.yml")) == sorted(LANGS)


def test_every_top_level_key_is_used_by_the_code_or_the_templates():
    code = "".join(p.read_text(encoding="utf-8") for p in HOOKS.rglob("*") if p.suffix in (".py", ".j2"))
    unused = [k for k in labels()["en"] if k != "lang" and not re.search(
        rf"(L\.{k}\b|\[\"{k}\"\]|\['{k}'\]|\.{k}\b)", code)]
    assert unused == []


def test_nested_wording_covers_its_enumeration():
    for lang in LANGS:
        L = labels()[lang]
        for key in ("kind_names", "short_labels", "nav_titles"):
            assert list(L[key]) == list(series.kinds()), (lang, key)
        assert list(L["nav"]["groups"]) == series.groups()
        assert list(L["relations"]) == schema.enum("pair.schema.json", "links", "[]", "relation")
        assert set(L["news_relations"]) <= set(L["relations"])
        # the apparatus lists emendations by kind, and [sic] entries (suspected errors, not emended)
        assert set(L["kinds"]) == set(schema.enum("document.schema.json", "emendations", "[]", "kind")) | {"sic"}
        assert list(L["glossary_categories"]) == schema.enum("glossary.schema.json", "terms", "[]", "category")
        assert len(L["months"]) == 12

def test_enumerations_are_defined_once_and_match_the_schemas():
    from edition.alignment import RELATIONS
    from edition.emendation import EMENDATION_KINDS
    assert list(series.kinds()) == schema.enum("source.schema.json", "kind")
    assert list(RELATIONS) == schema.enum("pair.schema.json", "links", "[]", "relation")
    assert list(EMENDATION_KINDS) == schema.enum("document.schema.json", "emendations", "[]", "kind")
    assert {k["group"] for k in series.kinds().values()} == set(series.groups())


def test_the_region_table_is_complete_and_unambiguous():
    table = series.regions()
    assert len(table) == 31  # the mainland's provincial-level divisions
    assert all(re.fullmatch(r"CN-[A-Z]{2}", code) for code in table)
    prefixes = [p for r in table.values() for p in r.prefix]
    assert len(prefixes) == len(set(prefixes)), "a number prefix must name one region"
    assert len({r.zh for r in table.values()}) == len({r.en for r in table.values()}) == 31
    for r in table.values():
        assert r.zh.startswith(r.zh_short) and r.en_full.startswith(r.en.split()[0])


def test_regions_are_read_off_numbers_and_issuers():
    assert series.detect_region("闽卫医急函〔2024〕1652号", None).en == "Fujian"
    assert series.detect_region("粤卫函〔2024〕9号", None).code == "CN-GD"
    assert series.detect_region(None, "北京市卫生健康委员会等部门").code == "CN-BJ"
    assert series.detect_region("国卫医急函〔2025〕144号", "国家卫生健康委等十四部门") is None


def test_no_place_name_in_code_or_templates():
    names = [n for r in series.regions().values() for n in (r.zh_short, r.en)]
    pattern = re.compile("|".join(map(re.escape, names)))
    root = HOOKS.parents[1]
    offenders = []
    for folder in ("hooks", "overrides"):
        for p in (root / folder).rglob("*"):
            if p.is_file() and p.suffix in (".py", ".j2", ".html", ".js", ".css") and p.parent.name != "data":
                for n, line in enumerate(p.read_text(encoding="utf-8").split("\n"), 1):
                    if pattern.search(line):
                        offenders.append(f"{p.relative_to(root)}:{n}: {line.strip()[:80]}")
    assert offenders == []


def test_the_edition_title_is_written_once(site):
    """annotations/edition.yml names the edition: the site's name in both languages, the citations
    and the open data use it; no module, template or mkdocs.yml repeats it."""
    import json
    meta = __import__("yaml").safe_load((HOOKS.parents[1] / "annotations" / "edition.yml").read_text(encoding="utf-8"))
    assert f"<title>首页 - {meta['short_title']['zh']}</title>" in (site / "index.html").read_text(encoding="utf-8")
    assert f"<title>Home - {meta['short_title']['en']}</title>" in (site / "en" / "index.html").read_text(encoding="utf-8")
    corpus = json.loads((site / "data" / "corpus.json").read_text(encoding="utf-8"))
    assert corpus["edition"]["title"] == meta["title"] and corpus["edition"]["short_title"] == meta["short_title"]
    page = (site / "en" / "2025-national" / "index.html").read_text(encoding="utf-8")
    assert meta["title"]["en"].split(":")[0] in page  # in each item's citation
    root = HOOKS.parents[1]
    sources = [p for p in (root / "hooks").rglob("*") if p.suffix in (".py", ".j2")] + [root / "mkdocs.yml"]
    for title in (*meta["title"].values(), *meta["short_title"].values()):
        assert not any(title in p.read_text(encoding="utf-8") for p in sources), title
