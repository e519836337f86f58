"""The Dutch pages say everything the English ones say: every section of an
English page has a Dutch counterpart, and every page and anchor an English
page links to is linked from its Dutch page too.

Section titles differ between the languages, so the counterparts are named
here, English anchor to Dutch anchor, page by page. A Dutch page may have
sections of its own; an English one may not lose its counterpart."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from markdown.extensions.toc import slugify, unique

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

SECTIONS: dict[str, dict[str, str | tuple[str, ...]]] = {
    "index.md": {
        "who-this-is-for": "voor-wie",
        "the-guide": "de-gids",
    },
    "authoring.md": {
        "adding-a-tree": "een-boom-toevoegen",
        "where-tree-files-live": "waar-boombestanden-staan",
        "the-tree-format": "hoe-een-boom-eruitziet",
        "fields": "velden",
        "two-languages": "twee-talen",
        "links": "links",
        "trust": "vertrouwen",
        "checking-a-tree": "een-boom-controleren",
        "the-commonest-slips": "de-meest-gemaakte-vergissingen",
        "in-your-editor": "in-je-editor",
        "reviewing-the-paths": "de-routes-nalopen",
        "scenarios": "scenarios",
        "exporting-a-tree": "een-boom-exporteren",
        "the-json-shape": "de-opbouw-van-de-json",
        "writing-pages-without-mkdocs": "paginas-maken-zonder-mkdocs",
        "starting-a-new-tree": "een-nieuwe-boom-beginnen",
        "exit-codes": "afsluitcodes",
        "building-with-zensical": "bouwen-met-zensical",
    },
    "performance.md": {
        "what-is-measured-and-why": "wat-er-gemeten-wordt-en-waarom",
        "targets": "doelen",
        "budgets-checked-on-every-change": "budgetten-die-bij-elke-wijziging-worden-gecontroleerd",
        "results": "uitkomsten",
        "later-changes-measured-one-by-one": "latere-wijzigingen-elk-apart-gemeten",
        "measure-it-yourself": "zelf-meten",
        "targets-missed": "niet-gehaalde-doelen",
    },
    "guide/customers-and-clients.md": {
        "vendor-and-customer": "leverancier-en-klant",
        "consultant-and-client": "adviseur-en-opdrachtgever",
        "the-same-task-two-relationships": "dezelfde-klus-twee-relaties",
        "why-mixing-them-up-hurts-both-sides": "als-de-rollen-door-elkaar-lopen",
        "which-one-are-you": "wat-ben-jij",
    },
    "guide/differences.md": {
        "at-a-glance": "het-overzicht",
        "always-right-or-always-heard": "koning-of-gehoord",
        "who-chooses-whom": "wie-kiest-wie",
        "whose-vision-leads": "wiens-visie-telt",
        "satisfaction-or-success": ("tevredenheid-of-succes", "de-vuistregel"),
        "putting-the-differences-to-work": "de-verschillen-in-de-praktijk",
    },
    "guide/decide.md": {
        "why-most-web-agencies-and-designers-are-consultants": "waarom-de-meeste-webbureaus-adviseur-zijn",
        "what-vendor-work-looks-like": "zo-ziet-leverancierswerk-eruit",
        "keep-vendor-work-in-the-profitable-range": "winstgevend-blijven-als-leverancier",
        "doing-both-at-once": "allebei-doen",
        "keeping-the-two-apart": "houd-de-twee-gescheiden",
        "check-your-own-mix": "bekijk-je-eigen-mix",
    },
    "guide/set-the-terms.md": {
        "agree-on-the-relationship-first": "spreek-de-soort-relatie-af",
        "write-it-down": "wat-er-in-het-contract-hoort",
        "warning-signs": "waarschuwingssignalen",
        "why-stepping-out-early-beats-stepping-out-late": "liever-vroeg-afhaken-dan-laat",
        "how-to-decline-with-respect": "netjes-nee-zeggen",
    },
    "guide/expertise-and-realism.md": {
        "you-are-the-expert": "jij-bent-de-expert",
        "people-dont-hand-over-control-easily": "waarom-loslaten-moeilijk-is",
        "the-client-owns-the-product": "het-product-is-van-de-opdrachtgever",
        "trust-grows-over-time": "vertrouwen-groeit",
        "bring-them-into-decision-meetings": "haal-de-opdrachtgever-erbij",
        "invest-in-people-skills-not-persuasion": "mensenkennis-boven-overtuigingskracht",
    },
    "guide/respect.md": {
        "respect-the-other-side": "respect-voor-de-ander",
        "saying-no-and-working-late": "nee-zeggen-en-doorwerken",
        "respect-yourself": "respect-voor-jezelf",
        "respect-your-team": "respect-voor-je-team",
        "respect-starts-with-naming-the-relationship": "respect-begint-bij-duidelijkheid",
    },
    "guide/reflect.md": {
        "after-a-project": "na-afloop-van-een-project",
        "when-a-client-behaved-like-a-customer": "een-opdrachtgever-die-zich-als-klant-gedroeg",
        "when-a-customer-behaved-like-a-client": "een-klant-die-een-opdrachtgever-wilde-zijn",
        "turning-answers-into-changes": "van-antwoorden-naar-veranderingen",
        "glossary": "begrippen",
    },
}
"""Per page (relative to docs/<lang>/): English section anchor -> the anchor
of its Dutch counterpart, or the anchors of the Dutch sections it was split
into. Every H2 and H3 of the English page is listed."""

PAGES = sorted(SECTIONS)

FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
"""A fence opens or closes a code block; indented too, as inside a content tab or an admonition."""
INLINE_CODE = re.compile(r"(`+).+?\1")
HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
ATTRIBUTES = re.compile(r"[ \t]*\{:?([^}]*)\}[ \t]*$")
LINK = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


@dataclass(frozen=True)
class Section:
    level: int
    title: str
    anchor: str
    line: int


def prose(text: str) -> list[tuple[int, str]]:
    """The numbered lines of a Markdown page outside fenced code blocks."""
    lines, fence = [], ""
    for number, line in enumerate(text.splitlines(), 1):
        opened = FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            continue
        if opened:
            fence = opened.group(1)
            continue
        lines.append((number, line))
    return lines


def sections(text: str) -> list[Section]:
    """Every heading, with the anchor the site gives it: an explicit
    `{#id}` wins, otherwise the title slugified as the toc extension does."""
    found: list[Section] = []
    used: set[str] = set()
    for number, line in prose(text):
        match = HEADING.match(line)
        if not match:
            continue
        title = match.group(2)
        explicit = None
        attributes = ATTRIBUTES.search(title)
        if attributes:
            title = title[: attributes.start()]
            explicit = next((a[1:] for a in attributes.group(1).split() if a.startswith("#")), None)
        plain = re.sub(r"[*_`]|\[([^\]]*)\]\([^)]*\)", r"\1", title).strip()
        anchor = explicit or unique(slugify(plain, "-"), used)
        used.add(anchor)
        found.append(Section(len(match.group(1)), plain, anchor, number))
    return found


def link_targets(text: str, page: str) -> set[tuple[str, str]]:
    """The (page, anchor) pairs a page links to, paths relative to docs/<lang>/;
    other sites and mail addresses left out."""
    targets = set()
    for _, line in prose(text):
        for target in LINK.findall(INLINE_CODE.sub("", line)):
            if re.match(r"[a-z]+:", target):
                continue
            path, _, anchor = target.partition("#")
            path = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
            targets.add((path, anchor))
    return targets


def read(lang: str, page: str) -> str:
    return (DOCS / lang / page).read_text(encoding="utf-8")


def counterparts(page: str, anchor: str) -> tuple[str, ...]:
    """The Dutch anchors of an English section; none if it is not named."""
    found = SECTIONS.get(page, {}).get(anchor, ())
    return (found,) if isinstance(found, str) else found


def test_every_english_page_is_compared() -> None:
    english = {p.relative_to(DOCS / "en").as_posix() for p in (DOCS / "en").rglob("*.md")}
    missing = sorted(english - set(SECTIONS))
    assert missing == [], f"add {missing} to SECTIONS in tests/test_parity.py, with their sections' Dutch anchors"


@pytest.mark.parametrize("page", PAGES)
def test_every_english_section_has_a_dutch_counterpart(page: str) -> None:
    english = [s for s in sections(read("en", page)) if s.level in (2, 3)]
    dutch = {s.anchor for s in sections(read("nl", page))}
    mapping = SECTIONS[page]
    problems = []
    for s in english:
        if s.anchor not in mapping:
            problems.append(
                f'docs/en/{page}:{s.line}: section "{s.title}" (#{s.anchor}) has no Dutch counterpart named: '
                f"write it in docs/nl/{page} and add '{s.anchor}': '<its Dutch anchor>' to SECTIONS in tests/test_parity.py"
            )
        for missing in [a for a in counterparts(page, s.anchor) if a not in dutch]:
            problems.append(
                f'docs/nl/{page}: the Dutch counterpart of "{s.title}" (#{s.anchor}) is missing: '
                f"write a section whose anchor is #{missing} in docs/nl/{page}, "
                f"or correct its entry in SECTIONS in tests/test_parity.py"
            )
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("page", PAGES)
def test_the_mapping_names_only_sections_the_english_page_has(page: str) -> None:
    english = {s.anchor for s in sections(read("en", page))}
    stale = sorted(set(SECTIONS[page]) - english)
    assert stale == [], f"docs/en/{page} has no sections {stale}: remove them from SECTIONS in tests/test_parity.py"


@pytest.mark.parametrize("page", PAGES)
def test_every_link_target_of_an_english_page_is_linked_from_its_dutch_page(page: str) -> None:
    dutch = link_targets(read("nl", page), page)
    problems = []
    for path, anchor in sorted(link_targets(read("en", page), page)):
        wanted = counterparts(path, anchor) if anchor else ("",)
        if not wanted:
            problems.append(
                f"docs/en/{page} links to {path}#{anchor}, a section with no Dutch counterpart named: "
                f"add it to SECTIONS['{path}'] in tests/test_parity.py"
            )
        elif not any((path, a) in dutch for a in wanted):
            shown = " or ".join(f"{path}#{a}" if a else path for a in wanted)
            problems.append(
                f"docs/nl/{page} does not link to {shown}, which the English page links to "
                f"({path}{'#' + anchor if anchor else ''}): add the link where the Dutch text says the same"
            )
    assert problems == [], "\n".join(problems)


# The parser itself, on the smallest pages that would fool a simpler one.


def test_headings_in_code_blocks_are_not_sections() -> None:
    text = "## Real\n\n```md\n## Not a section\n```\n\n~~~~\n```\n## Nor this\n~~~~\n### Also real\n"
    assert [s.anchor for s in sections(text)] == ["real", "also-real"]


def test_an_explicit_id_wins_over_the_title() -> None:
    text = "## Write it down {#write-it-down}\n## Wat er in het contract hoort { #contract .wide }\n"
    assert [(s.title, s.anchor) for s in sections(text)] == [
        ("Write it down", "write-it-down"),
        ("Wat er in het contract hoort", "contract"),
    ]


def test_anchors_are_slugified_as_the_site_does() -> None:
    text = "## Één vraag, *twee* antwoorden?\n## People don't hand over control easily\n## Een vraag\n## Een vraag\n"
    assert [s.anchor for s in sections(text)] == [
        "een-vraag-twee-antwoorden",
        "people-dont-hand-over-control-easily",
        "een-vraag",
        "een-vraag_1",
    ]


def test_links_in_code_are_not_link_targets() -> None:
    text = (
        "Write `[decide](../guide/decide.md)` or `` `[x](y.md)` ``, see [real](real.md).\n\n"
        '=== "JSON"\n\n    ```json\n    "help": "Read [more](../guide.md#spec)."\n    ```\n\n'
        "!!! note\n\n    Also [this](note.md).\n"
    )
    assert link_targets(text, "authoring.md") == {("real.md", ""), ("note.md", "")}


def test_link_targets_are_resolved_against_the_page() -> None:
    text = "[a](differences.md#het-overzicht) [b](../self-assessment/x/index.md) [c](#boven) [d](https://example.org/)"
    assert link_targets(text, "guide/decide.md") == {
        ("guide/differences.md", "het-overzicht"),
        ("self-assessment/x/index.md", ""),
        ("guide/decide.md", "boven"),
    }
