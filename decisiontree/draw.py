"""The chart as SVG: a finished `Layout` drawn as a figure with its caption, controls and hover tips.

Every number is written in whole pixels, every text escaped by the
template (`templates/chart.svg.j2`). Nothing here decides where anything
goes; that is `decisiontree.layout`.

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

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from .geometry import (
    ARROW,
    BADGE_H,
    FONT,
    LABEL_FONT,
    LABEL_LINE,
    LINE,
    NODE_W,
    OUTCOME_RX,
    PAD_Y,
    QUESTION_RX,
    RING,
    TIP_FONT,
    TIP_LINE,
    TIP_PAD,
    Sizes,
)
from .layout import Layout, PlacedEdge, PlacedNode
from .measure import plain, shortened, text_width
from .model import Outcome, Question, Tree

BADGE_FONT = 11.0
FOCUS = 9.0
"""How far the focus ring stands off its box."""


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
class Figure:
    """What the figure around a drawing says and links to."""

    partial: bool
    """Whether only part of the tree is drawn."""
    name: str
    """What the caption calls the chart."""
    title: str
    desc: str
    id_base: str
    """Starts the ids of the SVG's title and description."""
    outline_url: str
    full_url: str
    href: Callable[[str | None], str]
    """A node's page, from the page the chart is on."""


def draw(tree: Tree, placed: Layout, *, sizes: Sizes, here_label: str) -> Drawing:
    """The SVG elements of a layout, every coordinate in whole pixels."""
    edges = [_drawn_edge(e) for e in placed.edges]
    nodes: list[DrawnNode] = []
    tips: list[DrawnTip] = []
    for node in placed.nodes:
        nodes.append(_drawn_node(tree, node, here_label))
        # A question whose whole text fits in its box needs no tip.
        if not tree.nodes[node.id].is_question or shortened(node.lines, tree.nodes[node.id].text):
            tips.append(_tip(node, sizes, placed.width, placed.height))
    focus = (_n(placed.focus[0]), _n(placed.focus[1]))
    return Drawing(_n(placed.width), _n(placed.height), nodes, edges, tips, focus)


def figure(drawing: Drawing, about: Figure, strings: Mapping[str, str]) -> Markup:
    """The figure as HTML: caption, controls, the SVG; one line per element, none blank or indented."""
    html = _TEMPLATE.render(
        d=drawing,
        s=strings,
        partial=about.partial,
        name=about.name,
        title=about.title,
        desc=about.desc,
        title_id=f"{about.id_base}-title",
        desc_id=f"{about.id_base}-desc",
        outline_url=about.outline_url,
        full_url=about.full_url,
        href=about.href,
    )
    # A raw HTML block in Markdown ends at a blank line, and a line indented
    # by four spaces would turn into code: keep neither.
    lines = (line.strip() for line in html.splitlines())
    return Markup("\n".join(line for line in lines if line))  # noqa: S704 - rendered with autoescape


def _n(value: float) -> str:
    """A coordinate in whole pixels: a tenth more precision adds a tenth to the page."""
    text = f"{value:.0f}"
    return "0" if text == "-0" else text


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


def _drawn_edge(placed: PlacedEdge) -> DrawnEdge:
    e, label = placed.edge, placed.label
    tip_x, tip_y = placed.tip
    label_text = plain(e.answer.label)
    return DrawnEdge(
        source=e.source,
        answer=e.answer.index,
        target=e.answer.next,
        line=_path(placed.points),
        head=(  # rounded from the tip, so the head stays symmetric in whole pixels
            f"M{_n(round(tip_x) - ARROW / 2 - 1)} {_n(tip_y - ARROW)}L{_n(tip_x)} {_n(tip_y)}"
            f"L{_n(round(tip_x) + ARROW / 2 + 1)} {_n(tip_y - ARROW)}Z"
        ),
        label=[
            (
                _n(label.x),
                _n(label.y + (row - (len(label.lines) - 1) / 2) * LABEL_LINE + LABEL_FONT * 0.35),
                text,
            )
            for row, text in enumerate(label.lines)
        ],
        full_label=label_text if shortened(label.lines, label_text) else "",
        box=(
            _n(label.x - label.width / 2),
            _n(label.y - label.height / 2),
            _n(label.width),
            _n(label.height),
        ),
    )


def _drawn_node(tree: Tree, placed: PlacedNode, here_label: str) -> DrawnNode:
    node = tree.nodes[placed.id]
    question = isinstance(node, Question)
    cx, top = placed.x, placed.top
    rx = QUESTION_RX if question else min(OUTCOME_RX, placed.height / 2)
    badge = None
    text_top = top + PAD_Y
    if placed.badge:
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
    lines = [(_n(cx), _n(text_top + k * LINE + LINE / 2 + FONT * 0.35), text) for k, text in enumerate(placed.lines)]
    title = plain(node.text) if isinstance(node, Question) else _outcome_text(node)
    left = cx - NODE_W / 2
    return DrawnNode(
        id=placed.id,
        question=question,
        current=placed.badge,
        title=title,
        x=_n(left),
        y=_n(top),
        w=_n(NODE_W),
        h=_n(placed.height),
        rx=_n(rx),
        lines=lines,
        ring=_rect(left - RING, top - RING, NODE_W + 2 * RING, placed.height + 2 * RING, rx + RING),
        focus=_rect(left - FOCUS, top - FOCUS, NODE_W + 2 * FOCUS, placed.height + 2 * FOCUS, rx + FOCUS),
        badge=badge,
    )


def _outcome_text(node: Outcome) -> str:
    return f"{plain(node.outcome)} — {plain(node.summary)}"


def _tip(placed: PlacedNode, sizes: Sizes, width: float, height: float) -> DrawnTip:
    """The full text of a node in a box below it (above it near the bottom of the chart)."""
    tip = sizes.tip(placed.id)
    w, h = tip.width, tip.height
    y = placed.bottom + 8
    if y + h > height - 4 and placed.top - 8 - h >= 4:
        y = placed.top - 8 - h
    x = min(max(4.0, placed.x - w / 2), max(4.0, width - 4 - w))
    lines = [
        (_n(x + TIP_PAD), _n(y + TIP_PAD + k * TIP_LINE + TIP_LINE / 2 + TIP_FONT * 0.35), text, bold)
        for k, (text, bold) in enumerate(tip.rows)
    ]
    return DrawnTip(placed.id, (_n(x), _n(y), _n(w), _n(h)), lines)


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("decisiontree", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
    )


_TEMPLATE = _environment().get_template("chart.svg.j2")
