"""Boilerplate lines are recognised with their reason; article prose never is."""

from __future__ import annotations

import pytest

from frontlines.clean.boilerplate import body_line_reasons, boilerplate_reason


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Illustrative Image", "caption"),
        ("Click to see full-size image", "caption"),
        ("Click to enlarge", "caption"),
        ("Photo: Wakil Kohsar/AFP", "caption"),
        ("Afghan commandos patrol in Kunduz on July 3, 2021. (Photo: Reuters)", "caption"),
        ("Displaced families rest in a park in Kabul / AFP", "caption"),
        ("Share this article", "share"),
        ("Facebook | Twitter | WhatsApp | Email", "share"),
        ("Subscribe to our daily newsletter", "subscribe"),
        ("Sign up for our Asia briefing newsletter", "subscribe"),
        ("Advertisement", "advertisement"),
        ("ADVERTISEMENT", "advertisement"),
        ("Read more: Taliban seize border crossing with Tajikistan", "related"),
        ("Tags: Afghanistan, Taliban, Badakhshan", "related"),
        ("Edited 3 days ago by Albert F.", "edit-stamp"),
        ("Updated: July 5, 2021, 09:40 GMT", "edit-stamp"),
        ("By Farid Ahmad Noori", "byline"),
        ("(Reporting by Abdul Qadir Sediqi; Editing by Alex Richardson)", "credits"),
        ("© 2021 Kabul Daily Monitor. All rights reserved.", "copyright"),
        ("Skip to content", "navigation"),
    ],
)
def test_boilerplate_reason_names_the_kind_of_line(line: str, reason: str) -> None:
    assert boilerplate_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Taliban fighters captured the district centre of Yamgan on Sunday, officials said.",
        "By nightfall on Friday the Taliban had reached the outskirts of Ishkashim.",
        "Photos shared on social media showed Taliban fighters raising their flag.",
        "Share prices in Kabul's money markets fell as the afghani weakened.",
        "Reporting by local media suggested the district had fallen.",
        "Updated figures from the provincial hospital put the number of wounded at 37.",
        "KABUL, Afghanistan (July 6, 2021)",
        "ISAF Joint Command Morning Operational Update, Feb. 27, 2011",
        "The district fell to the Taliban on July 4, 2021.",
        "The district fell to the Taliban.",
        "",
    ],
)
def test_boilerplate_reason_keeps_article_prose(line: str) -> None:
    assert boilerplate_reason(line) is None


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Accessibility links", "navigation"),
        ("Breaking News", "navigation"),
        ("News / Middle East", "navigation"),
        ("FILE - A soldier stands guard at a checkpoint near the border, May 3, 2019.", "caption"),
        ("Map of Jawzjan Province", "caption"),
        (
            "Soldiers patrol a market after a car bomb went off, in Gao, Mali, March 3, 2019.",
            "caption",
        ),
        ("• Smoke rises over the town after shelling, seen from a hill, Oct. 10, 2014.", "caption"),
        ("A picture taken on June 11, 2020 shows an empty street during a curfew.", "caption"),
        ("This shows a building damaged by a drone in the capital overnight.", "caption"),
        ("Kunduz province map", "caption"),
        ("You May Like", "related"),
        ("Read more at the ministry's website", "related"),
        ("We use cookies on this website. By continuing to use it you accept them." * 3, "banner"),
        ("TYPE: TVPKG", "script-header"),
        ("((NARRATOR))", "script-header"),
        ("this post was submitted on 18 Mar 2021", "navigation"),
    ],
)
def test_page_furniture_of_real_pages_is_removed_with_its_reason(line: str, reason: str) -> None:
    assert boilerplate_reason(line) == reason


def test_caption_given_twice_in_a_row_is_removed_both_times() -> None:
    caption = "Afghan soldiers patrol the road near Sheberghan, Aug. 2, 2021."
    lines = ["Fighting near Sheberghan", "", caption, caption, "Clashes resumed, officials said."]
    assert body_line_reasons(lines) == [None, None, "caption", "caption", None]


def test_related_stories_list_after_a_blank_line_is_removed_with_its_teasers_and_bylines() -> None:
    # VOA's layout: the header, a blank line, then caption / section / headline / teaser /
    # byline / date for each story, with no blank line between them.
    lines = [
        "Officials said the rocket landed near a house.",
        "",
        "Related Stories",
        "",
        "FILE PHOTO: A police car blocks a street in the capital",
        "Middle East",
        "Coalition Aircraft Destroy Militant Camps in the North",
        "Three camps hit in rural areas of the province during a night of strikes, the coalition "
        "said in a statement on its website",
        "By VOA News",
        "Sun, 06/21/2020 - 01:53",
        "",
        "The rocket attack was the third this month.",
    ]
    assert body_line_reasons(lines) == [
        None,
        None,
        "related",
        None,
        "caption",
        "related",
        "related",
        "related",
        "byline",
        "related",
        None,
        None,
    ]


def test_a_sentence_after_a_related_header_is_prose() -> None:
    lines = ["Related Stories", "", "Militants stormed the army post on Friday, officials said."]
    assert body_line_reasons(lines)[2] is None


def test_a_script_header_flattened_into_one_line_is_cut_and_the_script_kept() -> None:
    from frontlines.clean.boilerplate import inline_script_header

    line = (
        "- Transcript/Script Station Attack HEADLINE: Missile Strike Hits Station TEASER: Dozens "
        "killed at the station PUBLISHED AT: 4/8/22 at 9:17 p.m. BYLINE: A Reporter DATELINE: "
        "London EDITOR NOTES:)) ((INTRO)) [[More than 50 civilians have been killed.]]"
    )
    span = inline_script_header(line)
    assert span is not None
    start, end = span
    assert start == 0 and line[end:].strip().startswith("((INTRO))")
    assert inline_script_header("The DATELINE: London reads like a label, once.") is None


def test_a_long_repeated_caption_cut_off_by_the_fold_is_removed_both_times() -> None:
    # A page's photo caption is given twice, the second time cut short by "read more".
    caption = (
        "Mourners gather at the funeral of the victims of the bombing in the city on Sunday as "
        "the government condemns the attack on innocent civilians in"
    )
    lines = ["Blast kills 12", "", caption, caption, "Police said the bomber was on foot."]
    assert body_line_reasons(lines) == [None, None, "caption", "caption", None]


@pytest.mark.parametrize(
    "line",
    [
        "A vehicle that was reportedly targeted in a drone attack in Qamishli, Syria, Nov. 9, "
        "2021. (Zana Omer/VOA)",
        "Passengers board a US Air Force C-17 Globemaster III at Hamid Karzai International "
        "Airport, Afghanistan, August 24, 2021. (US Air Force Photo)",
    ],
)
def test_a_dated_wire_caption_with_its_photo_credit_is_a_caption(line: str) -> None:
    assert boilerplate_reason(line) == "caption"
