"""pandera schemas for every table the book reads, canonical and curated, in one place.

A table that breaks its schema stops the analysis with :class:`SchemaError`, whose message
names the table, the failing rule and the first offending rows, so that a bad file is fixed
at its source rather than patched downstream.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa

from caorder.errors import DataError

VOTE_CHOICES = ["yes", "no", "abstain", "absent"]
ISSUE_CODES = ["me", "nu", "di", "hr", "co", "ec"]
ISO3_PATTERN = r"^[A-Z]{3}$"


class SchemaError(DataError, ValueError):
    """A table does not have the shape the book relies on."""


#: How many broken rules a schema error lists (the first ones, by row).
PROBLEMS_SHOWN = 5


def _problems(cases: pd.DataFrame, row_name: str) -> list[str]:
    """One phrase per broken rule and row: column rules first, each row-wide rule once.

    A row-wide check (say "end_date not before start_date") is reported by pandera once per
    column of the failing row; it is named once, and not at all for a row that already breaks
    a column rule (an impossible date breaks the date rule of its column, and the comparison
    only because of it).
    """
    cases = cases.assign(
        wide=cases["schema_context"].astype(str).eq("DataFrameSchema")
        if "schema_context" in cases
        else False
    )
    cases = cases.sort_values(["wide", "index"], kind="stable", na_position="first")
    seen: set[tuple] = {("column rule", i) for i in cases.loc[~cases["wide"], "index"]}
    phrases = []
    for row in cases.itertuples(index=False):
        where = f"{row_name} {row.index}" if pd.notna(row.index) else "the table"
        key = (row.check, row.index) if row.wide else (row.column, row.check, row.index)
        if key in seen or (row.wide and ("column rule", row.index) in seen):
            continue
        seen.add(key)
        if row.wide:
            phrases.append(f"{where} breaks the rule '{row.check}'")
        else:
            phrases.append(
                f"{where}, column {row.column}: {row.failure_case!r} breaks the rule '{row.check}'"
            )
    return phrases


def validate(frame: pd.DataFrame, schema: pa.DataFrameSchema, what: str) -> pd.DataFrame:
    """Validate ``frame`` against ``schema``; raise :class:`SchemaError` naming ``what``.

    The message is one line: the table, how many rules are broken, the first few (row,
    column, value, rule) and what to do.
    """
    try:
        return schema.validate(frame, lazy=True)
    except (pa.errors.SchemaErrors, pa.errors.SchemaError) as err:
        cases = getattr(err, "failure_cases", None)
        if isinstance(cases, pd.DataFrame) and {"column", "check", "index"} <= set(cases):
            phrases = _problems(cases, "line" if frame.index.name == "line" else "row")
            detail = "; ".join(phrases[:PROBLEMS_SHOWN])
            more = len(phrases) - PROBLEMS_SHOWN
            detail += f"; and {more} more" if more > 0 else ""
        else:
            detail = " ".join(str(err).split())
        raise SchemaError(
            f"{what} does not match its schema ({schema.name}): {detail}. Fix the file "
            "(or delete the cached copy in .cache/ so it is rebuilt)."
        ) from None


ROLLCALLS = pa.DataFrameSchema(
    name="rollcalls",
    columns={
        "rcid": pa.Column(int, unique=True),
        "session": pa.Column(int, pa.Check.in_range(1, 100)),
        "date": pa.Column("datetime64[ns]"),
        "unres": pa.Column(str, nullable=True),
        "short": pa.Column(str, nullable=True),
        "descr": pa.Column(str, nullable=True),
        **{code: pa.Column(bool) for code in ISSUE_CODES},
        "amend": pa.Column(bool),
        "para": pa.Column(bool),
        "important": pa.Column(bool),
    },
    strict=True,
)

DUPLICATE_ROLLCALLS = pa.DataFrameSchema(
    name="duplicate_rollcalls",
    columns={
        "kept_rcid": pa.Column(int),
        "dropped_rcid": pa.Column(int, unique=True),
        "unres": pa.Column(str),
        "date": pa.Column("datetime64[ns]"),
    },
    checks=[pa.Check(lambda df: df["kept_rcid"] < df["dropped_rcid"], error="keep the lower")],
    strict=True,
)

VOTES = pa.DataFrameSchema(
    name="votes",
    columns={
        "rcid": pa.Column(int),
        "iso3": pa.Column(str, pa.Check.str_matches(ISO3_PATTERN)),
        "vote": pa.Column(pd.CategoricalDtype(VOTE_CHOICES)),
    },
    unique=["rcid", "iso3"],
    strict=True,
)

IDEAL_POINTS = pa.DataFrameSchema(
    name="ideal_points",
    columns={
        "iso3": pa.Column(str, pa.Check.str_matches(ISO3_PATTERN)),
        "year": pa.Column(int, pa.Check.in_range(1946, 2100)),
        "ideal_point": pa.Column(float, nullable=True),
        "ideal_point_q05": pa.Column(float, nullable=True),
        "ideal_point_q95": pa.Column(float, nullable=True),
        "ideal_point_all": pa.Column(float, nullable=True),
        "ideal_point_legacy": pa.Column(float, nullable=True),
        "n_votes": pa.Column(float, nullable=True),
        "ccode": pa.Column(int),
    },
    unique=["iso3", "year"],
    strict=True,
)

MEMBERS = pa.DataFrameSchema(
    name="members",
    columns={
        "iso3": pa.Column(str, pa.Check.str_matches(ISO3_PATTERN)),
        "name": pa.Column(str),
        "unvotes_name": pa.Column(str),
        "member_from": pa.Column("datetime64[ns]"),
        "member_to": pa.Column("datetime64[ns]", nullable=True),
        "status": pa.Column(str, pa.Check.isin(["current", "former"])),
        "source": pa.Column(str, pa.Check.str_length(min_value=5)),
        "notes": pa.Column(str, nullable=True),
    },
    checks=[
        pa.Check(
            lambda df: df["member_to"].isna() | (df["member_to"] >= df["member_from"]),
            error="member_to must not be before member_from",
        ),
        pa.Check(
            lambda df: (df["status"] == "current") == df["member_to"].isna(),
            error="current rows have no member_to; former rows must have one",
        ),
    ],
    strict=True,
)

STATE_CODES = pa.DataFrameSchema(
    name="state_codes",
    columns={
        "iso3": pa.Column(str, pa.Check.str_matches(ISO3_PATTERN)),
        "name": pa.Column(str),
        "cow_code": pa.Column("Int64", pa.Check.in_range(1, 999)),
        "cow_abb": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{3}$")),
        "cow_name": pa.Column(str),
        "gw_code": pa.Column("Int64", pa.Check.in_range(1, 999), nullable=True),
        "gw_name": pa.Column(str, nullable=True),
        "source": pa.Column(str, pa.Check.str_length(min_value=5)),
    },
    strict=True,
)


# --- economies, regimes and the pandemic (caorder.economies, caorder.regimes, caorder.pandemic)

#: World Bank series from datahub (GDP in current US$, population): one row per code and year;
#: codes include the Bank's aggregates (regions, income groups), which the loaders keep.
WB_SERIES = pa.DataFrameSchema(
    name="wb_series",
    columns={
        "code": pa.Column(str, pa.Check.str_matches(r"^[A-Z0-9]{3}$")),
        "country": pa.Column(str),
        "year": pa.Column(int, pa.Check.in_range(1960, 2100)),
        "value": pa.Column(float, pa.Check.ge(0)),
    },
    unique=["code", "year"],
    strict=True,
)

#: Fariss et al. (2022) estimates per COW state-year (isard's cw_gdppop), with their
#: standard deviations.
FARISS_GDPPOP = pa.DataFrameSchema(
    name="fariss_gdppop",
    columns={
        "ccode": pa.Column(int, pa.Check.in_range(1, 999)),
        "year": pa.Column(int, pa.Check.in_range(1816, 2100)),
        **{
            name: pa.Column(float, pa.Check.ge(0), nullable=True)
            for name in ("mrgdppc", "sd_mrgdppc", "pwtrgdp", "sd_pwtrgdp", "pwtpop", "sd_pwtpop")
        },
    },
    unique=["ccode", "year"],
    strict=True,
)

#: The V-Dem v12 indices the book reads from the demspaces state-year file (GW codes).
VDEM_STATES = pa.DataFrameSchema(
    name="vdem_states",
    columns={
        "gwcode": pa.Column(int, pa.Check.in_range(1, 999)),
        "year": pa.Column(int, pa.Check.in_range(1900, 2100)),
        "v2x_neopat": pa.Column(float, pa.Check.in_range(0, 1), nullable=True),
        "v2x_polyarchy": pa.Column(float, pa.Check.in_range(0, 1), nullable=True),
    },
    unique=["gwcode", "year"],
    strict=True,
)

#: An OxCGRT daily index, national rows, long: one row per state and day (0-100).
OXCGRT_INDEX = pa.DataFrameSchema(
    name="oxcgrt_index",
    columns={
        "code": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{3}$")),
        "country": pa.Column(str),
        "date": pa.Column("datetime64[ns]"),
        "value": pa.Column(float, pa.Check.in_range(0, 100), nullable=True),
    },
    unique=["code", "date"],
    strict=True,
)


# --- curated UN General Assembly votes (data/unga_resolutions.csv, data/unga_recorded_votes.csv)
# Kept apart from the schemas above: these two tables are written by this project, one row per
# resolution and one per (resolution, state), each with its public source.

CONFIDENCE_LEVELS = ["high", "medium", "low"]
UNGA_SYMBOL_PATTERN = r"^A/RES/(ES-\d+/\d+|\d+/\d+)$"
_URL_LIST = r"^https?://\S+( ; https?://\S+)*$"

UNGA_RESOLUTIONS = pa.DataFrameSchema(
    name="unga_resolutions",
    columns={
        "symbol": pa.Column(str, pa.Check.str_matches(UNGA_SYMBOL_PATTERN), unique=True),
        "date": pa.Column(
            "datetime64[ns]",
            pa.Check.in_range(pd.Timestamp("1946-01-01"), pd.Timestamp("2025-12-31")),
        ),
        "title": pa.Column(str, pa.Check.str_length(min_value=5)),
        "collection": pa.Column(
            str, pa.Check.isin(["ukraine-2022", "territorial-2006-2019", "territorial-2020-2025"])
        ),
        "target": pa.Column(str, pa.Check.isin(["Ukraine", "Georgia", "Moldova", "Azerbaijan"])),
        "recorded_vote": pa.Column(bool),
        **{
            c: pa.Column("Int64", pa.Check.in_range(0, 193), nullable=True)
            for c in ("yes", "no", "abstain", "non_voting")
        },
        "undl_record": pa.Column("Int64", pa.Check.gt(0), nullable=True),
        "symbol_confirmed": pa.Column(bool),
        "full_roll_call": pa.Column(bool),
        "source": pa.Column(str, pa.Check.str_matches(_URL_LIST)),
    },
    checks=[
        pa.Check(
            lambda df: df["recorded_vote"] | df[["yes", "no", "abstain"]].isna().all(axis=1),
            error="a resolution adopted without a vote has no vote totals",
        ),
        pa.Check(
            lambda df: ~df["full_roll_call"] | df["recorded_vote"],
            error="a full roll call needs a recorded vote",
        ),
    ],
    strict=True,
)

UNGA_RECORDED_VOTES = pa.DataFrameSchema(
    name="unga_recorded_votes",
    columns={
        "symbol": pa.Column(str, pa.Check.str_matches(UNGA_SYMBOL_PATTERN)),
        "date": pa.Column("datetime64[ns]"),
        "iso3": pa.Column(str, pa.Check.str_matches(ISO3_PATTERN)),
        "vote": pa.Column(str, pa.Check.isin(VOTE_CHOICES)),
        "confidence": pa.Column(str, pa.Check.isin(CONFIDENCE_LEVELS)),
        "source": pa.Column(str, pa.Check.str_matches(_URL_LIST)),
    },
    unique=["symbol", "iso3"],
    strict=True,
)


# --- curated summits, memberships, organisations and outcome documents (data/) ---------
# Read by caorder.summits. Dates may be partial (YYYY, YYYY-MM or YYYY-MM-DD).

# vocabularies ------------------------------------------------------------------------

C5_ONLY_SERIES = (
    "consultative_meeting",
    "c5_fm_meeting",
    "regional_org_summit",
    "other_c5_leaders_meeting",
)
C5PLUS_SERIES = ("c5plus_summit", "c5plus_ministerial")
SERIES = C5_ONLY_SERIES + C5PLUS_SERIES
SERIES_LABELS = {
    "consultative_meeting": "Consultative meeting (heads of state)",
    "c5_fm_meeting": "Foreign ministers' meeting",
    "regional_org_summit": "Regional body summit (CAU/CAEC/CACO)",
    "other_c5_leaders_meeting": "Other five-leader meeting",
    "c5plus_summit": "C5+X summit",
    "c5plus_ministerial": "C5+X ministerial",
}
#: Levels of representation, highest first (the order used in tables and figures).
LEVELS = (
    "head_of_state",
    "former_head_of_state",
    "head_of_government",
    "speaker",
    "deputy_head_of_government",
    "foreign_minister",
    "deputy_foreign_minister",
    "other_official",
    "absent",
    "unknown",
)
NOT_PRESENT = ("absent", "unknown")
#: The level a full delegation is expected to send to each series.
EXPECTED_LEVEL = {
    "consultative_meeting": "head_of_state",
    "regional_org_summit": "head_of_state",
    "other_c5_leaders_meeting": "head_of_state",
    "c5plus_summit": "head_of_state",
    "c5_fm_meeting": "foreign_minister",
    "c5plus_ministerial": "foreign_minister",
}
PRECISIONS = ("day", "month", "year")
CONFIDENCE = ("high", "medium", "low")
ORGANISATIONS = (
    "UN",
    "OSCE",
    "CIS",
    "CST",
    "CSTO",
    "SCO",
    "EURASEC",
    "EAEU",
    "OTS",
    "ECO",
    "OIC",
    "IFAS",
    "CANWFZ",
    "CAU",
    "CAEC",
    "CACO",
)
STATUSES = ("member", "associate", "observer", "suspended", "party", "signatory")
#: Statuses that give a seat at an organisation's table: members, treaty parties, and
#: associates (Turkmenistan has attended CIS summits as an associate since 2005). Observers,
#: signatories and suspended members do not take part in decisions.
AT_THE_TABLE = ("member", "party", "associate")
#: The macro-regional "tables" of claim C3.9; predecessors are folded into their successor
#: (the 1992 Collective Security Treaty into the CSTO, EurAsEC into the EAEU).
ORG_FAMILIES = {
    "CIS": "CIS",
    "CST": "CST/CSTO",
    "CSTO": "CST/CSTO",
    "EURASEC": "EurAsEC/EAEU",
    "EAEU": "EurAsEC/EAEU",
    "SCO": "SCO",
    "OTS": "OTS",
}
FAMILIES = ("CIS", "CST/CSTO", "EurAsEC/EAEU", "SCO", "OTS")
#: The other organisations of the membership table, grouped the same way for figures only
#: (they do not enter C3.9's count of macro-regional tables).
OTHER_TABLES = {
    "UN": "UN",
    "OSCE": "OSCE",
    "OIC": "OIC",
    "ECO": "ECO",
    "IFAS": "IFAS",
    "CAU": "CAU/CAEC/CACO",
    "CAEC": "CAU/CAEC/CACO",
    "CACO": "CAU/CAEC/CACO",
    "CANWFZ": "CANWFZ",
}
OTHER_FAMILIES = ("OSCE", "OIC", "ECO", "IFAS", "CAU/CAEC/CACO", "CANWFZ")

# --- schemas ----------------------------------------------------------------------------

_PARTIAL_DATE = r"\d{4}(-\d{2}(-\d{2})?)?"
_URL_LIST = r"\s*https?://\S+(\s+https?://\S+)*\s*"
_PRECISION_LENGTH = {"day": 10, "month": 7, "year": 4}


def partial_dates(values: pd.Series) -> pd.Series:
    """Timestamps for ISO dates of reduced precision (NaT where blank or invalid).

    ``YYYY-MM-DD`` is that day; ``YYYY-MM`` the 15th of the month and ``YYYY`` 1 July, i.e.
    the middle of the period, so that a date known only to the month or year is placed
    where it is least wrong on average.
    """
    text = values.astype("string")
    text = text.where(~text.str.fullmatch(r"\d{4}").fillna(False), text + "-07-01")
    text = text.where(~text.str.fullmatch(r"\d{4}-\d{2}").fillna(False), text + "-15")
    return pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")


def _valid_partial_date(values: pd.Series) -> pd.Series:
    return values.str.fullmatch(_PARTIAL_DATE) & partial_dates(values).notna()


def _date_check() -> pa.Check:
    return pa.Check(_valid_partial_date, error="valid date as YYYY, YYYY-MM or YYYY-MM-DD")


def _urls_check() -> pa.Check:
    return pa.Check.str_matches(
        f"^{_URL_LIST}$", error="at least one http(s) source URL, space-separated"
    )


def _not_before(frame: pd.DataFrame, later: str, earlier: str) -> pd.Series:
    """True where ``later`` is blank or not before ``earlier`` (compared at common precision)."""
    width = np.minimum(frame[later].str.len().fillna(10), frame[earlier].str.len().fillna(10))
    ok = [
        (pd.isna(a) or pd.isna(b) or str(a)[: int(n)] >= str(b)[: int(n)])
        for a, b, n in zip(frame[later], frame[earlier], width, strict=True)
    ]
    return pd.Series(ok, index=frame.index)


def _one_of(column: str, values: tuple[str, ...], nullable: bool = False) -> pa.Column:
    """A text column restricted to ``values`` (the error names the column and the choices)."""
    return pa.Column(
        str, pa.Check.isin(values, error=f"{column} one of {values}"), nullable=nullable
    )


def _matching(pattern: str, rule: str, nullable: bool = False) -> pa.Column:
    """A text column whose every value matches ``pattern`` (the error states ``rule``)."""
    return pa.Column(str, pa.Check.str_matches(pattern, error=rule), nullable=nullable)


_ALTERNATIVE = r"^(drop|[A-Za-z_]+=[^;=]+(;[A-Za-z_]+=[^;=]+)*)$"


def _alternative_column() -> pa.Column:
    """``drop`` or ``column=value;...``: the coding if a disputed point goes the other way."""
    return _matching(
        _ALTERNATIVE, "disputed_alternative is 'drop' or 'column=value;...'", nullable=True
    )


def event_schema(name: str, held: bool, states: tuple[str, ...]) -> pa.DataFrameSchema:
    """Schema shared by summits.csv (``held``) and summits_not_held.csv (levels may be blank).

    ``states`` are the five (``caorder.countries.C5``), one level column each; they are
    passed in because the countries module itself reads its tables through this module.
    """
    optional_text = pa.Column(str, nullable=True)
    return pa.DataFrameSchema(
        name=name,
        columns={
            "event_id": pa.Column(str, unique=True),
            "series": _one_of("series", SERIES),
            "partner": optional_text,
            "ordinal": _matching(r"^\d+$", "ordinal is a whole number", nullable=True),
            "start_date": pa.Column(str, _date_check()),
            "end_date": pa.Column(str, _date_check(), nullable=True),
            "date_precision": _one_of("date_precision", PRECISIONS),
            "city": optional_text,
            "host": _matching(ISO3_PATTERN, "host is an ISO3 code", nullable=True),
            **{state: _one_of("level", LEVELS, nullable=not held) for state in states},
            "guests": optional_text,
            "outcome_documents": optional_text,
            "source_urls": pa.Column(str, _urls_check()),
            "confidence": _one_of("confidence", CONFIDENCE),
            "disputed_alternative": _alternative_column(),
            "notes": optional_text,
        },
        checks=[
            pa.Check(
                lambda df: (
                    df["start_date"].str.len() == df["date_precision"].map(_PRECISION_LENGTH)
                ),
                error="start_date has the form its date_precision says "
                "(day YYYY-MM-DD, month YYYY-MM, year YYYY)",
            ),
            pa.Check(
                lambda df: _not_before(df, "end_date", "start_date"),
                error="end_date not before start_date",
            ),
            pa.Check(
                lambda df: ~df["series"].isin(C5PLUS_SERIES) | df["partner"].notna(),
                error="C5+X rows name their partner",
            ),
        ],
        strict=True,
    )


MEMBERSHIPS = pa.DataFrameSchema(
    name="memberships",
    columns={
        "iso3": _matching(ISO3_PATTERN, "iso3 is a three-letter ISO3 code"),
        "organisation": _one_of("organisation", ORGANISATIONS),
        "status": _one_of("status", STATUSES),
        "joined": pa.Column(str, _date_check()),
        "left": pa.Column(str, _date_check(), nullable=True),
        "source_urls": pa.Column(str, _urls_check()),
        "confidence": _one_of("confidence", CONFIDENCE),
        "disputed_alternative": _alternative_column(),
        "notes": pa.Column(str, nullable=True),
    },
    checks=[pa.Check(lambda df: _not_before(df, "left", "joined"), error="left not before joined")],
    strict=True,
)


DOCUMENT_KINDS = (
    "joint_statement",
    "treaty",
    "agreement",
    "concept",
    "programme",
    "roadmap",
    "regulation",
    "decision",
    "appeal",
    "action_plan",
    "protocol",
)
BODIES = ("none", "intergovernmental", "supranational", "regional_organisation")
CONSULTATIVE_DOCUMENTS = pa.DataFrameSchema(
    name="consultative_documents",
    columns={
        "event_id": _matching(r"^CM\d+$", "event_id is a consultative meeting (CM<n>)"),
        "document": pa.Column(str),
        "kind": _one_of("kind", DOCUMENT_KINDS),
        "integration_instrument": _one_of("integration_instrument", ("yes", "no")),
        "creates_body": _one_of("creates_body", BODIES),
        "integration_aim": _one_of("integration_aim", ("yes", "not_found")),
        "text_read": _one_of("text_read", ("none", "title", "summary", "opening", "full")),
        "phrase": pa.Column(str, nullable=True),
        "source_urls": pa.Column(str, _urls_check()),
        "confidence": _one_of("confidence", CONFIDENCE),
        "notes": pa.Column(str, nullable=True),
    },
    unique=["event_id", "document"],
    strict=True,
)

ORGANISATIONS_TABLE = pa.DataFrameSchema(
    name="organisations",
    columns={
        "organisation": _one_of("organisation", ORGANISATIONS),
        "name": pa.Column(str),
        "kind": _one_of("kind", ("organisation", "treaty")),
        "founded": pa.Column(str, _date_check()),
        "ended": pa.Column(str, _date_check(), nullable=True),
        "outside_founders": _matching(
            r"^(none|many|[A-Z]{3}(;[A-Z]{3})*)$",
            "outside_founders is none, many or ISO3 codes joined by ';'",
        ),
        "source_urls": pa.Column(str, _urls_check()),
        "notes": pa.Column(str, nullable=True),
    },
    unique=["organisation"],
    strict=True,
)


# --- the votes after 2019 (caorder.extension) ----------------------------------------


def extension_rollcalls(sources: list[str]) -> pa.DataFrameSchema:
    """Roll calls of the votes after 2019, one row per roll call with its ``source``."""
    return pa.DataFrameSchema(
        name="extension_rollcalls",
        columns={
            "rcid": pa.Column(int, unique=True),
            "date": pa.Column("datetime64[ns]"),
            "year": pa.Column(int, pa.Check.in_range(1946, 2100)),
            "session": pa.Column("Int64", pa.Check.in_range(1, 200), nullable=True),
            "symbol": pa.Column(object, nullable=True),
            "title": pa.Column(object, nullable=True),
            "source": pa.Column(str, pa.Check.isin(sources)),
            "also_in": pa.Column(object, nullable=True),
        },
        strict=True,
    )


# --- the peacesciencer files: conflict, alliances, IGOs, rivalries, leaders (caorder.peace) ---
# Each schema checks the columns the book reads, after the loader has cast them (the R files
# store every number as a double). Codes are COW numbers, except UCDP and Archigos (GW).

_STATE_CODE = pa.Check.in_range(2, 999)
_YEAR = pa.Check.in_range(1815, 2030)


def _code(nullable: bool = False) -> pa.Column:
    return pa.Column(int if not nullable else "Int64", _STATE_CODE, nullable=nullable)


def _flag() -> pa.Column:
    return pa.Column(int, pa.Check.isin([0, 1]))


UCDP_TYPES = ("extrasystemic", "interstate", "intrastate", "II")
UCDP_ACD = pa.DataFrameSchema(
    name="ucdp_acd",
    columns={
        "conflict_id": pa.Column(int),
        "year": pa.Column(int, pa.Check.in_range(1946, 2030)),
        "gwno_a": _code(),
        "gwno_b": _code(nullable=True),
        "gwno_a_2nd": _code(nullable=True),
        "gwno_b_2nd": _code(nullable=True),
        "incompatibility": pa.Column(str, pa.Check.isin(["territory", "government", "both"])),
        "intensity_level": pa.Column(int, pa.Check.isin([1, 2])),
        "type_of_conflict": pa.Column(str, pa.Check.isin(UCDP_TYPES)),
        "start_date": pa.Column("datetime64[ns]"),
        "start_date2": pa.Column("datetime64[ns]"),
        "ep_end_date": pa.Column("datetime64[ns]", nullable=True),
    },
    strict=True,
)

COW_MID_DISPUTES = pa.DataFrameSchema(
    name="cow_mid_disps",
    columns={
        "dispnum": pa.Column(int, unique=True),
        "styear": pa.Column(int, _YEAR),
        "stmon": pa.Column(int, pa.Check.in_range(1, 12)),
        "outcome": pa.Column(int, pa.Check.in_range(-9, 9)),
        "settle": pa.Column(int, pa.Check.in_range(-9, 4)),
        "fatality": pa.Column(int, pa.Check.in_range(-9, 6)),
        "mindur": pa.Column(int, pa.Check.ge(0)),
        "maxdur": pa.Column(int, pa.Check.ge(0)),
        "hiact": pa.Column(int, pa.Check.in_range(0, 23)),
        "hostlev": pa.Column(int, pa.Check.in_range(1, 5)),
        "recip": _flag(),
    },
    strict=True,
)

#: One row per dispute, pair of states and year (either order kept as in the source).
MID_DYAD_YEARS = pa.DataFrameSchema(
    name="mid_dyad_years",
    columns={
        "dispnum": pa.Column(int),
        "ccode1": _code(),
        "ccode2": _code(),
        "year": pa.Column(int, _YEAR),
        "onset": _flag(),
        "fatality": pa.Column(int, pa.Check.in_range(-9, 6)),
        "hostlev": pa.Column(int, pa.Check.in_range(1, 5)),
        "territorial": pa.Column("Int64", pa.Check.isin([0, 1]), nullable=True),
    },
    checks=pa.Check(lambda f: f["ccode1"] != f["ccode2"], error="a state in dispute with itself"),
    unique=["dispnum", "ccode1", "ccode2", "year"],
    strict=True,
)

ATOP_DYAD_YEARS = pa.DataFrameSchema(
    name="atop_alliance",
    columns={
        "ccode1": _code(),
        "ccode2": _code(),
        "year": pa.Column(int, _YEAR),
        **{
            f"atop_{kind}": _flag()
            for kind in ("defense", "offense", "neutral", "nonagg", "consul")
        },
    },
    unique=["ccode1", "ccode2", "year"],
    strict=True,
)

IGO_DYAD_YEARS = pa.DataFrameSchema(
    name="cow_igo_ndy",
    columns={
        "ccode1": _code(),
        "ccode2": _code(),
        "year": pa.Column(int, _YEAR),
        "dyadigos": pa.Column(int, pa.Check.ge(0)),
    },
    checks=pa.Check(lambda f: f["ccode1"] < f["ccode2"], error="pairs listed once, low code first"),
    unique=["ccode1", "ccode2", "year"],
    strict=True,
)

IGO_STATE_YEARS = pa.DataFrameSchema(
    name="cow_igo_sy",
    columns={
        "ccode": _code(),
        "year": pa.Column(int, _YEAR),
        **{
            f"sum_igo_{kind}": pa.Column(int, pa.Check.ge(0))
            for kind in ("full", "associate", "observer", "anytype")
        },
    },
    unique=["ccode", "year"],
    strict=True,
)

RIVALRIES = pa.DataFrameSchema(
    name="td_rivalries",
    columns={
        "rivalryno": pa.Column(int, unique=True),
        "rivalryname": pa.Column(str),
        "ccode1": _code(),
        "ccode2": _code(),
        "styear": pa.Column(int, pa.Check.in_range(1400, 2030)),
        "endyear": pa.Column(int, pa.Check.in_range(1400, 2030)),
        "type1": pa.Column(
            str, pa.Check.isin(["spatial", "positional", "ideological", "interventionary"])
        ),
    },
    strict=True,
)

TERRITORIAL_THREAT = pa.DataFrameSchema(
    name="terrthreat",
    columns={
        "ccode": _code(),
        "year": pa.Column(int, pa.Check.in_range(1816, 2010)),
        "lterrthreat": pa.Column(float),
        "lwr": pa.Column(float),
        "upr": pa.Column(float),
    },
    checks=pa.Check(
        lambda f: (f["lwr"] <= f["lterrthreat"]) & (f["lterrthreat"] <= f["upr"]),
        error="estimate outside its interval",
    ),
    unique=["ccode", "year"],
    strict=True,
)

CONTIGUITY = pa.DataFrameSchema(
    name="cow_contdir",
    columns={
        "ccode1": _code(),
        "ccode2": _code(),
        "conttype": pa.Column(int, pa.Check.in_range(0, 5)),
        "first_year": pa.Column(int, _YEAR),
        "last_year": pa.Column(int, _YEAR),
    },
    unique=["ccode1", "ccode2", "conttype", "first_year"],
    strict=True,
)

COW_STATES = pa.DataFrameSchema(
    name="cow_states",
    columns={
        "ccode": _code(),
        "stateabb": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{3}$")),
        "styear": pa.Column(int, _YEAR),
        "endyear": pa.Column(int, _YEAR),
    },
    checks=pa.Check(lambda f: f["styear"] <= f["endyear"], error="spell ends before it starts"),
    strict=True,
)

ARCHIGOS_EXITS = (
    "Regular",
    "Irregular",
    "Natural Death",
    "Still in Office",
    "Foreign",
    "Retired Due to Ill Health",
    "Suicide",
    "Unknown",
)
ARCHIGOS = pa.DataFrameSchema(
    name="archigos",
    columns={
        "obsid": pa.Column(str, unique=True),
        "gwcode": _code(),
        "leader": pa.Column(str),
        "startdate": pa.Column("datetime64[ns]"),
        "enddate": pa.Column("datetime64[ns]"),
        "entry": pa.Column(str),
        "exit": pa.Column(str, pa.Check.isin(ARCHIGOS_EXITS)),
        "exitcode": pa.Column(str),
    },
    checks=pa.Check(lambda f: f["startdate"] <= f["enddate"], error="tenure ends before it starts"),
    strict=True,
)
