"""Authoring tools: the JSON Schema, the exports, path review and the scaffold.

Path snapshots: `tests/snapshots/NAME.LANG.paths.txt` holds the output of
`python -m decisiontree paths docs/en/self-assessment/NAME.tree.yml --lang LANG`
for every real tree and every language it uses. When the routing or the
wording changes on purpose, run `make snapshots`, read the diff of
tests/snapshots/ and commit it with the tree.

The Mermaid export is read back by Mermaid's own parser (npm `mermaid`, run
by Node in a DOM from `jsdom`), installed into a temporary folder once per
test session. Without Node or npm the test is skipped, unless
`DT_REQUIRE_MERMAID=1` says it must run.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pydot
import pytest
import yaml
from conftest import FIXTURES, ROOT, make_site, mkdocs
from treegen import ladder

from decisiontree import Outcome, Question, Tree, parse_tree
from decisiontree.export import dot_string, mermaid_id, mermaid_text, to_dot, to_json, to_mermaid
from decisiontree.load import languages_in
from decisiontree.parse import ANSWER_FIELDS, ID_RE, OUTCOME_FIELDS, QUESTION_FIELDS, TOP_FIELDS
from decisiontree.reader import LANG_RE
from decisiontree.scaffold import schema_reference

EXAMPLE = FIXTURES / "trees" / "example.tree.yml"
BROKEN = FIXTURES / "broken"
SNAPSHOTS = ROOT / "tests" / "snapshots"
REAL_TREES = sorted((ROOT / "docs" / "en" / "self-assessment").glob("*.tree.yml"))
SCHEMA = json.loads(resources.files("decisiontree").joinpath("schema", "tree.schema.json").read_text("utf-8"))
MERMAID_PACKAGES = tuple((Path(__file__).parent / "mermaid-packages.txt").read_text(encoding="utf-8").split())
"""Mermaid and the DOM it needs under Node, pinned (`make test-setup` installs the same list)."""

NASTY = """\
title: 'Quotes " '' and \\ back\\slash'
start: end
nodes:
  end:
    question: 'A "quoted" [question] {with} (brackets) | pipes #35; and ; semicolons: style x:#f00;'
    answers:
      - label: 'Yes -> no --> maybe %% not a comment'
        next: a--b
      - label: '<script>alert(1)</script> &amp; & `code`'
        next: o-x
  a--b:
    question: 'Unicode: é ü ß 😀 中文 עברית, and a literal \\n'
    answers:
      - label: 'ends in a backslash \\'
        next: graph
      - label: '#quot; is no entity here; nor is &quot;'
        next: o-x
  o-x:
    outcome: 'Outcome ["x"] (("y")) classDef a fill:#f00;'
    summary: s
  graph:
    outcome: end
    summary: s
"""
"""Every character and id that means something in Mermaid or DOT."""


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "decisiontree", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def example_tree() -> Tree:
    return parse_tree(EXAMPLE.read_text(encoding="utf-8"), "example.tree.yml", lang="en")


def nasty_tree() -> Tree:
    return parse_tree(NASTY, "nasty.tree.yml", lang="en")


def edges(tree: Tree) -> list[tuple[str, str, str]]:
    return [(q.id, a.next, a.label) for q in tree.questions for a in q.answers]


# -- JSON Schema ---------------------------------------------------------------------

UNKNOWN_FIELDS = (
    "unknown-top-field",
    "unknown-field-typo",
    "unknown-answer-field",
    "long-line",
    "many-errors",
    "language-at-node-level",
)
MISSING_FIELDS = (
    "missing-title",
    "missing-start",
    "missing-nodes",
    "missing-answers",
    "missing-label",
    "missing-next",
    "missing-summary",
    "neither-question-nor-outcome",
)
WRONG_TYPES = (
    "wrong-type-answer-string",
    "wrong-type-answers-mapping",
    "wrong-type-node-string",
    "wrong-type-nodes-list",
    "wrong-type-question-list",
    "top-level-list",
    "top-level-string",
    "non-string-key",
    "non-string-node-id",
    "empty-file",
    "comments-only",
    "empty-value",
    "yaml11-date",
    "yaml11-float",
    "yaml11-next-no",
    "yaml11-no",
    "yaml11-on-off",
    "yaml11-sexagesimal",
    "yaml11-tilde",
    "yaml11-yes",
    "bom-with-error",
    "crlf-with-error",
    "comma-in-language-text",
)
OTHER_FIELD_RULES = (
    "bad-node-id-digit",
    "bad-node-id-uppercase",
    "reserved-node-id",
    "bad-language-code",
    "blank-text",
    "empty-text",
    "why-two-lines",
    "no-answers",
    "one-answer",
    "both-question-and-outcome",
)
BEYOND_THE_SCHEMA = (
    # routing: what the nodes refer to, not how each field looks
    "cycle",
    "unreachable",
    "next-unknown",
    "start-unknown",
    "start-is-outcome",
    "duplicate-labels",
    "alias-duplicate-label",
    # the site's language, which the file does not name
    "missing-language",
    "language-the-tree-lacks",
    "untranslated-text",
    # a valid tree whose scenarios fail
    "scenario-fails",
    # YAML the engine refuses before there are fields to check
    "duplicate-node-field",
    "duplicate-node-id",
    "duplicate-top-key",
    "merge-key",
    "multi-document",
    "not-utf8",
    "tab-indent",
    "yaml-syntax",
    "colon-in-text",
    "colon-in-language-text",
)


def schema_errors(path: Path) -> list[str]:
    """What the schema finds wrong with a tree file, read as the engine reads YAML (1.1)."""
    data = yaml.safe_load(path.read_bytes())
    validator = jsonschema.Draft202012Validator(SCHEMA)
    return [error.message for error in validator.iter_errors(data)]


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_the_schema_and_the_engine_allow_the_same_fields() -> None:
    defs = SCHEMA["$defs"]
    assert tuple(SCHEMA["properties"]) == TOP_FIELDS
    assert tuple(defs["question"]["properties"]) == QUESTION_FIELDS
    assert tuple(defs["outcome"]["properties"]) == OUTCOME_FIELDS
    assert tuple(defs["answer"]["properties"]) == ANSWER_FIELDS


def test_the_schema_and_the_engine_use_the_same_id_and_language_patterns() -> None:
    assert SCHEMA["$defs"]["nodeId"]["pattern"] == ID_RE.pattern
    assert SCHEMA["$defs"]["languageCode"]["pattern"] == LANG_RE.pattern


@pytest.mark.parametrize(
    "path",
    [*sorted((FIXTURES / "trees").glob("*.tree.yml")), *REAL_TREES],
    ids=lambda p: p.name,
)
def test_valid_trees_pass_the_schema(path: Path) -> None:
    assert schema_errors(path) == []


@pytest.mark.parametrize("name", UNKNOWN_FIELDS)
def test_an_unknown_field_fails_the_schema(name: str) -> None:
    assert schema_errors(BROKEN / f"{name}.tree.yml")


@pytest.mark.parametrize("name", MISSING_FIELDS)
def test_a_missing_field_fails_the_schema(name: str) -> None:
    assert schema_errors(BROKEN / f"{name}.tree.yml")


@pytest.mark.parametrize("name", WRONG_TYPES)
def test_a_value_of_the_wrong_type_fails_the_schema(name: str) -> None:
    assert schema_errors(BROKEN / f"{name}.tree.yml")


@pytest.mark.parametrize("name", OTHER_FIELD_RULES)
def test_a_field_that_breaks_its_own_rule_fails_the_schema(name: str) -> None:
    assert schema_errors(BROKEN / f"{name}.tree.yml")


def test_every_broken_fixture_is_sorted_into_what_the_schema_catches_or_not() -> None:
    sorted_names = UNKNOWN_FIELDS + MISSING_FIELDS + WRONG_TYPES + OTHER_FIELD_RULES + BEYOND_THE_SCHEMA
    assert len(sorted_names) == len(set(sorted_names))
    assert set(sorted_names) == {p.name.removesuffix(".tree.yml") for p in BROKEN.glob("*.tree.yml")}


def test_the_site_publishes_the_schema(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"quiz/example.tree.yml": EXAMPLE.read_text(encoding="utf-8")})
    (site / "docs" / "guide.md").write_text("# Guide\n\n## Spec\n", encoding="utf-8")
    result = mkdocs("build", "-d", str(tmp_path / "out"), cwd=site)
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "out" / "schema" / "tree.schema.json").read_text(encoding="utf-8")) == SCHEMA


# -- JSON export ---------------------------------------------------------------------


def test_json_export_is_the_compiled_graph() -> None:
    tree = nasty_tree()
    graph = json.loads(to_json(tree))
    assert (graph["format"], graph["tree"], graph["lang"], graph["version"]) == (1, "nasty", "en", tree.version)
    assert (graph["title"], graph["start"]) == (tree.title, tree.start)
    assert [n["id"] for n in graph["nodes"]] == list(tree.nodes)
    assert [n["kind"] for n in graph["nodes"]] == ["question", "question", "outcome", "outcome"]
    assert [(n["id"], a["next"], a["label"]) for n in graph["nodes"] for a in n.get("answers", [])] == edges(tree)
    assert [n.get("question") or n.get("outcome") for n in graph["nodes"]] == [n.text for n in tree.nodes.values()]
    assert graph["answer_paths"] == tree.analysis.answer_paths
    assert {n["id"]: n["paths"] for n in graph["nodes"]} == tree.analysis.path_count


def test_json_export_is_valid_json_with_unicode_kept() -> None:
    text = to_json(nasty_tree())
    assert "😀" in text
    assert json.loads(text)["nodes"][1]["question"].startswith("Unicode: é ü ß 😀")


# -- DOT export ----------------------------------------------------------------------


def dot_unquote(quoted: str) -> str:
    """A DOT label as Graphviz shows it: `\\\\` a backslash, `\\"` a quote, `\\n` a line break."""
    assert quoted.startswith('"') and quoted.endswith('"'), quoted
    escapes = {"\\": "\\", '"': '"', "n": "\n"}

    def one(match: re.Match[str]) -> str:
        assert match.group(1) in escapes, f"unexpected escape \\{match.group(1)} in {quoted}"
        return escapes[match.group(1)]

    return re.sub(r"\\(.)", one, quoted[1:-1])


def dot_text(label: str) -> str:
    """The label's text without the line breaks that wrapping added."""
    return dot_unquote(label).replace("\n", " ")


@pytest.mark.parametrize("make", [example_tree, nasty_tree], ids=["example", "nasty"])
def test_dot_export_parses_back_to_the_model(make: Callable[[], Tree]) -> None:
    tree = make()
    (graph,) = pydot.graph_from_dot_data(to_dot(tree))
    assert dot_unquote(graph.get_name()) == tree.slug
    nodes = [n for n in graph.get_nodes() if n.get_name() not in {"graph", "node", "edge"}]
    assert [dot_unquote(n.get_name()) for n in nodes] == list(tree.nodes)
    assert [dot_text(n.get_label()) for n in nodes] == [n.text for n in tree.nodes.values()]
    assert [
        (dot_unquote(e.get_source()), dot_unquote(e.get_destination()), dot_text(e.get_label()))
        for e in graph.get_edges()
    ] == edges(tree)


def test_dot_shows_outcomes_rounded_and_questions_square() -> None:
    (graph,) = pydot.graph_from_dot_data(to_dot(nasty_tree()))
    nodes = [n for n in graph.get_nodes() if n.get_name() not in {"graph", "node", "edge"}]
    styles = {dot_unquote(n.get_name()): n.get_style() for n in nodes}
    assert styles == {"end": None, "a--b": None, "o-x": '"rounded,bold"', "graph": '"rounded,bold"'}


def test_dot_string_escapes_backslash_quote_and_line_break() -> None:
    assert dot_string('a "b" \\n\nc\\') == '"a \\"b\\" \\\\n\\nc\\\\"'


def test_dot_labels_are_wrapped_at_spaces_only() -> None:
    (graph,) = pydot.graph_from_dot_data(to_dot(nasty_tree()))
    label = dot_unquote(next(n for n in graph.get_nodes() if n.get_name() == '"end"').get_label())
    assert "\n" in label
    assert all(len(line) <= 30 or " " not in line for line in label.split("\n"))


# -- Mermaid export ------------------------------------------------------------------

MERMAID_READER = """\
import { JSDOM } from "jsdom";
const { window } = new JSDOM("");
globalThis.window = window;
globalThis.document = window.document;
const { default: mermaid } = await import("mermaid");
let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const text of JSON.parse(input)) {
  try {
    await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    results.push({
      type: diagram.type,
      vertices: [...diagram.db.getVertices().values()].map((v) => ({ id: v.id, text: v.text, shape: v.type })),
      edges: diagram.db.getEdges().map((e) => ({ from: e.start, to: e.end, text: e.text })),
    });
  } catch (error) {
    results.push({ error: String(error.message ?? error) });
  }
}
process.stdout.write(JSON.stringify(results));
"""
"""Reads Mermaid diagrams (a JSON list on stdin) with Mermaid's parser; prints what it made of them."""


MERMAID_RAW_QUOTE = 'flowchart TD\n  a["say " hi"]\n'
MERMAID_KEYWORD_ID = "flowchart TD\n  end --> b\n"


@pytest.fixture(scope="session")
def mermaid(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """What Mermaid's parser makes of each diagram the tests read, all read in one run of Node."""
    required = os.environ.get("DT_REQUIRE_MERMAID") == "1"
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        if required:
            pytest.fail("DT_REQUIRE_MERMAID=1, but node or npm is missing")
        pytest.skip("Mermaid's parser needs node and npm")
    prepared = Path(os.environ.get("DT_MERMAID_DIR", "")) if os.environ.get("DT_MERMAID_DIR") else None
    if prepared and (prepared / "node_modules" / "mermaid").is_dir():
        folder = prepared  # installed by make test-setup, beside the virtualenv
    else:
        folder = tmp_path_factory.mktemp("mermaid")
        (folder / "package.json").write_text('{"private": true, "type": "module"}\n', encoding="utf-8")
        install = subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--loglevel=error", *MERMAID_PACKAGES],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if install.returncode != 0:
            if required:
                pytest.fail(f"npm install failed: {install.stderr}")
            pytest.skip(f"npm install {' '.join(MERMAID_PACKAGES)} failed: {install.stderr[-500:]}")
    (folder / "read.mjs").write_text(MERMAID_READER, encoding="utf-8")
    texts = [to_mermaid(example_tree()), to_mermaid(nasty_tree()), MERMAID_RAW_QUOTE, MERMAID_KEYWORD_ID]
    result = subprocess.run(
        [node, "read.mjs"], cwd=folder, input=json.dumps(texts), capture_output=True, text=True, check=True
    )
    return dict(zip(texts, json.loads(result.stdout), strict=True))


def mermaid_drawn(label: str) -> str:
    """The text Mermaid draws for a label as written: an entity code becomes an HTML
    entity (`#35;` → `&#35;`, `#quot;` → `&quot;`), `<br>` a line break, and the label is HTML."""
    entities = re.sub(r"#(\d+);", r"&#\1;", label)
    entities = re.sub(r"#([a-z]+);", r"&\1;", entities)
    return html.unescape(entities.replace("<br>", "\n"))


def mermaid_parsed(text: str) -> str:
    """The text Mermaid draws for a label as its parser keeps it, with entity codes as
    placeholders (`ﬂ°°35¶ß`), turned back as Mermaid's `decodeEntities` does."""
    entities = text.replace("ﬂ°°", "&#").replace("ﬂ°", "&").replace("¶ß", ";")
    return html.unescape(entities.replace("<br>", "\n"))


@pytest.mark.slow  # Mermaid's own parser, under Node
@pytest.mark.parametrize("make", [example_tree, nasty_tree], ids=["example", "nasty"])
def test_mermaid_export_parses_back_to_the_model(mermaid: dict[str, dict[str, Any]], make: Callable[[], Tree]) -> None:
    tree = make()
    diagram = mermaid[to_mermaid(tree)]
    assert "error" not in diagram, diagram.get("error")
    assert diagram["type"] == "flowchart-v2"
    assert [v["id"] for v in diagram["vertices"]] == [mermaid_id(n) for n in tree.nodes]
    assert [mermaid_parsed(v["text"]) for v in diagram["vertices"]] == [n.text for n in tree.nodes.values()]
    assert [(e["from"], e["to"], mermaid_parsed(e["text"])) for e in diagram["edges"]] == [
        (mermaid_id(a), mermaid_id(b), label) for a, b, label in edges(tree)
    ]


@pytest.mark.slow  # Mermaid's own parser, under Node
def test_mermaid_shows_outcomes_rounded_and_questions_square(mermaid: dict[str, dict[str, Any]]) -> None:
    diagram = mermaid[to_mermaid(nasty_tree())]
    assert [v["shape"] for v in diagram["vertices"]] == ["square", "square", "stadium", "stadium"]


@pytest.mark.slow  # Mermaid's own parser, under Node
def test_the_mermaid_parser_refuses_what_the_escaping_prevents(mermaid: dict[str, dict[str, Any]]) -> None:
    """So the diagrams above are not just read leniently: a raw quote or a keyword id breaks one."""
    assert "error" in mermaid[MERMAID_RAW_QUOTE]
    assert "error" in mermaid[MERMAID_KEYWORD_ID]


MERMAID_SPECIAL = '"#;:&<>`'
"""Characters Mermaid reads in a quoted label: ends, entity codes, style rules, HTML, Markdown."""


@pytest.mark.parametrize("char", list(MERMAID_SPECIAL))
def test_mermaid_writes_a_special_character_as_an_entity_code(char: str) -> None:
    code = mermaid_text(char)
    assert re.fullmatch(r"#(\d+|[a-z]+);", code), code
    assert mermaid_drawn(code) == char


def test_mermaid_writes_a_line_break_as_br() -> None:
    assert mermaid_text("one\ntwo") == "one<br>two"


def test_mermaid_labels_keep_no_special_character_outside_an_entity_code() -> None:
    label = mermaid_text('He said "a#b; c: d" & <b>x</b> `y` #quot; style x:#f00;')
    outside = re.sub(r"#(\d+|[a-z]+);", "", label)
    assert not set(outside) & set(MERMAID_SPECIAL), outside


def test_mermaid_keeps_unicode_brackets_and_backslashes_as_they_are() -> None:
    text = "é 😀 中文 עברית [a] {b} (c) |d| \\ %% -- ' end"
    assert mermaid_text(text) == text


@pytest.mark.parametrize("text", [n.text for n in nasty_tree().nodes.values()] + [x[2] for x in edges(nasty_tree())])
def test_mermaid_labels_are_drawn_as_the_text(text: str) -> None:
    assert mermaid_drawn(mermaid_text(text)) == text


def test_mermaid_ids_are_no_keywords_and_no_arrows() -> None:
    assert mermaid_id("end") == "n_end"
    assert mermaid_id("a--b") == "n_a__b"
    assert mermaid_id("o-x") == "n_o_x"


def test_mermaid_export_warns_when_mermaid_would_refuse_to_draw(tmp_path: Path) -> None:
    (tmp_path / "big.tree.yml").write_text(ladder(300), encoding="utf-8")
    result = run("export", "big.tree.yml", "--format", "mermaid", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("flowchart TD\n")
    assert "big.tree.yml: warning: the diagram has 600 arrows; Mermaid draws at most 500" in result.stderr


# -- The export command --------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "mermaid", "dot"])
def test_export_prints_the_same_bytes_every_time(fmt: str) -> None:
    first = run("export", str(EXAMPLE), "--format", fmt)
    second = run("export", str(EXAMPLE), "--format", fmt)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert first.stderr == ""


def test_export_is_made_from_the_tree_in_the_chosen_language(tmp_path: Path) -> None:
    tree = """\
        title: {en: Hello, nl: Hallo}
        start: q
        nodes:
          q: {question: Q, answers: [{label: A, next: o}, {label: B, next: o}]}
          o: {outcome: O, summary: S}
        """
    (tmp_path / "t.tree.yml").write_text(textwrap.dedent(tree), encoding="utf-8")
    result = run("export", "t.tree.yml", "--format", "json", "--lang", "nl", cwd=tmp_path)
    assert json.loads(result.stdout)["title"] == "Hallo"


def test_export_of_a_broken_tree_prints_its_errors_and_exits_1() -> None:
    result = run("export", "cycle.tree.yml", "--format", "dot", cwd=BROKEN)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (BROKEN / "cycle.expected").read_text(encoding="utf-8")


def test_export_without_a_format_is_a_usage_error() -> None:
    result = run("export", str(EXAMPLE))
    assert result.returncode == 2
    assert "--format" in result.stderr


# -- Paths ---------------------------------------------------------------------------


def test_paths_lists_every_way_from_the_start_to_an_outcome() -> None:
    result = run("paths", "example.tree.yml", cwd=EXAMPLE.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout == textwrap.dedent(
        """\
        Who sets the specification? → The client → Could they buy the same elsewhere? → Yes ⇒ Vendor
        Who sets the specification? → The client → Could they buy the same elsewhere? → No → Do they trust your judgement? → Yes ⇒ Consultant
        Who sets the specification? → The client → Could they buy the same elsewhere? → No → Do they trust your judgement? → No ⇒ Vendor
        Who sets the specification? → We do, together → Do they trust your judgement? → Yes ⇒ Consultant
        Who sets the specification? → We do, together → Do they trust your judgement? → No ⇒ Vendor
        """
    )


def test_paths_beyond_the_limit_are_counted_not_listed() -> None:
    result = run("paths", "example.tree.yml", "--limit", "2", cwd=EXAMPLE.parent)
    assert result.stdout.splitlines()[2:] == ["… and 3 more paths (5 in all)"]


def test_paths_of_a_tree_with_2_to_the_200_paths_are_counted_not_walked(tmp_path: Path) -> None:
    (tmp_path / "wide.tree.yml").write_text(ladder(200), encoding="utf-8")
    result = run("paths", "wide.tree.yml", "--limit", "1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == f"… and {2**200 - 1} more paths ({2**200} in all)"


@pytest.mark.slow  # a tree 1,000 questions deep
def test_paths_of_a_tree_1000_questions_deep(tmp_path: Path) -> None:
    (tmp_path / "deep.tree.yml").write_text(ladder(1000), encoding="utf-8")
    result = run("paths", "deep.tree.yml", "--limit", "1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith("Q0? → A → Q1? → A")
    assert first.endswith("Q999? → A ⇒ End")


def test_paths_limit_must_be_a_positive_number() -> None:
    assert run("paths", str(EXAMPLE), "--limit", "0").returncode == 2


def snapshot_cases() -> list[tuple[Path, str]]:
    return [(tree, lang) for tree in REAL_TREES for lang in languages_in(tree.read_bytes()) or ["en"]]


def snapshot_file(tree: Path, lang: str) -> Path:
    return SNAPSHOTS / f"{tree.name.removesuffix('.tree.yml')}.{lang}.paths.txt"


@pytest.mark.parametrize(("tree", "lang"), snapshot_cases(), ids=[f"{t.name}-{lang}" for t, lang in snapshot_cases()])
def test_paths_of_each_real_tree_match_the_snapshot(tree: Path, lang: str) -> None:
    result = run("paths", tree.relative_to(ROOT).as_posix(), "--lang", lang)
    assert result.returncode == 0, result.stderr
    snapshot = snapshot_file(tree, lang)
    if os.environ.get("UPDATE_SNAPSHOTS"):
        SNAPSHOTS.mkdir(exist_ok=True)
        snapshot.write_text(result.stdout, encoding="utf-8")
    assert snapshot.is_file(), f"no snapshot of {tree.name} in {lang}: run make snapshots"
    assert result.stdout == snapshot.read_text(encoding="utf-8"), (
        f"the paths of {tree.name} ({lang}) changed; if on purpose, run make snapshots and review the diff"
    )


def test_every_snapshot_belongs_to_a_real_tree() -> None:
    wanted = {snapshot_file(tree, lang) for tree, lang in snapshot_cases()}
    stale = sorted(p for p in SNAPSHOTS.glob("*.paths.txt") if p not in wanted)
    if os.environ.get("UPDATE_SNAPSHOTS"):
        for path in stale:
            path.unlink()
        stale = []
    assert stale == [], "snapshots of trees or languages that are gone: run make snapshots"


# -- New trees -----------------------------------------------------------------------


def test_a_new_tree_passes_check(tmp_path: Path) -> None:
    assert run("new", "quiz.tree.yml", cwd=tmp_path).returncode == 0
    result = run("check", "quiz.tree.yml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "quiz.tree.yml: ok: 2 questions, 3 outcomes, 3 answer paths, longest path 2 questions; checked in en ("
    )


def test_new_with_two_languages_writes_every_text_in_both(tmp_path: Path) -> None:
    assert run("new", "quiz.tree.yml", "--lang", "en", "--lang", "nl", cwd=tmp_path).returncode == 0
    result = run("check", "--strict", "quiz.tree.yml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "checked in en, nl" in result.stdout
    text = (tmp_path / "quiz.tree.yml").read_text("utf-8")
    assert (
        parse_tree(text, "quiz.tree.yml", lang="nl").question("first-question").question == "Wat vraag je als eerste?"
    )
    assert schema_errors(tmp_path / "quiz.tree.yml") == []


def test_new_refuses_a_language_code_that_is_none() -> None:
    result = run("new", "quiz.tree.yml", "--lang", "English")
    assert result.returncode == 2
    assert result.stderr == "--lang English: not a language code (like en or nl)\n"


def test_new_prints_the_checklist_of_the_authoring_page(tmp_path: Path) -> None:
    result = run("new", "docs/quiz.tree.yml", cwd=tmp_path)
    steps = [line for line in result.stdout.splitlines() if re.match(r"^  \d\. ", line)]
    assert len(steps) == 6
    assert "docs/quiz.scenarios.yml" in result.stdout
    assert "Add quiz/index.md to nav" in result.stdout
    page = (ROOT / "docs" / "en" / "authoring.md").read_text("utf-8")
    for command in (
        "decisiontree check",
        "make snapshots",
        "make build",
        "make test",
        "nav",
        ".scenarios.yml",
        "anchor",
    ):
        assert command in result.stdout
        assert command in page.split("## Adding a tree", 1)[1].split("\n## ", 1)[0], command


# -- Which languages check reads -------------------------------------------------------


def project(tmp_path: Path, tree: str) -> Path:
    """An MkDocs project in two languages (the second inherits the first) with one tree."""
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\ndocs_dir: docs/en\ntheme:\n  name: material\n  language: en\n"
        "extra:\n  decisiontree:\n    trees_dir: docs/en\n  homepage: !ENV [HOME_URL, '/']\n",
        encoding="utf-8",
    )
    (tmp_path / "mkdocs.nl.yml").write_text(
        "INHERIT: mkdocs.yml\ndocs_dir: docs/nl\ntheme:\n  language: nl\n", encoding="utf-8"
    )
    (tmp_path / "docs" / "en").mkdir(parents=True)
    (tmp_path / "docs" / "en" / "t.tree.yml").write_text(tree, encoding="utf-8")
    return tmp_path / "docs" / "en" / "t.tree.yml"


ONLY_ONE_FIELD_IN_DUTCH = """\
title: T
start: a
nodes:
  a:
    question: {nl: Vraag}
    answers:
      - {label: A, next: b}
      - {label: B, next: b}
  b: {outcome: O, summary: S}
"""


def test_check_refuses_what_the_projects_build_refuses(tmp_path: Path) -> None:
    project(tmp_path, ONLY_ONE_FIELD_IN_DUTCH)
    result = run("check", "docs/en/t.tree.yml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(
        "docs/en/t.tree.yml:5:15: node 'a', field 'question': has no 'en' text (the site is built in 'en'; found: nl)\n"
    )


def test_check_names_the_languages_the_project_builds(tmp_path: Path) -> None:
    project(
        tmp_path,
        "title: T\nstart: a\nnodes:\n  a:\n    question: Q\n    answers:\n"
        "      - {label: A, next: b}\n      - {label: B, next: b}\n  b: {outcome: O, summary: S}\n",
    )
    result = run("check", "t.tree.yml", cwd=tmp_path / "docs" / "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("; checked in en, nl (as mkdocs.yml and mkdocs.nl.yml build it)\n")


def test_check_outside_a_project_checks_the_languages_the_file_uses(tmp_path: Path) -> None:
    (tmp_path / "t.tree.yml").write_text(ONLY_ONE_FIELD_IN_DUTCH, encoding="utf-8")
    result = run("check", "t.tree.yml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("; checked in nl (the languages the file uses)\n")


def test_a_new_tree_passes_the_schema(tmp_path: Path) -> None:
    run("new", "quiz.tree.yml", cwd=tmp_path)
    assert schema_errors(tmp_path / "quiz.tree.yml") == []


def test_a_new_tree_explains_every_field_in_a_comment(tmp_path: Path) -> None:
    run("new", "quiz.tree.yml", cwd=tmp_path)
    comments = " ".join(
        line for line in (tmp_path / "quiz.tree.yml").read_text("utf-8").splitlines() if line.lstrip().startswith("#")
    )
    for field in TOP_FIELDS + QUESTION_FIELDS + OUTCOME_FIELDS + ANSWER_FIELDS:
        assert re.search(rf"\b{field}\b", comments), field


def test_a_new_tree_takes_its_title_from_the_file_name(tmp_path: Path) -> None:
    run("new", "price-check.tree.yml", cwd=tmp_path)
    tree = parse_tree((tmp_path / "price-check.tree.yml").read_text("utf-8"), "price-check.tree.yml", lang="en")
    assert tree.title == "Price check"
    assert len(tree.questions) == 2
    assert len(tree.outcomes) == 3
    assert all(isinstance(n, Question | Outcome) for n in tree.nodes.values())


def test_new_never_replaces_a_file(tmp_path: Path) -> None:
    (tmp_path / "quiz.tree.yml").write_text("mine\n", encoding="utf-8")
    result = run("new", "quiz.tree.yml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "quiz.tree.yml: already exists; not replaced (choose another name or remove it first)\n"
    assert (tmp_path / "quiz.tree.yml").read_text(encoding="utf-8") == "mine\n"


def test_new_needs_a_tree_file_name(tmp_path: Path) -> None:
    result = run("new", "quiz.yml", cwd=tmp_path)
    assert result.returncode == 2
    assert "must end in .tree.yml" in result.stderr
    assert not (tmp_path / "quiz.yml").exists()


def test_new_writes_the_schema_line_it_is_given(tmp_path: Path) -> None:
    run("new", "quiz.tree.yml", "--schema", "https://example.org/schema/tree.schema.json", cwd=tmp_path)
    first = (tmp_path / "quiz.tree.yml").read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=https://example.org/schema/tree.schema.json"


def test_new_points_at_the_schema_relative_to_the_tree_inside_the_project() -> None:
    target = ROOT / "docs" / "en" / "self-assessment" / "quiz.tree.yml"
    assert schema_reference(target, project=ROOT) == "../../../decisiontree/schema/tree.schema.json"


def test_new_writes_no_schema_line_outside_the_project(tmp_path: Path) -> None:
    assert schema_reference(tmp_path / "quiz.tree.yml", project=tmp_path) is None


# -- Help and exit codes -------------------------------------------------------------

COMMANDS = ("check", "paths", "export", "pages", "new")


def test_help_names_every_command_and_the_exit_codes() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in COMMANDS:
        assert re.search(rf"^\s+{command}\s+\S", result.stdout, re.MULTILINE), command
    for code in ("0  all well", "1  a tree has errors", "2  usage error"):
        assert code in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_has_help_with_its_arguments_and_exit_codes(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: python -m decisiontree {command} ")
    assert "exit codes:" in result.stdout
    options = re.findall(r"^  (-\S+|[A-Z]+)", result.stdout, re.MULTILINE)
    assert len(options) >= 2, result.stdout  # -h and at least one argument, each explained
