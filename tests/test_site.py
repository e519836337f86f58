"""Real `mkdocs build` runs of small fixture sites using the project's hook."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, make_site, mkdocs

from decisiontree.pages import CHART_SLOT

EXAMPLE = (FIXTURES / "trees" / "example.tree.yml").read_text(encoding="utf-8")
GUIDE = {"guide.md": "# Guide\n\n## Spec\n\nText.\n"}


def build(root: Path, *extra: str) -> tuple[int, str, Path]:
    out = root / "out"
    result = mkdocs("build", "--strict", "-d", str(out), *extra, cwd=root)
    return result.returncode, result.stderr, out


def test_a_tree_becomes_a_start_page_and_a_page_per_node(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"quiz/example.tree.yml": EXAMPLE}, pages=GUIDE)
    code, log, out = build(site)
    assert code == 0, log
    folder = out / "quiz" / "example"
    assert sorted(p.name for p in folder.iterdir() if p.is_dir()) == [
        "consultant",
        "first",
        "second",
        "third",
        "vendor",
    ]
    assert (folder / "index.html").is_file()
    start = (folder / "index.html").read_text(encoding="utf-8")
    assert '<h1 class="dt-title">Example</h1>' in start
    assert 'href="first/"' in start
    question = (folder / "first" / "index.html").read_text(encoding="utf-8")
    assert "<title>Who sets the specification? - Test</title>" in question
    assert '<a class="dt-answer" href="../second/" data-answer="1">The client</a>' in question
    for page in (start, question):  # the hook puts the chart in after Markdown
        assert page.count('id="dt-chart"') == 1
        assert page.split('class="md-content"', 1)[1].count('<figure class="dt-chart') == 1
        assert CHART_SLOT not in page


def test_the_tree_file_is_not_published(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"quiz/example.tree.yml": EXAMPLE}, pages=GUIDE)
    code, log, out = build(site)
    assert code == 0, log
    assert not list(out.rglob("*.tree.yml"))


def test_start_page_is_in_the_nav_and_node_pages_are_not(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"quiz/example.tree.yml": EXAMPLE}, pages=GUIDE)
    code, log, out = build(site)
    assert code == 0, log
    nav = (out / "guide" / "index.html").read_text(encoding="utf-8").split('class="md-content"')[0]
    assert 'href="../quiz/example/"' in nav
    assert "quiz/example/first/" not in nav


def test_help_links_are_written_relative_to_the_tree_file(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"quiz/example.tree.yml": EXAMPLE}, pages=GUIDE)
    code, log, out = build(site)
    assert code == 0, log
    question = (out / "quiz" / "example" / "first" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../../guide/#spec"' in question
    start = (out / "quiz" / "example" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../guide/"' in start


def test_a_broken_link_in_tree_markdown_fails_the_build_in_the_tree_file(tmp_path: Path) -> None:
    site = make_site(
        tmp_path, {"quiz/example.tree.yml": EXAMPLE.replace("../guide.md#spec", "../gide.md")}, pages=GUIDE
    )
    result = mkdocs("build", "-d", str(tmp_path / "out"), cwd=site)  # not --strict: it is a tree error
    assert result.returncode == 1
    assert (
        "docs/quiz/example.tree.yml:8:23: node 'first', field 'help': link '../gide.md': there is no file docs/gide.md"
    ) in result.stderr
    assert "Traceback" not in result.stderr


def test_a_broken_anchor_in_tree_help_fails_the_build_in_the_tree_file(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"quiz/example.tree.yml": EXAMPLE.replace("#spec", "#nowhere")}, pages=GUIDE)
    code, log, _ = build(site)
    assert code == 1
    assert (
        "docs/quiz/example.tree.yml:8:23: node 'first', field 'help': link '../guide.md#nowhere': "
        "no heading with the anchor 'nowhere' in docs/guide.md"
    ) in log


def test_broken_trees_fail_the_build_with_the_check_lines_and_no_traceback(tmp_path: Path) -> None:
    # Fixtures that name `check` options (`# check: --lang de`) test the command line, not the build.
    broken = [p for p in sorted((FIXTURES / "broken").glob("*.tree.yml")) if not p.read_bytes().startswith(b"# check:")]
    trees = {f"broken/{p.name}": p.read_bytes() for p in broken}
    trees |= {f"broken/{p.name}": p.read_bytes() for p in sorted((FIXTURES / "broken").glob("*.scenarios.yml"))}
    site = make_site(tmp_path, {}, pages=GUIDE)
    for name, data in trees.items():
        (site / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (site / "docs" / name).write_bytes(data)
    result = mkdocs("build", "-d", str(tmp_path / "out"), cwd=site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for path in broken:
        expected = path.with_name(path.name.removesuffix(".tree.yml") + ".expected").read_text(encoding="utf-8")
        for line in expected.splitlines():
            assert f"docs/broken/{line}" in result.stderr, line
    assert not (tmp_path / "out" / "index.html").exists(), "nothing half-built"


def test_a_tree_text_missing_the_site_language_is_an_error(tmp_path: Path) -> None:
    tree = EXAMPLE.replace("question: Who sets the specification?", 'question: {en: "Who sets the specification?"}')
    site = make_site(
        tmp_path, {"quiz/example.tree.yml": tree}, pages=GUIDE, config="theme:\n  name: material\n  language: nl\n"
    )
    code, log, _ = build(site)
    assert code == 1
    assert (
        "docs/quiz/example.tree.yml:7:15: node 'first', field 'question': has no 'nl' text "
        "(the site is built in 'nl'; found: en)"
    ) in log


TEXT_FIELDS = {"title", "intro", "question", "help", "label", "why", "outcome", "summary", "body"}


def both_languages(tree: str) -> str:
    """The tree with every plain text given for en and nl alike: a plain text in a
    two-language tree is a warning, and the test builds are strict."""
    data = yaml.safe_load(tree)

    def translate(item: Any) -> Any:
        if isinstance(item, dict):
            return {
                k: {"en": v, "nl": v} if k in TEXT_FIELDS and isinstance(v, str) else translate(v)
                for k, v in item.items()
            }
        if isinstance(item, list):
            return [translate(v) for v in item]
        return item

    return yaml.safe_dump(translate(data), allow_unicode=True, sort_keys=False)


def test_texts_follow_the_theme_language(tmp_path: Path) -> None:
    tree = EXAMPLE.replace(
        "question: Who sets the specification?", 'question: {en: "Who sets it?", nl: "Wie bepaalt het?"}'
    )
    tree = both_languages(tree)
    site = make_site(
        tmp_path, {"quiz/example.tree.yml": tree}, pages=GUIDE, config="theme:\n  name: material\n  language: nl\n"
    )
    code, log, out = build(site)
    assert code == 0, log
    page = (out / "quiz" / "example" / "first" / "index.html").read_text(encoding="utf-8")
    assert "Wie bepaalt het?" in page
    assert "Opnieuw beginnen" in page
    assert "Start again" not in page


def test_search_indexes_the_generated_pages(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"quiz/example.tree.yml": EXAMPLE}, pages=GUIDE)
    code, log, out = build(site)
    assert code == 0, log
    index = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert "quiz/example/first/" in locations
    assert "quiz/example/consultant/" in locations


def test_edit_this_page_points_at_the_tree_file(tmp_path: Path) -> None:
    config = "repo_url: https://example.org/repo\nedit_uri: edit/main/docs/\ntheme:\n  name: material\n  features: [content.action.edit]\n"
    site = make_site(tmp_path, {"quiz/example.tree.yml": EXAMPLE}, pages=GUIDE, config=config)
    code, log, out = build(site)
    assert code == 0, log
    page = (out / "quiz" / "example" / "second" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/repo/edit/main/docs/quiz/example.tree.yml"' in page


def test_every_outcome_is_reachable_by_plain_links_from_the_start_page(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"quiz/example.tree.yml": EXAMPLE}, pages=GUIDE)
    code, log, out = build(site)
    assert code == 0, log
    folder = out / "quiz" / "example"
    seen: set[Path] = set()
    todo = [folder / "index.html"]
    while todo:
        page = todo.pop()
        if page in seen:
            continue
        seen.add(page)
        html = page.read_text(encoding="utf-8")
        main = html.split('class="md-content"', 1)[1]
        for href in re.findall(r'<a class="(?:dt-answer|md-button md-button--primary dt-start)" href="([^"]+)"', main):
            todo.append((page.parent / href / "index.html").resolve())
    reached = {p.parent.name for p in seen}
    assert {"vendor", "consultant"} <= reached


def test_generated_files_do_not_overwrite_pages(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"quiz/example.tree.yml": EXAMPLE}, pages={**GUIDE, "quiz/example/first.md": "# Mine\n"})
    code, log, _ = build(site)
    assert code == 1
    assert "quiz/example/first.md is generated from a tree file, but the docs already have a file there" in log


def test_the_ids_a_page_gets_from_its_chart_are_those_in_the_chart() -> None:
    from conftest import ROOT  # noqa: PLC0415

    from decisiontree.site import _ANCHOR, anchors, collect  # noqa: PLC0415

    for lang in ("en", "nl"):
        pages = collect(ROOT / "docs" / "en", docs_dir=ROOT / "docs" / lang, lang=lang, project_dir=ROOT)
        assert any(page.chart for page in pages)
        for page in pages:
            assert set(page.chart_ids) == set(_ANCHOR.findall(page.chart)), page.src_uri
            everything = {i for part in (*page.blocks, *page.late, page.chart) for i in _ANCHOR.findall(part)}
            assert anchors(page) == everything, page.src_uri


def test_no_cycle_collection_runs_while_a_site_s_pages_are_made(tmp_path: Path) -> None:
    # Collections walk every live object of the build's process; page making
    # holds them back and leaves the collector as it found it, errors or not.
    import gc  # noqa: PLC0415

    from conftest import ROOT  # noqa: PLC0415

    from decisiontree.errors import TreeErrors  # noqa: PLC0415
    from decisiontree.site import collect  # noqa: PLC0415

    started: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "bad.tree.yml").write_bytes((FIXTURES / "broken" / "cycle.tree.yml").read_bytes())
    assert gc.isenabled()
    docs = ROOT / "docs" / "en"
    gc.collect()  # the allocation count starts from nothing, so no collection is due before page making
    gc.callbacks.append(note)
    try:
        pages = collect(docs, docs_dir=docs, lang="en", project_dir=ROOT)
        # At most the one collection that is due when the collector is back on
        # (without the pause, making this site's pages runs dozens).
        assert pages and len(started) <= 1, started
        assert gc.isenabled()
        with pytest.raises(TreeErrors):
            collect(broken, docs_dir=broken, lang="en", project_dir=tmp_path)
        assert gc.isenabled()
        gc.disable()
        collect(docs, docs_dir=docs, lang="en", project_dir=ROOT)
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.callbacks.remove(note)
