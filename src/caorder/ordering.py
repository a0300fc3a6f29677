"""Orderings of computed numbers that come out the same on every machine.

Two floats that are equal in exact arithmetic can differ in their last bit from one CPU,
BLAS build or summation order to another (``4.4237285928468365e-06`` against
``4.423728592846845e-06``). Sorting, ranking or picking the largest on such raw values lets
that noise decide the order, so a table or a "closest power" changes between machines.

Every ordering of computed numbers in the package goes through this module instead: values
are rounded first — to the precision the book shows (:data:`SHOWN`) for what readers see
ordered, or to :data:`DECIDE` decimals (far finer than anything shown, far coarser than float
noise) for choices that feed evidence — and a label breaks what is left tied. Where a
"best" is asked for and several labels tie exactly, all of them are named (``"CHN=RUS"``):
an exact tie is reported as a tie, never settled by whichever came first.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

#: Decimals of the measures the book shows (agreement, kappa, shares): display orderings.
SHOWN = 3
#: Decimals at which choices that feed evidence compare computed floats.
DECIDE = 9
#: How tied labels are joined when a best is asked for (``"CHN=RUS"``).
TIE = "="


def stable(values: pd.Series | np.ndarray | float, digits: int = DECIDE):
    """``values`` rounded to ``digits`` decimals, with -0.0 made 0.0 (what orderings compare)."""
    return np.round(values, digits) + 0.0


def sort_by(
    frame: pd.DataFrame,
    values: str | Sequence[str],
    labels: str | Sequence[str],
    digits: int = SHOWN,
    ascending: bool | Sequence[bool] = True,
) -> pd.DataFrame:
    """``frame`` sorted on its ``values`` columns rounded to ``digits``, then on ``labels``.

    ``ascending`` applies to the value columns (one flag, or one per column); labels always
    sort ascending, so ties fall in alphabetical order. The values themselves are unchanged.
    """
    values = [values] if isinstance(values, str) else list(values)
    labels = [labels] if isinstance(labels, str) else list(labels)
    flags = [ascending] * len(values) if isinstance(ascending, bool) else list(ascending)
    keys = {f"__key{k}": stable(frame[v].astype(float), digits) for k, v in enumerate(values)}
    order = (
        frame.assign(**keys)
        .sort_values([*keys, *labels], ascending=[*flags, *[True] * len(labels)], kind="stable")
        .index
    )
    return frame.loc[order]


def rank(series: pd.Series, digits: int = SHOWN, ascending: bool = False) -> pd.Series:
    """Ranks (1 = first) on values rounded to ``digits``; values that tie share the best rank."""
    return stable(series.astype(float), digits).rank(ascending=ascending, method="min")


def best(row: pd.Series, digits: int = DECIDE, highest: bool = True) -> str | float:
    """The label of the largest (or smallest) value of ``row``; exact ties joined by :data:`TIE`.

    NaN values are ignored; a row of NaN only has no best (NaN is returned).
    """
    values = stable(row.dropna().astype(float), digits)
    if values.empty:
        return np.nan
    target = values.max() if highest else values.min()
    return TIE.join(sorted(str(label) for label in values.index[values == target]))


def best_per_row(frame: pd.DataFrame, digits: int = DECIDE, highest: bool = True) -> pd.Series:
    """:func:`best` of every row of ``frame`` (column labels are the candidates)."""
    return frame.apply(best, axis=1, digits=digits, highest=highest)


def best_in_groups(
    frame: pd.DataFrame, by: str, value: str, label: str, digits: int = DECIDE, highest=False
) -> pd.DataFrame:
    """Per ``by`` group, the row with the lowest (or highest) ``value``; ties named together.

    Returns one row per group (indexed by ``by``) with ``value`` and ``label``; where several
    rows tie exactly, ``label`` names all of them joined by :data:`TIE`.
    """
    rows = {}
    for group, part in frame.groupby(by, sort=True):
        chosen = best(part.set_index(label)[value], digits=digits, highest=highest)
        first = part[part[label] == chosen.split(TIE)[0]].iloc[0]
        rows[group] = {**first.drop(by).to_dict(), label: chosen}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis(by)
