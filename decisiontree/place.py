"""Step 3 of the layout: where each box, label and route point stands across its rank.

Each rank in turn is pulled towards its neighbours in the rank above (then
below), keeping its order and the minimum gaps: a weighted isotonic
regression, solved by pooling adjacent violators. Then, with the boxes
fixed, each label moves onto the line from its question to its target, and
the points of each long edge line up where they can.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

from .geometry import LABEL_MAX_W, NODE_W, Item

PLACE_PASSES = 4
LABEL_AT = 0.35
"""Where a label sits between its question and the edge's next point, from 0 to 1."""
GAP_NODES = 40.0
GAP_LABELS = 14.0
GAP_POINTS = 10.0


def _gap(a: Item, b: Item) -> float:
    if a.node is not None and b.node is not None:
        space = GAP_NODES
    elif a.label and b.label:
        space = GAP_LABELS
    elif a.node is not None or b.node is not None:
        space = GAP_NODES / 2
    else:
        space = GAP_POINTS
    return (a.width + b.width) / 2 + space


def _port_offset(item: Item, answers: int) -> float:
    """Where a label wants to sit relative to its question: spread under the box."""
    spread = min(NODE_W, (LABEL_MAX_W + GAP_LABELS) * max(0, answers - 1))
    return item.port * (answers + 1) / max(1, answers) * spread if answers > 1 else 0.0


class _Placing:
    """Horizontal places, rank by rank, keeping each rank's order and minimum gaps.

    What does not change while items move (each label's offset from its
    question, each item's weight, each rank's gaps) is worked out once.
    """

    def __init__(self, items: list[Item], ranks: list[list[int]], answers_drawn: Mapping[str, int]) -> None:
        self.items = items
        self.offsets = [
            _port_offset(it, answers_drawn[items[it.up[0]].node or ""]) if it.label else 0.0 for it in items
        ]
        """For a label: where it wants to sit relative to its question."""
        self.weights = [
            (len(it.up) * _weight(it) if it.up else 0.01, len(it.down) * _weight(it) if it.down else 0.01)
            for it in items
        ]
        """How strongly each item is pulled towards the rank above, and towards the rank below."""
        self.shifts = [_shift([_gap(items[a], items[b]) for a, b in itertools.pairwise(rank)]) for rank in ranks]
        """For each rank: how far each item must stand at least from the first."""

    def solve(self, r: int, rank: list[int], wanted: list[float], weights: list[float]) -> None:
        items = self.items
        for i, x in zip(rank, _isotonic(wanted, weights, self.shifts[r]), strict=True):
            items[i].x = x

    def pull(self, r: int, rank: list[int], *, downwards: bool) -> None:
        """Move a rank towards the mean place of its neighbours above (or below)."""
        items, offsets = self.items, self.offsets
        wanted: list[float] = []
        for i in rank:
            it = items[i]
            near = it.up if downwards else it.down
            if not near:
                wanted.append(it.x)
                continue
            total = 0.0
            if downwards and it.label:
                for other in near:
                    total += items[other].x + offsets[i]
            elif downwards:
                for other in near:
                    total += items[other].x
            else:
                for other in near:
                    o = items[other]
                    total += o.x - offsets[other] if o.label else o.x
            wanted.append(total / len(near))
        self.solve(r, rank, wanted, [self.weights[i][0 if downwards else 1] for i in rank])

    def straighten(self, r: int, rank: list[int], straight: list[float], chains: Sequence[list[int]]) -> None:
        """With the boxes fixed, put labels on their edge's line and a long edge's points in a row."""
        items = self.items
        wanted = []
        weights = []
        for i in rank:
            it = items[i]
            if it.node is not None:
                wanted.append(it.x)
                weights.append(1000.0)
            elif it.label and len(chains[it.edge or 0]) > 3:
                wanted.append(straight[it.edge or 0])
                weights.append(1.0)
            elif it.label:
                port = items[it.up[0]].x + self.offsets[i]
                wanted.append(port + LABEL_AT * (items[it.down[0]].x - port))
                weights.append(1.0)
            else:
                wanted.append(items[it.up[0]].x)
                weights.append(1.0)
        self.solve(r, rank, wanted, weights)


def _weight(item: Item) -> float:
    """Route points are pulled four times as hard as boxes: long edges run straight."""
    return 4.0 if item.node is None and not item.label else 1.0


def place(
    items: list[Item], ranks: list[list[int]], chains: Sequence[list[int]], answers_drawn: Mapping[str, int]
) -> None:
    """Horizontal places: each rank pulled towards a neighbouring rank, keeping order and gaps.

    Then, with the boxes fixed, every label goes on the line from its
    question to its target, and the label and route points of each long edge
    line up on one vertical where they can.
    """
    for rank in ranks:
        x = 0.0
        for p, i in enumerate(rank):
            if p:
                x += _gap(items[rank[p - 1]], items[i])
            items[i].x = x
    placing = _Placing(items, ranks, answers_drawn)
    before = [it.x for it in items]
    for _ in range(PLACE_PASSES):
        for r in range(1, len(ranks)):
            placing.pull(r, ranks[r], downwards=True)
        for r in range(len(ranks) - 2, -1, -1):
            placing.pull(r, ranks[r], downwards=False)
        after = [it.x for it in items]
        if after == before:
            break  # a pass depends only on the places it starts from: the next would change nothing either
        before = after
    straight = [_median([items[i].x for i in chain[2:-1]]) for chain in chains]
    for r in range(1, len(ranks)):
        placing.straighten(r, ranks[r], straight, chains)


def _median(values: list[float]) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def _shift(gaps: Sequence[float]) -> list[float]:
    """The least distance of each item from the first, given the least gap after each."""
    shift = [0.0]
    for g in gaps:
        shift.append(shift[-1] + g)
    return shift


def _isotonic(wanted: Sequence[float], weights: Sequence[float], shift: Sequence[float]) -> list[float]:
    """Closest places to `wanted` (weighted least squares) that stand at least `shift` from the first.

    Pools adjacent violators: blocks of items that move together, each
    block's weight, weighted sum and count kept in three lists.
    """
    weight: list[float] = []
    total: list[float] = []
    count: list[int] = []
    for w, want, s in zip(weights, wanted, shift, strict=True):
        weight.append(w)
        total.append(w * (want - s))
        count.append(1)
        while len(weight) > 1 and total[-2] / weight[-2] >= total[-1] / weight[-1]:
            w_last, t_last, c_last = weight.pop(), total.pop(), count.pop()
            weight[-1] += w_last
            total[-1] += t_last
            count[-1] += c_last
    out: list[float] = []
    for w, t, c in zip(weight, total, count, strict=True):
        out.extend([t / w] * c)
    return [z + s for z, s in zip(out, shift, strict=True)]
