"""A new tree file to start from: small, valid, and explained field by field."""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path

from .load import TREE_SUFFIX, tree_slug
from .reader import LANG_RE
from .site import SCHEMA_URI

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
# YAML could read as something else: "Yes", "No", "On", "Off", numbers, dates,
# and any text with ": " in it.

# The heading of the start page. Plain text.
title:{title}

# Optional. Shown on the start page, before the first question. Markdown.
intro:{intro}

# The id of the first question.
start: first-question

# The nodes: every question and outcome, by id. An id is lowercase letters,
# digits and hyphens, starting with a letter. It names the node's page, so
# renaming a node changes its address.
nodes:
  # A question has `question` and at least two `answers`; `help` is optional.
  first-question:
    # The question, as the page heading. Plain text.
    question:{q1}
    # Optional. Shown under the question. Markdown.
    help:{help}
    # The answers, in the order they are shown. Each has:
    #   label  the answer as the reader picks it; plain text, unique here
    #   next   the id of the question or outcome it leads to
    #   why    optional; one line of plain text, shown in the summary of answers
    answers:
      - label:{a1}
        next: second-question
      - label:{a2}
        next: outcome-c
        why:{why}

  second-question:
    question:{q2}
    answers:
      - label:{a3}
        next: outcome-a
      - label:{a4}
        next: outcome-b

  # An outcome ends a walk through the tree: `outcome` and `summary`;
  # `body` is optional.
  outcome-a:
    # The outcome's name, as the page heading. Plain text.
    outcome:{oa}
    # One or two sentences under the heading. Plain text.
    summary:{summary}
    # Optional. The rest of the page. Markdown.
    body:{body}

  outcome-b:
    outcome:{ob}
    summary:{summary}

  outcome-c:
    outcome:{oc}
    summary:{summary}
"""

_TEXTS: dict[str, dict[str, str]] = {
    "intro": {
        "en": "Say in a sentence or two what this self-assessment helps with.",
        "nl": "Zeg in een of twee zinnen waarbij deze zelftest helpt.",
    },
    "q1": {"en": "What is the first thing you ask?", "nl": "Wat vraag je als eerste?"},
    "help": {
        "en": "What to think of before answering, or why the question matters.",
        "nl": "Waar je aan denkt voordat je antwoordt, of waarom de vraag ertoe doet.",
    },
    "a1": {"en": "An answer that needs one more question", "nl": "Een antwoord dat nog een vraag nodig heeft"},
    "a2": {"en": "An answer that settles it", "nl": "Een antwoord dat de zaak beslist"},
    "why": {"en": "This answer is enough to decide.", "nl": "Dit antwoord is genoeg om te beslissen."},
    "q2": {"en": "What do you ask next?", "nl": "Wat vraag je daarna?"},
    "a3": {"en": "This answer", "nl": "Dit antwoord"},
    "a4": {"en": "That answer", "nl": "Dat antwoord"},
    "oa": {"en": "Outcome A", "nl": "Uitkomst A"},
    "ob": {"en": "Outcome B", "nl": "Uitkomst B"},
    "oc": {"en": "Outcome C", "nl": "Uitkomst C"},
    "summary": {
        "en": "What this outcome means for the reader.",
        "nl": "Wat deze uitkomst voor de lezer betekent.",
    },
    "body": {"en": "What to read or do next.", "nl": "Wat je hierna leest of doet."},
}
"""The scaffold's placeholder texts; a language without its own gets the English one, marked."""

_INDENT = {"intro": 0, "a1": 8, "a2": 8, "a3": 8, "a4": 8, "why": 8}
"""The column of each text's field in the template (4 for the rest), so languages go two deeper."""

CHECKLIST = """\
Adding a tree, step by step (the authoring page has the details):
  1. Write the questions and outcomes in {tree}; every question gets a help and every
     outcome a body, each linking to a guide section by the anchor of its heading in that text's language.
  2. python -m decisiontree check {tree} (it also opens the pages and sections the links name, in each language)
  3. Write {scenarios}: at least 12 scenarios that reach every outcome, each with its guide section.
  4. Add {start} to nav in mkdocs.yml and in each mkdocs.*.yml (strict builds refuse pages left out of nav).
  5. make snapshots, then read the diff of tests/snapshots/ (every answer path per language, and the chart's limits).
  6. make build (both languages, strict), then make test."""


def _text(key: str, languages: tuple[str, ...]) -> str:
    """A placeholder text as YAML after its `field:`: one string, or one line per language."""
    if len(languages) == 1:
        lang = languages[0]
        text = _TEXTS[key].get(lang) or _TEXTS[key]["en"]
        return " " + json.dumps(text, ensure_ascii=False)
    pad = " " * (_INDENT.get(key, 4) + 2)
    lines = []
    for lang in languages:
        text = _TEXTS[key].get(lang) or f"({lang}) {_TEXTS[key]['en']}"
        lines.append(f"\n{pad}{lang}: {json.dumps(text, ensure_ascii=False)}")
    return "".join(lines)


def scaffold_text(*, title: str, schema: str | None, languages: tuple[str, ...] = ("en",)) -> str:
    """The new tree's text, in `languages`. `schema` is the `$schema` reference for editors, if any."""
    schema_line = f"# yaml-language-server: $schema={schema}\n" if schema else ""
    texts = {key: _text(key, languages) for key in _TEXTS}
    if len(languages) == 1:
        title_text = " " + json.dumps(title, ensure_ascii=False)
    else:
        title_text = "".join(f"\n  {lang}: {json.dumps(title, ensure_ascii=False)}" for lang in languages)
    return _TEMPLATE.format(schema_line=schema_line, title=title_text, **texts)


def checklist(path: str | Path) -> str:
    """The steps from a new tree file to a tested site, with this tree's names filled in."""
    tree = Path(path)
    scenarios = tree.with_name(tree_slug(tree) + ".scenarios.yml")
    start = f"{tree_slug(tree)}/index.md"
    parts = tree.parent.parts
    if "docs" in parts:  # the start page's path from the docs folder (docs/ or docs/LANG/), as nav lists it
        inside = list(parts[parts.index("docs") + 1 :])
        if inside and LANG_RE.match(inside[0]) and len(inside[0]) <= 3:
            inside = inside[1:]
        start = "/".join([*inside, start])
    return CHECKLIST.format(tree=tree.as_posix(), scenarios=scenarios.as_posix(), start=start)


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
    schema = Path(str(resources.files("decisiontree").joinpath(*SCHEMA_URI.split("/")))).resolve()
    project = project.resolve()
    target = target.resolve()
    inside = schema.is_relative_to(project) and target.is_relative_to(project)
    if not schema.is_file() or not inside or "site-packages" in schema.parts:
        return None
    return Path(os.path.relpath(schema, target.parent)).as_posix()


def write_scaffold(path: Path, *, schema: str | None, languages: tuple[str, ...] = ("en",)) -> None:
    """Write a new tree at `path`; refuses (`FileExistsError`) to replace a file.

    Raises `ValueError` when the name does not end in `.tree.yml`.
    """
    if not path.name.endswith(TREE_SUFFIX) or path.name == TREE_SUFFIX:
        raise ValueError(f"the file name must end in {TREE_SUFFIX}, like pricing{TREE_SUFFIX}")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as file:
        file.write(scaffold_text(title=title_for(path), schema=schema, languages=languages))
