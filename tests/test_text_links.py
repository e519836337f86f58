"""`check` follows the relative links in a tree's Markdown texts into each language's docs folder.

The project below builds English from docs/en and Dutch from docs/nl, both
reading their trees from docs/en, like this site. Each language has its own
guide page, with its own headings.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from decisiontree.errors import TreeErrors
from decisiontree.site import collect

TREE = "docs/en/quiz/terms.tree.yml"

GOOD_HELP = """\
    help:
      en: "Read [it](../guide/terms.md#write-it-down) or [home](../index.md)."
      nl: "Lees [het](../guide/terms.md#leg-het-vast) of [begin](../index.md)."
"""


def project(root: Path, help_texts: str) -> None:
    files = {
        "mkdocs.yml": "site_name: T\ndocs_dir: docs/en\ntheme:\n  name: material\n"
        "extra:\n  decisiontree:\n    trees_dir: docs/en\n",
        "mkdocs.nl.yml": "INHERIT: mkdocs.yml\ndocs_dir: docs/nl\ntheme:\n  language: nl\n",
        "docs/en/index.md": "# Home\n",
        "docs/nl/index.md": "# Begin\n",
        "docs/en/guide/terms.md": "# Terms\n\n## Write it down\n",
        "docs/nl/guide/terms.md": "# Afspraken\n\n## Leg het vast\n",
        TREE: "title: {en: T, nl: T}\nstart: a\nnodes:\n  a:\n    question: {en: Q, nl: V}\n"
        + help_texts
        + "    answers:\n      - {label: {en: A, nl: A}, next: b}\n      - {label: {en: B, nl: B}, next: b}\n"
        "  b: {outcome: {en: O, nl: U}, summary: {en: S, nl: S}}\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def check(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "decisiontree", "check", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_an_english_anchor_in_a_dutch_text_is_a_located_error(tmp_path: Path) -> None:
    project(tmp_path, GOOD_HELP.replace("#leg-het-vast", "#write-it-down"))
    result = check(TREE, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        f"{TREE}:8:23: node 'a', field 'help.nl': link '../guide/terms.md#write-it-down': "
        "no heading with the anchor 'write-it-down' in docs/nl/guide/terms.md\n"
    )
    assert result.stdout == ""


def test_a_link_to_a_page_one_language_lacks_is_a_located_error(tmp_path: Path) -> None:
    project(tmp_path, GOOD_HELP)
    (tmp_path / "docs/nl/index.md").unlink()
    result = check(TREE, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        f"{TREE}:8:66: node 'a', field 'help.nl': link '../index.md': there is no file docs/nl/index.md\n"
    )


def test_one_text_for_every_language_is_checked_in_each(tmp_path: Path) -> None:
    project(tmp_path, '    help: "Read [it](../guide/terms.md#write-it-down)."\n')
    result = check(TREE, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        f"{TREE}:6:22: node 'a', field 'help': link '../guide/terms.md#write-it-down': "
        "no heading with the anchor 'write-it-down' in docs/nl/guide/terms.md\n"
    )


def test_links_that_lead_to_their_own_language_pass(tmp_path: Path) -> None:
    project(tmp_path, GOOD_HELP)
    result = check(TREE, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("; checked in en, nl (as mkdocs.yml and mkdocs.nl.yml build it)\n")


def test_other_sites_same_page_anchors_and_generated_tree_pages_are_not_checked(tmp_path: Path) -> None:
    project(
        tmp_path,
        '    help: "[a](https://example.org/x.md#nowhere), [b](#nowhere), [c](terms/b.md), [d](terms/index.md)"\n',
    )
    result = check(TREE, cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_a_tree_outside_a_project_has_its_links_left_alone(tmp_path: Path) -> None:
    project(tmp_path, GOOD_HELP.replace("#leg-het-vast", "#write-it-down"))
    (tmp_path / "mkdocs.yml").unlink()
    (tmp_path / "mkdocs.nl.yml").unlink()
    result = check(TREE, cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_the_dutch_build_names_the_tree_file_and_the_dutch_page(tmp_path: Path) -> None:
    project(tmp_path, GOOD_HELP.replace("#leg-het-vast", "#write-it-down"))
    docs = tmp_path / "docs"
    with pytest.raises(TreeErrors) as caught:
        collect(docs / "en", docs_dir=docs / "nl", lang="nl", project_dir=tmp_path)
    assert caught.value.lines() == [
        (
            f"{TREE}:8:23: node 'a', field 'help.nl': link '../guide/terms.md#write-it-down': "
            "no heading with the anchor 'write-it-down' in docs/nl/guide/terms.md"
        )
    ]
    assert collect(docs / "en", docs_dir=docs / "en", lang="en", project_dir=tmp_path)
