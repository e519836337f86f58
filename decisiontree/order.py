"""Step 2 of the layout: the order of the boxes, labels and route points within each rank.

`ORDER_PASSES` barycenter sweeps, alternately down and up, each followed by
a few rounds of swapping neighbours that cross less the other way round;
the order with the fewest crossings between neighbouring ranks is kept.
Passes stop early once a pass ends on the order of two passes before: from
there on they would only repeat themselves. The
whole chart of a tree of thousands of nodes gets fewer passes
(`ORDER_WORK`), so its cost stays in step with its size.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .geometry import Item

ORDER_PASSES = 8
"""Sweeps, alternately up and down, each followed by swapping neighbours."""
ORDER_WORK = 100_000
"""Items times passes at most: a chart of thousands of nodes gets fewer passes (at least one)."""
TRANSPOSE_ROUNDS = 4


class _Ordering:
    """The order of every rank, and each item's place in its rank as a number from 0 to 1."""

    def __init__(self, items: list[Item], ranks: list[list[int]]) -> None:
        self.items = items
        self.ranks = ranks
        self.pos = [0.0] * len(items)
        for r in range(len(ranks)):
            self.number(r)
        self.above = [[o for o in it.up if items[o].rank == it.rank - 1] for it in items]
        """Each item's neighbours in the rank just above (an edge may skip ranks)."""
        self.below = [[o for o in it.down if items[o].rank == it.rank + 1] for it in items]

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

    def transpose(self, *, ties: bool) -> None:
        """Swap neighbours in a rank while that removes crossings (a few rounds at most).

        With `ties`, neighbours whose crossings stay the same swap too: two
        boxes whose edges cross either way may let the next rank untangle.
        """
        ranks = self.ranks
        version = [0] * len(ranks)
        """How often each rank's order has changed in this call."""
        settled: dict[int, tuple[int, int, int]] = {}
        """Ranks that found nothing to swap, with the versions of their neighbourhood then: the same again."""
        for _ in range(TRANSPOSE_ROUNDS):
            changed = False
            for r, rank in enumerate(ranks):
                state = (version[r - 1] if r else -1, version[r], version[r + 1] if r + 1 < len(ranks) else -1)
                if len(rank) < 2 or settled.get(r) == state:
                    continue
                swaps, improved = self.swap_pass(rank, ties=ties)
                changed = changed or improved
                if swaps:
                    self.number(r)
                    version[r] += 1
                    settled.pop(r, None)
                else:
                    settled[r] = state
            if not changed:
                break

    def swap_pass(self, rank: list[int], *, ties: bool) -> tuple[bool, bool]:
        """One pass of swaps along a rank: whether any pair swapped, and whether any swap removed crossings."""
        # The ranks above and below keep their places while this one is reordered.
        ups = self.places(rank, self.above)
        downs = self.places(rank, self.below)
        swaps = improved = False
        for p in range(len(rank) - 1):
            u, v = ups[p], ups[p + 1]
            if len(u) == 1 and len(v) == 1:  # the common case, counted here without a call
                now, swapped = int(v[0] < u[0]), int(u[0] < v[0])
            else:
                now, swapped = _pair(u, v)
            u, v = downs[p], downs[p + 1]
            if len(u) == 1 and len(v) == 1:
                now += v[0] < u[0]
                swapped += u[0] < v[0]
            else:
                now_down, swapped_down = _pair(u, v)
                now += now_down
                swapped += swapped_down
            if swapped < now or (ties and 0 < swapped == now):
                rank[p], rank[p + 1] = rank[p + 1], rank[p]
                ups[p], ups[p + 1] = ups[p + 1], ups[p]
                downs[p], downs[p + 1] = downs[p + 1], downs[p]
                improved = improved or swapped < now
                swaps = True
        return swaps, improved

    def places(self, rank: list[int], near: list[list[int]]) -> list[list[float]]:
        """The places of each item's neighbours (in `near`: the rank above, or below), sorted."""
        pos = self.pos
        found = []
        for i in rank:
            places = [pos[o] for o in near[i]]
            if len(places) > 1:
                places.sort()
            found.append(places)
        return found


def order(items: list[Item], ranks: list[list[int]]) -> None:
    """Reorder every rank in place to reduce crossings (barycenter sweeps); keeps the best order seen."""
    ordering = _Ordering(items, ranks)
    ordering.sweeps(downwards=True)
    ordering.transpose(ties=False)
    best = _crossings(items, ranks)
    best_ranks = [list(rank) for rank in ranks]
    before: list[list[int]] | None = None
    last = best_ranks
    """The orders after the pass before last and after the last (the first sweep counts as a pass down)."""
    passes = min(ORDER_PASSES, max(1, ORDER_WORK // max(1, len(items))))
    for upwards in itertools.islice(itertools.cycle((True, False)), passes):
        if best == 0:
            break
        ordering.sweeps(downwards=not upwards)
        ordering.transpose(ties=upwards)
        now = [list(rank) for rank in ranks]
        if now == before:
            # A pass depends only on the order it starts from and its direction: back at the
            # order of two passes ago, the passes to come would repeat the last two, already counted.
            break
        before, last = last, now
        crossings = _crossings(items, ranks)
        if crossings < best:
            best = crossings
            best_ranks = now
    ranks[:] = best_ranks


def _pair(left: list[float], right: list[float]) -> tuple[int, int]:
    """`_inversions`, answered at once for the common pairs: one neighbour each, or none."""
    if len(left) == 1 and len(right) == 1:
        a, b = left[0], right[0]
        return (1, 0) if b < a else (0, 1) if a < b else (0, 0)
    if not left or not right:
        return 0, 0
    return _inversions(left, right)


def _inversions(left: list[float], right: list[float]) -> tuple[int, int]:
    """How often the edges of two neighbouring boxes cross, as they stand and swapped.

    `left` and `right` are the sorted places of their neighbours (in the rank
    above, or below); the edges cross once for each a in `left` greater than
    a b in `right`, and, swapped, for each a less than a b.
    """
    if len(left) == 1 and len(right) == 1:
        a, b = left[0], right[0]
        return (1, 0) if b < a else (0, 1) if a < b else (0, 0)
    now = swapped = 0
    below = not_above = 0
    for a in left:
        while below < len(right) and right[below] < a:
            below += 1
        while not_above < len(right) and right[not_above] <= a:
            not_above += 1
        now += below
        swapped += len(right) - not_above
    return now, swapped


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
