"""Loading through libyaml: the same nodes, positions and errors as PyYAML's own loader, only sooner."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from treegen import balanced

from decisiontree import TreeErrors, parse_tree
from decisiontree.yamlsource import compose_fast

ROOT = Path(__file__).resolve().parent.parent
YAML_FILES = sorted((ROOT / "tests" / "fixtures").rglob("*.yml")) + sorted(
    (ROOT / "docs" / "en" / "self-assessment").glob("*.yml")
)

pytestmark = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML is built without libyaml here")


def shape(node: yaml.Node, seen: set[int] | None = None) -> object:
    """Everything the loader reads from a node, its children included: tag, value, style, marks."""
    seen = set() if seen is None else seen
    marks = (node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column)
    if id(node) in seen:  # an alias: the same node again
        return ("alias", node.tag, marks)
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        return (node.tag, node.value, node.style or None, marks)  # a plain scalar: "" from libyaml, None from PyYAML
    if isinstance(node, yaml.SequenceNode):
        return (node.tag, node.flow_style, marks, [shape(item, seen) for item in node.value])
    assert isinstance(node, yaml.MappingNode)
    pairs = [(shape(k, seen), shape(v, seen)) for k, v in node.value]
    return (node.tag, node.flow_style, marks, pairs)


def pure(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, ValueError, OverflowError):
        return None


@pytest.mark.parametrize("path", YAML_FILES, ids=[p.name for p in YAML_FILES])
def test_libyaml_composes_the_nodes_and_positions_of_the_pure_python_loader(path: Path) -> None:
    text = path.read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff")
    fast, reference = compose_fast(text), pure(text)
    if reference is None:  # what PyYAML refuses, libyaml refuses too: its errors stay PyYAML's
        assert fast is None
    elif fast is not None:  # (what libyaml refuses, PyYAML reads alone)
        assert shape(fast) == shape(reference)


def test_a_generated_tree_composes_the_same_both_ways() -> None:
    text = balanced(100, real_texts=True)
    fast = compose_fast(text)
    assert fast is not None
    assert shape(fast) == shape(pure(text))  # type: ignore[arg-type]


def test_errors_are_worded_by_the_pure_python_loader() -> None:
    # libyaml words this "mapping values are not allowed in this context"
    text = "title: Colon: here\nstart: a\nnodes: {}\n"
    assert compose_fast(text) is None
    with pytest.raises(TreeErrors) as caught:
        parse_tree(text, "t.tree.yml", lang="en")
    assert "mapping values are not allowed here" in caught.value.errors[0].message


@pytest.mark.slow  # 240,000 brackets
def test_yaml_nested_far_too_deep_is_a_located_error_not_a_crash() -> None:
    # libyaml's own composer recurses in C and crashes the process well before this depth
    text = "title: Deep\nstart: a\nnodes: " + "[" * 120_000 + "]" * 120_000 + "\n"
    with pytest.raises(TreeErrors) as caught:
        parse_tree(text, "deep.tree.yml", lang="en")
    error = caught.value.errors[0]
    assert error.line == 3
    assert "nests deeper than 100 levels" in error.message
