"""pandera schemas for every table the book reads.

A table that breaks its schema stops the analysis with :class:`SchemaError`, whose message
names the table, the failing rule and the first offending rows, so that a bad file is fixed
at its source rather than patched downstream.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from caorder.errors import DataError

VOTE_CHOICES = ["yes", "no", "abstain", "absent"]
ISSUE_CODES = ["me", "nu", "di", "hr", "co", "ec"]
ISO3_PATTERN = r"^[A-Z]{3}$"


class SchemaError(DataError, ValueError):
    """A table does not have the shape the book relies on."""


def validate(frame: pd.DataFrame, schema: pa.DataFrameSchema, what: str) -> pd.DataFrame:
    """Validate ``frame`` against ``schema``; raise :class:`SchemaError` naming ``what``."""
    try:
        return schema.validate(frame, lazy=True)
    except (pa.errors.SchemaErrors, pa.errors.SchemaError) as err:
        cases = getattr(err, "failure_cases", None)
        detail = (
            cases[["column", "check", "failure_case", "index"]].head(8).to_string(index=False)
            if cases is not None
            else str(err)
        )
        raise SchemaError(
            f"{what} does not match its schema ({schema.name}). First problems:\n{detail}\n"
            "Fix the file (or delete the cached copy in .cache/ so it is rebuilt)."
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
        "collection": pa.Column(str, pa.Check.isin(["ukraine-2022", "territorial-2006-2019"])),
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
