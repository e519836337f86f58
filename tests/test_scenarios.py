"""Scenario checks: a tree's settled cases, walked by `check` and by the build.

One test per rule, each with the smallest tree and scenarios file that break
it. The walk and the errors are engine functions; the command line and the
site build are tested once each, for running them at all.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import ROOT, make_site, mkdocs
from markdown.extensions.toc import slugify as markdown_slugify

from decisiontree import TreeErrors, parse_tree
from decisiontree.links import heading_anchors, slugify
from decisiontree.scenarios import (
    SCENARIO_FIELDS,
    check_tree_scenarios,
    parse_scenarios,
    run_scenarios,
)
from decisiontree.site import collect

TREE = """\
title: {en: "Who leads?", nl: "Wie leidt er?"}
start: lead
nodes:
  lead:
    question: {en: "Do you lead the work?", nl: "Leid jij het werk?"}
    answers:
      - label: {en: Mostly, nl: Meestal}
        next: paid
      - label: {en: Never, nl: Nooit}
        next: vendor
  paid:
    question: {en: "Are you paid for advice?", nl: "Word je betaald voor advies?"}
    answers:
      - label: {en: "Yes", nl: "Ja"}
        next: consultant
      - label: {en: "No", nl: "Nee"}
        next: vendor
  vendor:
    outcome: {en: Vendor, nl: Leverancier}
    summary: {en: You sell a product., nl: Je verkoopt een product.}
  consultant:
    outcome: {en: Consultant, nl: Adviseur}
    summary: {en: You sell judgment., nl: Je verkoopt je oordeel.}
"""
GUIDE = "# Guide\n\n## Who leads\n\nText.\n\n## Who leads\n\nAgain.\n"
SCENARIOS = Path(__file__).parent / "fixtures" / "broken" / "x.scenarios.yml"
SCHEMA = json.loads(resources.files("decisiontree").joinpath("schema", "scenarios.schema.json").read_text("utf-8"))
REAL = sorted((ROOT / "docs" / "en" / "self-assessment").glob("*.scenarios.yml"))


def scenario(answers: str, expect: str = "consultant", guide: str = "guide.md#who-leads") -> str:
    """One scenario named `case`; `answers` is one `question: answer` per line."""
    lines = ["scenarios:", "  - name: case", "    person: Someone.", "    answers:"]
    lines += [f"      {line}" for line in answers.splitlines()]
    lines += [f"    expect: {expect}", f"    guide: {guide}"]
    return "\n".join(lines) + "\n"


def errors(scenarios: str, tmp_path: Path | None = None) -> list[str]:
    trees = [parse_tree(TREE, "t.tree.yml", lang="en"), parse_tree(TREE, "t.tree.yml", lang="nl")]
    if tmp_path is not None:
        (tmp_path / "guide.md").write_text(GUIDE, encoding="utf-8")
    try:
        parsed = parse_scenarios(scenarios, "t.scenarios.yml")
    except TreeErrors as exc:
        return exc.lines()
    return [e.format() for e in run_scenarios(parsed, trees, path="t.scenarios.yml", tree_dir=tmp_path)]


def test_a_scenario_that_reaches_its_outcome_passes(tmp_path: Path) -> None:
    assert errors(scenario("lead: 1\npaid: 1\n"), tmp_path) == []


def test_an_answer_is_its_position_or_its_label_in_any_language() -> None:
    assert errors(scenario('lead: "Meestal"\npaid: "yes"\n')) == []
    assert errors(scenario("lead: 1\npaid: Ja\n")) == []


def test_reaching_another_outcome_names_the_scenario_the_path_and_the_outcome() -> None:
    assert errors(scenario("lead: 1\npaid: 2\n")) == [
        "t.scenarios.yml:2:5: scenario 'case' expects 'consultant' but reached 'vendor' by lead:1 → paid:2"
    ]


def test_a_question_on_the_path_without_an_answer_is_an_error() -> None:
    assert errors(scenario("lead: 1\n")) == [
        "t.scenarios.yml:2:5: scenario 'case' has no answer for 'paid', which its path reaches by lead:1"
    ]


def test_an_answer_to_a_question_the_path_never_asks_is_an_error() -> None:
    assert errors(scenario("lead: 2\npaid: 1\n", expect="vendor")) == [
        (
            "t.scenarios.yml:6:7: scenario 'case' answers 'paid', but its path never asks it: lead:2 ⇒ vendor; "
            "remove the answer or fix the route"
        )
    ]


def test_an_unknown_question_answer_or_outcome_is_named_with_a_suggestion() -> None:
    assert errors(scenario("lead: 3\npayd: 1\nvendor: 1\n", expect="consultent")) == [
        "t.scenarios.yml:5:7: scenario 'case' picks answer 3 of 'lead', which has 2 answers",
        "t.scenarios.yml:6:7: scenario 'case' answers 'payd', which is no question in the tree (did you mean 'paid'?)",
        "t.scenarios.yml:7:7: scenario 'case' answers 'vendor', which is an outcome, not a question",
        (
            "t.scenarios.yml:8:13: scenario 'case' expects 'consultent', but the tree has no outcome by that id "
            "(did you mean 'consultant'?)"
        ),
    ]
    assert errors(scenario("lead: Mostely\npaid: 1\n")) == [
        (
            "t.scenarios.yml:5:7: scenario 'case' answers 'lead' with 'Mostely', which is none of its answers "
            "(did you mean 'Mostly'?)"
        )
    ]


def test_expecting_a_question_is_an_error() -> None:
    assert errors(scenario("lead: 1\npaid: 1\n", expect="paid")) == [
        "t.scenarios.yml:7:13: scenario 'case' expects 'paid', which is a question; name an outcome"
    ]


def test_the_guide_page_and_its_section_must_exist(tmp_path: Path) -> None:
    assert errors(scenario("lead: 1\npaid: 1\n", guide="guide.md#who-leads_1"), tmp_path) == []
    assert errors(scenario("lead: 1\npaid: 1\n", guide="guide.md#who-lead"), tmp_path) == [
        (
            "t.scenarios.yml:8:12: scenario 'case' links to 'guide.md#who-lead', but guide.md has no section "
            "'#who-lead' (did you mean 'who-leads'?)"
        )
    ]
    assert errors(scenario("lead: 1\npaid: 1\n", guide="gide.md"), tmp_path) == [
        "t.scenarios.yml:8:12: scenario 'case' links to the guide page 'gide.md', which does not exist"
    ]
    assert errors(scenario("lead: 1\npaid: 1\n", guide="https://example.org/nowhere"), tmp_path) == []


def test_anchors_are_the_ones_python_markdown_makes() -> None:
    for page in sorted((ROOT / "docs").rglob("guide/*.md")):
        for line in page.read_text(encoding="utf-8").splitlines():
            if line.startswith("#"):
                heading = line.lstrip("#").strip()
                assert slugify(heading) == markdown_slugify(heading, "-"), heading
    assert heading_anchors("## A\n```\n## Not a heading\n```\n## A\n## B {#own}\n") == {"a", "a_1", "own"}


def test_the_file_format_is_checked_with_every_problem_located() -> None:
    text = textwrap.dedent(
        """\
        scenarios:
          - name: Bad Name
            person: Someone.
            answers: [1, 2]
            expect: vendor
          - name: twice
            persn: Someone.
            answers: {lead: yes}
            expect: vendor
            guide: guide.md
          - name: twice
            person: Someone.
            answers: {lead: 1}
            expect: vendor
            guide: guide.md
        """
    )
    assert errors(text) == [
        "t.scenarios.yml:2:5: scenario 1 needs the field 'guide'",
        "t.scenarios.yml:2:11: scenario 1: 'Bad Name' is not a valid name: use lowercase letters, digits and hyphens",
        (
            "t.scenarios.yml:4:14: scenario 1: answers must be a mapping from question id to answer (position or label), "
            "not a list"
        ),
        (
            "t.scenarios.yml:7:5: unknown field 'persn' in scenario 'twice' (did you mean 'person'?); "
            "allowed: name, person, answers, expect, guide"
        ),
        (
            "t.scenarios.yml:8:21: scenario 'twice', answer to 'lead': the unquoted value yes was read as the boolean true, "
            'not as text; put it in quotes: "yes"'
        ),
        "t.scenarios.yml:11:11: scenario 3 has the same name as scenario 2: 'twice'",
    ]


def test_an_empty_scenarios_file_says_what_it_needs() -> None:
    assert errors("# nothing yet\n") == [
        "t.scenarios.yml:1:1: the file is empty; a scenarios file needs a list 'scenarios'"
    ]


def test_check_runs_the_scenarios_beside_the_tree_and_counts_them(tmp_path: Path) -> None:
    (tmp_path / "t.tree.yml").write_text(TREE, encoding="utf-8")
    (tmp_path / "guide.md").write_text(GUIDE, encoding="utf-8")
    (tmp_path / "t.scenarios.yml").write_text(scenario("lead: 1\npaid: 1\n"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "decisiontree", "check", "t.tree.yml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "1 scenarios pass; checked in en, nl" in result.stdout
    (tmp_path / "t.scenarios.yml").write_text(scenario("lead: 2\n", expect="consultant"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "decisiontree", "check", "t.scenarios.yml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr == "t.scenarios.yml:2:5: scenario 'case' expects 'consultant' but reached 'vendor' by lead:2\n"


def test_a_failing_scenario_fails_the_site_build(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "t.tree.yml").write_text(TREE, encoding="utf-8")
    (docs / "guide.md").write_text(GUIDE, encoding="utf-8")
    (docs / "t.scenarios.yml").write_text(scenario("lead: 1\npaid: 2\n"), encoding="utf-8")
    with pytest.raises(TreeErrors) as caught:
        collect(docs, docs_dir=docs, lang="nl", project_dir=tmp_path)
    assert caught.value.lines() == [
        "docs/t.scenarios.yml:2:5: scenario 'case' expects 'consultant' but reached 'vendor' by lead:1 → paid:2"
    ]
    (docs / "t.scenarios.yml").write_text(scenario("lead: Meestal\npaid: 1\n"), encoding="utf-8")
    assert collect(docs, docs_dir=docs, lang="en", project_dir=tmp_path)


def test_scenario_files_are_not_published(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {"t.tree.yml": TREE, "t.scenarios.yml": scenario("lead: 1\npaid: 1\n")},
        pages={"guide.md": GUIDE},
    )
    result = mkdocs("build", "--strict", "-d", str(tmp_path / "out"), cwd=site)
    assert result.returncode == 0, result.stderr
    assert not list((tmp_path / "out").rglob("*.scenarios.yml"))
    assert (tmp_path / "out" / "t" / "index.html").is_file()
    assert (tmp_path / "out" / "schema" / "scenarios.schema.json").is_file()


def test_the_scenarios_schema_and_the_engine_allow_the_same_fields() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert tuple(SCHEMA["$defs"]["scenario"]["properties"]) == SCENARIO_FIELDS


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_the_real_scenarios_pass_the_schema(path: Path) -> None:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    assert [e.message for e in validator.iter_errors(yaml.safe_load(path.read_bytes()))] == []


def test_a_tree_without_scenarios_has_nothing_to_run(tmp_path: Path) -> None:
    (tmp_path / "t.tree.yml").write_text(TREE, encoding="utf-8")
    tree = parse_tree(TREE, "t.tree.yml", lang="en")
    assert check_tree_scenarios([tree], tmp_path / "t.tree.yml") == (0, [])


def test_an_untranslated_text_warns_in_the_build_and_fails_the_strict_build(tmp_path: Path) -> None:
    half = TREE.replace("{en: Never, nl: Nooit}", "Never")
    site = make_site(tmp_path, {"t.tree.yml": half}, pages={"guide.md": GUIDE})
    result = mkdocs("build", "-d", str(tmp_path / "out"), cwd=site)
    assert result.returncode == 0, result.stderr
    assert (
        "WARNING -  docs/t.tree.yml:9:16: node 'lead', field 'answers[2].label': is one text for every language, "
        "but the tree is written in en, nl"
    ) in result.stderr
    assert mkdocs("build", "--strict", "-d", str(tmp_path / "out"), cwd=site).returncode == 1


def test_scenarios_without_their_tree_fail_the_build(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "t.tree.yml").write_text(TREE, encoding="utf-8")
    (docs / "old-name.scenarios.yml").write_text(scenario("lead: 1\npaid: 1\n"), encoding="utf-8")
    with pytest.raises(TreeErrors) as caught:
        collect(docs, docs_dir=docs, lang="en", project_dir=tmp_path)
    assert caught.value.lines() == [
        (
            "docs/old-name.scenarios.yml:1:1: there is no tree old-name.tree.yml beside these scenarios; "
            "rename the file after its tree, or remove it"
        )
    ]


def test_an_answer_must_be_a_plain_position_or_a_label() -> None:
    assert errors(scenario("lead: 0x1\npaid:\nvendor: [1]\n")) == [
        "t.scenarios.yml:5:13: scenario 'case': the answer to 'lead' is 0x1; write a position like 2, or a label",
        "t.scenarios.yml:6:7: scenario 'case': the answer to 'paid' is empty",
        "t.scenarios.yml:7:15: scenario 'case': the answer to 'vendor' must be a position or a label, not a list",
    ]
