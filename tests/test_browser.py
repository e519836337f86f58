"""The real site in a real headless Chromium: every answer, the script's features,
JavaScript off, no foreign requests, no console errors, axe-core clean."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from browser import axe_source, axe_violations, serve
from conftest import ROOT, mkdocs
from edgewalk import (
    Navigations,
    check_arrival,
    check_return,
    expected_record,
    follow_without_script,
    navigation_budget,
    walk_every_answer,
)

from decisiontree import Tree, load_tree
from decisiontree.graph import Step

pytestmark = pytest.mark.browser

TREES = sorted((ROOT / "docs" / "en" / "self-assessment").glob("*.tree.yml"))
LANGS = {"en": "", "nl": "nl/"}


def tree_id(path: Path) -> str:
    return path.name.removesuffix(".tree.yml")


@pytest.fixture(scope="session")
def site(real_site: Path) -> Iterator[str]:
    with serve(real_site) as base:
        yield base


@pytest.fixture(scope="session")
def site_without_instant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The English site built with Material's instant navigation turned off."""
    folder = tmp_path_factory.mktemp("no-instant")
    config = folder / "mkdocs.yml"
    config.write_text(
        textwrap.dedent(
            f"""\
            INHERIT: {ROOT / "mkdocs.yml"}
            docs_dir: {ROOT / "docs" / "en"}
            hooks: [{ROOT / "hooks" / "trees.py"}, {ROOT / "hooks" / "accessibility.py"}]
            theme:
              custom_dir: {ROOT / "overrides"}
              features: [navigation.sections, navigation.footer]
            extra:
              alternate: []
              decisiontree:
                trees_dir: {ROOT / "docs" / "en"}
            """
        ),
        encoding="utf-8",
    )
    result = mkdocs("build", "--strict", "-f", str(config), "-d", str(folder / "site"), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    with serve(folder / "site") as base:
        yield base


def model(path: Path, lang: str) -> Tree:
    return load_tree(path, lang=lang)


def all_paths(tree: Tree) -> list[tuple[str, tuple[Step, ...]]]:
    found = []
    for outcome in tree.outcomes:
        for path in tree.analysis.paths_to(outcome.id, limit=10_000):
            found.append((outcome.id, path))
    return found


def start_url(base: str, lang: str, tree: str) -> str:
    return f"{base}{LANGS[lang]}self-assessment/{tree}/"


def walk(page: Any, base: str, lang: str, tree: Tree, path: tuple[Step, ...]) -> None:
    page.goto(start_url(base, lang, tree.slug))
    page.evaluate("sessionStorage.clear()")
    page.click("a.dt-start")
    for step in path:
        page.wait_for_url(f"**/{tree.slug}/{step.question}/")
        # Instant navigation changes the address before it swaps the content:
        # click only once the page in the document is the question's own.
        page.wait_for_selector(f'a.dt-node[aria-current="page"][data-node="{step.question}"]', state="attached")
        page.click(f'a.dt-answer[data-answer="{step.answer}"]')


def recorded(page: Any) -> list[tuple[str, str]]:
    page.wait_for_selector(".dt-record:not([hidden])")
    questions = page.locator(".dt-record-answers dt").all_inner_texts()
    answers = page.locator(".dt-record-answers .dt-record-answer").all_inner_texts()
    return list(zip(questions, answers, strict=True))


def chart_edges(page: Any) -> set[tuple[str, int]]:
    """The answers drawn on this page's chart (all of them, or a node's neighbourhood)."""
    edges = page.locator(".dt-edge").evaluate_all("els => els.map(e => [e.dataset.from, Number(e.dataset.answer)])")
    return {(a, b) for a, b in edges}


def taken_edges(page: Any) -> set[tuple[str, int]]:
    edges = page.locator(".dt-edge.dt-taken").evaluate_all(
        "els => els.map(e => [e.dataset.from, Number(e.dataset.answer)])"
    )
    return {(a, b) for a, b in edges}


CASES = [(path, lang) for path in TREES for lang in LANGS]
PHONE = {"width": 360, "height": 740}
CASE_IDS = [f"{tree_id(p)}-{lang}" for p, lang in CASES]


@pytest.mark.parametrize(("tree_file", "lang"), CASES, ids=CASE_IDS)
def test_every_answer_is_clicked_once_and_lands_where_the_tree_says(
    watch_page: Any, site: str, tree_file: Path, lang: str
) -> None:
    """An edge cover: every answer clicked once, Back between siblings (tests/edgewalk.py).

    Where a click lands, the page shows that node, the chart marks the path
    taken so far, and an outcome lists exactly the answers given. The walk
    costs at most 2 × (answers + outcomes) navigations, whatever the number
    of paths: every path is proven walkable by links in test_static_paths.

    The walk runs on a phone-sized screen, so it also proves that no page
    of the tree scrolls sideways at 360 px (every node has an answer leading
    to it); requests off 127.0.0.1 and console errors fail in the fixture.
    """
    tree = model(tree_file, lang)
    page, _ = watch_page(site, viewport=PHONE)
    navigations = Navigations()
    navigations.attach(page)
    wide: list[str] = []

    def arrived(node: str, path: tuple[Step, ...]) -> None:
        check_arrival(page, tree, node, path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide.append(f"{node}: {width}px")

    clicked = walk_every_answer(
        page,
        start_url(site, lang, tree.slug),
        tree,
        arrived,
        lambda question, step: check_return(page, question, step),
    )
    assert wide == []
    assert sorted(clicked, key=lambda s: (s.question, s.answer)) == sorted(
        (Step(q.id, a.index) for q in tree.questions for a in q.answers), key=lambda s: (s.question, s.answer)
    )
    assert navigations.count <= navigation_budget(tree), navigations.urls


@pytest.mark.exhaustive
@pytest.mark.parametrize(("tree_file", "lang"), CASES, ids=CASE_IDS)
def test_every_path_leads_to_its_outcome_with_answers_and_highlight(
    watch_page: Any, site: str, tree_file: Path, lang: str
) -> None:
    """For a release (make test-exhaustive): every path clicked through, depth first."""
    tree = model(tree_file, lang)
    page, _ = watch_page(site)
    page.goto(start_url(site, lang, tree.slug))
    page.click("a.dt-start")
    walked: list[tuple[Step, ...]] = []

    def visit(node: str, path: tuple[Step, ...]) -> None:
        page.wait_for_url(f"**/{tree.slug}/{node}/")
        if not tree.nodes[node].is_question:
            check_arrival(page, tree, node, path)
            walked.append(path)
            return
        for answer in tree.question(node).answers:
            page.click(f'a.dt-answer[data-answer="{answer.index}"]')
            visit(answer.next, (*path, Step(node, answer.index)))
            page.go_back()
            page.wait_for_url(f"**/{tree.slug}/{node}/")

    visit(tree.start, ())
    assert len(walked) == tree.analysis.answer_paths


def _path_with_a_kept_answer(tree: Tree) -> tuple[tuple[Step, ...], int, int, dict[str, int]]:
    """A path, a step to change, the new answer, and the answers that should remain."""
    for _, path in all_paths(tree):
        answers = {s.question: s.answer for s in path}
        for k, step in enumerate(path[:-1]):
            for other in tree.question(step.question).answers:
                if other.index == step.answer:
                    continue
                changed = {**answers, step.question: other.index}
                kept = _walk(tree, changed)
                later_kept = [q for q in kept if q in answers and path.index(Step(q, answers[q])) > k]
                if later_kept and tree.nodes[_end(tree, kept)].is_question is False:
                    return path, k, other.index, kept
    pytest.skip("no path where a change keeps a later answer")


def _walk(tree: Tree, answers: dict[str, int]) -> dict[str, int]:
    kept: dict[str, int] = {}
    node = tree.start
    while node in answers and tree.nodes[node].is_question:
        kept[node] = answers[node]
        node = tree.question(node).answers[answers[node] - 1].next
    return kept


def _end(tree: Tree, answers: dict[str, int]) -> str:
    node = tree.start
    while node in answers:
        node = tree.question(node).answers[answers[node] - 1].next
    return node


def test_changing_an_answer_keeps_the_later_answers_that_still_apply(watch_page: Any, site: str) -> None:
    tree = model(TREES[-1], "en") if tree_id(TREES[-1]) == "vendor-or-consultant" else model(TREES[0], "en")
    path, k, new, kept = _path_with_a_kept_answer(tree)
    page, _ = watch_page(site)
    walk(page, site, "en", tree, path)
    changed = path[k].question
    page.click(f'a.dt-change[data-change="{changed}"]')
    page.wait_for_url(f"**/{tree.slug}/{changed}/?change=1")
    assert page.locator("a.dt-answer--previous").get_attribute("data-answer") == str(path[k].answer)
    page.click(f'a.dt-answer[data-answer="{new}"]')
    from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: PLC0415 - as in conftest

    end = _end(tree, kept)
    try:
        page.wait_for_url(f"**/{tree.slug}/{end}/")
    except PlaywrightTimeout:
        raise AssertionError(
            f"changing {changed} to answer {new} should lead to {end}; the page is at {page.url}"
        ) from None
    steps = tuple(Step(q, a) for q, a in kept.items())
    assert recorded(page) == expected_record(tree, steps)
    dropped = {s.question for s in path} - set(kept)
    shown = {q for q, _ in recorded(page)}
    assert not {tree.question(q).question for q in dropped} & shown


def test_a_shared_link_reproduces_the_outcome_in_a_fresh_browser(watch_page: Any, site: str) -> None:
    tree = model(TREES[0], "en")
    outcome, path = all_paths(tree)[-1]
    page, _ = watch_page(site)
    walk(page, site, "en", tree, path)
    page.wait_for_url(f"**/{outcome}/")
    link = page.locator("input.dt-share-url").input_value()
    query = parse_qs(urlsplit(link).query)
    assert query["a"] == [",".join(f"{s.question}:{s.answer}" for s in path)]
    assert query["v"] == [tree.version]
    fresh, _ = watch_page(site)
    fresh.goto(link)
    assert recorded(fresh) == expected_record(tree, path)
    assert taken_edges(fresh) == {(s.question, s.answer) for s in path} & chart_edges(fresh)
    fresh.goto(start_url(site, "en", tree.slug))  # the whole chart shows the whole path
    fresh.wait_for_selector(".dt-edge.dt-taken")
    assert taken_edges(fresh) == {(s.question, s.answer) for s in path}


def test_a_shared_link_works_in_the_other_language(watch_page: Any, site: str) -> None:
    tree = model(TREES[0], "nl")
    outcome, path = all_paths(tree)[0]
    query = ",".join(f"{s.question}:{s.answer}" for s in path)
    page, _ = watch_page(site)
    page.goto(f"{start_url(site, 'nl', tree.slug)}{outcome}/?a={query}&v={tree.version}")
    assert recorded(page) == expected_record(tree, path)


def test_a_link_from_an_older_tree_says_so(watch_page: Any, site: str) -> None:
    tree = model(TREES[0], "en")
    outcome, path = all_paths(tree)[0]
    query = ",".join(f"{s.question}:{s.answer}" for s in path)
    page, _ = watch_page(site)
    page.goto(f"{start_url(site, 'en', tree.slug)}{outcome}/?a={query}&v=00000000")
    notice = page.locator(".dt-notice")
    notice.wait_for()
    assert "earlier version" in notice.inner_text()
    assert page.locator(".dt-record").is_hidden()


@pytest.mark.parametrize("garbage", ["zzz", "first:9", "%3Cscript%3E:1", ",,,", "a:1,a:1"])
def test_a_garbled_link_gives_a_notice_and_no_error(watch_page: Any, site: str, garbage: str) -> None:
    tree = model(TREES[0], "en")
    outcome = tree.outcomes[0].id
    page, _ = watch_page(site)
    page.goto(f"{start_url(site, 'en', tree.slug)}{outcome}/?a={garbage}&v={tree.version}")
    notice = page.locator(".dt-notice")
    notice.wait_for()
    assert "could not be read" in notice.inner_text()
    assert page.locator(".dt-record").is_hidden()


def test_the_back_button_returns_to_the_previous_question_with_its_answer_marked(watch_page: Any, site: str) -> None:
    tree = model(TREES[0], "en")
    _, path = max(all_paths(tree), key=lambda p: len(p[1]))
    page, _ = watch_page(site)
    page.goto(start_url(site, "en", tree.slug))
    page.click("a.dt-start")
    for step in path:
        page.wait_for_url(f"**/{step.question}/")
        page.click(f'a.dt-answer[data-answer="{step.answer}"]')
        # Back only once the next page is there: going back while the click's
        # navigation is still being committed can hit a page being replaced.
        page.wait_for_url(f"**/{tree.question(step.question).answers[step.answer - 1].next}/")
        page.wait_for_load_state()
        page.go_back()
        page.wait_for_url(f"**/{step.question}/")
        page.wait_for_selector("a.dt-answer--previous")
        assert page.locator("a.dt-answer--previous").get_attribute("data-answer") == str(step.answer)
        page.go_forward()
        page.wait_for_load_state()
    assert recorded(page) == expected_record(tree, path)


def test_start_again_clears_the_answers(watch_page: Any, site: str) -> None:
    tree = model(TREES[0], "en")
    outcome, path = all_paths(tree)[0]
    page, _ = watch_page(site)
    walk(page, site, "en", tree, path)
    page.wait_for_url(f"**/{outcome}/")
    recorded(page)
    page.click("a.dt-restart")
    page.wait_for_url(f"**/{tree.slug}/")
    page.goto(f"{start_url(site, 'en', tree.slug)}{outcome}/")
    page.wait_for_load_state("load")
    assert page.locator(".dt-record").is_hidden()
    assert page.locator(".dt-edge.dt-taken").count() == 0


def test_focus_moves_to_the_new_heading_after_each_step(watch_page: Any, site: str) -> None:
    tree = model(TREES[0], "en")
    _, path = all_paths(tree)[0]
    page, _ = watch_page(site)
    page.goto(start_url(site, "en", tree.slug))
    page.click("a.dt-start")
    for step in path:
        page.wait_for_url(f"**/{step.question}/")
        page.wait_for_function("document.activeElement && document.activeElement.tagName === 'H1'")
        page.keyboard.press("Tab")  # keyboard: the answers come next
        page.focus(f'a.dt-answer[data-answer="{step.answer}"]')
        page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.tagName === 'H1'")


@pytest.mark.parametrize("lang", list(LANGS))
def test_without_javascript_the_longest_path_of_each_tree_can_be_clicked(watch_page: Any, site: str, lang: str) -> None:
    """Every path is proven to be a chain of links on the HTML (test_static_paths);
    here the pages are used as pages, with the script off, in a browser."""
    page, _ = watch_page(site, java_script_enabled=False)
    for tree_file in TREES:
        tree = model(tree_file, lang)
        _, path = max(all_paths(tree), key=lambda p: len(p[1]))
        visited = follow_without_script(page, start_url(site, lang, tree.slug), tree, path)
        assert len(visited) == len(path) + 1
        assert not tree.nodes[visited[-1]].is_question


def test_the_self_assessment_works_without_instant_navigation(watch_page: Any, site_without_instant: str) -> None:
    tree = model(TREES[0], "en")
    outcome, path = all_paths(tree)[-1]
    page, _ = watch_page(site_without_instant)
    walk(page, site_without_instant, "en", tree, path)
    page.wait_for_url(f"**/{outcome}/")
    assert recorded(page) == expected_record(tree, path)
    assert page.evaluate("window.__decisiontree") is True


def _pages(site_dir: Path) -> list[str]:
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("index.html"))


@pytest.mark.parametrize("lang", list(LANGS))
def test_no_page_asks_another_host_logs_an_error_or_scrolls_sideways_at_360_px(
    watch_page: Any, site: str, real_site: Path, lang: str
) -> None:
    """Every page of a language on a phone-sized screen: a wide page, a request
    off 127.0.0.1 or a console error fails (the fixture checks the last two).
    The question and outcome pages of the trees are checked the same way by
    the edge walk above, which lands on every one of them at this size."""
    page, watch = watch_page(site, viewport=PHONE)
    nodes = {f"self-assessment/{model(t, 'en').slug}/{n}/" for t in TREES for n in model(t, "en").nodes}
    pages = [
        rel
        for rel in _pages(real_site)
        if rel.startswith("nl/") == (lang == "nl") and rel.removeprefix("nl/").removesuffix("index.html") not in nodes
    ]
    assert len(pages) > 10
    wide = []
    for rel in pages:
        page.goto(site + rel.removesuffix("index.html"))
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide.append(f"{rel}: {width}px")
    page.wait_for_load_state("networkidle")
    assert wide == []
    assert watch.foreign() == []
    assert watch.errors == []


def _a11y_pages(lang: str) -> list[str]:
    """Each kind of page: home, guide pages (tables, notes), every tree's start page, a question, an outcome."""
    tree = model(TREES[0], "en")
    question = tree.questions[1].id if len(tree.questions) > 1 else tree.start
    outcome = tree.outcomes[0].id
    pages = ["", "guide/differences/", "guide/set-the-terms/"]
    pages += [f"self-assessment/{tree_id(p)}/" for p in TREES]
    pages += [f"self-assessment/{tree.slug}/{question}/", f"self-assessment/{tree.slug}/{outcome}/"]
    return [LANGS[lang] + p for p in pages]


@pytest.fixture(scope="module")
def axe() -> str:
    return axe_source()


@pytest.mark.parametrize(("scheme", "lang"), [("light", "en"), ("dark", "en"), ("light", "nl")])
def test_axe_finds_no_wcag_violations(watch_page: Any, site: str, axe: str, scheme: str, lang: str) -> None:
    """Every kind of page in both schemes, and in Dutch once more (the Dutch
    pages are the same templates in the same colours, with other words)."""
    page, _ = watch_page(site, color_scheme=scheme)
    problems = []
    for rel in _a11y_pages(lang):
        page.goto(site + rel)
        problems += [f"{rel} ({scheme}): {line}" for line in axe_violations(page, axe)]
    assert problems == []


def test_an_outcome_page_with_answers_is_axe_clean(watch_page: Any, site: str, axe: str) -> None:
    tree = model(TREES[0], "en")
    outcome, path = all_paths(tree)[0]
    for scheme in ("light", "dark"):
        page, _ = watch_page(site, color_scheme=scheme)
        walk(page, site, "en", tree, path)
        page.wait_for_url(f"**/{outcome}/")
        recorded(page)
        assert axe_violations(page, axe) == []


def test_the_language_switcher_goes_to_the_same_page(watch_page: Any, site: str) -> None:
    page, _ = watch_page(site)
    tree = model(TREES[0], "en")
    outcome = tree.outcomes[0].id
    for rel in [
        "",
        "guide/respect/",
        f"self-assessment/{tree.slug}/{tree.start}/",
        f"self-assessment/{tree.slug}/{outcome}/",
    ]:
        for here, there, target in (("", "nl/", "nl"), ("nl/", "", "en")):
            page.goto(site + here + rel)
            href = page.locator(f'a.md-select__link[hreflang="{target}"]').evaluate("a => a.href")
            assert href == site + there + rel


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Tree]]:
    from conftest import FIXTURES, make_site  # noqa: PLC0415

    source = FIXTURES / "trees" / "hostile.tree.yml"
    root = make_site(tmp_path_factory.mktemp("hostile"), {"quiz/hostile.tree.yml": source.read_text(encoding="utf-8")})
    result = mkdocs("build", "--strict", "-d", str(root / "out"), cwd=root)
    assert result.returncode == 0, result.stderr
    with serve(root / "out") as base:
        yield base, load_tree(source, lang="en")


def test_hostile_tree_texts_run_nothing_and_reach_the_reader_as_text(
    watch_page: Any, hostile_site: tuple[str, Tree]
) -> None:
    base, tree = hostile_site
    page, watch = watch_page(base)
    folder = f"{base}quiz/hostile/"
    for node in ["", *tree.nodes]:
        page.goto(folder + (f"{node}/" if node else ""))
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__pwned") is None
        heading = page.locator("h1").inner_text()
        assert heading == (tree.nodes[node].text if node else tree.title)
    outcome, path = all_paths(tree)[0]
    page.goto(folder)
    page.evaluate("sessionStorage.clear()")
    page.click("a.dt-start")
    for step in path:
        page.wait_for_url(f"**/{step.question}/")
        page.click(f'a.dt-answer[data-answer="{step.answer}"]')
    page.wait_for_url(f"**/{outcome}/")
    assert recorded(page) == expected_record(tree, path)
    assert page.evaluate("window.__pwned") is None
    assert watch.dialogs == []
