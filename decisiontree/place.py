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
    """Horizontal places, rank by rank, keeping each rank's order and minimum gaps."""

    def __init__(self, items: list[Item], answers_drawn: Mapping[str, int]) -> None:
        self.items = items
        self.answers_drawn = answers_drawn

    def offset(self, label: Item) -> float:
        question = self.items[label.up[0]]
        return _port_offset(label, self.answers_drawn[question.node or ""])

    def solve(self, rank: list[int], wanted: list[float], weights: list[float]) -> None:
        items = self.items
        gaps = [_gap(items[a], items[b]) for a, b in itertools.pairwise(rank)]
        for i, x in zip(rank, _isotonic(wanted, weights, gaps), strict=True):
            items[i].x = x

    def pull(self, rank: list[int], *, downwards: bool) -> None:
        """Move a rank towards the mean place of its neighbours above (or below)."""
        items = self.items
        wanted: list[float] = []
        weights: list[float] = []
        for i in rank:
            it = items[i]
            near = it.up if downwards else it.down
            if not near:
                wanted.append(it.x)
                weights.append(0.01)
                continue
            total = 0.0
            for other in near:
                o = items[other]
                if it.label and downwards:
                    total += o.x + self.offset(it)
                elif o.label and not downwards:
                    total += o.x - self.offset(o)
                else:
                    total += o.x
            wanted.append(total / len(near))
            weights.append(len(near) * (4.0 if it.node is None and not it.label else 1.0))
        self.solve(rank, wanted, weights)

    def straighten(self, rank: list[int], straight: list[float], chains: Sequence[list[int]]) -> None:
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
                port = items[it.up[0]].x + self.offset(it)
                wanted.append(port + LABEL_AT * (items[it.down[0]].x - port))
                weights.append(1.0)
            else:
                wanted.append(items[it.up[0]].x)
                weights.append(1.0)
        self.solve(rank, wanted, weights)


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
    placing = _Placing(items, answers_drawn)
    for _ in range(PLACE_PASSES):
        for r in range(1, len(ranks)):
            placing.pull(ranks[r], downwards=True)
        for r in range(len(ranks) - 2, -1, -1):
            placing.pull(ranks[r], downwards=False)
    straight = [_median([items[i].x for i in chain[2:-1]]) for chain in chains]
    for rank in ranks[1:]:
        placing.straighten(rank, straight, chains)


def _median(values: list[float]) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def _isotonic(wanted: Sequence[float], weights: Sequence[float], gaps: Sequence[float]) -> list[float]:
    """Closest places to `wanted` (weighted least squares) with x[k+1] - x[k] >= gaps[k]."""
    shift = [0.0]
    for g in gaps:
        shift.append(shift[-1] + g)
    blocks: list[list[float]] = []  # [weight, weighted sum, count]
    for w, want, s in zip(weights, wanted, shift, strict=True):
        blocks.append([w, w * (want - s), 1])
        while len(blocks) > 1 and blocks[-2][1] / blocks[-2][0] >= blocks[-1][1] / blocks[-1][0]:
            last = blocks.pop()
            blocks[-1][0] += last[0]
            blocks[-1][1] += last[1]
            blocks[-1][2] += last[2]
    out: list[float] = []
    for w, total, count in blocks:
        out.extend([total / w] * int(count))
    return [z + s for z, s in zip(out, shift, strict=True)]
