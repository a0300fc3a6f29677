"""Orderings of computed floats do not depend on last-bit noise (caorder.ordering)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from caorder import ordering
from caorder.verdicts import show
from caorder.verdicts.core import Result, Spec, SpecResult

# Equal in exact arithmetic, different in the last bit (seen on two machines for C4.1).
A, B = 4.4237285928468365e-06, 4.423728592846845e-06


def test_the_planted_values_really_differ():
    assert A != B and np.isclose(A, B, rtol=0, atol=1e-18)


@pytest.mark.parametrize("first, second", [(A, B), (B, A)])
def test_sort_by_breaks_noise_ties_on_the_label(first, second):
    frame = pd.DataFrame({"value": [first, second, 0.5], "label": ["pabak", "agreement", "z"]})
    ordered = ordering.sort_by(frame, "value", "label")
    assert ordered["label"].tolist() == ["agreement", "pabak", "z"]
    descending = ordering.sort_by(frame, "value", "label", ascending=False)
    assert descending["label"].tolist() == ["z", "agreement", "pabak"]


def test_sort_by_keeps_the_values_unrounded():
    frame = pd.DataFrame({"value": [A], "label": ["x"]})
    assert ordering.sort_by(frame, "value", "label")["value"].iloc[0] == A


def test_sort_by_still_orders_values_that_differ_at_the_shown_precision():
    frame = pd.DataFrame({"value": [0.502, 0.501], "label": ["a", "b"]})
    assert ordering.sort_by(frame, "value", "label")["label"].tolist() == ["b", "a"]


@pytest.mark.parametrize("first, second", [(0.1 + 0.2, 0.3), (0.3, 0.1 + 0.2)])
def test_best_names_an_exact_tie_as_a_tie(first, second):
    row = pd.Series({"RUS": first, "CHN": second, "USA": 0.1})
    assert ordering.best(row) == "CHN=RUS"
    assert ordering.best(row, highest=False) == "USA"


def test_best_ignores_nan_and_has_no_best_for_an_empty_row():
    assert ordering.best(pd.Series({"a": np.nan, "b": 0.2})) == "b"
    assert np.isnan(ordering.best(pd.Series({"a": np.nan})))


def test_rank_shares_the_rank_of_values_equal_as_shown():
    ranks = ordering.rank(pd.Series({"C5": 0.30000000000000004, "EU": 0.3, "AU": 0.9}))
    assert ranks.to_dict() == {"C5": 2.0, "EU": 2.0, "AU": 1.0}


def test_best_in_groups_names_tied_pairs_together():
    pairs = pd.DataFrame(
        {
            "year": [2000, 2000, 2000, 2001],
            "pair": ["KAZ–KGZ", "TJK–UZB", "KAZ–TKM", "KAZ–KGZ"],
            "value": [0.1 + 0.2, 0.3, 0.9, 0.5],
        }
    )
    low = ordering.best_in_groups(pairs, "year", "value", "pair")
    assert low.loc[2000, "pair"] == "KAZ–KGZ=TJK–UZB"
    assert low.loc[2001, "pair"] == "KAZ–KGZ"


def _result(values: dict[str, float]) -> Result:
    specs = tuple(
        SpecResult(Spec((("measure", name),)), {"p": v}, "mixed", v) for name, v in values.items()
    )
    return Result("C9.9", "mixed", "p", specs[0].value, "", specs)


@pytest.mark.parametrize("first, second", [(A, B), (B, A)])
def test_the_specification_table_and_figure_share_one_machine_free_order(first, second):
    result = _result({"pabak": first, "agreement": second, "kappa": 0.2})
    table = show.panel_table(result)["specification"].tolist()
    assert table == ["measure=agreement", "measure=pabak", "measure=kappa"]
    ax = show.plot_panel(result)  # the figure names the same rows in words
    assert [t.get_text() for t in ax.get_yticklabels()] == ["identical votes", "PABAK", "kappa"]


def test_the_c4_1_panel_keeps_its_order_when_every_value_moves_one_ulp():
    """The panel that was red on another machine: noise in the last bit changes nothing."""
    from dataclasses import replace

    from caorder import verdicts

    result = verdicts.evaluate("C4.1")
    up = replace(
        result,
        specs=tuple(
            replace(r, value=None if r.value is None else float(np.nextafter(r.value, 1.0)))
            for r in result.specs
        ),
    )

    def ticks(r, d):
        return [t.get_text() for t in show.plot_panel(r, digits=d).get_yticklabels()]

    for digits in (3, 4):
        order = show.panel_table(result, digits)["specification"].tolist()
        assert show.panel_table(up, digits)["specification"].tolist() == order
        shown = [r for r in order if r in set(show.panel_order(result.panel().dropna(), digits))]
        assert show.panel_order(up.panel().dropna(), digits) == shown
        assert ticks(up, digits) == ticks(result, digits)
