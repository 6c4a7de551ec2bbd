"""A build for publication refuses to run without the published address; a local build says so."""
from __future__ import annotations

import subprocess

import pytest
import yaml

from conftest import ENV, MKDOCS, ROOT
from edition import publishing


def test_a_publication_build_without_site_url_is_refused():
    for env in ({"EDITION_PUBLISH": "1"}, {"EDITION_PUBLISH": "true", "SITE_URL": "http://127.0.0.1:8000/"}):
        with pytest.raises(publishing.PublicationError, match="SITE_URL"):
            publishing.check(env, env.get("SITE_URL", "http://127.0.0.1:8000/"))


def test_a_publication_build_with_its_address_passes_and_a_local_build_says_so():
    env = {"EDITION_PUBLISH": "1", "SITE_URL": "https://owner.github.io/edition/"}
    assert publishing.check(env, env["SITE_URL"]) is None
    notice = publishing.check({}, "http://127.0.0.1:8000/")
    assert notice.startswith("local build") and "SITE_URL" in notice and "EDITION_PUBLISH" in notice
    assert not publishing.is_publication({"EDITION_PUBLISH": "0"})


def test_mkdocs_build_marked_for_publication_stops_before_writing_anything(tmp_path):
    env = {k: v for k, v in ENV.items() if k != "SITE_URL"} | {"EDITION_PUBLISH": "1"}
    site = tmp_path / "site"
    result = subprocess.run([*MKDOCS, "build", "--strict", "--site-dir", str(site)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    out = result.stdout + result.stderr
    assert result.returncode != 0 and "SITE_URL is unset" in out, out[-2000:]
    assert not site.exists()


def test_the_pages_workflow_marks_its_build_for_publication_with_its_address():
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    [step] = [s for s in flow["jobs"]["build"]["steps"] if "make build" in s.get("run", "")]
    assert publishing.is_publication(step["env"]) and step["env"]["SITE_URL"].startswith("${{")
    ci = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    assert "EDITION_PUBLISH" not in str(ci)  # CI's build is a local one (its artifact is for review)


def test_the_hook_says_a_build_is_local_and_aborts_a_publication_build(monkeypatch, caplog):
    import logging
    from types import SimpleNamespace

    import mkdocs_hooks
    from mkdocs.exceptions import Abort
    config = SimpleNamespace(site_url="http://127.0.0.1:8000/", plugins={}, theme={"language": "zh"},
                             config_file_path=str(ROOT / "mkdocs.yml"))
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.delenv("EDITION_PUBLISH", raising=False)
    with caplog.at_level(logging.INFO, logger="mkdocs.hooks.edition"):
        assert mkdocs_hooks.on_config(config) is config
    assert any(r.getMessage().startswith("local build") for r in caplog.records)
    monkeypatch.setenv("EDITION_PUBLISH", "1")
    with pytest.raises(Abort, match="SITE_URL"):
        mkdocs_hooks.on_config(config)
