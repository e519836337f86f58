"""The content rules: guide pages lead to the self-assessments, trees lead back
to the guide, and no sentence of the source article is reused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from decisiontree import load_tree
from decisiontree.load import languages_in
from decisiontree.scenarios import parse_scenarios, run_scenarios, scenarios_file

ROOT = Path(__file__).resolve().parent.parent
TREES = sorted((ROOT / "docs" / "en" / "self-assessment").glob("*.tree.yml"))
LANGS = ("en", "nl")
ARTICLE = ROOT.parent / "shared" / "source" / "article-nl.txt"
SELF_ASSESSMENT_LINK = re.compile(r"\]\(\.\./self-assessment/[a-z-]+/")
GUIDE_LINK = re.compile(r"\]\(\.\./guide/[a-z-]+\.md")
GUIDE_LINK_EXAMPLE = {
    "en": "[Always right or always heard](../guide/differences.md#always-right-or-always-heard)",
    "nl": "[Koning of gehoord](../guide/differences.md#koning-of-gehoord)",
}
"""A guide link per language: the same page, with the anchor of that language's heading."""


@pytest.mark.parametrize("lang", LANGS)
def test_each_guide_page_links_to_a_self_assessment_three_to_six_times(lang: str) -> None:
    pages = sorted((ROOT / "docs" / lang / "guide").glob("*.md"))
    assert len(pages) == 7
    counts = {p.name: len(SELF_ASSESSMENT_LINK.findall(p.read_text(encoding="utf-8"))) for p in pages}
    wrong = {name: n for name, n in counts.items() if not 3 <= n <= 6}
    assert wrong == {}, (
        f"Rule: every guide page in docs/{lang}/guide/ links to a self-assessment 3 to 6 times, "
        f"as [text](../self-assessment/NAME/index.md). These do not (page: links): {wrong}. "
        "Fix: add or remove such links where the page's advice meets a self-assessment."
    )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tree_file", TREES, ids=[p.name for p in TREES])
def test_every_question_and_outcome_links_to_the_guide(tree_file: Path, lang: str) -> None:
    tree = load_tree(tree_file, lang=lang)
    missing = [f"question '{q.id}' (help)" for q in tree.questions if not GUIDE_LINK.search(q.help or "")]
    missing += [f"outcome '{o.id}' (body)" for o in tree.outcomes if not GUIDE_LINK.search(o.body or "")]
    assert missing == [], (
        f"Rule: every question's help and every outcome's body links to a guide page, in every language. "
        f"In {tree_file.name} ({lang}) these do not: {', '.join(missing)}. "
        f"Fix: add a link like {GUIDE_LINK_EXAMPLE.get(lang, GUIDE_LINK_EXAMPLE['en'])} to the {lang} text of each, "
        f"with the anchor of the section's heading in docs/{lang}/guide/."
    )


@pytest.mark.parametrize("tree_file", TREES, ids=[p.name for p in TREES])
def test_every_tree_has_twelve_scenarios_reaching_every_outcome(tree_file: Path) -> None:
    scenarios_path = scenarios_file(tree_file)
    fix = (
        f"Fix: write {scenarios_path.name} beside the tree (see Scenarios on the authoring page), "
        "then run python -m decisiontree check on the tree."
    )
    assert scenarios_path.is_file(), (
        f"Rule: every self-assessment has settled cases that the build walks. {scenarios_path.name} is missing. {fix}"
    )
    tree = load_tree(tree_file, lang="en")
    scenarios = parse_scenarios(scenarios_path.read_bytes(), scenarios_path.name)
    unreached = sorted({o.id for o in tree.outcomes} - {s.expect for s in scenarios})
    assert len(scenarios) >= 12 and unreached == [], (
        f"Rule: at least 12 scenarios per tree, reaching every outcome. {scenarios_path.name} has "
        f"{len(scenarios)}; outcomes no scenario expects: {unreached or 'none'}. {fix}"
    )
    # As check and the build walk them: a label may be given in any of the tree's languages.
    trees = [tree, *(load_tree(tree_file, lang=lang) for lang in languages_in(tree_file.read_bytes()) if lang != "en")]
    failures = run_scenarios(scenarios, trees, path=scenarios_path.name, tree_dir=tree_file.parent)
    assert failures == [], (
        "Rule: every scenario reaches the outcome it expects, with a guide link that exists. These fail:\n"
        + "\n".join(e.format() for e in failures)
        + f"\nFix: correct the route in {tree_file.name} or the scenario in {scenarios_path.name}, "
        "then run python -m decisiontree check on the tree (it prints the same lines)."
    )


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
    assert shared == [], (
        "Rule: no run of eight words is taken from the source article; write the ideas in your own words. "
        f"Fix: reword these: {shared}"
    )


def test_the_script_never_writes_html_or_evaluates_strings() -> None:
    script = (ROOT / "decisiontree" / "assets" / "decisiontree.js").read_text(encoding="utf-8")
    for forbidden in ("innerHTML", "outerHTML", "insertAdjacentHTML", "eval(", "new Function", "document.write"):
        assert forbidden not in script, forbidden
    assert not re.search(r"\son[a-z]+\s*=", script.replace("script.onload", ""))
