"""The raw sources are kept exactly as received, and each one's catalogue record describes it."""
import hashlib

import yaml

from conftest import ROOT


def records():
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "sources").glob("*.yml"))]


def test_every_source_matches_its_recorded_hash():
    files = {p.name for p in (ROOT / "sources").glob("*.txt")}
    listed = {d["file"] for d in records()}
    assert files == listed, "every raw text in sources/ has a record sources/<id>.yml and vice versa"
    for d in records():
        data = (ROOT / "sources" / d["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == d["sha256"], d["file"]


def test_sources_are_the_received_seeds_when_available():
    seeds = ROOT.parent / "shared" / "seeds"
    for d in records():
        seed = seeds / d["received_as"]
        if seed.exists():  # shared/ sits beside the checkout in CI and on developer machines
            assert seed.read_bytes() == (ROOT / "sources" / d["file"]).read_bytes()


def test_a_changed_source_stops_the_build(project):
    from edition import edition as loader
    from edition.errors import EditionError
    import pytest
    path = project / "sources" / "2024-national.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("两票制", "三票制"), encoding="utf-8")
    with pytest.raises(EditionError) as exc:
        loader.load(project)
    assert "sources/2024-national.yml" in str(exc.value) and "SHA-256" in str(exc.value)


def test_a_record_named_differently_from_its_id_stops_the_build(project):
    from edition import edition as loader
    from edition.errors import EditionError
    import pytest
    (project / "sources" / "2024-national.yml").rename(project / "sources" / "2024-nat.yml")
    with pytest.raises(EditionError) as exc:
        loader.load(project)
    assert "sources/2024-nat.yml" in str(exc.value) and "differs from the file name" in str(exc.value)
