"""The fast validator (fastjsonschema) may only say "valid" where jsonschema agrees.

schema.validate trusts fastjsonschema's "valid" and asks jsonschema only when it rejects, so a
document the fast validator wrongly accepts would be published unchecked. Every real input file is
mutated in the ways contributors break them (a field dropped, a wrong type, an unknown field, a
value outside its list) and both validators must give the same verdict on every mutant.
"""
import copy
from pathlib import Path

import pytest

from edition import schema, yamlio

ROOT = Path(__file__).resolve().parents[1]
FILES = {
    "source.schema.json": sorted((ROOT / "sources").glob("*.yml")),
    "document.schema.json": sorted((ROOT / "annotations").glob("20*.yml")),
    "glossary.schema.json": [ROOT / "annotations" / "glossary.yml"],
    "themes.schema.json": [ROOT / "annotations" / "themes.yml"],
    "pair.schema.json": sorted((ROOT / "annotations" / "pairs").glob("*.yml")),
}
WRONG = [None, 7, "text", [], {}, True, 1.5, [{"x": 1}]]


def _mutants(data, depth=0):
    """(description, mutated copy) for each node down to a few levels."""
    if isinstance(data, dict):
        yield "unknown field", {**data, "no_such_field": 1}
        for key in list(data)[:12]:
            dropped = {k: v for k, v in data.items() if k != key}
            yield f"drop {key}", dropped
            for wrong in WRONG:
                yield f"{key} = {wrong!r}", {**data, key: wrong}
            if depth < 3:
                for what, sub in _mutants(data[key], depth + 1):
                    yield f"{key} > {what}", {**data, key: sub}
    elif isinstance(data, list) and data:
        for wrong in WRONG:
            yield f"[0] = {wrong!r}", [wrong, *data[1:]]
        if depth < 3:
            for what, sub in _mutants(data[0], depth + 1):
                yield f"[0] > {what}", [sub, *data[1:]]


def _jsonschema_valid(name, data) -> bool:
    return not any(True for _ in schema._validator(name).iter_errors(data))


def _fast_valid(name, data) -> bool:
    try:
        schema._fast(name)(copy.deepcopy(data))  # fastjsonschema fills defaults in place
        return True
    except schema.fastjsonschema.JsonSchemaException:
        return False


@pytest.mark.parametrize("name", FILES)
def test_fast_validator_agrees_with_jsonschema(name):
    checked = 0
    for path in FILES[name]:
        data, _ = yamlio.load(path)
        assert _fast_valid(name, data) and _jsonschema_valid(name, data), path
        for what, mutant in _mutants(data):
            assert _fast_valid(name, mutant) == _jsonschema_valid(name, mutant), f"{path.name}: {what}"
            checked += 1
    assert checked > 50
