"""Reading fields out of the composed YAML, every problem collected instead of the first raised.

`Reader` knows the shapes every file of the engine shares: a mapping of
known fields, a text given once or per language, a plain string. What a
tree or a scenarios file is made of is for `load` and `scenarios`.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

import yaml

from .errors import TreeError
from .model import Position
from .yamlsource import MERGE, STR, key_problem, kind, position, read_as

LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
MARKDOWN_FIELDS = {"intro", "help", "body"}
"""Trusted Markdown; every other text field is plain text, its white space folded."""

Fields = dict[str, tuple[yaml.Node, yaml.Node]]
"""A mapping's fields by name: (key node, value node)."""


def fold_space(text: str) -> str:
    """The text on one line: every run of white space one space, none at either end."""
    return " ".join(text.split())


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


@dataclass(frozen=True)
class PlainText:
    """A text field given as one string: the same text for every language."""

    node: str | None
    field: str
    text: str
    """The text as written (white space not folded)."""
    pos: Position


@dataclass(frozen=True)
class MarkdownText:
    """A Markdown text as read, with its scalar node (whose marks place a link inside it)."""

    node: str | None
    field: str
    """The field, like `help`, or `help.nl` for one language's text."""
    scalar: yaml.ScalarNode


class Reader:
    """Walks the composed YAML, collecting errors instead of stopping at the first.

    While it reads, it records the language codes of every text it reads
    per language (`languages`), every text given as one string (`plain`)
    and every Markdown text (`markdown`).
    """

    def __init__(self, path: str, lang: str) -> None:
        self.path = path
        self.lang = lang
        self.errors: list[TreeError] = []
        self.excused: set[tuple[int, str]] = set()
        """(mapping, field) pairs whose absence is already explained by another error."""
        self.misplaced: set[tuple[str | None, str]] = set()
        """(node, language) pairs whose text stands one level too high: a missing text there is no news."""
        self.languages: set[str] = set()
        """The language codes of the texts read, each per language."""
        self.plain: list[PlainText] = []
        """The texts read that were given once, for every language."""
        self.markdown: list[MarkdownText] = []
        """The Markdown texts read, in every language."""

    def error(
        self, at: yaml.Node | Position, message: str, *, node: str | None = None, field: str | None = None
    ) -> None:
        pos = at if isinstance(at, Position) else position(at)
        self.errors.append(TreeError(self.path, pos.line, pos.column, message, node=node, field=field))

    # -- mappings -----------------------------------------------------------------

    def fields(
        self, mapping: yaml.MappingNode, allowed: tuple[str, ...], *, node: str | None = None, context: str
    ) -> Fields:
        """The mapping's fields by name (key node, value node); refuses what does not belong."""
        found: Fields = {}
        for key, value in self.pairs(mapping, node=node):
            if key.value in allowed:
                found[key.value] = (key, value)
            else:
                self._unknown(mapping, key, allowed, node=node, context=context)
        return found

    def _unknown(
        self,
        mapping: yaml.MappingNode,
        key: yaml.ScalarNode,
        allowed: tuple[str, ...],
        *,
        node: str | None,
        context: str,
    ) -> None:
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
            return
        self.error(key, f"unknown field '{key.value}' in {context}{hint}; allowed: {', '.join(allowed)}", node=node)

    def pairs(
        self, mapping: yaml.MappingNode, *, node: str | None = None
    ) -> Iterator[tuple[yaml.ScalarNode, yaml.Node]]:
        """Key/value pairs with string keys; duplicate, merge and non-text keys are errors."""
        seen: dict[str, yaml.Node] = {}
        for key, value in mapping.value:
            problem = key_problem(key, seen)
            if problem is not None:
                self.error(key, problem, node=node)
                if key.tag == MERGE:
                    self.excused.add((id(mapping), "*"))
                continue
            seen[key.value] = key
            yield key, value

    def require(
        self,
        found: Fields,
        name: str,
        mapping: yaml.Node,
        *,
        node: str | None,
        needs: str,
        at: yaml.Node | None = None,
        field: str | None = None,
    ) -> yaml.Node | None:
        """The field's value, or `None` and the error `is missing; {needs}` (at `at`, else at the mapping).

        The absence is not reported where a typo or a merge key in the
        mapping already explains it.
        """
        if name in found:
            return found[name][1]
        if self.missing(mapping, name):
            self.error(mapping if at is None else at, f"is missing; {needs}", node=node, field=field or name)
        return None

    def missing(self, mapping: yaml.Node, name: str) -> bool:
        """Whether a missing field should be reported (not if a typo or merge key explains it)."""
        return not ({(id(mapping), name), (id(mapping), "*")} & self.excused)

    # -- values --------------------------------------------------------------------

    def text(self, value: yaml.Node, *, node: str | None, field: str, one_line: bool = False) -> str | None:
        """A text field: a string, or a mapping from language code to string."""
        if not isinstance(value, yaml.MappingNode):
            if isinstance(value, yaml.ScalarNode) and value.tag == STR and value.value.strip():
                self.plain.append(PlainText(node, field, value.value, position(value)))
            return self.string(value, node=node, field=field, one_line=one_line)
        chosen: str | None = None
        languages = []
        pairs = list(self.pairs(value, node=node))
        cut = _comma_cuts(value, pairs)
        for index, (key, item) in enumerate(pairs):
            if index in cut:
                if cut[index]:
                    self._cut_short(key, item, cut[index], node=node, field=field)
                    languages.append(key.value)
                continue
            if not LANG_RE.match(key.value):
                self.error(key, f"'{key.value}' is not a language code (like en or nl)", node=node, field=field)
                continue
            languages.append(key.value)
            string = self.string(item, node=node, field=f"{field}.{key.value}", one_line=one_line)
            if key.value == self.lang:
                chosen = string
        self.languages.update(languages)
        if self.lang not in languages and (node, self.lang) not in self.misplaced:
            self.error(
                value,
                f"has no '{self.lang}' text (the site is built in '{self.lang}'; "
                f"found: {', '.join(languages) or 'none'})",
                node=node,
                field=field,
            )
        return chosen

    def _cut_short(self, key: yaml.ScalarNode, item: yaml.Node, whole: str, *, node: str | None, field: str) -> None:
        quoted = json.dumps(whole, ensure_ascii=False)
        self.error(
            item,
            f"a comma inside {{...}} ended the text early; put the text in quotes: {key.value}: {quoted}",
            node=node,
            field=f"{field}.{key.value}",
        )

    def string(self, value: yaml.Node, *, node: str | None, field: str, one_line: bool = False) -> str | None:
        """A plain string; its white space folded unless the field is Markdown."""
        problem = _string_problem(value, one_line=one_line)
        if problem is not None:
            self.error(value, problem, node=node, field=field)
            return None
        assert isinstance(value, yaml.ScalarNode)
        if field.split(".", maxsplit=1)[0] in MARKDOWN_FIELDS:
            self.markdown.append(MarkdownText(node, field, value))
            return str(value.value)
        return fold_space(value.value)


def _string_problem(value: yaml.Node, *, one_line: bool) -> str | None:
    """What keeps a node from being a text, or `None`."""
    if not isinstance(value, yaml.ScalarNode):
        return f"must be text, not {kind(value)}"
    if value.tag != STR:
        if value.tag == "tag:yaml.org,2002:null" and value.value == "":
            return "is empty; write the text"
        return (
            f"the unquoted value {value.value} was read as {read_as(value)}, not as text; "
            f'put it in quotes: "{value.value}"'
        )
    if not value.value.strip():
        return "is empty; write the text"
    if one_line and "\n" in value.value.strip():
        return "must be one line"
    return None


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
