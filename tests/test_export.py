"""`python -m edition export --out DIR` writes the open data without MkDocs, as the site does."""
import subprocess
import sys

from conftest import ENV, ROOT


def test_export_writes_the_same_files_as_the_site(site, tmp_path):
    result = subprocess.run([sys.executable, "-m", "edition", "--root", str(ROOT), "export", "--out", str(tmp_path)],
                            env=ENV, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    exported = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in (tmp_path / "data").rglob("*") if p.is_file()}
    published = {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "data").rglob("*") if p.is_file()}
    assert set(exported) == set(published) and len(exported) >= 4
    assert exported == published  # byte for byte: same export, same version and licence


def test_export_without_out_is_refused():
    result = subprocess.run([sys.executable, "-m", "edition", "export"], env=ENV, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2 and "--out" in result.stderr
