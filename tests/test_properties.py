"""Properties that hold for every tree: random valid trees compile and render,
their figures agree with the paths, and any broken variant fails cleanly.

Trees are generated as Python data and dumped with PyYAML's safe dumper, so the
YAML is always well formed; texts are random Unicode with quotes, `#`, `:`,
line breaks and leading or trailing spaces. Mutations then break exactly one
rule of a valid tree.
"""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from treegen import chain

from decisiontree import Answer, Outcome, Question, Tree, TreeErrors, export, parse_tree, render_pages
from decisiontree.graph import Step
from decisiontree.pagedata import INLINE_DATA_LIMIT

PATH = "t.tree.yml"
EXAMPLES_SCALE = float(os.environ.get("DT_HYPOTHESIS_SCALE", "1"))
"""`make unit` tries a fifth of the examples, for a fast loop; `make test` tries them all."""


def examples(n: int) -> int:
    return max(5, round(n * EXAMPLES_SCALE))


SETTINGS = settings(
    max_examples=examples(50),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
Data = dict[str, Any]


def fold(text: str) -> str:
    """What the loader makes of a plain-text field: white space folded to single spaces."""
    return " ".join(text.split())


def english(value: Any) -> Any:
    """The English text of a field that may be a language mapping."""
    return value["en"] if isinstance(value, dict) else value


# -- strategies ---------------------------------------------------------------------

NODE_ID = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True).filter(lambda s: s != "index")
YAML_SPECIALS = "\"'#:-{}[]&*!|>%@`<>\\?,~ \t\n"
CHARACTERS = st.one_of(st.sampled_from(list(YAML_SPECIALS)), st.characters(codec="utf-8"))
TEXT = st.text(CHARACTERS, min_size=1, max_size=24).filter(lambda s: fold(s) != "")
ONE_LINE = TEXT.filter(lambda s: len(s.strip().splitlines()) == 1)
MAX_ANSWERS = 5


@st.composite
def texts(draw: st.DrawFn, /, base: st.SearchStrategy[str] = TEXT) -> Any:
    """A text field: a string, or a mapping from language code to string."""
    text = draw(base)
    if draw(st.booleans()):
        return text
    return {"en": text, "nl": draw(base)}


@st.composite
def trees(draw: st.DrawFn) -> Data:
    """A valid tree as Python data: a random DAG in which every node is reachable.

    Questions are numbered in a topological order, the first being the start;
    each later question and every outcome first gets one parent among the
    earlier questions (so all are reachable), then questions get extra
    answers to later questions or to any outcome, up to 2–5 answers.
    """
    n_questions = draw(st.integers(1, 7))
    n_outcomes = draw(st.integers(1, min(6, (MAX_ANSWERS - 1) * n_questions + 1)))
    ids = draw(st.lists(NODE_ID, min_size=n_questions + n_outcomes, max_size=n_questions + n_outcomes, unique=True))
    qs, os_ = ids[:n_questions], ids[n_questions:]
    targets: dict[str, list[str]] = {q: [] for q in qs}

    def parent_among(candidates: list[str]) -> str:
        return draw(st.sampled_from([q for q in candidates if len(targets[q]) < MAX_ANSWERS]))

    for k in range(1, n_questions):
        targets[parent_among(qs[:k])].append(qs[k])
    for o in os_:
        targets[parent_among(qs)].append(o)

    nodes: Data = {}
    for k, q in enumerate(qs):
        count = draw(st.integers(max(2, len(targets[q])), MAX_ANSWERS))
        later = qs[k + 1 :] + os_
        extra = [draw(st.sampled_from(later)) for _ in range(count - len(targets[q]))]
        order = draw(st.permutations(targets[q] + extra))
        labels = draw(st.lists(TEXT, min_size=count, max_size=count, unique_by=fold))
        answers = []
        for label, target in zip(labels, order, strict=True):
            answer: Data = {"label": draw(texts(st.just(label))), "next": target}
            if draw(st.booleans()):
                answer["why"] = draw(texts(ONE_LINE))
            answers.append(answer)
        node: Data = {"question": draw(texts())}
        if draw(st.booleans()):
            node["help"] = draw(TEXT)
        node["answers"] = answers
        nodes[q] = node
    for o in os_:
        node = {"outcome": draw(texts()), "summary": draw(texts())}
        if draw(st.booleans()):
            node["body"] = draw(TEXT)
        nodes[o] = node

    data: Data = {"title": draw(texts())}
    if draw(st.booleans()):
        data["intro"] = draw(TEXT)
    data["start"] = qs[0]
    data["nodes"] = {node_id: nodes[node_id] for node_id in draw(st.permutations(ids))}
    return data


DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""LibYAML's emitter where there is one: the same YAML, made faster."""


def dump(data: Data, *, wide: bool = False, unicode: bool = True) -> str:
    return yaml.dump(data, Dumper=DUMPER, allow_unicode=unicode, sort_keys=False, width=10**9 if wide else 80)


@st.composite
def tree_files(draw: st.DrawFn) -> tuple[Data, str]:
    """A valid tree and its YAML text, in one of several dump styles."""
    data = draw(trees())
    return data, dump(data, wide=draw(st.booleans()), unicode=draw(st.booleans()))


def compile_(text: str) -> Tree:
    return parse_tree(text, PATH, lang="en")


# -- paths, enumerated independently of the analysis -----------------------------------


@dataclass
class Walks:
    """Every answer path from the start, found by brute force."""

    to: dict[str, list[tuple[Step, ...]]]
    """The paths from the start to each node."""
    complete: list[tuple[tuple[Step, ...], str]]
    """Every path from the start to an outcome, with the outcome."""


def walk_all(data: Data) -> Walks:
    nodes = data["nodes"]
    to: dict[str, list[tuple[Step, ...]]] = {node_id: [] for node_id in nodes}
    complete: list[tuple[tuple[Step, ...], str]] = []
    stack: list[tuple[str, tuple[Step, ...]]] = [(data["start"], ())]
    while stack:
        node_id, steps = stack.pop()
        to[node_id].append(steps)
        if "answers" not in nodes[node_id]:
            complete.append((steps, node_id))
            continue
        for index, answer in enumerate(nodes[node_id]["answers"], start=1):
            stack.append((answer["next"], (*steps, Step(node_id, index))))
    return Walks(to, complete)


# -- valid trees ------------------------------------------------------------------------


@SETTINGS
@given(tree_files())
def test_a_valid_tree_compiles_to_its_graph_and_texts(case: tuple[Data, str]) -> None:
    data, text = case
    tree = compile_(text)
    assert tree.title == fold(english(data["title"]))
    assert tree.start == data["start"]
    assert list(tree.nodes) == list(data["nodes"])
    for node_id, spec in data["nodes"].items():
        node = tree.nodes[node_id]
        if "answers" in spec:
            assert isinstance(node, Question)
            assert node.question == fold(english(spec["question"]))
            assert node.help == spec.get("help")
            assert [(a.index, a.label, a.next) for a in node.answers] == [
                (i, fold(english(a["label"])), a["next"]) for i, a in enumerate(spec["answers"], start=1)
            ]
            assert [a.why for a in node.answers] == [
                fold(english(a["why"])) if "why" in a else None for a in spec["answers"]
            ]
        else:
            assert isinstance(node, Outcome)
            assert (node.outcome, node.summary, node.body) == (
                fold(english(spec["outcome"])),
                fold(english(spec["summary"])),
                spec.get("body"),
            )


@SETTINGS
@given(tree_files())
def test_the_same_tree_in_another_language_has_the_same_routing(case: tuple[Data, str]) -> None:
    _, text = case
    en = parse_tree(text, PATH, lang="en")
    nl = parse_tree(text, PATH, lang="nl")  # every text is plain or has en and nl
    assert nl.version == en.version
    assert nl.analysis == en.analysis


@SETTINGS
@given(tree_files())
def test_pages_are_the_start_page_and_one_page_per_node(case: tuple[Data, str]) -> None:
    tree = compile_(case[1])
    pages = render_pages(tree, folder="t")
    expected = ["index.md", *(f"{node_id}.md" for node_id in tree.nodes)]
    if len(tree.nodes) > INLINE_DATA_LIMIT:
        expected.append("tree.json")
    assert [p.path for p in pages] == expected
    assert [p.node for p in pages if p.path.endswith(".md")] == [None, *tree.nodes]


@pytest.mark.parametrize("size", [INLINE_DATA_LIMIT, INLINE_DATA_LIMIT + 1])
def test_tree_json_is_written_only_above_the_inline_data_limit(size: int) -> None:
    tree = compile_(chain(size - 2))
    assert len(tree.nodes) == size
    pages = render_pages(tree, folder="t")
    large = size > INLINE_DATA_LIMIT
    assert ("tree.json" in [p.path for p in pages]) is large
    for page in pages:
        if page.node is not None or page.path == "index.md":  # (a large tree's outline pages have no script)
            assert ('"src":' in page.content) is large, page.path
            assert ('"nodes":' in page.content) is (not large and page.node is not None), page.path
            assert ('"routes":' in page.content) is (not large), page.path  # every page walks the routes


@SETTINGS
@given(tree_files())
def test_every_node_is_on_a_path_from_the_start(case: tuple[Data, str]) -> None:
    tree = compile_(case[1])
    a = tree.analysis
    assert a.order[0] == tree.start
    assert sorted(a.order) == sorted(tree.nodes)
    assert all(a.path_count[node_id] > 0 for node_id in tree.nodes)


@SETTINGS
@given(tree_files())
def test_path_counts_equal_the_number_of_paths(case: tuple[Data, str]) -> None:
    data, text = case
    a = compile_(text).analysis
    walks = walk_all(data)
    assert a.path_count == {node_id: len(paths) for node_id, paths in walks.to.items()}
    assert a.answer_paths == len(walks.complete)


@SETTINGS
@given(tree_files())
def test_paths_to_a_node_are_its_paths_each_once(case: tuple[Data, str]) -> None:
    data, text = case
    a = compile_(text).analysis
    walks = walk_all(data)
    for node_id, paths in walks.to.items():
        found = a.paths_to(node_id, limit=len(paths) + 1)
        assert len(found) == len(paths)
        assert sorted(found, key=repr) == sorted(paths, key=repr)
        capped = a.paths_to(node_id, limit=1)
        assert len(capped) == 1
        assert capped[0] in paths


@SETTINGS
@given(tree_files())
def test_question_counts_and_depth_agree_with_the_paths(case: tuple[Data, str]) -> None:
    data, text = case
    tree = compile_(text)
    a = tree.analysis
    walks = walk_all(data)
    lo: dict[str, int] = {}
    hi: dict[str, int] = {}
    for steps, outcome in walks.complete:
        visited = [s.question for s in steps] + [outcome]
        for i, node_id in enumerate(visited):
            still = len(visited) - 1 - i
            lo[node_id] = min(lo.get(node_id, still), still)
            hi[node_id] = max(hi.get(node_id, still), still)
    assert a.min_questions == lo
    assert a.max_questions == hi
    assert all(lo[n] <= hi[n] for n in lo)
    assert {n for n in lo if lo[n] == 0} == {o.id for o in tree.outcomes}
    assert a.longest == max(len(steps) for steps, _ in walks.complete)
    assert a.depth == {node_id: max(len(p) for p in paths) for node_id, paths in walks.to.items()}
    for q in tree.questions:
        assert a.remaining(q.id) == (lo[q.id] - 1, hi[q.id] - 1)


@SETTINGS
@given(tree_files())
def test_the_order_puts_every_node_after_the_questions_leading_to_it(case: tuple[Data, str]) -> None:
    tree = compile_(case[1])
    a = tree.analysis
    rank = {node_id: i for i, node_id in enumerate(a.order)}
    for q in tree.questions:
        for answer in q.answers:
            assert rank[q.id] < rank[answer.next]
            assert Step(q.id, answer.index) in a.parents[answer.next]
    assert sum(len(p) for p in a.parents.values()) == sum(len(q.answers) for q in tree.questions)


# -- exports -------------------------------------------------------------------------------


@SETTINGS
@given(tree_files())
def test_the_json_export_parses_back_to_the_same_graph(case: tuple[Data, str]) -> None:
    tree = compile_(case[1])
    exported = json.loads(export.to_json(tree))
    assert (exported["start"], exported["title"], exported["intro"], exported["version"]) == (
        tree.start,
        tree.title,
        tree.intro,
        tree.version,
    )
    rebuilt: dict[str, Question | Outcome] = {}
    for node in exported["nodes"]:
        if node["kind"] == "question":
            answers = tuple(Answer(a["index"], a["label"], a["next"], a["why"]) for a in node["answers"])
            rebuilt[node["id"]] = Question(node["id"], node["question"], answers, node["help"])
        else:
            rebuilt[node["id"]] = Outcome(node["id"], node["outcome"], node["summary"], node["body"])
        assert (node["depth"], node["paths"]) == (tree.analysis.depth[node["id"]], tree.analysis.path_count[node["id"]])
    assert list(rebuilt.items()) == list(tree.nodes.items())
    assert (exported["answer_paths"], exported["longest_path"]) == (tree.analysis.answer_paths, tree.analysis.longest)


@SETTINGS
@given(tree_files())
def test_the_path_listing_lists_every_path_once(case: tuple[Data, str]) -> None:
    data, text = case
    tree = compile_(text)
    listed = [
        (tuple(Step(q.id, a.index) for q, a in path.steps), path.outcome.id) for path in export.answer_paths(tree)
    ]
    assert sorted(listed, key=repr) == sorted(walk_all(data).complete, key=repr)


MERMAID_NODE = re.compile(r'^  (n_[a-z0-9_]+)(?:\["([^"]*)"\]|\(\["([^"]*)"\]\))$')
MERMAID_EDGE = re.compile(r'^  (n_[a-z0-9_]+) -->\|"([^"]*)"\| (n_[a-z0-9_]+)$')


@SETTINGS
@given(tree_files())
def test_mermaid_labels_cannot_break_out_of_their_quotes(case: tuple[Data, str]) -> None:
    tree = compile_(case[1])
    lines = export.to_mermaid(tree).splitlines()
    body = lines[lines.index("flowchart TD") + 1 :]
    nodes = [m.group(1) for m in map(MERMAID_NODE.match, body) if m]
    edges = [(m.group(1), m.group(3)) for m in map(MERMAID_EDGE.match, body) if m]
    assert len(nodes) + len(edges) == len(body)
    assert nodes == [export.mermaid_id(n) for n in tree.nodes]
    assert edges == [(export.mermaid_id(q.id), export.mermaid_id(a.next)) for q in tree.questions for a in q.answers]


DOT_STRING = r'"(?:[^"\\]|\\.)*"'
DOT_NODE = re.compile(rf"^  ({DOT_STRING}) \[label={DOT_STRING}(?:, style=\"rounded,bold\")?\];$")
DOT_EDGE = re.compile(rf"^  ({DOT_STRING}) -> ({DOT_STRING}) \[label={DOT_STRING}\];$")


@SETTINGS
@given(tree_files())
def test_dot_labels_cannot_break_out_of_their_quotes(case: tuple[Data, str]) -> None:
    tree = compile_(case[1])
    lines = export.to_dot(tree).splitlines()
    assert re.fullmatch(rf"digraph {DOT_STRING} \{{", lines[0])
    assert re.fullmatch(rf"  graph \[label={DOT_STRING}, labelloc=t, rankdir=TB\];", lines[1])
    assert lines[2] == "  node [shape=box];"
    assert lines[-1] == "}"
    body = lines[3:-1]
    nodes = [json.loads(m.group(1)) for m in map(DOT_NODE.match, body) if m]
    edges = [(json.loads(m.group(1)), json.loads(m.group(2))) for m in map(DOT_EDGE.match, body) if m]
    assert len(nodes) + len(edges) == len(body)
    assert nodes == list(tree.nodes)
    assert edges == [(q.id, a.next) for q in tree.questions for a in q.answers]


# -- broken trees --------------------------------------------------------------------------

SENTINEL = "zqxsentinelzqx"
"""A plain scalar no generated text contains; replaced in the YAML text after dumping."""
SURPRISES = ["no", "yes", "off", "on", "null", "~", "12", "1.5", "2024-01-01", "0x1f"]
"""Unquoted scalars YAML 1.1 reads as something other than text."""
TEXT_FIELDS = {"title", "intro", "question", "help", "label", "why", "outcome", "summary", "body"}


def places(data: Data, *, fields: set[str] | None = None) -> list[tuple[Data, str]]:
    """Every (mapping, field) of the tree, optionally only the named fields."""
    found: list[tuple[Data, str]] = [(data, k) for k in data]
    for node in data["nodes"].values():
        found += [(node, k) for k in node]
        for answer in node.get("answers", []):
            found += [(answer, k) for k in answer]
    return [(m, k) for m, k in found if fields is None or k in fields]


def answers_of(data: Data) -> list[Data]:
    return [a for node in data["nodes"].values() for a in node.get("answers", [])]


def ancestors(data: Data, target: str) -> list[str]:
    """Questions from which `target` can be reached, `target` itself included if a question."""
    parents: dict[str, set[str]] = {}
    for node_id, node in data["nodes"].items():
        for a in node.get("answers", []):
            parents.setdefault(a["next"], set()).add(node_id)
    seen = {target}
    todo = [target]
    while todo:
        for p in parents.get(todo.pop(), ()):
            if p not in seen:
                seen.add(p)
                todo.append(p)
    return sorted(n for n in seen if "answers" in data["nodes"][n])


Mutation = Callable[[Data, st.DataObject], str]
"""Breaks one rule of a valid tree (given as data) and returns the YAML text."""


def drop_a_node(data: Data, pick: st.DataObject) -> str:
    del data["nodes"][pick.draw(st.sampled_from(sorted(data["nodes"])))]
    return dump(data)


def point_next_to_a_missing_node(data: Data, pick: st.DataObject) -> str:
    answer = pick.draw(st.sampled_from(answers_of(data)))
    answer["next"] = pick.draw(NODE_ID.filter(lambda s: s not in data["nodes"]))
    return dump(data)


def point_a_question_back_to_an_ancestor(data: Data, pick: st.DataObject) -> str:
    questions = sorted(n for n, node in data["nodes"].items() if "answers" in node)
    question = pick.draw(st.sampled_from(questions))
    answer = pick.draw(st.sampled_from(data["nodes"][question]["answers"]))
    answer["next"] = pick.draw(st.sampled_from(ancestors(data, question)))
    return dump(data)


def duplicate_a_key(data: Data, pick: st.DataObject) -> str:
    mapping, key = pick.draw(st.sampled_from(places(data) + [(data["nodes"], n) for n in data["nodes"]]))
    mapping[SENTINEL] = copy.deepcopy(mapping[key])
    return dump(data).replace(SENTINEL, key)


def change_a_field_to_another_type(data: Data, pick: st.DataObject) -> str:
    mapping, key = pick.draw(st.sampled_from(places(data) + [(data["nodes"], n) for n in data["nodes"]]))
    kinds: list[Any] = [{"not a language": "x"}, 42, 1.5, True]
    if key != "answers":
        kinds.append(["a list", "of text"])
    mapping[key] = pick.draw(st.sampled_from(kinds))
    return dump(data)


def write_an_unquoted_surprise(data: Data, pick: st.DataObject) -> str:
    mapping, key = pick.draw(st.sampled_from(places(data, fields=TEXT_FIELDS | {"start", "next"})))
    mapping[key] = SENTINEL
    return dump(data).replace(SENTINEL, pick.draw(st.sampled_from(SURPRISES)))


def write_a_node_id_yaml_does_not_read_as_text(data: Data, pick: st.DataObject) -> str:
    node_id = pick.draw(st.sampled_from(sorted(data["nodes"])))
    data["nodes"] = {SENTINEL if k == node_id else k: v for k, v in data["nodes"].items()}
    return dump(data).replace(f"{SENTINEL}:", f"{pick.draw(st.sampled_from(SURPRISES))}:")


def remove_a_required_field(data: Data, pick: st.DataObject) -> str:
    required = {"title", "start", "nodes", "question", "answers", "outcome", "summary", "label", "next"}
    mapping, key = pick.draw(st.sampled_from(places(data, fields=required)))
    del mapping[key]
    return dump(data)


def add_an_unknown_field(data: Data, pick: st.DataObject) -> str:
    mappings = [data, *data["nodes"].values(), *answers_of(data)]
    pick.draw(st.sampled_from(mappings))["colour"] = "red"
    return dump(data)


def leave_a_question_one_answer(data: Data, pick: st.DataObject) -> str:
    questions = sorted(n for n, node in data["nodes"].items() if "answers" in node)
    node = data["nodes"][pick.draw(st.sampled_from(questions))]
    node["answers"] = node["answers"][: pick.draw(st.integers(0, 1))]
    return dump(data)


def give_two_answers_the_same_label(data: Data, pick: st.DataObject) -> str:
    questions = sorted(n for n, node in data["nodes"].items() if "answers" in node)
    answers = data["nodes"][pick.draw(st.sampled_from(questions))]["answers"]
    i, j = pick.draw(st.lists(st.integers(0, len(answers) - 1), min_size=2, max_size=2, unique=True))
    answers[j]["label"] = " " + english(answers[i]["label"]) + "  "
    return dump(data)


def blank_out_a_text(data: Data, pick: st.DataObject) -> str:
    mapping, key = pick.draw(st.sampled_from(places(data, fields=TEXT_FIELDS)))
    mapping[key] = pick.draw(st.sampled_from(["", " ", "\t \n", "\u3000"]))
    return dump(data)


def break_a_why_over_two_lines(data: Data, pick: st.DataObject) -> str:
    answer = pick.draw(st.sampled_from(answers_of(data)))
    answer["why"] = "first line\nsecond line"
    return dump(data)


def start_at_an_outcome(data: Data, pick: st.DataObject) -> str:
    outcomes = sorted(n for n, node in data["nodes"].items() if "answers" not in node)
    data["start"] = pick.draw(st.sampled_from(outcomes))
    return dump(data)


def use_an_invalid_node_id(data: Data, pick: st.DataObject) -> str:
    node_id = pick.draw(st.sampled_from(sorted(data["nodes"])))
    bad = pick.draw(st.sampled_from(["Upper", "1digit", "under_score", "with space", "index", "é"]))
    data["nodes"] = {bad if k == node_id else k: v for k, v in data["nodes"].items()}
    for answer in answers_of(data):
        if answer["next"] == node_id:
            answer["next"] = bad
    if data["start"] == node_id:
        data["start"] = bad
    return dump(data)


MUTATIONS: list[tuple[Mutation, str]] = [
    (drop_a_node, "there is no node"),
    (point_next_to_a_missing_node, "there is no node"),
    (point_a_question_back_to_an_ancestor, "closes a cycle"),
    (duplicate_a_key, "duplicate key"),
    (change_a_field_to_another_type, ""),
    (write_an_unquoted_surprise, "not as text"),
    (write_a_node_id_yaml_does_not_read_as_text, "a key must be text"),
    (remove_a_required_field, "is missing"),
    (add_an_unknown_field, "unknown field 'colour'"),
    (leave_a_question_one_answer, "needs at least two answers"),
    (give_two_answers_the_same_label, "the same label"),
    (blank_out_a_text, "is empty"),
    (break_a_why_over_two_lines, "must be one line"),
    (start_at_an_outcome, "is an outcome"),
    (use_an_invalid_node_id, ""),
]
LOCATED = re.compile(r"^t\.tree\.yml:(\d+):(\d+): \S")


def assert_clean_errors(text: str, exc: TreeErrors) -> None:
    """Every error is located inside the file and formats as `path:line:column: message`."""
    assert exc.errors
    lines = text.count("\n") + 1
    for error in exc.errors:
        assert 1 <= error.line <= lines, error
        assert error.column >= 1, error
        assert error.message.strip(), error
        match = LOCATED.match(error.format())
        assert match, error.format()
        assert (int(match[1]), int(match[2])) == (error.line, error.column)


@pytest.mark.parametrize(("mutation", "says"), MUTATIONS, ids=[m.__name__ for m, _ in MUTATIONS])
@settings(SETTINGS, max_examples=examples(25))
@given(case=tree_files(), pick=st.data())
def test_a_broken_tree_gives_located_tree_errors(
    mutation: Mutation, says: str, case: tuple[Data, str], pick: st.DataObject
) -> None:
    text = mutation(copy.deepcopy(case[0]), pick)
    with pytest.raises(TreeErrors) as caught:
        compile_(text)
    assert_clean_errors(text, caught.value)
    assert any(says in e.message for e in caught.value.errors), caught.value.lines()


@settings(SETTINGS, max_examples=examples(60))
@given(case=tree_files(), pick=st.data())
def test_any_edit_of_a_tree_file_compiles_or_gives_tree_errors(case: tuple[Data, str], pick: st.DataObject) -> None:
    text = case[1]
    start = pick.draw(st.integers(0, len(text)))
    end = pick.draw(st.integers(start, min(len(text), start + 8)))
    edited = text[:start] + pick.draw(st.text(CHARACTERS, max_size=4)) + text[end:]
    try:
        compile_(edited)
    except TreeErrors as exc:
        assert_clean_errors(edited, exc)


@settings(SETTINGS, max_examples=examples(100))
@given(st.binary(max_size=200) | st.text(CHARACTERS, max_size=200))
def test_any_input_compiles_or_gives_tree_errors(data: bytes | str) -> None:
    try:
        parse_tree(data, PATH, lang="en")
    except TreeErrors as exc:
        assert exc.errors
        assert all(LOCATED.match(e.format()) for e in exc.errors)


@pytest.mark.parametrize(
    "text",
    [
        "title: " + "[" * 1000 + "]" * 1000 + "\n",
        "title: x\nstart: a\nnodes: " + "{a: " * 1000 + "}" * 1000 + "\n",
        "title: x\nstart: a\nnodes:\n" + "".join("  " * i + "- \n" for i in range(1, 600)),
    ],
    ids=["flow-lists", "flow-mappings", "block-lists"],
)
def test_deeply_nested_yaml_gives_a_tree_error_not_a_recursion_error(text: str) -> None:
    with pytest.raises(TreeErrors) as caught:
        compile_(text)
    assert_clean_errors(text, caught.value)
    assert any("nest" in e.message for e in caught.value.errors), caught.value.lines()


def test_a_character_yaml_refuses_is_an_error_where_it_stands() -> None:
    text = 'title: "T\x85"\nstart: a\nnodes:\n  a:\n    question: "Bell \x07"\n'
    with pytest.raises(TreeErrors) as caught:
        compile_(text)
    assert caught.value.lines() == ["t.tree.yml:5:21: the character U+0007 is not allowed in YAML; remove it"]


@pytest.mark.parametrize("escape", ["\\U00110000", "\\UFFFFFFFF"])
def test_an_escape_beyond_unicode_gives_a_tree_error(escape: str) -> None:
    text = f'title: "A {escape}"\n'
    with pytest.raises(TreeErrors) as caught:
        compile_(text)
    assert caught.value.lines() == [
        "t.tree.yml:1:11: YAML syntax error: an escape names a character beyond U+10FFFF, the last in Unicode"
    ]


@pytest.mark.parametrize("separator", ["\x85", "\u2028", "\u2029"], ids=["NEL", "LS", "PS"])
def test_error_lines_and_columns_count_line_breaks_as_editors_do(separator: str) -> None:
    """PyYAML also breaks lines at NEL, LS and PS; editors and code hosts do not."""
    text = (
        f'title: "Two{separator}lines"\n'
        "start: a\n"
        "nodes:\n"
        "  a:\n"
        "    question: Q\n"
        "    answers:\n"
        "      - {label: A, next: b}\n"
        "      - {label: B, next: b}\n"
        f'  b: {{outcome: "O{separator}{separator}o", sumary: S}}\n'
    )
    with pytest.raises(TreeErrors) as caught:
        compile_(text)
    assert caught.value.lines() == [
        (
            "t.tree.yml:9:24: node 'b': unknown field 'sumary' in a node (did you mean 'summary'?); "
            "allowed: question, help, answers, outcome, summary, body"
        )
    ]
