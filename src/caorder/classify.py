"""A rule-based classifier of General Assembly roll calls for chapter 3.

Chapter 3 needs a few kinds of resolution that the issue flags of the vote data do not
separate: human-rights resolutions that single out one country (the test of
non-interference) versus thematic human-rights resolutions; the territorial-integrity and
occupied-territory questions of the post-Soviet space (Ukraine, Georgia, Azerbaijan,
Moldova); nuclear and disarmament questions; and the Central Asian nuclear-weapon-free zone
(CANWFZ). The classifier reads a roll call's short title and description (which, for many
procedural votes in the data, is an excerpt of the meeting record) and, optionally, the
issue flags and the amendment / separate-paragraph flags of :func:`caorder.tables.rollcalls`.

Rules, applied in this order (the first that fires sets the label):

1. ``canwfz``: a nuclear-weapon-free zone "in Central Asia".
2. ``territorial``: the post-Soviet territorial questions: territorial integrity of
   Ukraine, Crimea / Sevastopol, Abkhazia / South Ossetia (Tskhinvali), the occupied
   territories of Azerbaijan or Nagorno-Karabakh, the withdrawal of foreign forces from
   Moldova; a procedural text that names Azerbaijan *and* Armenia; or a document symbol in
   :data:`TERRITORIAL_DOCUMENTS` (drafts and amendments whose votes name no country).
   Naming Georgia or Moldova alone (for example in a list of co-sponsors) is not enough.
3. ``hr_occupied_arab``: human-rights texts about Israel and the occupied Arab territories.
   They are kept apart because votes on them follow the Middle East conflict rather than
   a stance on scrutinising a government's treatment of its own people.
4. ``hr_country``: human rights in a named state (see :data:`HR_TARGETS`), e.g. "Situation
   of human rights in the Islamic Republic of Iran", "HUMAN RIGHTS, CUBA", or the Rohingya.
5. ``nuclear_disarmament``: nuclear weapons, disarmament, arms control, or the ``nu`` /
   ``di`` flags.
6. ``hr_thematic``: any other human-rights text, or the ``hr`` flag.
7. ``other``.

Crimea's human-rights resolutions get the label ``territorial`` with ``hr_country`` also
set to True, since they bear on both questions. Each result also says whether the roll call
is procedural (a motion, an amendment or a separate vote on part of a text) and, for
territorial questions, which vote supports the territorial integrity of the state concerned
(``pro_vote``: "yes" on a resolution or the claimant's amendment, "no" on a motion that no
action be taken).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

import pandas as pd

LABELS = (
    "canwfz",
    "territorial",
    "hr_occupied_arab",
    "hr_country",
    "nuclear_disarmament",
    "hr_thematic",
    "other",
)
LABEL_NAMES = {
    "canwfz": "Central Asian nuclear-weapon-free zone",
    "territorial": "territorial integrity (post-Soviet)",
    "hr_occupied_arab": "human rights: occupied Arab territories",
    "hr_country": "human rights: country-specific",
    "nuclear_disarmament": "nuclear / disarmament",
    "hr_thematic": "human rights: thematic",
    "other": "other",
}

#: Country-specific human-rights targets: a regular expression on the normalised text and
#: the name used in tables. Any state in the data's country-specific titles 1992-2019.
HR_TARGETS: dict[str, str] = {
    r"iran": "Iran",
    r"democratic people.{0,3}s republic of korea|dprk|north korea": "DPRK",
    r"syria": "Syria",
    r"myanmar|burma|rohingya": "Myanmar",
    r"belarus": "Belarus",
    r"iraq": "Iraq",
    r"sudan": "Sudan",
    r"cuba": "Cuba",
    r"nigeria": "Nigeria",
    r"kosovo": "Kosovo",
    r"bosnia|croatia|former yugoslavia|federal republic of yugoslavia": "former Yugoslavia",
    r"democratic republic of the congo|democratic congo|zaire": "DR Congo",
    r"turkmenistan": "Turkmenistan",
    r"uzbekistan": "Uzbekistan",
    r"afghanistan": "Afghanistan",
    r"rwanda": "Rwanda",
    r"haiti": "Haiti",
    r"cambodia": "Cambodia",
    r"el salvador": "El Salvador",
    r"estonia|latvia": "Estonia and Latvia",
    r"burundi": "Burundi",
    r"equatorial guinea": "Equatorial Guinea",
    r"libya": "Libya",
    r"crimea|sevastopol": "Ukraine (Crimea)",
}

#: Document symbols of post-Soviet territorial questions whose roll calls may name no
#: country in the data's text: resolutions (matched on the roll call's symbol) and drafts
#: or amendments quoted in the meeting record (matched in the text), with the state whose
#: territorial integrity is at stake. From the UN documents of each session.
TERRITORIAL_DOCUMENTS: dict[str, str] = {
    "A/RES/60/285": "Azerbaijan",  # the situation in the occupied territories of Azerbaijan
    "A/RES/62/243": "Azerbaijan",
    "A/RES/62/249": "Georgia",  # IDPs and refugees from Abkhazia, Georgia (and later S. Ossetia)
    "A/RES/63/307": "Georgia",
    "A/63/L.79": "Georgia",  # the 2009 draft on which Russia moved no action
    "A/RES/64/296": "Georgia",
    "A/RES/65/287": "Georgia",
    "A/RES/66/283": "Georgia",
    "A/RES/67/268": "Georgia",
    "A/RES/68/262": "Ukraine",  # territorial integrity of Ukraine
    "A/RES/68/274": "Georgia",
    "A/RES/69/286": "Georgia",
    "A/RES/70/265": "Georgia",
    "A/RES/71/205": "Ukraine",  # human rights in Crimea
    "A/RES/71/290": "Georgia",
    "A/RES/72/190": "Ukraine",
    "A/RES/72/280": "Georgia",
    "A/RES/72/282": "Moldova",  # complete withdrawal of foreign military forces
    "A/RES/73/194": "Ukraine",  # militarization of Crimea
    "A/RES/73/263": "Ukraine",
    "A/RES/73/298": "Georgia",
    "A/RES/74/17": "Ukraine",
    "A/RES/74/168": "Ukraine",
    "A/52/L.39": "Azerbaijan",  # Azerbaijan's amendments to the UN-OSCE cooperation drafts
    "A/53/L.61": "Azerbaijan",
}

_TERRITORIAL_TEXT: dict[str, str] = {
    r"territorial integrity of ukraine|crimea|sevastopol": "Ukraine",
    r"abkhazia|south ossetia|tskhinvali": "Georgia",
    r"occupied territories of azerbaijan|nagorn[oy][- ]karabakh": "Azerbaijan",
    r"withdrawal of foreign military forces from the territory of the republic of moldova"
    r"|moldova.{0,40}withdrawal of foreign|withdrawal of foreign.{0,80}moldova": "Moldova",
}
_HR_WORDS = (
    r"human rights?|rights of the child|right to (?:food|development|peace|water)"
    r"|racism|racial discrimination|xenophobia|death penalty|torture|mercenaries"
    r"|self-determination|migrants|disabilities|defamation of religions"
)
_OCCUPIED_ARAB = r"israel|palestin|occupied arab|syrian golan|occupied territories(?! of)"
_NUCLEAR = (
    r"nuclear|disarmament|non-proliferation|test-ban|fissile|arms (?:race|control|trade)"
    r"|weapons|missile|anti-personnel mines|cluster munitions|small arms|atomic energy"
    r"|geneva protocol|depleted uranium"
)
_NOT_NUCLEAR = r"chernobyl|atomic radiation"
_PROCEDURAL = (
    r"\bmotion\b|no action|\bamendments?\b|separate,? recorded vote|separate vote"
    r"|(?:operative|preambular) paragraph"
)
_COLONIAL = r"colonial|non-self-governing|administering power|decoloni|\bguam\b|st\. helena"
_NO_ACTION_MOTION = r"(?:put to the vote|decision on) the motion"
_COUNTRY_HR_FORMS = (
    r"(?:situation of|situation on|question of)?\s*(?:the )?human rights(?: situation)?"
    r" (?:in|of) (?:the )?(?P<a>[a-z' -]{3,60})",
    r"human rights(?:--|, )(?:reports, )?(?P<b>[a-z' ()-]{3,60})",
    r"situation in (?:the )?(?P<c>[a-z' -]{3,40}), in particular the human rights",
    r"(?P<d>rohingya)",
)


@dataclass(frozen=True)
class Classification:
    """The label of one roll call and what chapter 3 reads from it."""

    label: str  #: one of :data:`LABELS`
    target: str | None  #: the country concerned (country-specific human rights, territorial)
    hr_country: bool  #: True for country-specific human rights (including Crimea's)
    procedural: bool  #: a motion, an amendment or a separate vote on part of a text
    pro_vote: str | None  #: territorial only: the vote that supports territorial integrity


def normalise(text: str | None) -> str:
    """Lower-case, with the data's encoding debris and runs of whitespace reduced."""
    text = (text or "").lower()
    text = re.sub(r"[^a-z0-9'()/,.:;\- ]+", " ", text.replace("\u2019", "'"))
    return re.sub(r"\s+", " ", text).strip()


def _first_match(table: dict[str, str], text: str) -> str | None:
    for pattern, name in table.items():
        if re.search(pattern, text):
            return name
    return None


def country_hr_target(text: str) -> str | None:
    """The state a country-specific human-rights text concerns, or None.

    The text must use one of the country-specific forms ("situation of human rights in X",
    "HUMAN RIGHTS, X", "situation in X, in particular the human rights ...", Rohingya) and X
    must be a state in :data:`HR_TARGETS`; "human rights of migrants" or "human rights in the
    administration of justice" name no state and return None.
    """
    text = normalise(text)
    for form in _COUNTRY_HR_FORMS:
        for match in re.finditer(form, text):
            found = _first_match(HR_TARGETS, next(g for g in match.groups() if g))
            if found:
                return found
    return None


def territorial_target(text: str, symbol: str | None = None) -> str | None:
    """The post-Soviet state whose territorial integrity a roll call concerns, or None."""
    documents = {key.upper(): state for key, state in TERRITORIAL_DOCUMENTS.items()}
    canonical = re.sub(r"^R/", "A/RES/", (symbol or "").strip().upper())
    if canonical in documents:
        return documents[canonical]
    text = normalise(text)
    found = _first_match(_TERRITORIAL_TEXT, text)
    if found:
        return found
    if re.search(_PROCEDURAL, text) and "azerbaijan" in text and "armenia" in text:
        return "Azerbaijan"
    for document, state in TERRITORIAL_DOCUMENTS.items():
        if not document.startswith("A/RES/") and document.lower() in text:
            return state
    return None


def classify(
    text: str,
    symbol: str | None = None,
    *,
    hr: bool = False,
    me: bool = False,
    nu: bool = False,
    di: bool = False,
    amend: bool = False,
    para: bool = False,
) -> Classification:
    """Classify one roll call from its text (short title + description) and flags."""
    norm = normalise(text)
    procedural = bool(amend or para or re.search(_PROCEDURAL, norm))
    if re.search(
        r"nuclear-weapon-free zone in central asia|central asia.{0,30}nuclear-weapon"
        r"|nuclear-weapon-free zone.{0,10}central asia",
        norm,
    ):
        return Classification("canwfz", None, False, procedural, None)
    region = territorial_target(norm, symbol)
    if region:
        pro = "no" if re.search(_NO_ACTION_MOTION, norm) else "yes"
        is_hr = bool(re.search(r"human rights", norm))
        return Classification("territorial", region, is_hr, procedural, pro)
    humanish = bool(re.search(_HR_WORDS, norm) or (hr and not re.search(_COLONIAL, norm)))
    if humanish and (me or re.search(_OCCUPIED_ARAB, norm)):
        return Classification("hr_occupied_arab", None, False, procedural, None)
    target = country_hr_target(norm)
    if target:
        return Classification("hr_country", target, True, procedural, None)
    if (nu or di or re.search(_NUCLEAR, norm)) and not re.search(_NOT_NUCLEAR, norm):
        return Classification("nuclear_disarmament", None, False, procedural, None)
    if humanish:
        return Classification("hr_thematic", None, False, procedural, None)
    return Classification("other", None, False, procedural, None)


def classify_rollcalls(rollcalls: pd.DataFrame) -> pd.DataFrame:
    """Classify every row of :func:`caorder.tables.rollcalls` (or a subset of it).

    Returns rcid, session, date, symbol, title (the more informative of short title and
    description, cut to 160 characters) and the fields of :class:`Classification`, sorted
    by rcid.
    """
    rows = []
    texts = rollcalls.assign(
        short=rollcalls["short"].fillna(""),
        descr=rollcalls["descr"].fillna(""),
        unres=rollcalls["unres"].fillna(""),
    )
    for call in texts.itertuples(index=False):
        text = f"{call.short} | {call.descr}"
        result = classify(
            text,
            call.unres,
            hr=call.hr,
            me=call.me,
            nu=call.nu,
            di=call.di,
            amend=call.amend,
            para=call.para,
        )
        rows.append(
            {
                "rcid": call.rcid,
                "session": call.session,
                "date": call.date,
                "symbol": call.unres,
                "title": _title(call.short, call.descr),
                **asdict(result),
                "motion": bool(re.search(_NO_ACTION_MOTION, normalise(text))),
            }
        )
    return _inherit_from_resolution(pd.DataFrame(rows).sort_values("rcid", ignore_index=True))


def _inherit_from_resolution(frame: pd.DataFrame) -> pd.DataFrame:
    """Procedural roll calls take the label of the resolution they belong to.

    A motion such as "that no action be taken on draft resolution III", or a separate vote
    on "operative paragraph 4", names no subject; the data link it to the resolution's
    symbol. It inherits the label and target of a non-procedural roll call with the same
    symbol when that label is more specific than its own: any label over ``other``, and a
    country-specific, territorial or CANWFZ label over the rest (a no-action motion
    supports territorial integrity with a "no").
    """
    specific = ["canwfz", "territorial", "hr_country"]
    main = frame[~frame["procedural"] & (frame["label"] != "other") & (frame["symbol"] != "")]
    main = main.drop_duplicates("symbol").set_index("symbol")
    parent = frame["symbol"].map(main["label"])
    orphan = (
        frame["procedural"]
        & parent.notna()
        & (parent != frame["label"])
        & ((frame["label"] == "other") | (parent.isin(specific) & ~frame["label"].isin(specific)))
    )
    if not orphan.any():
        return frame.drop(columns="motion")
    for column in ("label", "target", "hr_country"):
        frame.loc[orphan, column] = frame.loc[orphan, "symbol"].map(main[column])
    territorial = orphan & (frame["label"] == "territorial")
    frame.loc[territorial, "pro_vote"] = frame.loc[territorial, "motion"].map(
        {True: "no", False: "yes"}
    )
    return frame.drop(columns="motion")


def _title(short: str, descr: str) -> str:
    """A readable title: the short title, or the description where the short title is empty
    or only a subject heading in capitals (e.g. "AZERBAIJAN SITUATION"). The source writes
    "XXX" where a draft's number was not yet known; that is shown as "[number not given]"."""
    short, descr = short.strip(), descr.strip()
    text = descr if (not short or short.isupper()) and descr else short
    text = re.sub(r"\bXXX\b", "[number not given]", text)
    text = re.sub(
        r"\s*:\s*resolution\s*/\s*ad\w+ by the general assembly\s*$", "", text, flags=re.IGNORECASE
    )
    return text[:160]
