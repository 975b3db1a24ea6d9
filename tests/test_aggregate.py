"""Aggregation: event order, tally dedup, one bulletin per day, key figures that never sum sources."""

import datetime as dt
from dataclasses import replace

import pytest

from generator.aggregate import aggregate, dedupe_tallies, same_reporter
from generator.model import Article, Event, Extraction, Figure, Place, Tally

ALEPPO = Place("Aleppo", "Aleppo", "SY", "city", "Aleppo")
HAMDANIYA = Place("al-Hamdaniya", "Aleppo", "SY", "district", "al-Hamdaniya")
HOMS = Place("Homs", "Homs", "SY", "city", "Homs")
IDLIB = Place("Idlib", "Idlib", "SY", "city", "Idlib")
SYRIA = Place("Syria", None, "SY", "country", "Syria")
KEY = ["killed", "injured", "ceasefire_violations"]


def article(slug, day="2016-12-23"):
    return Article(path=f"{slug}.md", slug=slug, title=slug, published=dt.date.fromisoformat(day), text="")


def event(slug, start, date="2016-12-23", figures=(), places=(), granularity="day"):
    return Event(id=f"{slug}-{start}", article=slug, date=date, granularity=granularity, date_text=None,
                 sentence=f"sentence {start}", start=start, end=start + 10, type="shelling",
                 places=tuple(places), figures=tuple(figures))


def killed(value, source, subgroup=None, qualifier=None, cumulative=False, value_max=None):
    return Figure("killed", value, qualifier=qualifier, attributed_to=source, subgroup=subgroup,
                  cumulative=cumulative, value_max=value_max)


def tally(slug, start, by_place, reporter, date="2016-12-23", metric="ceasefire_violations", stated=None):
    total = stated if stated is not None else sum(by_place.values())
    return Tally(date, metric, total, dict(by_place), reporter, slug, f"list {start}", start, start + 10,
                 stated_total=stated, sources=((slug, start),))


def extraction(slug, events=(), tallies=(), day="2016-12-23"):
    return Extraction(article=article(slug, day), events=tuple(events), tallies=tuple(tallies))


def key_figures(bulletin):
    return {k.metric: (k.low, k.high) for k in bulletin.key_figures}


def test_competing_sources_for_one_incident_give_a_range_not_a_sum():
    # the founding article: Observatory 6 including 2 children; state television at least 3
    x = extraction("seed", [
        event("seed", 100, places=[HAMDANIYA]),
        event("seed", 200, figures=[killed(6, "Syrian Observatory for Human Rights"),
                                    killed(2, "Syrian Observatory for Human Rights", subgroup="children")]),
        event("seed", 300, figures=[killed(3, "State television", qualifier="at least")]),
    ])
    _, _, [bulletin] = aggregate([x], KEY)
    [kf] = bulletin.key_figures
    assert (kf.metric, kf.low, kf.high, kf.change) == ("killed", 3, 6, None)
    assert [(c.value, c.attributed_to, c.subgroup, c.qualifier) for c in kf.claims] == [
        (6, "Syrian Observatory for Human Rights", None, None),
        (3, "State television", None, "at least"),
        (2, "Syrian Observatory for Human Rights", "children", None),
    ]
    assert kf.claims[0].event_ids == ("seed-200",)


def test_different_incidents_the_same_day_are_added_up():
    x = extraction("a", [
        event("a", 10, figures=[killed(4, "Observatory")], places=[HOMS]),
        event("a", 50, figures=[killed(2, "Observatory")], places=[IDLIB]),
    ])
    y = extraction("b", [event("b", 10, figures=[killed(5, "State media")], places=[HOMS])])
    _, _, [bulletin] = aggregate([x, y], KEY)
    # Homs: Observatory 4 vs state media 5 (one incident, 4–5); Idlib: 2
    assert key_figures(bulletin) == {"killed": (6, 7)}


def test_same_source_repeated_by_two_outlets_counts_once():
    x = extraction("a", [event("a", 10, figures=[killed(6, "Observatory")], places=[ALEPPO])])
    y = extraction("b", [event("b", 90, figures=[killed(6, "Observatory")], places=[HAMDANIYA])])
    _, _, [bulletin] = aggregate([x, y], KEY)
    [kf] = bulletin.key_figures
    assert (kf.low, kf.high) == (6, 6)
    assert [(c.value, c.event_ids) for c in kf.claims] == [(6, ("a-10", "b-90"))]


@pytest.mark.parametrize(
    "figure, expected",
    [
        (killed(300, "Observatory", cumulative=True), {}),
        (killed(10, "Observatory", value_max=15), {"killed": (10, 15)}),
    ],
)
def test_running_totals_stay_out_and_ranges_span_low_to_high(figure, expected):
    _, _, [bulletin] = aggregate([extraction("a", [event("a", 0, figures=[figure], places=[ALEPPO])])], KEY)
    assert key_figures(bulletin) == expected


def test_range_claim_reads_between_low_and_high():
    _, _, [bulletin] = aggregate([extraction("a", [event("a", 0, figures=[killed(10, "X", value_max=15)])])], KEY)
    [claim] = bulletin.key_figures[0].claims
    assert f"{claim.qualifier} {claim.value}" == "between 10 and 15"


def test_one_bulletin_report_carried_by_several_outlets_is_one_tally_with_every_source():
    places = {"Damascus": 17, "Aleppo": 6, "Hama": 2}
    tass = tally("tass", 0, places, "Russian Center for reconciliation of the warring parties in Syria", stated=25)
    sputnik = tally("sputnik", 4000, places, "Russian Defense Ministry", stated=25)
    _, tallies, [bulletin] = aggregate([extraction("tass", tallies=[tass]), extraction("sputnik", tallies=[sputnik])], KEY)
    [merged] = tallies
    assert merged.sources == (("sputnik", 4000), ("tass", 0))
    assert merged.total == 25
    assert key_figures(bulletin) == {"ceasefire_violations": (25, 25)}


def test_tallies_from_different_monitors_are_kept_and_not_summed():
    russian = tally("a", 0, {"Aleppo": 20, "Hama": 5}, "Russian side")
    turkish = tally("a", 200, {"Idlib": 5, "Latakia": 3}, "Turkish side")
    same_counts_other_monitor = tally("b", 0, {"Aleppo": 20, "Hama": 5}, "Iranian side")
    _, tallies, [bulletin] = aggregate([extraction("a", tallies=[russian, turkish]), extraction("b", tallies=[same_counts_other_monitor])], KEY)
    assert len(tallies) == 3
    assert key_figures(bulletin) == {"ceasefire_violations": (8, 25)}


def test_a_list_and_the_figure_read_from_the_same_sentence_count_once():
    t = tally("seed", 500, {"Damascus": 17, "Aleppo": 6, "Hama": 2}, "Russian Defense Ministry", stated=25)
    e = event("seed", 500, figures=[Figure("ceasefire_violations", 25, attributed_to="Russian Defense Ministry")])
    _, _, [bulletin] = aggregate([extraction("seed", [e], [t])], KEY)
    [kf] = bulletin.key_figures
    assert (kf.low, kf.high) == (25, 25)
    assert [c.event_ids for c in kf.claims] == [("seed-500",)]


def test_violation_count_without_places_is_the_same_incident_as_a_tally():
    t = tally("a", 0, {"Aleppo": 20, "Hama": 5}, "Russian Defense Ministry")
    e = event("b", 0, figures=[Figure("ceasefire_violations", 39, attributed_to="Russian Center")], places=[SYRIA])
    _, _, [bulletin] = aggregate([extraction("a", tallies=[t]), extraction("b", [e])], KEY)
    assert key_figures(bulletin) == {"ceasefire_violations": (25, 39)}


def test_bulletins_are_per_day_linked_and_show_change():
    x = extraction("a", [
        event("a", 0, date="2016-12-22", figures=[killed(4, "X")], places=[ALEPPO]),
        event("a", 50, date="2016-12-23", figures=[killed(6, "X")], places=[ALEPPO]),
        event("a", 90, date="2016-12", granularity="month"),
        event("a", 120, date="2011", granularity="year"),
    ])
    z = extraction("b", tallies=[tally("b", 0, {"Homs": 2, "Idlib": 1}, "Y", date="2016-12-25")])
    events, _, bulletins = aggregate([z, x], KEY)
    assert [e.date for e in events] == ["2011", "2016-12", "2016-12-22", "2016-12-23"]
    assert [(b.date, b.previous, b.next) for b in bulletins] == [
        ("2016-12-22", None, "2016-12-23"),
        ("2016-12-23", "2016-12-22", "2016-12-25"),
        ("2016-12-25", "2016-12-23", None),
    ]
    assert [[e.id for e in b.events] for b in bulletins] == [["a-0"], ["a-50"], []]
    assert [k.change for k in bulletins[1].key_figures] == [2]
    assert bulletins[0].key_figures[0].change is None
    assert bulletins[2].key_figures[0].change is None  # the previous bulletin had no violations figure


def test_only_key_metrics_are_shown_in_their_order():
    figures = [Figure("injured", 7, attributed_to="X"), killed(3, "X"), Figure("shells", 10, attributed_to="X")]
    _, _, [bulletin] = aggregate([extraction("a", [event("a", 0, figures=figures, places=[ALEPPO])])], ["injured", "killed"])
    assert [k.metric for k in bulletin.key_figures] == ["injured", "killed"]


def test_result_does_not_depend_on_input_order():
    xs = [
        extraction("a", [event("a", 10, figures=[killed(4, "O")], places=[HOMS])], [tally("a", 99, {"Aleppo": 2, "Hama": 1}, "R")]),
        extraction("b", [event("b", 10, figures=[killed(5, "S")], places=[HOMS])], [tally("b", 7, {"Aleppo": 2, "Hama": 1}, None)]),
        extraction("c", [event("c", 3, date="2016-12-24", figures=[killed(1, "O")])]),
    ]
    assert aggregate(xs, KEY) == aggregate(list(reversed(xs)), KEY)


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Russian Defense Ministry", "Russian Center for reconciliation of the warring parties in Syria", True),
        ("Russian side", "Turkish side", False),
        (None, "Turkish side", True),
        ("Syrian Observatory for Human Rights", "State television", False),
    ],
)
def test_reporter_compatibility_for_dedup(a, b, same):
    assert same_reporter(a, b) is same


def test_dedup_keeps_a_stated_total_and_reporter_from_any_carrier():
    first = tally("a", 0, {"Aleppo": 4, "Hama": 2}, None)
    second = tally("b", 0, {"Aleppo": 4, "Hama": 2}, "Russian Defense Ministry")
    [merged] = dedupe_tallies([second, first])
    assert (merged.article, merged.attributed_to, merged.sources) == ("a", "Russian Defense Ministry", (("a", 0), ("b", 0)))


def test_founding_article_end_to_end_key_figures():
    """The seed article through extraction and aggregation: 3–6 killed on Friday, 25 violations."""
    from pathlib import Path

    from generator.events import extract_article
    from generator.read import read_article_file

    seed = Path(__file__).parent.parent / "content" / "articles" / "2016-12-23-aleppo-attacked-again.md"
    article, _ = read_article_file(seed)
    _, tallies, bulletins = aggregate([extract_article(article)], KEY)
    friday = next(b for b in bulletins if b.date == "2016-12-23")
    assert key_figures(friday)["killed"] == (3, 6)
    assert key_figures(friday)["ceasefire_violations"] == (25, 25)
    assert [t.by_place for t in tallies] == [{"Damascus": 17, "Aleppo": 6, "Hama": 2}]
    assert all(e.granularity == "day" for b in bulletins for e in b.events)


# -- what a number means: spans, change, qualifiers (issue 9) ---------------------------------------

DARAA = Place("Daraa", "Daraa", "SY", "city", "Daraa")


def test_a_running_total_is_no_days_figure_but_a_total_reported_that_day():
    # "The monitor said 840 civilians had been killed in Homs since 2 March" in a report of 30 March
    running = killed(840, "Monitor", cumulative=True)
    children = killed(95, "Monitor", subgroup="children", cumulative=True)
    x = extraction("monthly", [event("monthly", 0, date="2016-03-30", figures=[running, children], places=[HOMS])],
                   day="2016-03-30")
    _, _, [bulletin] = aggregate([x], KEY)
    assert bulletin.date == "2016-03-30"
    assert bulletin.key_figures == []  # not "killed today: 840"
    assert [(t.metric, t.value, t.span, t.subgroup, t.attributed_to, t.event_ids) for t in bulletin.totals] == [
        ("killed", 840, "cumulative", None, "Monitor", ("monthly-0",)),
        ("killed", 95, "cumulative", "children", "Monitor", ("monthly-0",)),
    ]


def test_the_breakdown_of_a_running_total_is_no_incident_of_the_day_but_its_figures_are_totals():
    # "The monitor said on Wednesday 840 civilians had been killed since 2 March. Of the total, 300 were
    # killed by air raids." in a report of 30 March: the second sentence tells of the month, not the day
    running = killed(840, "Monitor", cumulative=True)
    raids = killed(300, "Monitor", cumulative=True)
    said = event("toll", 0, date="2016-03-30", figures=[running], places=[HOMS])
    breakdown = replace(event("toll", 90, date="2016-03-30", figures=[raids], places=[HOMS]),
                        span="cumulative", period_start="2016-03-02", period_end="2016-03-30")
    _, _, [bulletin] = aggregate([extraction("toll", [said, breakdown], day="2016-03-30")], KEY)
    assert [e for i in bulletin.incidents for e in i.event_ids] == ["toll-0"]
    assert [t.value for t in bulletin.totals] == [840, 300]
    assert bulletin.key_figures == []


def test_a_total_goes_on_the_day_it_was_reported_even_when_its_sentence_is_dated_earlier():
    # "Some 12,000 people have left the district, the agency said" (sentence dated to the Thursday before)
    left = Figure("displaced", 12000, qualifier="some", attributed_to="Aid agency", cumulative=True)
    x = extraction("exodus", [event("exodus", 0, date="2016-04-07", figures=[left], places=[ALEPPO])], day="2016-04-08")
    _, _, bulletins = aggregate([x], KEY)
    assert [(b.date, [t.value for t in b.totals]) for b in bulletins] == [("2016-04-07", []), ("2016-04-08", [12000])]
    assert all(not b.key_figures for b in bulletins)


def test_the_same_total_from_two_outlets_is_one_entry_with_both_sources():
    total = killed(1200, "Monitor", cumulative=True)
    xs = [extraction(slug, [event(slug, 5, date="2016-05-02", figures=[total], places=[ALEPPO])], day="2016-05-02")
          for slug in ("wire", "paper")]
    _, _, [bulletin] = aggregate(xs, KEY)
    [entry] = bulletin.totals
    assert entry.event_ids == ("paper-5", "wire-5")


def test_change_only_against_the_day_before_same_source_same_places():
    def day(slug, date, value, source="Monitor", places=(ALEPPO,), qualifier=None):
        return extraction(slug, [event(slug, 0, date=date, figures=[killed(value, source, qualifier=qualifier)],
                                       places=places)], day=date)

    cases = {
        "consecutive days, one source, one province": ([day("a", "2016-06-01", 5), day("b", "2016-06-02", 8)], 3),
        "a gap of days": ([day("a", "2016-06-01", 5), day("b", "2016-06-03", 8)], None),
        "another year": ([day("a", "2015-06-02", 5), day("b", "2016-06-02", 8)], None),
        "another province": ([day("a", "2016-06-01", 6, places=(ALEPPO,)), day("b", "2016-06-02", 7, places=(IDLIB,))], None),
        "another source": ([day("a", "2016-06-01", 6, source="Monitor"), day("b", "2016-06-02", 7, source="Ministry")], None),
        "source not named": ([day("a", "2016-06-01", 6, source=None), day("b", "2016-06-02", 7, source=None)], None),
        "a lower bound then an exact count": ([day("a", "2016-06-01", 6, qualifier="at least"), day("b", "2016-06-02", 7)], None),
        "across new year's eve": ([day("a", "2016-12-31", 6), day("b", "2017-01-01", 4)], -2),
        "a district within the same province": ([day("a", "2016-06-01", 6), day("b", "2016-06-02", 6, places=(HAMDANIYA,))], 0),
    }
    for name, (extractions, change) in cases.items():
        _, _, bulletins = aggregate(extractions, KEY)
        assert bulletins[0].key_figures[0].change is None, name
        assert bulletins[-1].key_figures[0].change == change, name


def test_no_change_when_either_day_is_a_range_across_sources():
    first = extraction("a", [event("a", 0, date="2016-06-01", figures=[killed(4, "Monitor")], places=[ALEPPO])], day="2016-06-01")
    second = extraction("b", [event("b", 0, date="2016-06-02", figures=[killed(5, "Monitor"), killed(9, "Ministry")],
                                    places=[ALEPPO])], day="2016-06-02")
    _, _, bulletins = aggregate([first, second], KEY)
    assert (bulletins[1].key_figures[0].low, bulletins[1].key_figures[0].high) == (5, 9)
    assert bulletins[1].key_figures[0].change is None


def test_a_running_total_never_becomes_the_base_of_a_change():
    before = extraction("a", [event("a", 0, date="2016-06-01", figures=[killed(600, "Monitor", cumulative=True)],
                                    places=[ALEPPO])], day="2016-06-01")
    after = extraction("b", [event("b", 0, date="2016-06-02", figures=[killed(3, "Monitor")], places=[ALEPPO])],
                       day="2016-06-02")
    _, _, bulletins = aggregate([before, after], KEY)
    assert bulletins[1].key_figures[0].change is None  # not "-597"


@pytest.mark.parametrize(
    "figures, expected",
    [
        ([killed(37, None, qualifier="up to")], (37, "up to", 37, "up to")),
        ([killed(35000, "Agency", qualifier="about")], (35000, "about", 35000, "about")),
        ([killed(6, "Monitor"), killed(3, "Television", qualifier="at least")], (3, "at least", 6, None)),
        ([killed(6, "Monitor"), killed(6, "Television", qualifier="at least")], (6, None, 6, None)),
    ],
)
def test_headline_numbers_keep_their_qualifiers(figures, expected):
    _, _, [bulletin] = aggregate([extraction("a", [event("a", 0, figures=figures, places=[DARAA])])], KEY)
    [kf] = bulletin.key_figures
    assert (kf.low, kf.low_qualifier, kf.high, kf.high_qualifier) == expected


def test_a_lower_bound_in_one_incident_makes_the_days_sum_a_lower_bound():
    x = extraction("a", [
        event("a", 0, figures=[killed(4, "Monitor", qualifier="at least")], places=[HOMS]),
        event("a", 50, figures=[killed(2, "Monitor")], places=[IDLIB]),
    ])
    _, _, [bulletin] = aggregate([x], KEY)
    [kf] = bulletin.key_figures
    assert (kf.low, kf.low_qualifier, kf.high, kf.high_qualifier) == (6, "at least", 6, "at least")


def spanned(value, source, span, start, end, metric="killed", qualifier=None):
    """A figure carrying the span fields extraction gives (``span``, ``period_start``, ``period_end``)."""
    import types

    return types.SimpleNamespace(metric=metric, value=value, qualifier=qualifier, attributed_to=source, subgroup=None,
                                 value_max=None, cumulative=span == "cumulative", text="", span=span,
                                 period_start=start, period_end=end)


def test_a_total_over_two_days_is_no_days_figure_and_keeps_its_days():
    # "Close to 150 people were killed over two days of fighting in the province, activists said on Thursday."
    two_days = spanned(150, "Activists", "period", "2013-05-08", "2013-05-09", qualifier="close to")
    one_day = killed(9, "Activists")
    x = extraction("two-days", [event("two-days", 0, date="2013-05-09", figures=[two_days, one_day], places=[HOMS])],
                   day="2013-05-09")
    _, _, [bulletin] = aggregate([x], KEY)
    assert [(k.low, k.high) for k in bulletin.key_figures] == [(9, 9)]
    [total] = bulletin.totals
    assert (total.value, total.qualifier, total.span, total.period_start, total.period_end) == (
        150, "close to", "period", "2013-05-08", "2013-05-09")


def test_a_day_span_from_extraction_counts_as_the_days_figure():
    x = extraction("a", [event("a", 0, figures=[spanned(4, "Monitor", "day", "2016-12-23", "2016-12-23")],
                                places=[ALEPPO])])
    _, _, [bulletin] = aggregate([x], KEY)
    assert key_figures(bulletin) == {"killed": (4, 4)} and bulletin.totals == []


def test_a_figure_counts_on_its_own_day():
    """Monday's story with a Tuesday count: the count is Tuesday's key figure, not Monday's."""
    both = Figure("killed", 140, attributed_to="Council", span="period", period_start="2016-12-19", period_end="2016-12-20")
    tuesday = Figure("killed", 95, attributed_to="Activist", span="day", day="2016-12-20")
    monday_only = killed(7, "Monitor")
    x = Extraction(article("a", "2016-12-21"), (event("a", 1, "2016-12-19", [both, tuesday], [IDLIB]),
                                                event("a", 2, "2016-12-19", [monday_only], [HOMS])), ())
    _, _, bulletins = aggregate([x], KEY)
    by_day = {b.date: key_figures(b).get("killed") for b in bulletins}
    assert by_day["2016-12-19"] == (7, 7)
    assert by_day["2016-12-20"] == (95, 95)
    tue = next(b for b in bulletins if b.date == "2016-12-20")
    assert tue.key_figures[0].claims[0].event_ids == ("a-1",)


# -- a count and its parts (issue 9: a national total with a local part gives both, each with its scope) ----------


def test_a_local_count_beside_a_national_one_is_its_part_not_a_range_end():
    # "Nationwide, 31 people were killed on Thursday, the network said." and, further on,
    # "In Daraa, nine died when a shell struck a bakery, residents said."
    x = extraction("a", [event("a", 0, figures=[killed(31, "The network")], places=[SYRIA]),
                         event("a", 80, figures=[killed(9, "Residents")], places=[DARAA])])
    _, _, [bulletin] = aggregate([x], KEY)
    [kf] = bulletin.key_figures
    assert (kf.low, kf.high) == (31, 31)
    assert [(c.value, c.part) for c in kf.claims] == [(31, False), (9, True)]


def test_a_local_count_larger_than_the_national_one_stays_a_rival_count():
    # "Across the country, 40 were killed, one group said", while another put Idlib's dead alone at 120
    x = extraction("a", [event("a", 0, figures=[killed(40, "One group")], places=[SYRIA]),
                         event("a", 80, figures=[killed(120, "Another group")], places=[IDLIB])])
    _, _, [bulletin] = aggregate([x], KEY)
    [kf] = bulletin.key_figures
    assert (kf.low, kf.high) == (40, 120) and not any(c.part for c in kf.claims)


def test_a_province_count_beside_the_days_tally_is_its_part():
    # the tally: "The monitor put the day's toll at 50: 30 in Homs and 12 in Idlib"; a report: "8 died in Homs"
    toll = tally("t", 0, {"Homs": 30, "Idlib": 12}, "The monitor", metric="killed", stated=50)
    x = extraction("t", [event("t", 200, figures=[killed(8, "Residents")], places=[HOMS])], [toll])
    _, _, [bulletin] = aggregate([x], KEY)
    [kf] = bulletin.key_figures
    assert (kf.low, kf.high) == (50, 50)
    assert [(c.value, c.part) for c in kf.claims] == [(50, False), (8, True)]
