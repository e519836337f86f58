"""YAML text in, PyYAML's node graph out, with every position an editor shows.

The files are composed into PyYAML's node graph instead of loaded into
Python objects: nodes keep their positions, duplicate keys can be refused
(``safe_load`` silently keeps the last one), and a scalar that YAML 1.1 read
as a boolean, number, date or null where text was expected can be named as
such. libyaml composes where it can; the pure-Python loader reads again any
text libyaml does not take, and words its error with a line and a column.
"""

from __future__ import annotations

import bisect
import dataclasses
import json
import re

import yaml
from yaml.composer import Composer
from yaml.resolver import Resolver

from .collector import collector_paused
from .errors import TreeError, TreeErrors
from .model import Position

STR = "tag:yaml.org,2002:str"
MERGE = "tag:yaml.org,2002:merge"
MAX_NESTING = 100
"""Deeper YAML is refused before PyYAML's recursive composer overflows the stack."""

_SURPRISES = {
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:null": "null (no value)",
    "tag:yaml.org,2002:timestamp": "a date",
}
"""What YAML 1.1 reads some plain scalars as, where text may have been meant."""

YAML_ONLY_BREAKS = ("\x85", "\u2028", "\u2029")
"""NEL, LS and PS: line breaks to PyYAML (YAML 1.1), not to editors and code hosts."""

_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_EDITOR_BREAK = re.compile("\r\n|[\r\n]")
_KEY_AND_TEXT = re.compile(r"^(\s*(?:- )?[\w.-]+):\s+(.+?)\s*$")


# -- nodes ------------------------------------------------------------------------


def position(node: yaml.Node) -> Position:
    """Where a node starts, 1-based."""
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return "a single value"


def describe(value: yaml.Node) -> str:
    """What a node is, for a message: "a mapping", "a boolean", "null (no value)"."""
    if isinstance(value, yaml.ScalarNode) and value.tag in _SURPRISES:
        return _SURPRISES[value.tag]
    return kind(value)


def read_as(node: yaml.ScalarNode) -> str:
    """What YAML 1.1 made of a plain scalar: "the boolean false", "the number 750"."""
    try:
        value = yaml.SafeLoader(node.value).get_single_data() if node.value else None
    except yaml.YAMLError:
        value = None
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if value is None:
        return "null (no value)"
    if hasattr(value, "isoformat"):
        return f"the date {value.isoformat()}"
    return f"the type {node.tag.rsplit(':', 1)[-1]}"


def key_problem(key: yaml.Node, seen: dict[str, yaml.Node]) -> str | None:
    """What is wrong with a mapping key (a merge key, a key that is not text, a duplicate), or `None`.

    `seen` holds the keys before it in the same mapping.
    """
    if key.tag == MERGE:
        return "merge keys (<<) are not supported; write the fields out"
    if not isinstance(key, yaml.ScalarNode) or key.tag != STR:
        shown = key.value if isinstance(key, yaml.ScalarNode) else kind(key)
        return f"a key must be text, but {shown!s} is {describe(key)}"
    if key.value in seen:
        return f"duplicate key '{key.value}' (first defined at line {position(seen[key.value]).line})"
    return None


# -- text ---------------------------------------------------------------------------


def decode(data: bytes, path: str) -> str:
    """The file's text; raises `TreeErrors` where it is not UTF-8."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise TreeErrors(
            [
                TreeError(
                    path, line, column, f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8"
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")


def source_text(data: bytes | str, path: str) -> str:
    """The text of a file's content, given as bytes or as text; without a byte order mark."""
    return decode(data, path) if isinstance(data, bytes) else data.removeprefix("\ufeff")


def yaml_position(text: str, index: int) -> tuple[int, int]:
    """Line and column (1-based) of `text[index]`, counted as PyYAML counts them."""
    starts = [0] + [m.end() for m in _YAML_BREAK.finditer(text, 0, index)]
    return len(starts), index - starts[-1] + 1


def editor_positions(text: str, errors: list[TreeError]) -> list[TreeError]:
    """The errors with lines and columns counted as editors count them (LF, CR LF, CR).

    Returns `errors` itself where the text has no line break only YAML counts.
    """
    if not any(c in text for c in YAML_ONLY_BREAKS):
        return errors
    yaml_starts = [0] + [m.end() for m in _YAML_BREAK.finditer(text)]
    editor_starts = [0] + [m.end() for m in _EDITOR_BREAK.finditer(text)]
    fixed = []
    for error in errors:
        if not 1 <= error.line <= len(yaml_starts):
            fixed.append(error)
            continue
        index = yaml_starts[error.line - 1] + error.column - 1
        line = bisect.bisect_right(editor_starts, index)
        fixed.append(dataclasses.replace(error, line=line, column=index - editor_starts[line - 1] + 1))
    return fixed


# -- composing ----------------------------------------------------------------------


if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _LibyamlComposer(Composer, CParser, Resolver):
        """libyaml's parser (in C) reads the events; PyYAML's own composer and resolver make the nodes.

        The nodes, their tags and their line and column marks are those of
        the pure-Python loader; composing stays Python (so nesting too deep
        is a `RecursionError`, not a crash in C), but scanning and parsing,
        most of the time, run in C.
        """

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            Resolver.__init__(self)


def compose_fast(text: str) -> yaml.Node | None:
    """The document composed through libyaml, or `None` where that is not possible.

    `None` when PyYAML has no libyaml, and for any text libyaml does not
    take as one document: the pure-Python path then reads it again and
    words the error. Garbage collection waits while the node graph is made,
    a graph that holds no cycles of its own making.
    """
    if not yaml.__with_libyaml__:
        return None
    try:
        with collector_paused():
            composer = _LibyamlComposer(text)
            try:
                return composer.get_single_node()
            finally:
                composer.dispose()
    except Exception:  # every failure is read again by the pure-Python path, which words it
        return None


def compose(text: str, path: str, *, empty: str, fast: bool = True) -> yaml.Node:
    """The YAML document as PyYAML's node graph, positions kept; `empty` says what an empty file lacks.

    With `fast`, libyaml parses where it can (`compose_fast`); otherwise,
    and for any text it does not take, the pure-Python loader does.
    Raises `TreeErrors` with one located error when the text is no single YAML document.
    """
    if not [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]:
        raise TreeErrors([TreeError(path, 1, 1, empty)])
    composed = compose_fast(text) if fast else None
    if composed is not None:
        return composed
    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as exc:  # the reader checks every character first
        line, column = yaml_position(text, exc.position)
        raise TreeErrors(
            [TreeError(path, line, column, f"the character U+{exc.character:04X} is not allowed in YAML; remove it")]
        ) from None
    try:
        root = loader.get_single_node()
    except (RecursionError, ValueError, OverflowError, yaml.YAMLError) as exc:
        raise TreeErrors([_composing_error(exc, loader, text, path)]) from None
    finally:
        loader.dispose()
    if root is None:
        raise TreeErrors([TreeError(path, 1, 1, empty)])
    return root


def compose_quietly(data: bytes | str) -> yaml.Node | None:
    """The document's node graph, or `None` for a file that does not load (its errors are the loader's)."""
    text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    text = text.removeprefix("\ufeff")
    root = compose_fast(text)
    if root is not None:
        return root
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError):
        return None


def _composing_error(exc: Exception, loader: yaml.SafeLoader, text: str, path: str) -> TreeError:
    """The one located error for a text the pure-Python loader could not compose."""
    if isinstance(exc, RecursionError):  # PyYAML composes nested collections recursively
        return _too_deep(text, path)
    if isinstance(exc, ValueError | OverflowError):  # PyYAML's scanner calls chr() on a "\U" escape unchecked
        at = loader.get_mark()
        return TreeError(
            path,
            at.line + 1,
            max(1, at.column - 1),  # the scanner stands after the `\U`
            "YAML syntax error: an escape names a character beyond U+10FFFF, the last in Unicode",
        )
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if "expected a single document" in str(exc.context or "") + problem:
            problem = "the file holds more than one YAML document (---); a tree file holds one"
        elif mark is not None:
            problem += _colon_hint(text, mark.line, problem, str(exc.context or ""))
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return TreeError(path, line, column, f"YAML syntax error: {problem}")
    return TreeError(path, 1, 1, f"YAML error: {exc}")  # reader errors without a mark


def _too_deep(text: str, path: str) -> TreeError:
    """Where the YAML first nests deeper than `MAX_NESTING` (found without recursion)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_NESTING and event.start_mark is not None:
                    mark = event.start_mark
                    return TreeError(
                        path,
                        mark.line + 1,
                        mark.column + 1,
                        f"the YAML nests deeper than {MAX_NESTING} levels; a tree needs no more than six",
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass
    return TreeError(path, 1, 1, f"the YAML nests deeper than {MAX_NESTING} levels; a tree needs no more than six")


def _colon_hint(text: str, line: int, problem: str, context: str) -> str:
    """How to write a text with a colon in it, when a colon is what YAML stumbled on."""
    if problem == "mapping values are not allowed here":
        lines = text.splitlines()
        match = _KEY_AND_TEXT.match(lines[line]) if line < len(lines) else None
        if match and not match.group(2).startswith(("'", '"', "{", "[")):
            quoted = json.dumps(match.group(2), ensure_ascii=False)
            return f"; a text with ': ' in it must be in quotes: {match.group(1).strip()}: {quoted}"
        return "; if a text has ': ' in it, put the whole text in quotes"
    if "flow mapping" in context:
        return (
            "; inside {...} put every text in quotes, above all one with a colon, comma or question mark in it: "
            '{en: "...", nl: "..."}'
        )
    return ""
