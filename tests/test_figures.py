"""Figures: numbers tied to a metric, qualifiers, ranges, sub-counts, cumulative totals, reporters."""

import pytest

from generator.figures import (
    DEFAULT_METRICS,
    AttributionContext,
    cumulative_from,
    find_attribution,
    find_figures,
    find_numbers,
    key_metric_names,
    parse_number,
)


def headline(sentence, context=None, metrics=DEFAULT_METRICS):
    return [
        (f.metric, f.value, f.value_max, f.qualifier)
        for f in find_figures(sentence, metrics, context)
        if f.subgroup is None
    ]


@pytest.mark.parametrize(
    "text, value",
    [
        ("six", 6), ("17", 17), ("35,000", 35000), ("1,074", 1074), ("1.5 million", 1_500_000),
        ("twenty-five", 25), ("a dozen", 12), ("two dozen", 24), ("half a dozen", 6),
        ("a hundred and five", 105), ("three thousand", 3000), ("nineteen", 19),
        ("four thousand and 512", 4512), ("23 thousand and 41", 23041),
    ],
)
def test_numbers_are_read_from_digits_and_words(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "sentence, values",
    [
        # a scale word in letters with the rest in digits, as translated statements write tolls
        ("The toll rose to four thousand and 512 dead and 23 thousand and 41 hurt.", [4512, 23041]),
        # a year-like number with a qualifier and a plural noun is an amount, not a year
        ("The unit fired about 1850 rounds and nearly 2010 mortar shells overnight.", [1850, 2010]),
        ("Around 2015 the front was quiet; over 2014 their losses grew; in 1999 people fled.", []),
    ],
)
def test_mixed_number_words_and_counted_years(sentence, values):
    assert [m.value for m in find_numbers(sentence)] == values


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # seed article sentences
        ("The Observatory said six people, including two children, were killed.", [("killed", 6, None, None)]),
        ("State television said at least three people died, Reuters reported.", [("killed", 3, None, "at least")]),
        ("The International Committee of the Red Cross said about 35,000 people, mostly civilians, had departed.",
         [("evacuated", 35000, None, "about")]),
        ("the Syrian Observatory for Human Rights said about 10 shells fell in its southwestern al-Hamdaniya District.",
         [("shells", 10, None, "about")]),
        ("“A total of 31 ceasefire violations by armed factions were recorded in Idlib (20), "
         "Latakia (8) and Homs (3),” the ministry said in its bulletin.",
         [("ceasefire_violations", 31, None, None)]),
        # bulletin style
        ("During the bombardment 4 civilians were killed and 9 – injured.", [("killed", 4, None, None), ("injured", 9, None, None)]),
        ("Over the past day, 57 cases of ceasefire violations were recorded.", [("ceasefire_violations", 57, None, None)]),
        ("The ceasefire regime was violated by militants in the region 46 times over the past day.",
         [("ceasefire_violations", 46, None, None)]),
        # trigger before the number
        ("The blast killed at least 10 people and wounded 25 others.", [("killed", 10, None, "at least"), ("injured", 25, None, None)]),
        ("Shelling hit the market, killing six and wounding a dozen.", [("killed", 6, None, None), ("injured", 12, None, None)]),
        ("Police arrested 14 protesters in the capital.", [("arrested", 14, None, None)]),
        ("Russian jets carried out 35 airstrikes on the town.", [("airstrikes", 35, None, None)]),
        ("Some 1.5 million people have been displaced by the fighting.", [("displaced", 1_500_000, None, "about")]),
        ("Two dozen soldiers were wounded in the attack.", [("injured", 24, None, None)]),
        # qualifiers
        ("More than 20 fighters were killed near the town.", [("killed", 20, None, "more than")]),
        ("Nearly 300 families fled the village overnight.", [("displaced", 300, None, "nearly")]),
        ("Up to 40 people were detained.", [("arrested", 40, None, "up to")]),
        ("Around 500 residents were evacuated on Monday.", [("evacuated", 500, None, "about")]),
        # ranges
        ("Between 10 and 15 people were killed in the strike.", [("killed", 10, 15, None)]),
        ("Officials said 10 to 15 civilians were injured.", [("injured", 10, 15, None)]),
        ("Medics said 10-15 people died.", [("killed", 10, 15, None)]),
        # coordinated counts share the verb; ACLED-style notes
        ("3 civilians and 2 soldiers were killed.", [("killed", 3, None, None), ("killed", 2, None, None)]),
        ("The blast killed seven regime and allied militia members.", [("killed", 7, None, None)]),
        ("5 rebel fighters were killed in an advance on the hill.", [("killed", 5, None, None)]),
        ("2 members of the Islamic State (IS) were killed.", [("killed", 2, None, None)]),
        ("Bombardment claimed the lives of six Islamic State members.", [("killed", 6, None, None)]),
        ("ISIS killed 17 of regime forces in clashes.", [("killed", 17, None, None)]),
        # one person named with "a"/"an" counts as one; the age is not a count
        ("A 9-year-old girl was killed by the shelling.", [("killed", 1, None, None)]),
        ("19 IS fighters reportedly killed.", [("killed", 19, None, None)]),
        ("At least 64 fighters and civilians were killed during the first three days of the battle.", [("killed", 64, None, "at least")]),
        ("1 fatality was reported.", [("killed", 1, None, None)]),
        ("Clashes erupted, which killed a member of the group and caused injuries.", [("killed", 1, None, None)]),
        ("A militant was killed by regime forces in Daraa city.", [("killed", 1, None, None)]),
        ("Clashes took place in the town, killing a civilian.", [("killed", 1, None, None)]),
        ("As a result 1 fighter of the rebel factions was killed.", [("killed", 1, None, None)]),
        # people named by a plural demonym, possessive between trigger and number
        ("Israeli airstrikes killed 12 Palestinians, including five children, health officials said.", [("killed", 12, None, None)]),
        ("A Su-24 was shot down, killing its two pilots.", [("killed", 2, None, None)]),
        ("The attack left 11 people dead and 30 wounded.", [("killed", 11, None, None), ("injured", 30, None, None)]),
        ("The Observatory put the death toll at 17.", [("killed", 17, None, None)]),
        # people no noun list names, known by what happened to them; animals are not casualties
        ("Eleven quarrymen were killed when the tunnel was shelled.", [("killed", 11, None, None)]),
        ("Raiders killed four herders and wounded two porters near the ford.", [("killed", 4, None, None), ("injured", 2, None, None)]),
        ("Raiders killed four and wounded two.", [("killed", 4, None, None), ("injured", 2, None, None)]),
        ("A lineman was injured when the mast fell under shelling.", [("injured", 1, None, None)]),
        ("Twenty goats were killed in the strike on the farm.", []),
        ("Three trucks were hit and two warehouses burned.", []),
        # missing, kidnapped and "neutralized" people are metrics of their own (the metric table, not code)
        ("Fourteen fishermen are still missing after the boats were shelled.", [("missing", 14, None, None)]),
        ("About 300 residents remain unaccounted for, the mayor said.", [("missing", 300, None, "about")]),
        ("Gunmen abducted about 30 passengers from the bus.", [("kidnapped", 30, None, "about")]),
        ("Three engineers were taken hostage near the dam.", [("kidnapped", 3, None, None)]),
        ("Six fighters were neutralized in the operation, the ministry said.", [("neutralized", 6, None, None)]),
        # the people before an active verb did it, even with a phrase of theirs between: its object suffered it
        ("A column of some 60 soldiers from the garrison abducted 25 villagers.", [("kidnapped", 25, None, None)]),
        ("Around 40 gunmen on motorbikes killed 12 herders.", [("killed", 12, None, None)]),
        # a figure tied to a place, then more numbers each tied to a place: each counts the same metric there
        ("Seven people were killed in Tarvin, four in the Ossa valley and two near Kell.",
         [("killed", 7, None, None), ("killed", 4, None, None), ("killed", 2, None, None)]),
        ("Of the deaths, 9 of the fatalities were recorded in the North Province, 5 in Lakeside and 1 in Aram.",
         [("killed", 9, None, None), ("killed", 5, None, None), ("killed", 1, None, None)]),
        ("Two guards were killed in Tarvin, 3 in Kell were wounded.", [("killed", 2, None, None), ("injured", 3, None, None)]),
        ("Nine people were wounded in Tarvin, two days after 4 in Kell died.", [("injured", 9, None, None), ("killed", 4, None, None)]),
        # a toll with an adverb or a plain "is"; a bare number before a place word; the part of "N out of M"
        ("The death toll now is more than 120, the ministry said.", [("killed", 120, None, "more than")]),
        ("The number of people killed has now reached 46.", [("killed", 46, None, None)]),
        ("Raiders wounded two near the ford.", [("injured", 2, None, None)]),
        ("Nine out of 14 were wounded near the bridge.", [("injured", 9, None, None)]),
        # injuries suffered; "an additional N"; one person, then "another"
        ("A shepherd suffered injuries when the mine went off.", [("injured", 1, None, None)]),
        ("Hundreds died in the war, with an additional 2.5 million displaced.", [("displaced", 2_500_000, None, None)]),
        ("One farmer was killed and another was injured in the shelling.", [("killed", 1, None, None), ("injured", 1, None, None)]),
        ("As many as 40 people may have died in the raid.", [("killed", 40, None, "up to")]),
        ("Over half a million people were displaced in the north.", [("displaced", 500_000, None, "more than")]),
        ("Seven PKK/YPG members were neutralized near the border.", [("neutralized", 7, None, None)]),
        ("The mission recorded the murders of 30 civilians and injuries to 44 people.", [("killed", 30, None, None), ("injured", 44, None, None)]),
        ("The mission recorded 12 cases of kidnapping.", [("kidnapped", 12, None, None)]),
        ("The monitors documented 8,019 civilian casualties.", [("casualties", 8019, None, None)]),
        ("About 390 fighters were killed or wounded in the clashes.", [("casualties", 390, None, "about")]),
    ],
)
def test_figures_link_numbers_to_their_metric(sentence, expected):
    assert headline(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The conflict, which began in 2011, has killed hundreds of thousands.",  # year, unquantified
        "Dozens of people were killed and scores wounded.",  # unquantified
        "A local truce was agreed on March 3, letting thousands of residents leave.",
        "The pocket now makes up only 7 per cent of the old city.",  # percentage
        "The raid killed civilians at 14:45 local time.",  # time
        "The ministry paid $5 million to families of those killed.",  # money
        "Violations were registered in Damascus (17), Aleppo (6) and Hama (2).",  # bracketed tally counts
        "Truce agreements were signed with 4 inhabited areas.",  # no metric
        "The number of settlements that joined the truce reached 1,074.",
        "One of the commanders was killed in the raid.",
        "Two thirds of them have since left for other locations.",
        "No one was killed in the attack.",
        "Resolution 2254 calls for a ceasefire.",
        "Factions hold parts of the 1070-apartment project.",
        "The man who died left 3 children.",
        "A member of parliament said the talks failed.",
        "The convoy of 60 buses left with 4,000 people.",
    ],
)
def test_numbers_that_are_not_figures_are_left_out(sentence):
    assert headline(sentence) == []


@pytest.mark.parametrize(
    "sentence, parent, subgroups",
    [
        ("The Observatory said six people, including two children, were killed.", 6, [(2, "children")]),
        ("The bombing killed 613 civilians, including 139 children and 78 women, the monitor said.", 613,
         [(139, "children"), (78, "women")]),
        ("Nine people were killed, four of them children.", 9, [(4, "children")]),
    ],
)
def test_sub_counts_become_second_figures_with_a_subgroup(sentence, parent, subgroups):
    figures = find_figures(sentence)
    main = [f for f in figures if f.subgroup is None]
    subs = [(f.value, f.subgroup) for f in figures if f.subgroup]
    assert [f.value for f in main] == [parent]
    assert subs == subgroups
    assert all(f.metric == main[0].metric for f in figures)


@pytest.mark.parametrize(
    "sentence, cumulative",
    [
        ("Since the ceasefire began, 300 people have been killed in the province.", [True]),
        ("The Observatory said 46 civilians have been killed since 1 January.", [True]),
        ("In total, 1,200 people have been evacuated so far.", [True]),
        ("The death toll has risen to 35, officials said.", [True]),
        ("Six people were killed on Friday, bringing the death toll since the ceasefire began to 120.", [False, True]),
        ("Six people were killed on Friday, the first deaths since the truce.", [False]),
        ("Three soldiers were wounded on Monday.", [False]),
        ("The war has killed more than 300,000 people since 2014.", [True]),
        ("Some 4,000 police officers have been killed since the start of the conflict.", [True]),
        ("Monitors say almost 2,000 people have been killed since the observer mission started in March.", [True]),
        ("Amnesty says 1,700 civilians were killed since mid-March.", [True]),
        ("Activists say 30 people have been killed across the country so far on Saturday.", [False]),
    ],
)
def test_running_totals_are_marked_cumulative(sentence, cumulative):
    assert [f.cumulative for f in find_figures(sentence) if f.subgroup is None] == cumulative


def test_cumulative_marker_in_a_later_clause_does_not_reach_back():
    sentence = "Six people were killed, bringing the toll since the truce to 120."
    assert cumulative_from(sentence) == sentence.index(",") + 1


@pytest.mark.parametrize(
    "sentence, reporter",
    [
        ("The Observatory said six people were killed.", "Observatory"),
        ("State television said at least three people died, Reuters reported.", "State television"),
        ("Six people were killed, according to the ministry.", "Ministry"),
        ("Five soldiers were wounded, Reuters reported.", "Reuters"),
        ("Twelve people died in the raid, SANA news agency reported.", "SANA news agency"),
        ("The Russian Defense Ministry said 25 violations were registered.", "Russian Defense Ministry"),
        ("Activists said 14 people were arrested.", "Activists"),
        ("The Red Cross said 400 people left the district.", "Red Cross"),
        ("Nine people were killed, said the ministry.", "Ministry"),
        ("the Syrian Observatory for Human Rights—a monitoring group with sources on the ground—said about 12 rockets fell.",
         "Syrian Observatory for Human Rights"),
        ("A total of 18 violations were logged, the Russian Center for reconciliation of the warring parties "
         "said in a statement on its website.", "Russian Center for reconciliation of the warring parties"),
        ("Six people were killed in the town.", None),
        ("Another activist group, the Local Coordination Committees, put the death toll at 30.", "Local Coordination Committees"),
        ("More than 5,000 civilians were killed, says the UN UN denied access to Syria.", "UN UN"),
        ("Six people were killed, the Observatory, a Britain-based monitor, said.", "Observatory"),
    ],
)
def test_attribution_names_who_reported(sentence, reporter):
    assert find_attribution(sentence) == reporter


def test_short_names_resolve_to_the_organisation_named_earlier():
    context = AttributionContext()
    context.observe("A day after the evacuation, the Syrian Observatory for Human Rights—a war monitor based in Britain—said about 10 shells fell.")
    context.observe("Meanwhile, the Russian Defense Ministry said ceasefire violations were registered.")
    context.observe("The International Committee of the Red Cross said about 35,000 people had departed.")
    assert context.resolve("the Observatory") == "Syrian Observatory for Human Rights"
    assert context.resolve("the observatory") == "Syrian Observatory for Human Rights"
    assert context.resolve("the ministry") == "Russian Defense Ministry"
    assert context.resolve("the Red Cross") == "International Committee of the Red Cross"
    assert context.resolve("State television") == "State television"
    assert context.resolve("SOHR") == "Syrian Observatory for Human Rights"
    context.observe("The UN Security Council met on Friday.")
    assert context.resolve("the UN") == "UN"  # an acronym expands only by its initials
    context.observe("Fighters of the Free Syrian Army shelled the road.")
    assert context.resolve("the army") == "Army"  # not the rebel group named earlier
    assert context.resolve("activists") == "Activists" == find_attribution("Activists said 3 died.")


def test_innermost_reporter_wins_over_the_carrying_outlet_with_context():
    context = AttributionContext()
    context.observe("The Syrian Observatory for Human Rights said about 10 shells fell in al-Hamdaniya.")
    sentences = ["The Observatory said six people, including two children, were killed.",
                 "State television said at least three people died, Reuters reported."]
    found = []
    for sentence in sentences:
        context.observe(sentence)
        found += [(f.value, f.subgroup, f.attributed_to) for f in find_figures(sentence, context=context)]
    assert found == [
        (6, None, "Syrian Observatory for Human Rights"),
        (2, "children", "Syrian Observatory for Human Rights"),
        (3, None, "State television"),
    ]


def test_each_figure_takes_the_reporter_of_its_own_clause():
    sentence = "The Observatory said 12 people were killed while state media said eight died."
    assert [(f.value, f.attributed_to) for f in find_figures(sentence)] == [(12, "Observatory"), (8, "State media")]


def test_pronoun_reporter_resolves_to_the_previous_reporter():
    context = AttributionContext()
    context.observe("The Syrian Observatory for Human Rights reported heavy fighting.")
    assert find_attribution("It said 20 fighters were killed.", context) == "Syrian Observatory for Human Rights"


def test_a_configured_metric_works_without_code():
    metrics = dict(DEFAULT_METRICS)
    metrics["kidnapped"] = {"label": "Kidnapped", "patterns": [r"kidnapped", r"abducted"], "key": False}
    assert headline("Gunmen abducted 12 aid workers near the border.", metrics=metrics) == [("kidnapped", 12, None, None)]
    assert headline("Seven villagers were kidnapped overnight.", metrics=metrics) == [("kidnapped", 7, None, None)]


def test_key_metrics_are_flagged_in_the_table():
    assert key_metric_names() == ["killed", "injured", "ceasefire_violations", "evacuated"]


def test_figure_text_quotes_the_words_read():
    [figure] = find_figures("State television said at least three people died.")
    assert figure.text == "at least three people"


def test_dates_and_ordinals_are_not_numbers():
    mentions = find_numbers("On 15 December 2016, the 31st of July, at 10:30 and December 15, 7 people")
    assert [m.value for m in mentions] == [7]


def test_a_bad_configured_pattern_is_reported_with_the_metric_name():
    metrics = {"killed": {"label": "Killed", "patterns": ["killed("]}}
    with pytest.raises(ValueError, match="killed"):
        find_figures("Six people were killed.", metrics)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # whose people they were, between the count and the verb
        ("Four members of the army and allied militias were killed near the airport.", [4]),
        ("At least nine fighters from the rebel and Islamist side died in the assault.", [9]),
        ("A colonel in the ranks of the army was killed in the shelling.", [1]),
        ("Three members of the Defence Units and the Military Council of the northern region were killed.", [3]),
        ("A government army colonel 'Khalid Hasan' was reportedly killed in the ambush.", [1]),
        ("At least one civilian is reported to have died in the air raid.", [1]),
        # several groups share one verb, before or after them
        ("Airstrikes claimed the lives of four IS members, one soldier, and a militia member.", [4, 1, 1]),
        ("Seven civilians died and 3 fighters of the local factions in the shelling.", [7, 3]),
        ("Two rebels were killed along with a media activist covering the battle.", [2, 1]),
        ("At least 11 fighters were killed, in addition to at least 4 others of the rival faction.", [11, 4]),
        ("Snipers shot and killed a farmer and a child near the village.", [1, 1]),
        ("Three soldiers and two fighters of the allied militia were killed.", [3, 2]),
        ("Four members of the army and six IS members died in the clashes.", [4, 6]),
        ("Shelling killed five people, two soldiers and three civilians.", [5]),  # a breakdown, not more dead
        ("Shelling killed five people and two soldiers.", [5, 2]),
        # a group with its own verb is not added
        ("Five soldiers were killed and 4 fighters were captured.", [5]),
        ("22 members of the militia were killed and 4 captured.", [22]),
        # the people were named before
        ("Rebels repelled the attack on the hill, killing 6 of them.", [6]),
        # an active verb counts its object, not its subject
        ("A sniper killed a soldier near the checkpoint.", [1]),
        ("An unidentified group assassinated a rebel commander in the town.", [1]),
        ("A son of a local commander was killed in the raid.", [1]),
        # bodies found are deaths
        ("The bodies of three fighters were found near the road.", [3]),
        ("The body of a soldier was found in the river.", [1]),
        ("The clashes ended with one fighter dying of his wounds.", [1]),
        # relative clauses, a stray comma, "shot dead", a dash before the sub-counts
        ("Of the 9 members of the family who had been killed, four were children.", [9]),
        ("The shelling wounded 3 civilians, one of whom died later.", []),
        ("A fighter from an unknown faction, was killed in an exchange of fire.", [1]),
        ("A local official from the council was shot dead last week.", [1]),
        ("Eight of them - including two boys in one house - died in the shelling.", [8]),
        ("At least 1 Turkish solider was killed.", [1]),
    ],
)
def test_acled_style_killed_phrasings_are_counted(sentence, expected):
    assert [f.value for f in find_figures(sentence) if f.metric == "killed" and f.subgroup is None] == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Five people killed the day before were buried on Friday.", [("killed", 5)]),  # a time is no object
        ("Nearly 300 families fled the village overnight.", [("displaced", 300)]),  # nor is a place
        ("The UN body of experts met on Monday.", []),
        ("Gunmen killed the prisoners, a monitor said.", []),  # no count
        # a whose-people phrase never holds a verb, a count or a clause of its own
        ("An activist in the city has said the rebels have left the district.", []),
        ("Over 1,000 families in the town need to be evacuated.", []),
        ("A resident who had fled told the agency the town was quiet.", []),
        # casualties count the wounded too: a metric of their own, never more of the killed
        ("Monitors counted 11,884 civilians killed and 2,159 casualties.", [("killed", 11884), ("casualties", 2159)]),
    ],
)
def test_the_active_verb_rule_keeps_headline_passives(sentence, expected):
    assert [(f.metric, f.value) for f in find_figures(sentence)] == expected


@pytest.mark.parametrize(
    "pattern, words",
    [
        (r"kills?", {"kill"}),
        (r"(?:claimed|took)\s+the\s+lives?\s+of", {"claimed", "took"}),
        (r"(?<!rights )violations", {"violations"}),
        (r"(?:mortar\s+|artillery\s+|tank\s+)?shells", {"shells"}),
        (r"lost\s+their\s+lives?", {"lost their live"}),
        (r"killed|murdered", {"killed", "murdered"}),
        (r"[a-z]+ed", None),  # no word every match must hold
        (r"(?:a|b)x|kill", None),
    ],
)
def test_prefilter_reads_the_words_a_pattern_needs(pattern, words):
    from generator.figures import _leading_literals

    assert _leading_literals(pattern) == words


@pytest.mark.parametrize(
    "sentence, cue",
    [
        ("Talks resumed in Geneva on Monday.", False),
        ("Six people were KILLED.", True),
        ("Gunmen abducted 12 aid workers.", True),  # a pattern without a readable word is searched as a regex
        ("Their   lost  their\nlives in the raid.", True),  # whitespace runs count as one space
    ],
)
def test_sentences_without_a_metric_word_are_skipped(sentence, cue):
    from generator.figures import has_cue

    metrics = dict(DEFAULT_METRICS)
    metrics["kidnapped"] = {"label": "Kidnapped", "patterns": [r"(?:ab|kid)\w+ed"], "key": False}
    assert has_cue(sentence, metrics) is cue
    if not cue:
        assert find_figures(sentence, metrics) == []


def test_prefilters_do_not_change_what_is_found():
    sentence = "Fourteen people lost their lives and a soldier was killed in the raid."
    assert [(f.metric, f.value) for f in find_figures(sentence)] == [("killed", 14), ("killed", 1)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a toll's parts in a sentence of their own: sub-counts of the metric named, never new totals
        ("Among the dead were 3 guards and two civilians, the police said.", [("killed", 3, "guards"), ("killed", 2, "civilians")]),
        ("The dead include at least 12 women and a number of children.", [("killed", 12, "women")]),
        ("Among the 410 wounded are 35 children.", [("injured", 410, None), ("injured", 35, "children")]),
    ],
)
def test_parts_listed_after_among_the_dead_are_subgroups(sentence, expected):
    assert [(f.metric, f.value, f.subgroup) for f in find_figures(sentence)] == expected


def test_cached_work_is_kept_apart_per_metric_table():
    sentence = "Twelve fighters surrendered near the border."
    metrics = dict(DEFAULT_METRICS)
    metrics["surrendered"] = {"label": "Surrendered", "patterns": [r"surrendered"], "key": False}
    assert headline(sentence) == []
    assert headline(sentence, metrics=metrics) == [("surrendered", 12, None, None)]
    assert headline(sentence) == []
