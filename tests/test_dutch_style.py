"""The rules of docs/STYLE-nl.md that a program can check honestly, on every
Dutch page and on the Dutch interface words. The rest of the note (hij for
the opdrachtgever, klant or opdrachtgever chosen right) needs a reader."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from decisiontree.strings import STRINGS

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "docs" / "nl").rglob("*.md"))
GENERATED = re.compile(r"<!-- bench:start -->.*?<!-- bench:end -->", re.S)
CODE = re.compile(r"^ {0,3}(`{3,}|~{3,}).*?^ {0,3}\1[ \t]*$|`[^`\n]+`", re.S | re.M)

UNITS = r"(?:s|ms|KB|KiB|MB|GB|%|seconden?|minuten?)"
"""Not uur: 14.30 uur is how Dutch writes a time."""
MONTHS = "january february march may june july august october"
"""The English months whose Dutch name is spelled differently (april is Dutch too)."""
DAYS = "monday tuesday wednesday thursday friday saturday sunday"

RULES: dict[str, tuple[re.Pattern[str], str]] = {
    "formal address": (re.compile(r"\b(?:u|uw|uzelf)\b", re.I), "address the reader as je, jij, jouw"),
    "decimal point": (
        re.compile(rf"\b\d+\.\d{{1,2}}(?!\d)\s?{UNITS}\b"),
        "write decimals with a comma: 1,8 s",
    ),
    "dollar amount": (re.compile(r"\$\s?\d|\d\s?\$"), "give amounts in euro: € 59"),
    "euro without space": (re.compile(r"€\d"), "put a space after the euro sign: € 59"),
    "English month or day": (
        re.compile(rf"\b(?:{'|'.join((MONTHS + ' ' + DAYS).split())})\b", re.I),
        "write dates as 2 december 2026 and days as maandag",
    ),
    "reactietijd": (re.compile(r"\breactietijd", re.I), "the term is reactietermijn"),
    "briefing": (re.compile(r"\bbriefings?\b", re.I), "say opdracht or voorstel"),
    "in termen van": (re.compile(r"\bin termen van\b", re.I), "an English construction; say what is meant"),
    "betaalt zich uit": (re.compile(r"\bbetaal[td]?e?n? zich (?:\w+ )?uit\b", re.I), "say loont"),
    "is hoe": (re.compile(r", is hoe\b", re.I), "an English construction (is how); rewrite the sentence"),
}
"""Name -> (what breaks the rule, how to fix it)."""

ENGLISH_THOUSANDS = re.compile(r"\b[1-9]\d{0,2}(?:,\d{3})+(?!\d)")
"""1,000 in prose. Checked outside the bench table only: there a ratio such
as 1,260 is a Dutch decimal."""


def prose(text: str) -> str:
    """The text a reader reads as Dutch: code blocks and inline code left out,
    lines kept so that line numbers stay right."""
    return CODE.sub(lambda m: "\n" * m.group(0).count("\n"), text)


def problems(text: str, where: str, *, thousands: bool = True) -> list[str]:
    """Every broken rule, as `where:line: rule ('text'): how to fix it`."""
    rules = dict(RULES)
    if thousands:
        rules["thousands separator"] = (ENGLISH_THOUSANDS, "write 10.000, not 10,000")
    found = []
    for number, line in enumerate(prose(text).splitlines(), 1):
        for name, (pattern, fix) in rules.items():
            found += [f"{where}:{number}: {name} ({m.group(0)!r}): {fix}" for m in pattern.finditer(line)]
    return found


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(ROOT / "docs" / "nl").as_posix() for p in PAGES])
def test_each_dutch_page_follows_the_checkable_style_rules(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    where = page.relative_to(ROOT).as_posix()
    outside_bench = GENERATED.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    found = sorted(set(problems(text, where, thousands=False) + problems(outside_bench, where)))
    assert found == [], "\n".join(found)


def test_the_dutch_interface_words_follow_the_checkable_style_rules() -> None:
    found = [p for key, text in STRINGS["nl"].items() for p in problems(text, f"strings.py[{key!r}]")]
    assert found == [], "\n".join(found)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Kunt u dit lezen?", "formal address"),
        ("Bekijk uw offerte.", "formal address"),
        ("First Contentful Paint: 1.8 s", "decimal point"),
        ("een thema van $59", "dollar amount"),
        ("een thema van €59", "euro without space"),
        ("Beantwoord op March 2, 2026", "English month or day"),
        ("Elke Monday de helpdesk", "English month or day"),
        ("reactietijden in beide richtingen", "reactietijd"),
        ("Stuur de briefing door.", "briefing"),
        ("Leg het uit in termen van passen.", "in termen van"),
        ("Geduld betaalt zich altijd uit.", "betaalt zich uit"),
        ("Alleen op prijs gekozen worden, is hoe klanten kiezen.", "is hoe"),
        ("Een boom van 10,000 knopen.", "thousands separator"),
    ],
)
def test_each_rule_catches_the_smallest_text_that_breaks_it(text: str, rule: str) -> None:
    assert any(f": {rule}" in p for p in problems(text, "t")), problems(text, "t")


@pytest.mark.parametrize(
    "text",
    [
        "Kijk uit, je uren lopen uit.",
        "Het duurt 1,8 s; een boom van 10.000 knopen; 1.000 KB.",
        "Python 3.11.7 en Lighthouse 12.2.3",
        "Een thema van € 59, op 2 december 2026, maandag om 14.30 uur.",
        "`$ make bench` en:\n\n```\n1.8 s\n```\n",
        "Reactietermijnen en een opdracht; dat loont.",
    ],
)
def test_correct_dutch_passes(text: str) -> None:
    assert problems(text, "t") == []
