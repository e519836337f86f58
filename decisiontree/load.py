"""Tree files in, validated trees out, or every problem the file has.

One pipeline: the file's text and its YAML composed (`yamlsource`), the
tree's parts read field by field (`parse`, with `reader`), the references
between the nodes checked, then the routing (`graph`), and the model built.
A file is composed once however many languages it is read in.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import TreeError, TreeErrors
from .graph import analyse, graph_errors
from .model import Question, Tree
from .parse import ID_RE, Parts, read_parts
from .reader import MarkdownText, PlainText, Reader, did_you_mean, fold_space
from .yamlsource import compose, compose_quietly, describe, editor_positions, position, source_text

TREE_SUFFIX = ".tree.yml"
EMPTY_TREE = "the file is empty; a tree needs title, start and nodes"
DEFAULT_LANG = "en"
"""The language a tree is read in when nothing names one."""


def tree_slug(path: str | Path) -> str:
    """The tree's name, from its file name: `vendor.tree.yml` → `vendor`."""
    name = Path(path).name
    return name[: -len(TREE_SUFFIX)] if name.endswith(TREE_SUFFIX) else Path(path).stem


@dataclass(frozen=True)
class Reading:
    """A tree file read in one or more languages, and what reading it found about its texts."""

    trees: dict[str, Tree]
    """The tree in each language it was read in, in the order asked."""
    languages: tuple[str, ...]
    """Every language the file's texts are written in, sorted."""
    plain: tuple[PlainText, ...]
    """The texts given once, for every language."""
    markdown: tuple[MarkdownText, ...]
    """The Markdown texts, in every language."""
    text: str = field(compare=False, repr=False)
    """The file's text, which the positions in `root` index."""
    root: yaml.MappingNode = field(compare=False, repr=False)
    """The composed YAML, to read the tree again in another language."""

    def in_every_language(self, first: str) -> list[Tree]:
        """The tree in `first`, then in each other language it is written in and reads in without errors."""
        path = self.trees[first].path
        others = (self.trees.get(lang) or _read_in(self.root, path, lang).tree for lang in self.languages)
        return [self.trees[first], *(tree for tree in others if tree is not None and tree.lang != first)]


def load_tree(path: str | Path, *, lang: str, display_path: str | None = None) -> Tree:
    """Read and validate a tree file. `display_path` is how errors name it."""
    shown = display_path or str(path)
    return parse_tree(_file_bytes(path, shown), shown, lang=lang)


def parse_tree(data: bytes | str, path: str, *, lang: str) -> Tree:
    """Validate a tree file's content and return the model in language `lang`.

    Raises `TreeErrors` with every independent problem found.
    """
    return read_tree(data, path, langs=(lang,)).trees[lang]


def read_tree(data: bytes | str, path: str, *, langs: Sequence[str] = ()) -> Reading:
    """Validate a tree file's content in each of `langs`, composing its YAML once.

    Without `langs`, the tree is read in every language its texts are
    written in (in English if they name none). Raises `TreeErrors` with
    every independent problem of every language, each once.
    """
    text = source_text(data, path)
    try:
        return _read_text(text, path, langs, fast=True)
    except TreeErrors:
        pass  # read again below, so that every error is worded and placed by the pure-Python loader
    try:
        return _read_text(text, path, langs, fast=False)
    except TreeErrors as exc:
        raise TreeErrors(editor_positions(text, exc.errors)) from None


def read_tree_file(path: str | Path, *, langs: Sequence[str] = (), display_path: str | None = None) -> Reading:
    """`read_tree` for the file at `path`; `display_path` is how errors name it."""
    shown = display_path or str(path)
    return read_tree(_file_bytes(path, shown), shown, langs=langs)


def _file_bytes(path: str | Path, shown: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise TreeErrors([TreeError(shown, 0, 0, f"cannot read the file: {exc.strerror}")]) from None


# -- the pipeline -------------------------------------------------------------------


@dataclass(frozen=True)
class _Read:
    """The tree read in one language: the reader (its errors, languages and plain texts), and the tree if valid."""

    reader: Reader
    tree: Tree | None


def _read_text(text: str, path: str, langs: Sequence[str], *, fast: bool) -> Reading:
    root = compose(text, path, empty=EMPTY_TREE, fast=fast)
    if not isinstance(root, yaml.MappingNode):
        p = position(root)
        message = f"the top level must be a mapping with title, start and nodes, not {describe(root)}"
        raise TreeErrors([TreeError(path, p.line, p.column, message)])
    first = langs[0] if langs else DEFAULT_LANG
    reads = {first: _read_in(root, path, first)}
    languages = tuple(sorted(reads[first].reader.languages))
    wanted = tuple(langs) or languages or (DEFAULT_LANG,)
    for lang in wanted:
        if lang not in reads:
            reads[lang] = _read_in(root, path, lang)
    errors = [e for lang in wanted for e in _one_missing_language(reads[lang].reader.errors, languages, lang)]
    trees = {lang: reads[lang].tree for lang in wanted}
    if errors or None in trees.values():
        raise TreeErrors(list(dict.fromkeys(errors)) if len(wanted) > 1 else errors)
    return Reading(
        trees={lang: tree for lang, tree in trees.items() if tree is not None},
        languages=languages,
        plain=tuple(reads[first].reader.plain),
        markdown=tuple(reads[first].reader.markdown),
        text=text,
        root=root,
    )


def _read_in(root: yaml.MappingNode, path: str, lang: str) -> _Read:
    """The tree in language `lang`, read, checked and built; `None` for the tree where it has errors."""
    r = Reader(path, lang)
    parts = read_parts(r, root)
    _check_references(r, parts)
    start_ok = _check_start(r, parts)
    complete = start_ok and not parts.bad_ids and len(parts.nodes) == len(parts.ids)
    r.errors.extend(graph_errors(path, parts.nodes, parts.start if complete else None))
    if r.errors or parts.title is None or parts.start is None:
        return _Read(r, None)
    return _Read(r, _build(path, lang, parts, parts.title, parts.start))


def _check_references(r: Reader, parts: Parts) -> None:
    """Every `start` and `next` names a node (one that is not itself reported as a bad id)."""
    known = sorted(parts.ids)
    for ref in parts.references:
        if parts.nodes_ok and ref.target not in parts.ids and ref.target not in parts.bad_ids:
            hint = did_you_mean(ref.target, known)
            r.error(ref.at, f"there is no node '{ref.target}'{hint}", node=ref.owner, field=ref.field)
        elif not parts.nodes_ok and not ID_RE.match(ref.target):
            r.error(ref.at, f"'{ref.target}' is not a node id", node=ref.owner, field=ref.field)


def _check_start(r: Reader, parts: Parts) -> bool:
    """Whether the tree starts at a question that was read without errors."""
    start = parts.start
    if start is None or start not in parts.nodes:
        return False
    if not isinstance(parts.nodes[start], Question):
        at = parts.start_node if parts.start_node is not None else parts.root
        r.error(at, f"'{start}' is an outcome; the tree must start with a question", field="start")
        return False
    return True


def _build(path: str, lang: str, parts: Parts, title: str, start: str) -> Tree:
    return Tree(
        path=path,
        slug=tree_slug(path),
        lang=lang,
        title=title,
        intro=parts.intro,
        start=start,
        nodes=parts.nodes,
        analysis=analyse(parts.nodes, start),
    )


def _one_missing_language(errors: list[TreeError], written: tuple[str, ...], lang: str) -> list[TreeError]:
    """A language the tree has no text in at all is one error, not one per text."""
    missing = [e for e in errors if e.message.startswith(f"has no '{lang}' text")]
    if len(missing) < 2 or not written or lang in written:
        return errors
    summary = dataclasses.replace(
        missing[0],
        node=None,
        field=None,
        message=f"the tree has no '{lang}' texts; it is written in {', '.join(written)} "
        f"({len(missing)} texts would need '{lang}')",
    )
    return [e for e in errors if e not in missing] + [summary]


# -- languages and texts ------------------------------------------------------------


def _read_quietly(data: bytes | str) -> Reader | None:
    """The file read for what its texts are (whatever errors it has), or `None` if it is no YAML mapping."""
    root = compose_quietly(data)
    if not isinstance(root, yaml.MappingNode):
        return None
    r = Reader("", "")
    read_parts(r, root)
    return r


def languages_in(data: bytes | str) -> list[str]:
    """Every language code used in a text mapping of the file, sorted; for `check`."""
    r = _read_quietly(data)
    return sorted(r.languages) if r is not None else []


def untranslated(
    plain: Sequence[PlainText], written: Sequence[str], path: str, *, languages: Sequence[str] = ()
) -> list[TreeError]:
    """Warnings for the texts in `plain`, if the tree is written in several languages.

    A tree is written in several languages when its text mappings name two or
    more (`written`; with `languages`, the ones a site builds, added to them).
    A plain string there would stand untranslated in every language but one,
    so each is named with its node and field.
    """
    wanted = sorted(set(written) | set(languages)) if written else []
    if len(wanted) < 2:
        return []
    each = ", ".join(f"{lang}: ..." for lang in wanted)
    warnings = [
        TreeError(
            path,
            text.pos.line,
            text.pos.column,
            f"is one text for every language, but the tree is written in {', '.join(wanted)}; "
            f"give each its own: {{{each}}} (now: {json.dumps(fold_space(text.text)[:40], ensure_ascii=False)})",
            node=text.node,
            field=text.field,
        )
        for text in plain
    ]
    return sorted(warnings)
