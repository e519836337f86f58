"""Walks through a tree for browser tests, computed from the model.

`answer_cover` gives a few walks from the start to an outcome that together
take every answer of every question at least once: clicking them proves
every answer link works without walking every path (paths multiply, answers
only add up).
"""

from __future__ import annotations

from decisiontree import Tree
from decisiontree.graph import Step


def walk_end(tree: Tree, walk: tuple[Step, ...]) -> str:
    """The node a walk ends on (an outcome, for the walks of `answer_cover`)."""
    node = tree.start
    for step in walk:
        assert step.question == node, f"{step} does not follow from {node}"
        node = tree.question(node).answers[step.answer - 1].next
    return node


def answer_cover(tree: Tree) -> list[tuple[Step, ...]]:
    """Walks from the start to an outcome that take every answer at least once.

    Questions are taken in topological order; for each answer no walk has
    taken yet, a walk goes the first known way to its question, takes it, and
    goes on to an outcome by answers still untaken where there are any.
    """
    taken: set[Step] = set()
    walks: list[tuple[Step, ...]] = []
    for node_id in tree.analysis.order:
        if not tree.nodes[node_id].is_question:
            continue
        for answer in tree.question(node_id).answers:
            step = Step(node_id, answer.index)
            if step in taken:
                continue
            walk = [*tree.analysis.paths_to(node_id, limit=1)[0], step]
            node = answer.next
            while tree.nodes[node].is_question:
                answers = tree.question(node).answers
                chosen = next((a for a in answers if Step(node, a.index) not in taken), answers[0])
                walk.append(Step(node, chosen.index))
                node = chosen.next
            taken.update(walk)
            walks.append(tuple(walk))
    return walks
