"""Sentence boundaries follow the document: headings, list items, table rows, line breaks."""

import datetime as dt

import pytest

from generator.read import html_to_text, markdown_to_text, read_article_file, split_sentences


def sentences(text):
    found = split_sentences(text)
    for s in found:
        assert text[s.start : s.end] == s.text  # offsets stay exact
    return [s.text for s in found]


def test_a_markdown_heading_is_a_sentence_of_its_own():
    text = markdown_to_text("## Summary\nThe monitors counted 23 explosions north of Svitlodarsk.\n")
    assert sentences(text) == ["Summary", "The monitors counted 23 explosions north of Svitlodarsk."]


def test_a_plain_text_heading_never_merges_into_the_next_sentence():
    text = html_to_text("<p>Summary\nThe monitors counted 23 explosions north of Svitlodarsk.\nHighlights\nQuiet night in the south.</p>")
    assert sentences(text) == [
        "Summary", "The monitors counted 23 explosions north of Svitlodarsk.", "Highlights", "Quiet night in the south.",
    ]


@pytest.mark.parametrize(
    "body",
    [
        # a list straight after its lead-in line, no blank line (Markdown keeps it in the paragraph)
        "The Turkish side logged 7 breaches:\n- four in Idlib\n- two in Hama\n- one in Latakia\n",
        # a proper Markdown list
        "The Turkish side logged 7 breaches:\n\n* four in Idlib\n* two in Hama\n* one in Latakia\n",
        # numbered
        "The Turkish side logged 7 breaches:\n1. four in Idlib\n2. two in Hama\n3. one in Latakia\n",
    ],
)
def test_each_list_item_ends_a_sentence(body):
    found = sentences(markdown_to_text(body))
    assert found[0] == "The Turkish side logged 7 breaches:"
    assert [s.lstrip("-*0123456789. ") for s in found[1:]] == ["four in Idlib", "two in Hama", "one in Latakia"]


def test_table_rows_are_lines_of_their_own():
    markdown_table = "| Region | Explosions |\n|---|---|\n| Donetsk | 41 |\n| Luhansk | 9 |\n"
    assert sentences(markdown_to_text(markdown_table)) == ["Region | Explosions", "Donetsk | 41", "Luhansk | 9"]
    pasted = "Explosions by region\nDonetsk | 41\nLuhansk | 9\n"
    assert sentences(html_to_text("<p>" + pasted + "</p>")) == ["Explosions by region", "Donetsk | 41", "Luhansk | 9"]
    tabbed = "Donetsk\t41\nLuhansk\t9"
    assert sentences(html_to_text("<p>" + tabbed + "</p>")) == ["Donetsk | 41", "Luhansk | 9"]


def test_line_breaks_end_sentences_in_plain_text_but_wrapping_does_not(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(
        "DAILY REPORT\n"
        "Artillery fire was heard for most of the night around the eastern\n"
        "outskirts of the town, and monitors counted 12 impacts near the\n"
        "railway station.\n"
        "Casualties\n"
        "Two civilians were hurt in Avdiivka\n"
        "A school in Toretsk was damaged\n",
        encoding="utf-8",
    )
    article, problems = read_article_file(path, dt.date(2021, 3, 8))
    assert article is not None, problems
    assert sentences(article.text) == [
        "DAILY REPORT",
        "Artillery fire was heard for most of the night around the eastern outskirts of the town, "
        "and monitors counted 12 impacts near the railway station.",
        "Casualties",
        "Two civilians were hurt in Avdiivka",
        "A school in Toretsk was damaged",
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a line that plainly goes on: lower case next, or a preposition before the break
        ("Shelling killed two people in\nHorlivka on Sunday.", ["Shelling killed two people in\nHorlivka on Sunday."]),
        ("Shelling killed two people\nand wounded three.", ["Shelling killed two people\nand wounded three."]),
        # an abbreviation at the end of a line is still an abbreviation
        ("Talks were chaired by Gen.\nIvanov on Monday.", ["Talks were chaired by Gen.\nIvanov on Monday."]),
        # a short line with no stop, then a capital: a heading
        ("Update\nShelling resumed at dawn.", ["Update", "Shelling resumed at dawn."]),
        ("Shelling resumed.\n\nQuiet elsewhere.", ["Shelling resumed.", "Quiet elsewhere."]),
    ],
)
def test_split_sentences_on_text_with_line_breaks(text, expected):
    assert sentences(text) == expected


def test_offsets_are_exact_with_indents_and_blank_lines():
    text = "  Summary  \n\n   Night of shelling.   Two hurt in Avdiivka.\n- 3 in Donetsk region\n"
    assert sentences(text) == ["Summary", "Night of shelling.", "Two hurt in Avdiivka.", "- 3 in Donetsk region"]


def test_a_long_run_of_abbreviations_still_splits_correctly():
    text = "Gen. " * 2000 + "Ali left. Then he returned."
    assert sentences(text)[-1] == "Then he returned."
