"""`python -m decisiontree`: check, review, export and start trees without MkDocs.

Results go to stdout, problems to stderr. Exit codes: 0 all well; 1 a tree
has errors, or a file cannot be read or written; 2 the command line is wrong.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TypeAlias

from .errors import TreeError, TreeErrors
from .export import mermaid_warnings, path_lines, to_dot, to_json, to_mermaid
from .load import TREE_SUFFIX, load_tree, read_tree_file, untranslated
from .model import Tree
from .pages import render_pages
from .project import languages_for
from .reader import LANG_RE
from .scaffold import checklist, schema_reference, write_scaffold
from .scenarios import SCENARIOS_SUFFIX, check_tree_scenarios, tree_file
from .textlinks import project_link_errors

EXIT_OK = 0
EXIT_TREE_ERRORS = 1
EXIT_USAGE = 2

PATHS_LIMIT = 1000
"""How many paths `paths` lists by default before it only counts the rest."""

EXPORTS = {"json": to_json, "mermaid": to_mermaid, "dot": to_dot}

_DESCRIPTION = """\
Validate decision-tree files (*.tree.yml), review their paths, export them
for other tools, turn them into pages, or start a new one.
Run 'python -m decisiontree COMMAND --help' for a command's options."""

_EXIT_CODES = """\
exit codes:
  0  all well
  1  a tree has errors, or a file cannot be read or written
  2  usage error (unknown command, missing or wrong argument)

Results go to stdout; errors, as 'path:line:column: message', to stderr."""


_Sub: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def _subparser(sub: _Sub, name: str, *, help: str, description: str) -> argparse.ArgumentParser:
    return sub.add_parser(
        name,
        help=help,
        description=description,
        epilog=_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _lang_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", default="en", metavar="LANG", help="language of the texts (default: en)")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m decisiontree",
        description=_DESCRIPTION,
        epilog=_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for add in (_add_check, _add_paths, _add_export, _add_pages, _add_new):
        add(sub)
    return parser


def _add_check(sub: _Sub) -> None:
    check = _subparser(
        sub,
        "check",
        help="validate tree files",
        description="Validate tree files: the YAML, every field, and the routing (every\n"
        "'next' names a node, no cycles, every node reachable). Inside an MkDocs\n"
        "project, every relative link in the Markdown texts must lead to a file, and\n"
        "its #anchor to a heading, in the docs folder of each language checked.\n"
        "Prints a summary line per valid tree, and one 'path:line:column: message'\n"
        "line per problem.",
    )
    check.add_argument(
        "trees",
        nargs="+",
        metavar="TREE",
        help=f"tree files (*.tree.yml); a tree's scenarios ({SCENARIOS_SUFFIX} beside it) run too",
    )
    check.add_argument(
        "--lang",
        action="append",
        metavar="LANG",
        help="language to check the texts for (repeatable); default: the languages the MkDocs project "
        "around the tree builds (its mkdocs.yml and mkdocs.*.yml), else every language the file uses, or en",
    )
    check.add_argument(
        "--strict",
        action="store_true",
        help="treat warnings as errors (a text given once in a tree written in several languages), "
        "as mkdocs build --strict does",
    )
    check.set_defaults(run=lambda args: _check(args.trees, args.lang, strict=args.strict))


def _add_paths(sub: _Sub) -> None:
    paths = _subparser(
        sub,
        "paths",
        help="list every answer path from the start to each outcome",
        description="List every way through the tree, one line each, first answers first:\n"
        "  question → answer → question → answer ⇒ outcome\n"
        "For reviewing where each combination of answers leads.",
    )
    paths.add_argument("tree", metavar="TREE", help="a tree file")
    _lang_option(paths)
    paths.add_argument(
        "--limit",
        type=_positive,
        default=PATHS_LIMIT,
        metavar="N",
        help=f"list at most N paths, then say how many more there are (default: {PATHS_LIMIT})",
    )
    paths.set_defaults(run=lambda args: _paths(args.tree, args.lang, args.limit))


def _add_export(sub: _Sub) -> None:
    export = _subparser(
        sub,
        "export",
        help="print a tree as JSON, a Mermaid flowchart or a Graphviz DOT graph",
        description="Print a tree to stdout in another format, made from the validated tree:\n"
        "  json     the compiled graph, for other programs\n"
        "  mermaid  a flowchart for a README on a code host that draws Mermaid\n"
        "  dot      a graph for Graphviz (dot -Tsvg)\n"
        "The same tree always gives the same output.",
    )
    export.add_argument("tree", metavar="TREE", help="a tree file")
    export.add_argument("--format", required=True, choices=sorted(EXPORTS), help="output format")
    _lang_option(export)
    export.set_defaults(run=lambda args: _export(args.tree, args.format, args.lang))


def _add_pages(sub: _Sub) -> None:
    pages = _subparser(
        sub,
        "pages",
        help="write a tree's pages as Markdown files",
        description="Write the start page and a page per question and outcome as Markdown,\n"
        "for a static site generator that does not run MkDocs hooks.",
    )
    pages.add_argument("tree", metavar="TREE", help="a tree file")
    pages.add_argument(
        "--out", required=True, metavar="DIR", help="folder to write into (pages go in DIR/<tree name>/)"
    )
    _lang_option(pages)
    pages.add_argument(
        "--no-directory-urls",
        action="store_true",
        help="link pages as name.html instead of name/ (MkDocs' use_directory_urls: false)",
    )
    pages.set_defaults(run=lambda args: _pages(args.tree, args.out, args.lang, not args.no_directory_urls))


def _add_new(sub: _Sub) -> None:
    new = _subparser(
        sub,
        "new",
        help="write a small, commented tree to start from",
        description="Write a new tree file to edit: two questions and three outcomes, with a\n"
        f"comment on every field. The name must end in {TREE_SUFFIX}. An existing file\n"
        "is never replaced (exit 1).",
    )
    new.add_argument("path", metavar="PATH", help=f"the new file, like docs/en/quiz{TREE_SUFFIX}")
    new.add_argument(
        "--schema",
        metavar="REF",
        help="path or URL of tree.schema.json for the '# yaml-language-server: $schema=' line "
        "that lets editors check the file; default: a relative path to the engine's schema when "
        "both are inside the current folder, else no line; '' for no line",
    )
    new.add_argument(
        "--lang",
        action="append",
        metavar="LANG",
        help="a language to write every text in (repeatable: --lang en --lang nl for a bilingual tree); "
        "default: one text for every language",
    )
    new.set_defaults(run=lambda args: _new(args.path, args.schema, args.lang))


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text!r}")
    return value


def _report(errors: Sequence[TreeError]) -> None:
    for error in errors:
        print(error.format(), file=sys.stderr)


def _load(path: str, lang: str) -> Tree | None:
    """The validated tree, or `None` after printing its errors."""
    try:
        return load_tree(path, lang=lang)
    except TreeErrors as exc:
        _report(exc.errors)
        return None


def _check_languages(path: str, langs: list[str] | None) -> tuple[list[str], str]:
    """The languages to check a tree in, and where they come from (for the summary line).

    No languages (source "the file") means every language the file uses, or the default.
    """
    if langs:
        return langs, "--lang"
    built, configs = languages_for(Path(path))
    if built:
        return built, " and ".join([", ".join(configs[:-1]), configs[-1]] if len(configs) > 1 else configs)
    return [], "the file"


def _check(paths: list[str], langs: list[str] | None, *, strict: bool) -> int:
    status = EXIT_OK
    for given in paths:
        path = str(tree_file(given)) if given.endswith(SCENARIOS_SUFFIX) else given
        status = max(status, _check_one(path, langs, strict=strict))
    return status


def _check_one(path: str, langs: list[str] | None, *, strict: bool) -> int:
    """Check one tree file in each of its languages: report its errors, or its warnings and summary."""
    asked, source = _check_languages(path, langs)
    try:
        reading = read_tree_file(path, langs=asked)
    except TreeErrors as exc:
        _report(sorted(set(exc.errors)))
        return EXIT_TREE_ERRORS
    wanted = asked or list(reading.trees)
    if source == "the file" and not reading.languages:
        source = "the default"
    tree = reading.trees[wanted[-1]]
    scenarios, found = check_tree_scenarios(reading.in_every_language(tree.lang), Path(path))
    found.extend(project_link_errors(reading, Path(path), wanted, display_path=path))
    if found:
        _report(sorted(found))
        return EXIT_TREE_ERRORS
    # Warnings wait until the errors are fixed, like knock-on errors do.
    warnings = untranslated(reading.plain, reading.languages, path, languages=wanted)
    for warning in warnings:
        print(_warning(warning, strict=strict), file=sys.stderr)
    if warnings and strict:
        return EXIT_TREE_ERRORS
    a = tree.analysis
    passed = f", {scenarios} scenarios pass" if scenarios else ""
    print(
        f"{path}: ok: {len(tree.questions)} questions, {len(tree.outcomes)} outcomes, "
        f"{a.answer_paths} answer paths, longest path {a.longest} questions{passed}; "
        f"checked in {', '.join(wanted)} ({_languages_from(source)})"
    )
    return EXIT_OK


def _languages_from(source: str) -> str:
    if source == "--lang":
        return "as asked"
    if source == "the file":
        return "the languages the file uses"
    if source == "the default":
        return "the default: the file names no language, and no MkDocs project around it builds it"
    return f"as {source} build{'s' if ' and ' not in source else ''} it"


def _warning(warning: TreeError, *, strict: bool) -> str:
    """`path:line:column: warning: ...`, or `error:` where warnings fail the check."""
    location = f"{warning.path}:{warning.line}:{warning.column}"
    return f"{location}: {'error' if strict else 'warning'}: {warning.format().removeprefix(location + ': ')}"


def _paths(path: str, lang: str, limit: int) -> int:
    tree = _load(path, lang)
    if tree is None:
        return EXIT_TREE_ERRORS
    for line in path_lines(tree, limit=limit):
        print(line)
    return EXIT_OK


def _export(path: str, fmt: str, lang: str) -> int:
    tree = _load(path, lang)
    if tree is None:
        return EXIT_TREE_ERRORS
    text = EXPORTS[fmt](tree)
    sys.stdout.write(text)
    if fmt == "mermaid":
        for warning in mermaid_warnings(tree, text):
            print(f"{path}: warning: {warning}; export --format dot suits large trees", file=sys.stderr)
    return EXIT_OK


def _pages(path: str, out: str, lang: str, directory_urls: bool) -> int:
    tree = _load(path, lang)
    if tree is None:
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


def _new(path: str, schema: str | None, langs: list[str] | None) -> int:
    target = Path(path)
    if not target.name.endswith(TREE_SUFFIX):
        print(f"{path}: the file name must end in {TREE_SUFFIX}, like quiz{TREE_SUFFIX}", file=sys.stderr)
        return EXIT_USAGE
    bad = [lang for lang in langs or [] if not LANG_RE.match(lang)]
    if bad:
        print(f"--lang {bad[0]}: not a language code (like en or nl)", file=sys.stderr)
        return EXIT_USAGE
    reference = schema if schema is not None else schema_reference(target, project=Path.cwd())
    try:
        write_scaffold(target, schema=reference or None, languages=tuple(dict.fromkeys(langs or ["en"])))
    except FileExistsError:
        print(f"{path}: already exists; not replaced (choose another name or remove it first)", file=sys.stderr)
        return EXIT_TREE_ERRORS
    except OSError as exc:
        print(f"{path}: cannot write the file: {exc.strerror}", file=sys.stderr)
        return EXIT_TREE_ERRORS
    print(f"{path}: written; edit it, then run: python -m decisiontree check {path}")
    print()
    print(checklist(target))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and EXIT_USAGE
    status: int = args.run(args)
    return status
