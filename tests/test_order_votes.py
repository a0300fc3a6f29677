"""Chapter 3 analyses: hand-computed cases for the helpers, a logit that recovers a known
effect, and checks on the real data (the verdict rules are in test_verdicts_ch3.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from toyvotes import long_votes

from caorder import order_votes
from caorder.countries import C5


def test_vote_shares_by_hand():
    votes = long_votes({"AAA": ["yes", "no", "absent", "yes"]}).assign(group="g")
    shares = order_votes.vote_shares(votes, ["group"]).loc["g"]
    assert shares.to_dict() == {"yes": 0.5, "no": 0.25, "abstain": 0.0, "absent": 0.25}


def test_actor_keeps_named_states():
    assert order_votes.actor(pd.Series(["KAZ", "FRA", "USA"])).tolist() == [
        "KAZ",
        "rest of Assembly",
        "USA",
    ]


def test_stance_inverts_for_no_action_motions():
    votes = pd.DataFrame(
        {"KAZ": ["yes", "yes", "abstain", "absent"], "UZB": ["no", "no", "no", "yes"]}
    )
    pro = pd.Series(["yes", "no", "yes", "no"])
    result = order_votes.stance(votes, pro)
    assert result["KAZ"].tolist() == ["for", "against", "abstain", "absent"]
    assert result["UZB"].tolist() == ["against", "for", "against", "against"]


def test_minority_and_following_by_hand():
    votes = long_votes(
        {
            "RUS": ["no", "yes", "abstain"],
            "AAA": ["no", "yes", "yes"],
            "BBB": ["yes", "yes", "yes"],
            **{f"X{i:02d}": ["yes", "yes", "yes"] for i in range(10)},
        }
    )
    # roll call 1: 2 of 13 cast votes are "no" (15.4%) -> not a minority at 15%, yes at 16%
    assert order_votes.minority_rcids(votes, "RUS", 0.15).tolist() == [3]
    assert order_votes.minority_rcids(votes, "RUS", 0.16).tolist() == [1, 3]
    table = order_votes.following(votes[votes["rcid"].isin([1, 3])], "RUS", ("AAA", "BBB"))
    assert table.loc["AAA", "follows Russia"] == 0.5
    assert table.loc["AAA", "opposes Russia"] == 0.5
    assert table.loc["BBB", "follows Russia"] == 0.0


def test_logit_recovers_a_known_odds_ratio_and_drops_invariant_sessions():
    rng = np.random.default_rng(1)
    n = 4000
    x = rng.integers(0, 2, n)
    session = rng.integers(1, 5, n)
    y = (rng.random(n) < 1 / (1 + np.exp(-(-0.5 + np.log(3.0) * x)))).astype(int)
    frame = pd.DataFrame({"y": y, "x": x, "session": session, "rcid": np.arange(n) // 4})
    frame = pd.concat([frame, pd.DataFrame({"y": 0, "x": [0, 1], "session": 9, "rcid": -1})])
    result = order_votes._logit(frame, "y ~ x + C(session)", "rcid", ["x"]).loc["x"]
    assert result["ci low"] < 3.0 < result["ci high"]
    assert result["n"] == n  # session 9 has no variation in y and is dropped


def test_real_data_territorial_table_and_canwfz():
    table = order_votes.territorial_table()
    ukraine = table[table["symbol"] == "R/68/262"].iloc[0]
    assert (ukraine["world yes"], ukraine["world no"]) == (100, 11)
    assert ukraine["RUS"] == "no" and ukraine["USA"] == "yes"
    canwfz = order_votes.canwfz_votes()
    assert len(canwfz) == 4
    assert (canwfz[list(C5)] == "yes").all().all()
    assert (canwfz["USA"] == "no").all()


def test_territorial_tally_counts_stances_per_state():
    table = pd.DataFrame(
        {
            "pro_vote": ["yes", "no", "yes"],
            "KAZ": ["yes", "yes", "absent"],
            "UZB": ["abstain", "no", "no"],
        }
    )
    tally = order_votes.territorial_tally(table, ["KAZ", "UZB"])
    assert tally.loc["KAZ"].to_dict() == {"for": 1, "against": 1, "abstain": 0, "absent": 1}
    assert tally.loc["UZB"].to_dict() == {"for": 1, "against": 1, "abstain": 1, "absent": 0}


def test_closest_power_by_hand():
    table = pd.DataFrame(
        {
            "year": [2000] * 3 + [2001] * 3,
            "state": "KAZ",
            "power": ["RUS", "CHN", "USA"] * 2,
            "agreement": [0.9, 0.8, 0.3, 0.7, 0.75, 0.2],
        }
    )
    closest = order_votes.closest_power(table)
    assert closest["closest"].tolist() == ["RUS", "CHN"]


def test_members_and_window_guard():
    assert order_votes.members("without") == ("KAZ", "KGZ", "TJK", "UZB")
    with pytest.raises(ValueError, match="turkmenistan"):
        order_votes.members("maybe")
    with pytest.raises(ValueError, match="1992-2019"):
        order_votes.labelled_votes(1990, 2019)


def test_real_data_alignment_peers_are_other_states_nearest_the_five():
    peers = order_votes.alignment_peers(C5, 2000, 2002)
    assert peers.groupby("year").size().tolist() == [order_votes.PEERS_PER_YEAR] * 3
    assert not peers["iso3"].isin(C5).any()
    assert peers.groupby("year")["distance"].is_monotonic_increasing.all()


def test_real_data_pair_scores_match_the_window_helper():
    pairs = order_votes.pair_scores_by_year("kappa", C5, 2010, 2011)
    assert len(pairs) == 2 * 10
    low = order_votes.least_aligned_by_year("kappa", C5, 2010, 2011)
    assert (low["lowest score"] <= low["group mean"]).all()


def test_real_data_territorial_rollcalls_add_the_curated_votes_once():
    pinned = order_votes.territorial_rollcalls(C5, curated=False)
    both = order_votes.territorial_rollcalls(C5)
    curated = both[both["source"] == "curated"]
    assert len(both) == len(pinned) + len(curated) and len(curated) > 0
    assert both["rcid"].is_unique
    # The one shared symbol is A/RES/63/307: the pinned file gives it to Russia's no-action
    # motion of that day, and the curated roll call is the resolution itself.
    shared = set(curated["symbol"]) & set(pinned["symbol"].str.replace("R/", "A/RES/"))
    assert shared == {"A/RES/63/307"}
    assert (pinned.loc[pinned["symbol"] == "R/63/307", "kind"] == "no-action motion").all()
    assert (curated["pro_vote"] == "yes").all() and not curated["hr_country"].any()


def test_real_data_agreement_by_year_has_every_state_power_and_year():
    table = order_votes.agreement_by_year(first=2000, last=2002)
    assert len(table) == 5 * 3 * 3
    assert table["agreement"].dropna().between(0, 1).all()  # NaN: under 10 common votes
    balance = order_votes.balancing_by_state(first=2000, last=2002)
    shares = balance[[f"closest {p}" for p in ("RUS", "CHN", "USA")]].sum(axis=1)
    assert shares.round(9).eq(1).all()


def test_hr_logit_refuses_an_unknown_comparison():
    with pytest.raises(ValueError, match="comparison"):
        order_votes.hr_logit(comparison="neighbours")
