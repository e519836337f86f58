"""The chart's measures in pixels, and the items its layout places.

Shared by the steps of the layout (`layout`, `order`, `place`) and by the
drawing (`draw`): the sizes of boxes and labels, the gaps around them, and
the text of every box, wrapped and measured once per tree (`Sizes`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .measure import text_width, wrap
from .model import Answer, Question, Tree
from .reader import fold_space

NODE_W = 208.0
FONT = 14.0
LINE = 18.0
PAD_X = 14.0
PAD_Y = 11.0
QUESTION_LINES = 4
OUTCOME_LINES = 3
QUESTION_RX = 6.0
OUTCOME_RX = 22.0
BADGE_H = 17.0
"""The height of the *You are here* badge on the current node."""
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
RING = 5.0
"""How far the current node's ring stands off its box (an arrow into it stops short of the ring)."""


@dataclass(frozen=True)
class EdgeRef:
    """An answer drawn as an edge: the question it leaves, and the answer."""

    source: str
    answer: Answer


@dataclass(frozen=True)
class Box:
    """A node's text wrapped to its box, and the box's height without a badge."""

    lines: list[str]
    height: float


@dataclass(frozen=True)
class Tip:
    """A node's whole text for its hover tip, wrapped (rows of text, and whether bold), and the tip's size."""

    rows: list[tuple[str, bool]]
    width: float
    height: float


@dataclass(frozen=True)
class Label:
    """An answer's text wrapped to its label, and the label's size."""

    lines: list[str]
    width: float
    height: float


class Sizes:
    """Every box and label of one tree, measured when first asked for and then kept.

    Wrapping text is most of the work of drawing a small chart, and the
    pages of a tree draw the same boxes over and over, each around its own node.
    """

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self._boxes: dict[str, Box] = {}
        self._labels: dict[tuple[str, int], Label] = {}
        self._tips: dict[str, Tip] = {}

    def box(self, node_id: str) -> Box:
        if node_id not in self._boxes:
            node = self.tree.nodes[node_id]
            question = isinstance(node, Question)
            inner = NODE_W - 2 * (PAD_X if question else OUTCOME_RX)
            lines = wrap(
                fold_space(node.text),
                inner,
                FONT,
                max_lines=QUESTION_LINES if question else OUTCOME_LINES,
                bold=not question,
            )
            self._boxes[node_id] = Box(lines, 2 * PAD_Y + len(lines) * LINE)
        return self._boxes[node_id]

    def label(self, edge: EdgeRef) -> Label:
        key = (edge.source, edge.answer.index)
        if key not in self._labels:
            lines = wrap(fold_space(edge.answer.label), LABEL_MAX_W - 2 * LABEL_PAD, LABEL_FONT, max_lines=LABEL_LINES)
            width = max(text_width(line, LABEL_FONT) for line in lines) + 2 * LABEL_PAD
            self._labels[key] = Label(lines, width, len(lines) * LABEL_LINE + 2 * LABEL_PAD_Y)
        return self._labels[key]

    def tip(self, node_id: str) -> Tip:
        if node_id not in self._tips:
            node = self.tree.nodes[node_id]
            inner = TIP_W - 2 * TIP_PAD
            rows: list[tuple[str, bool]] = []
            if isinstance(node, Question):
                rows = [(line, False) for line in wrap(fold_space(node.question), inner, TIP_FONT, max_lines=10**6)]
            else:
                rows = [
                    (line, True) for line in wrap(fold_space(node.outcome), inner, TIP_FONT, max_lines=10**6, bold=True)
                ]
                rows += [(line, False) for line in wrap(fold_space(node.summary), inner, TIP_FONT, max_lines=10**6)]
            widest = max(text_width(text, TIP_FONT, bold=bold) for text, bold in rows)
            self._tips[node_id] = Tip(rows, min(TIP_W, widest + 2 * TIP_PAD + 2), len(rows) * TIP_LINE + 2 * TIP_PAD)
        return self._tips[node_id]


@dataclass(slots=True)
class Item:
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
