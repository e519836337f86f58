"""Links in a tree's Markdown texts, checked against the pages of the site that shows them.

The Markdown texts (`intro`, a question's `help`, an outcome's `body`) link
to pages relative to the tree file. The generated pages carry those links
along (`links.rebase_links`), so on a site that reads its pages from
`docs_dir`, a link leads where it would from the tree's own place inside
`docs_dir`: the place the tree file has inside the trees folder. A Dutch site
whose trees are read from docs/en therefore resolves `../guide/x.md` in
docs/nl, and an anchor must be a heading of the Dutch page.

Only links to files are checked (the path has a suffix, like `.md` or
`.png`); links to other sites, same-page anchors and folder links are not.
A link to a page generated from a tree counts as there; its anchor is not
checked.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

import yaml

from .errors import TreeError
from .links import BrokenLink, broken_link, relative_links
from .load import TREE_SUFFIX, Reading
from .project import builds_of
from .reader import did_you_mean

_EDITOR_BREAK = re.compile("\r\n|[\r\n]")


def text_link_errors(
    reading: Reading,
    path: Path,
    *,
    lang: str,
    docs_dir: Path,
    trees_dir: Path,
    project_dir: Path,
    display_path: str | None = None,
    sections: dict[Path, set[str]] | None = None,
) -> list[TreeError]:
    """Every link in the `lang` texts of the valid tree file `path` (as `reading` read it) that leads nowhere.

    `trees_dir` is the folder the site reads its tree files from (it holds
    `path`); pages are named relative to `project_dir`. `sections` caches the
    headings of pages already read, across trees and languages.
    """
    shown = display_path or str(path)
    base = docs_dir / path.resolve().parent.relative_to(trees_dir.resolve())
    cache: dict[Path, set[str]] = {} if sections is None else sections

    def generated(target: Path) -> bool:
        try:
            page = target.relative_to(docs_dir.resolve())
        except ValueError:
            return False
        tree = trees_dir / page.parent.parent / f"{page.parent.name}{TREE_SUFFIX}"
        return page.suffix == ".md" and tree.is_file()

    errors: list[TreeError] = []
    for markdown in reading.markdown:
        if markdown.field.partition(".")[2] not in ("", lang):
            continue  # another language's text
        node_id, field, scalar = markdown.node, markdown.field, markdown.scalar
        seen: dict[str, int] = {}
        for link in relative_links(scalar.value):
            nth = seen.get(link, 0)
            seen[link] = nth + 1
            if not PurePosixPath(link.partition("#")[0].partition("?")[0]).suffix:
                continue
            broken = broken_link(link, base, cache, generated=generated)
            if broken is None:
                continue
            line, column = _locate(reading.text, scalar, link, nth)
            message = f"link '{link}': {_problem(broken, project_dir)}"
            errors.append(TreeError(shown, line, column, message, node=node_id, field=field))
    return errors


def project_link_errors(
    reading: Reading, path: Path, languages: list[str], *, display_path: str | None = None
) -> list[TreeError]:
    """`text_link_errors` for each of `languages` that the MkDocs project around `path` builds it in.

    A language no configuration of the project builds the tree in (or a tree
    outside any project) has no docs folder to check against, and is skipped.
    """
    sections: dict[Path, set[str]] = {}
    errors: list[TreeError] = []
    done: set[str] = set()
    for build in builds_of(path):
        if build.language in languages and build.language not in done:
            done.add(build.language)
            errors += text_link_errors(
                reading,
                path,
                lang=build.language,
                docs_dir=build.docs_dir,
                trees_dir=build.trees_dir,
                project_dir=build.config.parent,
                display_path=display_path,
                sections=sections,
            )
    return errors


def _locate(text: str, scalar: yaml.ScalarNode, link: str, nth: int) -> tuple[int, int]:
    """Line and column (1-based, as editors count) of the `nth` `link` in the text; else where the text starts."""
    index, at = scalar.start_mark.index, scalar.start_mark.index
    for _ in range(nth + 1):
        found = text.find(link, at, scalar.end_mark.index)
        if found < 0:
            index = scalar.start_mark.index
            break
        index, at = found, found + 1
    starts = [0] + [m.end() for m in _EDITOR_BREAK.finditer(text, 0, index)]
    return len(starts), index - starts[-1] + 1


def _problem(broken: BrokenLink, project_dir: Path) -> str:
    page = _shown(broken.target, project_dir)
    if not broken.anchor:
        return f"there is no file {page}"
    hint = did_you_mean(broken.anchor, broken.anchors)
    return f"no heading with the anchor '{broken.anchor}' in {page}{hint}"


def _shown(target: Path, project_dir: Path) -> str:
    try:
        return target.relative_to(project_dir.resolve()).as_posix()
    except ValueError:
        return str(target)
