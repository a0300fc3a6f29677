"""Specifications measure one quantity: other periods and the book's extensions beyond the
paper's window are claims of their own, each with its own verdict and the parent's rule."""

from __future__ import annotations

import pytest

from caorder import claims

#: parent claim -> {new claim: the window it takes over}
SPLITS = {
    "C3.24": {"C3.28": [2018, 2025]},
    "C3.4": {
        "C3.29": [1992, 1999],
        "C3.30": [2000, 2007],
        "C3.31": [2008, 2015],
        "C3.32": [2016, 2019],
    },
    "C1.6": {"C1.21": [2017, 2025]},
}
WINDOW = {
    "C3.24": ("period", [2018, 2019]),
    "C3.4": ("period", [1992, 2019]),
    "C1.6": ("after", [2017, 2020]),
}


@pytest.mark.parametrize("parent", sorted(SPLITS))
def test_the_parent_keeps_one_window_and_records_the_split(parent):
    entry = claims.claim(parent)
    dimension, window = WINDOW[parent]
    assert entry["specifications"][dimension] == [window]
    splits = [c for c in entry["changed"] if c.get("split")]
    assert len(splits) == 1 and splits[0]["after_results"] is True
    assert splits[0]["verdict_before"] and splits[0]["verdict_after"]


@pytest.mark.parametrize(
    ("parent", "child", "window"),
    [(p, c, w) for p, children in SPLITS.items() for c, w in children.items()],
)
def test_each_other_window_is_an_extension_with_the_parents_rule(parent, child, window):
    entry, source = claims.claim(child), claims.claim(parent)
    dimension = WINDOW[parent][0]
    assert entry["attribution"] == "extension" and entry["fidelity"] == "neighbour"
    assert entry["neighbours"] == parent
    assert entry["evaluator"] == source["evaluator"]
    assert entry["rule"]["thresholds"] == source["rule"]["thresholds"]
    assert entry["specifications"][dimension] == [window]
    others = {k: v for k, v in entry["specifications"].items() if k != dimension}
    assert others == {k: v for k, v in source["specifications"].items() if k != dimension}


def test_the_inventory_lists_the_new_claims_beside_their_parents():
    covered = {c["id"]: c["covered_by"] for c in claims.inventory().claims}
    assert {"C3.4", "C3.29", "C3.30", "C3.31", "C3.32"} <= set(covered["P38"])
    assert {"C3.24", "C3.28"} <= set(covered["P40"])
    assert {"C1.6", "C1.21"} <= set(covered["P30"])
