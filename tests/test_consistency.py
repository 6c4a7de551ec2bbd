"""Consistent renderings (`make check`): a glossary term or listed phrase rendered otherwise without a
recorded reason, and the same Chinese sentence whose English drifted apart, are reported with file,
line, field and fix; the real edition has none; recorded reasons silence them."""
from __future__ import annotations

import pytest

from conftest import ROOT
from edition import consistency
from test_check import edit, run_check


def test_the_real_edition_renders_consistently(edition):
    assert consistency.check(edition, ROOT) == []


@pytest.mark.parametrize("english,renderings,expected", [
    ("deal with such conduct seriously in accordance with the law", ["deal with … seriously"], True),
    ("and they must be dealt with seriously.", ["deal with … seriously"], True),
    ("and they must be dealt with severely.", ["deal with … seriously"], False),
    ("the building of clean government in the sector", ["building clean government (integrity building)"], True),
    ("deepen the use of cases to drive reform", ["using cases to drive reform"], True),
    ("Carry out unannounced (“flying”) inspections.", ['unannounced ("flying") inspections'], True),
    ("Carry out unannounced inspections.", ['unannounced ("flying") inspections'], True),
    ("the filling of prescriptions outside the institution", ["externally filled prescriptions"], False),
    ("the 2025 Work Points", ["Key Points"], False),
])
def test_renders_tolerates_inflection_but_not_another_word(english, renderings, expected):
    assert consistency.renders(english, renderings) is expected


def test_a_glossary_term_rendered_otherwise_is_reported(project):
    rel = "annotations/2025-national.yml"
    edit(project, rel, "externally filled prescriptions, project approval", "prescriptions dispensed elsewhere, project approval")
    result, findings = run_check(project)
    assert result.returncode == 1
    [f] = [f for f in findings if f["file"] == rel and "外配处方" in f["message"]]
    assert f["level"] == "warning" and f["field"] == "units.item-4" and "glossary" in f["message"] and "fix:" in f["message"]


def test_a_listed_phrase_rendered_otherwise_is_reported_and_a_departure_silences_it(project):
    rel = "annotations/2025-national.yml"
    edit(project, rel, "and they must be dealt with seriously.", "and they must be dealt with severely.")
    result, findings = run_check(project)
    hits = [f for f in findings if f["file"] == rel and "严肃处理" in f["message"]]
    assert result.returncode == 1 and hits and hits[0]["field"] == "units.item-11"
    edit(project, "annotations/consistency.yml", "departures: []",
         'departures:\n  - zh: "严肃处理"\n    unit: "2025-national#item-11"\n'
         '    why: {en: "A test reason.", zh: "测试理由。"}')
    _, findings = run_check(project)
    assert not [f for f in findings if f["file"] == rel and "严肃处理" in f["message"]]


def test_the_same_chinese_sentence_drifting_apart_is_reported_and_can_be_accepted(project):
    # the news report quotes 2025 item 7 verbatim; correct one copy only
    rel = "annotations/2025-news.yml"
    edit(project, rel, "regulate the taking of remuneration for concurrent posts",
         "regulate the taking of remuneration for concurrent posts and sideline jobs")
    result, findings = run_check(project)
    drift = [f for f in findings if "drifted apart" in f["message"]]
    assert result.returncode == 1 and drift, findings
    assert {f["file"] for f in drift} <= {rel, "annotations/2025-national.yml"}
    assert any("2025-national" in f["message"] and "2025-news" in f["message"] for f in drift)
    assert all("accepted_drift" in f["message"] for f in drift)
    pairs = {tuple(sorted(x.split(" ")[0] for x in f["message"].split("`accepted_drift`, units [")[1].rstrip("])").split(", ")))
             for f in drift}
    edit(project, "annotations/consistency.yml", "accepted_drift: []", "accepted_drift:\n" + "".join(
        f'  - units: ["{a}", "{b}"]\n    why: {{en: "A test reason.", zh: "测试理由。"}}\n' for a, b in pairs))
    _, findings = run_check(project)
    assert not [f for f in findings if "drifted apart" in f["message"]]


def test_a_broken_consistency_file_is_an_error_with_its_line(project):
    edit(project, "annotations/consistency.yml", '  - zh: "严厉打击"\n', '  - zh: "严厉打击"\n    bogus: 1\n')
    result, findings = run_check(project)
    assert result.returncode == 1
    assert any(f["file"] == "annotations/consistency.yml" and f["line"] for f in findings), findings
