"""The rules of docs/STYLE-nl.md that a program can check honestly, on every
Dutch page, every `nl:` text of the trees and their scenarios, and the Dutch
interface words. The rest of the note (hij for the opdrachtgever, klant or
opdrachtgever chosen right) needs a reader."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from decisiontree.strings import STRINGS

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "docs" / "nl").rglob("*.md"))
TREE_FILES = sorted([*(ROOT / "docs" / "en").rglob("*.tree.yml"), *(ROOT / "docs" / "en").rglob("*.scenarios.yml")])
GENERATED = re.compile(r"<!-- bench:start -->.*?<!-- bench:end -->", re.S)
CODE = re.compile(r"^ {0,3}(`{3,}|~{3,}).*?^ {0,3}\1[ \t]*$|`[^`\n]+`", re.S | re.M)

UNITS = r"(?:s|ms|KB|KiB|MB|GB|%|seconden?|minuten?)"
"""Not uur: 14.30 uur is how Dutch writes a time."""
MONTHS = "january february march may june july august october"
"""The English months whose Dutch name is spelled differently (april is Dutch too)."""
DAYS = "monday tuesday wednesday thursday friday saturday sunday"
SENTENCE = r"[^.?!'‘’\"“”]"
"""A character inside one sentence or one quotation."""
YOU = r"\b(?:je|jij|jou|jouw)\b"

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
    "prijzen for pricing": (
        re.compile(
            r"\b(?:prijst|geprijsd)\b|\b(?:apart|vooraf|los) (?:\w+ ){0,2}prijzen\b|\bprijs ik\b"
            r"|(?-i:\bPrijs (?:de|het|je|extra|alle|elke|dit|dat|ze)\b)",
            re.I,
        ),
        "prijzen reads as praise: say reken apart, zet een prijs op or maak een offerte",
    ),
    "data for dates": (
        re.compile(r"\bdata (?:mis|haal|hal|schuif|schuiv|verschuif|verschuiv)\w*", re.I),
        "data reads as gegevens: say datums, opleverdatums or deadlines",
    ),
    "compound in two words": (
        re.compile(
            r"\bstandaard (?:basis|webwinkel|winkel|pakket|thema|installatie|deel|werk|aanbod|product|sjabloon)\w*\b"
            r"|\bopen lig(?:t|gen)\b",
            re.I,
        ),
        "write it as one word: standaardbasis, openligt",
    ),
    "het eens without te zijn": (
        re.compile(r"\blijk(?:t|en)? het (?:\w+ ){0,2}eens\b(?! te zijn)", re.I),
        "we lijken het eens te zijn",
    ),
    "je and jullie in one question": (
        re.compile(rf"{YOU}{SENTENCE}*\bjullie\b{SENTENCE}*\?|\bjullie\b{SENTENCE}*{YOU}{SENTENCE}*\?", re.I),
        "address one person as je, or a company as jullie, not both in one question",
    ),
    "je with allebei": (
        re.compile(r"\b(?:je|jij) (?:hebt|bent|moet|wilt|kunt|zult) allebei\b", re.I),
        "je is one person: say jullie allebei, or beide kanten",
    ),
    "stapt in de visie": (
        re.compile(r"\bstap\w* in (?:de|zijn|haar|hun|een) visie\b", re.I),
        "an English construction (signs up for): say gaat er volledig voor",
    ),
    "koopt zich in": (
        re.compile(r"\bkoop\w* zich (?:erin |er )?in\b", re.I),
        "zich inkopen is buying a stake: say gaat erin mee or raakt betrokken",
    ),
    "pijn doet in a heading": (
        re.compile(r"^#{1,6} .*\bpijn doet\b", re.I),
        "say in the heading what goes wrong",
    ),
}
"""Name -> (what breaks the rule, how to fix it)."""

ENGLISH_THOUSANDS = re.compile(r"\b[1-9]\d{0,2}(?:,\d{3})+(?!\d)")
"""1,000 in prose. Checked outside the bench table only: there a ratio such
as 1,260 is a Dutch decimal."""


def prose(text: str) -> str:
    """The text a reader reads as Dutch: code blocks and inline code left out,
    lines kept so that line numbers stay right."""
    return CODE.sub(lambda m: "\n" * m.group(0).count("\n"), text)


def problems(text: str, where: str, *, thousands: bool = True, first_line: int = 1, field: str = "") -> list[str]:
    """Every broken rule, as `where:line: [field: ]rule ('text'): how to fix it`;
    `first_line` is the line of the file the text begins on."""
    rules = dict(RULES)
    if thousands:
        rules["thousands separator"] = (ENGLISH_THOUSANDS, "write 10.000, not 10,000")
    found = []
    for number, line in enumerate(prose(text).splitlines(), first_line):
        for name, (pattern, fix) in rules.items():
            found += [f"{where}:{number}: {field}{name} ({m.group(0)!r}): {fix}" for m in pattern.finditer(line)]
    return found


def _field(path: list[str | int], names: dict[int, str]) -> str:
    """`node 'x', field 'answers[2].label'` for a tree, `scenario 'x', field
    'person'` for a scenario, `field 'title'` for the rest; list positions
    count from 1, as the tree checker names them."""
    owner = ""
    if len(path) > 1 and path[0] == "nodes":
        owner, path = f"node '{path[1]}', ", path[2:]
    elif len(path) > 1 and path[0] == "scenarios" and isinstance(path[1], int):
        owner, path = f"scenario '{names.get(path[1], path[1])}', ", path[2:]
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else part
    return f"{owner}field '{text}'"


def dutch_texts(source: str) -> list[tuple[int, str, str]]:
    """Every `nl:` text of a tree or scenarios file: (the file line its first
    line is on, which node and field it is, the text)."""
    found: list[tuple[int, str, str]] = []
    names: dict[int, str] = {}

    def walk(node: yaml.Node, path: list[str | int]) -> None:
        if isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value, 1):
                if path == ["scenarios"] and isinstance(item, yaml.MappingNode):
                    name = next((v.value for k, v in item.value if k.value == "name"), None)
                    if isinstance(name, str):
                        names[index] = name
                walk(item, [*path, index])
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == "nl" and isinstance(value, yaml.ScalarNode):
                    # A block text (| or >) begins on the line after its indicator.
                    line = value.start_mark.line + (2 if value.style in ("|", ">") else 1)
                    found.append((line, _field(path, names), value.value))
                else:
                    walk(value, [*path, key.value])

    root = yaml.compose(source)
    if root is not None:
        walk(root, [])
    return found


def tree_problems(source: str, where: str) -> list[str]:
    return [
        p
        for line, field, text in dutch_texts(source)
        for p in problems(text, where, first_line=line, field=f"{field}: ")
    ]


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(ROOT / "docs" / "nl").as_posix() for p in PAGES])
def test_each_dutch_page_follows_the_checkable_style_rules(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    where = page.relative_to(ROOT).as_posix()
    outside_bench = GENERATED.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    found = sorted(set(problems(text, where, thousands=False) + problems(outside_bench, where)))
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("tree", TREE_FILES, ids=[p.name for p in TREE_FILES])
def test_each_dutch_text_of_the_trees_follows_the_checkable_style_rules(tree: Path) -> None:
    source = tree.read_text(encoding="utf-8")
    assert dutch_texts(source), f"{tree.name} has no nl texts"
    found = tree_problems(source, tree.relative_to(ROOT).as_posix())
    assert found == [], "\n".join(found)


def test_a_finding_in_a_tree_names_its_line_node_and_field() -> None:
    source = (
        "title: {en: A tree, nl: Een boom}\n"
        "nodes:\n"
        "  first:\n"
        "    help:\n"
        "      en: Send the briefing.\n"
        "      nl: |\n"
        "        Goed.\n"
        "        Stuur de briefing door.\n"
        "    answers:\n"
        "      - label: {en: Yes, nl: 'Ja, binnen de reactietijd'}\n"
        "scenarios:\n"
        "  - name: late\n"
        "    person: {en: Late, nl: 'Zijn data schuiven steeds'}\n"
    )
    found = tree_problems(source, "t.yml")
    assert found == [
        "t.yml:8: node 'first', field 'help': briefing ('briefing'): say opdracht or voorstel",
        "t.yml:10: node 'first', field 'answers[1].label': reactietijd ('reactietijd'): the term is reactietermijn",
        (
            "t.yml:13: scenario 'late', field 'person': data for dates ('data schuiven'): "
            "data reads as gegevens: say datums, opleverdatums or deadlines"
        ),
    ], found


def _bench() -> ModuleType:
    """bench/bench.py, which writes the table of the performance pages (not a package)."""
    spec = importlib.util.spec_from_file_location("bench_table", ROOT / "bench" / "bench.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def test_the_dutch_bench_table_names_lighthouse_findings_in_dutch() -> None:
    bench = _bench()
    # A report as Lighthouse's Dutch translation gives it: metric names stay English.
    report = {
        "categories": {
            "performance": {"auditRefs": [{"id": "first-contentful-paint", "weight": 10}, {"id": "unused-css-rules"}]}
        },
        "audits": {
            "first-contentful-paint": {"score": 0.8, "title": "First Contentful Paint", "displayValue": "1,8 s"},
            "unused-css-rules": {
                "score": 0.4,
                "title": "Beperk niet-gebruikte css",
                "displayValue": "Potentiële besparing van 16 KiB",
            },
        },
    }
    audit = bench.Audit("start", scores={"performance": 97, "accessibility": 100, "best-practices": 100, "seo": 100})
    audit.failing["nl"] = {"performance": bench.failing_audits(report, "performance", "nl")}
    results = bench.Results(5, 5, "MkDocs 1.6.1", 2, [], [], None, [], [audit], 12.0, (0.5, 0.7))
    table = bench.table(results, "nl")
    assert (
        "- startpagina van een zelftest, prestaties 97: `first-contentful-paint` (eerste inhoud in beeld: 1,8 s); "
        "`unused-css-rules` (Beperk niet-gebruikte css: potentiële besparing van 16 KiB)"
    ) in table, table
    assert "Contentful" not in table
    assert problems(table, "table", thousands=False) == []
    assert bench.failing_audits(report, "performance", "en")[0] == (
        "first-contentful-paint",
        "First Contentful Paint: 1,8 s",
    )


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
        ("Prijs extra's vooraf.", "prijzen for pricing"),
        ("Je prijst ze apart.", "prijzen for pricing"),
        ("Dat kan ik apart voor je prijzen.", "prijzen for pricing"),
        ("Wijzigingen prijs ik apart.", "prijzen for pricing"),
        ("Je krijgt korting als jij je data mist.", "data for dates"),
        ("een standaard basis", "compound in two words"),
        ("zolang de relatie nog open ligt", "compound in two words"),
        ("We lijken het eens, maar", "het eens without te zijn"),
        ("'Wil je dat ik uitvoer wat jullie hebben besloten?'", "je and jullie in one question"),
        ("Je hebt allebei afspraken op papier nodig.", "je with allebei"),
        ("Hij stapt in de visie van de klant.", "stapt in de visie"),
        ("De klant koopt zich erin in.", "koopt zich in"),
        ("## Waar het pijn doet", "pijn doet in a heading"),
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
        "Reken extra's apart; de prijzen staan vooraf vast; zet een prijs op de wijziging.",
        "Prijs en omvang liggen vast, en de prijs de hoogte in jagen helpt niet.",
        "Als jij je deadlines niet haalt; de data van de bezoekers.",
        "Een standaardbasis; de relatie ligt nog open; zolang die openligt; het is standaard.",
        "We lijken het eens te zijn.",
        "Zoals 'Wie beslist er bij jullie over het ontwerp?' of 'Wil je dat ik het uitvoer?'",
        "Jullie hebben allebei afspraken nodig; zolang jullie dat allebei weten.",
        "Hij gaat er volledig voor; het doet pijn om te zien.",
    ],
)
def test_correct_dutch_passes(text: str) -> None:
    assert problems(text, "t") == []
