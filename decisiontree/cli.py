"""`python -m decisiontree`: check trees and write their pages without MkDocs.

Exit codes: 0 all well, 1 a tree has errors, 2 the command line is wrong.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from .errors import TreeError, TreeErrors
from .load import languages_in, load_tree
from .pages import render_pages

EXIT_OK = 0
EXIT_TREE_ERRORS = 1
EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m decisiontree",
        description="Validate decision-tree files and turn them into pages.",
        epilog="Exit codes: 0 ok, 1 a tree has errors, 2 usage error.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    check = sub.add_parser(
        "check",
        help="validate tree files",
        description="Validate tree files. Prints a summary line per valid tree, and one "
        "'path:line:column: message' line per problem otherwise.",
    )
    check.add_argument("trees", nargs="+", metavar="TREE", help="tree files (*.tree.yml)")
    check.add_argument(
        "--lang",
        action="append",
        metavar="LANG",
        help="language to check the texts for (repeatable); default: every language the file uses, or en",
    )

    pages = sub.add_parser(
        "pages",
        help="write a tree's pages as Markdown files",
        description="Write the start page and a page per question and outcome as Markdown, "
        "for a static site generator that does not run MkDocs hooks.",
    )
    pages.add_argument("tree", metavar="TREE", help="a tree file")
    pages.add_argument(
        "--out", required=True, metavar="DIR", help="folder to write into (pages go in DIR/<tree name>/)"
    )
    pages.add_argument("--lang", default="en", metavar="LANG", help="language of the texts (default: en)")
    pages.add_argument(
        "--no-directory-urls",
        action="store_true",
        help="link pages as name.html instead of name/ (MkDocs' use_directory_urls: false)",
    )
    return parser


def _report(errors: Sequence[TreeError]) -> None:
    for error in errors:
        print(error.format(), file=sys.stderr)


def _check(paths: list[str], langs: list[str] | None) -> int:
    status = EXIT_OK
    for path in paths:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            _report([TreeError(path, 0, 0, f"cannot read the file: {exc.strerror}")])
            status = EXIT_TREE_ERRORS
            continue
        wanted = langs or languages_in(data) or ["en"]
        seen: set[TreeError] = set()
        found: list[TreeError] = []
        tree = None
        for lang in wanted:
            try:
                tree = load_tree(path, lang=lang)
            except TreeErrors as exc:
                for error in exc.errors:
                    if error not in seen:
                        seen.add(error)
                        found.append(error)
        if found:
            _report(sorted(found))
            status = EXIT_TREE_ERRORS
        elif tree is not None:
            a = tree.analysis
            print(
                f"{path}: ok: {len(tree.questions)} questions, {len(tree.outcomes)} outcomes, "
                f"{a.answer_paths} answer paths, longest path {a.longest} questions"
                + (f" ({', '.join(wanted)})" if len(wanted) > 1 else "")
            )
    return status


def _pages(path: str, out: str, lang: str, directory_urls: bool) -> int:
    try:
        tree = load_tree(path, lang=lang)
    except TreeErrors as exc:
        _report(exc.errors)
        return EXIT_TREE_ERRORS
    root = Path(out)
    folder = root / tree.slug
    folder.mkdir(parents=True, exist_ok=True)
    for page in render_pages(tree, folder=tree.slug, directory_urls=directory_urls):
        (folder / page.path).write_text(page.content, encoding="utf-8")
    assets = root / "assets" / "decisiontree"
    assets.mkdir(parents=True, exist_ok=True)
    for item in resources.files("decisiontree").joinpath("assets").iterdir():
        (assets / item.name).write_bytes(item.read_bytes())
    print(f"{path}: wrote {len(tree.nodes) + 1} pages to {folder}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and EXIT_USAGE
    if args.command == "check":
        return _check(args.trees, args.lang)
    if args.command == "pages":
        return _pages(args.tree, args.out, args.lang, not args.no_directory_urls)
    parser.error(f"unknown command {args.command}")
    return EXIT_USAGE
