"""The chart's layout on its own: plain numbers, read without drawing any SVG."""

from __future__ import annotations

import itertools

import pytest
from test_chart import SMALL, tree_of
from treegen import balanced, converging

from decisiontree import geometry, render_pages
from decisiontree.chart import neighbourhood, whole
from decisiontree.geometry import GAP_BELOW_NODES, NODE_W, RING, Sizes
from decisiontree.layout import Layout, layout
from decisiontree.model import Tree


def whole_layout(tree: Tree, current: str | None = None) -> Layout:
    ids, edges = whole(tree)
    return layout(tree, ids, edges, current=current)


CASES = {"small": SMALL, "converging": converging(40), "balanced": balanced(60, real_texts=True)}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_boxes_in_a_layer_never_overlap(text: str) -> None:
    placed = whole_layout(tree_of(text))
    for _, layer in itertools.groupby(sorted(placed.nodes, key=lambda n: (n.y, n.x)), key=lambda n: n.y):
        xs = [n.x for n in layer]
        assert all(b - a >= NODE_W for a, b in itertools.pairwise(xs)), xs


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_layers_go_down_the_page_in_depth_order(text: str) -> None:
    tree = tree_of(text)
    placed = whole_layout(tree)
    by_depth: dict[int, set[float]] = {}
    for node in placed.nodes:
        by_depth.setdefault(tree.analysis.depth[node.id], set()).add(node.y)
    layers = [by_depth[d] for d in sorted(by_depth)]
    assert all(len(ys) == 1 for ys in layers)  # one row per depth
    tops = [min(ys) for ys in layers]
    assert tops == sorted(tops)
    assert all(b - a > GAP_BELOW_NODES for a, b in itertools.pairwise(tops))


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_every_route_runs_from_its_question_through_its_label_to_its_target(text: str) -> None:
    tree = tree_of(text)
    placed = whole_layout(tree)
    nodes = {n.id: n for n in placed.nodes}
    for edge in placed.edges:
        source, target = nodes[edge.edge.source], nodes[edge.edge.answer.next]
        start = edge.points[0]
        assert start[1] == source.bottom
        assert abs(start[0] - source.x) < NODE_W / 2
        assert edge.tip[1] == target.top
        assert abs(edge.tip[0] - target.x) < NODE_W / 2
        label = edge.label
        assert (edge.points[1], edge.points[2]) == (
            (label.x, label.y - label.height / 2),
            (label.x, label.y + label.height / 2),
        )
        assert [y for _, y in edge.points] == sorted(y for _, y in edge.points)  # always downwards


def test_everything_fits_inside_the_margins() -> None:
    placed = whole_layout(tree_of(converging(40)))
    for node in placed.nodes:
        assert NODE_W / 2 <= node.x <= placed.width - NODE_W / 2
        assert node.top > 0 and node.bottom < placed.height
    for edge in placed.edges:
        assert all(0 <= x <= placed.width and 0 <= y <= placed.height for x, y in edge.points)


def test_the_current_node_is_taller_by_its_badge_and_arrows_stop_at_its_ring() -> None:
    tree = tree_of(SMALL)
    plain, marked = whole_layout(tree), whole_layout(tree, current="second")
    before = next(n for n in plain.nodes if n.id == "second")
    after = next(n for n in marked.nodes if n.id == "second")
    assert (before.badge, after.badge) == (False, True)
    assert after.height == before.height + geometry.BADGE_H + 5
    into = next(e for e in marked.edges if e.edge.answer.next == "second")
    assert into.tip[1] == after.top - RING - 1
    assert marked.focus == (after.x, after.y)
    assert plain.focus == next((n.x, n.y) for n in plain.nodes if n.id == tree.start)


def test_a_neighbourhood_lays_out_alone() -> None:
    tree = tree_of(converging(100))
    ids, edges = neighbourhood(tree, "q9")
    placed = layout(tree, ids, edges, current="q9")
    assert sorted(n.id for n in placed.nodes) == sorted(ids)
    assert len(placed.edges) == len(edges)


def test_each_text_of_a_tree_is_wrapped_once_however_many_pages_draw_it(monkeypatch: pytest.MonkeyPatch) -> None:
    tree = tree_of(converging(100))
    calls = 0
    measure = geometry.wrap

    def counted(*args: object, **kwargs: object) -> list[str]:
        nonlocal calls
        calls += 1
        return measure(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(geometry, "wrap", counted)
    render_pages(tree, folder="t")
    answers = sum(len(q.answers) for q in tree.questions)
    # a box and a label per node and answer; a tip for each node, two for an outcome (name, summary)
    assert calls <= len(tree.nodes) + answers + len(tree.nodes) + len(tree.outcomes)


def test_sizes_measured_for_one_chart_give_the_same_layout_to_the_next() -> None:
    tree = tree_of(converging(40))
    sizes = Sizes(tree)
    for current in ("q3", "q9", "o2"):
        ids, edges = neighbourhood(tree, current)
        assert layout(tree, ids, edges, current=current, sizes=sizes) == layout(tree, ids, edges, current=current)
