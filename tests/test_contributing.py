"""The worked examples of CONTRIBUTING.md work: applied as written to a project copy, they pass
`make check` and do what the guide says. Both language versions give the same examples."""
import re
import subprocess
import sys

from conftest import ENV, ROOT
from edition import edition as loader
from edition import term

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
GUIDE_ZH = (ROOT / "CONTRIBUTING.zh.md").read_text(encoding="utf-8")
ANN = "annotations/2025-national.yml"


def yaml_blocks(text: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", text, re.S)


def block_with(needle: str) -> str:
    return next(b for b in yaml_blocks(GUIDE) if needle in b)


def check(project):
    return subprocess.run([sys.executable, "-m", "edition", "--root", str(project), "check"], env=ENV,
                          capture_output=True, text=True, timeout=300)


def apply_worked_examples(project) -> None:
    """Apply the guide's worked examples to the project copy as a contributor would. A contributor
    may already have applied them to the checkout this copy comes from: an example already in place
    is left as it is, so that `make test` stays green for them."""
    ann = project / ANN
    text = ann.read_text(encoding="utf-8")
    # Fix a translation.
    old = '"Give full play to the advantages of penetrating audit supervision,'
    new = '"Make full use of the strengths of penetrating audit supervision,'
    assert old.strip('"') in GUIDE and (old in text or new in text)
    text = text.replace(old, new, 1)
    # Tag a theme: the line as the guide gives it.
    theme_line = next(l for l in block_with("long-term-mechanisms").splitlines() if "themes:" in l)
    text = text.replace("    themes: [supervision-methods, supply-chain, pharma-representatives, kickbacks]\n",
                        theme_line + "\n", 1)
    assert theme_line + "\n" in text
    # Add a note: the guide's new note, after item 6's existing notes (before item-7).
    note = block_with('about: "全场景采集应用"')
    new_note = note[note.index('      - about: "全场景采集应用"'):].split("\n")
    new_note = [re.sub(r"\s+# .*$", "", l) for l in new_note if l.strip()]
    if new_note[0] not in text:
        at = text.index("  item-7:\n")
        text = text[:at] + "\n".join(new_note) + "\n" + text[at:]
    ann.write_text(text, encoding="utf-8")
    # Add a glossary term: the guide's entry, appended to the glossary.
    entry = block_with('- zh: "开单提成"')
    glossary = project / "annotations" / "glossary.yml"
    if '- zh: "开单提成"' not in glossary.read_text(encoding="utf-8"):
        glossary.write_text(glossary.read_text(encoding="utf-8").rstrip("\n") + "\n" + entry, encoding="utf-8")


def test_the_worked_examples_pass_make_check(project):
    apply_worked_examples(project)

    result = check(project)
    assert result.returncode == 0, result.stdout + result.stderr

    ed = loader.load(project)
    item6 = ed.document("2025-national").translation("item-6")
    assert item6.en.startswith("Make full use of the strengths")
    assert "long-term-mechanisms" in item6.themes
    assert item6.notes[-1].about == "全场景采集应用" and item6.notes[-1].zh
    hits = term.concordance(ed.glossary, ed.documents)["开单提成"]
    assert ("2023-national", "item-9") in {(d.id, u.id) for d, u in hits}  # as the guide says


def test_the_pinyin_override_example_is_true():
    # The guide says pypinyin reads 行风 as xíng fēng and the glossary overrides it.
    assert term.generated_pinyin("行风") == "xíng fēng"
    assert 'pinyin: "háng fēng"' in GUIDE and 'pinyin: "háng fēng"' in (ROOT / "annotations/glossary.yml").read_text(encoding="utf-8")


def test_both_versions_give_the_same_examples_and_commands():
    assert yaml_blocks(GUIDE_ZH)
    en_blocks = [re.sub(r"#.*", "", b) for b in yaml_blocks(GUIDE)]
    zh_blocks = [re.sub(r"#.*", "", b) for b in yaml_blocks(GUIDE_ZH)]
    assert en_blocks == zh_blocks
    commands = lambda t: re.findall(r"^make [\w-]+.*?(?=\s+#|$)", t, re.M)  # noqa: E731
    assert commands(GUIDE) == commands(GUIDE_ZH)
    assert "CONTRIBUTING.zh.md" in GUIDE and "CONTRIBUTING.md" in GUIDE_ZH
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "CONTRIBUTING.md" in readme and "CONTRIBUTING.zh.md" in readme
