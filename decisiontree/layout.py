"""Where everything of a chart goes: boxes, answer labels and edge routes, in pixels. No SVG here.

A layered layout in four steps, each linear in the size of what is drawn
(sorting aside):

1. Ranks. Layer `L` (the node's depth) is rank `2L`; the rank `2L + 1` below it
   holds the answer labels, one box per edge, so labels take up room like
   nodes do and never overlap. An edge spanning several layers also gets a
   point in every rank it passes, as long as the points stay within
   `DUMMY_FACTOR` times the node count (shortest edges first); the rest are
   drawn straight from their label to their target.
2. Order within ranks: `ORDER_PASSES` barycenter sweeps, alternately up and
   down, each followed by a few rounds of swapping neighbours that cross less
   the other way round; the order with the fewest crossings is kept.
3. Horizontal places: each rank in turn is pulled towards its neighbours in
   the rank above (then below), keeping the order and the minimum gaps
   (a weighted isotonic regression, solved by pooling adjacent violators).
   Then, boxes fixed, each label moves onto the line from its question to
   its target, and the points of each long edge line up where they can.
4. Vertical places and routes: every rank is as tall as its tallest box, and
   the gap below it grows with the widest step an edge takes across it;
   each edge leaves its question's box at a port of its own and runs through
   its label and its points to just above its target.

`layout()` takes the nodes and edges to draw and returns a `Layout`: plain
numbers that `decisiontree.draw` turns into SVG. Text is measured once per
tree (`Sizes`) and shared by every chart of it.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .geometry import (
    ARROW,
    BADGE_H,
    GAP_BELOW_LABELS,
    GAP_BELOW_NODES,
    MARGIN,
    NODE_W,
    OUTCOME_RX,
    QUESTION_RX,
    RING,
    STEEPNESS,
    EdgeRef,
    Item,
    Label,
    Sizes,
)
from .model import Tree
from .order import order
from .place import place

DUMMY_FACTOR = 4
"""Long edges get at most this many route points per node in total."""

# -- the result ------------------------------------------------------------------------


@dataclass(frozen=True)
class PlacedNode:
    """A node's box: its centre, its height and its text (a badge above the text on the current node)."""

    id: str
    x: float
    y: float
    height: float
    lines: list[str]
    badge: bool

    @property
    def top(self) -> float:
        return self.y - self.height / 2

    @property
    def bottom(self) -> float:
        return self.y + self.height / 2


@dataclass(frozen=True)
class PlacedLabel:
    """An answer's label: its centre, size and text."""

    x: float
    y: float
    width: float
    height: float
    lines: list[str]


@dataclass(frozen=True)
class PlacedEdge:
    """An answer's route: from its port under the question, through its label, to above its target."""

    edge: EdgeRef
    points: list[tuple[float, float]]
    """The route's points; the last is where the arrowhead starts."""
    tip: tuple[float, float]
    """Where the arrowhead points."""
    label: PlacedLabel


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    nodes: list[PlacedNode]
    """Layer by layer, left to right."""
    edges: list[PlacedEdge]
    """In the order they were given."""
    focus: tuple[float, float]
    """The centre of the node a reader should see first: the current node, else the start."""


# -- 1. ranks ------------------------------------------------------------------------


@dataclass
class _Graph:
    """The items to place, by rank, and each edge's chain of items from question to target."""

    items: list[Item]
    node_item: dict[str, int]
    chains: list[list[int]] = field(default_factory=list)
    ranks: list[list[int]] = field(default_factory=list)
    answers_drawn: dict[str, int] = field(default_factory=dict)


class Shapes:
    """The order and horizontal places of every chart shape laid out so far, for one tree's charts.

    Steps 2 and 3 read only the shape of what they place: each item's rank,
    width, kind and neighbours, and each label's port among its question's
    answers; never a text, a node id or a height. Two charts of the same
    shape (the neighbourhoods of two questions whose answers read alike,
    at the same place in the tree) get the same order and the same places,
    so the second takes them from here instead of working them out again.
    """

    def __init__(self) -> None:
        self._placed: dict[tuple[object, ...], tuple[list[list[int]], list[float]]] = {}
        self.hits = 0
        self.misses = 0

    def arrange(self, graph: _Graph) -> None:
        """Order and place `graph`'s items, or take both from a chart of the same shape."""
        items = graph.items
        key = _shape(graph)
        found = self._placed.get(key)
        if found is None:
            self.misses += 1
            order(items, graph.ranks)
            place(items, graph.ranks, graph.chains, graph.answers_drawn)
            self._placed[key] = ([list(rank) for rank in graph.ranks], [it.x for it in items])
            return
        self.hits += 1
        ranks, xs = found
        graph.ranks[:] = [list(rank) for rank in ranks]
        for it, x in zip(items, xs, strict=True):
            it.x = x


def _shape(graph: _Graph) -> tuple[object, ...]:
    """Everything of `graph` that ordering and placing read, as a key (items by index, so ranks stay valid).

    Each label adds how many answers of its question are drawn: where it
    wants to sit under its question depends on it.
    """
    items = graph.items
    drawn = graph.answers_drawn
    return (
        tuple(
            (
                it.rank,
                it.width,
                it.node is None,
                it.label,
                it.edge,
                it.port,
                drawn[items[it.up[0]].node or ""] if it.label else 0,
                tuple(it.up),
                tuple(it.down),
            )
            for it in items
        ),
        tuple(tuple(rank) for rank in graph.ranks),
        tuple(tuple(chain) for chain in graph.chains),
    )


def layout(
    tree: Tree,
    ids: Sequence[str],
    edges: Sequence[EdgeRef],
    *,
    current: str | None,
    sizes: Sizes | None = None,
    shapes: Shapes | None = None,
) -> Layout:
    """Place `ids` and `edges` (every edge between two of `ids`); `current` gets a badge.

    `shapes`, shared by the charts of one tree, keeps the order and places
    of each shape of chart, for the next chart of that shape.
    """
    sizes = sizes or Sizes(tree)
    graph = _ranks(tree, ids, edges, current, sizes)
    if shapes is None:
        order(graph.items, graph.ranks)
        place(graph.items, graph.ranks, graph.chains, graph.answers_drawn)
    else:
        shapes.arrange(graph)
    return _finish(tree, graph, edges, current, sizes)


def _ranks(tree: Tree, ids: Sequence[str], edges: Sequence[EdgeRef], current: str | None, sizes: Sizes) -> _Graph:
    depth = tree.analysis.depth
    layer_of = {d: i for i, d in enumerate(sorted({depth[n] for n in ids}))}
    graph = _Graph(items=[], node_item={})
    for n in ids:
        graph.node_item[n] = len(graph.items)
        box = sizes.box(n)
        height = box.height + (BADGE_H + 5 if n == current else 0)
        graph.items.append(Item(rank=2 * layer_of[depth[n]], width=NODE_W, height=height, node=n))
    spans = [layer_of[depth[e.answer.next]] - layer_of[depth[e.source]] for e in edges]
    routed = _routed(spans, DUMMY_FACTOR * len(ids))
    for e in edges:
        graph.answers_drawn[e.source] = graph.answers_drawn.get(e.source, 0) + 1
    answer_seen: dict[str, int] = {}
    for i, e in enumerate(edges):
        j = answer_seen.get(e.source, 0)
        answer_seen[e.source] = j + 1
        port = (j + 1) / (graph.answers_drawn[e.source] + 1) - 0.5
        graph.chains.append(_chain(graph, i, e, sizes.label(e), port, routed=routed[i]))
    ranks: list[list[int]] = [[] for _ in range(max(it.rank for it in graph.items) + 1)]
    for i, it in enumerate(graph.items):
        ranks[it.rank].append(i)
    graph.ranks = ranks
    return graph


def _routed(spans: Sequence[int], budget: int) -> list[bool]:
    """Which edges get a route point in every rank they pass: the shortest first, within `budget` points."""
    routed = [False] * len(spans)
    for i in sorted(range(len(spans)), key=lambda i: (spans[i], i)):
        cost = 2 * spans[i] - 2
        if cost > budget:
            break
        budget -= cost
        routed[i] = True
    return routed


def _chain(graph: _Graph, index: int, e: EdgeRef, label: Label, port: float, *, routed: bool) -> list[int]:
    """The items of edge `index`: its question, its label, its route points if `routed`, its target."""
    items = graph.items
    source = graph.node_item[e.source]
    chain = [source]
    rank = items[source].rank + 1
    items.append(
        Item(
            rank=rank,
            width=label.width,
            height=label.height,
            lines=label.lines,
            edge=index,
            label=True,
            port=port,
        )
    )
    chain.append(len(items) - 1)
    target_rank = items[graph.node_item[e.answer.next]].rank
    if routed:
        for r in range(rank + 1, target_rank):
            items.append(Item(rank=r, width=0.0, edge=index))
            chain.append(len(items) - 1)
    chain.append(graph.node_item[e.answer.next])
    for a, b in itertools.pairwise(chain):
        items[a].down.append(b)
        items[b].up.append(a)
    return chain


# -- 4. vertical places and routes ---------------------------------------------------------


def _spread(j: int, count: int, question: bool) -> float:
    """Where the `j`th of `count` edges leaves (or enters) a box, from the box's centre."""
    room = NODE_W - 2 * (QUESTION_RX if question else OUTCOME_RX) - 16
    step = min(18.0, room / max(1, count - 1))
    return (j - (count - 1) / 2) * step


def _ports(tree: Tree, graph: _Graph, edges: Sequence[EdgeRef]) -> tuple[dict[int, float], dict[int, float]]:
    """Where each edge leaves its question and enters its target, spread in the order of their neighbours."""
    items, chains, node_item = graph.items, graph.chains, graph.node_item
    out_x: dict[int, float] = {}
    in_x: dict[int, float] = {}
    outgoing: dict[str, list[int]] = {}
    incoming: dict[str, list[int]] = {}
    for e_index, e in enumerate(edges):
        outgoing.setdefault(e.source, []).append(e_index)
        incoming.setdefault(e.answer.next, []).append(e_index)
    for n, group in outgoing.items():
        group.sort(key=lambda k: (items[chains[k][1]].x, k))
        for j, k in enumerate(group):
            out_x[k] = items[node_item[n]].x + _spread(j, len(group), tree.nodes[n].is_question)
    for n, group in incoming.items():
        group.sort(key=lambda k: (items[chains[k][-2]].x, k))
        for j, k in enumerate(group):
            in_x[k] = items[node_item[n]].x + _spread(j, len(group), tree.nodes[n].is_question)
    return out_x, in_x


def _rank_heights(
    graph: _Graph, out_x: Mapping[int, float], in_x: Mapping[int, float]
) -> tuple[list[float], list[float]]:
    """Each rank's top and height.

    The gap below a rank grows with the widest step an edge takes across it,
    so steep fans still read as curves rather than flat lines.
    """
    items, ranks = graph.items, graph.ranks
    travel = [0.0] * len(ranks)
    for k, chain in enumerate(graph.chains):
        xs = [out_x[k], *(items[i].x for i in chain[1:-1]), in_x[k]]
        for (a, b), (x0, x1) in zip(itertools.pairwise(chain), itertools.pairwise(xs), strict=True):
            if items[b].rank == items[a].rank + 1:
                travel[items[a].rank] = max(travel[items[a].rank], abs(x1 - x0))
    tops: list[float] = []
    heights: list[float] = []
    y = MARGIN
    for r, rank in enumerate(ranks):
        h = max((items[i].height for i in rank), default=0.0)
        tops.append(y)
        heights.append(h)
        base = GAP_BELOW_NODES if r % 2 == 0 else GAP_BELOW_LABELS
        y += h + min(2 * base, max(base, STEEPNESS * travel[r]))
    return tops, heights


def _finish(tree: Tree, graph: _Graph, edges: Sequence[EdgeRef], current: str | None, sizes: Sizes) -> Layout:
    """Shift everything right of the margin, then place ranks vertically and route the edges."""
    items = graph.items
    left = min(it.x - it.width / 2 for it in items) - MARGIN
    for it in items:
        it.x -= left
    width = max(it.x + it.width / 2 for it in items) + MARGIN
    out_x, in_x = _ports(tree, graph, edges)
    tops, heights = _rank_heights(graph, out_x, in_x)

    def centre_y(i: int) -> float:
        return tops[items[i].rank] + heights[items[i].rank] / 2

    nodes = {
        it.node: PlacedNode(it.node, it.x, centre_y(i), it.height, sizes.box(it.node).lines, it.node == current)
        for i, it in enumerate(items)
        if it.node is not None
    }
    placed_edges = []
    for k, e in enumerate(edges):
        chain = graph.chains[k]
        target = nodes[e.answer.next]
        points = [(out_x[k], nodes[e.source].bottom)]
        for i in chain[1:-1]:
            it = items[i]
            if it.label:
                c = centre_y(i)
                points += [(it.x, c - it.height / 2), (it.x, c + it.height / 2)]
            else:
                points += [(it.x, tops[it.rank]), (it.x, tops[it.rank] + heights[it.rank])]
        tip = (in_x[k], target.top - (RING + 1 if target.id == current else 0))
        points.append((tip[0], tip[1] - ARROW + 1))
        label = items[chain[1]]
        placed = PlacedLabel(label.x, centre_y(chain[1]), label.width, label.height, label.lines)
        placed_edges.append(PlacedEdge(e, points, tip, placed))
    drawn = [nodes[items[i].node or ""] for rank in graph.ranks[::2] for i in rank if items[i].node is not None]
    first = nodes[current if current is not None else tree.start]
    return Layout(width, tops[-1] + heights[-1] + MARGIN, drawn, placed_edges, (first.x, first.y))
