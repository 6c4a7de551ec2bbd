"""YAML loading that remembers the line of every value, for error messages.

`load(path)` returns (data, lines) where `lines` maps a path tuple such as
("units", "item-3", "heading") to the 1-based line where that value starts.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from . import characters
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


# Limits checked on the event stream before anything is built: a 565-byte "billion laughs" file
# (aliases of aliases) would otherwise exhaust memory, and 3,000 levels of nesting the stack. The
# edition's own files use no aliases and nest fewer than 10 levels.
MAX_ALIASES = 100
MAX_DEPTH = 50
MAX_EXPANDED = 1_000_000  # values, aliases expanded


def _check_shape(text: str, display: str) -> None:
    """Raise EditionError if the YAML `text` nests deeper than MAX_DEPTH or uses more than
    MAX_ALIASES aliases (YAML syntax errors are left to the loader, which reports them)."""
    if "*" not in text and text.count("[") + text.count("{") < MAX_DEPTH and len(text) < 20_000_000:
        # no alias; block nesting shows as indentation, cheaper to bound than to parse twice
        widest = max((len(line) - len(line.lstrip(" -")) for line in text.split("\n")), default=0)
        if widest < MAX_DEPTH:
            return
    loader = _Loader(text)
    sizes: dict[str, int] = {}  # anchor -> number of nodes it stands for, aliases expanded
    frames: list[list] = [[None, 0]]  # open collections: [anchor, nodes so far]
    aliases = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            mark = event.start_mark
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                frames.append([event.anchor, 1])
                if len(frames) - 1 > MAX_DEPTH:
                    raise EditionError(Problem(
                        display, mark.line + 1, "(YAML)",
                        f"nested more than {MAX_DEPTH} levels deep (column {mark.column + 1})",
                        "flatten the structure; annotation files need only a few levels"))
                continue
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                anchor, size = frames.pop()
            elif isinstance(event, yaml.ScalarEvent):
                anchor, size = event.anchor, 1
            elif isinstance(event, yaml.AliasEvent):
                aliases += 1
                anchor, size = None, sizes.get(event.anchor, 1)
            else:
                continue
            if anchor:
                sizes[anchor] = size
            frames[-1][1] += size
            if aliases > MAX_ALIASES or frames[-1][1] > MAX_EXPANDED:
                raise EditionError(Problem(
                    display, mark.line + 1, "(YAML)",
                    f"aliases (*name) expand to more than {MAX_EXPANDED:,} values (column {mark.column + 1}): "
                    "a file that grows when read (\"billion laughs\")" if aliases <= MAX_ALIASES else
                    f"more than {MAX_ALIASES} aliases (*name; column {mark.column + 1})",
                    "write the values out instead of repeating anchors (&name / *name)"))
    except yaml.YAMLError:
        return  # the loader reports it, with its line and cause
    finally:
        loader.dispose()


def _syntax_problem(exc: yaml.YAMLError, display: str) -> Problem:
    """A YAML syntax error as a Problem at the line and column where the fault is, with its cause in
    words: an unclosed quote or bracket is reported where it was opened (the parser notices it
    only at the end of the file or at a later line)."""
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None) or ""
    mark = getattr(exc, "problem_mark", None)
    opened = getattr(exc, "context_mark", None)
    if "tab" in problem:
        cause, fix = "a tab character in the indentation", "indent with spaces only"
    elif "quoted scalar" in context and opened is not None:
        mark = opened
        cause = "a quoted value opened here is never closed"
        fix = 'close the quote on this line (inside "…" write \\" for a quotation mark)'
    elif "flow" in context and opened is not None and (mark is None or mark.line > opened.line):
        mark = opened
        cause = "a [ or { opened here is never closed"
        fix = "close it with ] or } on this line, or write the list as lines starting with '- '"
    elif "mapping values are not allowed" in problem:
        cause = "a colon followed by a space inside an unquoted value, or a key indented under a value"
        fix = 'quote the value ("…"), or align the key with the keys above it'
    elif "expected key" in problem or "expected <block end>" in problem:
        cause = "this line's indentation does not match the lines above it"
        fix = "indent it exactly as far as the other keys of the same level (spaces only)"
    elif "expected '-' indicator" in problem:
        cause = "a key among list items at the same indentation"
        fix = "indent the key under its list item, or start it with '- '"
    elif "duplicate key" in problem:
        cause, fix = problem, "remove or rename one of the two keys"
    else:
        cause, fix = problem, "check indentation, quoting and colons at that place"
    mark = mark or opened
    return Problem(display, mark.line + 1 if mark else None, "(YAML)", f"not valid YAML: {cause}", fix,
                   column=mark.column + 1 if mark else None)


def load(path: Path, display: str | None = None):
    """Parse the YAML file `path`; returns (data, lines) as the module docstring says.
    `display` is the name used in messages (default: the path). Raises EditionError naming the
    file, line and column for text that is not UTF-8, not valid YAML, nested too deep or too full
    of aliases."""
    display = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raw = path.read_bytes()
        line = raw[:exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise EditionError(Problem(display, line, "(encoding)", f"byte 0x{raw[exc.start]:02x} is not UTF-8",
                                   "save the file as UTF-8 (without a byte-order mark)", column=column)) from None
    _check_shape(text, display)
    loader = _Loader(text)
    try:  # parse once; the node tree gives both the data and the line of every value
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        raise EditionError(_syntax_problem(exc, display)) from None
    finally:
        loader.dispose()
    lines: dict = {}
    if node is not None:
        _walk(node, (), lines)
    _check_characters(data, lines, display)
    return data, lines


def _check_characters(data, lines: dict, display: str) -> None:
    """Refuse every string value (and key) holding a character of characters.FORBIDDEN, at its line."""
    problems, stack = [], [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            stack += [(path + (k,), v) for k, v in value.items()]
            keys = [k for k in value if isinstance(k, str)]
            stack += [(path + (k,), k) for k in keys if characters.FORBIDDEN.search(k)]
        elif isinstance(value, list):
            stack += [(path + (i,), v) for i, v in enumerate(value)]
        elif isinstance(value, str) and characters.FORBIDDEN.search(value):
            for _, _, ch in characters.find(value)[:1]:
                field = ".".join(str(p) for p in path) or "(top level)"
                problems.append(Problem(display, line_of(lines, path), field,
                                        f"contains {characters.describe(ch)}", characters.FIX))
    if problems:
        raise EditionError(sorted(problems, key=lambda p: p.line or 0))


def line_of(lines: dict, path) -> int | None:
    """Line of the nearest enclosing value that has one."""
    path = tuple(path)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())
