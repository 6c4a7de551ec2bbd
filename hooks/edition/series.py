"""The series: kinds of document, China's provincial-level regions, and each document's labels.

Everything a page, the navigation or a data file says about *which* document it shows (its kind,
region, short label, navigation title) comes from the document's record (sources/<id>.yml), the
reference tables (data/kinds.yml, annotations/regions.yml) and the label patterns in labels/<lang>.yml: no place
name or document id is written in code or templates.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .wording import labels

DATA = Path(__file__).parent / "data"
# The table of regions is reference data an editor may correct (names, romanisation), kept with the
# other edited tables in annotations/; the kinds of document belong to the code (data/kinds.yml).
REGIONS = Path(__file__).resolve().parents[2] / "annotations" / "regions.yml"


@dataclass(frozen=True)
class Region:
    """One provincial-level division (annotations/regions.yml): `code` (ISO 3166-2:CN), names, number prefixes."""

    code: str
    zh: str
    zh_short: str
    en: str
    en_full: str
    type: str
    prefix: tuple[str, ...]


@lru_cache(maxsize=1)
def regions() -> dict[str, Region]:
    """code -> Region, in the table's order. Source: annotations/regions.yml (ISO 3166-2:CN)."""
    data = yaml.safe_load(REGIONS.read_text(encoding="utf-8"))
    return {r["code"]: Region(**{**r, "prefix": tuple(r["prefix"])}) for r in data["regions"]}


@lru_cache(maxsize=1)
def _kinds() -> dict:
    return yaml.safe_load((DATA / "kinds.yml").read_text(encoding="utf-8"))


def kinds() -> dict[str, dict]:
    """kind -> {group, region?, locality?}, in the series' order (data/kinds.yml)."""
    return _kinds()["kinds"]


def groups() -> list[str]:
    """The listing groups under each year, in order: national, local, other."""
    return list(_kinds()["groups"])


def group(meta: dict) -> str:
    """The listing group of a document (its record's `kind`): national, local or other."""
    return kinds()[meta["kind"]]["group"]


def region(meta: dict) -> Region | None:
    """The document's provincial-level region, if its record names one."""
    return regions().get(meta.get("region") or "")


def place(meta: dict, lang: str) -> str:
    """Where the document was issued, for its page: the region's full name (and the city's), or ""."""
    r = region(meta)
    if r is None:
        return ""
    city = (meta.get("locality") or {}).get(lang)
    if lang == "zh":
        return r.zh + (city or "")
    return f"{city}, {r.en_full}" if city else r.en_full


def _fields(meta: dict, lang: str) -> dict:
    r = region(meta)
    locality = meta.get("locality") or {}
    return {
        "year": meta["year"],
        "region": (r.zh_short if lang == "zh" else r.en) if r else "",
        "region_full": (r.zh if lang == "zh" else r.en_full) if r else "",
        "locality": locality.get(lang, ""),
    }


def short_label(meta: dict, lang: str) -> str:
    """A document's short label (year and level or region: 2025全国, 2025 national) from the pattern of its kind in
    labels/<lang>.yml (`short_labels`), filled from its record."""
    return labels()[lang]["short_labels"][meta["kind"]].format(**_fields(meta, lang))


def nav_title(meta: dict, lang: str) -> str:
    """A document's title in the navigation (2025年全国工作要点, 2025 national Key Points)."""
    return labels()[lang]["nav_titles"][meta["kind"]].format(**_fields(meta, lang))


def detect_region(number: str | None, issuer: str | None) -> Region | None:
    """The region a raw text comes from, read off its document number (its first character, the
    region's abbreviation in annotations/regions.yml) or, failing that, the start of its issuer's name (the
    region's full or short name); None if neither names one (a national text: 国卫…)."""
    for r in regions().values():
        if number and number[0] in r.prefix:
            return r
    for r in regions().values():
        if issuer and (issuer.startswith(r.zh) or issuer.startswith(r.zh_short)):
            return r
    return None
