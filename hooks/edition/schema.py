"""JSON Schema validation of YAML files, reported with file, line and field."""
from __future__ import annotations

import difflib
import json
from functools import lru_cache
from pathlib import Path

import fastjsonschema

from .errors import EditionError, Problem
from .yamlio import line_of

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "annotations" / "schema"


@lru_cache(maxsize=None)
def _schema(name: str) -> dict:
    path = SCHEMA_DIR / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)
        raise EditionError(Problem(str(path), line, "(schema)", f"the schema file cannot be read: {exc}",
                                   "restore it from git (`git checkout -- annotations/schema`) or fix the JSON",
                                   column=column)) from None


@lru_cache(maxsize=None)
def _validator(name: str):
    import jsonschema  # only for input that fastjsonschema rejects (a tenth of a second to import)
    return jsonschema.Draft202012Validator(_schema(name))


@lru_cache(maxsize=None)
def _fast(name: str):
    """The same schema compiled to Python by fastjsonschema (draft 7: the schemas use nothing that
    differs from 2020-12), about twenty times faster on valid input. It only answers "valid";
    anything it rejects is checked again by jsonschema, whose errors carry the path reported."""
    schema = {k: v for k, v in _schema(name).items() if k != "$schema"}
    return fastjsonschema.compile(schema, use_default=False)  # never change the data it checks


def _field(path, data=None) -> str:
    """units.item-3.heading; a list entry is named by its own id, term or subject where it has one
    (terms["带量采购"], not terms[112]; notes["带金销售"])."""
    out, node = "", data
    for part in path:
        if isinstance(part, int):
            entry = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            # a glossary term by its Chinese (zh); a note by the words it is about, never by its
            # Chinese version (also `zh`, a whole paragraph)
            keys = ("id", "about", "from") + (("zh",) if isinstance(entry, dict) and "text" not in entry else ())
            name = next((entry[k] for k in keys if isinstance(entry, dict)
                         and isinstance(entry.get(k), (str, int))), None)
            out += f"[{part}]" if name is None else f"[{name!r}]".replace("'", '"')
        else:
            out += f".{part}" if out else str(part)
        node = node.get(part) if isinstance(node, dict) else (
            node[part] if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node) else None)
    return out or "(top level)"


def _nearest(name: str, allowed) -> str:
    match = difflib.get_close_matches(str(name), [str(a) for a in allowed], n=1, cutoff=0.6)
    return f"did you mean `{match[0]}`? " if match else ""


def _explain(error) -> tuple[str, str]:
    v = error.validator
    if v == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"missing required field {missing!r}", f"add `{missing}:`"
    if v == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed)) if isinstance(error.instance, dict) else []
        hints = "".join(_nearest(name, allowed) for name in extra)
        return error.message, (f"{hints}remove or rename the field; allowed here: {', '.join(allowed)}"
                               if allowed else "remove the field")
    if v == "propertyNames":
        return f"unknown id {error.instance!r}", "use an id such as item-3, part-2, preamble, notice-title or para-7"
    if v in ("type", "oneOf"):
        return f"wrong type: {error.message}", "check the value's type against the schema (text, list, number)"
    if v == "enum":
        return error.message, f"use one of {error.validator_value}"
    return error.message, "see annotations/schema for the expected format"


def validate(data, lines: dict, schema_name: str, file: str) -> None:
    try:
        _fast(schema_name)(data)
        return
    except fastjsonschema.JsonSchemaException:
        pass
    errors = sorted(_validator(schema_name).iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if not errors:
        return
    problems = []
    for e in errors:
        path = list(e.absolute_path)
        if e.validator == "propertyNames":
            path = path + [e.instance]
        elif e.validator == "additionalProperties" and isinstance(e.instance, dict):
            extra = [k for k in e.instance if k not in e.schema.get("properties", {})]
            if len(extra) == 1:  # the line of the unknown field itself, not of its parent
                path = path + extra
        message, fix = _explain(e)
        problems.append(Problem(file, line_of(lines, path), _field(path, data), message, fix))
    raise EditionError(problems)


def enum(schema_name: str, *path: str) -> list:
    """The allowed values of a property, as the schema lists them (the one place an enumeration such
    as the document kinds is defined): `enum("source.schema.json", "kind")`."""
    node = _schema(schema_name)
    for key in path:  # "[]": the items of an array
        node = node["items"] if key == "[]" else node["properties"][key]
    return list(node["enum"])
