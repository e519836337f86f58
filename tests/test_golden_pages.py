"""Golden files: the exact Markdown the engine writes for a small fixture tree.

`tests/fixtures/golden/example/` holds one file per generated page. After a
deliberate change of the pages, regenerate them with `UPDATE_GOLDEN=1 make test`
and read the diff before committing: it is what every site author will get.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from decisiontree import load_tree, render_pages

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = FIXTURES / "golden" / "example"
TREE = load_tree(FIXTURES / "trees" / "example.tree.yml", lang="en", display_path="example.tree.yml")
PAGES = {page.path: page.content for page in render_pages(TREE, folder="quiz/example")}


def test_the_golden_files_are_exactly_the_generated_pages() -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for old in GOLDEN.iterdir():
            old.unlink()
        for name, content in PAGES.items():
            (GOLDEN / name).write_text(content, encoding="utf-8")
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(PAGES)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_generated_page_matches_its_golden_file(name: str) -> None:
    assert PAGES[name] == (GOLDEN / name).read_text(encoding="utf-8")
