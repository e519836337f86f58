"""Every word the generated pages and the chart script show, per language.

One table, so a language is added in one place and no template branches on
the language.
"""

from __future__ import annotations

from collections.abc import Mapping

STRINGS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "start": "Begin with the first question",
        "start_again": "Start again",
        "back": "Back",
        "outline": "All questions and outcomes",
        "outline_lead": "Every question, every answer and where it leads.",
        "outcomes": "Outcomes",
        "question": "Question",
        "answers": "Answers",
        "last_question": "Last question",
        "one_more": "1 more question",
        "n_more": "{n} more questions",
        "range_more": "{lo}–{hi} more questions",
        "up_to_more": "Up to {hi} more questions",
        "up_to_one": "Perhaps 1 more question",
        "result": "Your result",
        "how_you_get_here": "How you get here",
        "how_lead": "Every way through the questions that ends here.",
        "how_lead_capped": "The first {shown} of {total} ways through the questions that end here.",
        "more_paths": "…and {n} more ways.",
        "steps_elided": "…{n} more questions…",
        "your_answers": "Your answers",
        "change": "Change",
        "change_answer": "Change your answer to: {q}",
        "share": "Link to these answers",
        "share_lead": "Open this link to see this result with your answers, on any device.",
        "copy": "Copy link",
        "copied": "Link copied",
        "print": "Print or save as PDF",
        "answered_on": "Answered on {date}",
        "stale": "This link was made for an earlier version of this self-assessment, so its answers may no longer lead here. Please take it again.",
        "garbled": "The answers in this link could not be read. Please take the self-assessment again.",
        "chart": "Flowchart",
        "chart_title": "Flowchart of {title}",
        "chart_desc": "{questions} questions lead to {outcomes} outcomes. The list of all questions and outcomes on the start page says the same in text.",
        "chart_full": "See the whole flowchart",
        "you_are_here": "You are here",
        "neighbourhood": "The questions around this one",
        "neighbourhood_desc": "The questions just before and after this one, and where their answers lead. The whole flowchart is on the start page.",
        "chart_text": "The same as text: all questions and outcomes",
        "neighbourhood_desc_apart": "The questions just before and after this one, and where their answers lead. The whole flowchart is on a page of its own.",
        "chart_desc_apart": "{questions} questions lead to {outcomes} outcomes. The list of all questions and outcomes says the same in text.",
        "first_levels": "The first questions",
        "first_levels_desc": "The first questions and where their answers lead. The whole flowchart is on a page of its own.",
        "outline_first": "The first questions, every answer and where it leads.",
        "outline_parts": "Every question and outcome, on pages of their own:",
        "outline_questions": "Questions {first}–{last}",
        "outline_outcomes": "Outcomes {first}–{last}",
        "outline_page": "{part}: {title}",
        "outline_parts_nav": "All questions and outcomes",
        "previous_part": "Previous",
        "next_part": "Next",
        "outcome": "Outcome",
        "previous_answer": "Your earlier answer",
        # The chart's zoom controls.
        "chart_tools": "Chart size",
        "zoom_in": "Zoom in",
        "zoom_out": "Zoom out",
        "zoom_fit": "Fit",
        "full_screen": "Full screen",
        "close": "Close",
    },
    "nl": {
        "start": "Begin met de eerste vraag",
        "start_again": "Opnieuw beginnen",
        "back": "Terug",
        "outline": "Alle vragen en uitkomsten",
        "outline_lead": "Elke vraag, elk antwoord en waar het heen leidt.",
        "outcomes": "Uitkomsten",
        "question": "Vraag",
        "answers": "Antwoorden",
        "last_question": "Laatste vraag",
        "one_more": "Nog 1 vraag",
        "n_more": "Nog {n} vragen",
        "range_more": "Nog {lo} tot {hi} vragen",
        "up_to_more": "Nog hooguit {hi} vragen",
        "up_to_one": "Misschien nog 1 vraag",
        "result": "Je uitkomst",
        "how_you_get_here": "Hoe je hier uitkomt",
        "how_lead": "Alle routes door de vragen die hier eindigen.",
        "how_lead_capped": "De eerste {shown} van {total} routes door de vragen die hier eindigen.",
        "more_paths": "…en nog {n} routes.",
        "steps_elided": "…nog {n} vragen…",
        "your_answers": "Je antwoorden",
        "change": "Wijzigen",
        "change_answer": "Wijzig je antwoord op: {q}",
        "share": "Link naar deze antwoorden",
        "share_lead": "Met deze link zie je deze uitkomst en je antwoorden terug, op elk apparaat.",
        "copy": "Link kopiëren",
        "copied": "Link gekopieerd",
        "print": "Afdrukken of opslaan als pdf",
        "answered_on": "Beantwoord op {date}",
        "stale": "Deze link hoort bij een eerdere versie van deze zelftest; de antwoorden leiden misschien niet meer hierheen. Doe de zelftest opnieuw.",
        "garbled": "De antwoorden in deze link zijn niet te lezen. Doe de zelftest opnieuw.",
        "chart": "Stroomschema",
        "chart_title": "Stroomschema van {title}",
        "chart_desc": "{questions} vragen leiden naar {outcomes} uitkomsten. Op de startpagina staat hetzelfde in tekst: de lijst van alle vragen en uitkomsten.",
        "chart_full": "Bekijk het hele stroomschema",
        "you_are_here": "Je bent hier",
        "neighbourhood": "De vragen rondom deze vraag",
        "neighbourhood_desc": "De vragen vlak voor en na deze vraag, en waar hun antwoorden heen leiden. Het hele stroomschema staat op de startpagina.",
        "chart_text": "Hetzelfde in tekst: alle vragen en uitkomsten",
        "neighbourhood_desc_apart": "De vragen vlak voor en na deze vraag, en waar hun antwoorden heen leiden. Het hele stroomschema staat op een eigen pagina.",
        "chart_desc_apart": "{questions} vragen leiden naar {outcomes} uitkomsten. De lijst van alle vragen en uitkomsten zegt hetzelfde in tekst.",
        "first_levels": "De eerste vragen",
        "first_levels_desc": "De eerste vragen en waar hun antwoorden heen leiden. Het hele stroomschema staat op een eigen pagina.",
        "outline_first": "De eerste vragen, elk antwoord en waar het heen leidt.",
        "outline_parts": "Alle vragen en uitkomsten, op eigen pagina's:",
        "outline_questions": "Vragen {first}–{last}",
        "outline_outcomes": "Uitkomsten {first}–{last}",
        "outline_page": "{part}: {title}",
        "outline_parts_nav": "Alle vragen en uitkomsten",
        "previous_part": "Vorige",
        "next_part": "Volgende",
        "outcome": "Uitkomst",
        "previous_answer": "Je eerdere antwoord",
        # The chart's zoom controls.
        "chart_tools": "Grootte van het schema",
        "zoom_in": "Inzoomen",
        "zoom_out": "Uitzoomen",
        "zoom_fit": "Passend",
        "full_screen": "Volledig scherm",
        "close": "Sluiten",
    },
}


def strings_for(lang: str) -> Mapping[str, str]:
    """The table for `lang` (a regional code falls back to its language, then to English)."""
    return STRINGS.get(lang) or STRINGS.get(lang.split("-", maxsplit=1)[0]) or STRINGS["en"]


def number(lang: str, n: int) -> str:
    """A whole number as the language writes it: 1,000 in English, 1.000 in Dutch."""
    text = f"{n:,}"
    return text.replace(",", ".") if lang.split("-", maxsplit=1)[0] == "nl" else text


def progress(lang: str, lo: int, hi: int) -> str:
    """ "2–4 more questions", "1 more question", "Last question"."""
    s = strings_for(lang)
    if hi == 0:
        return s["last_question"]
    if lo == hi:
        return s["one_more"] if hi == 1 else s["n_more"].format(n=hi)
    if lo == 0:
        return s["up_to_one"] if hi == 1 else s["up_to_more"].format(hi=hi)
    return s["range_more"].format(lo=lo, hi=hi)
