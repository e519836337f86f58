"""The flowchart: one rule per test, each with the smallest tree that breaks it."""

from __future__ import annotations

import json
import math
import os
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from treegen import chain, converging

from decisiontree import Tree, load_tree, parse_tree
from decisiontree.chart import NEIGHBOURHOOD_FROM, render_chart, whole
from decisiontree.draw import draw
from decisiontree.geometry import Sizes
from decisiontree.layout import layout
from decisiontree.measure import crossings
from decisiontree.strings import strings_for

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"

SMALL = """\
title: Small
start: first
nodes:
  first:
    question: Who sets the specification?
    answers:
      - label: The client
        next: second
      - label: We do
        next: done
  second:
    question: Could they buy it elsewhere?
    answers:
      - label: "Yes"
        next: done
      - label: "No"
        next: other
  done:
    outcome: Vendor
    summary: You sell a product.
  other:
    outcome: Consultant
    summary: You sell judgement.
"""


def tree_of(text: str) -> Tree:
    return parse_tree(text, "t.tree.yml", lang="en")


def href(node: str | None) -> str:
    return f"../{node}/" if node else "../"


def chart(tree: Tree, current: str | None = None) -> str:
    return str(render_chart(tree, current=current, href=href, strings=strings_for("en")))


def svg_of(html: str) -> ET.Element:
    """The chart's SVG as XML (it is well-formed: every element closed, every string escaped)."""
    match = re.search(r"<svg .*</svg>", html, re.S)
    assert match
    return ET.fromstring(match.group(0))


def nodes_of(html: str) -> list[ET.Element]:
    return [a for a in svg_of(html).iter(f"{SVG}a") if "dt-node" in a.get("class", "").split()]


def edges_of(html: str) -> list[ET.Element]:
    return [g for g in svg_of(html).iter(f"{SVG}g") if "dt-edge" in g.get("class", "").split()]


def test_each_node_is_one_link_to_its_page() -> None:
    tree = tree_of(SMALL)
    links = nodes_of(chart(tree))
    assert sorted(a.get("data-node", "") for a in links) == sorted(tree.nodes)
    for a in links:
        assert a.get(XLINK_HREF) == href(a.get("data-node"))
        assert a.get("href") is None  # see the module docstring: Material's instant navigation
        kind = "question" if tree.nodes[a.get("data-node", "")].is_question else "outcome"
        assert f"dt-node--{kind}" in a.get("class", "")


def test_each_node_has_its_full_text_as_title() -> None:
    long = "A question so long that it cannot fit in the box of the chart, not even in four lines, " * 2
    tree = tree_of(SMALL.replace("Who sets the specification?", long.strip()))
    first = next(a for a in nodes_of(chart(tree)) if a.get("data-node") == "first")
    title = first.find(f"{SVG}title")
    assert title is not None
    assert title.text == long.strip()
    shown = "".join(first.find(f"{SVG}text").itertext())  # type: ignore[union-attr]
    assert shown.endswith("…")


def test_current_node_has_aria_current_and_no_other_does() -> None:
    tree = tree_of(SMALL)
    links = nodes_of(chart(tree, current="second"))
    marked = [a.get("data-node") for a in links if a.get("aria-current") == "page"]
    assert marked == ["second"]
    assert "dt-node--current" in next(a for a in links if a.get("data-node") == "second").get("class", "")
    assert not [a for a in nodes_of(chart(tree)) if a.get("aria-current")]


def test_chart_opens_on_the_current_node_or_the_start() -> None:
    for current, expected in (("second", "second"), (None, "first")):
        html = chart(tree_of(SMALL), current)
        start = re.search(r'class="dt-chart-start" style="left: ([\d.]+)px; top: ([\d.]+)px"', html)
        assert start
        node = next(a for a in nodes_of(html) if a.get("data-node") == expected)
        shape = node.find(f"{SVG}rect[@class='dt-node-shape']")
        assert shape is not None
        centre = float(shape.get("x", "")) + float(shape.get("width", "")) / 2
        assert abs(float(start.group(1)) - centre) < 0.2


def test_current_node_is_marked_without_script() -> None:
    html = chart(tree_of(SMALL), current="second")
    current = next(a for a in nodes_of(html) if a.get("data-node") == "second")
    assert current.find(f"{SVG}rect[@class='dt-node-here']") is not None
    badge = current.find(f"{SVG}g[@class='dt-here-badge']")
    assert badge is not None
    assert "You are here" in "".join(badge.itertext())


def test_shared_outcome_is_drawn_once_with_two_edges_in() -> None:
    html = chart(tree_of(SMALL))
    assert [a.get("data-node") for a in nodes_of(html)].count("done") == 1
    into = [g for g in edges_of(html) if g.get("data-to") == "done"]
    assert [(g.get("data-from"), g.get("data-answer")) for g in into] == [("first", "2"), ("second", "1")]


def test_edges_carry_question_answer_and_target() -> None:
    tree = tree_of(SMALL)
    edges = {(g.get("data-from"), g.get("data-answer"), g.get("data-to")) for g in edges_of(chart(tree))}
    expected = {(q.id, str(a.index), a.next) for q in tree.questions for a in q.answers}
    assert edges == expected


def test_each_edge_is_an_arrow_labelled_with_its_answer() -> None:
    html = chart(tree_of(SMALL))
    edge = next(g for g in edges_of(html) if g.get("data-from") == "first" and g.get("data-answer") == "1")
    classes = [child.get("class") for child in edge.iter() if child.get("class")]
    assert classes[:3] == ["dt-edge", "dt-edge-line", "dt-edge-head"]
    label = edge.find(f"{SVG}g[@class='dt-edge-label']")
    assert label is not None
    assert "".join(label.find(f"{SVG}text").itertext()) == "The client"  # type: ignore[union-attr]
    assert label.find(f"{SVG}title") is None  # shown whole, so no title repeats it


def test_long_answer_label_is_shortened_with_full_text_in_title() -> None:
    long = "Only when the contract says so and the client agrees in writing beforehand"
    html = chart(tree_of(SMALL.replace("label: The client", f"label: {long}")))
    edge = next(g for g in edges_of(html) if g.get("data-answer") == "1" and g.get("data-from") == "first")
    label = edge.find(f"{SVG}g[@class='dt-edge-label']")
    assert label is not None
    assert label.findtext(f"{SVG}title") == long
    assert "".join(label.find(f"{SVG}text").itertext()).endswith("…")  # type: ignore[union-attr]


def test_output_is_deterministic() -> None:
    assert chart(tree_of(SMALL), "second") == chart(tree_of(SMALL), "second")
    big = tree_of(converging(40))
    assert chart(big) == chart(big)


def test_coordinates_are_whole_pixels() -> None:
    geometry = svg_of_text(chart(tree_of(converging(20))))
    assert re.findall(r"\d+", geometry)
    assert not re.findall(r"\d\.\d", geometry)


def test_a_straight_run_through_several_ranks_is_one_line() -> None:
    # "We do" skips a layer: its route passes the label's rank and the next
    # one straight down, which is one `V`, not one per rank.
    lines = [edge.find(f"{SVG}path").get("d") for edge in edges_of(chart(tree_of(SMALL)))]
    skipping = [d for d in lines if "V" in d]
    assert skipping, lines
    assert not [d for d in lines if re.search(r"V[\d.-]+V", d)], lines


def svg_of_text(html: str) -> str:
    """Only the geometry: attribute values of the SVG that hold numbers."""
    return " ".join(re.findall(r'(?:x|y|width|height|rx|d|viewBox)="([^"]*)"', html))


HOSTILE = ("<script>alert(1)</script>", '"><svg onload=x>', "]]>")


def test_hostile_strings_are_escaped() -> None:
    text = SMALL
    text = text.replace("Who sets the specification?", f"'{HOSTILE[0]} {HOSTILE[1]}'")
    text = text.replace("label: The client", f"label: '{HOSTILE[1]} {HOSTILE[2]}'")
    text = text.replace("outcome: Vendor", f"outcome: '{HOSTILE[2]} {HOSTILE[0]}'")
    text = text.replace("title: Small", f"title: '{HOSTILE[1]}'")
    tree = tree_of(text)
    html = chart(tree, current="first")

    class Collect(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tags: list[str] = []
            self.titles: list[str] = []
            self.texts: list[str] = []
            self.attrs: list[tuple[str, str | None]] = []
            self._in_title = False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags.append(tag)
            self.attrs += attrs
            self._in_title = tag == "title"

        def handle_endtag(self, tag: str) -> None:
            self._in_title = False

        def handle_data(self, data: str) -> None:
            self.texts.append(data)
            if self._in_title:
                self.titles.append(data)

    parsed = Collect()
    parsed.feed(html)
    assert "script" not in parsed.tags
    assert parsed.tags.count("svg") == 1
    assert all(not name.startswith("on") for name, _ in parsed.attrs)
    assert f"{HOSTILE[0]} {HOSTILE[1]}" in parsed.titles
    assert f"{HOSTILE[1]} {HOSTILE[2]}" in parsed.texts  # the answer label, shown whole
    assert f"Flowchart of {HOSTILE[1]}" in parsed.titles
    assert dict(parsed.attrs)["aria-label"] == f"Flowchart of {HOSTILE[1]}"
    svg_of(html)  # still well-formed XML


def test_no_blank_lines_or_indented_lines() -> None:
    for current in (None, "first", "done"):
        html = chart(tree_of(SMALL), current)
        assert html.startswith('<figure class="dt-chart')
        lines = html.split("\n")
        assert all(line.strip() for line in lines)
        assert not [line for line in lines if line.startswith("    ")]


def test_svg_is_a_labelled_group_with_title_and_desc() -> None:
    html = chart(tree_of(SMALL))
    svg = svg_of(html)
    assert svg.get("role") == "group"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert svg.get("aria-labelledby") == title.get("id")
    assert svg.get("aria-describedby") == desc.get("id")
    assert desc.text == strings_for("en")["chart_desc"].format(questions=2, outcomes=2)
    assert svg.get("viewBox") == f"0 0 {svg.get('width')} {svg.get('height')}"
    assert 'class="dt-chart-scroll" tabindex="0" role="region"' in html


def test_caption_links_to_the_outline() -> None:
    tree = tree_of(SMALL)
    assert 'href="#dt-outline"' in chart(tree)
    assert 'href="../#dt-outline"' in chart(tree, "second")


def test_links_are_in_layer_order_left_to_right() -> None:
    tree = tree_of(converging(12))
    places = []
    for a in nodes_of(chart(tree)):
        shape = a.find(f"{SVG}rect[@class='dt-node-shape']")
        assert shape is not None
        places.append((tree.analysis.depth[a.get("data-node", "")], float(shape.get("x", ""))))
    assert places == sorted(places)


def test_outcomes_and_cut_questions_have_a_hidden_tip_after_all_nodes() -> None:
    long = "Who sets the specification, in how much detail, who signs off each of its many parts, " * 3
    tree = tree_of(SMALL.replace("Who sets the specification?", long))
    html = chart(tree)
    tips = [g.get("data-for") for g in svg_of(html).iter(f"{SVG}g") if g.get("class") == "dt-tip"]
    # `second` shows its whole text in its box; `first` is cut short, outcomes have a summary.
    assert sorted(tips) == ["done", "first", "other"]  # type: ignore[type-var]
    assert html.index('class="dt-tip"') > html.rindex('class="dt-node ')
    vendor_tip = re.search(r'data-for="done">(.*?)</g>', html)
    assert vendor_tip and "You sell a product." in vendor_tip.group(1)


def test_ids_come_from_the_tree_not_its_title() -> None:
    html = chart(tree_of(SMALL.replace("title: Small", "title: Another title")))
    assert sorted(re.findall(r' id="([^"]+)"', html)) == ["dt-chart", "dt-chart-t-desc", "dt-chart-t-title"]


def test_small_tree_pages_draw_the_whole_tree() -> None:
    tree = tree_of(SMALL)
    assert len(tree.nodes) <= NEIGHBOURHOOD_FROM
    assert len(nodes_of(chart(tree, "second"))) == len(tree.nodes)


@pytest.mark.slow  # large generated trees
def test_large_tree_question_page_draws_a_bounded_neighbourhood() -> None:
    sizes = {}
    for questions in (500, 1000):
        tree = tree_of(converging(questions))
        html = chart(tree, "q9")
        assert "dt-chart--neighbourhood" in html
        assert 'href="../#dt-chart"' in html
        drawn = {a.get("data-node") for a in nodes_of(html)}
        assert {"q9", "q4", "q19", "q20", "q39", "q42"} <= drawn
        sizes[questions] = (len(drawn), len(html))
    assert sizes[500][0] == sizes[1000][0] <= 40
    assert sizes[1000][1] <= sizes[500][1] * 1.05


@pytest.mark.slow  # large generated trees
def test_shared_outcome_page_on_a_large_tree_stays_bounded() -> None:
    tree = tree_of(converging(1000))
    html = chart(tree, "o3")
    assert len(nodes_of(html)) <= 12
    assert len(html) < 20_000


@pytest.mark.slow  # large generated trees
def test_start_page_chart_grows_at_most_linearly() -> None:
    small = len(chart(tree_of(converging(500))))
    large = len(chart(tree_of(converging(1000))))
    assert large < small * 2.2


@pytest.mark.slow  # large generated trees
def test_a_chain_a_thousand_questions_deep_renders() -> None:
    tree = tree_of(chain(1000))
    whole = chart(tree)
    assert len(nodes_of(whole)) == 1002
    assert len(edges_of(whole)) == 2000
    assert len(nodes_of(chart(tree, "q500"))) <= 40


@pytest.mark.parametrize("current", [None, "second", "other"])
def test_every_string_comes_from_the_language_table(current: str | None) -> None:
    tree = parse_tree(SMALL, "t.tree.yml", lang="nl")
    html = str(render_chart(tree, current=current, href=href, strings=strings_for("nl")))
    assert "Stroomschema" in html
    assert "Flowchart" not in html


# -- crossings and width -----------------------------------------------------------------


def test_crossings_count_each_place_where_two_edges_cross() -> None:
    assert crossings(["M0 0L10 10", "M0 10L10 0"]) == 1
    assert crossings(["M0 0V10", "M5 0V10"]) == 0
    # S-curves swapping places cross once; Graphviz writes its numbers with commas
    assert crossings(["M0 0C0 5 10 5 10 10", "M10,0C10,5 0,5 0,10"]) == 1
    # a curve that goes right and back crosses a vertical line twice
    assert crossings(["M0 0C20 3 20 7 0 10", "M5 0V10"]) == 2
    # edges meeting at an end point do not cross
    assert crossings(["M0 0L10 10", "M10 10L20 0"]) == 0


def test_a_tree_that_can_be_drawn_without_crossings_is() -> None:
    html = chart(tree_of(SMALL))
    paths = [p.get("d", "") for p in svg_of(html).iter(f"{SVG}path") if p.get("class") == "dt-edge-line"]
    assert len(paths) == 4
    assert crossings(paths) == 0


REAL_TREES = sorted((Path(__file__).parent.parent / "docs" / "en" / "self-assessment").glob("*.tree.yml"))
LAYOUT_LIMITS = Path(__file__).parent / "snapshots" / "chart-limits.json"
"""Crossings and width (px) of each real tree's start page chart, as measured: a
layout change may lower them, not raise them. `make snapshots` measures a new
tree and drops a removed one; an existing tree's limits change only by hand."""


def _slug(tree_file: Path) -> str:
    return tree_file.name.removesuffix(".tree.yml")


def _measure(tree_file: Path, lang: str) -> tuple[int, float]:
    """The crossings and width of the tree's start page chart in `lang`."""
    tree = load_tree(tree_file, lang=lang)
    ids, edges = whole(tree)
    sizes = Sizes(tree)
    drawing = draw(tree, layout(tree, ids, edges, current=None, sizes=sizes), sizes=sizes, here_label="", href=href)
    return crossings(drawing.paths), float(drawing.width)


def _limits() -> dict[str, dict[str, int]]:
    return json.loads(LAYOUT_LIMITS.read_text("utf-8")) if LAYOUT_LIMITS.is_file() else {}


def test_the_chart_limits_snapshot_names_every_real_tree() -> None:
    limits = _limits()
    if os.environ.get("UPDATE_SNAPSHOTS"):
        kept = {_slug(t): limits[_slug(t)] for t in REAL_TREES if _slug(t) in limits}
        for tree_file in REAL_TREES:
            if _slug(tree_file) not in kept:
                measured = [_measure(tree_file, lang) for lang in ("en", "nl")]
                widest = max(width for _, width in measured)
                kept[_slug(tree_file)] = {
                    "crossings": max(n for n, _ in measured),
                    "width": math.ceil(widest / 10) * 10,
                }
        LAYOUT_LIMITS.write_text(json.dumps(kept, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        limits = kept
    missing = sorted({_slug(t) for t in REAL_TREES} - limits.keys())
    gone = sorted(limits.keys() - {_slug(t) for t in REAL_TREES})
    assert (missing, gone) == ([], []), (
        "Rule: every tree in docs/en/self-assessment/ has the crossings and width of its start page chart "
        "measured in tests/snapshots/chart-limits.json, so a layout change can lower them but not raise them. "
        f"Without limits: {missing}; limits of trees that are gone: {gone}. "
        "Fix: run make snapshots, look at the tree's chart, and review the diff of tests/snapshots/."
    )


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("tree_file", REAL_TREES, ids=[_slug(p) for p in REAL_TREES])
def test_the_real_trees_are_drawn_with_no_more_crossings_or_width_than_measured(tree_file: Path, lang: str) -> None:
    limits = _limits().get(_slug(tree_file))
    assert limits is not None, (
        f"Rule: every tree's start page chart has measured limits in tests/snapshots/chart-limits.json; "
        f"{tree_file.name} has none. Fix: run make snapshots and review the diff of tests/snapshots/."
    )
    found, width = _measure(tree_file, lang)
    fix = (
        "Fix: find the layout change that made it worse; if the tree itself grew on purpose, raise its limit "
        "in tests/snapshots/chart-limits.json by hand and say why in the commit."
    )
    assert found <= limits["crossings"], (
        f"Rule: a real tree's chart may get fewer crossings, not more. {_slug(tree_file)} ({lang}) has {found}, "
        f"its limit is {limits['crossings']}. {fix}"
    )
    assert width <= limits["width"], (
        f"Rule: a real tree's chart may get narrower, not wider. {_slug(tree_file)} ({lang}) is {width:g} px wide, "
        f"its limit is {limits['width']} px. {fix}"
    )


# -- zoom controls -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_zoom_controls_are_hidden_buttons_worded_from_the_language_table(lang: str) -> None:
    s = strings_for(lang)
    html = str(render_chart(parse_tree(SMALL, "t.tree.yml", lang=lang), current=None, href=href, strings=s))
    tools = re.search(r'<div class="dt-chart-tools" role="group" aria-label="([^"]+)" hidden>(.*?)</div>', html, re.S)
    assert tools and tools.group(1) == s["chart_tools"]
    buttons = re.findall(
        r'<button type="button" class="dt-chart-tool" data-zoom="(\w+)"[^>]*>([^<]+)</button>', tools.group(2)
    )
    words = {"out": "zoom_out", "in": "zoom_in", "fit": "zoom_fit", "full": "full_screen", "close": "close"}
    assert buttons == [(zoom, s[key]) for zoom, key in words.items()]
    assert html.index("dt-chart-tools") < html.index("dt-chart-scroll")
