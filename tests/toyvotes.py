"""Hand-made data for the tests: votes ``{state: [vote per roll call]}`` in the long format, and
the toy claim's rule that the register checks and the contributing recipe plant."""

from __future__ import annotations

import pandas as pd

from caorder.verdicts.core import CONTRADICTS, MIXED, SUPPORTS


def long_votes(table: dict[str, list[str]], year: int | None = None) -> pd.DataFrame:
    """Long votes (rcid, iso3, vote, and ``year`` when given) from one column per state."""
    rows = [
        {"rcid": rcid, "iso3": state, "vote": vote}
        for state, column in table.items()
        for rcid, vote in enumerate(column, start=1)
    ]
    frame = pd.DataFrame(rows)
    return frame if year is None else frame.assign(year=year)


def toy_share_rule(evidence: dict, thresholds: dict) -> str:
    """The toy claim's pure rule: supports above ``supports_above``, contradicts below
    ``contradicts_below``, mixed otherwise (what a ``verdicts/chN.py`` rule looks like)."""
    if evidence["fraction"] > thresholds["supports_above"]:
        return SUPPORTS
    return CONTRADICTS if evidence["fraction"] < thresholds["contradicts_below"] else MIXED
