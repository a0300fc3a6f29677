"""Central Asian summitry and organisation memberships: the curated tables and their analyses.

Five curated tables in ``data/`` record the diplomacy the UNGA roll calls cannot see:

``summits.csv``
    one row per meeting that took place: the five-state formats (consultative meetings of
    the heads of state since 2018, foreign-minister meetings, the 1990s-2000s regional
    bodies, other five-leader meetings) and the "C5+X" summits and ministerials with an
    outside partner. For each of the five states, the level at which it was represented.
``summits_not_held.csv``
    meetings that were planned but postponed, moved or cancelled (same columns), kept apart
    so that a plan is never counted as a meeting.
``memberships.csv``
    spells of each state in the UN, OSCE, CIS, CST/CSTO, SCO, EurAsEC/EAEU, OTS, ECO, OIC,
    IFAS, the Central Asian Union and its successors, and the nuclear-weapon-free zone.
``organisations.csv``
    those organisations: founding, end and founders from outside the region.
``consultative_documents.csv``
    the outcome documents of the consultative meetings, coded for integration.

The loaders validate every row (pandera, through :func:`caorder.schemas.validate`) and
number rows as lines of the file, so that a bad row is reported by file, line and rule.
Dates keep their precision (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``). ``load_summits`` and
``load_memberships`` return the tables under one of :data:`VARIANTS` (as coded, without
low-confidence rows, disputed rows counted the other way), the data dimension of the
verdicts. The analyses serve claims C1.6, C1.7, C1.9 (chapter 1) and C3.8, C3.9, C3.11
(chapter 3), whose evidence and rules are in :mod:`caorder.verdicts.diplomacy`.

A meeting missing from the tables is not proof that it did not happen: the tables are a
curation from stored copies of public pages, and coverage of the 2000s is thinner than
that of the 2010s.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import combinations, permutations
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pandera.pandas as pa
import seaborn as sns
import statsmodels.api as sm
import statsmodels.formula.api as smf
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from caorder import countries, paths, plots, tables, windows
from caorder.errors import CuratedDataError
from caorder.schemas import (
    AT_THE_TABLE,
    C5_ONLY_SERIES,
    CONSULTATIVE_DOCUMENTS,
    EXPECTED_LEVEL,
    FAMILIES,
    LEVELS,
    MEMBERSHIPS,
    NOT_PRESENT,
    ORG_FAMILIES,
    ORGANISATIONS_TABLE,
    OTHER_TABLES,
    SERIES,
    SERIES_LABELS,
    event_schema,
    partial_dates,
    validate,
)

SUMMITS = event_schema("summits", held=True, states=countries.C5)
SUMMITS_NOT_HELD = event_schema("summits_not_held", held=False, states=countries.C5)

# --- loaders ----------------------------------------------------------------------------


def _read(path: Path, schema: pa.DataFrameSchema) -> pd.DataFrame:
    """Read a curated CSV as text, number rows by file line, validate (naming file and line)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    frame = frame.apply(lambda column: column.str.strip())
    frame.index = pd.RangeIndex(2, 2 + len(frame), name="line")
    return validate(frame, schema, f"{path.name} (index = line in the file)")


#: The codings every summit- or membership-based verdict is computed under: every row as
#: coded; rows graded low-confidence dropped; every row with a ``disputed_alternative``
#: recoded the other way (dropped, or the named columns set to the alternative values).
VARIANTS = ("as_coded", "drop_low_confidence", "disputed_flipped")


def disputed(frame: pd.DataFrame) -> pd.Series:
    """True for rows whose coding is disputed (they carry a ``disputed_alternative``)."""
    return frame["disputed_alternative"].notna()


def _parse_alternative(text: str, columns: pd.Index, where: str) -> dict[str, str]:
    """``a=1;b=2`` as a dict, checking that every named column exists."""
    pairs = dict(item.split("=", 1) for item in text.split(";"))
    unknown = sorted(set(pairs) - set(columns))
    if unknown:
        raise ValueError(
            f"{where}: disputed_alternative names unknown column(s) {unknown}; "
            f"use one of {list(columns)} or 'drop'."
        )
    return pairs


def apply_variant(
    frame: pd.DataFrame, variant: str, schema: pa.DataFrameSchema, where: str
) -> pd.DataFrame:
    """The validated text table under one of :data:`VARIANTS`, re-validated after recoding."""
    if variant not in VARIANTS:
        raise ValueError(f"variant must be one of {VARIANTS}, not {variant!r}")
    if variant == "as_coded":
        return frame
    if variant == "drop_low_confidence":
        return frame[frame["confidence"] != "low"]
    recoded = frame.copy()
    for line, text in frame["disputed_alternative"].dropna().items():
        if text == "drop":
            recoded = recoded.drop(index=line)
            continue
        for column, value in _parse_alternative(
            text, frame.columns, f"{where} line {line}"
        ).items():
            recoded.at[line, column] = value
    if "date_precision" in recoded:
        lengths = recoded["start_date"].str.len().map({10: "day", 7: "month", 4: "year"})
        recoded["date_precision"] = lengths
    return validate(recoded, schema, f"{where} recoded the other way (index = line in the file)")


def date_precision(values: pd.Series) -> pd.Series:
    """``day``, ``month`` or ``year`` from the form of ISO partial dates (NaN where blank)."""
    return values.str.len().map({10: "day", 7: "month", 4: "year"})


def _bounds(text: object) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of one ISO partial date (NaT for blanks)."""
    if not isinstance(text, str):
        return pd.NaT, pd.NaT
    first = pd.Timestamp(text + {4: "-01-01", 7: "-01", 10: ""}[len(text)])
    if len(text) == 4:
        return first, first + pd.offsets.YearEnd(0)
    if len(text) == 7:
        return first, first + pd.offsets.MonthEnd(0)
    return first, first


def period_bounds(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """First and last day each ISO partial date may stand for (a day, a month or a year).

    The loaders place a reduced-precision date mid-period (:func:`partial_dates`); analyses
    that measure intervals use these bounds to show how much the missing precision matters.
    """
    pairs = [_bounds(value) for value in values]
    first = pd.Series([pair[0] for pair in pairs], index=values.index, dtype="datetime64[ns]")
    last = pd.Series([pair[1] for pair in pairs], index=values.index, dtype="datetime64[ns]")
    return first, last


def _typed_events(frame: pd.DataFrame) -> pd.DataFrame:
    """Add parsed dates (``start``, ``end``, ``year``, bounds) and an integer ``ordinal``."""
    first, last = period_bounds(frame["start_date"])
    frame = frame.assign(
        ordinal=pd.to_numeric(frame["ordinal"]).astype("Int64"),
        start=partial_dates(frame["start_date"]),
        end=partial_dates(frame["end_date"]),
        start_first=first,
        start_last=last,
    )
    frame["year"] = frame["start"].dt.year.astype(int)
    return frame.sort_values(["start", "event_id"]).reset_index(drop=True)


#: Partners of C5+X formats that are organisations, not states (every other partner and
#: every host must be an ISO3 code of ``data/members.csv``).
PARTNER_ORGANISATIONS = {"EU": "European Union", "GCC": "Gulf Cooperation Council"}


def _known_states(path: Path) -> frozenset[str]:
    """ISO3 codes of the members table beside ``path`` (or of ``data/``)."""
    beside = path.with_name("members.csv")
    return frozenset(countries.load_members(beside if beside.is_file() else None)["iso3"])


def _check_codes(
    frame: pd.DataFrame, columns: dict[str, frozenset[str]], path: Path, rule: str
) -> None:
    """Reject a value of ``column`` outside its allowed codes, naming file, line and rule."""
    for column, allowed in columns.items():
        bad = frame[frame[column].notna() & ~frame[column].isin(allowed)]
        if len(bad):
            line, value = bad.index[0], bad[column].iloc[0]
            raise CuratedDataError(
                f"{path.name}, line {line}: {column} {value!r} is not a known code; rule: "
                f"{rule}. Correct the code (or add the state to members.csv)."
            )


def load_summits(path: Path | None = None, variant: str = "as_coded") -> pd.DataFrame:
    """Meetings that took place (``data/summits.csv``), validated, with parsed dates.

    ``variant`` is one of :data:`VARIANTS` (the sensitivity codings of the verdicts). Hosts
    and partners must be ISO3 codes of ``members.csv`` (partners may also be one of
    :data:`PARTNER_ORGANISATIONS`).
    """
    path = path or paths.data_dir() / "summits.csv"
    frame = _read(path, SUMMITS)
    _check_events(frame, path)
    return _typed_events(apply_variant(frame, variant, SUMMITS, path.name))


def _check_events(frame: pd.DataFrame, path: Path) -> None:
    states = _known_states(path)
    _check_codes(
        frame,
        {"host": states, "partner": states | frozenset(PARTNER_ORGANISATIONS)},
        path,
        "host and partner are ISO3 codes in members.csv (a partner may also be "
        f"{' or '.join(PARTNER_ORGANISATIONS)})",
    )


def load_summits_not_held(path: Path | None = None) -> pd.DataFrame:
    """Planned meetings that were postponed, moved or cancelled (``data/summits_not_held.csv``)."""
    path = path or paths.data_dir() / "summits_not_held.csv"
    frame = _read(path, SUMMITS_NOT_HELD)
    _check_events(frame, path)
    return _typed_events(frame)


def load_memberships(path: Path | None = None, variant: str = "as_coded") -> pd.DataFrame:
    """Organisation membership spells (``data/memberships.csv``), with ``start``/``stop`` dates.

    Dates known only to the month or year are placed mid-period (:func:`partial_dates`), so a
    year-only change counts from 1 July, the day the membership panel reads; ``joined_precision``
    and ``left_precision`` say how precise each date is.
    """
    path = path or paths.data_dir() / "memberships.csv"
    frame = _read(path, MEMBERSHIPS)
    _check_codes(frame, {"iso3": _known_states(path)}, path, "iso3 is an ISO3 code in members.csv")
    _check_spells(frame, path)
    frame = apply_variant(frame, variant, MEMBERSHIPS, path.name)
    frame = frame.assign(
        start=partial_dates(frame["joined"]),
        stop=partial_dates(frame["left"]),
        joined_precision=date_precision(frame["joined"]),
        left_precision=date_precision(frame["left"]),
    )
    return frame.sort_values(["iso3", "organisation", "start"]).reset_index(drop=True)


def _check_spells(frame: pd.DataFrame, path: Path) -> None:
    """Reject overlapping spells of one state in one organisation, whatever their status.

    A spell may start on the day the previous one ends (a member suspended that day); dates
    known only to the month or year are compared at their mid-period day.
    """
    spells = frame.assign(start=partial_dates(frame["joined"]), stop=partial_dates(frame["left"]))
    spells = spells.sort_values(["iso3", "organisation", "start"], kind="stable")
    previous = spells.groupby(["iso3", "organisation"])["stop"].shift()
    again = spells.groupby(["iso3", "organisation"]).cumcount() > 0
    clash = again & (previous.isna() | (spells["start"] < previous))
    if clash.any():
        line = spells.index[clash.to_numpy()][0]
        row = spells.loc[line]
        raise CuratedDataError(
            f"{path.name}, line {line}: the {row['organisation']} spells of {row['iso3']} overlap "
            f"(this {row['status']} spell starts {row['joined']}, before the previous one ends); "
            "rule: one spell at a time per state and organisation, the next starting on or "
            "after the day the previous one is left. Correct joined/left."
        )


# --- C1.6: meetings per year and the 2017 break ------------------------------------------


def meetings_per_year(
    events: pd.DataFrame, series: tuple[str, ...] = C5_ONLY_SERIES, years: range = range(1991, 2026)
) -> pd.DataFrame:
    """Number of meetings of each series per calendar year (zero-filled; years as rows)."""
    chosen = events[events["series"].isin(series)]
    counts = pd.crosstab(chosen["year"], chosen["series"])
    return counts.reindex(index=list(years), columns=list(series), fill_value=0).rename_axis(
        index="year", columns="series"
    )


@dataclass(frozen=True)
class RateRatio:
    """Incidence-rate ratio of a count model with a single before/after indicator."""

    model: str
    irr: float
    ci_low: float
    ci_high: float
    p_value: float
    rate_before: float
    rate_after: float
    alpha: float | None  #: negative-binomial dispersion (None for Poisson)


def rate_ratio(counts: pd.Series, break_year: int = 2017, model: str = "poisson") -> RateRatio:
    """Fit ``count ~ after`` (after = year >= ``break_year``) by Poisson or negative binomial.

    The incidence-rate ratio exp(beta) compares the expected number of meetings per year
    after the break with the number before; its 95% CI comes from the Wald interval of
    beta. The negative-binomial (NB2) model lets the variance exceed the mean, which
    matters when meetings cluster in some years.
    """
    after = (counts.index.to_numpy() >= break_year).astype(float)
    exog = sm.add_constant(pd.DataFrame({"after": after}, index=counts.index))
    y = counts.astype(float)
    if model == "poisson":
        fit = sm.GLM(y, exog, family=sm.families.Poisson()).fit()
        alpha = None
    elif model == "negbin":
        fit = sm.NegativeBinomial(y, exog, loglike_method="nb2").fit(disp=0, maxiter=200)
        alpha = float(fit.params["alpha"])
    else:
        raise ValueError(f"model must be 'poisson' or 'negbin', not {model!r}")
    low, high = fit.conf_int().loc["after"]
    return RateRatio(
        model=model,
        irr=float(np.exp(fit.params["after"])),
        ci_low=float(np.exp(low)),
        ci_high=float(np.exp(high)),
        p_value=float(fit.pvalues["after"]),
        rate_before=float(y[after == 0].mean()),
        rate_after=float(y[after == 1].mean()),
        alpha=alpha,
    )


def share_of_years_with_meeting(counts: pd.Series, first: int, last: int) -> float:
    """Share of the years ``first``..``last`` with at least one meeting."""
    window = counts.loc[first:last]
    return float((window > 0).mean())


def longest_gap_years(counts: pd.Series, first: int, last: int) -> int:
    """Longest run of consecutive years without a meeting within ``first``..``last``."""
    longest = run = 0
    for value in counts.loc[first:last]:
        run = run + 1 if value == 0 else 0
        longest = max(longest, run)
    return longest


# --- C1.6: the five foreign ministers' meetings -----------------------------------------

DAYS_PER_YEAR = 365.25


def fm_meetings(events: pd.DataFrame) -> pd.DataFrame:
    """Five-state foreign-minister meetings in date order, with the gap since the previous one.

    ``gap_years`` is measured between the mid-period dates; ``gap_min_years`` and
    ``gap_max_years`` are the shortest and longest gaps the dates' precision allows.
    """
    chosen = events[events["series"] == "c5_fm_meeting"].sort_values("start").reset_index(drop=True)
    gap = chosen["start"].diff().dt.days / DAYS_PER_YEAR
    gap_min = (chosen["start_first"] - chosen["start_last"].shift()).dt.days / DAYS_PER_YEAR
    gap_max = (chosen["start_last"] - chosen["start_first"].shift()).dt.days / DAYS_PER_YEAR
    columns = ["event_id", "start_date", "date_precision", "city", "confidence"]
    return chosen[columns].assign(
        year=chosen["year"], gap_years=gap, gap_min_years=gap_min, gap_max_years=gap_max
    )


@dataclass(frozen=True)
class MinisterialRegularity:
    """Regularity of the five foreign ministers' meetings before and after a break year."""

    n_meetings: int
    first_after: str  #: event id of the first meeting in or after the break year
    gap_into_break_years: float  #: gap from the last meeting before the break to that one
    gap_into_break_min_years: float  #: the same gap at its shortest given date precision
    share_years_before: float  #: share of the ``before`` years with a meeting
    share_years_after: float  #: share of the ``after`` years with a meeting
    longest_gap_after_years: float  #: longest gap between meetings from the break on


def ministerial_regularity(
    events: pd.DataFrame,
    break_year: int = 2017,
    before: tuple[int, int] = (2007, 2016),
    after: tuple[int, int] = (2017, 2025),
) -> MinisterialRegularity:
    """Test the paper's "now meeting regularly after more than a decade" on the FM series.

    The gap into the break says whether more than a decade passed without a five-state FM
    meeting; the shares of years with a meeting before and after say "intermittent" versus
    "regular"; the longest gap after the break (up to the end of ``after``) bounds how
    regular "regular" is.
    """
    table = fm_meetings(events)
    later = table[table["year"].between(break_year, after[1])]
    if later.empty:
        raise ValueError(f"no five-state foreign-minister meeting in or after {break_year}")
    first = later.index[0]
    counts = table.groupby("year").size().reindex(range(1991, after[1] + 1), fill_value=0)
    return MinisterialRegularity(
        n_meetings=len(table),
        first_after=str(table.at[first, "event_id"]),
        gap_into_break_years=float(table.at[first, "gap_years"]),
        gap_into_break_min_years=float(table.at[first, "gap_min_years"]),
        share_years_before=share_of_years_with_meeting(counts, *before),
        share_years_after=share_of_years_with_meeting(counts, *after),
        longest_gap_after_years=float(later["gap_years"].iloc[1:].max()),
    )


# --- C1.9: what the consultative meetings adopted ---------------------------------------


def load_consultative_documents(
    path: Path | None = None, summits_path: Path | None = None
) -> pd.DataFrame:
    """Coded outcome documents of the consultative meetings, with each meeting's date.

    Every ``event_id`` must be a consultative meeting in ``summits.csv``.
    """
    path = path or paths.data_dir() / "consultative_documents.csv"
    frame = _read(path, CONSULTATIVE_DOCUMENTS)
    meetings = load_summits(summits_path)
    meetings = meetings[meetings["series"] == "consultative_meeting"].set_index("event_id")
    unknown = sorted(set(frame["event_id"]) - set(meetings.index))
    if unknown:
        raise ValueError(
            f"{path.name}: event_id {unknown} is not a consultative meeting in "
            "summits.csv; use the meeting's id there (CM1, CM2, ...)."
        )
    return frame.assign(
        year=frame["event_id"].map(meetings["year"]), start=frame["event_id"].map(meetings["start"])
    )


def agenda_counts(documents: pd.DataFrame, first: int, last: int) -> dict[str, int]:
    """Counts of the coded outcome documents of the meetings held ``first``..``last``.

    ``integration_instruments``: documents that are instruments of economic integration;
    ``supranational_bodies``: documents creating a supranational body or regional
    organisation; ``intergovernmental_bodies``: documents creating a coordinating body
    without powers over the states; ``integration_aims``: documents stating economic
    integration as an aim in the part read.
    """
    chosen = documents[documents["year"].between(first, last)]
    return {
        "meetings": int(chosen["event_id"].nunique()),
        "documents": len(chosen),
        "integration_instruments": int((chosen["integration_instrument"] == "yes").sum()),
        "supranational_bodies": int(
            chosen["creates_body"].isin(["supranational", "regional_organisation"]).sum()
        ),
        "intergovernmental_bodies": int((chosen["creates_body"] == "intergovernmental").sum()),
        "integration_aims": int((chosen["integration_aim"] == "yes").sum()),
        "read_beyond_title": int(chosen["text_read"].isin(["opening", "full"]).sum()),
    }


# --- C1.7: cadence of the consultative meetings -----------------------------------------

DAYS_PER_MONTH = 365.25 / 12


def cadence(events: pd.DataFrame, series: str = "consultative_meeting") -> pd.DataFrame:
    """Meetings of one series in date order with the interval since the previous one (months)."""
    chosen = events[events["series"] == series].sort_values("start")
    interval = chosen["start"].diff().dt.days / DAYS_PER_MONTH
    return pd.DataFrame(
        {
            "event_id": chosen["event_id"].to_numpy(),
            "ordinal": chosen["ordinal"].to_numpy(),
            "start": chosen["start"].to_numpy(),
            "city": chosen["city"].to_numpy(),
            "host": chosen["host"].to_numpy(),
            "months_since_previous": interval.round(1).to_numpy(),
        }
    )


def annual_slots(
    events: pd.DataFrame,
    not_held: pd.DataFrame,
    first: int,
    last: int,
    series: str = "consultative_meeting",
) -> pd.DataFrame:
    """Per year of an (intended) annual format: meetings held and meetings planned but not held."""
    held = events[events["series"] == series].groupby("year").size()
    missed = not_held[not_held["series"] == series].groupby("year").size()
    years = list(range(first, last + 1))
    return pd.DataFrame(
        {
            "held": held.reindex(years, fill_value=0).to_numpy(),
            "planned_not_held": missed.reindex(years, fill_value=0).to_numpy(),
        },
        index=pd.Index(years, name="year"),
    )


# --- C3.8: attendance and level of representation ---------------------------------------


def attendance(events: pd.DataFrame) -> pd.DataFrame:
    """Long table: one row per meeting and state with the level and whether it was present.

    ``present`` is NaN where the level is unknown (unknown rows leave the denominators);
    ``at_expected_level`` says whether the state sent the level the series calls for
    (heads of state to summits, foreign ministers to ministerials).
    """
    long = events.melt(
        id_vars=["event_id", "series", "start", "year"],
        value_vars=list(countries.C5),
        var_name="iso3",
        value_name="level",
    )
    known = long["level"] != "unknown"
    long["present"] = (~long["level"].isin(NOT_PRESENT)).astype(float).where(known)
    expected = long["series"].map(EXPECTED_LEVEL)
    long["at_expected_level"] = (long["level"] == expected).astype(float).where(known)
    return long.sort_values(["start", "event_id", "iso3"]).reset_index(drop=True)


FIVE_STATE_RECENT = "Five-state, 2017-2025"


def meeting_format(series: pd.Series, year: pd.Series, since: int = 2017) -> pd.Series:
    """Group meetings for attendance tables.

    Regional-body summits (1994-2006) stand apart from the informal five-state meetings
    (consultative, foreign-minister, other five-leader), which are split at ``since``; the
    C5+X summits and ministerials form their own groups.
    """
    informal = series.isin(["consultative_meeting", "c5_fm_meeting", "other_c5_leaders_meeting"])
    labels = series.map(
        {
            "regional_org_summit": "Regional bodies",
            "c5plus_summit": "C5+X summits",
            "c5plus_ministerial": "C5+X ministerials",
        }
    )
    labels = labels.mask(informal & (year >= since), f"Five-state, {since}-2025")
    return labels.mask(informal & (year < since), f"Five-state, before {since}")


def attendance_rates(long: pd.DataFrame, by: str = "series") -> pd.DataFrame:
    """Share of meetings attended and attended at the expected level, per state and ``by``.

    Unknown levels are left out of both shares; ``n`` counts the meetings with a known level.
    """
    grouped = long.dropna(subset=["present"]).groupby([by, "iso3"])
    rates = grouped.agg(
        n=("present", "size"),
        present=("present", "mean"),
        at_expected_level=("at_expected_level", "mean"),
    )
    return rates.reset_index().sort_values([by, "iso3"], ignore_index=True)


def level_matrix(events: pd.DataFrame) -> pd.DataFrame:
    """Meetings (rows, in date order) x the five states: the level code (index into LEVELS)."""
    codes = events.set_index("event_id")[list(countries.C5)].apply(
        lambda column: column.map({level: k for k, level in enumerate(LEVELS)})
    )
    return codes.loc[events.sort_values("start")["event_id"]]


def unga_absence_by_session(
    votes: pd.DataFrame, states: tuple[str, ...] = countries.C5
) -> pd.DataFrame:
    """Share of roll calls each state missed while a member, per session (sessions x states).

    ``votes`` is :func:`caorder.tables.votes_with_rollcalls` (needs rcid, iso3, vote, session);
    rows exist only for members on the day, so the share is absences over roll calls held.
    """
    chosen = votes[votes["iso3"].isin(states)]
    absent = chosen["vote"].astype(str).eq("absent")
    table = absent.groupby([chosen["session"], chosen["iso3"]]).mean().unstack("iso3")
    return table.reindex(columns=list(states)).sort_index()


# --- C3.9: membership matrix and shared tables ------------------------------------------


def membership_panel(
    memberships: pd.DataFrame,
    years: range = range(1991, 2026),
    states: tuple[str, ...] = countries.C5,
) -> pd.DataFrame:
    """State x organisation x year: the status held on 1 July of each year (mid-year rule).

    Long table with iso3, organisation, family, table, year, status (only spells covering
    1 July; where two spells of one state and organisation overlap, the later-starting one
    wins). ``family`` is the macro-regional table of C3.9 (blank for other organisations);
    ``table`` groups every organisation, for figures.
    """
    spells = memberships[memberships["iso3"].isin(states)]
    july = pd.DataFrame({"year": list(years)})
    july["day"] = pd.to_datetime(july["year"].astype(str) + "-07-01")
    grid = spells.merge(july, how="cross")
    active = (grid["start"] <= grid["day"]) & (grid["stop"].isna() | (grid["day"] <= grid["stop"]))
    grid = (
        grid[active]
        .sort_values("start")
        .drop_duplicates(["iso3", "organisation", "year"], keep="last")
    )
    family = grid["organisation"].map(ORG_FAMILIES)
    grid = grid.assign(family=family, table=family.fillna(grid["organisation"].map(OTHER_TABLES)))
    columns = ["iso3", "organisation", "family", "table", "year", "status"]
    return grid[columns].sort_values(["iso3", "organisation", "year"], ignore_index=True)


def family_seats(panel: pd.DataFrame, statuses: tuple[str, ...] = AT_THE_TABLE) -> pd.DataFrame:
    """iso3 x year x macro-regional family: True where the state had a seat at that table."""
    seated = panel[panel["status"].isin(statuses) & panel["family"].notna()]
    return seated[["iso3", "year", "family"]].drop_duplicates().assign(seat=True)


def shared_memberships(
    panel: pd.DataFrame,
    statuses: tuple[str, ...] = AT_THE_TABLE,
    states: tuple[str, ...] = countries.C5,
    years: range = range(1991, 2026),
) -> pd.DataFrame:
    """Per pair of states and year: how many macro-regional tables (families) both sit at.

    Columns: a, b, year, n_shared, shared (the families, joined by ", ").
    """
    seats = family_seats(panel, statuses)
    pairs = pd.DataFrame(list(combinations(sorted(states), 2)), columns=["a", "b"])
    frame = pairs.merge(pd.DataFrame({"year": list(years)}), how="cross")
    both = seats.merge(seats, on=["year", "family"], suffixes=("_a", "_b"))
    both = both[both["iso3_a"] < both["iso3_b"]].rename(columns={"iso3_a": "a", "iso3_b": "b"})
    both = both.assign(order=both["family"].map({f: k for k, f in enumerate(FAMILIES)}))
    summary = (
        both.sort_values("order")
        .groupby(["a", "b", "year"])["family"]
        .agg(n_shared="size", shared=", ".join)
        .reset_index()
    )
    frame = frame.merge(summary, on=["a", "b", "year"], how="left")
    frame["n_shared"] = frame["n_shared"].fillna(0).astype(int)
    frame["shared"] = frame["shared"].fillna("")
    return frame.sort_values(["a", "b", "year"], ignore_index=True)


# --- C3.9: QAP permutation test on pair means ------------------------------------------


def pair_matrix(pairs: pd.DataFrame, value: str, states: tuple[str, ...]) -> pd.DataFrame:
    """Symmetric states x states matrix of ``value`` from a table with columns a, b, value."""
    matrix = pd.DataFrame(np.nan, index=list(states), columns=list(states))
    for row in pairs.itertuples(index=False):
        a, b, x = row.a, row.b, getattr(row, value)
        if a in matrix.index and b in matrix.index:
            matrix.at[a, b] = matrix.at[b, a] = x
    return matrix


@dataclass(frozen=True)
class QAPResult:
    """Quadratic assignment procedure: correlation of two pair matrices and its exact p-value."""

    states: tuple[str, ...]
    n_pairs: int
    correlation: float  #: Pearson correlation of the two upper triangles
    p_value: float  #: two-sided, over every relabelling of the states
    n_permutations: int  #: number of relabellings (all of them: n! for n states)


def qap_test(x: pd.DataFrame, y: pd.DataFrame) -> QAPResult:
    """Exact QAP test (Krackhardt 1988) of the association between two pair matrices.

    Pairs that share a state are not independent, so instead of shuffling pair values the
    test permutes the state labels of ``y`` (rows and columns together) and recomputes the
    correlation of the upper triangles. With five states every one of the 120 relabellings
    is used, so the p-value is exact; its smallest possible value is 1/n!.
    """
    states = tuple(x.index)
    upper = np.triu_indices(len(states), k=1)
    xs = x.loc[list(states), list(states)].to_numpy()[upper]
    ym = y.loc[list(states), list(states)].to_numpy()
    observed = float(np.corrcoef(xs, ym[upper])[0, 1])
    null = np.array(
        [
            np.corrcoef(xs, ym[np.ix_(order, order)][upper])[0, 1]
            for order in permutations(range(len(states)))
        ]
    )
    return QAPResult(
        states=states,
        n_pairs=len(xs),
        correlation=observed,
        p_value=float((np.abs(null) >= abs(observed) - 1e-12).mean()),
        n_permutations=len(null),
    )


def shared_tables_qap(
    pair_years: pd.DataFrame, states: tuple[str, ...] = countries.C5
) -> QAPResult:
    """QAP test of pairs' mean shared tables against their mean UNGA kappa, among ``states``."""
    means = pair_years.groupby(["a", "b"])[["n_shared", "kappa"]].mean().reset_index()
    return qap_test(pair_matrix(means, "n_shared", states), pair_matrix(means, "kappa", states))


@dataclass(frozen=True)
class SharedTablesTest:
    """Association between shared macro-regional memberships and pair UNGA kappa."""

    within_slope: float  #: change in kappa per extra shared table, pair and year fixed effects
    within_ci_low: float
    within_ci_high: float
    within_p: float
    n_pairs_changing: int  #: pairs whose number of shared tables changes over the years
    between_r: float  #: QAP: Pearson r between pairs' mean shared tables and mean kappa
    between_p: float  #: QAP: exact two-sided p-value over every relabelling of the states
    n_permutations: int
    n_pairs: int
    n_obs: int


def shared_tables_test(
    pair_years: pd.DataFrame, states: tuple[str, ...] = countries.C5
) -> SharedTablesTest:
    """Test whether pairs sharing more tables vote more alike, within and between pairs.

    ``pair_years`` has a, b, year, kappa and n_shared; only pairs of ``states`` are used.
    Within pairs: OLS of kappa on n_shared with pair and year fixed effects, so only a pair's
    own changes in shared tables (joining, leaving) identify the slope; standard errors are
    clustered by pair (few clusters: a rough guide only). Between pairs: the exact QAP test
    of the pair means (:func:`qap_test`), which respects that pairs sharing a state are not
    independent.
    """
    chosen = pair_years[pair_years["a"].isin(states) & pair_years["b"].isin(states)]
    data = chosen.dropna(subset=["kappa"]).assign(pair=lambda d: d["a"] + "-" + d["b"])
    fit = smf.ols("kappa ~ n_shared + C(pair) + C(year)", data=data).fit(
        cov_type="cluster", cov_kwds={"groups": pd.factorize(data["pair"])[0]}, use_t=True
    )
    low, high = fit.conf_int().loc["n_shared"]
    qap = shared_tables_qap(data, states)
    return SharedTablesTest(
        within_slope=float(fit.params["n_shared"]),
        within_ci_low=float(low),
        within_ci_high=float(high),
        within_p=float(fit.pvalues["n_shared"]),
        n_pairs_changing=int((data.groupby("pair")["n_shared"].nunique() > 1).sum()),
        between_r=qap.correlation,
        between_p=qap.p_value,
        n_permutations=qap.n_permutations,
        n_pairs=qap.n_pairs,
        n_obs=len(data),
    )


# --- the Aral Sea fund as the only home-grown organisation ------------------------------


def load_organisations(path: Path | None = None) -> pd.DataFrame:
    """The organisations of ``memberships.csv`` (``data/organisations.csv``) with founding dates."""
    frame = _read(path or paths.data_dir() / "organisations.csv", ORGANISATIONS_TABLE)
    return frame.assign(start=partial_dates(frame["founded"]), stop=partial_dates(frame["ended"]))


def home_grown_standing(
    organisations: pd.DataFrame, memberships: pd.DataFrame, on: str
) -> pd.DataFrame:
    """Home-grown organisations (founded by Central Asian states only); did each stand ``on``?

    A home-grown organisation "stands" on a date if it had not ended and at least one of the
    five held a seat at it (member, party or associate). Treaty zones without a standing
    body (the nuclear-weapon-free zone) are excluded: they are not organisations.
    """
    day = pd.Timestamp(on)
    chosen = organisations[
        (organisations["kind"] == "organisation") & (organisations["outside_founders"] == "none")
    ]
    seated = memberships[
        memberships["status"].isin(AT_THE_TABLE)
        & (memberships["start"] <= day)
        & (memberships["stop"].isna() | (memberships["stop"] >= day))
    ]
    members = seated.groupby("organisation")["iso3"].agg(lambda s: ", ".join(sorted(set(s))))
    table = chosen[["organisation", "name", "founded", "ended"]].assign(
        members_on_date=chosen["organisation"].map(members).fillna("")
    )
    table["standing"] = table["members_on_date"] != ""
    return table.reset_index(drop=True)


# --- direct tests on the curated tables (C3.6, C3.25, C3.26, C3.27, C1.26, C4.15) ---------

#: The paper's date (it gives 5 March 2021 for its web sources).
PAPER_DATE = "2021-03-05"
#: A sectoral home-grown body, left out when only general-purpose organisations count (C1.26).
SECTORAL_BODIES = ("IFAS",)
#: Outcome-document kinds that are multilateral agreements (C3.26); ``with_regulations`` adds
#: the regulations the heads of state adopt.
AGREEMENT_KINDS = {
    "treaty_agreement": ("treaty", "agreement"),
    "with_regulations": ("treaty", "agreement", "regulation"),
}
#: Outcome-document kinds that are instruments beyond statements (C3.27); ``plans_only``
#: leaves out the regulations.
INSTRUMENT_KINDS = {
    "with_regulations": (
        *AGREEMENT_KINDS["with_regulations"],
        "concept",
        "programme",
        "roadmap",
        "action_plan",
    ),
    "plans_only": ("treaty", "agreement", "concept", "programme", "roadmap", "action_plan"),
}
#: The five-state leaders' series (C4.15) and, among them, the integration bodies' summits.
LEADERS_SERIES = ("regional_org_summit", "other_c5_leaders_meeting", "consultative_meeting")
INTEGRATION_SERIES = "regional_org_summit"


def seated_on(memberships: pd.DataFrame, on: str) -> pd.DataFrame:
    """The spells in force on ``on`` with a seat at the table (member, party, associate)."""
    day = pd.Timestamp(on)
    return memberships[
        memberships["status"].isin(AT_THE_TABLE)
        & (memberships["start"] <= day)
        & (memberships["stop"].isna() | (memberships["stop"] >= day))
    ]


def treaty_status(memberships: pd.DataFrame, organisation: str, on: str) -> pd.DataFrame:
    """Per state of the five: the day it signed ``organisation``'s treaty (its first spell) and
    whether it is a party (at the table) on ``on``."""
    spells = memberships[memberships["organisation"] == organisation]
    first = spells.groupby("iso3")["start"].min()
    seated = set(seated_on(spells, on)["iso3"])
    return pd.DataFrame(
        {
            "iso3": list(countries.C5),
            "signed": [first.get(s, pd.NaT) for s in countries.C5],
            "party_on_date": [s in seated for s in countries.C5],
        }
    )


def seats_by_organisation(memberships: pd.DataFrame, on: str) -> pd.Series:
    """How many of the five sit at each organisation or treaty of the table on ``on``."""
    seated = seated_on(memberships, on)
    counts = seated[seated["iso3"].isin(countries.C5)].groupby("organisation")["iso3"].nunique()
    every = sorted(set(memberships["organisation"]))
    return counts.reindex(every, fill_value=0).astype(int)


def document_kinds(documents: pd.DataFrame, first: int, last: int, kinds: tuple[str, ...]) -> dict:
    """Of the consultative meetings held ``first``..``last``: documents, meetings, documents of
    one of ``kinds`` and meetings that adopted at least one of them."""
    chosen = documents[documents["year"].between(first, last)]
    hit = chosen["kind"].isin(kinds)
    return {
        "documents": float(len(chosen)),
        "meetings": float(chosen["event_id"].nunique()),
        "documents_of_kind": float(hit.sum()),
        "meetings_with_kind": float(chosen.loc[hit, "event_id"].nunique()),
    }


def spells_changed(memberships: pd.DataFrame, state: str, first: str, last: str) -> dict:
    """Accessions and exits of ``state`` between ``first`` and ``last`` (inclusive).

    An accession is the start of a spell at the table or as observer that does not continue
    a spell at the same organisation; an exit is the end of a spell at the table not followed
    by another at the same organisation, or the start of a suspension.
    """
    low, high = pd.Timestamp(first), pd.Timestamp(last)
    own = memberships[memberships["iso3"] == state].sort_values("start")
    joins = exits = 0
    for _, spells in own.groupby("organisation"):
        rows = spells.to_dict("records")
        for i, row in enumerate(rows):
            before = rows[i - 1] if i else None
            after = rows[i + 1] if i + 1 < len(rows) else None
            starts_anew = before is None or before["status"] == "suspended"
            if row["status"] == "suspended" and low <= row["start"] <= high:
                exits += 1
            elif row["status"] != "signatory" and starts_anew and low <= row["start"] <= high:
                joins += 1
            ends = pd.notna(row["stop"]) and low <= row["stop"] <= high
            if row["status"] in AT_THE_TABLE and ends and after is None:
                exits += 1
    return {"joins": float(joins), "exits": float(exits)}


def hosted_per_year(events: pd.DataFrame, first: int, last: int) -> pd.Series:
    """Meetings hosted per year by each of the five (five-state and C5+X), ``first``..``last``."""
    chosen = events[events["year"].between(first, last) & events["host"].isin(countries.C5)]
    counts = chosen.groupby("host").size().reindex(list(countries.C5), fill_value=0)
    return counts / (last - first + 1)


def leaders_meetings(events: pd.DataFrame, first: int, last: int) -> dict:
    """Five-state leaders' meetings held ``first``..``last`` and how many were integration
    bodies' summits."""
    chosen = events[events["series"].isin(LEADERS_SERIES) & events["year"].between(first, last)]
    integration = float((chosen["series"] == INTEGRATION_SERIES).sum())
    total = float(len(chosen))
    return {
        "meetings": total,
        "integration_summits": integration,
        "integration_share": integration / total if total else float("nan"),
    }


# --- figures ------------------------------------------------------------------------------

#: Colours for the levels of representation: viridis from highest to lowest level present,
#: light grey for absent, white for unknown (colour-blind safe and readable in greyscale).
LEVEL_COLOURS = [*plt.get_cmap("viridis")(np.linspace(0.0, 0.92, len(LEVELS) - 2)), "0.82", "white"]
STATUS_ORDER = ("not a member", "signatory", "observer", "suspended", "associate", "member")
#: One colour per status class, in STATUS_ORDER (colour-blind palette; light grey for none).
STATUS_COLOURS = ["0.93", *(plots.PALETTE[k] for k in (4, 1, 3, 9, 0))]
_LEGEND_RIGHT = {"loc": "upper left", "bbox_to_anchor": (1.01, 1.0), "fontsize": 8}


def _legend_patches(labels: list[str], colours: list) -> list[Patch]:
    return [
        Patch(facecolor=colour, edgecolor="0.5", label=text)
        for text, colour in zip(labels, colours, strict=True)
    ]


def plot_timeline(events: pd.DataFrame, ax: plt.Axes) -> plt.Axes:
    """One row per series, one marker per meeting at its start date."""
    series = [s for s in SERIES if s in set(events["series"])]
    for row, name in enumerate(series):
        dates = events.loc[events["series"] == name, "start"]
        ax.scatter(
            dates,
            np.full(len(dates), row),
            s=36,
            color=plots.PALETTE[row],
            edgecolor="black",
            linewidth=0.4,
            zorder=3,
        )
    ax.set_yticks(range(len(series)), [SERIES_LABELS[s] for s in series])
    ax.set_ylim(len(series) - 0.5, -0.5)
    return plots.label(ax, "Date of the meeting", "")


def plot_counts(counts: pd.DataFrame, fit: RateRatio, break_year: int, ax: plt.Axes) -> plt.Axes:
    """Stacked bars of meetings per year by series, with the mean before and after the break."""
    bottom = np.zeros(len(counts))
    for k, name in enumerate(counts.columns):
        ax.bar(
            counts.index,
            counts[name],
            bottom=bottom,
            width=0.8,
            color=plots.PALETTE[k],
            label=SERIES_LABELS[name],
        )
        bottom += counts[name].to_numpy()
    first, last = counts.index.min(), counts.index.max()
    ax.hlines(
        [fit.rate_before, fit.rate_after],
        [first - 0.5, break_year - 0.5],
        [break_year - 0.5, last + 0.5],
        colors="black",
        linestyles="--",
        label="Mean per year (before / after)",
    )
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=2, fontsize=8)
    return plots.label(ax, "Year", "Meetings (count)")


def plot_cadence(
    table: pd.DataFrame,
    not_held: pd.DataFrame,
    ax: plt.Axes,
    series: str = "consultative_meeting",
    planned_months: float = 12,
) -> plt.Axes:
    """Months since the previous meeting of ``series``, at each meeting's date, against the plan.

    Dotted vertical lines mark the planned dates of meetings that were not held then.
    """
    shown = table.dropna(subset=["months_since_previous"])
    ax.bar(
        shown["start"],
        shown["months_since_previous"],
        width=70,
        color=plots.PALETTE[0],
        label="Months since the previous meeting",
    )
    for _, row in shown.iterrows():
        ax.annotate(
            f"{row['event_id']}\n{row['host']}",
            (row["start"], row["months_since_previous"]),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            fontsize=8,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5},
        )
    ax.axhline(
        planned_months,
        color="black",
        linestyle="--",
        label=f"Planned annual cadence ({planned_months:g} months)",
    )
    for _, row in not_held[not_held["series"] == series].iterrows():
        ax.axvline(
            row["start"],
            color=plots.PALETTE[3],
            linestyle=":",
            linewidth=2,
            label=f"Planned, not held: {row['city']} {row['start_date']}",
        )
    ax.set_ylim(0, max(shown["months_since_previous"].max(), planned_months) * 1.25)
    ax.legend(loc="upper right", fontsize=8)
    return plots.label(ax, "Date of the meeting", "Interval (months)")


def plot_levels(events: pd.DataFrame, ax: plt.Axes) -> plt.Axes:
    """Heatmap: the five states (rows) x meetings in date order (columns), coloured by level."""
    matrix = level_matrix(events).T
    ax.imshow(
        matrix.to_numpy(dtype=float),
        aspect="auto",
        interpolation="nearest",
        cmap=ListedColormap(LEVEL_COLOURS),
        vmin=-0.5,
        vmax=len(LEVELS) - 0.5,
    )
    ax.set_yticks(range(len(matrix.index)), list(matrix.index))
    ax.set_xticks(range(len(matrix.columns)), list(matrix.columns), rotation=90, fontsize=7)
    ax.set_xticks(np.arange(-0.5, len(matrix.columns)), minor=True)
    ax.grid(False)
    ax.grid(which="minor", axis="x", color="white", linewidth=0.6)
    labels = [level.replace("_", " ") for level in LEVELS]
    ax.legend(
        handles=_legend_patches(labels, LEVEL_COLOURS), title="Represented by", **_LEGEND_RIGHT
    )
    return plots.label(ax, "Meeting (event id, in date order)", "State")


def _status_class(status: pd.Series) -> pd.Series:
    """Collapse statuses to the classes of the membership figure (party counts as member)."""
    return status.replace({"party": "member"}).fillna("not a member")


def plot_membership_matrix(
    panel: pd.DataFrame, ax: plt.Axes, families: tuple[str, ...] = FAMILIES
) -> plt.Axes:
    """Rows: table x state; columns: years; colour: the state's status at that table."""
    rank = {name: k for k, name in enumerate(STATUS_ORDER)}
    chosen = panel[panel["table"].isin(families)]
    best = (
        _status_class(chosen["status"])
        .map(rank)
        .groupby([chosen["table"], chosen["iso3"], chosen["year"]])
        .max()
    )
    years = sorted(panel["year"].unique())
    rows = pd.MultiIndex.from_product([list(families), list(countries.C5)], names=["table", "iso3"])
    grid = best.unstack("year").reindex(index=rows, columns=years).fillna(0)
    extent = (years[0] - 0.5, years[-1] + 0.5, len(rows) - 0.5, -0.5)
    ax.imshow(
        grid.to_numpy(),
        aspect="auto",
        interpolation="nearest",
        extent=extent,
        cmap=ListedColormap(STATUS_COLOURS),
        vmin=-0.5,
        vmax=len(STATUS_ORDER) - 0.5,
    )
    ax.set_yticks(range(len(rows)), [f"{f} · {s}" for f, s in rows], fontsize=8)
    for boundary in range(len(countries.C5), len(rows), len(countries.C5)):
        ax.axhline(boundary - 0.5, color="black", linewidth=0.8)
    ax.grid(False)
    ax.legend(
        handles=_legend_patches(list(STATUS_ORDER), STATUS_COLOURS),
        title="Status on 1 July",
        **_LEGEND_RIGHT,
    )
    return plots.label(ax, "Year", "Organisation · state")


def plot_kappa_shared(pair_years: pd.DataFrame, ax: plt.Axes) -> plt.Axes:
    """Pair-year UNGA kappa against shared tables (small dots), with each pair's means."""
    offsets = (pair_years["a"] + pair_years["b"]).map(lambda key: (_jitter(key) - 0.5) * 0.3)
    ax.scatter(
        pair_years["n_shared"] + offsets,
        pair_years["kappa"],
        s=10,
        color=plots.GREY,
        alpha=0.5,
        label="Pair in one year",
    )
    means = pair_years.groupby(["a", "b"])[["n_shared", "kappa"]].mean().reset_index()
    with_tkm = (means["a"] == "TKM") | (means["b"] == "TKM")
    styles = (
        (False, plots.PALETTE[0], "Pair mean"),
        (True, plots.STATE_COLOURS["TKM"], "Pair mean (with Turkmenistan)"),
    )
    for is_tkm, colour, label in styles:
        chosen = means[with_tkm == is_tkm]
        ax.scatter(
            chosen["n_shared"],
            chosen["kappa"],
            s=60,
            color=colour,
            edgecolor="black",
            zorder=3,
            label=label,
        )
    for _, row in means.iterrows():
        ax.annotate(
            f"{row['a']}-{row['b']}",
            (row["n_shared"], row["kappa"]),
            xytext=(5, 3),
            textcoords="offset points",
            fontsize=8,
        )
    ax.legend(loc="lower right", fontsize=8)
    return plots.label(
        ax, "Macro-regional organisations shared (count)", "UNGA voting agreement (Cohen's kappa)"
    )


def plot_fm_gaps(table: pd.DataFrame, ax: plt.Axes, decade: float = 10.0) -> plt.Axes:
    """Years since the previous five-state foreign ministers' meeting, at each meeting.

    Error bars span the shortest and longest gap the dates' precision allows; the dashed
    line marks a decade, the paper's "more than a decade".
    """
    shown = table.dropna(subset=["gap_years"]).reset_index(drop=True)
    low = shown["gap_years"] - shown["gap_min_years"]
    high = shown["gap_max_years"] - shown["gap_years"]
    colours = [plots.PALETTE[0] if year >= 2017 else plots.PALETTE[1] for year in shown["year"]]
    sns.barplot(
        x=shown["event_id"],
        y=shown["gap_years"],
        hue=shown["event_id"],
        palette=colours,
        legend=False,
        ax=ax,
    )
    ax.errorbar(
        range(len(shown)),
        shown["gap_years"],
        yerr=[low, high],
        fmt="none",
        ecolor="black",
        capsize=3,
    )
    ax.axhline(decade, color="black", linestyle="--", label=f"{decade:g} years")
    ax.tick_params(axis="x", rotation=45)
    ax.legend(
        handles=[
            *_legend_patches(["before 2017", "2017 on"], [plots.PALETTE[1], plots.PALETTE[0]]),
            *ax.get_legend_handles_labels()[0],
        ],
        loc="upper right",
        fontsize=8,
    )
    return plots.label(
        ax,
        "Foreign ministers' meeting (event id, in date order)",
        "Years since the previous meeting",
    )


#: Kinds of outcome document grouped for the figure (five readable colours).
KIND_GROUPS = {
    "joint_statement": "joint statement",
    "treaty": "treaty or agreement",
    "agreement": "treaty or agreement",
    "concept": "concept, programme, roadmap or plan",
    "programme": "concept, programme, roadmap or plan",
    "roadmap": "concept, programme, roadmap or plan",
    "action_plan": "concept, programme, roadmap or plan",
    "regulation": "regulation or decision",
    "decision": "regulation or decision",
    "appeal": "appeal or protocol",
    "protocol": "appeal or protocol",
}


def plot_documents(documents: pd.DataFrame, ax: plt.Axes) -> plt.Axes:
    """Outcome documents of each consultative meeting, stacked by (grouped) kind."""
    order = sorted(documents["event_id"].unique(), key=lambda e: int(e[2:]))
    groups = list(dict.fromkeys(KIND_GROUPS.values()))
    data = documents.assign(
        group=documents["kind"].map(KIND_GROUPS), position=documents["event_id"].map(order.index)
    )
    sns.histplot(
        data,
        x="position",
        hue="group",
        hue_order=groups,
        multiple="stack",
        discrete=True,
        shrink=0.8,
        palette=plots.PALETTE[: len(groups)],
        ax=ax,
    )
    ax.set_xticks(range(len(order)), order)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    sns.move_legend(ax, title="Kind of document", **_LEGEND_RIGHT)
    return plots.label(ax, "Consultative meeting", "Outcome documents (count)")


def plot_home_grown(organisations: pd.DataFrame, on: str, ax: plt.Axes) -> plt.Axes:
    """Life spans of the home-grown organisations, with the paper's date marked."""
    chosen = organisations[organisations["outside_founders"] == "none"].sort_values("start")
    end = pd.Timestamp("2025-12-31")
    for row, org in enumerate(chosen.itertuples()):
        stop = org.stop if pd.notna(org.stop) else end
        colour = plots.PALETTE[0] if org.kind == "organisation" else plots.GREY
        ax.plot([org.start, stop], [row, row], color=colour, linewidth=8, solid_capstyle="butt")
    ax.axvline(pd.Timestamp(on), color="black", linestyle="--", label=f"The paper's date ({on})")
    ax.set_yticks(range(len(chosen)), list(chosen["organisation"]))
    ax.set_ylim(len(chosen) - 0.5, -0.5)
    handles = _legend_patches(
        ["organisation", "treaty zone (no body)"], [plots.PALETTE[0], plots.GREY]
    )
    ax.legend(handles=[*handles, *ax.get_legend_handles_labels()[0]], loc="lower left", fontsize=8)
    return plots.label(ax, "Year", "Founded by Central Asian states only")


def _jitter(key: str) -> float:
    """A fixed pseudo-random number in [0, 1) for a pair key (deterministic horizontal jitter)."""
    return (sum((k + 1) * ord(c) for k, c in enumerate(key)) % 97) / 97


# --- cached inputs ------------------------------------------------------------------------


@cache
def c5_votes() -> pd.DataFrame:
    """UNGA votes of the five states with session and date (loaded once per process)."""
    votes = tables.votes_with_rollcalls(["session", "date"])
    return votes[votes["iso3"].isin(countries.C5)].reset_index(drop=True)


@cache
def pair_years(variant: str = "as_coded") -> pd.DataFrame:
    """C5 pairs x years 1992-2019: UNGA kappa and number of shared macro-regional tables.

    ``variant`` is the membership coding (:data:`VARIANTS`); the votes do not change.
    """
    votes = windows.window_votes(1992, 2019)
    votes = votes[votes["iso3"].isin(countries.C5)]
    kappa = windows.pair_agreement_by_year(votes, countries.C5, "kappa")
    kappa = kappa.rename(columns={"value": "kappa"})
    panel = membership_panel(load_memberships(variant=variant))
    shared = shared_memberships(panel, years=range(1992, 2020))
    return kappa.merge(shared, on=["a", "b", "year"], how="left")


# --- C1.19 and C3.24, from the inventory of the paper's claims (data/paper_claims.yml) ----


def succession_chain(organisations: pd.DataFrame, first: str = "CAU") -> pd.DataFrame:
    """The home-grown organisations that re-founded ``first`` in turn, in order.

    A link follows when a home-grown organisation (no outside founder) was founded the day
    its predecessor ended, as the CAU became the CAEC and the CAEC the CACO; the chain shows
    whether the 1990s regionalist project was one line of bodies, and when it ended.
    """
    home = organisations[
        (organisations["kind"] == "organisation") & (organisations["outside_founders"] == "none")
    ].set_index("organisation")
    if first not in home.index:
        raise ValueError(
            f"organisations.csv: {first!r} is not a home-grown organisation; "
            f"use one of {sorted(home.index)}"
        )
    chain = [first]
    while pd.notna(end := home.loc[chain[-1], "stop"]):
        successors = home.index[(home["start"] == end) & ~home.index.isin(chain)]
        if successors.empty:
            break
        chain.append(successors[0])
    table = home.loc[chain, ["name", "founded", "ended", "start", "stop"]].reset_index()
    return table.assign(year=table["start"].dt.year)


def outside_states(events: pd.DataFrame, series: str = "consultative_meeting") -> pd.DataFrame:
    """Per meeting of ``series``: the states other than the five among its guests.

    States are recognised by the ISO3 codes of UN members (``data/members.csv``) in the
    guests column; international officials (UN, WHO) carry no such code and do not count.
    """
    others = set(countries.load_members()["iso3"]) - set(countries.C5)
    chosen = events[events["series"] == series]
    found = (
        chosen["guests"]
        .fillna("")
        .map(
            lambda text: ", ".join(
                sorted({word.strip("(),;:.'") for word in text.split()} & others)
            )
        )
    )
    table = chosen[["event_id", "year"]].assign(outside_states=found, with_outside=found != "")
    return table.reset_index(drop=True)
