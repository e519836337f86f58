"""Without JavaScript, every answer path is a chain of plain links: proven on the built HTML.

The real site (both languages) is read with an HTML parser. From each tree's
start page, every path the engine lists (`decisiontree paths`) is followed by
its answer links alone and must end on its outcome's page; no link on a tree
page leads to a page the site does not have. Each page is parsed once, so
this costs the number of pages plus the total length of the paths.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from sitewalk import Page, Site

from decisiontree import Tree, load_tree
from decisiontree.export import answer_paths

TREES = sorted((ROOT / "docs" / "en" / "self-assessment").glob("*.tree.yml"))
LANGS = {"en": "/", "nl": "/nl/"}
CASES = [(path, lang) for path in TREES for lang in LANGS]
IDS = [f"{p.name.removesuffix('.tree.yml')}-{lang}" for p, lang in CASES]


@pytest.fixture(scope="module")
def site(real_site: Path) -> Site:
    return Site(real_site)


def start_page(site: Site, tree: Tree, lang: str) -> Page:
    return site.page(f"{LANGS[lang]}self-assessment/{tree.slug}/")


@pytest.mark.parametrize(("tree_file", "lang"), CASES, ids=IDS)
def test_every_listed_path_is_walkable_by_links_and_ends_on_its_outcome(site: Site, tree_file: Path, lang: str) -> None:
    tree = load_tree(tree_file, lang=lang)
    start = start_page(site, tree, lang)
    begin = start.links_with("dt-start")
    assert len(begin) == 1, f"{start.url}: expected one start link, found {len(begin)}"
    first = site.follow(start, begin[0])
    walked = 0
    for path in answer_paths(tree):
        page, trail = first, []
        for question, answer in path.steps:
            assert page.h1 == question.question, f"{' → '.join(trail) or 'start'}: on {page.url}, not '{question.id}'"
            trail.append(f"{question.id}:{answer.index}")
            links = [a for a in page.links_with("dt-answer") if a.attrs.get("data-answer") == str(answer.index)]
            assert len(links) == 1, f"{page.url}: expected one link for answer {answer.index}, found {len(links)}"
            page = site.follow(page, links[0])
        assert page.url.endswith(f"/{tree.slug}/{path.outcome.id}/"), f"{' → '.join(trail)} ends on {page.url}"
        assert page.h1 == path.outcome.outcome
        walked += 1
    assert walked == tree.analysis.answer_paths


@pytest.mark.parametrize(("tree_file", "lang"), CASES, ids=IDS)
def test_no_link_on_a_tree_page_leads_to_a_missing_page(
    real_site: Path, site: Site, tree_file: Path, lang: str
) -> None:
    tree = load_tree(tree_file, lang=lang)
    folder = real_site / LANGS[lang].strip("/") / "self-assessment" / tree.slug
    pages = sorted(folder.rglob("index.html"))
    assert len(pages) == len(tree.nodes) + 1
    missing = []
    for file in pages:
        page = site.page("/" + file.parent.relative_to(real_site).as_posix() + "/")
        for link in page.links:
            target = site.resolve(page.url, link.href)
            if target is not None and site.file_for(target) is None:
                missing.append(f"{page.url}: {link.href}")
    assert missing == []


@pytest.mark.parametrize(("tree_file", "lang"), CASES, ids=IDS)
def test_every_tree_page_marks_itself_and_nothing_else_on_its_chart(site: Site, tree_file: Path, lang: str) -> None:
    """Without the script, the chart still shows where the reader is: the page's node, once."""
    tree = load_tree(tree_file, lang=lang)
    wrong = {}
    for node in tree.nodes:
        page = site.page(f"{LANGS[lang]}self-assessment/{tree.slug}/{node}/")
        marked = [a.attrs.get("data-node") for a in page.links_with("dt-node") if a.attrs.get("aria-current") == "page"]
        if marked != [node]:
            wrong[node] = marked
    assert wrong == {}


def test_the_link_walk_notices_a_missing_answer_link_and_a_dead_end(tmp_path: Path) -> None:
    """The walker itself: a page without the answer's link, and a link to no page, are both found."""
    (tmp_path / "q").mkdir()
    (tmp_path / "index.html").write_text('<h1>Start</h1><a class="dt-start" href="q/">Go</a>', encoding="utf-8")
    (tmp_path / "q" / "index.html").write_text(
        '<h1>Q</h1><a class="dt-answer" data-answer="1" href="../gone/">Yes</a>', encoding="utf-8"
    )
    site = Site(tmp_path)
    start = site.page("/")
    question = site.follow(start, start.links_with("dt-start")[0])
    assert question.h1 == "Q"
    assert [a for a in question.links_with("dt-answer") if a.attrs["data-answer"] == "2"] == []
    with pytest.raises(LookupError, match="no page at /gone/"):
        site.follow(question, question.links_with("dt-answer")[0])
