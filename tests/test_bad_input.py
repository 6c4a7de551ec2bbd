"""Bad annotation files stop the build with file, line, field and a fix; no site is published."""
import re

import pytest

from conftest import build
from edition import edition as loader
from edition.errors import EditionError

ANN = "annotations/2025-national.yml"


def _break(project, old, new, count=1):
    path = project / ANN
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return text


def _line_of(project, needle):
    for n, line in enumerate((project / ANN).read_text(encoding="utf-8").split("\n"), 1):
        if needle in line:
            return n
    raise AssertionError(needle)


CASES = {
    "yaml-error": ("  item-6:\n", "  item-6: [unclosed\n", "(YAML)", "item-6:"),
    "unknown-item-id": ("  item-15:\n", "  item-16:\n", "units.item-16", "item-16:"),
    "missing-field": ("    kind: layout\n", "", "emendations[\"e1\"]", "- id: e1"),
    "wrong-type": ("    line: 12\n", "    line: twelve\n", "emendations[\"e1\"].line", "line: twelve"),
    "duplicate-id": ("  item-15:\n", "  item-14:\n", "duplicate key", "item-14:"),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_names_file_line_and_field(project, case):
    old, new, field, needle = CASES[case]
    _break(project, old, new)
    with pytest.raises(EditionError) as exc:
        loader.load(project)
    message = str(exc.value)
    assert ANN in message and field in message and "fix:" in message, message
    lines = [int(m) for m in re.findall(re.escape(ANN) + r":(\d+)", message)]
    expected = _line_of(project, needle) if case != "duplicate-id" else None
    if expected:
        assert any(abs(n - expected) <= 1 for n in lines), (lines, expected, message)
    else:
        assert lines, message


def test_duplicate_emendation_id_is_reported(project):
    path = project / "annotations/2023-national.yml"
    text = path.read_text(encoding="utf-8").replace("  - id: e2\n", "  - id: e1\n", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EditionError) as exc:
        loader.load(project)
    assert "duplicate id 'e1'" in str(exc.value) and "annotations/2023-national.yml:" in str(exc.value)


def test_a_broken_annotation_publishes_no_site(project, tmp_path):
    _break(project, "  item-15:\n", "  item-16:\n")
    site = tmp_path / "out"
    result = build(project, site)
    assert result.returncode != 0
    assert "annotations/2025-national.yml:" in result.stderr and "units.item-16" in result.stderr
    assert not (site / "index.html").exists() and not (site / "2025-national").exists()
