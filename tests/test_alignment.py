"""Alignment data: every provision of each pair accounted for, relations from the allowed set."""
import pytest

from edition import alignment
from edition import edition as loader
from edition.errors import EditionError


def test_four_pairs_with_every_item_accounted_for(edition):
    pairs = {p.id: p for p in edition.alignments}
    assert set(pairs) == {"2023-national--2024-national", "2024-national--2025-national",
                          "2024-national--2024-fujian", "2025-news--2025-national"}
    for p in pairs.values():
        assert alignment.unaligned(p, edition) == {"from": [], "to": []}, p.id
        for link in p.links:
            assert link.relation in alignment.RELATIONS
            if link.relation not in ("unchanged",) and "news" not in p.id:
                assert link.note["en"] and link.note["zh"], (p.id, link.source, link.target)


def test_alignment_to_a_missing_item_is_an_error(project):
    path = project / "annotations" / "pairs" / "2023-national--2024-national.yml"
    text = path.read_text(encoding="utf-8").replace("to: [item-15]", "to: [item-16]", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EditionError) as exc:
        loader.load(project)
    assert "annotations/pairs/2023-national--2024-national.yml:" in str(exc.value) and "has no item-16" in str(exc.value)


@pytest.mark.parametrize("rename", ["file", "id"])
def test_a_pair_file_must_be_named_after_its_documents(project, rename):
    folder = project / "annotations" / "pairs"
    path = folder / "2024-national--2025-national.yml"
    if rename == "file":
        path.rename(folder / "2024--2025.yml")
    else:
        path.write_text(path.read_text(encoding="utf-8").replace(
            "id: 2024-national--2025-national", "id: 2024-national--2025-nationl"), encoding="utf-8")
    with pytest.raises(EditionError) as exc:
        loader.load(project)
    assert "name the file 2024-national--2025-national.yml" in str(exc.value)
