"""Step 2 of the layout: the order of the boxes, labels and route points within each rank.

`ORDER_PASSES` barycenter sweeps, alternately down and up, each followed by
a few rounds of swapping neighbours that cross less the other way round;
the order with the fewest crossings between neighbouring ranks is kept.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .geometry import Item

ORDER_PASSES = 8
"""Sweeps, alternately up and down, each followed by swapping neighbours."""
TRANSPOSE_ROUNDS = 4


class _Ordering:
    """The order of every rank, and each item's place in its rank as a number from 0 to 1."""

    def __init__(self, items: list[Item], ranks: list[list[int]]) -> None:
        self.items = items
        self.ranks = ranks
        self.pos = [0.0] * len(items)
        for r in range(len(ranks)):
            self.number(r)

    def number(self, r: int) -> None:
        n = len(self.ranks[r])
        for p, i in enumerate(self.ranks[r]):
            self.pos[i] = (p + 0.5) / n

    def sweep(self, r: int, *, downwards: bool) -> None:
        """Sort rank `r` by the mean place of each item's neighbours above (or below)."""
        items, pos = self.items, self.pos
        keys: dict[int, float] = {}
        for i in self.ranks[r]:
            it = items[i]
            near = it.up if downwards else it.down
            if not near:
                keys[i] = pos[i]
                continue
            total = 0.0
            for other in near:
                total += pos[other]
                if downwards and it.label:
                    total += it.port / max(1, len(self.ranks[items[other].rank]))
            keys[i] = total / len(near)
        self.ranks[r].sort(key=lambda i: (keys[i], pos[i]))
        self.number(r)

    def sweeps(self, *, downwards: bool) -> None:
        order = range(1, len(self.ranks)) if downwards else range(len(self.ranks) - 2, -1, -1)
        for r in order:
            self.sweep(r, downwards=downwards)

    def sides(self, i: int) -> tuple[list[float], list[float]]:
        """The places of an item's neighbours in the rank above and in the rank below, sorted."""
        it, items, pos = self.items[i], self.items, self.pos
        above = sorted(pos[o] for o in it.up if items[o].rank == it.rank - 1)
        below = sorted(pos[o] for o in it.down if items[o].rank == it.rank + 1)
        return above, below

    def transpose(self, *, ties: bool) -> None:
        """Swap neighbours in a rank while that removes crossings (a few rounds at most).

        With `ties`, neighbours whose crossings stay the same swap too: two
        boxes whose edges cross either way may let the next rank untangle.
        """
        for _ in range(TRANSPOSE_ROUNDS):
            changed = False
            for r, rank in enumerate(self.ranks):
                # The ranks above and below keep their places while this one is reordered.
                sides = [self.sides(i) for i in rank]
                for p in range(len(rank) - 1):
                    (u_up, u_down), (v_up, v_down) = sides[p], sides[p + 1]
                    now = _inversions(u_up, v_up) + _inversions(u_down, v_down)
                    swapped = _inversions(v_up, u_up) + _inversions(v_down, u_down)
                    if swapped < now or (ties and 0 < swapped == now):
                        rank[p], rank[p + 1] = rank[p + 1], rank[p]
                        sides[p], sides[p + 1] = sides[p + 1], sides[p]
                        changed = changed or swapped < now
                self.number(r)
            if not changed:
                break


def order(items: list[Item], ranks: list[list[int]]) -> None:
    """Reorder every rank in place to reduce crossings (barycenter sweeps); keeps the best order seen."""
    ordering = _Ordering(items, ranks)
    ordering.sweeps(downwards=True)
    ordering.transpose(ties=False)
    best = _crossings(items, ranks)
    best_ranks = [list(rank) for rank in ranks]
    for upwards in itertools.islice(itertools.cycle((True, False)), ORDER_PASSES):
        if best == 0:
            break
        ordering.sweeps(downwards=not upwards)
        ordering.transpose(ties=upwards)
        crossings = _crossings(items, ranks)
        if crossings < best:
            best = crossings
            best_ranks = [list(rank) for rank in ranks]
    ranks[:] = best_ranks


def _inversions(left: list[float], right: list[float]) -> int:
    """How many a in `left` exceed how many b in `right` (both sorted), pair by pair.

    With the neighbour places of a box and of the box to its right, that is
    how often their edges cross.
    """
    count = 0
    j = 0
    for a in left:
        while j < len(right) and right[j] < a:
            j += 1
        count += j
    return count


def _crossings(items: list[Item], ranks: list[list[int]]) -> int:
    """Crossings between neighbouring ranks, counted as inversions with a Fenwick tree."""
    total = 0
    place = {i: p for rank in ranks for p, i in enumerate(rank)}
    for r in range(len(ranks) - 1):
        pairs = sorted((place[u], place[v]) for u in ranks[r] for v in items[u].down if items[v].rank == r + 1)
        size = len(ranks[r + 1])
        tree = [0] * (size + 1)
        for seen, (_, v) in enumerate(pairs):
            # count earlier segments ending right of v
            i, not_right = v + 1, 0
            while i > 0:
                not_right += tree[i]
                i -= i & -i
            total += seen - not_right
            i = v + 1
            while i <= size:
                tree[i] += 1
                i += i & -i
    return total
