"""The chart's fit, zoom and full screen in a real headless Chromium, on the real site."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import axe_source, axe_violations, serve
from conftest import ROOT

from decisiontree import load_tree

pytestmark = pytest.mark.browser

TREES = sorted((ROOT / "docs" / "en" / "self-assessment").glob("*.tree.yml"))
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}

SCALE = "document.querySelector('figure.dt-chart').dataset.scale"
INSIDE = """sel => {
  const box = document.querySelector(sel + ' .dt-chart-scroll').getBoundingClientRect();
  const svg = document.querySelector(sel + ' .dt-chart-svg').getBoundingClientRect();
  return svg.left >= box.left - 0.5 && svg.right <= box.right + 0.5 && svg.top >= box.top - 0.5 && svg.bottom <= box.bottom + 0.5;
}"""
IN_BOX = """node => {
  const r = node.querySelector('.dt-node-shape').getBoundingClientRect();
  const box = node.closest('.dt-chart-scroll').getBoundingClientRect();
  const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
  return cx > box.left && cx < box.right && cy > box.top && cy < box.bottom;
}"""
VISIBLE = """node => {
  const r = node.querySelector('.dt-node-shape').getBoundingClientRect();
  const box = node.closest('.dt-chart-scroll').getBoundingClientRect();
  const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
  return cx > box.left && cx < box.right && cy > Math.max(0, box.top) && cy < Math.min(innerHeight, box.bottom);
}"""


@pytest.fixture(scope="module")
def site(real_site: Path) -> Iterator[str]:
    with serve(real_site) as base:
        yield base


def start_page(base: str, tree_file: Path, lang: str = "en") -> str:
    prefix = "nl/" if lang == "nl" else ""
    return f"{base}{prefix}self-assessment/{load_tree(tree_file, lang='en').slug}/"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "360"])
def test_the_start_page_chart_opens_fitted_inside_its_box(open_page: Any, site: str, viewport: dict[str, int]) -> None:
    page = open_page(site, viewport=viewport)
    for tree_file, lang in [*((t, "en") for t in TREES), (TREES[-1], "nl")]:
        page.goto(start_page(site, tree_file, lang))
        page.wait_for_selector(".dt-chart-tools:not([hidden])")
        scale = float(page.evaluate(SCALE))
        width = float(page.locator(".dt-chart-svg").get_attribute("width") or 0)
        assert scale < 1, tree_file.name
        assert page.evaluate(INSIDE, "figure.dt-chart"), (tree_file.name, lang)
        # the whole width of the box is used, and the page never scrolls sideways
        assert width * scale == pytest.approx(
            page.evaluate("document.querySelector('.dt-chart-scroll').clientWidth"), abs=1
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        assert page.locator(".dt-chart-tool[data-zoom='in']").inner_text() == (
            "Inzoomen" if lang == "nl" else "Zoom in"
        )


def test_zoom_keeps_the_focused_node_in_view_and_works_by_keyboard(open_page: Any, site: str) -> None:
    page = open_page(site, viewport=PHONE)
    page.goto(start_page(site, TREES[-1]))
    page.wait_for_selector(".dt-chart-tools:not([hidden])")
    fitted = float(page.evaluate(SCALE))
    outcomes = page.locator("a.dt-node--outcome")
    node = outcomes.nth(outcomes.count() - 1)
    node.focus()
    # at a scale too small to read, the focused node's full text shows in page-sized type
    tip = page.locator(".dt-chart-tip")
    assert tip.is_visible()
    assert node.locator("title").text_content().split(" — ")[0] in tip.inner_text()  # type: ignore[union-attr]
    assert float(tip.evaluate("t => getComputedStyle(t).fontSize").removesuffix("px")) >= 12

    page.keyboard.press("+")
    assert float(page.evaluate(SCALE)) == 1
    assert node.evaluate(VISIBLE)
    page.keyboard.press("-")
    assert float(page.evaluate(SCALE)) == fitted
    assert node.evaluate(VISIBLE)

    # the buttons, by keyboard: the last node focused stays the one kept in view
    page.locator(".dt-chart-tool[data-zoom='in']").focus()
    page.keyboard.press("Enter")
    assert float(page.evaluate(SCALE)) == 1
    assert node.evaluate(VISIBLE)
    page.keyboard.press("Enter")
    assert float(page.evaluate(SCALE)) == 1.5
    assert node.evaluate(VISIBLE)
    page.locator(".dt-chart-tool[data-zoom='out']").focus()
    page.keyboard.press("Space")
    assert float(page.evaluate(SCALE)) == 1
    page.locator(".dt-chart-tool[data-zoom='fit']").focus()
    page.keyboard.press("Enter")
    assert float(page.evaluate(SCALE)) == fitted
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # full screen: the chart alone, fitted to the screen, focus on Close; Escape comes back
    page.locator(".dt-chart-tool[data-zoom='full']").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.querySelector('dialog.dt-chart-dialog').open")
    assert page.evaluate("document.activeElement.dataset.zoom") == "close"
    assert page.evaluate(INSIDE, "dialog figure.dt-chart")
    dialog = page.locator("dialog.dt-chart-dialog").bounding_box()
    assert dialog == {"x": 0, "y": 0, "width": PHONE["width"], "height": PHONE["height"]}
    page.keyboard.press("Escape")
    page.wait_for_function("!document.querySelector('dialog')")
    assert page.evaluate("document.activeElement.dataset.zoom") == "full"
    assert page.evaluate(INSIDE, "figure.dt-chart")
    # and the Close button closes it too
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # on Close, which has focus
    page.wait_for_function("!document.querySelector('dialog')")


def test_question_and_outcome_pages_keep_100_percent_with_controls_only_when_wider_than_the_box(
    open_page: Any, site: str
) -> None:
    tree = load_tree(TREES[-1], lang="en")
    narrow = min(tree.outcomes, key=lambda o: len(tree.analysis.parents[o.id])).id  # a small neighbourhood
    for viewport, node in ((DESKTOP, narrow), (PHONE, tree.start)):
        page = open_page(site, viewport=viewport)
        page.goto(f"{site}self-assessment/{tree.slug}/{node}/")
        page.wait_for_load_state("networkidle")
        natural = float(page.locator(".dt-chart-svg").get_attribute("width") or 0)
        box = page.evaluate("document.querySelector('.dt-chart-scroll').clientWidth")
        assert page.locator(".dt-chart-tools").is_visible() == (natural > box), (node, natural, box)
        assert page.locator(".dt-chart-svg").evaluate("s => s.getBoundingClientRect().width") == natural
        assert page.locator("a.dt-node--current").evaluate(IN_BOX)
        if viewport is PHONE:
            assert natural > box
            page.click(".dt-chart-tool[data-zoom='fit']")
            assert page.evaluate(INSIDE, "figure.dt-chart")
        else:
            assert natural <= box


def test_without_javascript_the_chart_is_unchanged_and_shows_no_controls(open_page: Any, site: str) -> None:
    page = open_page(site, viewport=PHONE, java_script_enabled=False)
    page.goto(start_page(site, TREES[-1]))
    assert not page.locator(".dt-chart-tools").is_visible()
    natural = float(page.locator(".dt-chart-svg").get_attribute("width") or 0)
    assert page.locator(".dt-chart-svg").evaluate("s => s.getBoundingClientRect().width") == natural
    assert page.evaluate("document.querySelector('.dt-chart-scroll').scrollWidth") >= natural
    assert page.locator("figure.dt-chart").evaluate("f => f.getBoundingClientRect().right") <= PHONE["width"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_controls_zoomed_and_full_screen_are_axe_clean(open_page: Any, site: str, scheme: str) -> None:
    axe = axe_source()
    page = open_page(site, viewport=PHONE, color_scheme=scheme)
    page.goto(start_page(site, TREES[-1]))
    page.wait_for_selector(".dt-chart-tools:not([hidden])")
    page.click(".dt-chart-tool[data-zoom='in']")
    problems = axe_violations(page, axe)
    page.click(".dt-chart-tool[data-zoom='full']")
    problems += [f"full screen: {line}" for line in axe_violations(page, axe)]
    assert problems == []
