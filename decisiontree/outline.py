"""The outline: every question with its answers and where they lead, the chart's text equivalent.

A start page holds the whole outline while it fits; a large tree's outline
is cut into pages of about `OUTLINE_PART_BUDGET` bytes each, questions in
walking order first, then outcomes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from .model import Outcome, Question, Tree
from .strings import number

OUTLINE_PART_BUDGET = 90_000
"""About this many bytes of outline go on one of its pages."""
_ROW = 110
"""About the bytes of markup around one row of the outline, besides its texts."""


@dataclass(frozen=True)
class OutlineAnswer:
    """One answer in the outline, and the node it leads to."""

    label: str
    target: str
    target_text: str
    target_is_question: bool
    href: str


@dataclass(frozen=True)
class OutlinePart:
    """One page of a large tree's outline."""

    name: str
    first: int
    """The number of its first question in the whole list (or of its first outcome)."""
    questions: list[str]
    outcomes: list[str]


def outline(
    tree: Tree, href: Callable[[str | None], str], *, only: set[str] | None = None
) -> list[tuple[Question, str, list[OutlineAnswer]]]:
    """Questions in walking order (those in `only`, if given), each with its answers and where they lead."""
    rows = []
    for node_id in tree.analysis.order:
        node = tree.nodes[node_id]
        if isinstance(node, Question) and (only is None or node_id in only):
            answers = [
                OutlineAnswer(
                    a.label,
                    a.next,
                    tree.nodes[a.next].text,
                    isinstance(tree.nodes[a.next], Question),
                    href(a.next),
                )
                for a in node.answers
            ]
            rows.append((node, href(node_id), answers))
    return rows


def split_outline(tree: Tree, s: Mapping[str, str]) -> list[OutlinePart]:
    """The outline cut into pages of about `OUTLINE_PART_BUDGET` bytes: questions first, then outcomes."""
    walked = [tree.nodes[n] for n in tree.analysis.order]
    questions = [n for n in walked if isinstance(n, Question)]
    outcomes = [n for n in walked if isinstance(n, Outcome)]
    question_sizes = [
        len(q.question)
        + 2 * len(q.id)
        + _ROW
        + sum(len(a.label) + len(tree.nodes[a.next].text) + len(a.next) + _ROW for a in q.answers)
        for q in questions
    ]
    outcome_sizes = [len(o.outcome) + len(o.summary) + len(o.id) + _ROW for o in outcomes]
    parts = []
    for first, last in _runs(question_sizes, OUTLINE_PART_BUDGET):
        name = s["outline_questions"].format(first=number(tree.lang, first + 1), last=number(tree.lang, last))
        parts.append(OutlinePart(name, first + 1, [q.id for q in questions[first:last]], []))
    for first, last in _runs(outcome_sizes, OUTLINE_PART_BUDGET):
        name = s["outline_outcomes"].format(first=number(tree.lang, first + 1), last=number(tree.lang, last))
        parts.append(OutlinePart(name, first + 1, [], [o.id for o in outcomes[first:last]]))
    return parts


def _runs(sizes: Sequence[int], budget: int) -> list[tuple[int, int]]:
    """Consecutive runs `[first, last)` of `sizes`, each within `budget` (or one item alone)."""
    runs = []
    first = 0
    while first < len(sizes):
        last, used = first + 1, sizes[first]
        while last < len(sizes) and used + sizes[last] <= budget:
            used += sizes[last]
            last += 1
        runs.append((first, last))
        first = last
    return runs
