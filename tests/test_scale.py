"""Large trees: thousands of nodes, a thousand questions deep, fifty answers wide.

Linear time is shown by counting function calls (Python and C) while a
tree is compiled and rendered, at n and 2n nodes of the same shape: a ratio
near 2 is linear, near 4 quadratic. Counts do not depend on the machine's
speed or load, so the test is as stable in CI as on a laptop. They do not
see work done inside one call (a `list.index` in a loop) or C calling C (a
builtin as a sort key), and a quadratic term shows only once it is a tenth
or so of the linear work at these sizes (some 17,000 calls per node).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from treegen import LINEAR, PAGE_LIMIT, balanced, chain, fan

from decisiontree import PageFile, Tree, parse_tree, render_pages

pytestmark = pytest.mark.slow  # thousands of nodes, with every call counted


SHAPES: dict[str, Callable[[int], str]] = {"balanced": balanced, "chain": chain}


@dataclass
class Run:
    tree: Tree
    pages: list[PageFile]
    calls: int
    """Python and C function calls made while compiling and rendering."""

    def size(self, path: str) -> int:
        return next(len(p.content.encode()) for p in self.pages if p.path == path)

    @property
    def total(self) -> int:
        return sum(len(p.content.encode()) for p in self.pages if p.path.endswith(".md"))


def compile_and_render(text: str) -> tuple[Tree, list[PageFile]]:
    tree = parse_tree(text, "t.tree.yml", lang="en")
    return tree, render_pages(tree, folder="t")


def counted(text: str) -> Run:
    calls = 0

    def count(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal calls
        if event in {"call", "c_call"}:
            calls += 1

    sys.setprofile(count)
    try:
        tree, pages = compile_and_render(text)
    finally:
        sys.setprofile(None)
    return Run(tree, pages, calls)


@pytest.fixture(scope="module")
def run() -> Iterator[Callable[[str, int], Run]]:
    """Compile and render a shape at a size once per module, counting calls."""
    compile_and_render(chain(3))  # templates compiled, caches warm: not part of any count
    done: dict[tuple[str, int], Run] = {}

    def get(shape: str, size: int) -> Run:
        if (shape, size) not in done:
            done[shape, size] = counted(SHAPES[shape](size))
        return done[shape, size]

    yield get


# -- size without recursion --------------------------------------------------------


def test_five_thousand_nodes_compile_and_render() -> None:
    tree, pages = compile_and_render(balanced(5000))
    assert len(tree.nodes) == 5000
    assert len([p for p in pages if p.node is not None or p.path == "index.md"]) == 5001


def test_a_chain_a_thousand_questions_deep_compiles_and_renders(run: Callable[[str, int], Run]) -> None:
    r = run("chain", 1000)
    assert r.tree.analysis.longest == 1000
    assert r.tree.analysis.path_count["stop"] == 1000
    assert len([p for p in r.pages if p.node is not None or p.path == "index.md"]) == 1003


def test_a_question_with_fifty_answers_compiles_and_renders() -> None:
    tree, pages = compile_and_render(fan(50))
    assert len(tree.question("pick").answers) == 50
    question = next(p for p in pages if p.path == "pick.md")
    assert question.content.count('class="dt-answer"') == 50


def test_check_accepts_large_trees(tmp_path: Path) -> None:
    files = {"balanced.tree.yml": balanced(5000), "chain.tree.yml": chain(1000), "fan.tree.yml": fan(50)}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "decisiontree", "check", *files],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert [line.split(": ok:")[0] for line in result.stdout.splitlines()] == list(files)


# -- linear work, bounded pages ----------------------------------------------------------


@pytest.mark.parametrize(("shape", "n"), [("balanced", 500), ("chain", 250)])
def test_work_grows_linearly_with_the_tree(run: Callable[[str, int], Run], shape: str, n: int) -> None:
    small, large = run(shape, n), run(shape, 2 * n)
    assert large.calls / small.calls < LINEAR, (small.calls, large.calls)


@pytest.mark.parametrize(("shape", "n"), [("balanced", 1000), ("chain", 1000)])
def test_no_question_or_outcome_page_is_larger_than_the_limit(
    run: Callable[[str, int], Run], shape: str, n: int
) -> None:
    r = run(shape, n)
    sizes = {node_id: r.size(f"{node_id}.md") for node_id in r.tree.nodes}
    largest = max(sizes, key=sizes.__getitem__)
    assert sizes[largest] <= PAGE_LIMIT, (largest, sizes[largest])


@pytest.mark.parametrize(("shape", "n"), [("balanced", 500), ("chain", 500)])
def test_the_pages_grow_linearly_with_the_tree(run: Callable[[str, int], Run], shape: str, n: int) -> None:
    small, large = run(shape, n), run(shape, 2 * n)
    assert large.total / small.total < LINEAR, (small.total, large.total)
