"""Rules of the engine that need no site: graph facts, progress, links, pages."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from treegen import chain

from decisiontree import parse_tree, render_pages
from decisiontree.links import page_url, rebase_links, root_url
from decisiontree.pagedata import json_for_script
from decisiontree.pages import CHART_SLOT, PATHS_SHOWN, STEPS_SHOWN, _front_matter, _plain_yaml, _yaml_scalar
from decisiontree.strings import STRINGS, progress

FIXTURES = Path(__file__).parent / "fixtures"
ENGINE = Path(__file__).parent.parent / "decisiontree"
EXAMPLE = FIXTURES / "trees" / "example.tree.yml"


def tree(text: str, lang: str = "en"):  # type: ignore[no-untyped-def]
    return parse_tree(text, "t.tree.yml", lang=lang)


# -- graph facts ------------------------------------------------------------------


def test_paths_are_counted_not_enumerated() -> None:
    t = tree(EXAMPLE.read_text())
    assert t.analysis.path_count == {"first": 1, "second": 1, "third": 2, "vendor": 3, "consultant": 2}
    assert t.analysis.answer_paths == 5


def test_progress_counts_questions_still_to_come() -> None:
    t = tree(EXAMPLE.read_text())
    assert t.analysis.remaining("first") == (1, 2)
    assert t.analysis.remaining("second") == (0, 1)
    assert t.analysis.remaining("third") == (0, 0)


@pytest.mark.parametrize(
    ("lo", "hi", "text"),
    [
        (0, 0, "Last question"),
        (1, 1, "1 more question"),
        (3, 3, "3 more questions"),
        (2, 4, "2–4 more questions"),
        (0, 1, "Perhaps 1 more question"),
        (0, 3, "Up to 3 more questions"),
    ],
)
def test_progress_line_wording(lo: int, hi: int, text: str) -> None:
    assert progress("en", lo, hi) == text


def test_paths_to_an_outcome_stop_at_the_limit() -> None:
    t = tree(chain(30))
    paths = t.analysis.paths_to("stop", limit=5)
    assert len(paths) == 5
    assert t.analysis.path_count["stop"] == 30
    assert all(p[-1].question.startswith("q") and p[-1].answer == 2 for p in paths)


@pytest.mark.slow  # a chain 1,500 questions deep
def test_a_deep_chain_needs_no_recursion() -> None:
    t = tree(chain(1500))
    assert t.analysis.longest == 1500
    assert t.analysis.paths_to("end", limit=1)[0][-1].question == "q1500"


# -- links ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("[a](../x.md)", "[a](../../x.md)"),
        ("[a](x.md#b)", "[a](../x.md#b)"),
        ("![i](img.png)", "![i](../img.png)"),
        ("[a]: ../x.md", "[a]: ../../x.md"),
        ('<a href="x.md">x</a>', '<a href="../x.md">x</a>'),
        ("[a](https://example.org/x)", "[a](https://example.org/x)"),
        ("[a](/abs/x.md)", "[a](/abs/x.md)"),
        ("[a](#here)", "[a](#here)"),
        ("[a](mailto:me@example.org)", "[a](mailto:me@example.org)"),
        ("`[a](x.md)`", "`[a](x.md)`"),
        ("```\n[a](x.md)\n```\n", "```\n[a](x.md)\n```\n"),
    ],
)
def test_relative_links_in_tree_markdown_are_rebased_one_folder_down(before: str, after: str) -> None:
    assert rebase_links(before) == after


def test_page_urls_between_generated_pages() -> None:
    assert page_url(None, "a", directory_urls=True) == "a/"
    assert page_url("a", "b", directory_urls=True) == "../b/"
    assert page_url("a", None, directory_urls=True) == "../"
    assert page_url(None, None, directory_urls=True) == "./"
    assert page_url("a", "b", directory_urls=False) == "b.html"
    assert page_url("a", None, directory_urls=False) == "index.html"
    assert root_url("x/y", None, directory_urls=True) == "../../"
    assert root_url("x/y", "a", directory_urls=True) == "../../../"
    assert root_url("x/y", "a", directory_urls=False) == "../../"


# -- pages ------------------------------------------------------------------------------


def test_one_page_per_node_plus_the_start_page() -> None:
    t = tree(EXAMPLE.read_text())
    pages = render_pages(t, folder="quiz/example")
    assert sorted(p.path for p in pages) == sorted(["index.md", *(f"{n}.md" for n in t.nodes)])


@pytest.mark.parametrize("text", [EXAMPLE.read_text(), chain(20)], ids=["whole-chart", "neighbourhoods"])
def test_a_page_kept_apart_fills_its_slots_to_give_the_same_page(text: str) -> None:
    t = tree(text)
    inline = {p.path: p.content for p in render_pages(t, folder="q")}
    apart = [p for p in render_pages(t, folder="q", apart=True) if p.path.endswith(".md")]
    assert len(apart) == len(t.nodes) + 1
    for page in apart:
        assert page.content.count(CHART_SLOT) == 1, page.path
        assert "<svg" not in page.content and page.chart.count("<svg") == 1, page.path
        markdown = re.sub(r"<!-- decisiontree:(html|late):\d+ -->", "", page.content.replace(CHART_SLOT, ""))
        assert "<" not in markdown, page.path  # only the tree's own Markdown is left for Markdown to read
        assert page.joined() == inline[page.path]


def test_outcome_pages_list_paths_up_to_a_cap_and_count_the_rest() -> None:
    t = tree(chain(40))
    out = next(p for p in render_pages(t, folder="c") if p.path == "stop.md").content
    assert out.count('<ol class="dt-path">') == PATHS_SHOWN
    assert f"…and {40 - PATHS_SHOWN} more ways." in out
    end = next(p for p in render_pages(t, folder="c") if p.path == "end.md").content
    assert f"…{40 - STEPS_SHOWN} more questions…" in end


def test_json_for_script_cannot_close_the_script_element() -> None:
    text = json_for_script({"x": "</script><!-- \u2028 & >"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"x": "</script><!-- \u2028 & >"}


def test_every_language_has_every_string() -> None:
    keys = set(STRINGS["en"])
    for lang, table in STRINGS.items():
        assert set(table) == keys, lang


def test_every_string_is_used_somewhere() -> None:
    """A string no code, template or script asks for is dead weight in every language."""
    sources = [*ENGINE.rglob("*.py"), *ENGINE.glob("templates/*.j2"), *ENGINE.glob("assets/*.js")]
    text = "\n".join(p.read_text(encoding="utf-8") for p in sources if p.name != "strings.py")
    text += (ENGINE / "strings.py").read_text(encoding="utf-8").split("def strings_for", 1)[1]  # not the table
    unused = [k for k in STRINGS["en"] if not re.search(rf"(\bs|strings)\.{k}\b|[\"']{k}[\"']", text)]
    assert unused == [], f"strings in strings.py that nothing uses: {unused}"


def test_pages_command_writes_the_same_pages_as_the_engine(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "decisiontree", "pages", str(EXAMPLE), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    expected = render_pages(parse_tree(EXAMPLE.read_text(), "example.tree.yml", lang="en"), folder="example")
    for page in expected:
        assert (tmp_path / "example" / page.path).read_text(encoding="utf-8") == page.content
    assert (tmp_path / "assets" / "decisiontree" / "decisiontree.js").is_file()


# -- front matter ----------------------------------------------------------------------------

YAML_TRICKS = ["yes", "No", "on", "1.5", "12", "0x1F", "1:30", "2001-12-14", "~", "null", "- a", "? a", "a: b", "a #b"]


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.sampled_from(YAML_TRICKS),
        st.text(alphabet="aZ09 ,.;:'\"?!#-–…()/&%+=*@`|>[]{}é\u00a0\t\n", max_size=12),
    )
)
def test_front_matter_written_without_pyyaml_is_what_pyyaml_writes(value: str) -> None:
    if _plain_yaml(value):
        assert yaml.safe_dump({"title": value}, allow_unicode=True, width=10**9) == f"title: {value}\n"


@settings(max_examples=600, deadline=None)
@given(
    st.one_of(
        st.sampled_from([*YAML_TRICKS, "", " a", "a ", "It's: yes", "Cost: 10 % [of] {it}", "#a", "a\u00a0: b"]),
        st.text(alphabet="aZ09 ,.;:'\"?!#-–…()/&%+=*@`|>[]{}é\u00a0\t\n\x85\u2028\ufeff\x07", max_size=14),
    )
)
def test_front_matter_quoted_without_pyyaml_is_what_pyyaml_writes(value: str) -> None:
    scalar = _yaml_scalar(value)
    if scalar is not None:
        assert yaml.safe_dump({"title": value}, allow_unicode=True, width=10**9) == f"title: {scalar}\n"


def test_front_matter_of_a_text_yaml_would_misread_is_quoted() -> None:
    t = tree(EXAMPLE.read_text())
    for value in YAML_TRICKS:
        front = _front_matter(value, t)
        assert not _plain_yaml(value), value
        assert yaml.safe_load(front.split("---\n")[1])["title"] == value
