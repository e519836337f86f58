"""Scenario checks: settled cases a tree must keep answering the way the guide does.

Beside a tree `NAME.tree.yml`, an optional `NAME.scenarios.yml` lists people
(a sentence or two each), the answers they give, the outcome the guide says
they must reach, and the guide section that says so:

    scenarios:
      - name: agency-builds-custom-shop
        person: A studio that designs a webshop from scratch for a client with no team.
        answers:
          who-sets-the-spec: 2               # the answer's position, from 1
          shared-vendor-alternative: "No: they need what I bring"   # or its label, in any language
        expect: consultant
        guide: ../guide/decide.md#why-most-web-agencies-and-designers-are-consultants

Each scenario walks the tree from `start`. It fails, as a located
`TreeError`, when it reaches a question it has no answer for, answers a
question its path never passes, names a question, answer or outcome the tree
does not have, or ends on another outcome than it expects. `guide` is a link
relative to the tree file, like the links in help texts; the page and, for a
Markdown page, the section must exist.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import TreeError, TreeErrors
from .links import broken_link
from .load import TREE_SUFFIX
from .model import Position, Question, Tree
from .parse import ID_RE
from .reader import LANG_RE, Reader, did_you_mean, fold_space
from .yamlsource import STR, compose, describe, kind, position, source_text

SCENARIOS_SUFFIX = ".scenarios.yml"
TOP_FIELDS = ("scenarios",)
SCENARIO_FIELDS = ("name", "person", "answers", "expect", "guide")
EMPTY = "the file is empty; a scenarios file needs a list 'scenarios'"

_INT = "tag:yaml.org,2002:int"


@dataclass(frozen=True)
class Choice:
    """One answer a scenario gives: to which question, and which answer."""

    question: str
    answer: int | str
    """The answer's 1-based position, or its label in any of the tree's languages."""
    pos: Position = field(default=Position(0, 0), compare=False)
    """Where the question id stands in the scenarios file."""


@dataclass(frozen=True)
class Scenario:
    """A person, the answers they give, and the outcome the guide says they reach."""

    name: str
    person: dict[str, str]
    """The description by language code; one text for every language is stored under ''."""
    answers: tuple[Choice, ...]
    expect: str
    guide: str
    """A link relative to the tree file, to the guide section that justifies `expect`."""
    pos: Position = field(default=Position(0, 0), compare=False)
    expect_pos: Position = field(default=Position(0, 0), compare=False)
    guide_pos: Position = field(default=Position(0, 0), compare=False)


def scenarios_file(tree_file: str | Path) -> Path:
    """Where a tree's scenarios live: `x.tree.yml` → `x.scenarios.yml`, beside it."""
    path = Path(tree_file)
    return path.with_name(path.name.removesuffix(TREE_SUFFIX) + SCENARIOS_SUFFIX)


def tree_file(scenarios: str | Path) -> Path:
    """The tree a scenarios file belongs to: `x.scenarios.yml` → `x.tree.yml`."""
    path = Path(scenarios)
    return path.with_name(path.name.removesuffix(SCENARIOS_SUFFIX) + TREE_SUFFIX)


# -- reading ----------------------------------------------------------------------------


class _Reader(Reader):
    """The tree reader, its errors worded for scenarios: `scenario 'x', field 'expect': ...`."""

    def error(
        self, at: yaml.Node | Position, message: str, *, node: str | None = None, field: str | None = None
    ) -> None:
        super().error(at, f"{field}: {message}" if field else message, node=node)


def parse_scenarios(data: bytes | str, path: str) -> list[Scenario]:
    """Validate a scenarios file's content; raises `TreeErrors` with every problem found."""
    text = source_text(data, path)
    root = compose(text, path, empty=EMPTY)
    r = _Reader(path, lang="")
    if not isinstance(root, yaml.MappingNode):
        r.error(root, f"the top level must be a mapping with the list 'scenarios', not {describe(root)}")
        raise TreeErrors(r.errors)
    top = r.fields(root, TOP_FIELDS, context="the scenarios file")
    items = r.require(top, "scenarios", root, node=None, needs="the file must have it")
    scenarios: list[Scenario] = []
    if items is not None and not isinstance(items, yaml.SequenceNode):
        r.error(items, f"must be a list of scenarios, not {describe(items)}", field="field 'scenarios'")
    elif items is not None:
        names: dict[str, int] = {}
        for index, item in enumerate(items.value, start=1):
            scenario = _scenario(r, index, item, names)
            if scenario is not None:
                scenarios.append(scenario)
    if r.errors:
        raise TreeErrors(r.errors)
    return scenarios


def _scenario(r: Reader, index: int, item: yaml.Node, names: dict[str, int]) -> Scenario | None:
    label = f"scenario {index}"
    if not isinstance(item, yaml.MappingNode):
        r.error(item, f"{label} must be a mapping with {', '.join(SCENARIO_FIELDS)}, not {describe(item)}")
        return None
    for key, value in item.value:  # name the scenario in every message, the field check's too
        if getattr(key, "value", None) == "name" and getattr(value, "tag", None) == STR and ID_RE.match(value.value):
            label = f"scenario '{value.value}'"
    found = r.fields(item, SCENARIO_FIELDS, context=label)
    name = None
    if "name" in found:
        name_node = found["name"][1]
        name = r.string(name_node, node=None, field=f"{label}, field 'name'")
        if name is not None and not ID_RE.match(name):
            r.error(
                name_node, f"scenario {index}: '{name}' is not a valid name: use lowercase letters, digits and hyphens"
            )
            name = None
        elif name is not None and name in names:
            r.error(name_node, f"scenario {index} has the same name as scenario {names[name]}: '{name}'")
            name = None
        if name is not None:
            names[name] = index
    elif r.missing(item, "name"):
        r.error(item, f"{label} needs the field 'name'")
    for required in ("person", "answers", "expect", "guide"):
        if required not in found and r.missing(item, required):
            r.error(item, f"{label} needs the field '{required}'")
    person = _person(r, found["person"][1], label) if "person" in found else None
    answers = _answers(r, found["answers"][1], label) if "answers" in found else None
    expect = _plain(r, found["expect"][1], label, "expect") if "expect" in found else None
    guide = _plain(r, found["guide"][1], label, "guide") if "guide" in found else None
    if name is None or person is None or answers is None or expect is None or guide is None:
        return None
    return Scenario(
        name=name,
        person=person,
        answers=answers,
        expect=expect,
        guide=guide,
        pos=position(item),
        expect_pos=position(found["expect"][1]),
        guide_pos=position(found["guide"][1]),
    )


def _plain(r: Reader, value: yaml.Node, label: str, name: str) -> str | None:
    text = r.string(value, node=None, field=f"{label}, field '{name}'")
    return None if text is None else text.strip()


def _person(r: Reader, value: yaml.Node, label: str) -> dict[str, str] | None:
    if not isinstance(value, yaml.MappingNode):
        text = r.string(value, node=None, field=f"{label}, field 'person'")
        return None if text is None else {"": text}
    person: dict[str, str] = {}
    ok = True
    for key, item in r.pairs(value):
        if not LANG_RE.match(key.value):
            r.error(key, f"{label}: '{key.value}' is not a language code (like en or nl)")
            ok = False
            continue
        text = r.string(item, node=None, field=f"{label}, field 'person.{key.value}'")
        if text is None:
            ok = False
        else:
            person[key.value] = text
    if not value.value:
        r.error(value, f"{label}: person is empty; describe the person in a sentence or two")
        return None
    return person if ok else None


def _answers(r: Reader, value: yaml.Node, label: str) -> tuple[Choice, ...] | None:
    if not isinstance(value, yaml.MappingNode):
        r.error(
            value,
            f"{label}: answers must be a mapping from question id to answer (position or label), not {describe(value)}",
        )
        return None
    choices: list[Choice] = []
    ok = True
    for key, item in r.pairs(value):
        if not isinstance(item, yaml.ScalarNode) or item.tag not in {STR, _INT}:
            if isinstance(item, yaml.ScalarNode) and item.tag == "tag:yaml.org,2002:null" and not item.value:
                r.error(key, f"{label}: the answer to '{key.value}' is empty")
            elif isinstance(item, yaml.ScalarNode):
                r.string(item, node=None, field=f"{label}, answer to '{key.value}'")
            else:
                r.error(item, f"{label}: the answer to '{key.value}' must be a position or a label, not {kind(item)}")
            ok = False
            continue
        if item.tag == _INT and not item.value.isdigit():
            r.error(item, f"{label}: the answer to '{key.value}' is {item.value}; write a position like 2, or a label")
            ok = False
            continue
        answer: int | str = int(item.value) if item.tag == _INT else fold_space(item.value)
        if isinstance(answer, str) and not answer:
            r.error(item, f"{label}: the answer to '{key.value}' is empty")
            ok = False
            continue
        choices.append(Choice(question=key.value, answer=answer, pos=position(key)))
    return tuple(choices) if ok else None


# -- running ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Walk:
    """Where a scenario's answers led."""

    steps: tuple[tuple[str, int], ...]
    """(question id, answer position) for each question passed, from the start."""
    end: str
    """The node the walk stopped at: an outcome, or a question it has no answer for."""

    def route(self) -> str:
        return " → ".join(f"{question}:{answer}" for question, answer in self.steps) or "(no answers)"


def run_scenarios(
    scenarios: Sequence[Scenario], trees: Sequence[Tree], *, path: str, tree_dir: Path | None = None
) -> list[TreeError]:
    """Every scenario that does not reach its outcome, as errors located in the scenarios file at `path`.

    `trees` is the same tree in each language it loads in (at least one);
    labels match in any of them. `tree_dir` is the tree file's folder, for
    checking the guide links; `None` leaves them unchecked.
    """
    errors: list[TreeError] = []
    sections: dict[Path, set[str]] = {}
    for scenario in scenarios:
        problems: list[tuple[Position, str]] = []
        chosen = _chosen(scenario, trees, problems)
        expect_ok = _expect_ok(scenario, trees[0], problems)
        if tree_dir is not None:
            problem = _guide_problem(scenario.guide, tree_dir, sections)
            if problem:
                problems.append((scenario.guide_pos, problem))
        if chosen is not None and expect_ok:
            problems.extend(_walk_problems(scenario, trees[0], chosen))
        label = f"scenario '{scenario.name}'"
        errors.extend(TreeError(path, at.line, at.column, f"{label} {message}") for at, message in problems)
    return errors


def _chosen(scenario: Scenario, trees: Sequence[Tree], problems: list[tuple[Position, str]]) -> dict[str, int] | None:
    """The scenario's answers as question id → answer position, or `None` if any is wrong (added to `problems`)."""
    tree = trees[0]
    chosen: dict[str, int] = {}
    ok = True
    for choice in scenario.answers:
        node = tree.nodes.get(choice.question)
        if not isinstance(node, Question):
            what = "an outcome, not a question" if node is not None else "no question in the tree"
            hint = "" if node is not None else did_you_mean(choice.question, [q.id for q in tree.questions])
            problems.append((choice.pos, f"answers '{choice.question}', which is {what}{hint}"))
            ok = False
            continue
        index, problem = _resolve(choice.answer, choice.question, trees)
        if index is None:
            problems.append((choice.pos, problem))
            ok = False
            continue
        chosen[choice.question] = index
    return chosen if ok else None


def _expect_ok(scenario: Scenario, tree: Tree, problems: list[tuple[Position, str]]) -> bool:
    """Whether the outcome the scenario expects is one of the tree's (else the problem is added)."""
    target = tree.nodes.get(scenario.expect)
    if target is None:
        hint = did_you_mean(scenario.expect, [o.id for o in tree.outcomes])
        problems.append(
            (scenario.expect_pos, f"expects '{scenario.expect}', but the tree has no outcome by that id{hint}")
        )
        return False
    if isinstance(target, Question):
        problems.append((scenario.expect_pos, f"expects '{scenario.expect}', which is a question; name an outcome"))
        return False
    return True


def _walk_problems(scenario: Scenario, tree: Tree, chosen: dict[str, int]) -> list[tuple[Position, str]]:
    """What is wrong with where the scenario's answers lead: a gap, an answer never asked, another outcome."""
    walk = walk_tree(tree, chosen)
    if tree.nodes[walk.end].is_question:
        return [(scenario.pos, f"has no answer for '{walk.end}', which its path reaches by {walk.route()}")]
    passed = {question for question, _ in walk.steps}
    never = f"but its path never asks it: {walk.route()} ⇒ {walk.end}; remove the answer or fix the route"
    problems = [(c.pos, f"answers '{c.question}', {never}") for c in scenario.answers if c.question not in passed]
    if walk.end != scenario.expect:
        problems.append((scenario.pos, f"expects '{scenario.expect}' but reached '{walk.end}' by {walk.route()}"))
    return problems


def walk_tree(tree: Tree, chosen: dict[str, int]) -> Walk:
    """Follow `chosen` (question id → answer position) from the start until an outcome or a gap."""
    steps: list[tuple[str, int]] = []
    current = tree.nodes[tree.start]
    while isinstance(current, Question) and current.id in chosen:
        index = chosen[current.id]
        steps.append((current.id, index))
        current = tree.nodes[current.answers[index - 1].next]
    return Walk(tuple(steps), current.id)


def _fold(text: str) -> str:
    """A label or an answer as compared: both are read with their white space folded already."""
    return text.casefold()


def _resolve(answer: int | str, question: str, trees: Sequence[Tree]) -> tuple[int | None, str]:
    """The answer's position, or `None` and what is wrong."""
    answers = trees[0].question(question).answers
    if isinstance(answer, int):
        if 1 <= answer <= len(answers):
            return answer, ""
        return None, f"picks answer {answer} of '{question}', which has {len(answers)} answers"
    found = {a.index for tree in trees for a in tree.question(question).answers if _fold(a.label) == _fold(answer)}
    if len(found) == 1:
        return found.pop(), ""
    if found:
        return None, f"answers '{question}' with '{answer}', which matches answers {sorted(found)}; use a position"
    labels = [a.label for tree in trees for a in tree.question(question).answers]
    close = difflib.get_close_matches(answer, labels, n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else f"; its answers are 1 to {len(answers)}"
    return None, f"answers '{question}' with '{answer}', which is none of its answers{hint}"


# -- guide links --------------------------------------------------------------------------


def _guide_problem(link: str, tree_dir: Path, sections: dict[Path, set[str]]) -> str:
    """What is wrong with a guide link, or '' (links to other sites are not checked)."""
    broken = broken_link(link, tree_dir, sections)
    if broken is None:
        return ""
    if not broken.anchor:
        return f"links to the guide page '{broken.page}', which does not exist"
    hint = did_you_mean(broken.anchor, broken.anchors)
    return f"links to '{link}', but {broken.page} has no section '#{broken.anchor}'{hint}"


# -- one tree's scenarios ---------------------------------------------------------------------


def check_tree_scenarios(
    trees: Sequence[Tree], source: Path, *, display_path: str | None = None
) -> tuple[int, list[TreeError]]:
    """Run the scenarios beside the tree file `source`, if there are any.

    Returns how many scenarios the file holds and the errors of those that
    fail (an unreadable or invalid file is errors too). `trees` is the tree
    in the language being built, then in every other language it reads in
    (`Reading.in_every_language`): labels match in any of them.
    """
    scenarios_path = scenarios_file(source)
    if not scenarios_path.is_file():
        return 0, []
    shown = str(scenarios_file(display_path)) if display_path else str(scenarios_path)
    try:
        data = scenarios_path.read_bytes()
    except OSError as exc:
        return 0, [TreeError(shown, 0, 0, f"cannot read the file: {exc.strerror}")]
    try:
        scenarios = parse_scenarios(data, shown)
    except TreeErrors as exc:
        return 0, exc.errors
    return len(scenarios), run_scenarios(scenarios, trees, path=shown, tree_dir=source.parent)
