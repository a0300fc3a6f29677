"""Agreement measures checked against small cases computed by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from toyvotes import long_votes

from caorder import agreement

# Four roll calls. A and B: same, same, yes/abstain, yes/no. C is absent on the last two.
VOTES = long_votes(
    {
        "AAA": ["yes", "no", "yes", "yes"],
        "BBB": ["yes", "no", "abstain", "no"],
        "CCC": ["yes", "yes", "absent", "absent"],
    }
)


def scores(measure: str) -> pd.DataFrame:
    return agreement.pairwise(agreement.vote_matrix(VOTES), measure, min_common=1)


def test_raw_agreement_counts_identical_votes_over_common_votes():
    table = scores("agreement")
    assert table.at["AAA", "BBB"] == pytest.approx(2 / 4)
    # C voted only on the first two roll calls: agrees with A on one of them.
    assert table.at["AAA", "CCC"] == pytest.approx(1 / 2)
    assert table.at["BBB", "CCC"] == pytest.approx(1 / 2)
    assert np.allclose(np.diag(table), 1.0)


def test_lijphart_gives_half_credit_for_abstention():
    table = scores("lijphart")
    assert table.at["AAA", "BBB"] == pytest.approx((2 + 0.5) / 4)


def test_kappa_matches_hand_computation():
    # A: yes 3/4, no 1/4. B: yes 1/4, no 2/4, abstain 1/4. p_o = 2/4.
    p_e = 3 / 4 * 1 / 4 + 1 / 4 * 2 / 4 + 0 * 1 / 4
    expected = (0.5 - p_e) / (1 - p_e)
    assert scores("kappa").at["AAA", "BBB"] == pytest.approx(expected)


def test_kappa_is_zero_for_independent_voting_and_negative_for_opposition():
    independent = long_votes({"AAA": ["yes", "yes", "no", "no"], "BBB": ["yes", "no", "yes", "no"]})
    opposed = long_votes({"AAA": ["yes", "no", "yes", "no"], "BBB": ["no", "yes", "no", "yes"]})
    k_ind = agreement.pairwise(agreement.vote_matrix(independent), "kappa", min_common=1)
    k_opp = agreement.pairwise(agreement.vote_matrix(opposed), "kappa", min_common=1)
    assert k_ind.at["AAA", "BBB"] == pytest.approx(0.0)
    assert k_opp.at["AAA", "BBB"] == pytest.approx(-1.0)


def test_kappa_discounts_unanimity_that_raw_agreement_rewards():
    # Nine unanimous yes votes and one split: raw agreement is high, kappa is not.
    unanimous = long_votes({"AAA": ["yes"] * 9 + ["yes"], "BBB": ["yes"] * 9 + ["no"]})
    matrix = agreement.vote_matrix(unanimous)
    assert agreement.pairwise(matrix, "agreement", 1).at["AAA", "BBB"] == pytest.approx(0.9)
    assert agreement.pairwise(matrix, "kappa", 1).at["AAA", "BBB"] == pytest.approx(0.0)


def test_min_common_blanks_pairs_with_too_few_shared_votes():
    table = agreement.pairwise(agreement.vote_matrix(VOTES), "agreement", min_common=3)
    assert np.isnan(table.at["AAA", "CCC"])
    assert table.at["AAA", "BBB"] == pytest.approx(0.5)


def test_unknown_measure_is_rejected():
    with pytest.raises(ValueError, match="Unknown measure"):
        agreement.pairwise(agreement.vote_matrix(VOTES), "cosine")


def test_contested_rcids_uses_share_differing_from_plurality():
    # Roll call 1 unanimous, 2: 2 yes vs 1 no (1/3 dissent), 3 and 4: 1 of 2 differ.
    assert list(agreement.contested_rcids(VOTES, threshold=0.3)) == [2, 3, 4]
    assert list(agreement.contested_rcids(VOTES, threshold=0.6)) == []


def test_group_cohesion_is_mean_over_pairs():
    table = scores("agreement")
    assert agreement.group_cohesion(table, ["AAA", "BBB", "CCC"]) == pytest.approx(0.5)
    assert agreement.group_cohesion(table, ["AAA", "BBB"]) == pytest.approx(0.5)


def test_agreement_index_hix_noury_roland():
    index = agreement.agreement_index(VOTES)
    assert index.loc[1] == pytest.approx(1.0)
    # 2 yes, 1 no: (2 - 1/2) / 3.
    assert index.loc[2] == pytest.approx(0.5)
    assert index.loc[4] == pytest.approx((1 - 0.5) / 2)
