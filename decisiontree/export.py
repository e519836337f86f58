"""Exports of the validated model for other tools, and the path listing for review.

Every export is made from a `Tree` (the validated model), never from the
YAML, and is deterministic: nodes in file order, answers in their order.

- `to_json`: the compiled graph, for programs (shape in `JSON_FORMAT`).
- `to_mermaid`: a Mermaid flowchart, for a README on a code host that draws it.
- `to_dot`: a Graphviz DOT digraph.
- `answer_paths` / `path_lines`: every way from the start to an outcome,
  one line each, for a content reviewer.
"""

from __future__ import annotations

import json
import textwrap
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any, cast

from .graph import Step, walks
from .model import Answer, Outcome, Question, Tree

JSON_FORMAT = 1
"""Version of the JSON shape; raised when a field changes meaning or goes away."""
DOT_WRAP = 30
"""DOT labels are wrapped at this many characters (Graphviz does not wrap)."""
MERMAID_MAX_TEXT = 50_000
"""Mermaid's default `maxTextSize`: larger diagrams are not drawn, only refused."""
MERMAID_MAX_EDGES = 500
"""Mermaid's default `maxEdges`."""
PATH_ARROW = " → "
OUTCOME_ARROW = " ⇒ "


# -- JSON ------------------------------------------------------------------------


def to_json(tree: Tree) -> str:
    """The compiled graph as JSON, pretty-printed; see the authoring page for its shape."""
    a = tree.analysis
    nodes: list[dict[str, Any]] = []
    for node in tree.nodes.values():
        if isinstance(node, Question):
            nodes.append(
                {
                    "id": node.id,
                    "kind": "question",
                    "question": node.question,
                    "help": node.help,
                    "answers": [
                        {"index": x.index, "label": x.label, "next": x.next, "why": x.why} for x in node.answers
                    ],
                    "depth": a.depth[node.id],
                    "paths": a.path_count[node.id],
                }
            )
        else:
            nodes.append(
                {
                    "id": node.id,
                    "kind": "outcome",
                    "outcome": node.outcome,
                    "summary": node.summary,
                    "body": node.body,
                    "depth": a.depth[node.id],
                    "paths": a.path_count[node.id],
                }
            )
    graph = {
        "format": JSON_FORMAT,
        "tree": tree.slug,
        "lang": tree.lang,
        "version": tree.version,
        "title": tree.title,
        "intro": tree.intro,
        "start": tree.start,
        "questions": len(tree.questions),
        "outcomes": len(tree.outcomes),
        "answer_paths": a.answer_paths,
        "longest_path": a.longest,
        "nodes": nodes,
    }
    return json.dumps(graph, ensure_ascii=False, indent=2) + "\n"


# -- Mermaid ---------------------------------------------------------------------

_MERMAID_ENTITIES = {
    '"': "#quot;",  # ends the label
    "#": "#35;",  # starts an entity code
    ";": "#59;",  # ends one; Mermaid also drops a `;` on lines that look like a style
    ":": "#58;",  # with the two above, part of what Mermaid takes for a style
    "&": "#amp;",  # labels are drawn as HTML
    "<": "#lt;",
    ">": "#gt;",
    "`": "#96;",  # a label in backticks is Markdown
}


def mermaid_text(text: str) -> str:
    """`text` as the inside of a double-quoted Mermaid label.

    Mermaid has no backslash escapes; a character is written as an entity
    code (`#quot;`, `#35;`), which Mermaid turns into an HTML entity when
    it draws the label. A line break becomes `<br>`.
    """
    out: list[str] = []
    for char in text:
        if char in _MERMAID_ENTITIES:
            out.append(_MERMAID_ENTITIES[char])
        elif char == "\n":
            out.append("<br>")
        elif unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"}:
            out.append(f"#{ord(char)};")
        else:
            out.append(char)
    return "".join(out)


def mermaid_id(node_id: str) -> str:
    """A Mermaid node id for a tree node id.

    `n_` first, so no id is a keyword (`end`, `graph`), and `_` for `-`,
    which Mermaid could read as part of an arrow (`a--b`); tree ids have no `_`.
    """
    return "n_" + node_id.replace("-", "_")


def to_mermaid(tree: Tree) -> str:
    """A Mermaid flowchart, top to bottom: questions as boxes, outcomes as rounded boxes."""
    lines = ["flowchart TD"]
    for node in tree.nodes.values():
        label = mermaid_text(node.text)
        if isinstance(node, Question):
            lines.append(f'  {mermaid_id(node.id)}["{label}"]')
        else:
            lines.append(f'  {mermaid_id(node.id)}(["{label}"])')
    for question in tree.questions:
        for answer in question.answers:
            lines.append(f'  {mermaid_id(question.id)} -->|"{mermaid_text(answer.label)}"| {mermaid_id(answer.next)}')
    return "\n".join(lines) + "\n"


def mermaid_warnings(tree: Tree, text: str) -> list[str]:
    """Why a Mermaid renderer with default settings would refuse to draw `text`."""
    warnings = []
    if len(text) > MERMAID_MAX_TEXT:
        warnings.append(f"the diagram has {len(text)} characters; Mermaid draws at most {MERMAID_MAX_TEXT} by default")
    edges = sum(len(q.answers) for q in tree.questions)
    if edges > MERMAID_MAX_EDGES:
        warnings.append(f"the diagram has {edges} arrows; Mermaid draws at most {MERMAID_MAX_EDGES} by default")
    return warnings


# -- DOT -------------------------------------------------------------------------


def dot_string(text: str) -> str:
    r"""`text` as a double-quoted DOT string for a label.

    Inside quotes DOT itself only escapes `"`; Graphviz then reads label
    escapes, where `\\` is a backslash and `\n` a centred line break. So a
    backslash is doubled, a quote escaped, and a line break written `\n`.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    escaped = "\\n".join(line.replace("\\", "\\\\").replace('"', '\\"') for line in lines)
    return f'"{escaped}"'


def _wrapped(text: str) -> str:
    """Lines of at most `DOT_WRAP` characters, broken at spaces only."""
    return "\n".join(textwrap.wrap(text, DOT_WRAP, break_long_words=False, break_on_hyphens=False)) or text


def to_dot(tree: Tree) -> str:
    """A Graphviz digraph, top to bottom: questions as boxes, outcomes as rounded, bold boxes."""
    lines = [
        f"digraph {dot_string(tree.slug)} {{",
        f"  graph [label={dot_string(tree.title)}, labelloc=t, rankdir=TB];",
        "  node [shape=box];",
    ]
    for node in tree.nodes.values():
        style = "" if isinstance(node, Question) else ', style="rounded,bold"'
        lines.append(f"  {dot_string(node.id)} [label={dot_string(_wrapped(node.text))}{style}];")
    for question in tree.questions:
        for answer in question.answers:
            lines.append(
                f"  {dot_string(question.id)} -> {dot_string(answer.next)} "
                f"[label={dot_string(_wrapped(answer.label))}];"
            )
    lines.append("}")
    return "\n".join(lines) + "\n"


# -- Paths -----------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerPath:
    """One way through the tree: the answers taken, in order, and where they end."""

    steps: tuple[tuple[Question, Answer], ...]
    outcome: Outcome

    def line(self) -> str:
        """`question → answer → question → answer ⇒ outcome`."""
        parts = [part for question, answer in self.steps for part in (question.question, answer.label)]
        return PATH_ARROW.join(parts) + OUTCOME_ARROW + self.outcome.outcome


def answer_paths(tree: Tree) -> Iterator[AnswerPath]:
    """Every path from the start to an outcome, first answers first, lazily (`graph.walks` forward)."""

    def onward(node_id: str) -> list[tuple[Step, str]]:
        node = tree.nodes[node_id]
        return [(Step(node.id, a.index), a.next) for a in node.answers] if isinstance(node, Question) else []

    for end, trail in walks(tree.start, onward):
        steps = tuple((question := tree.question(s.question), question.answers[s.answer - 1]) for s in trail)
        yield AnswerPath(steps, cast(Outcome, tree.nodes[end]))


def path_lines(tree: Tree, *, limit: int) -> list[str]:
    """Up to `limit` path lines, then one line saying how many more there are."""
    lines = [path.line() for path in islice(answer_paths(tree), limit)]
    total = tree.analysis.answer_paths
    if total > len(lines):
        lines.append(f"… and {total - len(lines)} more paths ({total} in all)")
    return lines
