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
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from markupsafe import Markup

from .draw import Figure, draw, figure
from .geometry import EdgeRef, Sizes
from .layout import Shapes, layout
from .measure import crossings
from .model import Question, Tree

__all__ = [
    "NEIGHBOURHOOD_FROM",
    "Charts",
    "Place",
    "chart_ids",
    "crossings",
    "first_levels",
    "neighbourhood",
    "render_chart",
    "whole",
]

NEIGHBOURHOOD_FROM = 12
"""Trees with more nodes than this draw only a node's neighbourhood on its own page."""
MAX_PARENTS = 3
MAX_GRANDPARENTS = 2
MAX_ANSWERS = 12
"""Answers followed per question in a neighbourhood."""
MAX_GRANDCHILDREN = 6
FIRST_LEVELS = 30
"""At most this many nodes on the start page of a tree whose whole chart has a page of its own."""


@dataclass(frozen=True)
class Place:
    """Where a chart stands: how it links to the nodes' pages and to the whole chart and the outline."""

    href: Callable[[str | None], str]
    """A node's page from here (`None`: the start page)."""
    whole: str
    """The whole chart, from here."""
    outline: str
    """The outline of every question and outcome, from here."""


class Charts:
    """The charts of one tree's pages, in one language; text is measured once and shared,
    and so are the order and places of charts of the same shape (`Shapes`).

    `apart` says whether the whole chart and the outline have pages of their
    own (a tree too large for its start page): the charts' descriptions say
    where the whole of it is.
    """

    def __init__(self, tree: Tree, strings: Mapping[str, str], *, apart: bool = False) -> None:
        self.tree = tree
        self.strings = strings
        self.sizes = Sizes(tree)
        self.shapes = Shapes()
        self.apart = apart

    def render(self, current: str | None, place: Place) -> Markup:
        """The chart of one page: the whole tree, or `current`'s neighbourhood."""
        tree, s = self.tree, self.strings
        if current is not None and current not in tree.nodes:
            raise TypeError(f"{current!r} is not a node of the tree")
        if current is not None and len(tree.nodes) > NEIGHBOURHOOD_FROM:
            ids, edges = neighbourhood(tree, current)
            desc = s["neighbourhood_desc_apart" if self.apart else "neighbourhood_desc"]
            return self._figure(ids, edges, current, place, name=s["neighbourhood"], desc=desc, partial=True)
        ids, edges = whole(tree)
        outcomes = sum(1 for node_id in ids if not tree.nodes[node_id].is_question)
        desc = s["chart_desc_apart" if self.apart else "chart_desc"]
        desc = desc.format(questions=len(ids) - outcomes, outcomes=outcomes)
        return self._figure(ids, edges, current, place, name=s["chart"], desc=desc, partial=False)

    def first_levels(self, place: Place) -> Markup:
        """The chart of a large tree's start page: its first levels, with a link to the whole chart."""
        ids, edges = first_levels(self.tree, FIRST_LEVELS)
        s = self.strings
        return self._figure(ids, edges, None, place, name=s["first_levels"], desc=s["first_levels_desc"], partial=True)

    def _figure(
        self,
        ids: list[str],
        edges: list[EdgeRef],
        current: str | None,
        place: Place,
        *,
        name: str,
        desc: str,
        partial: bool,
    ) -> Markup:
        tree = self.tree
        placed = layout(tree, ids, edges, current=current, sizes=self.sizes, shapes=self.shapes)
        drawing = draw(tree, placed, sizes=self.sizes, here_label=self.strings["you_are_here"], href=place.href)
        about = Figure(
            partial=partial,
            name=name,
            title=self.strings["chart_title"].format(title=tree.title),
            desc=desc,
            id_base=_id_base(tree),
            outline_url=place.outline,
            full_url=place.whole,
        )
        return figure(drawing, about, self.strings)


def _id_base(tree: Tree) -> str:
    """The start of the ids of a tree's chart (its title and description)."""
    return "dt-chart-" + ("-".join(re.findall(r"[A-Za-z0-9_-]+", tree.slug)) or "tree")


def chart_ids(tree: Tree) -> tuple[str, ...]:
    """The ids every chart of `tree` gives its page: the figure, the drawing's title and its description."""
    base = _id_base(tree)
    return ("dt-chart", f"{base}-title", f"{base}-desc")


def render_chart(
    tree: Tree,
    *,
    current: str | None,
    href: Callable[[str | None], str],
    strings: Mapping[str, str],
) -> Markup:
    """The flowchart figure for one page of a tree whose whole chart is on its start page."""
    start = "" if current is None else href(None)
    place = Place(href, whole=href(None) + "#dt-chart", outline=start + "#dt-outline")
    return Charts(tree, strings).render(current, place)


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


def first_levels(tree: Tree, limit: int) -> tuple[list[str], list[EdgeRef]]:
    """The nodes a few answers from the start: whole levels (by fewest answers), at most `limit` nodes.

    When the start has more answers than that, the start and the first
    `limit - 1` nodes its answers lead to. Every answer between two of the
    nodes is drawn.
    """
    distance = {tree.start: 0}
    reached = [tree.start]
    for node_id in reached:  # breadth first: grows while it is read
        node = tree.nodes[node_id]
        if isinstance(node, Question):
            for answer in node.answers:
                if answer.next not in distance:
                    distance[answer.next] = distance[node_id] + 1
                    reached.append(answer.next)
    per_level = Counter(distance.values())
    total, deepest = 0, -1
    for level in range(max(per_level) + 1):
        if total + per_level[level] > limit:
            break
        total += per_level[level]
        deepest = level
    kept = [n for n in reached if distance[n] <= deepest] if deepest >= 1 else reached[:limit]
    keep = set(kept)
    ids = [n for n in tree.analysis.order if n in keep]
    edges = [
        EdgeRef(n, a) for n in ids if isinstance(q := tree.nodes[n], Question) for a in q.answers if a.next in keep
    ]
    return ids, edges
