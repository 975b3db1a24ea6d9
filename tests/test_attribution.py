"""Who said each figure: reporters at the start, middle and end of a sentence, and named earlier.

Every sentence here is written for the test, in the shapes news reports use.
"""

from __future__ import annotations

import pytest

from generator.attribution import AttributionContext, Source, find_attribution, source_of
from generator.figures import find_figures


def sources(sentence: str, context: AttributionContext | None = None) -> list[tuple[int, str | None]]:
    """(value, reporter) of every figure in ``sentence``."""
    return [(f.value, f.attributed_to) for f in find_figures(sentence, context=context)]


@pytest.mark.parametrize(
    "sentence, reporter",
    [
        # trailing reporter, after a participle clause
        ("A car bomb exploded near the bakery, wounding four people, state news agency PETRA reported.", "State news agency PETRA"),
        ("Shelling hit the market, killing two women, the regional governor said on Tuesday.", "Regional governor"),
        # perfect tense is active: "has said", "have reported"
        ("Eleven soldiers were wounded over the past day, the press office of the army command has reported.",
         "Press office of the army command"),
        ("At least 70 people have died in the port city, human rights groups have said.", "Human rights groups"),
        # according to, before or after
        ("According to the local health office, 16 people were killed in the raid.", "Local health office"),
        ("Sixteen people were killed in the raid, according to the local health office.", "Local health office"),
        ("According to preliminary figures from the interior ministry, 12 police officers died.", "Interior ministry"),
        # more reporting verbs
        ("The health authority revealed on Sunday that 95 people had been killed in the clashes.", "Health authority"),
        ("Two monitoring groups put Friday's death toll at 61.", "Two monitoring groups"),
        ("On Monday, a field nurse put the number of marchers killed at up to 16.", "Field nurse"),
        ("The rebel radio station claimed its fighters killed 14 soldiers.", "Rebel radio station"),
        # inverted, with a lowercase head after a proper name
        ("A shepherd was wounded by a mine near the border, said the Armenian military.", "Armenian military"),
        # a modifier between commas is not the name
        ("The Health Ministry in the enclave, run by the local authority, reported that 30 people had died.",
         "Health Ministry in the enclave"),
        ("Another monitor, the Violations Documentation Center, put the toll at 45.", "Violations Documentation Center"),
        # an appositive that is no speaker: the name is before it
        ("Medics in Taiz, the country's third city, said 8 people were killed.", "Medics in Taiz"),
        ("Karim Nasser, a nurse at the district clinic, said 3 bodies were brought in.", "Karim Nasser"),
        # inverted, lower case
        ("Across the province, 14 people were killed on Sunday, said residents.", "Residents"),
        # person nouns the table does not list, known by their ending
        ("Four shepherds were shot dead, a local cleric told the BBC.", "Local cleric"),
        ("Other villagers said 6 people had been killed.", "Other villagers"),
        # a reduced relative after the head is no speaker
        ("The tactics used by the militia say otherwise, with 5 killed.", None),
        # coordinated reporters
        ("Nine villagers were killed by the blast, residents and rescue workers said.", "Residents and rescue workers"),
        # a report verb inside what was said, its "that" left out: the first speaker reports it
        ("The Mountain Rights Watch said on Monday it had documented the deaths of 212 villagers since May.", "Mountain Rights Watch"),
        ("The Relief Observatory reported on Friday it had counted 40 dead in the camp.", "Relief Observatory"),
        # a person named with a title between commas: the name with the title, never the title alone
        ("Omar Haddad, the head of the valley district administration, said three farmers were wounded.",
         "Omar Haddad, head of the valley district administration"),
        ("The governor of the region, Lina Petrenko, has stressed that two drivers died.", "Lina Petrenko"),
        ("According to the chairman of the traders' union, Sami Rahal, two porters died.", "Sami Rahal, chairman of the traders' union"),
        # more verbs that report
        ("The district police indicated in a statement that two guards were killed.", "District police"),
        ("Eight fighters were killed near the pass, the army spokesman elaborated.", "Army spokesman"),
    ],
)
def test_reporter_of_one_sentence(sentence, reporter):
    assert find_attribution(sentence) == reporter


@pytest.mark.parametrize(
    "sentence",
    [
        # a dateline names the outlet's office, not who counted
        "KABUL (AP) — Four policemen were killed at a checkpoint overnight.",
        "TRIPOLI, Libya (Reuters) - Six people died when a shell hit a house.",
        "MOSUL, Iraq — Three soldiers were wounded in a roadside blast on Monday.",
        # a weekday or a time after the verb is not the reporter
        "Seven people were wounded in the shelling on Wednesday.",
        # a counted noun before a participle is not a reporter
        "The number of victims recorded since dawn reached 40.",
        "Twenty violations registered on the front line were mortar fire.",
        "Most of the casualties recorded so far were caused by artillery.",
        "Compared to the report a day earlier, two more people were killed.",
        "Five were wounded, although no independent source confirmed the toll.",
    ],
)
def test_no_reporter_where_nobody_speaks(sentence):
    assert find_attribution(sentence) is None


def test_according_to_our_information_is_the_quoted_speaker():
    sentence = '"According to our information, 40 people were killed," the mayor told reporters.'
    assert find_attribution(sentence) == "Mayor"


def test_each_clause_has_its_own_speaker():
    sentence = ("The opposition National Coalition said 140 had died over two days, "
                "while activist Omar Haddad said 95 were killed in Hama on Thursday alone.")
    assert sources(sentence) == [(140, "Opposition National Coalition"), (95, "Activist Omar Haddad")]


def test_but_and_semicolon_also_start_a_new_speaker():
    assert sources("The army said it killed 30 rebels; the rebels said 4 of their fighters were killed.") == [
        (30, "Army"), (4, "Rebels")]
    assert sources("The army said 30 rebels were killed, but the rebels said only 4 fighters died.") == [
        (30, "Army"), (4, "Rebels")]


def test_a_weekday_after_the_verb_is_never_the_reporter():
    context = AttributionContext()
    context.observe("The Kurdish Red Crescent said its clinic was hit.")
    assert find_attribution("The group said Wednesday that 18 of its members were wounded.", context) == "Kurdish Red Crescent"
    assert find_attribution("Eighteen of its members were wounded, the group said Wednesday.", context) == "Kurdish Red Crescent"
    assert find_attribution("On Wednesday the group said 18 members were wounded.", context) == "Kurdish Red Crescent"
    assert find_attribution("Eighteen were wounded, it was said Wednesday.") is None


def test_a_reference_resolves_to_the_reporter_named_before():
    context = AttributionContext()
    for sentence in ("The Yemen Human Rights Network said shelling hit three villages on Monday.",
                     "Ships were seen off the coast."):
        context.observe(sentence)
    for reference in ("The monitoring group said 5 people were killed.", "The Yemen-based organization said 5 people were killed.", "It added that 5 people were killed.",
                      "He said 5 people were killed.", "The network said 5 people were killed."):
        assert sources(reference, context) == [(5, "Yemen Human Rights Network")], reference


def test_a_named_mission_is_not_a_reference():
    context = AttributionContext()
    context.observe("The district administrator said 12 people were killed.")
    assert sources("The UN peacekeeping mission said 10 people were killed.", context) == [(10, "UN peacekeeping mission")]


def test_the_outlet_carrying_a_statement_is_not_the_next_reporter():
    context = AttributionContext()
    context.observe("Lina Hadad, head of the regional council, said this on Telegram, the Nova agency reports.")
    assert sources("Four people were wounded.", context) == [(4, "Lina Hadad")]


def test_a_statement_that_names_its_author_after_the_figures():
    article = ["Two people were killed in the district over the past day.",
               "The regional governor's office said on Telegram that shelling continued."]
    context = AttributionContext.for_article(article)
    assert source_of(article[0], context) == Source("Regional governor's office", "later")


def test_another_group_is_not_the_one_named_before():
    context = AttributionContext()
    context.observe("The Yemen Human Rights Network said shelling hit three villages on Monday.")
    assert sources("Another rights group said 7 people were killed.", context) == [(7, "Another rights group")]


def test_according_to_a_possessive_resolves_to_the_reporter_before():
    context = AttributionContext()
    context.observe("Separatist officials in the east said the town was shelled overnight.")
    assert sources("One man died there; according to their data, four more were wounded.", context) == [
        (1, "Separatist officials in the east"), (4, "Separatist officials in the east")]


def test_a_sentence_without_reporter_continues_the_last_named_one():
    context = AttributionContext()
    context.observe("The regional governor posted his daily summary on Telegram.")
    context.observe("The Kherson regional administration said the city was shelled 40 times.")
    [source] = {s for _, s in sources("Three people were killed and nine were wounded.", context)}
    assert source == "Kherson regional administration"
    assert source_of("Three people were killed.", context).how == "earlier"


def test_nobody_named_in_the_article_gives_no_source():
    context = AttributionContext()
    context.observe("Heavy rain fell on the capital.")
    assert sources("Two people were killed in a crash.", context) == [(2, None)]
    assert source_of("Two people were killed in a crash.", context).how == "outlet"


def test_the_outlet_in_a_dateline_is_not_the_last_reporter():
    context = AttributionContext()
    context.observe("ADEN, Yemen (AP) — Fighting flared again near the port.")
    assert context.last_reporter is None


class _CountingNames(dict):
    """The context's names, counting how many a lookup reads."""

    reads = 0

    def __getitem__(self, key):
        type(self).reads += 1
        return super().__getitem__(key)


def test_a_reference_reads_only_the_names_that_hold_its_words():
    # issue 11: a lookup used to compare the reference with every name the article had made
    ctx = AttributionContext()
    ctx.names = _CountingNames()
    for i in range(2000):
        ctx.observe(f"The Ministry of Region{i} said it would send aid.")
    ctx.observe("The Syrian Observatory for Human Rights said 4 people died.")
    _CountingNames.reads = 0
    assert ctx.resolve("the Observatory") == "Syrian Observatory for Human Rights"
    assert _CountingNames.reads <= 2
    # the most recent of the names holding every word wins, as before
    assert ctx.resolve("the ministry") == "Ministry of Region1999"
    ctx.observe("The Ministry of Region7 said it would send aid.")
    assert ctx.resolve("the ministry") == "Ministry of Region7"


def test_each_figure_records_how_its_source_was_found():
    context = AttributionContext()
    context.observe("A storm cut power to the coast on Sunday.")
    [own] = find_figures("Two people were killed in a crash on the coast road.", context=context)
    assert (own.attributed_to, own.source_basis) == (None, "outlet")
    [named] = find_figures("Police said three people were killed at sea.", context=context)
    assert named.source_basis == "named"
    context.observe("Police said three people were killed at sea.")
    [carried] = find_figures("One more person was killed later.", context=context)
    assert (carried.attributed_to, carried.source_basis) == ("Police", "earlier")


# -- where the outlet speaks for itself, and reporters that are not carried --------------------


def _article_sources(lines: list[str]) -> list[tuple[int, str | None, str]]:
    """(value, reporter, how) of every figure of a story given one paragraph a line, read as the build reads it."""
    import datetime as dt

    from generator.events import extract_article
    from generator.model import Article

    story = Article("s.md", "s", "S", dt.date(2024, 3, 5), "\n\n".join(lines))
    return [(f.value, f.attributed_to, f.source_basis)
            for e in extract_article(story, {"TIMELINE_COUNTRIES": ["NG"]}).events for f in e.figures]


def test_in_a_story_of_several_voices_a_speaker_carries_only_to_the_end_of_the_paragraph():
    story = [
        "Gunmen attacked the village of Kofa on Sunday night, a police spokesman said. Four people were killed in the attack.",
        "Village head Amina Sule said the attackers came on motorbikes.",
        "Gunmen killed 12 people in the nearby town of Dada in January.",
    ]
    assert _article_sources(story) == [(4, "Police spokesman", "earlier"), (12, None, "outlet")]
    # one voice only: a statement carries on to its end
    statement = [story[0], "The attackers burned houses.", story[2]]
    assert _article_sources(statement)[-1] == (12, "Police spokesman", "earlier")


def test_a_bodys_statement_goes_on_into_the_next_paragraph_a_persons_does_not():
    story = [
        "According to the Northern Relief Agency, 2,300 people have been displaced since March.",
        "Another 400 people were displaced in the past day.",
        "Farmer Musa Bello said his village was empty.",
        "Mayor Ada Eze said the camps were full.",
        "Another 600 people were displaced in the past day.",
    ]
    sources = _article_sources(story)
    assert (400, "Northern Relief Agency", "earlier") in sources
    assert (600, None, "outlet") in sources


def test_a_paragraph_between_two_by_the_same_speaker_is_theirs():
    story = [
        "The Delta Rights Network said on Monday that 300 people were killed in the province this year.",
        "Six guards were killed in a raid on Sunday, a police officer said.",
        "The Delta Rights Network said on Monday that raids were increasing.",
        "Another 40 people were killed in raids by the militia this year.",
        "The network said 2,100 people had been killed since the start of the conflict.",
    ]
    sources = _article_sources(story)
    assert (40, "Delta Rights Network", "earlier") in sources


def test_hearsay_with_nobody_named_is_the_outlets_own():
    context = AttributionContext()
    context.observe("The provincial police said a bomb went off at the bus station.")
    assert source_of("Eleven passengers were reportedly killed.", context) == Source(None, "outlet")
    assert source_of("At least 30 more deaths were reported across the valley.", context) == Source(None, "outlet")
    assert source_of("Four guards were killed at the gate.", context) == Source("Provincial police", "earlier")


def test_background_from_an_earlier_period_is_not_the_last_reporters():
    context = AttributionContext()
    context.observe("The health office said two children died in the flood on Sunday.")
    assert source_of("Just last year, a landslide there killed 12 villagers.", context).how == "outlet"
    assert source_of("Three weeks ago, six herders died in a similar storm.", context).how == "outlet"
    # a running total since a past start, or a span up to now, is still the reporter's
    assert source_of("Since last month, 40 people have died in the district.", context).how == "earlier"
    assert source_of("Some 90 have died since the rains began in April last year.", context).how == "earlier"
    assert source_of("Over the last week, nine people died.", context).how == "earlier"


def test_a_separate_incident_ends_the_carried_reporter():
    article = ["Two soldiers were killed at a checkpoint, the army said on Monday.",
               "In a separate attack on Sunday, gunmen killed four traders on the coast road.",
               "Three others were wounded."]
    context = AttributionContext.for_article(article)
    context.observe(article[0])
    context.observe(article[1])
    assert source_of(article[1], context) == Source(None, "outlet")
    context.observe(article[2])
    assert source_of(article[2], context) == Source(None, "outlet")
    context.observe("Local elders said the road was closed.")
    assert source_of("One trader died later.", context) == Source("Local elders", "earlier")


def test_elsewhere_goes_on_with_the_same_report():
    context = AttributionContext()
    context.observe("The monitoring group said shelling killed five people in the north.")
    assert source_of("Elsewhere, two people died in an air strike.", context).how == "earlier"


def test_reports_as_a_noun_names_nobody():
    assert find_attribution("Traders fled after unconfirmed radio reports that 15 people had been killed nearby.") is None
    assert find_attribution("The mayor denied media reports that nine guards died.") is None  # denying is no reporting
    assert find_attribution("Regional TV reports that nine guards died.") == "Regional TV"


def test_a_reporter_clause_after_as_keeps_both_speakers():
    sentence = "A truck bomb went off near the market, killing six people as the police and several shopkeepers said Friday."
    assert sources(sentence) == [(6, "Police and several shopkeepers")]


def test_issued_a_statement_is_a_reporting_verb():
    assert find_attribution("The port authority earlier issued a statement that 14 dockers were killed.") == "Port authority"


def test_an_indefinite_speaker_is_someone_new():
    context = AttributionContext()
    context.observe("The Kivu Security Tracker said rebels attacked two villages.")
    assert find_attribution("A local source said nine people were killed.", context) == "Local source"
    assert find_attribution("The state agency quoted a hospital source as saying 12 died.", context) == "Hospital source"


def test_a_long_quote_belongs_to_the_speaker_named_after_it_closes():
    article = ["The fire brigade said the blaze started in a warehouse on Monday.",
               "“The roof fell in before we could reach the second floor.",
               "Two workers died and five were injured,” the site manager told reporters.",
               "Four firefighters were treated for smoke."]
    context = AttributionContext.for_article(article)
    for sentence in article:
        context.observe(sentence)
        if sentence == article[1]:
            assert source_of(sentence, context) == Source("Site manager", "later")
    # the closing sentence names its speaker itself; after the quote the carry goes on as usual
    assert sources(article[2], context) == [(2, "Site manager"), (5, "Site manager")]
    # a quote that never closes within a few sentences gives nobody
    open_ended = ["“We saw the smoke from the hill."] + [f"Then came blast number {n}." for n in range(10)]
    assert AttributionContext.for_article(open_ended).quoted_by == {}


def test_an_indefinite_body_in_the_lead_is_the_one_the_next_sentence_names():
    lead = "Some 800 people have died since the revolt began in the valley, a watchdog said on Tuesday."
    article = [lead, "Fighters made up about half of the dead, said the Valley Observatory for Human Rights, which counts both sides."]
    context = AttributionContext.for_article(article)
    context.observe(lead)
    assert source_of(lead, context) == Source("Valley Observatory for Human Rights", "named")
    # a person, or a state body, named next is not the body the lead described
    for following in ("Lina Haddad, head of the Valley Observatory, said fighters made up half.",
                      "The Defence Ministry said fighters made up half of the dead."):
        context = AttributionContext.for_article([lead, following])
        assert find_attribution(lead, context) == "Watchdog"
    # a person described in the lead is never replaced
    source_lead = "Four guards died at the gate, a hospital source said."
    context = AttributionContext.for_article([source_lead, "The Valley Observatory for Human Rights said the gate was shelled."])
    assert find_attribution(source_lead, context) == "Hospital source"


def test_a_full_stop_after_an_initial_does_not_end_the_name():
    assert find_attribution("The floods have killed 1,200 people, according to a U.N. estimate released on Friday.") == "U.N."
    assert find_attribution("About 40 died, according to the U.S. Geological Survey.") == "U.S. Geological Survey"
    assert find_attribution("Some 300 have fled, according to W.H.O. figures from earlier this month.") == "W.H.O."
    # a document "released by" a body is still that body's
    assert find_attribution("Nine died, according to figures released by the port authority.") == "Port authority"
    assert find_attribution("Nine died, according to the harbour office. Rain fell.") == "Harbour office"


def test_a_heading_names_the_author_of_what_follows():
    article = ["Urgent statement by the press office of the Coastal Guard",
               "Last night the harbour was shelled from the north.",
               "As a result, TWO sailors were injured."]
    context = AttributionContext.for_article(article)
    for sentence in article:
        context.observe(sentence)
    assert source_of(article[2], context) == Source("Press office of the Coastal Guard", "earlier")
    # a sentence is no heading, nor is a place a "report from" gives
    assert AttributionContext.for_article(["Report from Riverton", "Two sailors were injured."]).first_reporter is None
    assert AttributionContext.for_article(["The report of the inquiry was published.", "Two died."]).first_reporter is None


def test_revising_a_toll_is_reporting_it():
    assert find_attribution("The island's authorities on Friday revised the toll from the blasts down to 212.") == "Island's authorities"
    assert find_attribution("The health office raised its death toll to 31.") == "Health office"
    assert find_attribution("The landslide raised the death toll to 31.") is None  # an event is no speaker


def test_revising_a_toll_with_an_adverb_is_reporting_it():
    assert find_attribution("The ministry on Monday sharply revised downward the death toll from the floods to 140.") == "Ministry"
    assert find_attribution("Officials raised again the number of dead to 31.") == "Officials"
    assert find_attribution("The second landslide sharply raised the death toll to 31.") is None  # an event is no speaker
    assert find_attribution("The health office lowers its death toll to 12.") == "Health office"


def test_a_speaker_citing_its_basis_keeps_the_figure():
    assert sources("Nine people died in the blast at the bus station, a nurse said, citing hospital records.") == [(9, "Nurse")]
    assert sources("The interior office, citing its own staff, said six guards died.") == [(6, "Interior office")]
    # what is cited is no speaker: the one citing it is
    assert find_attribution("The council revised its toll down to 88, citing a counting error.") == "Council"


def test_a_news_medium_citing_someone_passes_on_the_one_cited():
    assert sources("Twelve civilians were killed in the raid on the market, Reuters reported, citing local officials.") == [
        (12, "Local officials")]
    assert sources("Eight people were killed in the crash, state radio said, quoting a police spokesman.") == [(8, "Police spokesman")]
    # a medium reporting on its own is the source
    assert sources("Eight people were killed in the crash, state radio said.") == [(8, "State radio")]


def test_told_a_medium_names_the_one_who_told():
    assert sources("Gunmen stormed the village, killing four people, the district chief told state radio.") == [(4, "District chief")]
    assert sources("A local official told a regional newspaper that 11 people were killed in the village.") == [(11, "Local official")]
    assert sources("Herders told our correspondent that five people were killed.") == [(5, "Herders")]


def test_he_or_she_names_the_last_person_who_spoke_not_a_body():
    context = AttributionContext()
    context.observe("Village head Amina Sule told reporters that the attackers came at night.")
    context.observe("The police said the attackers used motorbikes.")
    assert sources("Nine bodies were recovered, she said.", context) == [(9, "Village head Amina Sule")]
    # "it" is a body, never the person who spoke last
    context.observe("The district council said the roads were closed.")
    context.observe("Farmer Ado Bala said the river rose overnight.")
    assert sources("Twelve people were injured, it said.", context) == [(12, "District council")]
    # with no person named before, "he" is the last reporter's spokesman
    context = AttributionContext()
    context.observe("The army said its troops repelled an attack on the camp.")
    assert sources("He said seven soldiers were killed.", context) == [(7, "Army")]


def test_according_to_their_data_points_back_in_the_same_sentence():
    context = AttributionContext()
    context.observe("The regional governor said the town was shelled overnight.")
    assert sources("A man died in Dolny, a town held by the rebels - according to their data, three more were wounded.", context) == [
        (1, "Rebels"), (3, "Rebels")]


@pytest.mark.parametrize(
    "sentence, reporter",
    [
        # a dateline with the agency in brackets and no dash
        ("LAGOS (Wire) The state police command said four traders were killed on Monday.", "State police command"),
        # an acronym in brackets is part of the name, not a break in it
        ("The Joint Task Force (JTF) headquarters said two soldiers were wounded.", "Joint Task Force headquarters"),
        # a date after the name, a bullet before it, an adverb before the verb
        ("The Interior Ministry on May 3 announced that nine suspects were arrested.", "Interior Ministry"),
        ("• A health ministry spokesperson said 14 people were killed.", "Health ministry spokesperson"),
        ("The sources further said that six guards were wounded.", "Sources"),
        # "per" names a source only before a name
        ("Per the Health Ministry, 30 people died.", "Health Ministry"),
        ("About 80 shells were fired per day, and 3 people died.", None),
        # a participle with its agent is no speaker; a document that names nobody is no source
        ("Footage posted online by residents showed two bodies in the street.", None),
        ("According to the peace accords, 12 observers were to be deployed.", None),
        # "claimed" the lives of people, or responsibility for a deed, reports no count
        ("Shelling by the rebels claimed the lives of four villagers overnight.", None),
        ("The armed group claimed responsibility for the blast that killed nine.", None),
        # a performative with its object reports nothing
        ("In 2015 the army declared victory over the rebels, who lost 40 fighters.", None),
        # a saved page's date stamp is no part of a name
        (" date 2021-10-30 The port police explained that gunmen killed five herders.", "Port police"),
    ],
)
def test_names_are_read_clean(sentence, reporter):
    assert find_attribution(sentence) == reporter


def test_a_speaker_in_a_relative_clause():
    assert sources("The monitors spoke to herders who said that three boys had been wounded.") == [(3, "Herders")]
    assert sources("Two officials, who asked not to be named, said four guards died.") == [(4, "Two officials")]


def test_a_statement_that_reads_and_their_statistics_refer_back():
    context = AttributionContext()
    context.observe("The regional health office issued its daily report on Monday.")
    context.observe("The regional health office said the hospitals were full.")
    assert sources('"Seven people were wounded overnight," the report reads.', context) == [(7, "Regional health office")]
    assert sources("In the city, according to their statistics, 40 people have been wounded this month.", context) == [
        (40, "Regional health office")]


def test_a_time_after_the_speakers_name_is_not_part_of_it():
    assert find_attribution("The regional health ministry on Thursday said nine people died.") == "Regional health ministry"
    assert find_attribution("Army spokesman Colonel Tarek Adem in a video message said nine soldiers died.") == "Army spokesman Colonel Tarek Adem"
    # a document answered "by" a body is the body's
    assert find_attribution("Twelve soldiers died this year, according to an RTI reply by the Defence Ministry.") == "Defence Ministry"
    assert find_attribution("Nine died, according to the CNN report from the northern hills.") == "CNN report from the northern hills"


def test_names_read_whole_across_datelines_lower_case_and_time_phrases():
    assert find_attribution("Shelling killed 14 people overnight, said the Armenian health Ministry.") == "Armenian health Ministry"
    assert find_attribution("Tripoli The port authority announced today that 40 migrants drowned.") == "Port authority"
    assert find_attribution("At least 20 died, as recorded by district doctors since the floods began.") == "District doctors"
    assert find_attribution("Four died, according to testimony of the head of the fishermen's union.") == "Head of the fishermen's union"


def test_according_to_what_is_known_names_nobody():
    sentence = "The army command said that according to intelligence, jets hit a depot at night, killing 12 fighters."
    assert find_attribution(sentence) == "Army command"
    context = AttributionContext()
    context.observe("The governor said the town was shelled twice.")
    assert source_of("According to preliminary information, three people died.", context) == Source("Governor", "earlier")


@pytest.mark.parametrize("unit", ["the ministry said ", "residents and rescuers said ", "the governor wrote on Telegram that "])
def test_each_speech_verb_reads_only_the_words_near_it(monkeypatch, unit):
    # issue 11: each verb re-read the whole sentence before it (N verbs in one sentence cost N² characters)
    from generator import attribution

    read: list[int] = []
    clean = attribution._clean_name
    monkeypatch.setattr(attribution, "_clean_name", lambda name: read.append(len(name)) or clean(name))
    attribution._reporters.cache_clear()
    sentence = unit * 400
    assert attribution._reporters(sentence)
    assert max(read) < 1000 < len(sentence)
