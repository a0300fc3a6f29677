"""Hand-made votes for the tests: ``{state: [vote per roll call]}`` in the long format."""

from __future__ import annotations

import pandas as pd


def long_votes(table: dict[str, list[str]], year: int | None = None) -> pd.DataFrame:
    """Long votes (rcid, iso3, vote, and ``year`` when given) from one column per state."""
    rows = [
        {"rcid": rcid, "iso3": state, "vote": vote}
        for state, column in table.items()
        for rcid, vote in enumerate(column, start=1)
    ]
    frame = pd.DataFrame(rows)
    return frame if year is None else frame.assign(year=year)
