"""Budgets: sizes and request counts that must not grow unnoticed.

All deterministic: bytes and counts, never seconds (timings are for
`make bench`, see bench/bench.py and the performance page). 1 KB is 1,000
bytes, as on the performance page.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import pytest
from browser import serve
from conftest import ROOT, make_site, mkdocs
from treegen import LINEAR, PAGE_LIMIT, START_LIMIT, balanced

from decisiontree import load_tree, parse_tree, render_pages
from decisiontree.pagedata import INLINE_DATA_LIMIT
from decisiontree.pages import START_PAGE_BUDGET, WHOLE_CHART

SCRIPT = ROOT / "decisiontree" / "assets" / "decisiontree.js"
SCRIPT_LIMIT = 8_000
"""The chart script, gzipped at level 9, in bytes."""
QUESTION_REQUESTS = 13
"""What a question page of the real site asks for in a fresh browser, until
the network is idle: the page; four stylesheets (Material's main and palette,
the site's, the trees'); two scripts (Material's bundle, the trees'); the
search worker and its index; sitemap.xml twice and nl/sitemap.xml (instant
navigation and the language switcher); the favicon. Measured with Material
9.8.1."""

TREES = sorted((ROOT / "docs" / "en" / "self-assessment").glob("*.tree.yml"))
LANGS = {"en": "", "nl": "nl/"}


def node_pages(site: Path, folder: str) -> dict[str, int]:
    """The built HTML of every question and outcome page in a tree's folder, by node id.

    (The whole chart and the outline of a large tree have pages there too, named with `_`, which no node id has.)
    """
    pages = (site / folder).glob("*/index.html")
    return {page.parent.name: page.stat().st_size for page in pages if "_" not in page.parent.name}


# -- the script --------------------------------------------------------------------------


def test_the_chart_script_is_at_most_8_kb_gzipped() -> None:
    size = len(gzip.compress(SCRIPT.read_bytes(), compresslevel=9))
    assert size <= SCRIPT_LIMIT, size


# -- generated trees, built by MkDocs ------------------------------------------------------


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real build of a site with a 500-node and a 1,000-node tree (the bench's shape)."""
    root = make_site(
        tmp_path_factory.mktemp("large"),
        {"half.tree.yml": balanced(500, real_texts=True), "full.tree.yml": balanced(1000, real_texts=True)},
    )
    result = mkdocs("build", "-q", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.mark.slow
def test_no_question_or_outcome_page_is_above_60_kb_at_1000_nodes(large_site: Path) -> None:
    sizes = node_pages(large_site, "full")
    assert len(sizes) == 1000
    largest = max(sizes, key=sizes.__getitem__)
    assert sizes[largest] <= PAGE_LIMIT, (largest, sizes[largest])


@pytest.mark.slow
def test_the_start_page_is_at_most_250_kb_at_1000_nodes(large_site: Path) -> None:
    # Before a large tree's start page showed only its first levels, this page was 1.7 MB.
    size = (large_site / "full" / "index.html").stat().st_size
    assert size <= START_LIMIT, size


@pytest.mark.slow
def test_a_large_tree_links_its_whole_chart_and_outline_from_its_start_page(large_site: Path) -> None:
    start = (large_site / "full" / "index.html").read_text(encoding="utf-8")
    assert f'href="{WHOLE_CHART}/"' in start
    parts = sorted(p.parent.name for p in (large_site / "full").glob("outline_*/index.html"))
    assert parts and all(f'href="{part}/"' in start for part in parts)
    whole = (large_site / "full" / WHOLE_CHART / "index.html").read_text(encoding="utf-8")
    assert whole.count('class="dt-node dt-node--') == 1000  # every node, on its own page
    listed = "".join((large_site / "full" / part / "index.html").read_text(encoding="utf-8") for part in parts)
    assert listed.count('<li id="dt-outline-q') == 499  # every question, once


@pytest.mark.slow
def test_the_built_pages_grow_linearly_with_the_tree(large_site: Path) -> None:
    def total(folder: str) -> int:
        return sum(node_pages(large_site, folder).values()) + (large_site / folder / "index.html").stat().st_size

    half, full = total("half"), total("full")
    assert full / half < LINEAR, (half, full)


# -- where a start page stops holding everything ------------------------------------------


def start_page_bytes(text: str) -> tuple[int, bool]:
    """The start page's generated Markdown, in bytes, and whether the whole chart has a page of its own."""
    pages = render_pages(parse_tree(text, "t.tree.yml", lang="en"), folder="t")
    start = next(p for p in pages if p.path == "index.md")
    return len(start.content.encode()), any(p.path == f"{WHOLE_CHART}.md" for p in pages)


def test_a_tree_whose_start_page_would_pass_the_budget_gets_pages_for_its_chart_and_outline() -> None:
    # The smallest case: few nodes, each text long enough that the whole chart and outline
    # together would pass the budget.
    text = balanced(INLINE_DATA_LIMIT - 1, real_texts=True).replace("Question ", "Question " + "very " * 120)
    size, apart = start_page_bytes(text)
    assert apart
    assert size <= START_PAGE_BUDGET


def test_a_tree_of_60_nodes_keeps_everything_on_its_start_page_within_the_budget() -> None:
    size, apart = start_page_bytes(balanced(INLINE_DATA_LIMIT, real_texts=True))
    assert not apart
    assert size <= START_PAGE_BUDGET


# -- the real site -------------------------------------------------------------------------


def test_no_question_or_outcome_page_of_the_site_is_above_60_kb(real_site: Path) -> None:
    too_large = {}
    for tree_file in TREES:
        slug = load_tree(tree_file, lang="en").slug
        for prefix in LANGS.values():
            folder = f"{prefix}self-assessment/{slug}"
            sizes = node_pages(real_site, folder)
            assert sizes, folder
            too_large.update({f"{folder}/{node}/": size for node, size in sizes.items() if size > PAGE_LIMIT})
    assert too_large == {}


def test_the_start_pages_of_this_site_hold_the_whole_chart_and_outline(real_site: Path) -> None:
    for tree_file in TREES:
        slug = load_tree(tree_file, lang="en").slug
        for prefix in LANGS.values():
            folder = real_site / f"{prefix}self-assessment/{slug}"
            start = (folder / "index.html").read_text(encoding="utf-8")
            assert 'class="dt-outline-outcomes"' in start, folder
            assert not (folder / WHOLE_CHART).exists(), folder
            assert (folder / "index.html").stat().st_size <= START_LIMIT, folder


@pytest.mark.browser
@pytest.mark.parametrize("tree_file", TREES, ids=[p.name.removesuffix(".tree.yml") for p in TREES])
def test_a_question_page_makes_at_most_13_requests(browser: Any, real_site: Path, tree_file: Path) -> None:
    tree = load_tree(tree_file, lang="en")
    with serve(real_site) as base:
        context = browser.new_context()
        try:
            page = context.new_page()
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(f"{base}self-assessment/{tree.slug}/{tree.start}/", wait_until="networkidle")
        finally:
            context.close()
    assert len(requests) <= QUESTION_REQUESTS, requests
