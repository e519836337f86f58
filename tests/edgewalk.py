"""Click every answer of a tree once in a real browser: an edge cover, not every path.

A depth-first walk from the start page: on each question not seen before,
every answer is clicked in turn and the browser's Back button returns to the
question between siblings. An answer that leads to an outcome, or to a
question already walked, is checked where it lands and not followed further.
So each answer is clicked exactly once, and the walk makes at most
2 × answers + 2 navigations, however many paths the tree has; every path is
proven walkable by links without the browser (tests/test_static_paths.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from decisiontree import Tree
from decisiontree.graph import Step


@dataclass
class Navigations:
    """Counts the main frame's navigations, instant (history API) ones included.

    Material's instant navigation pushes the new URL and then replaces it
    with itself (to keep the scroll position), and Chromium reports both: a
    report of the URL the frame already shows is not a navigation.
    """

    count: int = 0
    urls: list[str] = field(default_factory=list)

    def attach(self, page: Any) -> None:
        def navigated(frame: Any) -> None:
            if frame == page.main_frame and (not self.urls or self.urls[-1] != frame.url):
                self.count += 1
                self.urls.append(frame.url)

        page.on("framenavigated", navigated)


def navigation_budget(tree: Tree) -> int:
    """What the walk may cost: twice the answers and outcomes (the test-suite rule)."""
    answers = sum(len(q.answers) for q in tree.questions)
    return 2 * (answers + len(tree.outcomes))


def walk_every_answer(
    page: Any,
    start_url: str,
    tree: Tree,
    arrived: Callable[[str, tuple[Step, ...]], None],
    returned: Callable[[str, Step], None] | None = None,
    *,
    instant: bool = True,
) -> list[Step]:
    """Clicks every answer once; calls `arrived(node, path)` where each click lands.

    `returned(question, step)` is called after each Back, on the question
    again. Returns the answers clicked, in order. With `instant` (Material's
    instant navigation on), the whole walk must happen in the one document
    the start page loaded: a click or a Back that reloads the page fails.
    """
    slug = tree.slug
    page.goto(start_url)
    page.evaluate("sessionStorage.clear(); window.__edgewalk = true")
    page.click("a.dt-start")
    page.wait_for_url(f"**/{slug}/{tree.start}/")
    arrived(tree.start, ())
    walked: set[str] = set()
    clicked: list[Step] = []
    # The walk keeps its own stack instead of recursing: a tree may be deep.
    stack: list[tuple[str, tuple[Step, ...], int]] = [(tree.start, (), 0)]
    walked.add(tree.start)
    while stack:
        node, path, i = stack[-1]
        answers = tree.question(node).answers
        if i == len(answers):
            stack.pop()
            if stack:
                page.go_back()
                page.wait_for_url(f"**/{slug}/{stack[-1][0]}/")
                if returned:
                    returned(stack[-1][0], path[-1])
            continue
        stack[-1] = (node, path, i + 1)
        answer = answers[i]
        step = Step(node, answer.index)
        page.click(f'a.dt-answer[data-answer="{answer.index}"]')
        page.wait_for_url(f"**/{slug}/{answer.next}/")
        clicked.append(step)
        arrived(answer.next, (*path, step))
        if tree.nodes[answer.next].is_question and answer.next not in walked:
            walked.add(answer.next)
            stack.append((answer.next, (*path, step), 0))
            continue
        page.go_back()
        page.wait_for_url(f"**/{slug}/{node}/")
        if returned:
            returned(node, step)
    if instant:
        assert page.evaluate("window.__edgewalk") is True, "a click or Back reloaded the page: no instant navigation"
    return clicked


# -- what each click should show, for the walks above ------------------------------------------------


def expected_record(tree: Tree, path: tuple[Step, ...]) -> list[tuple[str, str]]:
    return [(tree.question(s.question).question, tree.question(s.question).answers[s.answer - 1].label) for s in path]


_ARRIVAL = """([node, outcome]) => {
  const here = document.querySelector('a.dt-node[aria-current="page"][data-node="' + node + '"]');
  if (!here || !here.classList.contains("dt-taken")) return null;
  if (outcome && !document.querySelector(".dt-record:not([hidden])")) return null;
  const edges = (sel) => [...document.querySelectorAll(sel)].map((e) => [e.dataset.from, Number(e.dataset.answer)]);
  const texts = (sel) => [...document.querySelectorAll(sel)].map((e) => e.innerText);
  return {
    h1: document.querySelector("h1").innerText,
    drawn: edges(".dt-edge"),
    taken: edges(".dt-edge.dt-taken"),
    questions: texts(".dt-record-answers dt"),
    answers: texts(".dt-record-answers .dt-record-answer"),
  };
}"""
"""What the script shows once it has marked `node` as the page it is on (and, on an outcome, the record)."""


def check_arrival(page: Any, tree: Tree, node: str, path: tuple[Step, ...]) -> None:
    """Where a click lands: that node's page, the path so far marked, and on an outcome the record."""
    outcome = not tree.nodes[node].is_question
    shown = page.wait_for_function(_ARRIVAL, arg=[node, outcome]).json_value()
    assert shown["h1"] == tree.nodes[node].text
    assert {(a, b) for a, b in shown["taken"]} == {(s.question, s.answer) for s in path} & {
        (a, b) for a, b in shown["drawn"]
    }
    if outcome:
        assert list(zip(shown["questions"], shown["answers"], strict=True)) == expected_record(tree, path)


def check_return(page: Any, question: str, step: Step) -> None:
    """After Back, the question is there again with the answer just given marked."""
    page.wait_for_function(
        """([node, answer]) => document.querySelector('a.dt-node[aria-current="page"][data-node="' + node + '"]')
            && [...document.querySelectorAll("a.dt-answer--previous")].map((a) => a.dataset.answer).join() === answer""",
        arg=[question, str(step.answer)],
    )


def follow_without_script(page: Any, start_url: str, tree: Tree, path: tuple[Step, ...]) -> list[str]:
    """With JavaScript off: click `path` from the start page, checking every page on the way.

    Each page has its node's heading, every answer link visible, and the
    chart marking this page and no other. Returns the nodes visited. (That
    every path is a chain of links is proven on the HTML, for every path,
    in test_static_paths; this shows the pages work as pages in a browser.)
    """
    page.goto(start_url)
    page.click("a.dt-start")
    visited = []
    node = tree.start
    for step in (*path, None):
        page.wait_for_url(f"**/{tree.slug}/{node}/")
        assert page.locator("h1").inner_text() == tree.nodes[node].text
        assert page.locator('a.dt-node[aria-current="page"]').evaluate_all("els => els.map(e => e.dataset.node)") == [
            node
        ]
        if tree.nodes[node].is_question:
            answers = page.locator("a.dt-answer")
            assert answers.count() == len(tree.question(node).answers)
            assert all(answers.nth(i).is_visible() for i in range(answers.count()))
        visited.append(node)
        if step is None:
            break
        page.click(f'a.dt-answer[data-answer="{step.answer}"]')
        node = tree.question(node).answers[step.answer - 1].next
    return visited
