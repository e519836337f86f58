"""YAML in, validated model out, or every problem the file has.

The loader composes the YAML into PyYAML's node graph instead of loading it
into Python objects: nodes keep their positions, duplicate keys can be
refused (``safe_load`` silently keeps the last one), and a scalar that YAML
1.1 read as a boolean, number, date or null where text was expected can be
named as such.
"""

from __future__ import annotations

import bisect
import dataclasses
import difflib
import gc
import json
import re
from collections.abc import Iterator
from pathlib import Path

import yaml
from yaml.composer import Composer
from yaml.resolver import Resolver

from .errors import TreeError, TreeErrors
from .graph import analyse, graph_errors
from .model import Answer, Node, Outcome, Position, Question, Tree

TREE_SUFFIX = ".tree.yml"
ID_RE = re.compile(r"^[a-z][a-z0-9-]*$")
LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
RESERVED_IDS = {"index"}
"""`index` is the tree's start page."""
MAX_NESTING = 100
"""Deeper YAML is refused before PyYAML's recursive composer overflows the stack."""

TOP_FIELDS = ("title", "intro", "start", "nodes")
QUESTION_FIELDS = ("question", "help", "answers")
OUTCOME_FIELDS = ("outcome", "summary", "body")
ANSWER_FIELDS = ("label", "next", "why")
TEXT_FIELDS = ("title", "intro", "question", "help", "label", "why", "outcome", "summary", "body")
MARKDOWN_FIELDS = {"intro", "help", "body"}
"""Trusted Markdown; every other text field is plain text, its white space folded."""

_STR = "tag:yaml.org,2002:str"
_SURPRISES = {
    "tag:yaml.org,2002:bool": "the boolean",
    "tag:yaml.org,2002:int": "the number",
    "tag:yaml.org,2002:float": "the number",
    "tag:yaml.org,2002:null": "null (no value)",
    "tag:yaml.org,2002:timestamp": "a date",
}


def tree_slug(path: str | Path) -> str:
    """The tree's name, from its file name: `vendor.tree.yml` → `vendor`."""
    name = Path(path).name
    return name[: -len(TREE_SUFFIX)] if name.endswith(TREE_SUFFIX) else Path(path).stem


def position(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return "a single value"


def _read_as(node: yaml.ScalarNode) -> str:
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


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _comma_cuts(mapping: yaml.MappingNode, pairs: list[tuple[yaml.ScalarNode, yaml.Node]]) -> dict[int, str]:
    """Texts in `{en: Yes, we do, nl: ...}` that a comma cut short, by pair index.

    YAML reads that as `en: Yes` and a key `we do` without a value. The
    language's pair maps to the whole text as written ("Yes, we do"); the
    pieces after it map to '' (nothing more to say about them).
    """
    cuts: dict[int, str] = {}
    if not mapping.flow_style:
        return cuts
    for index, (key, item) in enumerate(pairs):
        if index in cuts or not LANG_RE.match(key.value) or not isinstance(item, yaml.ScalarNode):
            continue
        parts = [item.value]
        after = index + 1
        while after < len(pairs):
            piece, empty = pairs[after]
            if LANG_RE.match(piece.value) or not (isinstance(empty, yaml.ScalarNode) and empty.value == ""):
                break
            parts.append(piece.value)
            after += 1
        if len(parts) > 1:
            cuts[index] = ", ".join(parts)
            cuts.update(dict.fromkeys(range(index + 1, after), ""))
    return cuts


class Reader:
    """Walks the composed YAML, collecting errors instead of stopping at the first."""

    def __init__(self, path: str, lang: str) -> None:
        self.path = path
        self.lang = lang
        self.errors: list[TreeError] = []
        self.excused: set[tuple[int, str]] = set()
        """(mapping, field) pairs whose absence is already explained by another error."""
        self.misplaced: set[tuple[str | None, str]] = set()
        """(node, language) pairs whose text stands one level too high: a missing text there is no news."""

    def error(
        self, at: yaml.Node | Position, message: str, *, node: str | None = None, field: str | None = None
    ) -> None:
        pos = at if isinstance(at, Position) else position(at)
        self.errors.append(TreeError(self.path, pos.line, pos.column, message, node=node, field=field))

    # -- mappings -----------------------------------------------------------------

    def fields(
        self,
        mapping: yaml.MappingNode,
        allowed: tuple[str, ...],
        *,
        node: str | None = None,
        context: str,
    ) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """The mapping's fields by name (key node, value node); refuses what does not belong."""
        found: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key, value in self.pairs(mapping, node=node):
            if key.value not in allowed:
                close = difflib.get_close_matches(key.value, list(allowed), n=1, cutoff=0.6)
                if close:
                    self.excused.add((id(mapping), close[0]))
                hint = did_you_mean(key.value, allowed)
                if not hint and LANG_RE.match(key.value) and len(key.value) <= 3:
                    self.misplaced.add((node, key.value))
                    self.error(
                        key,
                        f"unknown field '{key.value}' in {context}: a language code goes under the text it "
                        "translates; indent it two more spaces, below question:, label: or another text field",
                        node=node,
                    )
                    continue
                self.error(
                    key,
                    f"unknown field '{key.value}' in {context}{hint}; allowed: {', '.join(allowed)}",
                    node=node,
                )
                continue
            found[key.value] = (key, value)
        return found

    def pairs(
        self, mapping: yaml.MappingNode, *, node: str | None = None
    ) -> Iterator[tuple[yaml.ScalarNode, yaml.Node]]:
        """Key/value pairs with string keys; duplicate, merge and non-text keys are errors."""
        seen: dict[str, yaml.Node] = {}
        for key, value in mapping.value:
            if key.tag == "tag:yaml.org,2002:merge":
                self.error(key, "merge keys (<<) are not supported; write the fields out", node=node)
                self.excused.add((id(mapping), "*"))
                continue
            if not isinstance(key, yaml.ScalarNode) or key.tag != _STR:
                shown = key.value if isinstance(key, yaml.ScalarNode) else _kind(key)
                self.error(key, f"a key must be text, but {shown!s} is {self.describe(key)}", node=node)
                continue
            if key.value in seen:
                first = position(seen[key.value])
                self.error(key, f"duplicate key '{key.value}' (first defined at line {first.line})", node=node)
                continue
            seen[key.value] = key
            yield key, value

    def describe(self, value: yaml.Node) -> str:
        if isinstance(value, yaml.ScalarNode) and value.tag in _SURPRISES:
            return _SURPRISES[value.tag].replace("the ", "a ")
        return _kind(value)

    # -- values --------------------------------------------------------------------

    def text(self, value: yaml.Node, *, node: str | None, field: str, one_line: bool = False) -> str | None:
        """A text field: a string, or a mapping from language code to string."""
        if isinstance(value, yaml.MappingNode):
            chosen: str | None = None
            languages = []
            pairs = list(self.pairs(value, node=node))
            cut = _comma_cuts(value, pairs)
            for index, (key, item) in enumerate(pairs):
                if index in cut:
                    if cut[index]:
                        quoted = json.dumps(cut[index], ensure_ascii=False)
                        self.error(
                            item,
                            f"a comma inside {{...}} ended the text early; put the text in quotes: "
                            f"{key.value}: {quoted}",
                            node=node,
                            field=f"{field}.{key.value}",
                        )
                        languages.append(key.value)
                    continue
                if not LANG_RE.match(key.value):
                    self.error(key, f"'{key.value}' is not a language code (like en or nl)", node=node, field=field)
                    continue
                languages.append(key.value)
                string = self.string(item, node=node, field=f"{field}.{key.value}", one_line=one_line)
                if key.value == self.lang:
                    chosen = string
            if self.lang not in languages and (node, self.lang) not in self.misplaced:
                self.error(
                    value,
                    f"has no '{self.lang}' text (the site is built in '{self.lang}'; "
                    f"found: {', '.join(languages) or 'none'})",
                    node=node,
                    field=field,
                )
            return chosen
        return self.string(value, node=node, field=field, one_line=one_line)

    def string(self, value: yaml.Node, *, node: str | None, field: str, one_line: bool = False) -> str | None:
        if not isinstance(value, yaml.ScalarNode):
            self.error(value, f"must be text, not {_kind(value)}", node=node, field=field)
            return None
        if value.tag != _STR:
            if value.tag == "tag:yaml.org,2002:null" and value.value == "":
                self.error(value, "is empty; write the text", node=node, field=field)
                return None
            self.error(
                value,
                f"the unquoted value {value.value} was read as {_read_as(value)}, not as text; "
                f'put it in quotes: "{value.value}"',
                node=node,
                field=field,
            )
            return None
        if not value.value.strip():
            self.error(value, "is empty; write the text", node=node, field=field)
            return None
        if one_line and "\n" in value.value.strip():
            self.error(value, "must be one line", node=node, field=field)
            return None
        if field.split(".", maxsplit=1)[0] in MARKDOWN_FIELDS:
            return str(value.value)
        return " ".join(value.value.split())

    def missing(self, mapping: yaml.Node, name: str) -> bool:
        """Whether a missing field should be reported (not if a typo or merge key explains it)."""
        return not ({(id(mapping), name), (id(mapping), "*")} & self.excused)

    def require(
        self,
        found: dict[str, tuple[yaml.Node, yaml.Node]],
        name: str,
        at: yaml.Node,
        *,
        node: str | None,
        what: str,
    ) -> yaml.Node | None:
        if name not in found:
            if self.missing(at, name):
                self.error(at, f"is missing; {what} must have it", node=node, field=name)
            return None
        return found[name][1]


def decode(data: bytes, path: str) -> str:
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


EMPTY_TREE = "the file is empty; a tree needs title, start and nodes"


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
    collecting = gc.isenabled()
    gc.disable()
    try:
        composer = _LibyamlComposer(text)
        try:
            return composer.get_single_node()
        finally:
            composer.dispose()
    except Exception:  # every failure is read again by the pure-Python path, which words it
        return None
    finally:
        if collecting:
            gc.enable()


def compose(text: str, path: str, *, empty: str = EMPTY_TREE, fast: bool = True) -> yaml.Node:
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
        line, column = _yaml_position(text, exc.position)
        raise TreeErrors(
            [TreeError(path, line, column, f"the character U+{exc.character:04X} is not allowed in YAML; remove it")]
        ) from None
    try:
        root = loader.get_single_node()
    except RecursionError:  # PyYAML composes nested collections recursively
        raise TreeErrors([_too_deep(text, path)]) from None
    except (ValueError, OverflowError):  # PyYAML's scanner calls chr() on a "\U" escape unchecked
        at = loader.get_mark()
        raise TreeErrors(
            [
                TreeError(
                    path,
                    at.line + 1,
                    max(1, at.column - 1),  # the scanner stands after the `\U`
                    "YAML syntax error: an escape names a character beyond U+10FFFF, the last in Unicode",
                )
            ]
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if "expected a single document" in str(exc.context or "") + problem:
            problem = "the file holds more than one YAML document (---); a tree file holds one"
        elif mark is not None:
            problem += _colon_hint(text, mark.line, problem, str(exc.context or ""))
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise TreeErrors([TreeError(path, line, column, f"YAML syntax error: {problem}")]) from None
    except yaml.YAMLError as exc:  # reader errors without a mark
        raise TreeErrors([TreeError(path, 1, 1, f"YAML error: {exc}")]) from None
    finally:
        loader.dispose()
    if root is None:
        raise TreeErrors([TreeError(path, 1, 1, empty)])
    return root


_KEY_AND_TEXT = re.compile(r"^(\s*(?:- )?[\w.-]+):\s+(.+?)\s*$")


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


def parse_tree(data: bytes | str, path: str, *, lang: str) -> Tree:
    """Validate a tree file's content and return the model in language `lang`.

    Raises `TreeErrors` with every independent problem found.
    """
    text = decode(data, path) if isinstance(data, bytes) else data.removeprefix("\ufeff")
    try:
        return _parse_text(text, path, lang, fast=True)
    except TreeErrors:
        pass  # read again below, so that every error is worded and placed by the pure-Python loader
    try:
        return _parse_text(text, path, lang, fast=False)
    except TreeErrors as exc:
        errors = _one_missing_language(exc.errors, text, lang)
        if any(c in text for c in _YAML_ONLY_BREAKS):
            errors = _editor_positions(text, errors)
        if errors is exc.errors:
            raise
        raise TreeErrors(errors) from None


def _one_missing_language(errors: list[TreeError], text: str, lang: str) -> list[TreeError]:
    """A language the tree has no text in at all is one error, not one per text."""
    missing = [e for e in errors if e.message.startswith(f"has no '{lang}' text")]
    if len(missing) < 2:
        return errors
    written = languages_in(text)
    if not written or lang in written:
        return errors
    first = missing[0]
    summary = dataclasses.replace(
        first,
        node=None,
        field=None,
        message=f"the tree has no '{lang}' texts; it is written in {', '.join(written)} "
        f"({len(missing)} texts would need '{lang}')",
    )
    return [e for e in errors if e not in missing] + [summary]


_YAML_ONLY_BREAKS = ("\x85", "\u2028", "\u2029")
"""NEL, LS and PS: line breaks to PyYAML (YAML 1.1), not to editors and code hosts."""


_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _yaml_position(text: str, index: int) -> tuple[int, int]:
    """Line and column (1-based) of `text[index]`, counted as PyYAML counts them."""
    starts = [0] + [m.end() for m in _YAML_BREAK.finditer(text, 0, index)]
    return len(starts), index - starts[-1] + 1


def _editor_positions(text: str, errors: list[TreeError]) -> list[TreeError]:
    """The errors with lines and columns counted as editors count them (LF, CR LF, CR)."""
    yaml_starts = [0] + [m.end() for m in _YAML_BREAK.finditer(text)]
    editor_starts = [0] + [m.end() for m in re.finditer("\r\n|[\r\n]", text)]
    fixed = []
    for error in errors:
        if not 1 <= error.line <= len(yaml_starts):
            fixed.append(error)
            continue
        index = yaml_starts[error.line - 1] + error.column - 1
        line = bisect.bisect_right(editor_starts, index)
        fixed.append(dataclasses.replace(error, line=line, column=index - editor_starts[line - 1] + 1))
    return fixed


def _parse_text(text: str, path: str, lang: str, *, fast: bool) -> Tree:
    root = compose(text, path, fast=fast)
    r = Reader(path, lang)
    if not isinstance(root, yaml.MappingNode):
        raise TreeErrors(
            [
                TreeError(
                    path,
                    *_at(root),
                    f"the top level must be a mapping with title, start and nodes, not {r.describe(root)}",
                )
            ]
        )
    top = r.fields(root, TOP_FIELDS, context="the tree")
    title_node = r.require(top, "title", root, node=None, what="the tree")
    title = r.text(title_node, node=None, field="title") if title_node else None
    intro = r.text(top["intro"][1], node=None, field="intro") if "intro" in top else None
    start_node = r.require(top, "start", root, node=None, what="the tree")
    start = r.string(start_node, node=None, field="start") if start_node else None
    nodes_node = r.require(top, "nodes", root, node=None, what="the tree")

    nodes: dict[str, Node] = {}
    id_positions: dict[str, yaml.Node] = {}
    bad_ids: set[str] = set()
    """Node keys already reported as invalid: references to them say nothing more."""
    references: list[tuple[str | None, str, yaml.Node, str]] = []
    if nodes_node is not None:
        if not isinstance(nodes_node, yaml.MappingNode):
            r.error(nodes_node, f"must be a mapping from node id to node, not {r.describe(nodes_node)}", field="nodes")
        else:
            for key, value in r.pairs(nodes_node):
                node_id = key.value
                if not ID_RE.match(node_id):
                    bad_ids.add(node_id)
                    r.error(
                        key,
                        f"'{node_id}' is not a valid node id: use lowercase letters, digits and hyphens, "
                        "starting with a letter",
                        node=node_id,
                    )
                    continue
                if node_id in RESERVED_IDS:
                    bad_ids.add(node_id)
                    r.error(key, f"'{node_id}' is reserved for the tree's start page; choose another id", node=node_id)
                    continue
                id_positions[node_id] = key
                parsed = _parse_node(r, node_id, key, value, references)
                if parsed is not None:
                    nodes[node_id] = parsed

    known = set(id_positions)
    nodes_ok = isinstance(nodes_node, yaml.MappingNode)
    if start_node is not None and start is not None:
        references.append((None, start, start_node, "start"))
    for owner, target, at, field in references:
        if nodes_ok and target not in known and target not in bad_ids:
            hint = did_you_mean(target, sorted(known))
            r.error(at, f"there is no node '{target}'{hint}", node=owner, field=field)
        elif not nodes_ok and not ID_RE.match(target):
            r.error(at, f"'{target}' is not a node id", node=owner, field=field)
    start_ok = start is not None and start in nodes
    if start is not None and start in nodes and not isinstance(nodes[start], Question):
        r.error(start_node or root, f"'{start}' is an outcome; the tree must start with a question", field="start")
        start_ok = False

    complete = start_ok and not bad_ids and len(nodes) == len(id_positions)
    r.errors.extend(graph_errors(path, nodes, start if complete else None))
    if r.errors or title is None or start is None:
        raise TreeErrors(r.errors)
    return Tree(
        path=path,
        slug=tree_slug(path),
        lang=lang,
        title=title,
        intro=intro,
        start=start,
        nodes=nodes,
        analysis=analyse(nodes, start),
    )


def _at(node: yaml.Node) -> tuple[int, int]:
    p = position(node)
    return p.line, p.column


def _parse_node(
    r: Reader,
    node_id: str,
    key: yaml.Node,
    value: yaml.Node,
    references: list[tuple[str | None, str, yaml.Node, str]],
) -> Node | None:
    if not isinstance(value, yaml.MappingNode):
        r.error(
            value if value.start_mark.line else key,
            f"must be a mapping of fields, not {r.describe(value)}",
            node=node_id,
        )
        return None
    found = r.fields(value, QUESTION_FIELDS + OUTCOME_FIELDS, node=node_id, context="a node")
    is_question = any(f in found for f in QUESTION_FIELDS)
    is_outcome = any(f in found for f in OUTCOME_FIELDS)
    pos = position(key)
    if is_question and is_outcome:
        q = ", ".join(f for f in QUESTION_FIELDS if f in found)
        o = ", ".join(f for f in OUTCOME_FIELDS if f in found)
        r.error(key, f"is both a question ({q}) and an outcome ({o}); a node is one or the other", node=node_id)
        return None
    if not is_question and not is_outcome:
        r.error(key, "is neither a question (question, answers) nor an outcome (outcome, summary)", node=node_id)
        return None

    def text(name: str, *, required: bool, one_line: bool = False) -> str | None:
        if name not in found:
            if required and r.missing(value, name):
                needs = "outcome and summary" if is_outcome else "question and answers"
                r.error(
                    key,
                    f"is missing; {'an outcome' if is_outcome else 'a question'} needs {needs}",
                    node=node_id,
                    field=name,
                )
            return None
        return r.text(found[name][1], node=node_id, field=name, one_line=one_line)

    if is_outcome:
        outcome = text("outcome", required=True)
        summary = text("summary", required=True)
        body = text("body", required=False)
        if outcome is None or summary is None:
            return None
        return Outcome(id=node_id, outcome=outcome, summary=summary, body=body, pos=pos)

    question = text("question", required=True)
    help_text = text("help", required=False)
    answers = _parse_answers(r, node_id, key, value, found.get("answers"), references)
    if question is None or answers is None:
        return None
    return Question(id=node_id, question=question, help=help_text, answers=tuple(answers), pos=pos)


def _parse_answers(
    r: Reader,
    node_id: str,
    key: yaml.Node,
    mapping: yaml.Node,
    found: tuple[yaml.Node, yaml.Node] | None,
    references: list[tuple[str | None, str, yaml.Node, str]],
) -> list[Answer] | None:
    if found is None:
        if r.missing(mapping, "answers"):
            r.error(key, "is missing; a question needs at least two answers", node=node_id, field="answers")
        return None
    answers_key, seq = found
    if not isinstance(seq, yaml.SequenceNode):
        r.error(seq, f"must be a list of answers, not {r.describe(seq)}", node=node_id, field="answers")
        return None
    answers: list[Answer] = []
    ok = True
    labels: dict[str, int] = {}
    for index, item in enumerate(seq.value, start=1):
        field = f"answers[{index}]"
        if not isinstance(item, yaml.MappingNode):
            r.error(item, f"must be a mapping with label and next, not {r.describe(item)}", node=node_id, field=field)
            ok = False
            continue
        fields = r.fields(item, ANSWER_FIELDS, node=node_id, context=f"answer {index}")
        label = next_id = None
        if "label" in fields:
            label = r.text(fields["label"][1], node=node_id, field=f"{field}.label")
        elif r.missing(item, "label"):
            r.error(item, "is missing; every answer needs label and next", node=node_id, field=f"{field}.label")
        if "next" in fields:
            next_node = fields["next"][1]
            next_id = r.string(next_node, node=node_id, field=f"{field}.next")
            if next_id is not None:
                references.append((node_id, next_id, next_node, f"{field}.next"))
        elif r.missing(item, "next"):
            r.error(item, "is missing; every answer needs label and next", node=node_id, field=f"{field}.next")
        why = r.text(fields["why"][1], node=node_id, field=f"{field}.why", one_line=True) if "why" in fields else None
        if label is not None:
            if label in labels:
                r.error(
                    fields["label"][1],
                    f"answer {index} has the same label as answer {labels[label]}: '{label}'",
                    node=node_id,
                    field=f"{field}.label",
                )
                ok = False
            labels.setdefault(label, index)
        if label is None or next_id is None:
            ok = False
            continue
        answers.append(
            Answer(
                index=index,
                label=label,
                next=next_id,
                why=why,
                pos=position(item),
                next_pos=position(fields["next"][1]),
            )
        )
    if len(seq.value) < 2:
        count = "no answers" if not seq.value else "only one answer"
        r.error(
            answers_key, f"a question needs at least two answers; this one has {count}", node=node_id, field="answers"
        )
        return None
    return answers if ok else None


def load_tree(path: str | Path, *, lang: str, display_path: str | None = None) -> Tree:
    """Read and validate a tree file. `display_path` is how errors name it."""
    shown = display_path or str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise TreeErrors([TreeError(shown, 0, 0, f"cannot read the file: {exc.strerror}")]) from None
    return parse_tree(data, shown, lang=lang)


def _compose_quietly(data: bytes | str) -> yaml.Node | None:
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


def languages_in(data: bytes | str) -> list[str]:
    """Every language code used in a text mapping of the file, sorted; for `check`."""
    return _languages_of(_compose_quietly(data))


def _languages_of(root: yaml.Node | None) -> list[str]:
    found: set[str] = set()
    walk: list[yaml.Node] = [root] if root is not None else []
    visited: set[int] = set()
    while walk:
        current = walk.pop()
        if id(current) in visited:  # aliases may make the node graph cyclic
            continue
        visited.add(id(current))
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                if (
                    isinstance(key, yaml.ScalarNode)
                    and key.value in TEXT_FIELDS
                    and isinstance(value, yaml.MappingNode)
                ):
                    found.update(
                        k.value
                        for k, _ in value.value
                        if isinstance(k, yaml.ScalarNode) and LANG_RE.match(str(k.value))
                    )
                walk.append(value)
        elif isinstance(current, yaml.SequenceNode):
            walk.extend(current.value)
    return sorted(found)


def untranslated_texts(data: bytes | str, path: str, *, languages: list[str] | tuple[str, ...] = ()) -> list[TreeError]:
    """Warnings for the texts given once for every language in a tree written in several.

    A tree is written in several languages when its text mappings name two or
    more (with `languages`, the ones a site builds, added to them). A plain
    string there would stand untranslated in every language but one, so each
    is named with its node and field. A file that does not load is left to
    the loader's errors.
    """
    root = _compose_quietly(data)
    found = _languages_of(root)
    wanted = sorted(set(found) | set(languages)) if found else []
    if len(wanted) < 2:
        return []
    warnings: list[TreeError] = []
    written = ", ".join(wanted)

    def visit(mapping: yaml.Node, node: str | None, prefix: str = "") -> None:
        if not isinstance(mapping, yaml.MappingNode):
            return
        for key, value in mapping.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name in TEXT_FIELDS and isinstance(value, yaml.ScalarNode) and value.tag == _STR and value.value.strip():
                pos = position(value)
                example = " ".join(value.value.split())[:40]
                warnings.append(
                    TreeError(
                        path,
                        pos.line,
                        pos.column,
                        f"is one text for every language, but the tree is written in {written}; "
                        f"give each its own: {{{', '.join(f'{lang}: ...' for lang in wanted)}}} "
                        f"(now: {json.dumps(example, ensure_ascii=False)})",
                        node=node,
                        field=prefix + str(name),
                    )
                )

    if isinstance(root, yaml.MappingNode):
        visit(root, None)
        for key, value in root.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "nodes" and isinstance(value, yaml.MappingNode):
                for node_key, node_value in value.value:
                    node_id = str(node_key.value) if isinstance(node_key, yaml.ScalarNode) else None
                    visit(node_value, node_id)
                    if not isinstance(node_value, yaml.MappingNode):
                        continue
                    for field_key, answers in node_value.value:
                        if getattr(field_key, "value", None) == "answers" and isinstance(answers, yaml.SequenceNode):
                            for index, answer in enumerate(answers.value, start=1):
                                visit(answer, node_id, f"answers[{index}].")
    return sorted(warnings)
