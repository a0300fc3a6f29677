"""Chapter 3 analyses: hand-computed cases for the helpers, a logit that recovers a known
effect, the verdict rules on stubbed evidence, and the evaluators on the real data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from caorder import claims, order_votes
from caorder.countries import C5


def long_votes(table: dict[str, list[str]]) -> pd.DataFrame:
    rows = [{"rcid": rcid, "iso3": state, "vote": vote}
            for state, column in table.items() for rcid, vote in enumerate(column, start=1)]
    return pd.DataFrame(rows)


def test_vote_shares_by_hand():
    votes = long_votes({"AAA": ["yes", "no", "absent", "yes"]}).assign(group="g")
    shares = order_votes.vote_shares(votes, ["group"]).loc["g"]
    assert shares.to_dict() == {"yes": 0.5, "no": 0.25, "abstain": 0.0, "absent": 0.25}


def test_actor_keeps_named_states():
    assert order_votes.actor(pd.Series(["KAZ", "FRA", "USA"])).tolist() == [
        "KAZ", "rest of Assembly", "USA"]


def test_stance_inverts_for_no_action_motions():
    votes = pd.DataFrame({"KAZ": ["yes", "yes", "abstain", "absent"],
                          "UZB": ["no", "no", "no", "yes"]})
    pro = pd.Series(["yes", "no", "yes", "no"])
    result = order_votes.stance(votes, pro)
    assert result["KAZ"].tolist() == ["for", "against", "abstain", "absent"]
    assert result["UZB"].tolist() == ["against", "for", "against", "against"]


def test_minority_and_following_by_hand():
    votes = long_votes({
        "RUS": ["no", "yes", "abstain"],
        "AAA": ["no", "yes", "yes"],
        "BBB": ["yes", "yes", "yes"],
        **{f"X{i:02d}": ["yes", "yes", "yes"] for i in range(10)},
    })
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


@pytest.mark.parametrize("low, high, expected", [(1.2, 2.0, "supports"), (0.2, 0.8, "contradicts"),
                                                 (0.8, 1.3, "mixed")])
def test_ci_rule(low, high, expected):
    assert order_votes._ci_rule(low, high) == expected


def _tally(for_, against, abstain=1, absent=0):
    return pd.DataFrame({"for": [for_], "against": [against], "abstain": [abstain],
                         "absent": [absent]}, index=["KAZ"])


@pytest.mark.parametrize("for_, against, expected", [(3, 0, "supports"), (3, 1, "mixed"),
                                                     (1, 3, "contradicts")])
def test_territorial_rule(monkeypatch, for_, against, expected):
    monkeypatch.setattr(order_votes, "territorial_tally", lambda states=C5: _tally(for_, against))
    assert order_votes.claim_c3_2().verdict == expected


@pytest.mark.parametrize("c5, blr, arm, expected", [(0.2, 0.4, 0.3, "supports"),
                                                    (0.35, 0.4, 0.3, "mixed"),
                                                    (0.45, 0.4, 0.5, "contradicts")])
def test_negotiated_influence_rule(monkeypatch, c5, blr, arm, expected):
    table = pd.DataFrame({"follows Russia": [c5] * 5 + [blr, arm]},
                         index=[*C5, "BLR", "ARM"])
    monkeypatch.setattr(order_votes, "russia_minority_following", lambda share=0.15: table)
    monkeypatch.setattr(order_votes, "russia_minority_rcids", lambda share=0.15: np.arange(3))
    assert order_votes.claim_c3_4().verdict == expected


def test_neutrality_rule_needs_both_outcomes(monkeypatch):
    def models(absent, abstain):
        return pd.DataFrame({"odds ratio": [absent[0], abstain[0]], "ci low": [absent[1], abstain[1]],
                             "ci high": [absent[2], abstain[2]]}, index=["absent", "abstain"])
    monkeypatch.setattr(order_votes, "neutrality_logits",
                        lambda: models((3, 2, 4), (1.5, 1.2, 1.9)))
    assert order_votes.claim_c3_5().verdict == "supports"
    monkeypatch.setattr(order_votes, "neutrality_logits",
                        lambda: models((3, 2, 4), (0.5, 0.3, 0.7)))
    assert order_votes.claim_c3_5().verdict == "mixed"


def test_real_data_territorial_table_and_canwfz():
    table = order_votes.territorial_table()
    ukraine = table[table["symbol"] == "R/68/262"].iloc[0]
    assert (ukraine["world yes"], ukraine["world no"]) == (100, 11)
    assert ukraine["RUS"] == "no" and ukraine["USA"] == "yes"
    canwfz = order_votes.canwfz_votes()
    assert len(canwfz) == 4
    assert (canwfz[list(C5)] == "yes").all().all()
    assert (canwfz["USA"] == "no").all()


def test_real_data_evaluators_return_registered_verdicts():
    for claim_id in ("C3.1", "C3.2", "C3.3", "C3.4", "C3.5", "C3.6", "C3.7", "C3.10"):
        verdict = claims.evaluate(claim_id)
        assert verdict.claim_id == claim_id and verdict.verdict in claims.VERDICTS
    assert claims.evaluate("C3.10").value is None
