"""The same site built with Zensical: same pages, same links, same tree pages, same behaviour.

Zensical runs no MkDocs hooks; `python -m decisiontree.zensical` stages the
trees for it. The real site is built with it once per session and compared
with the MkDocs build (`real_site`), then walked in a real Chromium.
"""

from __future__ import annotations

import html
import importlib.util
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from browser import axe_source, axe_violations, serve
from conftest import FIXTURES, ROOT, make_site, shared_build
from edgewalk import check_arrival, check_return, expected_record, follow_without_script, walk_every_answer
from treegen import chain

from decisiontree import Tree, load_tree
from decisiontree.graph import Step
from decisiontree.pagedata import INLINE_DATA_LIMIT

pytestmark = pytest.mark.zensical

TREES = sorted((ROOT / "docs" / "en" / "self-assessment").glob("*.tree.yml"))
LANGS = {"en": "", "nl": "nl/"}


def zensical(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python -m decisiontree.zensical` of this environment."""
    if importlib.util.find_spec("zensical") is None:
        message = "Zensical is not installed: make test installs it (requirements-zensical.txt)"
        if os.environ.get("DT_REQUIRE_BROWSER") or os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    command = [sys.executable, "-m", "decisiontree.zensical", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def _build_with_zensical(out: Path) -> None:
    result = zensical(
        "build", "mkdocs.yml", "mkdocs.nl.yml", "--site", str(out / "site"), "--stage", str(out / "stage"), cwd=ROOT
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, English and Dutch, built once per run with Zensical."""
    if importlib.util.find_spec("zensical") is None:
        zensical(cwd=ROOT)  # fails, or skips, saying why
    return shared_build(tmp_path_factory, "zensical", _build_with_zensical) / "site"


def html_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def tree_pages(site: Path) -> list[str]:
    return [p for p in html_pages(site) if "/self-assessment/" in f"/{p}" and p.count("/") >= 2]


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def resolved(page: str, urls: list[str]) -> list[str]:
    """URLs as the browser follows them from `page` (`.././x` and `../x` are the same link)."""
    return [urljoin(f"http://site/{page}", html.unescape(url)) for url in urls]


def article(text: str) -> str:
    return text.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]


def links_in(text: str) -> list[str]:
    return re.findall(r'(?:href|src)="([^"]*)"', text)


# --- The same site ----------------------------------------------------------------------------------------------


def test_both_builds_have_the_same_pages(real_site: Path, zensical_site: Path) -> None:
    pages = html_pages(real_site)
    assert any(p.startswith("nl/self-assessment/") for p in pages)
    assert html_pages(zensical_site) == pages


def test_every_link_in_every_page_goes_where_it_goes_in_the_mkdocs_build(real_site: Path, zensical_site: Path) -> None:
    """Answers, chart nodes, the outline, Markdown links and the script: all go to the same place.

    (Zensical reads a relative link in raw HTML from the Markdown file's
    folder; the staging step writes them so, and this is the proof.)
    """
    differ = []
    for page in html_pages(real_site):
        if page.endswith("404.html"):
            continue  # known difference: Zensical gives the 404 template no page URLs for its navigation
        mkdocs_links = resolved(page, links_in(article(read(real_site, page))))
        zensical_links = resolved(page, links_in(article(read(zensical_site, page))))
        if mkdocs_links != zensical_links:
            differ.append(page)
    assert differ == []


@pytest.mark.parametrize("lang", list(LANGS))
def test_tree_pages_carry_stylesheet_script_chart_and_outline(real_site: Path, zensical_site: Path, lang: str) -> None:
    pages = [p for p in tree_pages(real_site) if p.startswith(LANGS[lang] + "self-assessment/")]
    assert len(pages) > 30
    for page in pages:
        mine, theirs = read(zensical_site, page), read(real_site, page)
        stylesheets = resolved(
            page, re.findall(r'<link rel="stylesheet" href="([^"]*(?:site|decisiontree)\.css)"', mine)
        )
        assert stylesheets == resolved(
            page, re.findall(r'<link rel="stylesheet" href="([^"]*(?:site|decisiontree)\.css)"', theirs)
        )
        assert len(stylesheets) == 2, page
        script = resolved(page, re.findall(r'<script src="([^"]*decisiontree\.js)"', mine))
        assert script == [f"http://site/{LANGS[lang]}assets/decisiontree/decisiontree.js"], page
        assert mine.count('<figure class="dt-chart') == theirs.count('<figure class="dt-chart') == 1, page
        assert re.findall(r'data-node="([^"]+)"', mine) == re.findall(r'data-node="([^"]+)"', theirs), page
        assert '<script type="application/json">' in mine, page
        if page.endswith(
            ("self-assessment/sign-or-step-out/index.html", "self-assessment/vendor-or-consultant/index.html")
        ):
            assert mine.count('id="dt-outline"') == 1, page


def test_the_built_assets_are_the_engines(zensical_site: Path) -> None:
    package = ROOT / "decisiontree"
    for lang in LANGS.values():
        for name in ("decisiontree.css", "decisiontree.js"):
            built = zensical_site / lang / "assets" / "decisiontree" / name
            assert built.read_bytes() == (package / "assets" / name).read_bytes()
        assert (zensical_site / lang / "schema" / "tree.schema.json").is_file()
    assert not list(zensical_site.rglob("*.tree.yml"))


def test_titles_and_the_language_switch_match(real_site: Path, zensical_site: Path) -> None:
    for page in tree_pages(real_site):
        mine, theirs = read(zensical_site, page), read(real_site, page)
        assert re.findall(r"<title>[^<]*</title>", mine)[:1] == re.findall(r"<title>[^<]*</title>", theirs)[:1]
        switch = r'<a href="([^"]*)" hreflang="(\w+)"'
        mine_switch = [(url, lang) for url, lang in re.findall(switch, mine)]
        theirs_switch = [(url, lang) for url, lang in re.findall(switch, theirs)]
        assert len(mine_switch) == 2, page
        assert [(resolved(page, [u])[0], lang) for u, lang in mine_switch] == [
            (resolved(page, [u])[0], lang) for u, lang in theirs_switch
        ], page
        here = page.removeprefix("nl/").removesuffix("index.html")
        assert {resolved(page, [u])[0] for u, _ in mine_switch} == {f"http://site/{here}", f"http://site/nl/{here}"}


def test_the_sitemaps_list_the_same_pages_with_their_other_language(real_site: Path, zensical_site: Path) -> None:
    def entries(path: Path) -> list[tuple[str, list[tuple[str, str]]]]:
        ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
        root = ET.fromstring(path.read_bytes())
        return [
            (
                url.findtext("s:loc", namespaces=ns) or "",
                [(a.get("hreflang", ""), a.get("href", "")) for a in url.findall("x:link", ns)],
            )
            for url in root.findall("s:url", ns)
        ]

    for lang in LANGS.values():
        mine = entries(zensical_site / lang / "sitemap.xml")
        assert len(mine) > 40
        assert sorted(mine) == sorted(entries(real_site / lang / "sitemap.xml"))


def test_task_list_boxes_are_hidden_from_assistive_technology(zensical_site: Path) -> None:
    boxes = [p for p in html_pages(zensical_site) if "task-list-control" in read(zensical_site, p)]
    assert boxes
    for page in boxes:
        assert '<label class="task-list-control">' not in read(zensical_site, page)


# --- A small site: edit links, hostile titles, broken trees ----------------------------------------------------

HOSTILE = (FIXTURES / "trees" / "hostile.tree.yml").read_text(encoding="utf-8")
EDITING = """\
repo_url: https://example.org/repo
edit_uri: edit/main/docs/
theme:
  name: material
  font: false
  features: [content.action.edit]
"""


def test_tree_pages_link_edit_to_the_tree_file_escape_their_titles_and_only_the_start_is_in_the_nav(
    tmp_path: Path,
) -> None:
    root = make_site(tmp_path, {"quiz/hostile.tree.yml": HOSTILE}, config=EDITING)
    result = zensical("build", "mkdocs.yml", "--site", "out", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    tree = load_tree(root / "docs" / "quiz" / "hostile.tree.yml", lang="en")
    pages = sorted((root / "out" / "quiz" / "hostile").rglob("index.html"))
    assert len(pages) == len(tree.nodes) + 1
    for page in pages:
        text = page.read_text(encoding="utf-8")
        edits = re.findall(r'<a href="([^"]*)" title="Edit this page"', text)
        assert edits == ["https://example.org/repo/edit/main/docs/quiz/hostile.tree.yml"], page
        assert "<script>alert(1)</script>" not in text, page
        assert "window.__pwned=1>" not in text.replace("window.__pwned=1&gt;", ""), page
    start = (root / "out" / "quiz" / "hostile" / "index.html").read_text(encoding="utf-8")
    assert f"<title>{html.escape(tree.title)} - Test</title>" in start
    home = (root / "out" / "index.html").read_text(encoding="utf-8")
    assert html.escape(tree.title) in home
    nav = re.findall(r'<a href="([^"]*)" class="md-nav__link', home)
    assert "./quiz/hostile/" in nav
    assert [url for url in nav if url.startswith("./quiz/hostile/") and url != "./quiz/hostile/"] == []


def test_a_large_tree_publishes_its_data_file_where_its_pages_look_for_it(tmp_path: Path) -> None:
    questions = INLINE_DATA_LIMIT  # with the two outcomes, more nodes than the pages carry inline
    root = make_site(tmp_path, {"quiz/chain.tree.yml": chain(questions)})
    result = zensical("build", "mkdocs.yml", "--site", "out", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    data = root / "out" / "quiz" / "chain" / "tree.json"
    assert len(json.loads(data.read_text(encoding="utf-8"))["nodes"]) == questions + 2
    page = "quiz/chain/q7/index.html"
    island = re.search(r'<script type="application/json">(.*?)</script>', read(root / "out", page), re.S)
    assert island is not None
    assert resolved(page, [json.loads(island.group(1))[0]["src"]]) == ["http://site/quiz/chain/tree.json"]


def test_a_dangling_next_stops_the_build_with_a_located_error_and_builds_nothing(tmp_path: Path) -> None:
    broken = HOSTILE.replace("next: second", "next: secnod", 1)
    root = make_site(tmp_path, {"quiz/hostile.tree.yml": broken})
    (root / "out").mkdir()
    (root / "out" / "earlier.html").write_text("the last good build", encoding="utf-8")
    result = zensical("build", "mkdocs.yml", "--site", "out", cwd=root)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert re.fullmatch(
        r"docs/quiz/hostile\.tree\.yml:\d+:\d+: node 'first', field 'answers\[1\]\.next': there is no node 'secnod'.*",
        lines[0],
    )
    assert "Traceback" not in result.stdout + result.stderr
    assert sorted(p.name for p in (root / "out").iterdir()) == ["earlier.html"]
    assert not (root / "build").exists()


# --- In Chromium ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(zensical_site: Path) -> Iterator[str]:
    with serve(zensical_site) as base:
        yield base


def a_path(tree: Tree, *, last: bool = False) -> tuple[Step, ...]:
    """One answer path to the first (or last) outcome."""
    outcome = tree.outcomes[-1 if last else 0]
    return tree.analysis.paths_to(outcome.id, limit=1)[0]


def walk_end(tree: Tree, walk: tuple[Step, ...]) -> str:
    return tree.question(walk[-1].question).answers[walk[-1].answer - 1].next


def start_url(base: str, lang: str, slug: str) -> str:
    return f"{base}{LANGS[lang]}self-assessment/{slug}/"


def arrive(page: Any, node: str) -> None:
    """Wait for the node's page itself, not only its URL (instant navigation changes the URL first)."""
    page.wait_for_selector(f'a.dt-node[aria-current="page"][data-node="{node}"]')


def click_through(page: Any, base: str, lang: str, tree: Tree, walk: tuple[Step, ...]) -> None:
    page.goto(start_url(base, lang, tree.slug))
    page.evaluate("sessionStorage.clear()")
    page.click("a.dt-start")
    for step in walk:
        arrive(page, step.question)
        page.click(f'a.dt-answer[data-answer="{step.answer}"]')
    arrive(page, walk_end(tree, walk))


def recorded(page: Any) -> list[tuple[str, str]]:
    page.wait_for_selector(".dt-record:not([hidden])")
    questions = page.locator(".dt-record-answers dt").all_inner_texts()
    answers = page.locator(".dt-record-answers .dt-record-answer").all_inner_texts()
    return list(zip(questions, answers, strict=True))


def smallest_tree() -> Path:
    """The tree with the fewest answers."""
    return min(TREES, key=lambda t: sum(len(q.answers) for q in load_tree(t, lang="en").questions))


# What each tree's links do on this build is compared with the MkDocs build,
# page by page, above; every answer of every tree is clicked on the MkDocs
# build (test_browser.py). Here the script is shown to work with Zensical's
# theme and its instant navigation: every answer of one tree clicked once, in
# each language.


@pytest.mark.browser
@pytest.mark.parametrize("lang", list(LANGS))
def test_every_answer_is_clicked_once_and_lands_where_the_tree_says(open_page: Any, site: str, lang: str) -> None:
    tree = load_tree(smallest_tree(), lang=lang)
    page = open_page(site, viewport={"width": 360, "height": 740})
    clicked = walk_every_answer(
        page,
        start_url(site, lang, tree.slug),
        tree,
        lambda node, path: check_arrival(page, tree, node, path),
        lambda question, step: check_return(page, question, step),
    )
    assert set(clicked) == {Step(q.id, a.index) for q in tree.questions for a in q.answers}


@pytest.mark.browser
def test_without_javascript_the_longest_path_of_each_tree_can_be_clicked(open_page: Any, site: str) -> None:
    """In Dutch (the script's walk above is in English); every path's links are
    compared with the MkDocs build's, page by page, without a browser above."""
    page = open_page(site, java_script_enabled=False)
    for tree_file in TREES:
        tree = load_tree(tree_file, lang="nl")
        path = max((p for o in tree.outcomes for p in tree.analysis.paths_to(o.id, limit=10_000)), key=len)
        visited = follow_without_script(page, start_url(site, "nl", tree.slug), tree, path)
        assert len(visited) == len(path) + 1


@pytest.mark.browser
def test_a_shared_link_reproduces_the_outcome_in_a_fresh_browser(open_page: Any, site: str) -> None:
    tree = load_tree(TREES[0], lang="en")
    walk = a_path(tree, last=True)
    page = open_page(site)
    click_through(page, site, "en", tree, walk)
    link = page.locator("input.dt-share-url").input_value()
    assert parse_qs(urlsplit(link).query)["a"] == [",".join(f"{s.question}:{s.answer}" for s in walk)]
    fresh = open_page(site)
    fresh.goto(link)
    assert recorded(fresh) == expected_record(tree, walk)


@pytest.fixture(scope="module")
def axe() -> str:
    return axe_source()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_question_and_an_outcome_page_are_axe_clean(open_page: Any, site: str, axe: str, scheme: str) -> None:
    tree = load_tree(TREES[0], lang="en")
    walk = a_path(tree)
    page = open_page(site, color_scheme=scheme)
    page.goto(start_url(site, "en", tree.slug) + f"{walk[-1].question}/")
    problems = [f"question ({scheme}): {line}" for line in axe_violations(page, axe)]
    click_through(page, site, "en", tree, walk)
    recorded(page)
    problems += [f"outcome ({scheme}): {line}" for line in axe_violations(page, axe)]
    assert problems == []


def test_the_trees_folder_is_read_from_the_plugin_the_hook_or_the_docs_folder(tmp_path: Path) -> None:
    from decisiontree.zensical import Language  # noqa: PLC0415 - the module under test

    config = tmp_path / "mkdocs.yml"
    plugin = {"plugins": ["search", {"decisiontree": {"trees_dir": "trees"}}]}
    hook = {"extra": {"decisiontree": {"trees_dir": "elsewhere"}}}
    assert Language(config, plugin, []).trees_dir == tmp_path / "trees"
    assert Language(config, hook, []).trees_dir == tmp_path / "elsewhere"
    assert Language(config, {"docs_dir": "pages"}, []).trees_dir == tmp_path / "pages"
