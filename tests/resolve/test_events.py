"""resolve_events: ids, dates, places, merging per place and day, notes, codes, claims."""

from __future__ import annotations

from datetime import date
from typing import Any

from frontlines.extract import extract_mentions
from frontlines.models import Article, DateRange, Event
from frontlines.nlp import analyse
from frontlines.resolve import resolve_events
from frontlines.resolve.events import interaction_code, iso_numeric

PUBLISHED = date(2021, 7, 5)


def _events(nlp: Any, gazetteer: Any, text: str, doc_id: str = "r1") -> list[Event]:
    article = Article(
        id=doc_id, body=text, original=text, published=PUBLISHED, outlet="Kabul Frontline News"
    )
    analysis = analyse(article, nlp=nlp, gazetteer=gazetteer)
    return resolve_events(analysis, extract_mentions(analysis))


CLAIM = (
    "The Afghan Ministry of Defense said on Monday that 21 Taliban militants were killed in "
    "airstrikes in Nad Ali district of Helmand province on Sunday night.\n\n"
    "The airstrikes in Nad Ali also destroyed two Taliban vehicles, the ministry added."
)


def test_events_repeated_mentions_merge_into_one_event(nlp: Any, gazetteer: Any) -> None:
    events = _events(nlp, gazetteer, CLAIM)
    assert len(events) == 1
    event = events[0]
    assert event.sub_event_type == "Air/drone strike"
    assert event.admin1 == "Helmand"
    assert event.fatalities == 21
    assert event.event_date == date(2021, 7, 4)
    assert event.claimed_by == "Afghan Ministry of Defense"
    assert any(c.field == "fatalities" and c.value == 21 for c in event.claims)


def test_events_ids_are_stable_and_differ_by_document(nlp: Any, gazetteer: Any) -> None:
    first = _events(nlp, gazetteer, CLAIM)
    again = _events(nlp, gazetteer, CLAIM)
    other = _events(nlp, gazetteer, CLAIM, doc_id="r2")
    assert [e.event_id for e in first] == [e.event_id for e in again]
    assert first[0].event_id != other[0].event_id


def test_events_fields_follow_acled(nlp: Any, gazetteer: Any) -> None:
    text = (
        "Taliban fighters clashed with Afghan soldiers in Taloqan on Sunday, killing four soldiers."
    )
    events = _events(nlp, gazetteer, text)
    assert len(events) == 1
    event = events[0]
    assert (event.event_type, event.disorder_type) == ("Battles", "Political violence")
    assert event.actor1 == "Taliban" and event.inter1 == 2
    assert event.actor2 == "Military Forces of Afghanistan" and event.inter2 == 1
    assert event.interaction == 12
    assert event.iso == 4 and event.country == "Afghanistan"
    assert event.fatalities == 4
    assert event.notes.startswith("On 4 July 2021, Taliban clashed with Military Forces")
    assert event.sources[0].outlet == "Kabul Frontline News"
    evidence = event.evidence[0]
    assert text[evidence.start : evidence.end] == evidence.text


def test_events_generic_actors_get_the_country(nlp: Any, gazetteer: Any) -> None:
    text = "Gunmen shot dead a journalist in Jalalabad on Thursday."
    events = _events(nlp, gazetteer, text)
    assert events[0].actor1 == "Unidentified Armed Group (Afghanistan)"
    assert events[0].actor2 == "Civilians (Afghanistan)"
    assert events[0].civilian_targeting == "Civilian targeting"
    assert events[0].sub_event_type == "Attack"


def test_events_no_mentions_no_events(nlp: Any, gazetteer: Any) -> None:
    assert _events(nlp, gazetteer, "Wheat prices rose in Kunduz markets this week.") == []


def test_events_interaction_and_iso_codes() -> None:
    assert interaction_code(2, 1) == 12
    assert interaction_code(1, 0) == 10
    assert interaction_code(7, 3) == 37
    assert iso_numeric("UA") == 804
    assert iso_numeric("") == 0


def _release_events(nlp: Any, gazetteer: Any, text: str) -> list[Event]:
    """A press release: no publication date, the dateline anchors the dates."""
    article = Article(id="rel", body=text, original=text, kind="press-release")
    analysis = analyse(article, nlp=nlp, gazetteer=gazetteer)
    return resolve_events(analysis, extract_mentions(analysis))


def test_events_undated_detail_takes_the_paragraph_date_not_the_dateline(
    nlp: Any, gazetteer: Any
) -> None:
    text = (
        "Security Force Detains Facilitator in Helmand\n"
        "ISAF Joint Command - Afghanistan 2011-05-S-061 For Immediate Release\n"
        "KABUL, Afghanistan (May 21, 2011) - In Nad Ali district, Helmand province, Afghan "
        "forces searched a compound Thursday. The security force detained two suspected "
        "insurgents after questioning residents at the scene."
    )
    events = _release_events(nlp, gazetteer, text)
    assert [(e.sub_event_type, e.event_date) for e in events] == [("Arrests", date(2011, 5, 19))]
    assert events[0].time_precision == 1


def test_events_last_night_in_the_lede_dates_the_detail_sentence(nlp: Any, gazetteer: Any) -> None:
    text = (
        "Insurgents Detained in Kandahar Overnight\n"
        "ISAF Joint Command - Afghanistan 2011-05-S-070 For Immediate Release\n"
        "KABUL, Afghanistan (May 24, 2011) - Afghan and coalition forces searched a compound in "
        "Zharay district, Kandahar province, last night. The force detained three suspected "
        "insurgents."
    )
    events = _release_events(nlp, gazetteer, text)
    assert [e.event_date for e in events] == [date(2011, 5, 23)]


def test_events_undated_lede_takes_the_date_of_the_next_sentence(nlp: Any, gazetteer: Any) -> None:
    text = (
        "KABUL, Afghanistan (Oct. 3, 2011)\n"
        "An Afghan and coalition security force detained four suspected insurgents in Nad Ali "
        "district, Helmand province.\nThe operation took place Saturday, officials said."
    )
    events = _release_events(nlp, gazetteer, text)
    assert [e.event_date for e in events] == [date(2011, 10, 1)]
    assert events[0].time_precision == 1


def test_events_release_without_a_dateline_year_stays_undated(nlp: Any, gazetteer: Any) -> None:
    text = (
        "KABUL, Afghanistan (Oct. 3)\n"
        "An Afghan and coalition security force detained four suspected insurgents in Nad Ali "
        "district, Helmand province, yesterday."
    )
    events = _release_events(nlp, gazetteer, text)
    assert len(events) == 1
    assert (events[0].event_date, events[0].date_min, events[0].date_max) == (None, None, None)


def test_events_a_past_month_told_in_passing_is_background(nlp: Any, gazetteer: Any) -> None:
    text = (
        "Taliban fighters attacked a checkpoint in Taloqan on Sunday, killing four soldiers.\n\n"
        "In May, a bomb blast in Kunduz killed more than 20 people."
    )
    events = _events(nlp, gazetteer, text)
    assert [e.location for e in events] == ["Taloqan"]


def test_events_a_province_level_mention_folds_into_the_district_inside_it(
    nlp: Any, gazetteer: Any
) -> None:
    text = (
        "Taliban fighters captured Nad Ali district in Helmand province on Sunday.\n\n"
        "A spokesman for the Helmand police said the Taliban took control of the district "
        "centre in Helmand on Sunday after heavy fighting."
    )
    events = _events(nlp, gazetteer, text)
    territorial = [e for e in events if e.sub_event_type == "Non-state actor overtakes territory"]
    assert len(territorial) == 1
    assert territorial[0].admin2 == "Nad Ali" and len(territorial[0].evidence) == 2


def test_events_an_air_strike_without_its_flyer_goes_to_the_state_forces(
    nlp: Any, gazetteer: Any
) -> None:
    text = "Warplanes struck a market in Kunduz city on Sunday, killing 12 civilians."
    events = _events(nlp, gazetteer, text)
    strikes = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert strikes and strikes[0].actor1 == "Military Forces of Afghanistan"


def test_events_suspected_militants_stay_unidentified_in_a_report_about_one_group(
    nlp: Any, gazetteer: Any
) -> None:
    text = (
        "Suspected militants attacked a police post in Taloqan on Sunday, killing two "
        "policemen.\n\n"
        "The Taliban have been active in the area, and a Taliban spokesman said the Taliban "
        "were advancing elsewhere."
    )
    events = _events(nlp, gazetteer, text)
    attacks = [e for e in events if e.location == "Taloqan"]
    assert attacks and attacks[0].actor1.startswith("Unidentified Armed Group")


def _placed_toll(figure: int, source: str | None, certainty: str = "reported") -> Any:
    from frontlines.models import Evidence, Mention
    from frontlines.resolve.events import _Placed

    evidence = Evidence("r1", 0, 1, "x")
    mention = Mention(
        doc_id="r1",
        event_type="Battles",
        sub_event_type="Armed clash",
        disorder_type="Political violence",
        trigger=evidence,
        sentence=evidence,
        fatalities=figure,
        claimed_by=source,
        certainty=certainty,
    )
    return _Placed(mention, DateRange(None, None, None, 3), None, 3)


def test_events_a_partial_count_does_not_lower_the_whole_toll() -> None:
    from frontlines.resolve.events import _conservative_fatalities

    # 'the raid left nine people dead, authorities said' and 'left the three attackers dead'
    group = [_placed_toll(9, "Authorities"), _placed_toll(3, None)]
    assert _conservative_fatalities(group) == 9


def test_events_a_partys_claim_counts_only_without_another_figure() -> None:
    from frontlines.resolve.events import _conservative_fatalities

    claim = _placed_toll(12, "Taliban", certainty="claimed")
    assert _conservative_fatalities([claim, _placed_toll(6, "Governor's spokesman")]) == 6
    assert _conservative_fatalities([claim]) == 12


def test_events_a_lede_takeover_without_its_place_is_the_detailed_one(
    nlp: Any, gazetteer: Any
) -> None:
    text = (
        "Rebels from the M23 group have seized a town from the army in eastern Congo, the "
        "military said on Friday.\n\n"
        "The rebels took control of Rutshuru in North Kivu late on Thursday."
    )
    takeovers = [e for e in _events(nlp, gazetteer, text) if e.sub_event_type.endswith("territory")]
    assert len(takeovers) == 1
    assert takeovers[0].admin1 == "North Kivu"


def test_events_a_lede_placed_only_in_the_country_is_the_detailed_event(
    nlp: Any, gazetteer: Any
) -> None:
    text = (
        "More than 20 civilians were killed on Sunday in a rocket attack on a market in "
        "Afghanistan. Officials in Kabul condemned the attack on Sunday.\n\n"
        "Two rockets struck the market in Kunduz city on Sunday, police said."
    )
    strikes = [e for e in _events(nlp, gazetteer, text) if e.event_type.startswith("Explosions")]
    assert len(strikes) == 1
    assert strikes[0].admin1 == "Kunduz"
    assert strikes[0].fatalities == 20


def test_events_its_troops_after_a_named_speaker_are_the_speakers_forces(
    nlp: Any, gazetteer: Any
) -> None:
    text = (
        "Armenia's Defense Ministry said its troops shot down two Azerbaijani drones near the "
        "border on Sunday."
    )
    (event,) = _events(nlp, gazetteer, text)
    assert event.actor1 == "Military Forces of Armenia"
    assert event.actor2 == "Military Forces of Azerbaijan"


def test_events_a_border_named_by_a_country_is_no_force_but_its_guards_are(
    nlp: Any, gazetteer: Any
) -> None:
    (guards,) = _events(
        nlp,
        gazetteer,
        "Iranian border guards clashed with Taliban fighters in Herat province on Saturday.",
    )
    assert guards.actor1 == "Military Forces of Iran"
    (near,) = _events(
        nlp,
        gazetteer,
        "Militants attacked a checkpoint on the Turkish border in Hasakah on Saturday.",
    )
    assert "Turkey" not in near.actor1 + near.actor2


def test_events_the_second_actor_is_never_the_first(nlp: Any, gazetteer: Any) -> None:
    events = _events(
        nlp, gazetteer, "Government troops clashed with soldiers of the army in Kunduz on Sunday."
    )
    assert events
    for event in events:
        assert event.actor2 != event.actor1


def test_events_an_armed_group_killing_protesters_is_an_attack_on_them(
    nlp: Any, gazetteer: Any
) -> None:
    (attack,) = _events(
        nlp,
        gazetteer,
        "Armed men attacked anti-government demonstrators in central Kabul late Friday, killing "
        "at least 23 people.",
    )
    assert (attack.event_type, attack.sub_event_type) == ("Violence against civilians", "Attack")
    assert attack.actor1 == "Unidentified Armed Group (Afghanistan)"
    assert attack.fatalities == 23
    (force,) = _events(
        nlp, gazetteer, "Police opened fire on demonstrators in Kabul on Friday, killing 5 people."
    )
    assert force.sub_event_type == "Excessive force against protesters"
    assert force.actor2 == "Police Forces of Afghanistan"


def test_events_the_accused_state_or_group_is_the_actor_and_the_accuser_the_claimant(
    nlp: Any, gazetteer: Any
) -> None:
    (strike,) = _events(
        nlp,
        gazetteer,
        "Turkey is being accused by Kurdish security forces of carrying out a drone attack "
        "Tuesday in northeastern Syria that killed three civilians in a car.",
    )
    assert (strike.sub_event_type, strike.actor1) == (
        "Air/drone strike",
        "Military Forces of Turkey",
    )
    assert strike.actor2 == "Civilians (Syria)"
    assert strike.fatalities == 3
    assert strike.claimed_by == "Kurdish security forces"
    (shelling,) = _events(
        nlp,
        gazetteer,
        "Sudan's army accused the Rapid Support Forces of shelling a market in Omdurman on "
        "Sunday, killing 15 people.",
    )
    assert shelling.actor1 == "Rapid Support Forces"
    # An accused person is a suspect: the attack he is accused of is no event of this report.
    events = _events(
        nlp,
        gazetteer,
        "Police arrested a man accused of planting a roadside bomb in Kandahar on Sunday.",
    )
    assert [e.sub_event_type for e in events] == ["Arrests"]


def test_events_the_dateline_city_is_not_where_it_happened(nlp: Any, gazetteer: Any) -> None:
    text = (
        "OUAGADOUGOU, Burkina Faso (AP) — Eleven soldiers were killed by jihadis targeting a "
        "military base in eastern Burkina Faso, the government said.\n\n"
        "Aircraft killed 15 attackers fleeing after Thursday's attack in Madjoari in Kompienga "
        "province, the army said."
    )
    events = _events(nlp, gazetteer, text)
    assert events and events[0].admin1 == "Est"


def test_events_a_town_the_gazetteer_lacks_is_placed_in_its_province_only(
    nlp: Any, gazetteer: Any
) -> None:
    text = (
        "M23 rebels seized the eastern town of Bunagana in the Democratic Republic of Congo on "
        "Monday, activists said.\n\n"
        "The town lies 55 km northeast of Goma, the capital of North Kivu province."
    )
    event = _events(nlp, gazetteer, text)[0]
    assert event.admin1 == "North Kivu"
    assert event.location != "Goma" and not event.admin2


def test_events_a_province_written_in_french_is_its_district(nlp: Any, gazetteer: Any) -> None:
    text = "Gunmen killed 12 soldiers at an army post in Soum province, Burkina Faso, on Friday."
    event = _events(nlp, gazetteer, text)[0]
    assert (event.admin1, event.admin2) == ("Sahel", "Soum")


def test_events_competing_tolls_keep_the_lowest_and_a_groups_own_figure_is_a_claim(
    nlp: Any, gazetteer: Any
) -> None:
    text = (
        "Al Shabaab fighters killed at least 15 soldiers in an attack on a military base near "
        "Mogadishu on Friday, Somali officials said.\n\n"
        "A Somali military officer put the number of dead at 15; al Shabaab said 21 were killed."
    )
    assert [e.fatalities for e in _events(nlp, gazetteer, text)][:1] == [15]


def test_events_a_group_claiming_the_attack_does_not_make_the_officials_toll_a_claim(
    nlp: Any, gazetteer: Any
) -> None:
    text = (
        "A raid by al-Shabaab on a military base near Marka in Lower Shabelle left at least 18 "
        "people dead on Sunday, officials said.\n\n"
        "Al-Shabaab claimed responsibility for the attack.\n\n"
        "The group said it had killed more than 20 soldiers and captured the base briefly."
    )
    events = _events(nlp, gazetteer, text)
    assert events[0].fatalities == 18


def test_events_a_meanwhile_sentence_is_not_the_ledes_detail(nlp: Any, gazetteer: Any) -> None:
    text = (
        "A suicide blast in Nangarhar province killed at least 8 people on Thursday.\n\n"
        "Meanwhile, officials confirmed three soldiers were wounded on Thursday when their "
        "convoy was hit by a suicide bomber in Achin district of Nangarhar."
    )
    events = _events(nlp, gazetteer, text)
    assert len(events) == 2
    assert sorted(e.fatalities for e in events) == [0, 8]
