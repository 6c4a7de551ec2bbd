"""Interface wording: one data file per language, labels/<lang>.yml, with the same keys in each.

`labels()[lang]` is that file's mapping; `tests/test_wording.py` checks that both files have the same
keys and that every key is used by the code or the templates.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

LANGS = ("zh", "en")
LABELS = Path(__file__).parent / "labels"


@lru_cache(maxsize=1)
def labels() -> dict[str, dict]:
    """lang -> its wording (labels/zh.yml, labels/en.yml)."""
    return {lang: yaml.safe_load((LABELS / f"{lang}.yml").read_text(encoding="utf-8")) for lang in LANGS}
