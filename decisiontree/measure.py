"""Measures for the chart: how wide text is, how it wraps, and how often a drawing's edges cross.

Text is measured from its characters, without a font file: an estimate good
enough to size boxes that a browser's sans-serif text fits. `crossings()`
measures a finished drawing from its SVG path data, so any two layouts (this
engine's, or Graphviz's) can be compared by the same count.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence

from .reader import fold_space

_NARROW = frozenset("fijlrtI.,:;'!|()[]{} ")
_WIDE = frozenset("mwMW@%")


def _char_em(char: str) -> float:
    """How wide one character is, in ems."""
    if char in _NARROW:
        return 0.3
    if char in _WIDE:
        return 0.86
    if unicodedata.east_asian_width(char) in "WF":
        return 1.0
    if char.isupper():
        return 0.68
    if char.isdigit():
        return 0.56
    return 0.54


_EMS: dict[str, float] = {}
"""Each character's width in ems, once it has been measured."""


def _ems(text: str, em: float = 0.0) -> float:
    """`em` plus the width of `text` in ems, added character by character."""
    ems = _EMS
    for char in text:
        width = ems.get(char)
        if width is None:
            width = ems[char] = _char_em(char)
        em += width
    return em


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """An estimate of the rendered width of `text` in a sans-serif face, from its characters."""
    return _ems(text) * size * (1.06 if bold else 1.0)


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
    em = 0.0
    """The width of `line` in ems, added character by character as `text_width` adds them."""
    factor = 1.06 if bold else 1.0
    for word in text.split():
        candidate_em = _ems(word, _ems(" ", em)) if line else _ems(word)
        if candidate_em * size * factor <= width:  # as `text_width` multiplies
            line = f"{line} {word}" if line else word
            em = candidate_em
            continue
        if line:
            lines.append(line)
        line = word
        em = _ems(word)
        while text_width(line, size, bold=bold) > width:  # a word longer than the line
            cut = truncate(line, width, size, bold=bold)[:-1] or line[0]
            lines.append(cut)
            line = line[len(cut) :]
            em = _ems(line)
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1 :])
        lines = [*lines[: max_lines - 1], truncate(rest, width, size, bold=bold)]
    return lines or [""]


def shortened(lines: Sequence[str], text: str) -> bool:
    """Whether wrapped `lines` show less than the whole of `text`."""
    return " ".join(lines) != fold_space(text)


# -- crossings of a finished drawing ------------------------------------------------------

_PATH_TOKEN = re.compile(r"[MLHVCZ]|-?(?:\d+\.?\d*|\.\d+)(?:[eE]-?\d+)?")
CURVE_STEPS = 25
"""Straight pieces per curve when counting crossings (odd: mirror-image curves cross inside a piece)."""
_ARGUMENTS = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6}


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
        numbers = [float(t) for t in tokens[i : i + _ARGUMENTS[command]]]
        i += len(numbers)
        x, y = points[-1] if points else (0.0, 0.0)
        if command in "ML":
            points.append((numbers[0], numbers[1]))
        elif command == "H":
            points.append((numbers[0], y))
        elif command == "V":
            points.append((x, numbers[0]))
        else:
            points += _curve((x, y), numbers)
    return points


def _curve(start: tuple[float, float], numbers: list[float]) -> list[tuple[float, float]]:
    """A cubic Bézier curve from `start`, cut into `CURVE_STEPS` straight pieces."""
    x, y = start
    (x1, y1, x2, y2, x3, y3) = numbers
    points = []
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
