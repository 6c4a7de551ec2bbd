"""Themes: recurring concerns of the campaign, tagged on every item in the annotation files."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import yamlio
from .errors import EditionError, Problem
from .schema import validate


@dataclass
class Theme:
    id: str
    names: dict
    descriptions: dict


class Themes:
    def __init__(self, themes: list[Theme]):
        self.themes = themes
        self.by_id = {t.id: t for t in themes}

    def get(self, theme_id: str) -> Theme | None:
        return self.by_id.get(theme_id)

    def name(self, theme_id: str, lang: str) -> str:
        return self.by_id[theme_id].names[lang]


def load(root: Path) -> Themes:
    display = "annotations/themes.yml"
    data, lines = yamlio.load(root / "annotations" / "themes.yml", display)
    validate(data, lines, "themes.schema.json", display)
    themes, seen = [], set()
    for i, t in enumerate(data["themes"]):
        if t["id"] in seen:
            raise EditionError(Problem(display, yamlio.line_of(lines, ["themes", i, "id"]), f"themes[{i}].id",
                                       f"duplicate theme id {t['id']!r}", "give each theme its own id"))
        seen.add(t["id"])
        themes.append(Theme(t["id"], {l: t[l]["name"] for l in ("zh", "en")},
                            {l: t[l]["description"] for l in ("zh", "en")}))
    return Themes(themes)


def check_tags(themes: Themes, documents) -> tuple[list[Problem], list[str]]:
    """Unknown theme ids are problems (the build stops); translated items without a theme are
    warnings. Themes are tagged with the translation, so a new document whose items are not yet
    translated still builds (its items show as untranslated)."""
    problems, warnings = [], []
    for d in documents:
        ann = d.annotation
        for unit_id, t in ann.translations.items():
            for i, theme_id in enumerate(t.themes):
                if themes.get(theme_id) is None:
                    problems.append(Problem(ann.display, yamlio.line_of(ann.lines, ["units", unit_id, "themes", i]),
                                            f"units.{unit_id}.themes[{i}]", f"unknown theme {theme_id!r}",
                                            "use an id from annotations/themes.yml or add the theme there"))
        untagged = [u.id for u in d.doc.items if d.translation(u.id) and not d.translation(u.id).themes]
        if untagged:
            warnings.append(f"{ann.display}: item(s) with no theme: {', '.join(untagged)} — add `themes:` to each")
    return problems, warnings
