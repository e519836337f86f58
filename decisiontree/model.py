"""The validated tree model: the single source every view is made from.

Texts are already resolved to one language; the same tree file compiled for
another language gives a model with the same ids, answers and version.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .graph import Analysis


@dataclass(frozen=True)
class Position:
    """Where something stands in the tree file (1-based)."""

    line: int
    column: int


@dataclass(frozen=True)
class Answer:
    """One way out of a question."""

    index: int
    """1-based position among the question's answers; share links use it."""
    label: str
    """Plain text."""
    next: str
    """Id of the node this answer leads to."""
    why: str | None = None
    """Plain text, one line: shown in answer summaries."""
    pos: Position = field(default=Position(0, 0), compare=False, repr=False)
    next_pos: Position = field(default=Position(0, 0), compare=False, repr=False)


@dataclass(frozen=True)
class Question:
    """A node that asks something and offers at least two answers."""

    id: str
    question: str
    """Plain text."""
    answers: tuple[Answer, ...]
    help: str | None = None
    """Markdown, links relative to the tree file."""
    pos: Position = field(default=Position(0, 0), compare=False, repr=False)

    @property
    def text(self) -> str:
        return self.question

    @property
    def is_question(self) -> bool:
        return True


@dataclass(frozen=True)
class Outcome:
    """A node that ends a walk through the tree."""

    id: str
    outcome: str
    """Plain text."""
    summary: str
    """Plain text."""
    body: str | None = None
    """Markdown, links relative to the tree file."""
    pos: Position = field(default=Position(0, 0), compare=False, repr=False)

    @property
    def text(self) -> str:
        return self.outcome

    @property
    def is_question(self) -> bool:
        return False


Node = Question | Outcome


@dataclass(frozen=True)
class Tree:
    """A whole validated tree, in one language."""

    path: str
    """The tree file, as given to the loader."""
    slug: str
    """The tree's name: its file name without `.tree.yml`; pages go under it."""
    lang: str
    title: str
    """Plain text."""
    start: str
    nodes: dict[str, Node]
    """Every node by id, in file order."""
    analysis: Analysis
    intro: str | None = None
    """Markdown, links relative to the tree file."""

    def question(self, node_id: str) -> Question:
        node = self.nodes[node_id]
        if not isinstance(node, Question):
            raise TypeError(f"{node_id!r} is not a question")
        return node

    @property
    def questions(self) -> list[Question]:
        return [n for n in self.nodes.values() if isinstance(n, Question)]

    @property
    def outcomes(self) -> list[Outcome]:
        return [n for n in self.nodes.values() if isinstance(n, Outcome)]

    @cached_property
    def routes(self) -> dict[str, tuple[str, ...]]:
        """Where each question's answers lead, in answer order, by question id (file order).

        The tree's routing, derived once: the version, the script's data
        and `tree.json` are all made from it.
        """
        return {q.id: tuple(a.next for a in q.answers) for q in self.questions}

    @cached_property
    def version(self) -> str:
        """A short hash of the routing (ids, answer positions, targets); share links carry it.

        Texts are left out, so a new wording or another language keeps the
        version, and a share link made before the change still works.
        """
        routing = {"start": self.start, "nodes": {n: self.routes.get(n) for n in self.nodes}}
        blob = json.dumps(routing, sort_keys=True, separators=(",", ":")).encode()
        return hashlib.sha256(blob).hexdigest()[:8]
