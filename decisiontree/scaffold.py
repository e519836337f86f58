"""A new tree file to start from: small, valid, and explained field by field."""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path

from .load import TREE_SUFFIX, tree_slug

SCHEMA_RESOURCE = ("schema", "tree.schema.json")
"""The JSON Schema shipped in the package, as parts of a resource path."""

_TEMPLATE = """\
{schema_line}# A decision tree: a start page, a page per question and a page per outcome
# are made from this file. Check it with:  python -m decisiontree check FILE
#
# Every text is either one string for every language, or one per language:
#   title:
#     en: Which way?
#     nl: Welke kant op?
# intro, help and body are Markdown (links relative to this file); every
# other text is plain text, shown as written. Put quotes around a text that
# YAML could read as something else: "Yes", "No", "On", "Off", numbers, dates.

# The heading of the start page. Plain text.
title: {title}

# Optional. Shown on the start page, before the first question. Markdown.
intro: |
  Say in a sentence or two what this self-assessment helps with.

# The id of the first question.
start: first-question

# The nodes: every question and outcome, by id. An id is lowercase letters,
# digits and hyphens, starting with a letter. It names the node's page, so
# renaming a node changes its address.
nodes:
  # A question has `question` and at least two `answers`; `help` is optional.
  first-question:
    # The question, as the page heading. Plain text.
    question: What is the first thing you ask?
    # Optional. Shown under the question. Markdown.
    help: |
      What to think of before answering, or why the question matters.
    # The answers, in the order they are shown. Each has:
    #   label  the answer as the reader picks it; plain text, unique here
    #   next   the id of the question or outcome it leads to
    #   why    optional; one line of plain text, shown in the summary of answers
    answers:
      - label: An answer that needs one more question
        next: second-question
      - label: An answer that settles it
        next: outcome-c
        why: This answer is enough to decide.

  second-question:
    question: What do you ask next?
    answers:
      - label: This answer
        next: outcome-a
      - label: That answer
        next: outcome-b

  # An outcome ends a walk through the tree: `outcome` and `summary`;
  # `body` is optional.
  outcome-a:
    # The outcome's name, as the page heading. Plain text.
    outcome: Outcome A
    # One or two sentences under the heading. Plain text.
    summary: What this outcome means for the reader.
    # Optional. The rest of the page. Markdown.
    body: |
      What to read or do next.

  outcome-b:
    outcome: Outcome B
    summary: What this outcome means for the reader.

  outcome-c:
    outcome: Outcome C
    summary: What this outcome means for the reader.
"""


def scaffold_text(*, title: str, schema: str | None) -> str:
    """The new tree's text. `schema` is the `$schema` reference for editors, if any."""
    schema_line = f"# yaml-language-server: $schema={schema}\n" if schema else ""
    return _TEMPLATE.format(schema_line=schema_line, title=json.dumps(title, ensure_ascii=False))


def title_for(path: str | Path) -> str:
    """A first title from the file name: `price-check.tree.yml` → `Price check`."""
    return tree_slug(path).replace("-", " ").replace("_", " ").strip().capitalize() or "New tree"


def schema_reference(target: Path, *, project: Path) -> str | None:
    """A relative path from `target` to the package's schema, if both are inside `project`.

    In a checkout of the project that is a path like
    `../../../decisiontree/schema/tree.schema.json`. An installed package
    (in `site-packages`) is no stable place to point at: then, and outside
    the project, the tree gets no `$schema` line.
    """
    schema = Path(str(resources.files("decisiontree").joinpath(*SCHEMA_RESOURCE))).resolve()
    project = project.resolve()
    target = target.resolve()
    inside = schema.is_relative_to(project) and target.is_relative_to(project)
    if not schema.is_file() or not inside or "site-packages" in schema.parts:
        return None
    return Path(os.path.relpath(schema, target.parent)).as_posix()


def write_scaffold(path: Path, *, schema: str | None) -> None:
    """Write a new tree at `path`; refuses (`FileExistsError`) to replace a file.

    Raises `ValueError` when the name does not end in `.tree.yml`.
    """
    if not path.name.endswith(TREE_SUFFIX) or path.name == TREE_SUFFIX:
        raise ValueError(f"the file name must end in {TREE_SUFFIX}, like pricing{TREE_SUFFIX}")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as file:
        file.write(scaffold_text(title=title_for(path), schema=schema))
