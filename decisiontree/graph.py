"""Graph rules and graph facts: cycles, reachability, order, depth, progress, paths (`walks`).

Every function here is iterative (no recursion) and linear in the number of
nodes plus answers, so a chain a thousand questions deep is no harder than a
wide, shallow tree.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice

from .errors import TreeError
from .model import Node, Question


@dataclass(frozen=True)
class Step:
    """One answer taken on a path: the question and the answer's 1-based index."""

    question: str
    answer: int


def _children(node: Node) -> list[str]:
    return [a.next for a in node.answers] if isinstance(node, Question) else []


def graph_errors(path: str, nodes: Mapping[str, Node], start: str | None) -> list[TreeError]:
    """Cycles, and nodes that no path from `start` reaches.

    Answers whose `next` names no node are ignored here (they are reported
    by the loader); unreachable nodes are only reported when every reference
    resolves, so one typo in a `next` does not also flag its intended target.
    """
    errors = _cycle_errors(path, nodes)
    references_ok = start in nodes and all(c in nodes for n in nodes.values() for c in _children(n))
    if references_ok and not errors and start is not None:
        seen = _reachable(nodes, start)
        for node in nodes.values():
            if node.id not in seen:
                errors.append(
                    TreeError(
                        path,
                        node.pos.line,
                        node.pos.column,
                        f"no path from the start question '{start}' reaches this node; "
                        "link to it from an answer or remove it",
                        node=node.id,
                    )
                )
    return errors


def _reachable(nodes: Mapping[str, Node], start: str) -> set[str]:
    seen = {start}
    queue = deque([start])
    while queue:
        for child in _children(nodes[queue.popleft()]):
            if child in nodes and child not in seen:
                seen.add(child)
                queue.append(child)
    return seen


def _cycle_errors(path: str, nodes: Mapping[str, Node]) -> list[TreeError]:
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(nodes, white)
    errors: list[TreeError] = []
    for root in nodes:
        if colour[root] != white:
            continue
        colour[root] = grey
        stack: list[tuple[str, int]] = [(root, 0)]
        while stack:
            node_id, i = stack[-1]
            node = nodes[node_id]
            answers = node.answers if isinstance(node, Question) else ()
            if i == len(answers):
                colour[node_id] = black
                stack.pop()
                continue
            stack[-1] = (node_id, i + 1)
            answer = answers[i]
            child = answer.next
            if child not in nodes:
                continue
            if colour[child] == white:
                colour[child] = grey
                stack.append((child, 0))
            elif colour[child] == grey:
                ids = [s[0] for s in stack]
                cycle = [*ids[ids.index(child) :], child]
                errors.append(
                    TreeError(
                        path,
                        answer.next_pos.line,
                        answer.next_pos.column,
                        "this answer closes a cycle: " + " → ".join(cycle),
                        node=node_id,
                        field="next",
                    )
                )
    return errors


@dataclass(frozen=True)
class Analysis:
    """Facts about a valid tree (acyclic, every node reachable), computed once."""

    order: tuple[str, ...]
    """Topological order, the start first; ties keep file order."""
    parents: dict[str, tuple[Step, ...]]
    """For each node, the answers that lead to it."""
    depth: dict[str, int]
    """Longest number of answers from the start to the node: its layer in the chart."""
    min_questions: dict[str, int]
    """Fewest questions from this node (itself included) to an outcome."""
    max_questions: dict[str, int]
    """Most questions from this node (itself included) to an outcome."""
    path_count: dict[str, int]
    """How many answer paths lead from the start to the node."""

    @property
    def longest(self) -> int:
        """Most questions on any path from the start."""
        return self.max_questions[self.order[0]] if self.order else 0

    @property
    def answer_paths(self) -> int:
        """Number of complete paths from the start to any outcome."""
        return sum(self.path_count[n] for n in self.order if self.max_questions[n] == 0)

    def remaining(self, node_id: str) -> tuple[int, int]:
        """Questions still to come after this question: (at least, at most)."""
        return self.min_questions[node_id] - 1, self.max_questions[node_id] - 1

    def paths_to(self, node_id: str, *, limit: int) -> list[tuple[Step, ...]]:
        """Up to `limit` answer paths from the start to the node, in a stable order.

        `walks` backwards along `parents`; every backward walk ends at the start
        (it is the only node without parents), so no work is wasted and the
        cost is `limit` times the path length.
        """
        back = walks(node_id, lambda n: [(step, step.question) for step in self.parents[n]])
        return [tuple(reversed(trail)) for _, trail in islice(back, limit)]


def walks(first: str, onward: Callable[[str], Sequence[tuple[Step, str]]]) -> Iterator[tuple[str, tuple[Step, ...]]]:
    """Every walk from `first` to a node with no way on, lazily: each as its end and its steps.

    `onward(node)` gives the ways on from a node, in order, each as the step
    taken and the node it reaches; walks come first ways first. Forward along
    answers these are the answer paths; backward along `parents`, the paths
    into a node, last step first. Without recursion; in a valid tree every way
    on ends somewhere, so taking the first `n` walks costs `n` times their length.
    """
    trail: list[Step] = []
    stack: list[tuple[str, Sequence[tuple[Step, str]], int]] = [(first, onward(first), 0)]
    while stack:
        node, ways, i = stack[-1]
        if not ways:
            yield node, tuple(trail)
        if i == len(ways):
            stack.pop()
            if trail:
                trail.pop()
            continue
        stack[-1] = (node, ways, i + 1)
        step, reached = ways[i]
        trail.append(step)
        stack.append((reached, onward(reached), 0))


def analyse(nodes: Mapping[str, Node], start: str) -> Analysis:
    """Compute the facts of a tree that `graph_errors` found nothing wrong with."""
    file_index = {node_id: i for i, node_id in enumerate(nodes)}
    parents: dict[str, list[Step]] = {node_id: [] for node_id in nodes}
    indegree = dict.fromkeys(nodes, 0)
    for node in nodes.values():
        if isinstance(node, Question):
            for answer in node.answers:
                parents[answer.next].append(Step(node.id, answer.index))
                indegree[answer.next] += 1

    order: list[str] = []
    ready = deque([start])
    while ready:
        node_id = ready.popleft()
        order.append(node_id)
        new = []
        for child in _children(nodes[node_id]):
            indegree[child] -= 1
            if indegree[child] == 0:
                new.append(child)
        ready.extend(sorted(set(new), key=file_index.__getitem__))

    depth = dict.fromkeys(order, 0)
    path_count = dict.fromkeys(order, 0)
    path_count[start] = 1
    for node_id in order:
        for child in _children(nodes[node_id]):
            depth[child] = max(depth[child], depth[node_id] + 1)
            path_count[child] += path_count[node_id]

    lo: dict[str, int] = {}
    hi: dict[str, int] = {}
    for node_id in reversed(order):
        kids = _children(nodes[node_id])
        lo[node_id] = 1 + min(lo[c] for c in kids) if kids else 0
        hi[node_id] = 1 + max(hi[c] for c in kids) if kids else 0

    rank = {node_id: i for i, node_id in enumerate(order)}
    return Analysis(
        order=tuple(order),
        parents={k: tuple(sorted(v, key=lambda s: (rank[s.question], s.answer))) for k, v in parents.items()},
        depth=depth,
        min_questions=lo,
        max_questions=hi,
        path_count=path_count,
    )
