"""Figures written in words: synonyms of the metrics, people counted by relation, and page stamps that are no counts.

Every sentence here is written for the test, in the shapes reports use.
"""

from __future__ import annotations

import pytest

from generator.figures import find_figures, find_numbers


def read(sentence: str) -> list[tuple[str, int]]:
    return [(f.metric, f.value) for f in find_figures(sentence) if f.subgroup is None]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Four villagers were martyred in the shelling.", [("killed", 4)]),
        ("The shelling led to the martyrdom of 12 civilians and injuring 30 others.", [("killed", 12), ("injured", 30)]),
        ("The strikes left 9 martyrs and 40 injuries at the hospital.", [("killed", 9), ("injured", 40)]),
        ("The fighting has claimed lives of more than 300 fighters.", [("killed", 300)]),
        ("Days of shelling forced 2,500 people to flee their homes.", [("displaced", 2500)]),
        ("About 80 families were forced to leave their homes overnight.", [("displaced", 80)]),
        ("The offensive caused the displacement of 40,000 people.", [("displaced", 40000)]),
    ],
)
def test_metric_synonyms(sentence, expected):
    assert read(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # idioms that hold the number inside them (metric table "idioms")
        ("The militia lost 17 men in two days of fighting around the airport.", [("killed", 17)]),
        ("A car bomb at the checkpoint claimed 11 lives on Sunday.", [("killed", 11)]),
        ("The landslide took 23 civilian lives.", [("killed", 23)]),
        ("At the crossing, 19 lives were lost when the boat capsized.", [("killed", 19)]),
        ("Of the convoy's passengers, 8 would lose their lives before dawn.", [("killed", 8)]),
        # a hedged past is still a figure, its sub-count after the verb's place a subgroup
        ("By evening as many as 45 people may have died in Deir ez-Zor, including 10 to 15 police officers.", [("killed", 45)]),
        # a toll word before the trigger: the number of people killed ... to/at N
        ("The raids brought the number killed in the eastern suburbs of the city since Thursday to at least 52.", [("killed", 52)]),
        ("A nurse put the number of villagers killed at up to 16.", [("killed", 16)]),
    ],
)
def test_toll_idioms(sentence, expected):
    assert read(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The army has lost 900 troops since the spring.",  # an army's losses (killed and wounded): no idiom of death
        "The party lost 12 seats in the vote.",
        "Aid workers warned that 30 people would lose their lives if the pass stayed shut.",  # a condition, not a toll
        "Medics saved 40 lives at the field hospital.",
    ],
)
def test_what_toll_idioms_do_not_read(sentence):
    assert read(sentence) == []


def test_a_hedged_toll_keeps_its_range_subgroup():
    [total, part] = find_figures("As many as 45 people may have died in Deir ez-Zor, including 10 to 15 police officers.")
    assert (total.value, total.qualifier) == (45, "up to")
    assert (part.value, part.value_max, part.subgroup) == (10, 15, "police officers")


@pytest.mark.parametrize(
    "sentence, part",
    [
        # the part of a total after "of them": people named by several words, or a place
        ("Across the north, 31 people were killed on Tuesday, the monitor said, nine of them Free Homs Brigade fighters in Daraa.",
         (9, None, "Free Homs Brigade fighters")),
        ("Ten soldiers were killed, three of them in Hama.", (3, None, "in Hama")),
        ("Up to 90 people may have died on Monday, including 40 to 50 army deserters shot near Saraqeb.", (40, 50, "army deserters")),
    ],
)
def test_the_part_of_a_total_is_its_subgroup(sentence, part):
    assert [(f.value, f.value_max, f.subgroup) for f in find_figures(sentence) if f.subgroup] == [part]


def test_a_running_toll_after_the_number_killed_is_cumulative():
    import datetime as dt

    from generator.events import extract_article
    from generator.model import Article

    text = "Air raids hit the eastern suburbs on Saturday. The raids brought the number killed in the eastern suburbs since Thursday to at least 52."
    extraction = extract_article(Article(path="a.md", slug="a", title="A", published=dt.date(2019, 3, 10), text=text))
    [figure] = [f for e in extraction.events for f in e.figures]
    assert (figure.value, figure.qualifier, figure.span) == (52, "at least", "cumulative")
    assert not [p for p in extraction.problems if p.stage == "figures"]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("In the village a woman and her eight-year-old child were killed.", [("killed", 2)]),
        ("A shepherd and his three sons were killed by a mine.", [("killed", 4)]),
        ("A teacher and her husband died when the house collapsed.", [("killed", 2)]),
        ("Five members of one family were killed in the raid.", [("killed", 5)]),
        ("A man and his daughter were wounded, and a woman was killed.", [("injured", 2), ("killed", 1)]),
    ],
)
def test_people_counted_by_relation(sentence, expected):
    assert read(sentence) == expected


@pytest.mark.parametrize(
    "sentence, values",
    [
        (" date 2019-03-07 Shelling kills 4 people near the border", [4]),
        ("date 2020-11-02", []),
        ("Updated 07.03.2019: two people were killed.", [2]),
        ("Posted 2019/03/07 by the editor", []),
    ],
)
def test_a_page_date_stamp_gives_no_numbers(sentence, values):
    assert [m.value for m in find_numbers(sentence)] == values


def test_a_number_next_to_a_metric_word_that_gives_no_figure_is_reported_with_its_sentence():
    import datetime as dt

    from generator.events import extract_article
    from generator.figures import unread_numbers
    from generator.model import Article

    assert [m.text for m in unread_numbers("Wounded: 14 in the old town", [])] == ["14"]
    assert [m.text for m in unread_numbers("Officials said 40 lives hung on the fuel supply.", [])] == ["40"]
    assert unread_numbers("Fourteen people were wounded.", find_figures("Fourteen people were wounded.")) == []
    text = "Shelling hit the old town on Monday. Shells hit the bakery on Monday; the wounded numbered 14."
    extraction = extract_article(Article(path="a.md", slug="a", title="A", published=dt.date(2019, 3, 5), text=text))
    warnings = [p for p in extraction.problems if p.stage == "figures"]
    assert [(p.severity, p.reason) for p in warnings] == [
        ("warning", "possible figure not read ('14'): Shells hit the bakery on Monday; the wounded numbered 14.")]


def test_each_number_is_compared_with_the_nearest_metric_words_only(monkeypatch):
    # issue 11: every number was compared with every metric word of the sentence (quadratic in one long list)
    from generator import figures

    class Counting:
        calls = 0

        def match(self, gap):
            Counting.calls += 1
            return near.match(gap)

    near = figures._NEAR
    monkeypatch.setattr(figures, "_NEAR", Counting())
    sentence = "Wounded: " + ", ".join(f"{n} in block {n} wounded" for n in range(10, 410)) + "."
    unread = figures.unread_numbers(sentence, [])
    assert len(unread) >= 400
    assert Counting.calls <= 2 * len(figures.find_numbers(sentence))
