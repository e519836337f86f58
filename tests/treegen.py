"""Generated trees of a given shape and size, and the budgets they are held to, for the tests and the bench.

One generator per shape: `balanced` (a binary tree of questions, each also
able to stop), `converging` (a binary tree whose last answers share eight
outcomes), `chain` (questions in a row), `ladder` (questions in a row whose
two answers both lead on: 2**depth paths) and `fan` (one question with many
answers). `balanced` writes short texts by default; with `real_texts=True`
its questions, help texts, labels and outcomes are about as long as the real
trees' (what the bench builds).

The budgets are here once, for the budget and scale tests and the bench;
1 KB is 1,000 bytes, as on the performance page.
"""

from __future__ import annotations

PAGE_LIMIT = 60_000
"""Largest question or outcome page, in bytes: its built HTML in the budget tests and
the bench, its generated Markdown in the scale tests."""
START_LIMIT = 250_000
"""Largest HTML of a tree's start page, in bytes, at any tree size."""
LINEAR = 2.3
"""Largest ratio of a measure (the pages' size, the work done) at 2n nodes to that at n nodes that counts as linear."""


def balanced(nodes: int, *, real_texts: bool = False) -> str:
    """Questions in a binary tree, each with a third answer to a shared outcome `stop`.

    `(nodes - 1) // 2` questions, so an even `nodes` gives exactly that many
    nodes; every answer that would lead below the last question leads to an
    outcome of its own instead.
    """
    questions = (nodes - 1) // 2
    lines = ["title: Balanced", "start: q0", "nodes:"]
    leaves: list[str] = []
    for k in range(questions):
        targets = []
        for child in (2 * k + 1, 2 * k + 2):
            if child < questions:
                targets.append(f"q{child}")
            else:
                targets.append(f"o{len(leaves)}")
                leaves.append(targets[-1])
        if real_texts:
            lines += [
                f"  q{k}:",
                f"    question: Question {k}, does the client decide what the finished work looks like?",
                f"    help: Think of the last project. *Who* wrote the brief, and who changed it along the way? (Step {k}.)",
                "    answers:",
                f"      - {{label: 'The client, in detail, before work starts', next: {targets[0]}}}",
                f"      - {{label: 'We work it out together as we go', next: {targets[1]}}}",
                "      - {label: 'Neither: stop here for now', next: stop}",
            ]
        else:
            lines += [
                f"  q{k}:",
                f"    question: Question {k}?",
                "    answers:",
                f"      - {{label: Left, next: {targets[0]}}}",
                f"      - {{label: Right, next: {targets[1]}}}",
                "      - {label: Stop here, next: stop}",
            ]
    for o in leaves:
        if real_texts:
            lines.append(
                f"  {o}: {{outcome: 'Outcome {o}: you work as a vendor', "
                f"summary: 'You sell a product to a specification, and the client judges the result ({o}).'}}"
            )
        else:
            lines.append(f"  {o}: {{outcome: Outcome {o}, summary: The walk ends at {o}.}}")
    lines.append("  stop: {outcome: Stopped, summary: Stopped early.}")
    return "\n".join(lines) + "\n"


def converging(questions: int) -> str:
    """A binary tree of `questions` questions; the last layer's answers share a few outcomes."""
    lines = ["title: Generated", "start: q0", "nodes:"]
    for i in range(questions):
        kids = [f"q{k}" for k in (2 * i + 1, 2 * i + 2) if k < questions]
        kids += [f"o{(i + k) % 8}" for k in range(2 - len(kids))]
        lines += [f"  q{i}:", f"    question: Question {i} of the generated tree?", "    answers:"]
        for j, kid in enumerate(kids):
            lines += [f"      - label: Answer {j + 1}", f"        next: {kid}"]
    for o in range(8):
        lines += [f"  o{o}:", f"    outcome: Outcome {o}", f"    summary: Summary {o}."]
    return "\n".join(lines) + "\n"


def chain(depth: int) -> str:
    """`depth` questions in a row; each also leads to the shared outcome `stop`."""
    lines = ["title: Chain", "start: q1", "nodes:"]
    for i in range(1, depth + 1):
        follow = f"q{i + 1}" if i < depth else "end"
        lines += [
            f"  q{i}:",
            f"    question: Question {i}?",
            "    answers:",
            f"      - {{label: Go on, next: {follow}}}",
            "      - {label: Stop, next: stop}",
        ]
    lines += ["  end: {outcome: End, summary: The end.}", "  stop: {outcome: Stopped, summary: Stopped early.}"]
    return "\n".join(lines) + "\n"


def ladder(depth: int) -> str:
    """A tree `depth` questions deep whose two answers both lead on: 2**depth paths."""
    lines = ["title: Ladder", "start: q0", "nodes:"]
    for i in range(depth):
        after = f"q{i + 1}" if i + 1 < depth else "end"
        lines += [f"  q{i}:", f"    question: Q{i}?", "    answers:"]
        lines += [f"      - {{label: A, next: {after}}}", f"      - {{label: B, next: {after}}}"]
    lines += ["  end:", "    outcome: End", "    summary: S"]
    return "\n".join(lines) + "\n"


def fan(answers: int) -> str:
    """One question with `answers` answers, each to an outcome of its own."""
    lines = ["title: Fan", "start: pick", "nodes:", "  pick:", "    question: Which one?", "    answers:"]
    lines += [f"      - {{label: Choice {i}, next: o{i}}}" for i in range(1, answers + 1)]
    lines += [f"  o{i}: {{outcome: Outcome {i}, summary: You chose {i}.}}" for i in range(1, answers + 1)]
    return "\n".join(lines) + "\n"
