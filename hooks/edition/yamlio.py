"""YAML loading that remembers the line of every value, for error messages.

`load(path)` returns (data, lines) where `lines` maps a path tuple such as
("units", "item-3", "heading") to the 1-based line where that value starts.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from .errors import EditionError, Problem


# libyaml's parser when PyYAML has it (about 10x faster than the pure-Python one), with the
# same Python constructor and resolver, so the data, lines and errors are the same.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):
    """Safe loader that keeps dates as text and rejects duplicate keys."""


# Dates stay strings (2025-05-13), as the schemas expect.
_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _reject_duplicates(loader: _Loader, node: yaml.MappingNode, deep: bool = False):
    seen: dict = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first at line {seen[key]})", key_node.start_mark
            )
        seen[key] = key_node.start_mark.line + 1
    return loader.construct_mapping(node, deep=deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _reject_duplicates)


def _walk(node, path: tuple, lines: dict) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            lines[path + (key,)] = key_node.start_mark.line + 1
            _walk(value_node, path + (key,), lines)
            lines[path + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            _walk(child, path + (index,), lines)


def load(path: Path, display: str | None = None):
    display = display or str(path)
    text = path.read_text(encoding="utf-8")
    loader = _Loader(text)
    try:  # parse once; the node tree gives both the data and the line of every value
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise EditionError(
            Problem(display, line, "(YAML)", f"not valid YAML: {problem}",
                    "check indentation, quoting and colons on that line")
        ) from None
    finally:
        loader.dispose()
    lines: dict = {}
    if node is not None:
        _walk(node, (), lines)
    return data, lines


def line_of(lines: dict, path) -> int | None:
    """Line of the nearest enclosing value that has one."""
    path = tuple(path)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())
