"""The raw sources are kept exactly as received, and the manifest describes them."""
import hashlib

import yaml

from conftest import ROOT


def test_every_source_matches_its_recorded_hash():
    manifest = yaml.safe_load((ROOT / "sources" / "manifest.yml").read_text(encoding="utf-8"))
    files = {p.name for p in (ROOT / "sources").glob("*.txt")}
    listed = {d["file"] for d in manifest["documents"]}
    assert files == listed, "every raw text in sources/ is in the manifest and vice versa"
    for d in manifest["documents"]:
        data = (ROOT / "sources" / d["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == d["sha256"], d["file"]


def test_sources_are_the_received_seeds_when_available():
    seeds = ROOT.parent / "shared" / "seeds"
    manifest = yaml.safe_load((ROOT / "sources" / "manifest.yml").read_text(encoding="utf-8"))
    for d in manifest["documents"]:
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
    assert "sources/manifest.yml" in str(exc.value) and "SHA-256" in str(exc.value)
