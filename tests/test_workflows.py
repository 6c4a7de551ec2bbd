"""GitHub workflows, issue forms and citation metadata: valid YAML, pinned actions, the official
Pages actions, form field ids the site's links prefill, a complete CITATION.cff."""
import datetime
import re

import pytest
import yaml

from conftest import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
PINNED = re.compile(r"^(?P<action>[\w.-]+/[\w./-]+)@(?P<sha>[0-9a-f]{40})$")


def load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    # YAML 1.1 reads the key `on` as the boolean True.
    return workflow.get("on", workflow.get(True))


def steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def test_workflows_exist_and_parse():
    assert {p.name for p in WORKFLOWS} >= {"ci.yml", "pages.yml"}
    for path in WORKFLOWS:
        data = load(path)
        assert isinstance(data, dict) and data["jobs"] and triggers(data), path.name


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_sha_with_its_version(path):
    uses = [s["uses"] for s in steps(load(path)) if "uses" in s]
    assert uses
    for u in uses:
        assert PINNED.match(u), f"{path.name}: {u} is not pinned to a full commit SHA"
    text = path.read_text(encoding="utf-8")
    for line in text.splitlines():
        if "uses:" in line:
            assert re.search(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), f"{path.name}: version comment missing: {line}"


def test_one_action_one_sha_across_workflows():
    seen: dict[str, str] = {}
    for path in WORKFLOWS:
        for s in steps(load(path)):
            if "uses" in s:
                m = PINNED.match(s["uses"])
                assert seen.setdefault(m["action"], m["sha"]) == m["sha"], s["uses"]


def test_pull_requests_run_check_tests_and_build_and_keep_the_site():
    ci = load(GITHUB / "workflows" / "ci.yml")
    assert "pull_request" in triggers(ci)
    runs = [s.get("run", "") for s in steps(ci)]
    order = [next(i for i, r in enumerate(runs) if r.strip() == cmd) for cmd in ("make check", "make test", "make build")]
    assert order == sorted(order)
    upload = next(s for s in steps(ci) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"].rstrip("/") == "site"
    assert ci["permissions"] == {"contents": "read"}


def test_main_is_deployed_with_the_official_pages_actions():
    pages = load(GITHUB / "workflows" / "pages.yml")
    assert triggers(pages)["push"]["branches"] == ["main"]
    actions = [s["uses"].split("@")[0] for s in steps(pages) if "uses" in s]
    for official in ("actions/checkout", "actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert official in actions, official
    deploy = pages["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert pages["permissions"] == {"contents": "read"}
    assert pages["concurrency"]["group"] == "pages"
    build = pages["jobs"]["build"]["steps"]
    make_build = next(s for s in build if s.get("run") == "make build")
    assert "steps.pages.outputs.base_url" in make_build["env"]["SITE_URL"]
    assert {"REPO_URL", "EDIT_URI"} <= set(make_build["env"])
    configure = next(i for i, s in enumerate(build) if s.get("uses", "").startswith("actions/configure-pages@"))
    assert build[configure]["id"] == "pages" and configure < build.index(make_build)
    upload = next(s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"].rstrip("/") == "site"
    assert any(s.get("run") == "make check" for s in build)


def test_mkdocs_reads_the_variables_the_pages_workflow_sets():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for var in ("SITE_URL", "REPO_URL", "EDIT_URI"):
        assert re.search(rf"^\w+: !ENV \[{var}, ", text, re.M), var


FORMS = {"translation-error.yml", "source-error.yml", "new-document.yml"}


def test_issue_forms_are_valid_and_prefillable():
    folder = GITHUB / "ISSUE_TEMPLATE"
    assert {p.name for p in folder.glob("*.yml")} == FORMS | {"config.yml"}
    assert isinstance(load(folder / "config.yml")["blank_issues_enabled"], bool)
    for name in FORMS:
        form = load(folder / name)
        assert form["name"] and form["description"] and form["body"], name
        ids = [f["id"] for f in form["body"] if f["type"] != "markdown"]
        assert len(ids) == len(set(ids)), name
        for field in form["body"]:
            assert field["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}, name
            if field["type"] != "markdown":
                assert re.fullmatch(r"[a-z][a-z0-9_-]*", field["id"]) and field["attributes"]["label"], name
        assert "document" in ids, name
    for name in ("translation-error.yml", "source-error.yml"):
        ids = [f.get("id") for f in load(folder / name)["body"]]
        # The site's "suggest a correction" link fills these in by URL query parameters.
        assert {"document", "item", "current", "proposed", "reason"} <= set(ids), name
    assert (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8").count("- [ ]") >= 4


def test_citation_cff():
    cff = load(ROOT / "CITATION.cff")
    assert cff["cff-version"] == "1.2.0"
    for key in ("message", "title", "authors", "type", "repository-code", "date-released", "keywords", "abstract"):
        assert cff.get(key), key
    assert cff["type"] == "dataset"
    assert all("name" in a for a in cff["authors"])  # entities
    datetime.date.fromisoformat(str(cff["date-released"]))
    repo_url = re.search(r'^repo_url: !ENV \[REPO_URL, "([^"]+)"\]', (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert cff["repository-code"] == repo_url.group(1)
    assert "public government documents" in cff["abstract"]
    refs = cff["references"]
    manifest = {p.stem: load(p) for p in (ROOT / "sources").glob("*.yml")}
    assert len(refs) >= 5
    for ref in refs:  # each names a document of the edition (sources/<id>.yml) by its id, with its title
        doc = manifest[re.search(r"Edition id: ([\w-]+)\.", ref["notes"]).group(1)]
        assert ref["title"] == doc["title"]["zh"] and ref["year"] == doc["year"] and ref["authors"]
