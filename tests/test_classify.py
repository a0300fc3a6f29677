"""The chapter 3 classifier on hand-labelled titles from the roll-call data (1992-2019),
including tricky negatives, and on the real roll-call table."""

from __future__ import annotations

import pandas as pd
import pytest

from caorder import classify

# (text as it appears in the data's short title / description, flags, expected label, target)
HAND_LABELLED = [
    # country-specific human rights
    (
        "Situation of human rights in the Islamic Republic of Iran",
        {"hr": True},
        "hr_country",
        "Iran",
    ),
    ("HUMAN RIGHTS, IRAQ | Human rights in Iraq", {"hr": True}, "hr_country", "Iraq"),
    (
        "Situation of human rights in the Democratic People's Republic of Korea",
        {},
        "hr_country",
        "DPRK",
    ),
    (
        "Situation of human rights in the Democratic People?\u00c3\u2020s Republic of Korea",
        {},
        "hr_country",
        "DPRK",
    ),
    ("Situation of human rights in the Syrian Arab Republic", {}, "hr_country", "Syria"),
    (
        "Situation of human rights of Rohingya Muslims and other minorities in Myanmar",
        {},
        "hr_country",
        "Myanmar",
    ),
    (
        "Situation on human rights in Myanmar: resolution / adopted by the General Assemby",
        {},
        "hr_country",
        "Myanmar",
    ),
    ("Situation of the human rights in Belarus", {}, "hr_country", "Belarus"),
    (
        "Situation of human rights in Turkmenistan : resolution / adopted by the General Assemly",
        {},
        "hr_country",
        "Turkmenistan",
    ),
    ("Situation of human rights in Uzbekistan", {}, "hr_country", "Uzbekistan"),
    (
        "SUDAN | Expresses deep concern at the situation in the Sudan, in particular the "
        "human rights violations",
        {},
        "hr_country",
        "Sudan",
    ),
    ("HUMAN RIGHTS, CUBA | Human rights situation in Cuba", {}, "hr_country", "Cuba"),
    (
        "Human rights situation in Bosnia and Herzegovina, Croatia, and the Federal Republic "
        "of Yugoslavia",
        {},
        "hr_country",
        "former Yugoslavia",
    ),
    (
        "HUMAN RIGHTS, DEMOCRATIC CONGO | Situation of human rights in the Democratic "
        "Republic of the Congo",
        {},
        "hr_country",
        "DR Congo",
    ),
    # post-Soviet territorial integrity
    (
        "ARMED CONFLICTS PREVENTION--MEDIATION | Territorial integrity of Ukraine : "
        "resolution / adopted by the General Assembly",
        {},
        "territorial",
        "Ukraine",
    ),
    (
        "AZERBAIJAN SITUATION | The Situation in the occupied territories of Azerbaijan",
        {},
        "territorial",
        "Azerbaijan",
    ),
    (
        "ORGANIZATION FOR DEMOCRACY AND ECONOMIC DEVELOPMENT, GUAM | Status of internally "
        "displaced persons and refugees from Abkhazia, Georgia",
        {"hr": False},
        "territorial",
        "Georgia",
    ),
    (
        "Problem of the militarization of the Autonomous Republic of Crimea and the city of "
        "Sevastopol, Ukraine, as well as parts of the Black Sea and the Sea of Azov",
        {},
        "territorial",
        "Ukraine",
    ),
    (
        "Situation of human rights in the Autonomous Republic of Crimea and the city of "
        "Sevastopol (Ukraine)",
        {"hr": True},
        "territorial",
        "Ukraine",
    ),
    (
        "Complete withdrawal of foreign military forces from the territory of the Republic of Moldova",
        {},
        "territorial",
        "Moldova",
    ),
    (
        "The President: I shall now put to the vote the motion submitted by the "
        "representative of Armenia that no action be taken on the amendment contained in "
        "document A/52/L.39, which is an amendment submitted by Azerbaijan",
        {},
        "territorial",
        "Azerbaijan",
    ),
    # Central Asian nuclear-weapon-free zone
    (
        "NUCLEAR-WEAPON-FREE-ZONES, CENTRAL ASIA | Establishment of a nuclear-weapon-free "
        "zone in Central Asia",
        {"nu": True},
        "canwfz",
        None,
    ),
    (
        "Treaty on a Nuclear-Weapon-Free Zone in Central Asia : resolution / adopted by the "
        "General Assembly",
        {"nu": True},
        "canwfz",
        None,
    ),
    # nuclear and disarmament
    (
        "Nuclear-weapon-free southern hemisphere and adjacent areas",
        {"nu": True},
        "nuclear_disarmament",
        None,
    ),
    ("Comprehensive Nuclear-Test-Ban Treaty", {}, "nuclear_disarmament", None),
    ("The Arms Trade Treaty", {}, "nuclear_disarmament", None),
    ("Report of the International Atomic Energy Agency", {}, "nuclear_disarmament", None),
    # thematic human rights
    ("Human rights and unilateral coercive measures", {"hr": True}, "hr_thematic", None),
    (
        "Moratorium on the use of the death penalty : resolution / adopted by the General Assembly",
        {},
        "hr_thematic",
        None,
    ),
    ("The right to development", {}, "hr_thematic", None),
    ("Human rights in the administration of justice", {}, "hr_thematic", None),
    (
        "ELECTORAL SOVEREIGNTY | Respect for the principles of national sovereignty and "
        "non-interference in the internal affairs of States in electoral processes",
        {"hr": True},
        "hr_thematic",
        None,
    ),
    # tricky negatives
    (
        "Israeli practices affecting the human rights of the Palestinian people in the "
        "Occupied Palestinian Territory, including East Jerusalem",
        {"hr": True, "me": True},
        "hr_occupied_arab",
        None,
    ),
    (
        "HUMAN RIGHTS, OCCUPIED TERRITORIES | Human rights of Palestinians in the occupied "
        "territories",
        {"hr": True},
        "hr_occupied_arab",
        None,
    ),
    (
        "The Acting President: We will now proceed to consider draft resolution A/71/L.46. "
        "... the following countries have become sponsors of the draft resolution: Andorra, "
        "Georgia, Iceland ... entitled Cooperation between the United Nations and the "
        "Organization for the Prohibition of Chemical Weapons",
        {},
        "nuclear_disarmament",
        None,
    ),
    (
        "The President: ... the following countries have become sponsors of draft resolution "
        "A/72/L.22: Armenia, Bangladesh, ... the Republic of Moldova, San Marino ... Safety "
        "and security of humanitarian personnel",
        {},
        "other",
        None,
    ),
    (
        "The President: The representative of Azerbaijan has submitted an oral amendment to "
        "operative paragraph 6 of draft resolution II ... Globalization and its impact on the "
        "full enjoyment of all human rights",
        {"hr": True},
        "hr_thematic",
        None,
    ),
    (
        "Necessity of ending the economic, commercial and financial embargo imposed by the "
        "United States of America against Cuba",
        {},
        "other",
        None,
    ),
    (
        "The situation in Afghanistan : resolution / adopted by the General Assembly",
        {},
        "other",
        None,
    ),
    (
        "ORGANIZATION FOR DEMOCRACY AND ECONOMIC DEVELOPMENT, GUAM | Cooperation between the "
        "United Nations and the Organization for Democracy and Economic Development - GUAM",
        {},
        "other",
        None,
    ),
    (
        "Implementation of the Declaration on the Granting of Independence to Colonial "
        "Countries and Peoples",
        {"hr": True},
        "other",
        None,
    ),
    ("Situation in the occupied territories of Croatia", {}, "other", None),
    ("Effects of atomic radiation", {}, "other", None),
]


@pytest.mark.parametrize("text, flags, label, target", HAND_LABELLED)
def test_hand_labelled_titles(text, flags, label, target):
    result = classify.classify(text, **flags)
    assert (result.label, result.target) == (label, target)


def test_enough_hand_labelled_examples_with_negatives():
    assert len(HAND_LABELLED) >= 30
    labels = {row[2] for row in HAND_LABELLED}
    assert set(classify.LABELS) <= labels


def test_crimea_human_rights_is_both_territorial_and_country_specific():
    result = classify.classify(
        "Situation of human rights in the Autonomous Republic of Crimea "
        "and the city of Sevastopol, Ukraine"
    )
    assert result.label == "territorial" and result.hr_country and result.pro_vote == "yes"


def test_no_action_motion_supports_territorial_integrity_with_a_no():
    motion = classify.classify(
        "The Acting President: In accordance with rule 74 of the rules of procedure of the "
        "Assembly, I shall now put to the vote the motion submitted by the representative of the "
        "Russian Federation, namely, that no action be taken on draft resolution A/63/L.79."
    )
    assert (motion.label, motion.target, motion.procedural, motion.pro_vote) == (
        "territorial",
        "Georgia",
        True,
        "no",
    )
    amendment = classify.classify(
        "The President: Since the motion of no action has not been adopted, we shall now proceed "
        "to consider draft resolution A/52/L.38 and the amendment contained in document A/52/L.39."
    )
    assert (amendment.target, amendment.procedural, amendment.pro_vote) == (
        "Azerbaijan",
        True,
        "yes",
    )


def test_symbol_of_a_known_resolution_is_enough():
    assert classify.territorial_target("", "R/68/262") == "Ukraine"
    assert classify.territorial_target("", "A/RES/72/282") == "Moldova"
    assert classify.territorial_target("Rights of the child", "R/68/263") is None


def test_country_hr_target_needs_a_named_state():
    assert classify.country_hr_target("Protection of the human rights of migrants") is None
    assert classify.country_hr_target("Human rights situation in Kosovo") == "Kosovo"


def _calls(rows: list[dict]) -> pd.DataFrame:
    defaults = {
        "session": 59,
        "date": pd.Timestamp("2004-12-20"),
        "descr": "",
        "me": False,
        "nu": False,
        "di": False,
        "hr": False,
        "co": False,
        "ec": False,
        "amend": False,
        "para": False,
        "important": False,
    }
    return pd.DataFrame([{**defaults, **row} for row in rows])


def test_procedural_votes_inherit_their_resolution_label():
    calls = _calls(
        [
            {"rcid": 1, "unres": "R/59/206", "short": "Situation of human rights in Turkmenistan"},
            {
                "rcid": 2,
                "unres": "R/59/206",
                "short": "",
                "descr": "The President: I shall now put to the vote the motion submitted by the "
                "representative of Turkmenistan that no action be taken on draft "
                "resolution III.",
            },
            {
                "rcid": 3,
                "unres": "R/59/300",
                "short": "",
                "descr": "The President: I shall now put "
                "to the vote operative paragraph 4. A recorded vote has been requested.",
            },
        ]
    )
    table = classify.classify_rollcalls(calls).set_index("rcid")
    assert table.loc[2, "label"] == "hr_country" and table.loc[2, "target"] == "Turkmenistan"
    assert table.loc[2, "procedural"]
    assert table.loc[3, "label"] == "other"  # no resolution with that symbol to inherit from


def test_titles_prefer_the_readable_text():
    calls = _calls(
        [
            {
                "rcid": 1,
                "unres": "R/62/243",
                "short": "AZERBAIJAN SITUATION",
                "descr": "The Situation in the occupied territories of Azerbaijan : resolution / adopted "
                "by the General Assembly",
            },
            {
                "rcid": 2,
                "unres": "A/RES/71/205",
                "short": "Situation of human rights in Crimea",
                "descr": "A/71/251 68c - Human rights situations and reports of special rapporteurs",
            },
        ]
    )
    titles = classify.classify_rollcalls(calls)["title"].tolist()
    assert titles == [
        "The Situation in the occupied territories of Azerbaijan",
        "Situation of human rights in Crimea",
    ]


def test_real_rollcalls_hold_the_expected_post_soviet_and_canwfz_votes():
    from caorder import tables

    calls = tables.rollcalls()
    table = classify.classify_rollcalls(calls[calls["date"].dt.year >= 1992])
    main = table[(table["label"] == "territorial") & ~table["procedural"]]
    assert {"R/68/262", "R/62/243", "A/RES/74/17"} <= set(main["symbol"])
    assert main["target"].value_counts().to_dict() == {"Ukraine": 7, "Georgia": 6, "Azerbaijan": 1}
    assert (table["label"] == "canwfz").sum() == 4
    targets = set(table.loc[table["label"] == "hr_country", "target"])
    assert {"Iran", "DPRK", "Syria", "Myanmar", "Belarus", "Turkmenistan", "Uzbekistan"} <= targets


def test_title_marks_the_sources_missing_draft_number():
    from caorder.classify import _title

    title = _title("", "Draft resolution XXX is entitled Transparency in armaments")
    assert "XXX" not in title and "[number not given]" in title
