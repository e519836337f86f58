"""The flowchart view: what each page's chart shows, laid out and drawn as inline SVG at build time.

A start page draws the whole tree. With more than `NEIGHBOURHOOD_FROM`
nodes, a question or outcome page draws only the nodes around its own node
(a bounded number), so pages do not grow with the tree. `Charts` draws the
charts of one tree's pages, measuring the text of its boxes once for all of
them; `decisiontree.layout` places what is drawn and `decisiontree.draw`
writes the SVG (its module documentation holds the contract with the
stylesheet and the script).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from markupsafe import Markup

from .draw import Figure, draw, figure
from .geometry import EdgeRef, Sizes
from .layout import layout
from .measure import crossings
from .model import Question, Tree

__all__ = ["NEIGHBOURHOOD_FROM", "Charts", "crossings", "neighbourhood", "render_chart", "whole"]

NEIGHBOURHOOD_FROM = 12
"""Trees with more nodes than this draw only a node's neighbourhood on its own page."""
MAX_PARENTS = 3
MAX_GRANDPARENTS = 2
MAX_ANSWERS = 12
"""Answers followed per question in a neighbourhood."""
MAX_GRANDCHILDREN = 6


class Charts:
    """The charts of one tree's pages, in one language; text is measured once and shared."""

    def __init__(self, tree: Tree, strings: Mapping[str, str]) -> None:
        self.tree = tree
        self.strings = strings
        self.sizes = Sizes(tree)

    def render(self, current: str | None, href: Callable[[str | None], str]) -> Markup:
        """The chart of one page: the whole tree, or `current`'s neighbourhood; `href` links a node from that page."""
        tree, s = self.tree, self.strings
        if current is not None and current not in tree.nodes:
            raise TypeError(f"{current!r} is not a node of the tree")
        partial = current is not None and len(tree.nodes) > NEIGHBOURHOOD_FROM
        ids, edges = neighbourhood(tree, current) if partial and current is not None else whole(tree)
        placed = layout(tree, ids, edges, current=current, sizes=self.sizes)
        drawing = draw(tree, placed, sizes=self.sizes, here_label=s["you_are_here"])
        if partial:
            desc = s["neighbourhood_desc"]
        else:
            outcomes = sum(1 for node_id in ids if not tree.nodes[node_id].is_question)
            desc = s["chart_desc"].format(questions=len(ids) - outcomes, outcomes=outcomes)
        start = "" if current is None else href(None)
        about = Figure(
            partial=partial,
            title=s["chart_title"].format(title=tree.title),
            desc=desc,
            id_base="dt-chart-" + ("-".join(re.findall(r"[A-Za-z0-9_-]+", tree.slug)) or "tree"),
            outline_url=start + "#dt-outline",
            full_url=href(None) + "#dt-chart",
            href=href,
        )
        return figure(drawing, about, s)


def render_chart(
    tree: Tree,
    *,
    current: str | None,
    href: Callable[[str | None], str],
    strings: Mapping[str, str],
) -> Markup:
    """The flowchart figure for one page: the whole tree, or `current`'s neighbourhood."""
    return Charts(tree, strings).render(current, href)


def whole(tree: Tree) -> tuple[list[str], list[EdgeRef]]:
    """Every node, in walking order, and every answer."""
    ids = list(tree.analysis.order)
    edges = [EdgeRef(q.id, a) for q in (tree.nodes[i] for i in ids) if isinstance(q, Question) for a in q.answers]
    return ids, edges


def neighbourhood(tree: Tree, current: str) -> tuple[list[str], list[EdgeRef]]:
    """The current node, a few parents and grandparents, its children and grandchildren.

    Every step reads only a bounded number of answers and parents, so the
    cost does not depend on the size of the tree.
    """
    keep: dict[str, None] = {current: None}
    edges: dict[tuple[str, int], EdgeRef] = {}
    _ancestors(tree, current, keep, edges)
    _descendants(tree, current, keep)
    ids = list(keep)
    for node_id in ids:
        kept = tree.nodes[node_id]
        if isinstance(kept, Question):
            for answer in kept.answers[:MAX_ANSWERS]:
                if answer.next in keep:
                    edges.setdefault((kept.id, answer.index), EdgeRef(kept.id, answer))
    place = {node_id: i for i, node_id in enumerate(ids)}
    depth = tree.analysis.depth
    ordered = sorted(edges.values(), key=lambda e: (depth[e.source], place[e.source], e.answer.index))
    ids.sort(key=lambda n: (depth[n], place[n]))
    return ids, ordered


def _ancestors(tree: Tree, current: str, keep: dict[str, None], edges: dict[tuple[str, int], EdgeRef]) -> None:
    """Up to `MAX_PARENTS` parents of `current` and `MAX_GRANDPARENTS` of theirs, with the answers between."""

    def add_parents(child: str, limit: int) -> list[str]:
        found: list[str] = []
        for step in tree.analysis.parents[child][: limit * MAX_ANSWERS]:
            if step.question not in keep:
                if len(found) >= limit:
                    continue
                keep[step.question] = None
                found.append(step.question)
            question = tree.question(step.question)
            edges.setdefault((question.id, step.answer), EdgeRef(question.id, question.answers[step.answer - 1]))
        return found

    grandparents = 0
    for parent in add_parents(current, MAX_PARENTS):
        if grandparents < MAX_GRANDPARENTS:
            grandparents += len(add_parents(parent, MAX_GRANDPARENTS - grandparents))


def _descendants(tree: Tree, current: str, keep: dict[str, None]) -> None:
    """Where `current`'s answers lead, and up to `MAX_GRANDCHILDREN` nodes one step further."""
    node = tree.nodes[current]
    children: list[str] = []
    if isinstance(node, Question):
        for answer in node.answers[:MAX_ANSWERS]:
            if answer.next not in keep:
                keep[answer.next] = None
                children.append(answer.next)
    grandchildren = 0
    for child in children:
        child_node = tree.nodes[child]
        if not isinstance(child_node, Question):
            continue
        for answer in child_node.answers[:MAX_ANSWERS]:
            if answer.next not in keep and grandchildren < MAX_GRANDCHILDREN:
                keep[answer.next] = None
                grandchildren += 1
