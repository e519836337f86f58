"""The flowchart view: a layered drawing of the tree as inline SVG, made at build time.

Layout, in four steps, each linear in the size of what is drawn (sorting aside):

1. Ranks. Layer `L` (the node's depth) is rank `2L`; the rank `2L + 1` below it
   holds the answer labels, one box per edge, so labels take up room like
   nodes do and never overlap. An edge spanning several layers also gets a
   point in every rank it passes, as long as the points stay within
   `DUMMY_FACTOR` times the node count (shortest edges first); the rest are
   drawn straight from their label to their target.
2. Order within ranks: `ORDER_PASSES` barycenter sweeps, alternately up and
   down, each followed by a few rounds of swapping neighbours that cross less
   the other way round; the order with the fewest crossings is kept.
   `crossings()` counts the crossings of the finished drawing (or of any SVG
   edge paths, such as Graphviz's), so layouts can be compared.
3. Horizontal places: each rank in turn is pulled towards its neighbours in
   the rank above (then below), keeping the order and the minimum gaps
   (a weighted isotonic regression, solved by pooling adjacent violators).
   Then, boxes fixed, each label moves onto the line from its question to
   its target, and the points of each long edge line up where they can.
4. Vertical places and paths: every rank is as tall as its tallest box, and
   the gap below it grows with the widest step an edge takes across it;
   edges are smooth curves through their points, ending in an arrowhead.

With more than `NEIGHBOURHOOD_FROM` nodes, a question or outcome page draws
only the nodes around its own node (a bounded number), so pages do not grow
with the tree; the start page always draws the whole tree.

Contract with the stylesheet and the script
-------------------------------------------
- `figure.dt-chart#dt-chart` (`.dt-chart--neighbourhood` when only part of
  the tree is drawn) holds `figcaption.dt-chart-caption`, the controls
  `div.dt-chart-tools[hidden]` (buttons `.dt-chart-tool` with `data-zoom`
  `out`, `in`, `fit`, `full` and a hidden `close`, and a status
  `span.dt-chart-scale`; the script shows them where the chart is wider
  than its box and sizes the SVG from its `width` and `height`) and the
  scroll box `div.dt-chart-scroll`, which holds `svg.dt-chart-svg` and an empty
  `span.dt-chart-start` placed on the centre of the page's node (the start
  node on the start page): the stylesheet makes it the box's initial scroll
  target, so a chart wider than its box opens on that node; a script can
  scroll it into view where browsers lack `scroll-initial-target`.
- Every node is `a.dt-node` with `.dt-node--question` or `.dt-node--outcome`
  and `data-node="<node id>"`, linking to the node's page with `xlink:href`
  (not `href`: Material's instant navigation assigns `el.href = el.href` to
  every `[href]` element of a page it loads, which throws on SVG links, whose
  `href` is read-only); the page's own node also has
  `.dt-node--current` and `aria-current="page"`. Inside: `title` (full text),
  `rect.dt-node-focus` (focus ring), `rect.dt-node-here` (current only),
  `rect.dt-node-shape`, `text.dt-node-text`, `g.dt-here-badge` (current only).
- Every edge is `g.dt-edge` with `data-from="<question id>"`,
  `data-answer="<1-based answer index>"` and `data-to="<target id>"`; inside:
  `path.dt-edge-line`, `path.dt-edge-head`, `g.dt-edge-label` (with a
  `title` holding the whole answer where the label shows only part of it).
- The script adds `dt-taken` to the `a.dt-node` and `g.dt-edge` elements on
  the reader's path; the stylesheet highlights them.
- After all nodes, `g.dt-tip[data-for="<node id>"]` holds the node's full
  text (for outcomes, and for questions whose box shows only part of it),
  always hidden: on hover or focus of the node the script shows that text
  (or the node's `title`, when the chart is too small to read) in page-sized
  type in a `div.dt-chart-tip` of the figure.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from .model import Answer, Outcome, Question, Tree

NEIGHBOURHOOD_FROM = 12
"""Trees with more nodes than this draw only a node's neighbourhood on its own page."""
MAX_PARENTS = 3
MAX_GRANDPARENTS = 2
MAX_ANSWERS = 12
"""Answers followed per question in a neighbourhood."""
MAX_GRANDCHILDREN = 6
DUMMY_FACTOR = 4
"""Long edges get at most this many route points per node in total."""
ORDER_PASSES = 8
"""Sweeps, alternately up and down, each followed by swapping neighbours."""
TRANSPOSE_ROUNDS = 4
PLACE_PASSES = 4
LABEL_AT = 0.35
"""Where a label sits between its question and the edge's next point, from 0 to 1."""

NODE_W = 208.0
FONT = 14.0
LINE = 18.0
PAD_X = 14.0
PAD_Y = 11.0
QUESTION_LINES = 4
OUTCOME_LINES = 3
QUESTION_RX = 6.0
OUTCOME_RX = 22.0
BADGE_FONT = 11.0
BADGE_H = 17.0
LABEL_FONT = 12.0
LABEL_LINE = 15.0
LABEL_LINES = 3
LABEL_PAD_Y = 4.0
LABEL_PAD = 8.0
LABEL_MAX_W = 132.0
TIP_W = 288.0
TIP_FONT = 13.0
TIP_LINE = 17.0
TIP_PAD = 10.0
ARROW = 8.0
MARGIN = 14.0
GAP_BELOW_NODES = 24.0
GAP_BELOW_LABELS = 30.0
STEEPNESS = 0.14
"""A gap between ranks is at least this part of the widest horizontal step across it."""
GAP_NODES = 40.0
GAP_LABELS = 14.0
GAP_POINTS = 10.0
RING = 5.0
"""How far the current node's ring stands off its box."""
FOCUS = 9.0
"""How far the focus ring stands off its box."""


def render_chart(
    tree: Tree,
    *,
    current: str | None,
    href: Callable[[str | None], str],
    strings: Mapping[str, str],
) -> Markup:
    """The flowchart figure for one page: the whole tree, or `current`'s neighbourhood."""
    if current is not None and current not in tree.nodes:
        raise TypeError(f"{current!r} is not a node of the tree")
    partial = current is not None and len(tree.nodes) > NEIGHBOURHOOD_FROM
    ids, edges = _neighbourhood(tree, current) if partial and current is not None else _whole(tree)
    drawing = layout(tree, ids, edges, current=current, here_label=strings["you_are_here"])
    if partial:
        desc = strings["neighbourhood_desc"]
    else:
        outcomes = sum(1 for node_id in ids if not tree.nodes[node_id].is_question)
        desc = strings["chart_desc"].format(questions=len(ids) - outcomes, outcomes=outcomes)
    base = "-".join(re.findall(r"[A-Za-z0-9_-]+", tree.slug)) or "tree"
    start = "" if current is None else href(None)
    html = _TEMPLATE.render(
        d=drawing,
        s=strings,
        partial=partial,
        title=strings["chart_title"].format(title=tree.title),
        desc=desc,
        title_id=f"dt-chart-{base}-title",
        desc_id=f"dt-chart-{base}-desc",
        outline_url=start + "#dt-outline",
        full_url=href(None) + "#dt-chart",
        href=href,
    )
    # A raw HTML block in Markdown ends at a blank line, and a line indented
    # by four spaces would turn into code: keep neither.
    lines = (line.strip() for line in html.splitlines())
    return Markup("\n".join(line for line in lines if line))  # noqa: S704 - rendered with autoescape


# ---------------------------------------------------------------- selection


@dataclass(frozen=True)
class _EdgeRef:
    source: str
    answer: Answer


def _whole(tree: Tree) -> tuple[list[str], list[_EdgeRef]]:
    ids = list(tree.analysis.order)
    edges = [_EdgeRef(q.id, a) for q in (tree.nodes[i] for i in ids) if isinstance(q, Question) for a in q.answers]
    return ids, edges


def _neighbourhood(tree: Tree, current: str) -> tuple[list[str], list[_EdgeRef]]:
    """The current node, a few parents and grandparents, its children and grandchildren.

    Every step reads only a bounded number of answers and parents, so the
    cost does not depend on the size of the tree.
    """
    parents_of = tree.analysis.parents
    keep: dict[str, None] = {current: None}
    edges: dict[tuple[str, int], _EdgeRef] = {}

    def add_edge(question: Question, index: int) -> None:
        edges.setdefault((question.id, index), _EdgeRef(question.id, question.answers[index - 1]))

    def add_parents(child: str, limit: int) -> list[str]:
        found: list[str] = []
        for step in parents_of[child][: limit * MAX_ANSWERS]:
            if step.question not in keep:
                if len(found) >= limit:
                    continue
                keep[step.question] = None
                found.append(step.question)
            add_edge(tree.question(step.question), step.answer)
        return found

    grandparents = 0
    for parent in add_parents(current, MAX_PARENTS):
        if grandparents < MAX_GRANDPARENTS:
            grandparents += len(add_parents(parent, MAX_GRANDPARENTS - grandparents))

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

    ids = list(keep)
    for node_id in ids:
        kept = tree.nodes[node_id]
        if isinstance(kept, Question):
            for answer in kept.answers[:MAX_ANSWERS]:
                if answer.next in keep:
                    add_edge(kept, answer.index)
    place = {node_id: i for i, node_id in enumerate(ids)}
    ordered = sorted(edges.values(), key=lambda e: (tree.analysis.depth[e.source], place[e.source], e.answer.index))
    ids.sort(key=lambda n: (tree.analysis.depth[n], place[n]))
    return ids, ordered


# ------------------------------------------------------------------- text

_NARROW = frozenset("fijlrtI.,:;'!|()[]{} ")
_WIDE = frozenset("mwMW@%")


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """An estimate of the rendered width of `text` in a sans-serif face, from its characters."""
    em = 0.0
    for char in text:
        if char in _NARROW:
            em += 0.3
        elif char in _WIDE:
            em += 0.86
        elif unicodedata.east_asian_width(char) in "WF":
            em += 1.0
        elif char.isupper():
            em += 0.68
        elif char.isdigit():
            em += 0.56
        else:
            em += 0.54
    return em * size * (1.06 if bold else 1.0)


def truncate(text: str, width: float, size: float, *, bold: bool = False) -> str:
    """`text`, shortened with an ellipsis to fit `width`."""
    if text_width(text, size, bold=bold) <= width + 0.5:
        return text
    room = width - text_width("…", size, bold=bold)
    used = 0.0
    for i, char in enumerate(text):
        used += text_width(char, size, bold=bold)
        if used > room:
            kept = text[:i]
            space = kept.rfind(" ")
            if not char.isspace() and space > len(kept) * 0.6:
                kept = kept[:space]  # end on a whole word where that loses little
            return kept.rstrip(" ,;:") + "…"
    return text


def wrap(text: str, width: float, size: float, *, max_lines: int, bold: bool = False) -> list[str]:
    """Greedy word wrap to `width`; the last allowed line ends in an ellipsis if text is left over."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size, bold=bold) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while text_width(line, size, bold=bold) > width:  # a word longer than the line
            cut = truncate(line, width, size, bold=bold)[:-1] or line[0]
            lines.append(cut)
            line = line[len(cut) :]
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1 :])
        lines = [*lines[: max_lines - 1], truncate(rest, width, size, bold=bold)]
    return lines or [""]


def _plain(text: str) -> str:
    return " ".join(text.split())


def _shortened(lines: Sequence[str], text: str) -> bool:
    """Whether wrapped `lines` show less than the whole of `text`."""
    return " ".join(lines) != _plain(text)


# ----------------------------------------------------------------- layout


@dataclass(slots=True)
class _Item:
    """One box or route point in a rank."""

    rank: int
    width: float
    node: str | None = None
    edge: int | None = None
    label: bool = False
    up: list[int] = field(default_factory=list)
    down: list[int] = field(default_factory=list)
    height: float = 0.0
    lines: list[str] = field(default_factory=list)
    """For a label: its text, wrapped."""
    port: float = 0.0
    """For a label: where, from -0.5 to 0.5, its answer stands among the question's answers."""
    x: float = 0.0


@dataclass(frozen=True)
class DrawnNode:
    id: str
    question: bool
    current: bool
    title: str
    x: str
    y: str
    w: str
    h: str
    rx: str
    lines: list[tuple[str, str, str]]
    """Text lines: x, y, text."""
    ring: tuple[str, str, str, str, str]
    """x, y, width, height, corner radius of the current-node ring."""
    focus: tuple[str, str, str, str, str]
    badge: tuple[str, str, str, str, str, str] | None
    """Badge box x, y, w, h and text x, y."""


@dataclass(frozen=True)
class DrawnEdge:
    source: str
    answer: int
    target: str
    line: str
    head: str
    label: list[tuple[str, str, str]]
    """Label lines: x, y, text."""
    full_label: str
    """The whole answer when the label shows only part of it, else empty."""
    box: tuple[str, str, str, str]


@dataclass(frozen=True)
class DrawnTip:
    node: str
    box: tuple[str, str, str, str]
    lines: list[tuple[str, str, str, bool]]
    """x, y, text, bold."""


@dataclass(frozen=True)
class Drawing:
    width: str
    height: str
    nodes: list[DrawnNode]
    edges: list[DrawnEdge]
    tips: list[DrawnTip]
    focus: tuple[str, str]
    """The centre of the node a reader should see first: the current node, else the start."""


@dataclass(frozen=True)
class _Box:
    lines: list[str]
    height: float
    badge: bool


def _box(tree: Tree, node_id: str, current: str | None) -> _Box:
    node = tree.nodes[node_id]
    question = isinstance(node, Question)
    inner = NODE_W - 2 * (PAD_X if question else OUTCOME_RX)
    lines = wrap(
        _plain(node.text),
        inner,
        FONT,
        max_lines=QUESTION_LINES if question else OUTCOME_LINES,
        bold=not question,
    )
    badge = node_id == current
    height = 2 * PAD_Y + len(lines) * LINE + (BADGE_H + 5 if badge else 0)
    return _Box(lines, height, badge)


def layout(
    tree: Tree,
    ids: Sequence[str],
    edges: Sequence[_EdgeRef],
    *,
    current: str | None,
    here_label: str,
) -> Drawing:
    """Place `ids` and `edges` (every edge between two of `ids`) and draw them."""
    depth = tree.analysis.depth
    layer_of = {d: i for i, d in enumerate(sorted({depth[n] for n in ids}))}
    boxes = {n: _box(tree, n, current) for n in ids}

    items: list[_Item] = []
    node_item: dict[str, int] = {}
    for n in ids:
        node_item[n] = len(items)
        items.append(_Item(rank=2 * layer_of[depth[n]], width=NODE_W, height=boxes[n].height, node=n))

    chains: list[list[int]] = []
    spans = [layer_of[depth[e.answer.next]] - layer_of[depth[e.source]] for e in edges]
    budget = DUMMY_FACTOR * len(ids)
    routed = [False] * len(edges)
    for i in sorted(range(len(edges)), key=lambda i: (spans[i], i)):
        cost = 2 * spans[i] - 2
        if cost > budget:
            break
        budget -= cost
        routed[i] = True

    answers_drawn: dict[str, int] = {}
    for e in edges:
        answers_drawn[e.source] = answers_drawn.get(e.source, 0) + 1
    answer_seen: dict[str, int] = {}
    for i, e in enumerate(edges):
        source = node_item[e.source]
        k = answers_drawn[e.source]
        j = answer_seen.get(e.source, 0)
        answer_seen[e.source] = j + 1
        label_lines = wrap(_plain(e.answer.label), LABEL_MAX_W - 2 * LABEL_PAD, LABEL_FONT, max_lines=LABEL_LINES)
        label_w = max(text_width(line, LABEL_FONT) for line in label_lines) + 2 * LABEL_PAD
        label_h = len(label_lines) * LABEL_LINE + 2 * LABEL_PAD_Y
        chain = [source]
        rank = items[source].rank + 1
        items.append(
            _Item(
                rank=rank,
                width=label_w,
                height=label_h,
                lines=label_lines,
                edge=i,
                label=True,
                port=(j + 1) / (k + 1) - 0.5,
            )
        )
        chain.append(len(items) - 1)
        target_rank = items[node_item[e.answer.next]].rank
        if routed[i]:
            for r in range(rank + 1, target_rank):
                items.append(_Item(rank=r, width=0.0, edge=i))
                chain.append(len(items) - 1)
        chain.append(node_item[e.answer.next])
        for a, b in itertools.pairwise(chain):
            items[a].down.append(b)
            items[b].up.append(a)
        chains.append(chain)

    rank_count = max(it.rank for it in items) + 1
    ranks: list[list[int]] = [[] for _ in range(rank_count)]
    for i, it in enumerate(items):
        ranks[it.rank].append(i)

    _order(items, ranks)
    _place(items, ranks, chains, answers_drawn)
    return _draw(tree, items, ranks, chains, edges, boxes, node_item, current, here_label)


def _order(items: list[_Item], ranks: list[list[int]]) -> None:
    """Reorder every rank in place to reduce crossings (barycenter sweeps)."""
    pos = [0.0] * len(items)

    def number(r: int) -> None:
        n = len(ranks[r])
        for p, i in enumerate(ranks[r]):
            pos[i] = (p + 0.5) / n

    def sweep(r: int, downwards: bool) -> None:
        keys: dict[int, float] = {}
        for i in ranks[r]:
            it = items[i]
            near = it.up if downwards else it.down
            if not near:
                keys[i] = pos[i]
                continue
            total = 0.0
            for other in near:
                total += pos[other]
                if downwards and it.label:
                    total += it.port / max(1, len(ranks[items[other].rank]))
            keys[i] = total / len(near)
        ranks[r].sort(key=lambda i: (keys[i], pos[i]))
        number(r)

    def sides(i: int) -> tuple[list[float], list[float]]:
        it = items[i]
        above = sorted(pos[o] for o in it.up if items[o].rank == it.rank - 1)
        below = sorted(pos[o] for o in it.down if items[o].rank == it.rank + 1)
        return above, below

    def transpose(ties: bool) -> None:
        """Swap neighbours in a rank while that removes crossings (a few rounds at most).

        With `ties`, neighbours whose crossings stay the same swap too: two
        boxes whose edges cross either way may let the next rank untangle.
        """
        for _ in range(TRANSPOSE_ROUNDS):
            changed = False
            for r, rank in enumerate(ranks):
                for p in range(len(rank) - 1):
                    (u_up, u_down), (v_up, v_down) = sides(rank[p]), sides(rank[p + 1])
                    now = _inversions(u_up, v_up) + _inversions(u_down, v_down)
                    swapped = _inversions(v_up, u_up) + _inversions(v_down, u_down)
                    if swapped < now or (ties and 0 < swapped == now):
                        rank[p], rank[p + 1] = rank[p + 1], rank[p]
                        changed = changed or swapped < now
                number(r)
            if not changed:
                break

    for r in range(len(ranks)):
        number(r)
    for r in range(1, len(ranks)):
        sweep(r, downwards=True)
    transpose(ties=False)
    best = _crossings(items, ranks)
    best_ranks = [list(rank) for rank in ranks]
    for upwards in itertools.islice(itertools.cycle((True, False)), ORDER_PASSES):
        if best == 0:
            break
        if upwards:
            for r in range(len(ranks) - 2, -1, -1):
                sweep(r, downwards=False)
        else:
            for r in range(1, len(ranks)):
                sweep(r, downwards=True)
        transpose(ties=upwards)
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


def _crossings(items: list[_Item], ranks: list[list[int]]) -> int:
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


def _gap(a: _Item, b: _Item) -> float:
    if a.node is not None and b.node is not None:
        space = GAP_NODES
    elif a.label and b.label:
        space = GAP_LABELS
    elif a.node is not None or b.node is not None:
        space = GAP_NODES / 2
    else:
        space = GAP_POINTS
    return (a.width + b.width) / 2 + space


def _port_offset(item: _Item, answers: int) -> float:
    """Where a label wants to sit relative to its question: spread under the box."""
    spread = min(NODE_W, (LABEL_MAX_W + GAP_LABELS) * max(0, answers - 1))
    return item.port * (answers + 1) / max(1, answers) * spread if answers > 1 else 0.0


def _place(
    items: list[_Item], ranks: list[list[int]], chains: Sequence[list[int]], answers_drawn: Mapping[str, int]
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

    def offset(label: _Item) -> float:
        question = items[label.up[0]]
        return _port_offset(label, answers_drawn[question.node or ""])

    def solve(rank: list[int], wanted: list[float], weights: list[float]) -> None:
        gaps = [_gap(items[a], items[b]) for a, b in itertools.pairwise(rank)]
        for i, x in zip(rank, _isotonic(wanted, weights, gaps), strict=True):
            items[i].x = x

    def pull(r: int, downwards: bool) -> None:
        wanted: list[float] = []
        weights: list[float] = []
        for i in ranks[r]:
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
                    total += o.x + offset(it)
                elif o.label and not downwards:
                    total += o.x - offset(o)
                else:
                    total += o.x
            wanted.append(total / len(near))
            weights.append(len(near) * (4.0 if it.node is None and not it.label else 1.0))
        solve(ranks[r], wanted, weights)

    for _ in range(PLACE_PASSES):
        for r in range(1, len(ranks)):
            pull(r, downwards=True)
        for r in range(len(ranks) - 2, -1, -1):
            pull(r, downwards=False)

    straight = [_median([items[i].x for i in chain[2:-1]]) for chain in chains]
    for rank in ranks[1:]:
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
                port = items[it.up[0]].x + offset(it)
                wanted.append(port + LABEL_AT * (items[it.down[0]].x - port))
                weights.append(1.0)
            else:
                wanted.append(items[it.up[0]].x)
                weights.append(1.0)
        solve(rank, wanted, weights)


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


def _n(value: float) -> str:
    """A coordinate in whole pixels: a tenth more precision adds a tenth to the page."""
    text = f"{value:.0f}"
    return "0" if text == "-0" else text


def _draw(
    tree: Tree,
    items: list[_Item],
    ranks: list[list[int]],
    chains: list[list[int]],
    edges: Sequence[_EdgeRef],
    boxes: Mapping[str, _Box],
    node_item: Mapping[str, int],
    current: str | None,
    here_label: str,
) -> Drawing:
    left = min(it.x - it.width / 2 for it in items) - MARGIN
    for it in items:
        it.x -= left
    width = max(it.x + it.width / 2 for it in items) + MARGIN

    # Ports: where edges leave and enter a box, spread in the order of their neighbours.
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

    # Each gap between ranks grows with the widest step an edge takes across it,
    # so steep fans still read as curves rather than flat lines.
    travel = [0.0] * len(ranks)
    for k, chain in enumerate(chains):
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
    height = tops[-1] + heights[-1] + MARGIN

    def centre_y(i: int) -> float:
        return tops[items[i].rank] + heights[items[i].rank] / 2

    def node_top(n: str) -> float:
        return centre_y(node_item[n]) - boxes[n].height / 2

    def node_bottom(n: str) -> float:
        return centre_y(node_item[n]) + boxes[n].height / 2

    drawn_edges: list[DrawnEdge] = []
    for k, e in enumerate(edges):
        chain = chains[k]
        target = e.answer.next
        points = [(out_x[k], node_bottom(e.source))]
        for i in chain[1:-1]:
            it = items[i]
            if it.label:
                c = centre_y(i)
                points += [(it.x, c - it.height / 2), (it.x, c + it.height / 2)]
            else:
                points += [(it.x, tops[it.rank]), (it.x, tops[it.rank] + heights[it.rank])]
        tip_x, tip_y = in_x[k], node_top(target) - (RING + 1 if target == current else 0)
        points.append((tip_x, tip_y - ARROW + 1))
        label_item = items[chain[1]]
        label_text = _plain(e.answer.label)
        lc = centre_y(chain[1])
        drawn_edges.append(
            DrawnEdge(
                source=e.source,
                answer=e.answer.index,
                target=target,
                line=_path(points),
                head=(  # rounded from the tip, so the head stays symmetric in whole pixels
                    f"M{_n(round(tip_x) - ARROW / 2 - 1)} {_n(tip_y - ARROW)}L{_n(tip_x)} {_n(tip_y)}"
                    f"L{_n(round(tip_x) + ARROW / 2 + 1)} {_n(tip_y - ARROW)}Z"
                ),
                label=[
                    (
                        _n(label_item.x),
                        _n(lc + (row - (len(label_item.lines) - 1) / 2) * LABEL_LINE + LABEL_FONT * 0.35),
                        text,
                    )
                    for row, text in enumerate(label_item.lines)
                ],
                full_label=label_text if _shortened(label_item.lines, label_text) else "",
                box=(
                    _n(label_item.x - label_item.width / 2),
                    _n(lc - label_item.height / 2),
                    _n(label_item.width),
                    _n(label_item.height),
                ),
            )
        )

    drawn_nodes: list[DrawnNode] = []
    tips: list[DrawnTip] = []
    for rank in ranks[::2]:
        for i in rank:
            node_id = items[i].node
            if node_id is None:
                continue
            box = boxes[node_id]
            x = items[i].x
            drawn_nodes.append(_drawn_node(tree, node_id, x, centre_y(i), box, node_id == current, here_label))
            # A question whose whole text fits in its box needs no tip.
            if not tree.nodes[node_id].is_question or _shortened(box.lines, tree.nodes[node_id].text):
                tips.append(_tip(tree, node_id, x, node_top(node_id), node_bottom(node_id), width, height))
    first = node_item[current if current is not None else tree.start]
    focus = (_n(items[first].x), _n(centre_y(first)))
    return Drawing(_n(width), _n(height), drawn_nodes, drawn_edges, tips, focus)


def _spread(j: int, count: int, question: bool) -> float:
    room = NODE_W - 2 * (QUESTION_RX if question else OUTCOME_RX) - 16
    step = min(18.0, room / max(1, count - 1))
    return (j - (count - 1) / 2) * step


def _path(points: Sequence[tuple[float, float]]) -> str:
    """A smooth path through `points`: vertical runs stay straight, other steps are S-curves."""
    x0, y0 = points[0]
    parts = [f"M{_n(x0)} {_n(y0)}"]
    for x1, y1 in points[1:]:
        if abs(x1 - x0) < 0.05:
            parts.append(f"V{_n(y1)}")
        else:
            m = (y0 + y1) / 2
            parts.append(f"C{_n(x0)} {_n(m)} {_n(x1)} {_n(m)} {_n(x1)} {_n(y1)}")
        x0, y0 = x1, y1
    return "".join(parts)


def _rect(x: float, y: float, w: float, h: float, rx: float) -> tuple[str, str, str, str, str]:
    return _n(x), _n(y), _n(w), _n(h), _n(rx)


def _drawn_node(tree: Tree, n: str, cx: float, cy: float, box: _Box, current: bool, here_label: str) -> DrawnNode:
    node = tree.nodes[n]
    question = isinstance(node, Question)
    top = cy - box.height / 2
    rx = QUESTION_RX if question else min(OUTCOME_RX, box.height / 2)
    badge = None
    text_top = top + PAD_Y
    if box.badge:
        badge_w = text_width(here_label, BADGE_FONT, bold=True) + 16
        badge_y = top + 7
        badge = (
            _n(cx - badge_w / 2),
            _n(badge_y),
            _n(badge_w),
            _n(BADGE_H),
            _n(cx),
            _n(badge_y + BADGE_H / 2 + BADGE_FONT * 0.35),
        )
        text_top += BADGE_H + 5
    lines = [(_n(cx), _n(text_top + k * LINE + LINE / 2 + FONT * 0.35), text) for k, text in enumerate(box.lines)]
    title = _plain(node.text) if isinstance(node, Question) else _outcome_text(node)
    left = cx - NODE_W / 2
    return DrawnNode(
        id=n,
        question=question,
        current=current,
        title=title,
        x=_n(left),
        y=_n(top),
        w=_n(NODE_W),
        h=_n(box.height),
        rx=_n(rx),
        lines=lines,
        ring=_rect(left - RING, top - RING, NODE_W + 2 * RING, box.height + 2 * RING, rx + RING),
        focus=_rect(left - FOCUS, top - FOCUS, NODE_W + 2 * FOCUS, box.height + 2 * FOCUS, rx + FOCUS),
        badge=badge,
    )


def _outcome_text(node: Outcome) -> str:
    return f"{_plain(node.outcome)} — {_plain(node.summary)}"


def _tip(tree: Tree, n: str, cx: float, top: float, bottom: float, width: float, height: float) -> DrawnTip:
    """The full text of a node in a box below it (above it near the bottom of the chart)."""
    node = tree.nodes[n]
    inner = TIP_W - 2 * TIP_PAD
    rows: list[tuple[str, bool]] = []
    if isinstance(node, Question):
        rows = [(line, False) for line in wrap(_plain(node.question), inner, TIP_FONT, max_lines=10**6)]
    else:
        rows = [(line, True) for line in wrap(_plain(node.outcome), inner, TIP_FONT, max_lines=10**6, bold=True)]
        rows += [(line, False) for line in wrap(_plain(node.summary), inner, TIP_FONT, max_lines=10**6)]
    widest = max(text_width(text, TIP_FONT, bold=bold) for text, bold in rows)
    w = min(TIP_W, widest + 2 * TIP_PAD + 2)
    h = len(rows) * TIP_LINE + 2 * TIP_PAD
    y = bottom + 8
    if y + h > height - 4 and top - 8 - h >= 4:
        y = top - 8 - h
    x = min(max(4.0, cx - w / 2), max(4.0, width - 4 - w))
    lines = [
        (_n(x + TIP_PAD), _n(y + TIP_PAD + k * TIP_LINE + TIP_LINE / 2 + TIP_FONT * 0.35), text, bold)
        for k, (text, bold) in enumerate(rows)
    ]
    return DrawnTip(n, (_n(x), _n(y), _n(w), _n(h)), lines)


_PATH_TOKEN = re.compile(r"[MLHVCZ]|-?(?:\d+\.?\d*|\.\d+)(?:[eE]-?\d+)?")
CURVE_STEPS = 25
"""Straight pieces per curve when counting crossings (odd: mirror-image curves cross inside a piece)."""


def _polyline(d: str) -> list[tuple[float, float]]:
    """The points of SVG path data (absolute M, L, H, V, C only), each curve cut into straight pieces."""
    tokens = _PATH_TOKEN.findall(d)
    points: list[tuple[float, float]] = []
    command = ""
    i = 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            continue
        numbers = [float(t) for t in tokens[i : i + {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6}[command]]]
        i += len(numbers)
        x, y = points[-1] if points else (0.0, 0.0)
        if command in "ML":
            points.append((numbers[0], numbers[1]))
        elif command == "H":
            points.append((numbers[0], y))
        elif command == "V":
            points.append((x, numbers[0]))
        else:
            (x1, y1, x2, y2, x3, y3) = numbers
            for step in range(1, CURVE_STEPS + 1):
                t = step / CURVE_STEPS
                a, b, c, e = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t**3
                points.append((a * x + b * x1 + c * x2 + e * x3, a * y + b * y1 + c * y2 + e * y3))
    return points


def _cross(p: tuple[float, float], q: tuple[float, float], r: tuple[float, float], s: tuple[float, float]) -> bool:
    """Whether segment p-q properly crosses segment r-s (touching ends do not count)."""

    def side(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> float:
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    d1, d2, d3, d4 = side(r, s, p), side(r, s, q), side(p, q, r), side(p, q, s)
    return d1 * d2 < 0 and d3 * d4 < 0


def crossings(paths: Sequence[str]) -> int:
    """How many times the drawn edges cross each other, from their SVG path data.

    A measure of the finished drawing (any drawing: this chart's edges, or
    the edge paths of Graphviz's SVG), so layouts can be compared by the same
    count. Quadratic in the number of edge pieces: for measuring, not for builds.
    """
    lines = [_polyline(d) for d in paths]
    boxes = [
        (min(x for x, _ in pts), min(y for _, y in pts), max(x for x, _ in pts), max(y for _, y in pts))
        for pts in lines
    ]
    count = 0
    for a, b in itertools.combinations(range(len(lines)), 2):
        (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = boxes[a], boxes[b]
        if ax1 < bx0 or bx1 < ax0 or ay1 < by0 or by1 < ay0:
            continue
        for p, q in itertools.pairwise(lines[a]):
            for r, s in itertools.pairwise(lines[b]):
                count += _cross(p, q, r, s)
    return count


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("decisiontree", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
    )


_TEMPLATE = _environment().get_template("chart.svg.j2")
