"""The chart as SVG: a finished `Layout` drawn as a figure with its caption, controls and hover tips.

Every number is written in whole pixels. The figure around the drawing is
a template (`templates/chart.svg.j2`); the drawing's own elements, dozens on
a page and thousands on a whole chart, are written here, each tree text
through `markupsafe.escape` as the template would: written by a template,
they were a third of the time a chart took. Nothing here decides where
anything goes; that is `decisiontree.layout`.

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

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

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
from .measure import shortened, text_width
from .model import Outcome, Question, Tree
from .reader import fold_space
from .templating import ENV

BADGE_FONT = 11.0
FOCUS = 9.0
"""How far the focus ring stands off its box."""


@dataclass(frozen=True)
class Drawing:
    """A layout as SVG elements, every coordinate in whole pixels."""

    width: str
    height: str
    edges: Markup
    """Every `g.dt-edge`, one line apart."""
    nodes: Markup
    """Every `a.dt-node`."""
    tips: Markup
    """Every `g.dt-tip`."""
    focus: tuple[str, str]
    """The centre of the node a reader should see first: the current node, else the start."""
    paths: list[str]
    """Each edge's path data, as drawn (for measuring, such as `crossings`)."""


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


def draw(tree: Tree, placed: Layout, *, sizes: Sizes, here_label: str, href: Callable[[str | None], str]) -> Drawing:
    """The SVG elements of a layout; `href` links each node to its page."""
    paths = [_path(e.points) for e in placed.edges]
    edges = [_edge(e, line) for e, line in zip(placed.edges, paths, strict=True)]
    nodes: list[str] = []
    tips: list[str] = []
    for node in placed.nodes:
        nodes.append(_node(tree, node, here_label, href))
        # A question whose whole text fits in its box needs no tip.
        if not tree.nodes[node.id].is_question or shortened(node.lines, tree.nodes[node.id].text):
            tips.append(_tip(node, sizes, placed.width, placed.height))
    focus = (_n(placed.focus[0]), _n(placed.focus[1]))
    return Drawing(
        _n(placed.width),
        _n(placed.height),
        Markup("\n".join(edges)),  # noqa: S704 - every text escaped above
        Markup("\n".join(nodes)),  # noqa: S704 - every text escaped above
        Markup("\n".join(tips)),  # noqa: S704 - every text escaped above
        focus,
        paths,
    )


_PARTS = ("edges", "nodes", "tips")
"""The drawing's parts: each an element a line, none blank or indented."""
_FIELDS = ("width", "height", *_PARTS)


def figure(drawing: Drawing, about: Figure, strings: Mapping[str, str]) -> Markup:
    """The figure as HTML: caption, controls, the SVG; one line per element, none blank or indented."""
    chunks, fields = _frame(about, strings)
    values = {name: getattr(drawing, name) for name in _FIELDS}
    values["focus_x"], values["focus_y"] = drawing.focus
    out = [chunks[0]]
    for name, chunk in zip(fields, chunks[1:], strict=True):
        value = values[name]
        out.append(value)
        out.append(chunk if value or name not in _PARTS else chunk[1:])  # an empty part leaves no line
    return Markup("".join(out))  # noqa: S704 - rendered with autoescape, every text of the drawing escaped


_FRAMES: dict[tuple[Figure, int], tuple[Mapping[str, str], list[str], list[str]]] = {}
"""The figure's template rendered once per figure and language, around markers for the drawing."""


def _frame(about: Figure, strings: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """The figure around a drawing, split at the drawing's values: the text between them, and their names.

    The pages of a tree show the same figure around different drawings, so
    the template is rendered once for them all.
    """
    key = (about, id(strings))
    found = _FRAMES.get(key)
    if found is not None and found[0] is strings:
        return found[1], found[2]
    marker = "<!--dt:{}-->"
    mark = {name: Markup(marker.format(name)) for name in (*_FIELDS, "focus_x", "focus_y")}  # noqa: S704
    html = _TEMPLATE.render(
        d={**mark, "focus": (mark["focus_x"], mark["focus_y"])},
        s=strings,
        partial=about.partial,
        name=about.name,
        title=about.title,
        desc=about.desc,
        title_id=f"{about.id_base}-title",
        desc_id=f"{about.id_base}-desc",
        outline_url=about.outline_url,
        full_url=about.full_url,
    )
    # A raw HTML block in Markdown ends at a blank line, and a line indented
    # by four spaces would turn into code: keep neither. The drawing's own
    # lines are neither, so only the template's lines need cleaning.
    lines = (line.strip() for line in html.splitlines())
    pieces = _MARKER.split("\n".join(line for line in lines if line))
    chunks, fields = pieces[::2], pieces[1::2]
    if len(_FRAMES) > 64:
        _FRAMES.clear()
    _FRAMES[key] = (strings, chunks, fields)
    return chunks, fields


_MARKER = re.compile(r"<!--dt:(\w+)-->")


def _n(value: float) -> str:
    """A coordinate in whole pixels: a tenth more precision adds a tenth to the page.

    Rounded half to even, as `f"{value:.0f}"` rounds, but never "-0".
    """
    return str(round(value))


def _path(points: Sequence[tuple[float, float]]) -> str:
    """A smooth path through `points`: vertical runs stay straight, other steps are S-curves.

    A run of vertical steps is one `V` to its end (a long edge passes a point
    on every rank it crosses).
    """
    x0, y0 = points[0]
    sx0 = _n(x0)
    parts = [f"M{sx0} {_n(y0)}"]
    vertical = False
    for x1, y1 in points[1:]:
        if abs(x1 - x0) < 0.05:
            if vertical:
                parts.pop()
            parts.append(f"V{_n(y1)}")
            sx0 = _n(x1)
            vertical = True
        else:
            vertical = False
            m, sx1 = _n((y0 + y1) / 2), _n(x1)
            parts.append(f"C{sx0} {m} {sx1} {m} {sx1} {_n(y1)}")
            sx0 = sx1
        x0, y0 = x1, y1
    return "".join(parts)


def _rect(x: float, y: float, w: float, h: float, rx: float) -> str:
    """The position and size attributes of an SVG `rect`."""
    return f'x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" rx="{_n(rx)}"'


def _around(left: float, top: float, height: float, rx: float, by: float) -> str:
    """A ring `by` pixels off a node's box."""
    return _rect(left - by, top - by, NODE_W + 2 * by, height + 2 * by, rx + by)


@functools.lru_cache(maxsize=1 << 16)
def _escaped(text: str) -> str:
    """`text` escaped for the page; the same texts and ids come back on page after page of a tree."""
    return str(escape(text))


def _tspans(lines: Sequence[tuple[float, float, str]]) -> str:
    return "".join(f'<tspan x="{_n(x)}" y="{_n(y)}">{_escaped(text)}</tspan>' for x, y, text in lines)


def _edge(placed: PlacedEdge, line: str) -> str:
    """`g.dt-edge`: the route, the arrowhead and the label."""
    e, label = placed.edge, placed.label
    tip_x, tip_y = placed.tip
    head = (  # rounded from the tip, so the head stays symmetric in whole pixels
        f"M{_n(round(tip_x) - ARROW / 2 - 1)} {_n(tip_y - ARROW)}L{_n(tip_x)} {_n(tip_y)}"
        f"L{_n(round(tip_x) + ARROW / 2 + 1)} {_n(tip_y - ARROW)}Z"
    )
    rows = len(label.lines)
    texts = [
        (label.x, label.y + (row - (rows - 1) / 2) * LABEL_LINE + LABEL_FONT * 0.35, text)
        for row, text in enumerate(label.lines)
    ]
    whole = fold_space(e.answer.label)
    title = f"<title>{_escaped(whole)}</title>" if shortened(label.lines, whole) else ""
    box = (
        f'x="{_n(label.x - label.width / 2)}" y="{_n(label.y - label.height / 2)}" '
        f'width="{_n(label.width)}" height="{_n(label.height)}" rx="4"'
    )
    return (
        f'<g class="dt-edge" data-from="{_escaped(e.source)}" data-answer="{e.answer.index}" '
        f'data-to="{_escaped(e.answer.next)}">\n'
        f'<path class="dt-edge-line" d="{line}"/>\n'
        f'<path class="dt-edge-head" d="{head}"/>\n'
        f'<g class="dt-edge-label">{title}<rect {box}/><text>{_tspans(texts)}</text></g>\n'
        "</g>"
    )


def _node(tree: Tree, placed: PlacedNode, here_label: str, href: Callable[[str | None], str]) -> str:
    """`a.dt-node`: the box, its focus ring, its text, and on the current node a ring and a badge."""
    node = tree.nodes[placed.id]
    question = isinstance(node, Question)
    cx, top, h = placed.x, placed.top, placed.height
    rx = QUESTION_RX if question else min(OUTCOME_RX, h / 2)
    left = cx - NODE_W / 2
    text_top = top + PAD_Y + (BADGE_H + 5 if placed.badge else 0)
    lines = [(cx, text_top + k * LINE + LINE / 2 + FONT * 0.35, text) for k, text in enumerate(placed.lines)]
    title = fold_space(node.text) if isinstance(node, Question) else _outcome_text(node)
    kind = "question" if question else "outcome"
    current = ' dt-node--current" data-node="{}" aria-current="page"' if placed.badge else '" data-node="{}"'
    parts = [
        f'<a xlink:href="{_escaped(href(placed.id))}" class="dt-node dt-node--{kind}'
        + current.format(_escaped(placed.id))
        + ">",
        f"<title>{_escaped(title)}</title>",
        f'<rect class="dt-node-focus" {_around(left, top, h, rx, FOCUS)}/>',
    ]
    if placed.badge:
        parts.append(f'<rect class="dt-node-here" {_around(left, top, h, rx, RING)}/>')
    parts.append(f'<rect class="dt-node-shape" {_rect(left, top, NODE_W, h, rx)}/>')
    if placed.badge:
        parts.append(_badge(cx, top, here_label))
    parts += [f'<text class="dt-node-text">{_tspans(lines)}</text>', "</a>"]
    return "\n".join(parts)


def _badge(cx: float, top: float, here_label: str) -> str:
    """`g.dt-here-badge`: *You are here*, above the current node's text."""
    badge_w = _badge_width(here_label)
    badge_y = top + 7
    return (
        f'<g class="dt-here-badge"><rect {_rect(cx - badge_w / 2, badge_y, badge_w, BADGE_H, BADGE_H)}/>'
        f'<text x="{_n(cx)}" y="{_n(badge_y + BADGE_H / 2 + BADGE_FONT * 0.35)}">{_escaped(here_label)}</text></g>'
    )


@functools.lru_cache(maxsize=16)
def _badge_width(here_label: str) -> float:
    return text_width(here_label, BADGE_FONT, bold=True) + 16


def _outcome_text(node: Outcome) -> str:
    return f"{fold_space(node.outcome)} — {fold_space(node.summary)}"


def _tip(placed: PlacedNode, sizes: Sizes, width: float, height: float) -> str:
    """`g.dt-tip`: the full text of a node in a box below it (above it near the bottom of the chart)."""
    tip = sizes.tip(placed.id)
    w, h = tip.width, tip.height
    y = placed.bottom + 8
    if y + h > height - 4 and placed.top - 8 - h >= 4:
        y = placed.top - 8 - h
    x = min(max(4.0, placed.x - w / 2), max(4.0, width - 4 - w))
    box = f'x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" rx="6"'
    strong = ' class="dt-tip-strong"'
    spans = "".join(
        f'<tspan x="{_n(x + TIP_PAD)}" y="{_n(y + TIP_PAD + k * TIP_LINE + TIP_LINE / 2 + TIP_FONT * 0.35)}"'
        f"{strong if bold else ''}>{_escaped(text)}</tspan>"
        for k, (text, bold) in enumerate(tip.rows)
    )
    return (
        f'<g class="dt-tip" data-for="{_escaped(placed.id)}"><rect class="dt-tip-under" {box}/>'
        f'<rect class="dt-tip-box" {box}/><text>{spans}</text></g>'
    )


_TEMPLATE = ENV.get_template("chart.svg.j2")
