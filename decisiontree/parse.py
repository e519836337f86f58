"""A tree's parts read from its composed YAML: the top fields, the node ids, the nodes and their answers.

Reading checks each field where it stands: its type, its text, its id. What
the fields say about each other (a `next` naming no node, a cycle) is
checked once everything is read, from the `references` collected here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .model import Answer, Node, Outcome, Question
from .reader import Fields, Reader
from .yamlsource import describe, position

ID_RE = re.compile(r"^[a-z][a-z0-9-]*$")
RESERVED_IDS = {"index"}
"""`index` is the tree's start page."""

TOP_FIELDS = ("title", "intro", "start", "nodes")
QUESTION_FIELDS = ("question", "help", "answers")
OUTCOME_FIELDS = ("outcome", "summary", "body")
ANSWER_FIELDS = ("label", "next", "why")


@dataclass(frozen=True)
class Reference:
    """A node id named by `start` or an answer's `next`, to be checked once every node is read."""

    owner: str | None
    """The node that names it (`None` for `start`)."""
    target: str
    at: yaml.Node
    field: str


@dataclass
class Parts:
    """What reading a tree file found, good parts and bad."""

    root: yaml.MappingNode
    title: str | None = None
    intro: str | None = None
    start: str | None = None
    start_node: yaml.Node | None = None
    nodes_node: yaml.Node | None = None
    nodes: dict[str, Node] = field(default_factory=dict)
    """The nodes read without an error."""
    ids: dict[str, yaml.Node] = field(default_factory=dict)
    """Every valid node id, with its key."""
    bad_ids: set[str] = field(default_factory=set)
    """Node keys already reported as invalid: references to them say nothing more."""
    references: list[Reference] = field(default_factory=list)

    @property
    def nodes_ok(self) -> bool:
        """Whether `nodes` is a mapping (its ids say which nodes exist)."""
        return isinstance(self.nodes_node, yaml.MappingNode)


def read_parts(r: Reader, root: yaml.MappingNode) -> Parts:
    """The tree's fields and nodes, every problem recorded in `r`."""
    parts = Parts(root)
    top = r.fields(root, TOP_FIELDS, context="the tree")
    needs = "the tree must have it"
    title_node = r.require(top, "title", root, node=None, needs=needs)
    parts.title = r.text(title_node, node=None, field="title") if title_node is not None else None
    parts.intro = r.text(top["intro"][1], node=None, field="intro") if "intro" in top else None
    parts.start_node = r.require(top, "start", root, node=None, needs=needs)
    if parts.start_node is not None:
        parts.start = r.string(parts.start_node, node=None, field="start")
    parts.nodes_node = r.require(top, "nodes", root, node=None, needs=needs)
    _read_nodes(r, parts)
    if parts.start_node is not None and parts.start is not None:
        parts.references.append(Reference(None, parts.start, parts.start_node, "start"))
    return parts


def id_problem(node_id: str) -> str | None:
    """What is wrong with a node id, or `None`."""
    if not ID_RE.match(node_id):
        return f"'{node_id}' is not a valid node id: use lowercase letters, digits and hyphens, starting with a letter"
    if node_id in RESERVED_IDS:
        return f"'{node_id}' is reserved for the tree's start page; choose another id"
    return None


def _read_nodes(r: Reader, parts: Parts) -> None:
    mapping = parts.nodes_node
    if mapping is None:
        return
    if not isinstance(mapping, yaml.MappingNode):
        r.error(mapping, f"must be a mapping from node id to node, not {describe(mapping)}", field="nodes")
        return
    for key, value in r.pairs(mapping):
        node_id = key.value
        problem = id_problem(node_id)
        if problem is not None:
            parts.bad_ids.add(node_id)
            r.error(key, problem, node=node_id)
            continue
        parts.ids[node_id] = key
        node = _read_node(r, node_id, key, value, parts.references)
        if node is not None:
            parts.nodes[node_id] = node


def _read_node(r: Reader, node_id: str, key: yaml.Node, value: yaml.Node, references: list[Reference]) -> Node | None:
    if not isinstance(value, yaml.MappingNode):
        at = value if value.start_mark.line else key
        r.error(at, f"must be a mapping of fields, not {describe(value)}", node=node_id)
        return None
    found = r.fields(value, QUESTION_FIELDS + OUTCOME_FIELDS, node=node_id, context="a node")
    is_question = any(f in found for f in QUESTION_FIELDS)
    is_outcome = any(f in found for f in OUTCOME_FIELDS)
    if is_question and is_outcome:
        q = ", ".join(f for f in QUESTION_FIELDS if f in found)
        o = ", ".join(f for f in OUTCOME_FIELDS if f in found)
        r.error(key, f"is both a question ({q}) and an outcome ({o}); a node is one or the other", node=node_id)
        return None
    if is_outcome:
        return _read_outcome(r, node_id, key, value, found)
    if is_question:
        return _read_question(r, node_id, key, value, found, references)
    r.error(key, "is neither a question (question, answers) nor an outcome (outcome, summary)", node=node_id)
    return None


def _node_text(
    r: Reader, found: Fields, name: str, mapping: yaml.Node, *, node: str, key: yaml.Node, needs: str | None
) -> str | None:
    """A node's text field; `needs` (for a required field) says what the error of a missing one says."""
    if name not in found and needs is None:
        return None
    value = r.require(found, name, mapping, node=node, needs=needs or "", at=key)
    return None if value is None else r.text(value, node=node, field=name)


def _read_outcome(r: Reader, node_id: str, key: yaml.Node, mapping: yaml.Node, found: Fields) -> Outcome | None:
    needs = "an outcome needs outcome and summary"
    outcome = _node_text(r, found, "outcome", mapping, node=node_id, key=key, needs=needs)
    summary = _node_text(r, found, "summary", mapping, node=node_id, key=key, needs=needs)
    body = _node_text(r, found, "body", mapping, node=node_id, key=key, needs=None)
    if outcome is None or summary is None:
        return None
    return Outcome(id=node_id, outcome=outcome, summary=summary, body=body, pos=position(key))


def _read_question(
    r: Reader, node_id: str, key: yaml.Node, mapping: yaml.Node, found: Fields, references: list[Reference]
) -> Question | None:
    needs = "a question needs question and answers"
    question = _node_text(r, found, "question", mapping, node=node_id, key=key, needs=needs)
    help_text = _node_text(r, found, "help", mapping, node=node_id, key=key, needs=None)
    seq = r.require(found, "answers", mapping, node=node_id, needs="a question needs at least two answers", at=key)
    answers = None if seq is None else _read_answers(r, node_id, found["answers"][0], seq, references)
    if question is None or answers is None:
        return None
    return Question(id=node_id, question=question, help=help_text, answers=tuple(answers), pos=position(key))


def _read_answers(
    r: Reader, node_id: str, answers_key: yaml.Node, seq: yaml.Node, references: list[Reference]
) -> list[Answer] | None:
    """A question's answers, or `None` if any of them is wrong or there are fewer than two."""
    if not isinstance(seq, yaml.SequenceNode):
        r.error(seq, f"must be a list of answers, not {describe(seq)}", node=node_id, field="answers")
        return None
    labels: dict[str, int] = {}
    read = [_read_answer(r, node_id, index, item, labels, references) for index, item in enumerate(seq.value, 1)]
    if len(seq.value) < 2:
        count = "no answers" if not seq.value else "only one answer"
        r.error(
            answers_key, f"a question needs at least two answers; this one has {count}", node=node_id, field="answers"
        )
        return None
    answers = [answer for answer in read if answer is not None]
    return answers if len(answers) == len(read) else None


def _read_answer(
    r: Reader, node_id: str, index: int, item: yaml.Node, labels: dict[str, int], references: list[Reference]
) -> Answer | None:
    """One answer, or `None` if it is wrong; `labels` holds the labels before it, by answer number."""
    field = f"answers[{index}]"
    if not isinstance(item, yaml.MappingNode):
        r.error(item, f"must be a mapping with label and next, not {describe(item)}", node=node_id, field=field)
        return None
    found = r.fields(item, ANSWER_FIELDS, node=node_id, context=f"answer {index}")
    needs = "every answer needs label and next"
    label_node = r.require(found, "label", item, node=node_id, needs=needs, field=f"{field}.label")
    label = None if label_node is None else r.text(label_node, node=node_id, field=f"{field}.label")
    next_node = r.require(found, "next", item, node=node_id, needs=needs, field=f"{field}.next")
    next_id = None if next_node is None else r.string(next_node, node=node_id, field=f"{field}.next")
    if next_node is not None and next_id is not None:
        references.append(Reference(node_id, next_id, next_node, f"{field}.next"))
    why = r.text(found["why"][1], node=node_id, field=f"{field}.why", one_line=True) if "why" in found else None
    if label is not None and label in labels:
        r.error(
            found["label"][1],
            f"answer {index} has the same label as answer {labels[label]}: '{label}'",
            node=node_id,
            field=f"{field}.label",
        )
        return None
    if label is not None:
        labels[label] = index
    if label is None or next_id is None or next_node is None:
        return None
    return Answer(index=index, label=label, next=next_id, why=why, pos=position(item), next_pos=position(next_node))
