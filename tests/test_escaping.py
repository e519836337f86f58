"""Hostile text in a tree reaches the reader as text, never as markup or script.

`fixtures/trees/hostile.tree.yml` puts script tags, event handlers,
`javascript:` URLs, template syntax, quotes, `]]>`, `-->`, bidirectional
and zero-width characters and a 10,000-character label in every plain-text
field (title, question, label, why, outcome, summary). Markdown fields are
trusted, like any page of the site, and hold nothing hostile.

Pages are read with `html.parser` as a browser would read them: `<title>`
outside SVG is raw text (RCDATA), and a `<script>` runs until `</script`.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, make_site, mkdocs

from decisiontree import PageFile, Question, Tree, parse_tree, render_pages

HOSTILE = FIXTURES / "trees" / "hostile.tree.yml"
SOURCE = yaml.safe_load(HOSTILE.read_text(encoding="utf-8"))
CAPTURED = ("dt-title", "dt-question", "dt-answer", "dt-outcome", "dt-summary", "dt-path-why")
"""Classes of the elements whose text is checked against the tree."""
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}
PAYLOAD = re.compile(r"__pwned|alert\(1\)")
FORTY_NINE = re.compile(r"(?<![\w.])49(?![\w.])")


def fold(text: str) -> str:
    return " ".join(text.split())


class Scan(HTMLParser):
    """Elements, scripts and text of an HTML page (or of the HTML in a Markdown page)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.texts: list[str] = []
        self.captured: dict[str, list[str]] = {c: [] for c in CAPTURED}
        self._script: dict[str, str | None] | None = None
        self._script_text: list[str] = []
        self._open: list[tuple[str, str, list[str]]] = []
        self._svg = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag == "svg":
            self._svg += 1
        elif tag == "script":
            self._script, self._script_text = attributes, []
        elif tag in {"title", "textarea"} and not self._svg:
            self.set_cdata_mode(tag)
        classes = (attributes.get("class") or "").split()
        for c in CAPTURED:
            if c in classes:
                self._open.append((tag, c, []))

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._svg -= 1
        elif tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._script_text)))
            self._script = None
        if self._open and self._open[-1][0] == tag:
            _, c, parts = self._open.pop()
            self.captured[c].append(fold("".join(parts)))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)
            return
        self.texts.append(data)
        for _, _, parts in self._open:
            parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.texts)


def split_front_matter(page: PageFile) -> tuple[dict[str, Any], str]:
    _, front, body = page.content.split("---\n", 2)
    return yaml.safe_load(front), body


@pytest.fixture(scope="module")
def tree() -> Tree:
    return parse_tree(HOSTILE.read_bytes(), "hostile.tree.yml", lang="en")


@pytest.fixture(scope="module")
def pages(tree: Tree) -> list[PageFile]:
    return [p for p in render_pages(tree, folder="quiz/hostile") if p.path.endswith(".md")]


def scans(pages: list[PageFile]) -> list[tuple[PageFile, Scan]]:
    return [(page, Scan(split_front_matter(page)[1])) for page in pages]


# -- the fixture --------------------------------------------------------------------


def test_the_hostile_tree_is_what_its_users_expect(tree: Tree) -> None:
    assert tree.start == "first"
    assert len(tree.questions) >= 2
    assert len(tree.outcomes) >= 2
    assert max(tree.analysis.path_count[o.id] for o in tree.outcomes) >= 2
    assert max(len(a.label) for q in tree.questions for a in q.answers) == 10_000
    texts = [tree.title]
    for q in tree.questions:
        texts += [q.question, *(a.label for a in q.answers), *(a.why or "" for a in q.answers)]
    texts += [t for o in tree.outcomes for t in (o.outcome, o.summary)]
    for payload in ("<script>", "</script>", "onerror=", "onload=", "javascript:", "{{ 7*7 }}", "{% if 1 %}"):
        assert any(payload in t for t in texts), payload


# -- engine pages ------------------------------------------------------------------------


def test_no_script_element_but_the_data_island_and_the_script_tag(pages: list[PageFile]) -> None:
    for page, scan in scans(pages):
        kinds = [("json" if a.get("type") == "application/json" else a.get("src")) for a, _ in scan.scripts]
        assert len(kinds) == 2, (page.path, kinds)
        assert kinds[0] == "json", page.path
        assert str(kinds[1]).endswith("assets/decisiontree/decisiontree.js"), page.path
        assert scan.scripts[1][1] == "", page.path


def test_no_attribute_is_an_event_handler(pages: list[PageFile]) -> None:
    for page, scan in scans(pages):
        handlers = [(tag, name) for tag, attrs in scan.elements for name in attrs if name.startswith("on")]
        assert handlers == [], page.path


def test_no_url_is_a_javascript_url(pages: list[PageFile]) -> None:
    for page, scan in scans(pages):
        urls = [v for _, attrs in scan.elements for k, v in attrs.items() if k in URL_ATTRIBUTES and v]
        assert not [u for u in urls if u.strip().lower().startswith("javascript:")], page.path


def test_the_data_island_parses_back_to_the_original_strings(pages: list[PageFile]) -> None:
    expected: dict[str, dict[str, Any]] = {}
    routes: dict[str, list[str]] = {}
    for node_id, node in SOURCE["nodes"].items():
        if "answers" in node:
            expected[node_id] = {"text": fold(node["question"]), "answers": [fold(a["label"]) for a in node["answers"]]}
            routes[node_id] = [a["next"] for a in node["answers"]]
        else:
            expected[node_id] = {"text": fold(node["outcome"])}
    for page, scan in scans(pages):
        (data,) = json.loads(scan.scripts[0][1])
        assert data["graph"]["routes"] == routes, page.path
        if page.node is None:  # the start page: only where answers lead
            assert "nodes" not in data["graph"], page.path
            continue
        shown = {k: {f: v for f, v in node.items() if f != "url"} for k, node in data["graph"]["nodes"].items()}
        assert shown == expected, page.path


def test_plain_texts_reach_the_reader_as_exactly_that_text(tree: Tree, pages: list[PageFile]) -> None:
    whys = {a.why for q in tree.questions for a in q.answers if a.why}
    for page, scan in scans(pages):
        got = scan.captured
        if page.node is None:
            assert got["dt-title"] == [tree.title]
            continue
        node = tree.nodes[page.node]
        if isinstance(node, Question):
            assert got["dt-question"] == [node.question], page.path
            assert got["dt-answer"] == [a.label for a in node.answers], page.path
        else:
            assert got["dt-outcome"] == [node.outcome], page.path
            assert got["dt-summary"] == [node.summary], page.path
            assert set(got["dt-path-why"]) <= whys, page.path


def test_template_syntax_in_a_text_is_not_evaluated(pages: list[PageFile]) -> None:
    for page, scan in scans(pages):
        assert not FORTY_NINE.search(scan.text), page.path
    everything = "".join(scan.text for _, scan in scans(pages))
    assert "{{ 7*7 }}" in everything
    assert "{% if 1 %}x{% endif %}" in everything


def test_front_matter_titles_are_the_plain_text_of_the_tree(tree: Tree, pages: list[PageFile]) -> None:
    """The engine's pages carry plain text; the MkDocs hook escapes titles for Material,
    which prints `page.title` into HTML unescaped (see the built-site tests below)."""
    for page in pages:
        title = split_front_matter(page)[0]["title"]
        assert title == (tree.title if page.node is None else tree.nodes[page.node].text)


# -- a real site ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, Path]:
    root = tmp_path_factory.mktemp("hostile-site")
    make_site(root, {"quiz/hostile.tree.yml": HOSTILE.read_text(encoding="utf-8")}, pages={"guide.md": "# Guide\n"})
    result = mkdocs("build", "--strict", "-d", str(root / "out"), cwd=root)
    return result.returncode, result.stderr, root / "out"


def html_pages(out: Path) -> list[tuple[str, Scan]]:
    return [(p.relative_to(out).as_posix(), Scan(p.read_text(encoding="utf-8"))) for p in sorted(out.rglob("*.html"))]


def test_a_site_with_the_hostile_tree_builds_strictly(site: tuple[int, str, Path]) -> None:
    code, log, out = site
    assert code == 0, log
    first = Scan((out / "quiz" / "hostile" / "first" / "index.html").read_text(encoding="utf-8"))
    assert max(len(label) for label in first.captured["dt-answer"]) == 10_000


def test_the_built_site_has_no_injected_element_or_event_handler(site: tuple[int, str, Path]) -> None:
    code, log, out = site
    assert code == 0, log
    problems = []
    for name, scan in html_pages(out):
        for tag, attrs in scan.elements:
            problems += [f"{name}: <{tag} {k}=...>" for k in attrs if k.startswith("on")]
            problems += [
                f"{name}: <{tag} {k}={v}>"
                for k, v in attrs.items()
                if k in URL_ATTRIBUTES and v and v.strip().lower().startswith("javascript:")
            ]
        for attrs, content in scan.scripts:
            if attrs.get("type") == "application/json":
                json.loads(content)
            elif PAYLOAD.search(str(attrs.get("src") or "") + content):
                problems.append(f"{name}: <script> {content[:60]!r}")
    assert problems == []


def test_the_built_site_does_not_evaluate_template_syntax(site: tuple[int, str, Path]) -> None:
    code, log, out = site
    assert code == 0, log
    for name, scan in html_pages(out):
        if name.startswith("quiz/hostile/"):
            assert not FORTY_NINE.search(scan.text), name
            assert "{{ 7*7 }}" in scan.text, name


def test_search_index_titles_are_html_text(site: tuple[int, str, Path]) -> None:
    code, log, out = site
    assert code == 0, log
    docs = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    raw = [d["title"] for d in docs if d["location"].startswith("quiz/hostile/") and Scan(d["title"]).elements]
    assert raw == []


def test_page_descriptions_are_the_plain_text_of_the_tree(tree: Tree, site: tuple[int, str, Path]) -> None:
    """Material prints a page's `description` into `<meta name="description">` unescaped;
    the hook escapes a question's text and an outcome's summary once, like the title."""
    code, log, out = site
    assert code == 0, log
    for node in tree.nodes.values():
        scan = Scan((out / "quiz" / "hostile" / node.id / "index.html").read_text(encoding="utf-8"))
        meta = [
            attrs.get("content") for tag, attrs in scan.elements if tag == "meta" and attrs.get("name") == "description"
        ]
        assert meta == [node.question if isinstance(node, Question) else node.summary], node.id
