"""extract_mentions on hand-written sentences in the style of conflict reports."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from frontlines.models import Mention

Mentions = Callable[..., list[Mention]]


def test_mentions_coordinated_districts_give_one_mention_per_district(
    mentions_of: Mentions,
) -> None:
    text = (
        "Insurgents have seized Fayzabad city and the Jurm and Khash districts of Badakhshan "
        "province without a fight, a local official said on Monday."
    )
    mentions = mentions_of(text)
    places = [m.places[0].name for m in mentions]
    assert places[-2:] == ["Jurm", "Khash"]
    assert {m.sub_event_type for m in mentions} == {"Non-violent transfer of territory"}


def test_mentions_passive_voice_agent_is_actor1(mentions_of: Mentions) -> None:
    mentions = mentions_of(
        "Taliban positions near Lashkar Gah were targeted by Afghan Air Forces on Sunday night, "
        "killing 12 fighters."
    )
    assert len(mentions) == 1
    mention = mentions[0]
    assert mention.sub_event_type == "Air/drone strike"
    assert mention.actor1 is not None and mention.actor1.name == "Military Forces of Afghanistan"
    assert mention.fatalities == 12


def test_mentions_pronoun_takes_actor_from_previous_sentence(mentions_of: Mentions) -> None:
    text = (
        "Taliban fighters surrounded the police headquarters in Khan Abad on Friday. "
        "They captured the district center after a four-hour gun battle."
    )
    mentions = mentions_of(text)
    captured = [m for m in mentions if m.sub_event_type == "Non-state actor overtakes territory"]
    assert captured and captured[0].actor1 is not None
    assert captured[0].actor1.name == "Taliban"


def test_mentions_destination_country_is_not_the_event_place(mentions_of: Mentions) -> None:
    mentions = mentions_of(
        "More than a thousand Afghan soldiers from Badakhshan fled across the border into "
        "Tajikistan on Monday."
    )
    assert len(mentions) == 1
    assert all(place.name != "Tajikistan" for place in mentions[0].places)
    assert ("troops", 1000) in mentions[0].quantities
    assert mentions[0].fatalities is None


@pytest.mark.parametrize(
    "sentence",
    [
        "The Taliban are close to capturing Kandahar city, officials warned.",
        "Government forces are preparing a counter-offensive to retake Kunduz.",
        "The ministry says it kills hundreds of militants every day.",
        "Insurgents have attacked the district four times since June 22.",
        "If the Taliban capture Ghazni, the highway to Kabul will be cut.",
        "The army did not withdraw from Imam Sahib, the governor said.",
        "The Taliban threatened to attack Lashkar Gah within days.",
        "Will the Taliban take Mazar-i-Sharif next?",
        "The Taliban first captured Kunduz in 2015.",
    ],
)
def test_mentions_not_events_yield_nothing(mentions_of: Mentions, sentence: str) -> None:
    assert mentions_of(sentence) == []


def test_mentions_text_without_events_yields_none(mentions_of: Mentions) -> None:
    text = (
        "The governor of Balkh met tribal elders in Mazar-i-Sharif on Monday to discuss "
        "the harvest. Prices of wheat rose sharply in local markets this week."
    )
    assert mentions_of(text) == []


def test_mentions_never_read_comments(
    analyse_text: Callable[..., object], nlp: object, gazetteer: object
) -> None:
    from frontlines.extract import extract_mentions
    from frontlines.models import Article, Comment
    from frontlines.nlp import analyse

    body = "Residents of Kunduz said the market reopened on Sunday."
    comment = "The Taliban captured Imam Sahib district yesterday and killed 40 soldiers!!"
    original = body + "\n\nComments\n" + comment
    article = Article(
        id="c1",
        body=body,
        original=original,
        kind="article-with-comments",
        comments=(Comment("Albert F.", comment, len(original) - len(comment), len(original), 0.2),),
    )
    analysis = analyse(article, nlp=nlp, gazetteer=gazetteer)  # type: ignore[arg-type]
    assert extract_mentions(analysis) == []


def test_mentions_attribution_names_the_ministry_as_claimant(mentions_of: Mentions) -> None:
    mentions = mentions_of(
        "The Afghan Ministry of Defense said that 21 Taliban militants were killed in airstrikes "
        "in Nad Ali district of Helmand province on Monday."
    )
    assert len(mentions) == 1
    mention = mentions[0]
    assert mention.claimed_by == "Afghan Ministry of Defense"
    assert mention.certainty == "claimed"
    assert mention.fatalities == 21


def test_mentions_hospital_figures_are_cited_and_reported_not_claimed(
    mentions_of: Mentions,
) -> None:
    mentions = mentions_of(
        "A roadside bomb struck a minibus in Pul-i-Khumri on Tuesday, killing five passengers, "
        "a hospital official said."
    )
    assert len(mentions) == 1
    assert mentions[0].claimed_by == "Hospital official"
    assert mentions[0].certainty == "reported"
    assert mentions[0].civilian_targeting


def test_mentions_evidence_offsets_point_into_the_body(mentions_of: Mentions) -> None:
    text = (
        "Heavy rain fell overnight.\n\nTaliban fighters clashed with police in Taloqan on Sunday."
    )
    mentions = mentions_of(text)
    assert len(mentions) == 1
    evidence = mentions[0].sentence
    assert text[evidence.start : evidence.end] == evidence.text
    assert evidence.text.startswith("Taliban fighters clashed")
    trigger = mentions[0].trigger
    assert text[trigger.start : trigger.end] == "clashed"


def test_mentions_dateline_is_not_part_of_the_evidence(mentions_of: Mentions) -> None:
    text = "KABUL, Afghanistan (July 4, 2021) - Afghan commandos recaptured Dasht-e Archi district."
    mentions = mentions_of(text)
    assert len(mentions) == 1
    assert mentions[0].sentence.text.startswith("Afghan commandos")
    assert mentions[0].sub_event_type == "Government regains territory"


@pytest.mark.parametrize(
    ("sentence", "sub_event_type", "actor1"),
    [
        (
            "Russian forces shelled residential districts of Kharkiv overnight, killing three "
            "civilians, the regional governor said.",
            "Shelling/artillery/missile attack",
            "Military Forces of Russia",
        ),
        (
            "Tigrayan forces took control of the town of Lalibela on Thursday, residents said.",
            "Non-state actor overtakes territory",
            "TPLF: Tigray People's Liberation Front",
        ),
        (
            "Fighters of the Arakan Army overran a junta outpost in Paletwa township on Friday.",
            "Non-state actor overtakes territory",
            "AA: Arakan Army",
        ),
        (
            "JNIM militants ambushed a Malian army patrol near Boni, killing nine soldiers.",
            "Armed clash",
            "JNIM: Group for Support of Islam and Muslims",
        ),
        (
            "Fighters from Hayat Tahrir al-Sham clashed with Syrian government forces in "
            "Jabal al-Akrad on Tuesday.",
            "Armed clash",
            "HTS: Hayat Tahrir al Sham",
        ),
    ],
)
def test_mentions_work_beyond_afghanistan(
    mentions_of: Mentions, sentence: str, sub_event_type: str, actor1: str
) -> None:
    mentions = mentions_of(sentence)
    assert mentions, sentence
    assert mentions[0].sub_event_type == sub_event_type
    assert mentions[0].actor1 is not None and mentions[0].actor1.name == actor1


def test_mentions_a_state_speaker_does_not_plant_the_bomb_it_reports(
    mentions_of: Callable[..., list[Mention]],
) -> None:
    found = mentions_of(
        "A government spokesman said at least 15 people were killed on Sunday when a truck "
        "rode over an improvised explosive device near Kunduz."
    )
    bombs = [m for m in found if m.sub_event_type == "Remote explosive/landmine/IED"]
    assert bombs and bombs[0].actor1 is not None
    assert bombs[0].actor1.name == "Unidentified Armed Group"


@pytest.mark.parametrize(
    ("sentence", "actor2"),
    [
        ("Two missiles struck the railway station in Kramatorsk on Friday.", "Civilians"),
        (
            "Militants detonated a car bomb at a military base near Mogadishu on Sunday.",
            "Military Forces of {country}",
        ),
    ],
)
def test_mentions_what_a_strike_hit_names_its_target(
    mentions_of: Callable[..., list[Mention]], sentence: str, actor2: str
) -> None:
    found = [m for m in mentions_of(sentence) if m.event_type == "Explosions/Remote violence"]
    assert found and found[0].actor2 is not None
    assert found[0].actor2.name == actor2


def test_mentions_a_pronoun_in_a_dependent_clause_is_the_main_subject(
    mentions_of: Callable[..., list[Mention]],
) -> None:
    found = mentions_of(
        "Meanwhile, French and Malian troops entered central Timbuktu on Monday, a day after "
        "they seized the local airport."
    )
    takeovers = [m for m in found if m.event_type == "Battles"]
    assert takeovers and takeovers[0].actor1 is not None
    assert takeovers[0].actor1.name != "Unidentified Armed Group"
    assert "France" in takeovers[0].actor1.name or "Mali" in takeovers[0].actor1.name


def test_mentions_a_capital_that_blames_is_not_where_it_happened(
    mentions_of: Callable[..., list[Mention]],
) -> None:
    found = mentions_of(
        "More than 50 civilians were killed on Friday in a missile strike on the railway station "
        "in Kramatorsk, which Kyiv blamed on Russian forces."
    )
    strikes = [m for m in found if m.event_type == "Explosions/Remote violence"]
    assert strikes and strikes[0].places
    assert strikes[0].places[0].name == "Kramatorsk"
    assert all(p.name != "Kyiv" for p in strikes[0].places)


@pytest.mark.parametrize(
    ("sentence", "sub_event_type"),
    [
        ("About 40 gunmen stormed the army post near Kunduz on Friday.", "Armed clash"),
        (
            "Taliban fighters stormed the city of Kunduz on Friday.",
            "Non-state actor overtakes territory",
        ),
    ],
)
def test_mentions_storming_a_post_is_an_assault_storming_a_city_a_takeover(
    mentions_of: Callable[..., list[Mention]], sentence: str, sub_event_type: str
) -> None:
    found = [m for m in mentions_of(sentence) if m.event_type == "Battles"]
    assert found and found[0].sub_event_type == sub_event_type


def test_mentions_the_taliban_in_pakistan_are_the_pakistani_taliban(
    mentions_of: Callable[..., list[Mention]],
) -> None:
    found = mentions_of(
        "Taliban militants attacked a police checkpoint in Peshawar, Pakistan, on Sunday, "
        "killing four policemen.\n\nPakistani officials in Khyber Pakhtunkhwa said the "
        "attackers fled."
    )
    assert found and found[0].actor1 is not None
    assert found[0].actor1.name == "TTP: Tehreek-i-Taliban Pakistan"
    afghan = mentions_of("Taliban fighters captured the district center in Kunduz on Sunday.")
    assert afghan and afghan[0].actor1 is not None and afghan[0].actor1.name == "Taliban"


def test_mentions_a_city_toppled_is_taken(mentions_of: Callable[..., list[Mention]]) -> None:
    found = mentions_of("The key southern city of Lashkar Gah was toppled this morning.")
    assert found and found[0].sub_event_type == "Non-state actor overtakes territory"
    assert found[0].places and found[0].places[0].name == "Lashkar Gah"


def test_mentions_a_country_across_the_border_is_not_the_place(
    mentions_of: Callable[..., list[Mention]],
) -> None:
    found = mentions_of(
        "The M23 rebels on Friday captured the transit town of Bunagana near the border with "
        "Uganda, in Congo's North Kivu province."
    )
    takeovers = [m for m in found if m.event_type == "Battles"]
    assert takeovers and all(p.name != "Uganda" for p in takeovers[0].places)


def test_mentions_the_end_of_a_road_is_not_the_place(
    mentions_of: Callable[..., list[Mention]],
) -> None:
    found = mentions_of(
        "The rebels took control of the town late on Thursday after capturing several villages "
        "on the road linking the town to the provincial capital Goma."
    )
    takeovers = [m for m in found if m.event_type == "Battles"]
    assert takeovers and all(p.name != "Goma" for p in takeovers[0].places)


def test_mentions_drones_alone_name_no_state_forces(
    mentions_of: Callable[..., list[Mention]],
) -> None:
    found = mentions_of(
        "The RSF launched a barrage of suicide drones, followed by artillery shelling on the "
        "city of El Fasher on Saturday.\n\nThe drones and artillery targeted the northern areas "
        "of the city."
    )
    assert found
    assert all(m.actor1 is None or "Military Forces" not in m.actor1.name for m in found)


REPORT_ABOUT_ONE_GROUP = (
    "Taliban fighters captured the Jurm district of Badakhshan province on Sunday, officials "
    "said. The Taliban also attacked a checkpoint in Khash. Separately, a roadside bomb killed "
    "two civilians in Kabul on Sunday night. {disclaimer}"
)


@pytest.mark.parametrize(
    "disclaimer",
    [
        "There was no immediate claim of responsibility for the attack.",
        "No one has claimed responsibility for the blast.",
        "No group took immediate credit for the bombing.",
    ],
)
def test_mentions_an_attack_nobody_claimed_keeps_an_unidentified_perpetrator(
    mentions_of: Mentions, disclaimer: str
) -> None:
    mentions = mentions_of(REPORT_ABOUT_ONE_GROUP.format(disclaimer=disclaimer))
    bombing = [m for m in mentions if m.sub_event_type == "Remote explosive/landmine/IED"]
    assert len(bombing) == 1
    assert bombing[0].actor1 is not None
    assert bombing[0].actor1.name == "Unidentified Armed Group"


def test_mentions_an_unclaimed_claim_of_control_is_no_disclaimer(mentions_of: Mentions) -> None:
    # 'no independent confirmation of the claim' doubts a claim; it disowns no attack.
    text = REPORT_ABOUT_ONE_GROUP.format(disclaimer="There was no confirmation of the claim.")
    bombing = [m for m in mentions_of(text) if m.sub_event_type == "Remote explosive/landmine/IED"]
    assert len(bombing) == 1
    assert bombing[0].actor1 is not None and bombing[0].actor1.name == "Taliban"


def test_mentions_victims_named_by_kin_or_trade_are_civilians_and_a_later_total_replaces_them(
    mentions_of: Mentions,
) -> None:
    text = (
        "A roadside bomb in Kabul killed a television presenter and her mother on Thursday. "
        "The Thursday night blast killed a total of four people."
    )
    mentions = mentions_of(text)
    assert len(mentions) == 1
    assert mentions[0].actor2 is not None and mentions[0].actor2.name == "Civilians"
    assert mentions[0].fatalities == 4


def test_mentions_a_later_sentence_without_a_total_keeps_the_first_count(
    mentions_of: Mentions,
) -> None:
    text = (
        "A roadside bomb in Kabul killed six people on Thursday. "
        "The blast also killed two police officers guarding the road."
    )
    mentions = mentions_of(text)
    assert mentions[0].fatalities == 6


def test_mentions_the_maker_of_an_assault_a_force_battled_is_the_other_side(
    mentions_of: Mentions,
) -> None:
    mentions = mentions_of(
        "Government forces in Afghanistan battled a major assault Saturday by Taliban insurgents "
        "on Lashkar Gah, the capital of Helmand province."
    )
    assert len(mentions) == 1
    assert mentions[0].actor2 is not None and mentions[0].actor2.name == "Taliban"


def test_mentions_victims_among_those_killed_belong_to_the_toll_already_told(
    mentions_of: Mentions,
) -> None:
    text = (
        "Gunmen attacked protesters in central Baghdad on Friday, killing at least 23 people. "
        "Police sources in Iraq's capital said three police officers were among those killed."
    )
    mentions = mentions_of(text)
    assert len(mentions) == 1
    assert mentions[0].fatalities == 23


def test_mentions_a_wars_toll_is_no_later_toll_of_the_last_event(mentions_of: Mentions) -> None:
    text = (
        "Militants attacked a village in Cabo Delgado on Wednesday, killing two people. "
        "The violence has left at least 3,100 dead, according to ACLED."
    )
    mentions = mentions_of(text)
    assert [m.fatalities for m in mentions] == [2]


def test_mentions_members_of_a_named_group_are_that_group(mentions_of: Mentions) -> None:
    mentions = mentions_of(
        "Soldiers from the M23 rebel movement have withdrawn from the city of Goma in the "
        "Democratic Republic of Congo on Saturday."
    )
    assert len(mentions) == 1
    assert mentions[0].actor1 is not None and mentions[0].actor1.name.startswith("M23")


def test_mentions_cities_captured_among_several_are_territory(mentions_of: Mentions) -> None:
    mentions = mentions_of(
        "The insurgent offensive captured several of them on Saturday, including the northern "
        "city of Mazar-e-Sharif."
    )
    assert [m.sub_event_type for m in mentions] == ["Non-state actor overtakes territory"]


def test_mentions_protesters_fighting_guards_are_rioters(mentions_of: Mentions) -> None:
    mentions = mentions_of(
        "Protesters stormed the presidential palace in Bamako on Monday. The intruders "
        "overpowered guards and forced their way into the palace."
    )
    assert {m.event_type for m in mentions} == {"Riots"}


def test_mentions_a_takeover_without_facing_resistance_is_non_violent(
    mentions_of: Mentions,
) -> None:
    mentions = mentions_of(
        "The Taliban seized the Shinkay district of Zabul province on Friday without facing any "
        "resistance from government forces."
    )
    assert [m.sub_event_type for m in mentions] == ["Non-violent transfer of territory"]


def test_mentions_a_sentence_case_headline_opening_the_body_is_no_event(
    mentions_of: Mentions,
) -> None:
    text = (
        "At least 100 killed in RSF attack on Sudanese village\n\n"
        "A recent attack by the Rapid Support Forces on Wad al-Noura village in Al Jazirah state "
        "has killed at least 100 people, according to regional officials."
    )
    mentions = mentions_of(text)
    assert mentions and all(m.sentence.text.startswith("A recent attack") for m in mentions)


def test_mentions_continuing_on_a_named_day_is_that_days_event(mentions_of: Mentions) -> None:
    mentions = mentions_of(
        "Syrian government aircraft continued dropping crude barrel bombs Sunday on rebel-held "
        "areas in the northern city of Aleppo, with a monitoring group reporting at least 36 "
        "fatalities."
    )
    assert [m.sub_event_type for m in mentions] == ["Air/drone strike"]
    assert mentions[0].fatalities == 36
    assert mentions[0].claimed_by == "Monitoring group"


def test_mentions_an_ongoing_habit_stays_no_event(mentions_of: Mentions) -> None:
    assert mentions_of("The Taliban continue to attack police posts in Helmand.") == []


def test_mentions_what_a_force_was_able_to_do_it_did(mentions_of: Mentions) -> None:
    mentions = mentions_of(
        "The Iraqi military said it was able to thwart another attack and seize a Katyusha "
        "rocket and launcher north of Baghdad on Sunday."
    )
    assert [m.sub_event_type for m in mentions] == ["Disrupted weapons use"]
    assert mentions[0].actor1 is not None and "Iraq" in mentions[0].actor1.name
    assert mentions_of("The Taliban are able to attack provincial capitals.") == []


def test_mentions_victims_reported_killed_are_the_victims(mentions_of: Mentions) -> None:
    mentions = mentions_of(
        "Nearly 90 civilians were reported killed in rebel-held districts of Aleppo on Saturday."
    )
    assert [m.sub_event_type for m in mentions] == ["Attack"]
    assert mentions[0].actor2 is not None and mentions[0].actor2.name == "Civilians"


def test_mentions_a_rocket_falling_short_is_no_takeover(mentions_of: Mentions) -> None:
    mentions = mentions_of(
        "A rocket attack on Sunday targeted Baghdad's Green Zone. The rocket fell short of its "
        "target and instead damaged a nearby house."
    )
    assert [m.sub_event_type for m in mentions] == ["Shelling/artillery/missile attack"]


def test_mentions_a_group_taking_credit_claims_the_attack(mentions_of: Mentions) -> None:
    mentions = mentions_of(
        "A suicide blast in Jalalabad, Afghanistan killed at least 8 people on Thursday. "
        "Islamic State, through its media wing Amaq, took credit for the bombing."
    )
    assert len(mentions) == 1
    assert mentions[0].certainty == "claimed"
    assert mentions[0].claimed_by is not None and "Islamic State" in mentions[0].claimed_by


def test_mentions_victims_of_another_day_are_another_event(mentions_of: Mentions) -> None:
    mentions = mentions_of(
        "Government aircraft dropped barrel bombs on Aleppo on Sunday, killing 36 people. "
        "Nearly 90 civilians were reported killed in the same districts on Saturday."
    )
    assert sorted(m.fatalities or 0 for m in mentions) == [36, 90]


@pytest.mark.parametrize(
    "text",
    [
        "A Taliban commander and two advisors were killed in an air strike in Kunduz province "
        "this morning. The insurgents were struck by precision air fire, killing all three.",
        "An Afghan and coalition force killed three insurgents in Wardak province yesterday. "
        "It was later discovered that Baqi was one of the insurgents killed during the "
        "engagement.",
    ],
)
def test_mentions_a_toll_repeated_for_the_same_victims_is_not_added(
    mentions_of: Mentions, text: str
) -> None:
    assert max(m.fatalities or 0 for m in mentions_of(text)) == 3


def test_mentions_a_source_by_its_role_is_the_one_named_before(mentions_of: Mentions) -> None:
    text = (
        "Government spokesman Remis Dandjinou said at least 15 people were killed when a truck "
        "hit a roadside bomb in Sanmatenga province on Sunday. Fourteen people were killed when "
        "a convoy came under attack in Bam province on Sunday, according to the spokesman."
    )
    assert {m.claimed_by for m in mentions_of(text)} == {"Government spokesman Remis Dandjinou"}


def test_mentions_a_guessed_toll_and_the_dead_among_the_toll_change_nothing(
    mentions_of: Mentions,
) -> None:
    text = (
        "Fourteen people were killed when gunmen attacked a food convoy in Sanmatenga province "
        "on Sunday. Many of the dead were the drivers of the trucks. The death toll could pass "
        "20, officials said."
    )
    assert [m.fatalities for m in mentions_of(text)] == [14]


def test_mentions_animals_killed_are_no_fatalities(mentions_of: Mentions) -> None:
    text = (
        "A military helicopter attacked the village of Ta Kan Thar in Sagaing on Monday. Nine "
        "houses were destroyed and some cows and pigs belonging to the villagers were killed."
    )
    assert all(not m.fatalities for m in mentions_of(text))


def test_mentions_resistance_forces_are_no_state_forces(mentions_of: Mentions) -> None:
    mentions = mentions_of(
        "The resistance forces attacked the troops near the village on Monday, killing a soldier."
    )
    assert mentions and mentions[0].actor1 is not None
    assert "Military Forces" not in mentions[0].actor1.name


def test_mentions_gang_members_gunned_down_by_law_enforcement(mentions_of: Mentions) -> None:
    mentions = mentions_of(
        "At least 35 members of the gang Viv Ansanm were gunned down by Haitian law enforcement "
        "in the Port-au-Prince suburb of Pacot on Monday."
    )
    assert len(mentions) == 1
    assert mentions[0].actor1 is not None and mentions[0].actor1.name.startswith("Police")
    assert mentions[0].actor2 is not None and mentions[0].actor2.name == "Viv Ansanm"
    assert mentions[0].fatalities == 35


def test_mentions_a_past_verb_the_parser_took_for_a_name_still_takes_its_object(
    mentions_of: Mentions,
) -> None:
    mentions = mentions_of(
        "Taliban militants, after fierce fighting, overran Kohistanat district in Faryab "
        "province on Tuesday."
    )
    assert [m.sub_event_type for m in mentions] == ["Non-state actor overtakes territory"]


def test_mentions_a_strike_on_residential_areas_hits_civilians(mentions_of: Mentions) -> None:
    mentions = mentions_of(
        "Russian forces shelled residential areas of Kharkiv on Sunday, the governor said."
    )
    assert mentions and mentions[0].actor2 is not None
    assert mentions[0].actor2.name == "Civilians"


def test_mentions_the_source_of_a_wars_toll_refers_back_to_no_event(mentions_of: Mentions) -> None:
    text = (
        "Mozambican forces launched an offensive against insurgents in Cabo Delgado on Monday. "
        "The violence has left at least 3,100 dead, according to the Armed Conflict Location & "
        "Event Data Project, which tracks political violence around much of the world."
    )
    assert all(not m.fatalities for m in mentions_of(text))
