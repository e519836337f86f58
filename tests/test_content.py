"""The content rules: guide pages lead to the self-assessments, trees lead back
to the guide, and no sentence of the source article is reused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from decisiontree import load_tree

ROOT = Path(__file__).resolve().parent.parent
TREES = sorted((ROOT / "docs" / "en" / "self-assessment").glob("*.tree.yml"))
LANGS = ("en", "nl")
ARTICLE = ROOT.parent / "shared" / "source" / "article-nl.txt"
SELF_ASSESSMENT_LINK = re.compile(r"\]\(\.\./self-assessment/[a-z-]+/")
GUIDE_LINK = re.compile(r"\]\(\.\./guide/[a-z-]+\.md")


@pytest.mark.parametrize("lang", LANGS)
def test_each_guide_page_links_to_a_self_assessment_three_to_six_times(lang: str) -> None:
    pages = sorted((ROOT / "docs" / lang / "guide").glob("*.md"))
    assert len(pages) == 7
    counts = {p.name: len(SELF_ASSESSMENT_LINK.findall(p.read_text(encoding="utf-8"))) for p in pages}
    assert {name: n for name, n in counts.items() if not 3 <= n <= 6} == {}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tree_file", TREES, ids=[p.name for p in TREES])
def test_every_question_and_outcome_links_to_the_guide(tree_file: Path, lang: str) -> None:
    tree = load_tree(tree_file, lang=lang)
    missing = [q.id for q in tree.questions if not GUIDE_LINK.search(q.help or "")]
    missing += [o.id for o in tree.outcomes if not GUIDE_LINK.search(o.body or "")]
    assert missing == []


def test_the_main_self_assessment_has_the_outcomes_and_length_asked_for() -> None:
    tree = load_tree(ROOT / "docs" / "en" / "self-assessment" / "vendor-or-consultant.tree.yml", lang="en")
    assert {"vendor", "consultant", "both-roles", "mismatch"} <= {o.id for o in tree.outcomes}
    assert len(tree.questions) >= 6
    assert tree.analysis.longest <= 8
    assert all(tree.analysis.path_count[o.id] > 0 for o in tree.outcomes)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-zà-ÿ']+", text.lower())


def _runs(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_no_run_of_eight_words_is_taken_from_the_source_article() -> None:
    if not ARTICLE.is_file():
        pytest.skip(f"the source article is not beside this checkout ({ARTICLE.name})")
    article = _runs(_words(ARTICLE.read_text(encoding="utf-8")), 8)
    shared = []
    for page in sorted((ROOT / "docs" / "nl").rglob("*.md")) + TREES:
        common = _runs(_words(page.read_text(encoding="utf-8")), 8) & article
        shared += [f"{page.relative_to(ROOT)}: {' '.join(run)}" for run in sorted(common)]
    assert shared == []


def test_the_script_never_writes_html_or_evaluates_strings() -> None:
    script = (ROOT / "decisiontree" / "assets" / "decisiontree.js").read_text(encoding="utf-8")
    for forbidden in ("innerHTML", "outerHTML", "insertAdjacentHTML", "eval(", "new Function", "document.write"):
        assert forbidden not in script, forbidden
    assert not re.search(r"\son[a-z]+\s*=", script.replace("script.onload", ""))
