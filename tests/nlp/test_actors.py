"""The actor dictionary: canonical ACLED names, context rules, state forces, unknown groups."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from importlib import resources

import pytest

from frontlines.models import Inter
from frontlines.nlp.actors import (
    ActorEntry,
    acled_country,
    fill_country,
    find_actors,
    find_unknown_groups,
    is_ambiguous,
    load_actor_dictionary,
    name_unknown_group,
    resolve_phrase,
    state_forces,
    with_country,
)


def _names(text: str, country: str | None = None) -> list[str]:
    return [match.entry.name for match in find_actors(text, country=country)]


def _data(name: str) -> str:
    return resources.files("frontlines.data").joinpath(f"actors/{name}").read_text("utf-8")


@pytest.mark.parametrize(
    ("sentence", "country", "expected"),
    [
        ("M23 rebels seized the town of Rubaya on Tuesday.", "DR Congo", "M23: March 23 Movement"),
        ("HTS fighters entered Aleppo overnight.", "Syria", "HTS: Hayat Tahrir al Sham"),
        ("The RSF said it had taken the army base.", "Sudan", "Rapid Support Forces"),
        (
            "ISWAP militants attacked a military base in Borno.",
            "Nigeria",
            "Islamic State (West Africa)",
        ),
        (
            "JNIM claimed the ambush near Djibo.",
            "Burkina Faso",
            "JNIM: Group for Support of Islam and Muslims",
        ),
        ("Fano militiamen took control of Lalibela.", "Ethiopia", "Fano Militia"),
        ("The Houthis fired a missile at a tanker.", "Yemen", "Houthi Movement - Ansar Allah"),
        ("The Viv Ansanm coalition attacked Mirebalais.", "Haiti", "Viv Ansanm"),
        ("Members of the G9 gang alliance burned houses.", "Haiti", "G9 an Fanmi e Alye"),
        ("ADF rebels killed 12 villagers in Beni.", "DR Congo", "ADF: Allied Democratic Forces"),
        (
            "Islamic State Khorasan Province claimed the bombing.",
            "Afghanistan",
            "Islamic State (Afghanistan)",
        ),
        ("Al-Shabaab fighters stormed the base.", "Somalia", "Al Shabaab"),
        (
            "The TTP said its men attacked the checkpoint.",
            "Pakistan",
            "TTP: Tehreek-i-Taliban Pakistan",
        ),
        ("Wagner mercenaries and Malian soldiers entered the village.", "Mali", "Wagner Group"),
        ("The Arakan Army captured the town.", "Myanmar", "AA: Arakan Army"),
        ("TNLA troops seized Lashio.", "Myanmar", "TNLA: Ta'ang National Liberation Army"),
        (
            "The Karen National Union said it took the camp.",
            "Myanmar",
            "KNLA: Karen National Liberation Army",
        ),
        ("ELN guerrillas attacked a police station.", "Colombia", "ELN: National Liberation Army"),
        ("FARC dissidents killed two soldiers.", "Colombia", "FARC Dissident Group"),
        (
            "Boko Haram fighters raided the village.",
            "Nigeria",
            "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
        ),
        ("ISGS militants attacked the market.", "Niger", "Islamic State (Sahel)"),
        ("Tigrayan forces shelled the town.", "Ethiopia", "TPLF: Tigray People's Liberation Front"),
        (
            "SPLA-IO fighters clashed with government troops.",
            "South Sudan",
            "SPLM/A-IO: Sudan People's Liberation Movement/Army (In Opposition)",
        ),
        ("PKK militants attacked a gendarmerie post.", "Turkey", "PKK: Kurdistan Workers' Party"),
        (
            "The Baloch Liberation Army claimed the attack.",
            "Pakistan",
            "BLA: Baloch Liberation Army",
        ),
        ("Hezbollah fired rockets at northern Israel.", "Israel", "Hezbollah"),
    ],
)
def test_find_actors_names_armed_groups_as_acled_does(
    sentence: str, country: str, expected: str
) -> None:
    assert expected in _names(sentence, country)


def test_find_actors_adf_is_a_rebel_group_not_the_congolese_army() -> None:
    matches = find_actors(
        "Suspected ADF rebels attacked Congolese troops near Beni.", country="DR Congo"
    )
    by_text = {match.text: match.entry for match in matches}
    assert by_text["ADF rebels"] == ActorEntry(
        "ADF: Allied Democratic Forces", Inter.REBEL_GROUP, "Democratic Republic of Congo"
    )
    assert by_text["Congolese troops"].name == "Military Forces of the Democratic Republic of Congo"


@pytest.mark.parametrize(
    ("sentence", "country", "expected"),
    [
        ("Coalition air strikes hit Sanaa overnight.", "Yemen", "Military Forces of Saudi Arabia"),
        (
            "Coalition aircraft struck a Taliban compound in Helmand.",
            "Afghanistan",
            "NATO: North Atlantic Treaty Organization",
        ),
        ("SNA troops pushed al-Shabaab out of the town.", "Somalia", "Military Forces of Somalia"),
        ("The SNA shelled Kurdish positions near Manbij.", "Syria", "SNA: Syrian National Army"),
        ("Four KIA fighters died near Bhamo.", "Myanmar", "KIA: Kachin Independence Army"),
        ("The junta's soldiers burned the village.", "Mali", "Military Forces of Mali"),
    ],
)
def test_find_actors_reads_ambiguous_phrases_in_context(
    sentence: str, country: str, expected: str
) -> None:
    assert expected in _names(sentence, country)


@pytest.mark.parametrize(
    ("sentence", "country"),
    [
        ("Two soldiers were listed as KIA after the ambush.", "Afghanistan"),
        ("RSF, the press freedom group Reporters Without Borders, condemned the arrest.", None),
        ("Download the PDF of the report.", "Kenya"),
    ],
)
def test_find_actors_leaves_ambiguous_acronyms_out_of_the_wrong_conflict(
    sentence: str, country: str | None
) -> None:
    assert not [m for m in find_actors(sentence, country=country) if m.text.isupper()]


def test_find_actors_ignores_acronyms_in_a_headline_in_capitals() -> None:
    assert _names("WHAT IS NEXT FOR THE REGION\nIS fighters attacked Palma.", "Mozambique") == [
        "Islamic State (Mozambique)"
    ]


def test_resolve_phrase_gives_the_context_reading_and_plain_entries() -> None:
    assert is_ambiguous("coalition") and is_ambiguous("SNA") and not is_ambiguous("M23")
    yemen = resolve_phrase("coalition", text="Saudi-led coalition jets hit Saada.", country=None)
    assert yemen is not None and yemen.name == "Military Forces of Saudi Arabia"
    assert resolve_phrase("SNA", text="Fighting went on.", country=None) is None
    taliban = resolve_phrase("Taliban", text="", country=None)
    assert taliban is not None and taliban.inter == Inter.REBEL_GROUP
    assert taliban.name == "Taliban"
    pakistani = resolve_phrase("Taliban", text="", country="Pakistan")
    assert pakistani is not None and pakistani.name == "TTP: Tehreek-i-Taliban Pakistan"


@pytest.mark.parametrize(
    ("country", "kind", "on", "expected"),
    [
        ("Sudan", "military", None, "Military Forces of Sudan"),
        ("Sudan", "military", date(2023, 4, 15), "Military Forces of Sudan (2019-)"),
        ("Afghanistan", "police", None, "Police Forces of Afghanistan"),
        ("Afghanistan", "military", date(2021, 7, 4), "Military Forces of Afghanistan (2004-2021)"),
        ("Syrian Arab Republic", "military", None, "Military Forces of Syria"),
        (
            "Congo, The Democratic Republic of the",
            "military",
            None,
            "Military Forces of the Democratic Republic of Congo",
        ),
        ("PHL", "police", None, "Police Forces of the Philippines"),
        ("Malian", "military", None, "Military Forces of Mali"),
        ("Haiti", "government", None, "Government of Haiti"),
        ("Narnia", "military", None, None),
        ("", "military", None, None),
        (None, "police", None, None),
    ],
)
def test_state_forces_names_the_right_country(
    country: str | None, kind: str, on: date | None, expected: str | None
) -> None:
    assert state_forces(country, kind, on=on) == expected


@pytest.mark.parametrize(
    ("name", "country", "expected"),
    [
        ("Military Forces of {country}", "Mali", "Military Forces of Mali"),
        ("Military Forces of {country}", None, None),
        ("Police Forces of {country}", "", None),
        ("Military Forces of {country}", "Atlantis", None),
        ("Civilians", "Haiti", "Civilians (Haiti)"),
        ("Protesters", "Iran, Islamic Republic of", "Protesters (Iran)"),
        ("Islamic State", "Nigeria", "Islamic State (West Africa)"),
        ("Islamic State", "Iraq", "Islamic State (Iraq)"),
        ("Taliban", "Afghanistan", "Taliban"),
    ],
)
def test_with_country_never_leaves_the_placeholder(
    name: str, country: str | None, expected: str | None
) -> None:
    assert with_country(name, country) == expected


def test_fill_country_keeps_its_old_contract() -> None:
    assert fill_country("Military Forces of {country}", "Mali") == "Military Forces of Mali"
    assert fill_country("Military Forces of {country}", None) == "Military Forces"
    assert fill_country("Military Forces of {country}", "Atlantis") == "Military Forces of Atlantis"
    assert fill_country("Unidentified Armed Group", "Mali") == "Unidentified Armed Group (Mali)"
    assert fill_country("Rioters", None) == "Rioters"


@pytest.mark.parametrize("country", ["Mali", "Sudan", "Myanmar", "Haiti", "Ukraine", "Yemen"])
def test_find_actors_fills_every_state_force_with_a_country(country: str) -> None:
    text = "Soldiers and police fired on protesters; the government and the junta denied it."
    names = _names(text, country)
    assert names and not any("{country}" in name for name in names)
    assert f"Protesters ({acled_country(country)})" in names


def test_find_actors_state_forces_follow_the_nationality_word() -> None:
    names = _names("Russia's forces shelled Kharkiv as Ukrainian troops advanced.", "Ukraine")
    assert names == ["Military Forces of Russia", "Military Forces of Ukraine"]


def test_acled_country_folds_names_codes_and_nationalities() -> None:
    assert acled_country("Burkinabe") == "Burkina Faso"
    assert acled_country("DRC") == "Democratic Republic of Congo"
    assert acled_country("Türkiye") == "Turkey"
    assert acled_country("nowhere") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Clashes with the Twirwaneho militia killed four.", ActorEntry("Twirwaneho Militia", 3)),
        (
            "Fighters of the Popular Resistance Committees fired mortars.",
            ActorEntry("Popular Resistance Committees", 2),
        ),
        ("Police killed 28 members of the Grand Ravine gang.", ActorEntry("Grand Ravine Gang", 3)),
        ("The Chimura rebels seized the crossing.", ActorEntry("Chimura", 2)),
        ("Berom militiamen attacked herders near Jos.", ActorEntry("Berom Ethnic Militia", 4)),
        ("Fulani gunmen attacked farmers in Benue.", None),  # in the dictionary already
        ("Zamfara vigilantes repelled the bandits.", ActorEntry("Zamfara Vigilantes", 3)),
        ("Suspected Islamist militants attacked the convoy.", None),
        ("Malian soldiers and rebels clashed.", None),
        ("Armed men stormed the village.", None),
        ("the twirwaneho militia attacked", None),
        ("Hemedti's fighters looted the market.", None),
        ("M23 rebels advanced on Goma.", None),
        ("13 militants were killed.", None),
        ("Islamic State militants attacked Kobani.", None),
        ("An Iran-backed militia fired rockets.", None),
        ("Fighters from Hayat Tahrir al-Sham entered the town.", None),
        ("Iraq Court Orders Release Of Pro-Iran Militants", None),
    ],
)
def test_name_unknown_group_keeps_the_name_the_text_gives(
    text: str, expected: ActorEntry | None
) -> None:
    assert name_unknown_group(text) == expected


def test_find_actors_prefers_the_named_group_over_the_generic_noun() -> None:
    matches = find_actors("The Twirwaneho militia attacked Minembwe.", country="DR Congo")
    assert [m.entry.name for m in matches] == ["Twirwaneho Militia"]
    assert find_unknown_groups("The Twirwaneho militia attacked.")[0].text == "Twirwaneho militia"


def test_inter_enum_keeps_acled_codes_and_int_compatibility() -> None:
    assert [int(code) for code in Inter] == list(range(1, 9))
    assert Inter.CIVILIANS == 7 and Inter(2) is Inter.REBEL_GROUP
    dictionary = load_actor_dictionary()
    assert dictionary.inters["Civilians"] == Inter.CIVILIANS
    assert dictionary.inters["Military Forces of {country}"] == Inter.STATE_FORCES


def test_ruler_phrases_hold_no_short_acronym_or_ambiguous_reading_without_default() -> None:
    phrases = load_actor_dictionary().phrases
    for word in ("is", "aa", "kia", "sna", "pdf", "fact", "let"):
        assert word not in phrases
    assert phrases["coalition"].name == "NATO: North Atlantic Treaty Organization"


def test_groups_data_is_consistent() -> None:
    rows = list(csv.DictReader(io.StringIO(_data("groups.csv"))))
    assert len(rows) > 150
    owners: dict[str, str] = {}
    for row in rows:
        assert 1 <= int(row["inter"]) <= 8, row["name"]
        assert row["country"] == "" or acled_country(row["country"]) == row["country"], row["name"]
        for alias in filter(None, row["aliases"].split("|")):
            assert alias == alias.lower(), alias
            assert owners.setdefault(alias, row["name"]) == row["name"], alias


def test_ambiguous_rules_name_known_actors() -> None:
    dictionary = load_actor_dictionary()
    data = json.loads(_data("ambiguous.json"))
    for entry in data["entries"]:
        for rule in entry["rules"]:
            actor = rule["actor"]
            assert actor is None or actor in dictionary.inters, actor
            for country in rule.get("countries", []):
                assert acled_country(country) == country, country
