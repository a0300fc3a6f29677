"""Chapter 3: the rules and institutions of the Central Asian order, traced in UNGA votes.

Costa Buranelli (2021, §3) names the rules (non-interference, territorial integrity / *uti
possidetis*, balancing the great powers, *avtoritet* and *stabil'nost'*) and the
institutions (sovereignty, diplomacy, international law, authoritarianism, great power
management) of the Central Asian order. Each has a trace, or none, in how the five vote in
the General Assembly. This module computes the analyses, 1992-2019 unless stated; the
verdicts are drawn in :mod:`caorder.verdicts.ch3`:

* **non-interference** (C3.1): votes on country-specific against thematic human-rights
  resolutions (labels from :mod:`caorder.classify`), the five against the rest of the
  Assembly and against states of the same general alignment (nearest on the ideal points),
  in a logit of "yes" with session fixed effects and clustered errors;
* **territorial integrity** (C3.2): every recorded vote on the post-Soviet territorial
  questions, with what each of the five, Russia, Belarus, Armenia and the US did;
* **balancing** (C3.3): agreement of each of the five with Russia, China and the US by
  year, and its place among them on the Bailey-Strezhnev-Voeten ideal points;
* **negotiated influence** (C3.4): how often the five, Belarus and Armenia side with Russia
  when Russia is in a small minority;
* **positive neutrality** (C3.5): absence and abstention, with logits that compare
  Turkmenistan with the other four;
* **international law** (C3.6): cohesion on nuclear and disarmament votes, and the recorded
  votes on the Central Asian nuclear-weapon-free zone;
* **order is not harmony** (C3.7): the least-aligned pair of the five, year by year;
* **authoritarianism and great power management** (C3.10): what the votes can say.

Absent means a member with no recorded vote (see :mod:`caorder.tables`); it is kept as its
own outcome where it matters, and left out of agreement scores. Vote windows, roll-call sets
and pairwise scores by year come from :mod:`caorder.windows`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
import statsmodels.formula.api as smf
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch
from scipy.stats import norm

from caorder import agreement, classify, extension, ordering, plots, tables, windows
from caorder.countries import C5, GREAT_POWERS
from caorder.schemas import ISSUE_CODES, VOTE_CHOICES

YEARS = (1992, 2019)  #: canonical roll calls with the five (they joined in March 1992)
IDEAL_YEARS = (1992, 2024)  #: the ideal-point release runs to 2024
NUCLEAR_POWERS = ("USA", "GBR", "FRA", "RUS", "CHN")
TERRITORIAL_COMPARATORS = ("RUS", "BLR", "ARM", "USA")
#: Russia's closest allies in the Assembly, against whom the five's following is read.
RUSSIA_ALLIES = ("BLR", "ARM")
FOLLOWERS = (*C5, *RUSSIA_ALLIES)
#: Russia is "in a small minority" when at most this share of cast votes match its vote.
MINORITY_SHARE = 0.15
#: Alignment peers (C3.1): per year, this many other states nearest the five's median ideal point.
PEERS_PER_YEAR = 10
#: Balancing (C3.3): a state balances when no power is its closest in more than this share
#: of its years.
ONE_SIDE_MAX = 0.8
#: Balancing (C3.3): a state "lies between" Russia and China when it does in at least this
#: share of its years on the ideal points.
BETWEEN_MIN = 0.5


# --- data ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def classified() -> pd.DataFrame:
    """Every roll call of 1992-2019 with its chapter 3 label (:mod:`caorder.classify`)."""
    calls = tables.rollcalls()
    return classify.classify_rollcalls(calls[calls["date"].dt.year.between(*YEARS)])


@lru_cache(maxsize=16)
def labelled_votes(
    first: int = YEARS[0], last: int = YEARS[1], rollcalls: windows.RollcallSet = "all"
) -> pd.DataFrame:
    """The votes of a window (:func:`caorder.windows.window_votes`) with the chapter's columns.

    Adds the issue flags, the US ``important`` flag and the classifier's label, target,
    ``hr_country`` and ``procedural``; ``vote`` becomes a plain string. Cached (do not
    modify the returned frame).
    """
    if first < YEARS[0] or last > YEARS[1]:
        raise ValueError(
            f"Chapter 3 windows lie within {YEARS[0]}-{YEARS[1]} (the labelled "
            f"roll calls); got {first}-{last}."
        )
    calls = tables.rollcalls()[["rcid", *ISSUE_CODES, "important"]]
    labels = classified()[["rcid", "label", "target", "hr_country", "procedural"]]
    frame = windows.window_votes(first, last, rollcalls).merge(calls, on="rcid")
    frame = frame.merge(labels, on="rcid")
    return frame.assign(vote=frame["vote"].astype(str))


def members(turkmenistan: str = "with") -> tuple[str, ...]:
    """The five, or the four without Turkmenistan (``turkmenistan="without"``)."""
    if turkmenistan not in ("with", "without"):
        raise ValueError(f"turkmenistan must be 'with' or 'without', not {turkmenistan!r}.")
    return C5 if turkmenistan == "with" else tuple(s for s in C5 if s != "TKM")


def vote_shares(votes: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Share of yes / no / abstain / absent within each group of ``by`` (rows sum to 1)."""
    counts = pd.crosstab([votes[c] for c in by], votes["vote"]).reindex(
        columns=VOTE_CHOICES, fill_value=0
    )
    return counts.div(counts.sum(axis=1), axis=0)


def actor(iso3: pd.Series, named: tuple[str, ...] = (*C5, *GREAT_POWERS)) -> pd.Series:
    """The state's code if it is in ``named``, else "rest of Assembly"."""
    return iso3.where(iso3.isin(named), "rest of Assembly")


def _logit(frame: pd.DataFrame, formula: str, groups: str, terms: list[str]) -> pd.DataFrame:
    """Fit a logit with cluster-robust errors; odds ratios and 95% CIs of ``terms``.

    Sessions in which the outcome never varies carry no information under session fixed
    effects (and would make the fit diverge), so they are dropped first.
    """
    outcome = formula.split("~")[0].strip()
    varies = frame.groupby("session")[outcome].transform("nunique") > 1
    frame = frame[varies]
    fit = smf.logit(formula, data=frame).fit(
        disp=0, maxiter=200, cov_type="cluster", cov_kwds={"groups": pd.factorize(frame[groups])[0]}
    )
    ci = fit.conf_int().loc[terms]
    return pd.DataFrame(
        {
            "odds ratio": np.exp(fit.params[terms]),
            "ci low": np.exp(ci[0]),
            "ci high": np.exp(ci[1]),
            "p": fit.pvalues[terms],
            "n": int(fit.nobs),
        },
        index=pd.Index(terms, name="term"),
    )


# --- C3.1 non-interference: country-specific versus thematic human rights -----------------


def hr_votes(first: int = YEARS[0], last: int = YEARS[1]) -> pd.DataFrame:
    """Votes on the human-rights resolutions themselves (no motions, amendments or parts).

    Country-specific = ``hr_country`` (including Crimea's human-rights texts); thematic =
    ``hr_thematic``. The occupied-Arab-territories texts are left out (see classify).
    """
    votes = labelled_votes(first, last)
    keep = ~votes["procedural"] & (votes["hr_country"] | (votes["label"] == "hr_thematic"))
    votes = votes[keep]
    kind = np.where(votes["hr_country"], "country-specific", "thematic")
    return votes.assign(kind=kind, actor=actor(votes["iso3"]))


def hr_shares() -> pd.DataFrame:
    """Vote shares by actor (the five, the C5 pooled, the powers, the rest) and kind."""
    votes = hr_votes()
    pooled = votes.assign(actor=np.where(votes["iso3"].isin(C5), "C5 (pooled)", votes["actor"]))
    both = pd.concat([votes, pooled[pooled["actor"] == "C5 (pooled)"]])
    order = [*C5, "C5 (pooled)", *GREAT_POWERS, "rest of Assembly"]
    shares = vote_shares(both, ["actor", "kind"]).reset_index()
    shares["actor"] = pd.Categorical(shares["actor"], order, ordered=True)
    return shares.sort_values(["kind", "actor"], ignore_index=True)


def hr_roll_call_counts() -> pd.Series:
    """Number of country-specific and thematic roll calls in :func:`hr_votes`."""
    return hr_votes().groupby("kind")["rcid"].nunique()


def alignment_peers(
    group: Iterable[str] = C5, first: int = YEARS[0], last: int = YEARS[1], n: int = PEERS_PER_YEAR
) -> pd.DataFrame:
    """Per year, the ``n`` other states whose ideal point lies nearest the group's median.

    These are states of the same general alignment as the group (Russia and China among
    them when they are near): the comparison that separates a rule of the five from the
    stance their alignment predicts. Columns: year, iso3, distance.
    """
    group = list(group)
    points = tables.ideal_points()
    points = points[points["year"].between(first, last)].dropna(subset=["ideal_point"])
    centre = points[points["iso3"].isin(group)].groupby("year")["ideal_point"].median()
    others = points[~points["iso3"].isin(group)].assign(
        distance=lambda p: (p["ideal_point"] - p["year"].map(centre)).abs()
    )
    others = ordering.sort_by(
        others.dropna(subset=["distance"]), ["year", "distance"], "iso3", ordering.DECIDE
    )
    return others.groupby("year").head(n)[["year", "iso3", "distance"]].reset_index(drop=True)


def hr_logit(
    cluster: str = "rcid",
    group: Iterable[str] = C5,
    first: int = YEARS[0],
    last: int = YEARS[1],
    comparison: str = "rest",
) -> pd.DataFrame:
    """Logit of a "yes" (cast votes only) on group x country-specific, with session effects.

    ``yes ~ c5 * country + C(session)``; errors clustered by ``cluster`` ("rcid" or "iso3").
    ``comparison`` is "rest" (every other member) or "peers" (the :func:`alignment_peers` of
    each year). The interaction's odds ratio says how much less (< 1) or more (> 1) the
    group's odds of a yes fall, relative to the comparison states, when a resolution names a
    country.
    """
    group = list(group)
    votes = hr_votes(first, last)
    votes = votes[votes["vote"] != "absent"]
    if comparison == "peers":
        peers = alignment_peers(group, first, last)[["year", "iso3"]].assign(peer=True)
        votes = votes.merge(peers, on=["year", "iso3"], how="left")
        votes = votes[votes["iso3"].isin(group) | votes["peer"].fillna(False).astype(bool)]
    elif comparison == "rest":
        votes = votes[votes["iso3"].isin(group) | ~votes["iso3"].isin(C5)]
    else:
        raise ValueError(f"comparison must be 'rest' or 'peers', not {comparison!r}.")
    frame = pd.DataFrame(
        {
            "yes": (votes["vote"] == "yes").astype(int),
            "c5": votes["iso3"].isin(group).astype(int),
            "country": (votes["kind"] == "country-specific").astype(int),
            "session": votes["session"],
            "rcid": votes["rcid"],
            "iso3": votes["iso3"],
        }
    )
    return _logit(
        frame, "yes ~ c5 * country + C(session)", cluster, ["c5", "country", "c5:country"]
    )


def hr_peer_shares(group: Iterable[str] = C5) -> pd.DataFrame:
    """Yes shares of the group and of its alignment peers on each kind of text (cast votes)."""
    group = list(group)
    votes = hr_votes()
    votes = votes[votes["vote"] != "absent"]
    peers = alignment_peers(group)[["year", "iso3"]].assign(peer=True)
    votes = votes.merge(peers, on=["year", "iso3"], how="left")
    who = np.where(
        votes["iso3"].isin(group),
        "C5",
        np.where(votes["peer"].fillna(False).astype(bool), "alignment peers", "rest of Assembly"),
    )
    return (votes["vote"] == "yes").groupby([who, votes["kind"]]).mean().unstack()


def hr_by_target() -> pd.DataFrame:
    """The five's pooled vote shares on country-specific resolutions, by target state."""
    votes = hr_votes()
    votes = votes[(votes["kind"] == "country-specific") & votes["iso3"].isin(C5)]
    shares = vote_shares(votes, ["target"])
    shares.insert(0, "roll calls", votes.groupby("target")["rcid"].nunique())
    shares.insert(
        1,
        "years",
        votes.groupby("target")["year"].agg(
            lambda y: f"{y.min()}–{y.max()}" if y.min() != y.max() else str(y.min())
        ),
    )
    return shares.sort_values("roll calls", ascending=False)


# --- C3.2 territorial integrity -----------------------------------------------------------


def _kind(row: pd.Series) -> str:
    if not row["procedural"]:
        return "resolution"
    return "no-action motion" if row["pro_vote"] == "no" else "amendment"


def territorial_table(states: tuple[str, ...] = (*C5, *TERRITORIAL_COMPARATORS)) -> pd.DataFrame:
    """Every recorded vote on a post-Soviet territorial question, 1992-2019.

    One row per roll call: date, symbol, the state whose integrity is at stake, the kind of
    vote, ``pro_vote`` (the vote that supports that integrity), ``hr_country`` (also a
    country-specific human-rights text, Crimea's), the votes of ``states`` and the
    Assembly's yes / no / abstain / absent counts.
    """
    calls = classified()
    calls = calls[calls["label"] == "territorial"].copy()
    calls["kind"] = calls.apply(_kind, axis=1)
    votes = tables.votes()
    votes = votes[votes["rcid"].isin(calls["rcid"])].assign(vote=lambda v: v["vote"].astype(str))
    wide = votes[votes["iso3"].isin(states)].pivot(index="rcid", columns="iso3", values="vote")
    counts = pd.crosstab(votes["rcid"], votes["vote"]).reindex(columns=VOTE_CHOICES, fill_value=0)
    table = calls.set_index("rcid")[
        ["date", "symbol", "target", "kind", "pro_vote", "hr_country", "title"]
    ]
    table = table.join(wide[list(states)]).join(counts.add_prefix("world "))
    table["hr_country"] = table["hr_country"].astype(bool)
    table["date"] = table["date"].dt.strftime("%Y-%m-%d")
    return table.sort_values(["date", "kind"]).reset_index()


def territorial_rollcalls(
    states: tuple[str, ...] = (*C5, *TERRITORIAL_COMPARATORS), curated: bool = True
) -> pd.DataFrame:
    """Every territorial roll call the book holds: :func:`territorial_table` (the pinned data)
    and, with ``curated``, the curated roll calls missing from it
    (:func:`caorder.extension.curated_territorial_table`: Georgia's displaced persons
    2012-2019 and Moldova 2018). Column ``source`` says which; sorted by date.
    """
    table = territorial_table(states).assign(source="canonical")
    if curated:
        extra = extension.curated_territorial_table(states).assign(hr_country=False)
        table = pd.concat([table, extra[table.columns]], ignore_index=True)
    return table.sort_values(["date", "kind"], ignore_index=True)


def stance(votes: pd.DataFrame, pro_vote: pd.Series) -> pd.DataFrame:
    """Each vote recoded as for / against territorial integrity, abstain or absent."""
    against = pro_vote.map({"yes": "no", "no": "yes"})
    return votes.apply(
        lambda column: np.select(
            [column == pro_vote, column == against, column == "abstain"],
            ["for", "against", "abstain"],
            "absent",
        )
    )


def territorial_tally(table: pd.DataFrame, states: Iterable[str]) -> pd.DataFrame:
    """Per state: how many roll calls of ``table`` it voted for, against, abstained, missed."""
    states = list(states)
    stances = stance(table[states], table["pro_vote"])
    tally = (
        stances.apply(lambda c: c.value_counts())
        .reindex(["for", "against", "abstain", "absent"])
        .fillna(0)
        .astype(int)
    )
    return tally.T


def russia_opposed(table: pd.DataFrame) -> pd.Series:
    """Which roll calls of a territorial table (with a ``RUS`` column) Russia voted against
    territorial integrity on: the texts where upholding the rule cost the five something."""
    return pd.Series(
        stance(table[["RUS"]], table["pro_vote"])["RUS"] == "against", index=table.index
    )


def territorial_against() -> pd.DataFrame:
    """The roll calls on which at least one of the five voted against territorial integrity."""
    table = territorial_rollcalls(C5)
    against = (stance(table[list(C5)], table["pro_vote"]) == "against").sum(axis=1)
    table = table.assign(against=against)
    return table.loc[
        table["against"] > 0, ["rcid", "date", "symbol", "target", "kind", "hr_country", "against"]
    ].reset_index(drop=True)


# --- C3.3 balancing the great powers -----------------------------------------------------


def agreement_by_year(
    states: tuple[str, ...] = C5,
    powers: tuple[str, ...] = GREAT_POWERS,
    measure: agreement.Measure = "agreement",
    first: int = YEARS[0],
    last: int = YEARS[1],
    rollcalls: windows.RollcallSet = "all",
) -> pd.DataFrame:
    """``measure`` of each state with each power per calendar year: year, state, power, agreement.

    Read from :func:`caorder.windows.pair_agreement_by_year` (both states cast a vote).
    """
    votes = windows.window_votes(first, last, rollcalls)
    pairs = windows.pair_agreement_by_year(votes, [*states, *powers], measure)
    rows = []
    for state in states:
        for power in powers:
            mask = ((pairs["a"] == state) & (pairs["b"] == power)) | (
                (pairs["a"] == power) & (pairs["b"] == state)
            )
            part = pairs.loc[mask, ["year", "value"]].rename(columns={"value": "agreement"})
            rows.append(part.assign(state=state, power=power))
    table = pd.concat(rows, ignore_index=True)[["year", "state", "power", "agreement"]]
    return table.sort_values(["state", "power", "year"], ignore_index=True)


def closest_power(table: pd.DataFrame) -> pd.DataFrame:
    """Per state and year, the power with the highest agreement (years with a gap dropped).

    Powers that tie exactly are named together (``"CHN=RUS"``), so such a year counts for
    neither (:func:`caorder.ordering.best`).
    """
    wide = table.pivot_table(index=["state", "year"], columns="power", values="agreement")
    wide = wide.dropna()
    return ordering.best_per_row(wide).rename("closest").reset_index()


def balancing_by_state(
    measure: agreement.Measure = "agreement",
    first: int = YEARS[0],
    last: int = YEARS[1],
    rollcalls: windows.RollcallSet = "all",
) -> pd.DataFrame:
    """Per state: how often each power is its closest in agreement, and where it sits on the
    ideal points (share of its years between Russia and China; median position from the
    Russia-China midpoint, 0, to the US, 1). ``balances`` and ``between`` apply
    :data:`ONE_SIDE_MAX` and :data:`BETWEEN_MIN`.
    """
    closest = closest_power(
        agreement_by_year(measure=measure, first=first, last=last, rollcalls=rollcalls)
    )
    shares = pd.crosstab(closest["state"], closest["closest"], normalize="index").reindex(
        index=list(C5), columns=list(GREAT_POWERS), fill_value=0.0
    )
    table = shares.add_prefix("closest ")
    table["top share"] = shares.max(axis=1)
    table["balances"] = table["top share"] <= ONE_SIDE_MAX
    positions = ideal_positions(first, min(last, IDEAL_YEARS[1]))
    ideal = positions.groupby("state").agg(
        between_share=("between RUS and CHN", "mean"), relative_to_usa=("relative to USA", "median")
    )
    table = table.join(
        ideal.rename(
            columns={"between_share": "between share", "relative_to_usa": "relative to USA"}
        )
    )
    table["between"] = table["between share"] >= BETWEEN_MIN
    return table


def ideal_positions(first: int = IDEAL_YEARS[0], last: int = IDEAL_YEARS[1]) -> pd.DataFrame:
    """The five's ideal points beside the powers', with distances and the nearest power.

    ``between RUS and CHN``: the state lies between Russia's and China's points that year.
    ``relative to USA``: 0 at the mean of Russia and China, 1 at the United States.
    """
    points = tables.ideal_points()
    points = points[points["year"].between(first, last)]
    wide = points.pivot(index="year", columns="iso3", values="ideal_point")
    rows = []
    for state in C5:
        own = wide[state].dropna()
        frame = pd.DataFrame({"year": own.index, "state": state, "ideal point": own.to_numpy()})
        for power in GREAT_POWERS:
            frame[f"distance to {power}"] = (own - wide.loc[own.index, power]).abs().to_numpy()
        rus, chn, usa = (wide.loc[own.index, p].to_numpy() for p in GREAT_POWERS)
        frame["between RUS and CHN"] = (own.to_numpy() >= np.minimum(rus, chn)) & (
            own.to_numpy() <= np.maximum(rus, chn)
        )
        frame["relative to USA"] = (own.to_numpy() - (rus + chn) / 2) / (usa - (rus + chn) / 2)
        distances = frame[[f"distance to {p}" for p in GREAT_POWERS]]
        distances.columns = list(GREAT_POWERS)
        frame["nearest power"] = ordering.best_per_row(distances, highest=False)
        rows.append(frame)
    return pd.concat(rows, ignore_index=True)


# --- C3.4 negotiated Russian influence --------------------------------------------------


def minority_rcids(
    votes: pd.DataFrame, leader: str = "RUS", share: float = MINORITY_SHARE
) -> np.ndarray:
    """Roll calls on which ``leader`` voted and at most ``share`` of cast votes matched it."""
    cast = votes[votes["vote"] != "absent"]
    lead = cast.loc[cast["iso3"] == leader, ["rcid", "vote"]].rename(columns={"vote": "lead"})
    cast = cast.merge(lead, on="rcid")
    matched = (cast["vote"] == cast["lead"]).groupby(cast["rcid"]).mean()
    return np.sort(matched.index[matched <= share].to_numpy())


def following(votes: pd.DataFrame, leader: str, followers: tuple[str, ...]) -> pd.DataFrame:
    """How each follower voted relative to ``leader`` on the roll calls in ``votes``.

    Columns: roll calls, share absent, and among cast votes the share matching the leader,
    abstaining when the leader did not, and voting otherwise ("opposes").
    """
    lead = votes.loc[votes["iso3"] == leader].set_index("rcid")["vote"]
    rows = []
    for state in followers:
        own = votes[votes["iso3"] == state].set_index("rcid")["vote"]
        cast = own[own != "absent"]
        same = cast == lead.reindex(cast.index)
        rows.append(
            {
                "state": state,
                "roll calls": len(own),
                "absent": float((own == "absent").mean()),
                "follows Russia" if leader == "RUS" else "follows": float(same.mean()),
                "abstains (Russia did not)" if leader == "RUS" else "abstains": float(
                    ((cast == "abstain") & ~same).mean()
                ),
                "opposes Russia" if leader == "RUS" else "opposes": float(
                    ((cast != "abstain") & ~same).mean()
                ),
            }
        )
    return pd.DataFrame(rows).set_index("state")


def russia_minority_votes(
    first: int = YEARS[0],
    last: int = YEARS[1],
    rollcalls: windows.RollcallSet = "all",
    share: float = MINORITY_SHARE,
) -> pd.DataFrame:
    """The window's votes on roll calls with Russia in a small minority (:func:`minority_rcids`)."""
    votes = windows.window_votes(first, last, rollcalls)
    votes = votes.assign(vote=votes["vote"].astype(str))
    return votes[votes["rcid"].isin(minority_rcids(votes, "RUS", share))]


def russia_minority_following(
    first: int = YEARS[0],
    last: int = YEARS[1],
    rollcalls: windows.RollcallSet = "all",
    share: float = MINORITY_SHARE,
) -> pd.DataFrame:
    """How often the five, Belarus and Armenia vote as a minority Russia does."""
    return following(russia_minority_votes(first, last, rollcalls, share), "RUS", FOLLOWERS)


def russia_minority_by_period(share: float = MINORITY_SHARE) -> pd.DataFrame:
    """The five's pooled following rate of a minority Russia, by period, beside BLR and ARM."""
    votes = russia_minority_votes(share=share)
    votes = votes[votes["vote"] != "absent"]
    russia = votes.loc[votes["iso3"] == "RUS", ["rcid", "vote"]].rename(columns={"vote": "rus"})
    votes = votes.merge(russia, on="rcid")
    votes = votes[votes["iso3"].isin(FOLLOWERS)]
    period = pd.cut(
        votes["year"],
        [1991, 1999, 2007, 2015, 2019],
        labels=["1992–1999", "2000–2007", "2008–2015", "2016–2019"],
    )
    who = np.where(votes["iso3"].isin(C5), "C5", votes["iso3"])
    follows = (votes["vote"] == votes["rus"]).groupby([period, who], observed=True).mean()
    return follows.unstack()[["C5", *RUSSIA_ALLIES]]


# --- C3.5 Turkmenistan's positive neutrality -------------------------------------------


def participation_by_year() -> pd.DataFrame:
    """Per C5 state and year: share of roll calls absent, and share of cast votes abstaining."""
    votes = labelled_votes()
    votes = votes[votes["iso3"].isin(C5)]
    absent = (votes["vote"] == "absent").groupby([votes["iso3"], votes["year"]]).mean()
    cast = votes[votes["vote"] != "absent"]
    abstain = (cast["vote"] == "abstain").groupby([cast["iso3"], cast["year"]]).mean()
    return (
        pd.DataFrame({"absent": absent, "abstain": abstain})
        .reset_index()
        .rename(columns={"iso3": "state"})
    )


def neutrality_logits(
    first: int = YEARS[0], last: int = YEARS[1], rollcalls: windows.RollcallSet = "all"
) -> pd.DataFrame:
    """Turkmenistan against the other four: logits of absence and of abstention.

    ``absent ~ tkm + C(session) + issue flags`` over the five's seats, and
    ``abstain ~ tkm + C(session) + issue flags`` over their cast votes; errors clustered by
    roll call. Odds ratios above 1 mean Turkmenistan is absent / abstains more.
    """
    votes = labelled_votes(first, last, rollcalls)
    votes = votes[votes["iso3"].isin(C5)]
    flags = " + ".join(ISSUE_CODES)
    base = votes[["session", "rcid", *ISSUE_CODES]].assign(
        tkm=(votes["iso3"] == "TKM").astype(int), **{i: votes[i].astype(int) for i in ISSUE_CODES}
    )
    absent = base.assign(absent=(votes["vote"] == "absent").astype(int))
    cast = base[votes["vote"] != "absent"].assign(
        abstain=(votes.loc[votes["vote"] != "absent", "vote"] == "abstain").astype(int)
    )
    results = [
        _logit(absent, f"absent ~ tkm + C(session) + {flags}", "rcid", ["tkm"]),
        _logit(cast, f"abstain ~ tkm + C(session) + {flags}", "rcid", ["tkm"]),
    ]
    return pd.concat(results).set_axis(pd.Index(["absent", "abstain"], name="outcome"))


# --- C3.6 international law: nuclear and disarmament votes, the CANWFZ -----------------


def group_agreement_index(
    group: Iterable[str] = C5,
    first: int = YEARS[0],
    last: int = YEARS[1],
    rollcalls: windows.RollcallSet = "all",
) -> pd.DataFrame:
    """The group's Hix-Noury-Roland agreement index on each roll call, with nu/di membership."""
    votes = labelled_votes(first, last, rollcalls)
    index = agreement.agreement_index(votes[votes["iso3"].isin(list(group))])
    calls = votes.drop_duplicates("rcid").set_index("rcid")
    nuclear = calls.loc[index.index, "nu"] | calls.loc[index.index, "di"]
    return pd.DataFrame(
        {
            "agreement_index": index,
            "nuclear or disarmament": nuclear.to_numpy(),
            "year": calls.loc[index.index, "year"].to_numpy(),
        }
    )


def nuclear_cohesion(
    group: Iterable[str] = C5,
    first: int = YEARS[0],
    last: int = YEARS[1],
    rollcalls: windows.RollcallSet = "all",
) -> pd.DataFrame:
    """Mean agreement index on nu/di roll calls and on the rest, with the difference's CI.

    The CI is the normal approximation with Welch's standard error (roll calls independent);
    ``p`` is the two-sided normal p-value of the difference.
    """
    frame = group_agreement_index(group, first, last, rollcalls)
    groups = frame.groupby("nuclear or disarmament")["agreement_index"]
    mean, var, n = groups.mean(), groups.var(), groups.size()
    diff = mean[True] - mean[False]
    se = float(np.sqrt(var[True] / n[True] + var[False] / n[False]))
    p = float(2 * norm.sf(abs(diff) / se)) if se > 0 else float("nan")
    return pd.DataFrame(
        {
            "nuclear/disarmament": [mean[True], n[True]],
            "other": [mean[False], n[False]],
            "difference": [diff, np.nan],
            "ci low": [diff - 1.96 * se, np.nan],
            "ci high": [diff + 1.96 * se, np.nan],
            "p": [p, np.nan],
        },
        index=["mean agreement index", "roll calls"],
    )


def canwfz_votes() -> pd.DataFrame:
    """The recorded votes on the Central Asian nuclear-weapon-free zone, with the nuclear powers."""
    calls = classified()
    calls = calls[calls["label"] == "canwfz"].set_index("rcid")
    votes = tables.votes()
    votes = votes[votes["rcid"].isin(calls.index)].assign(vote=lambda v: v["vote"].astype(str))
    wide = votes[votes["iso3"].isin([*C5, *NUCLEAR_POWERS])].pivot(
        index="rcid", columns="iso3", values="vote"
    )[[*C5, *NUCLEAR_POWERS]]
    counts = pd.crosstab(votes["rcid"], votes["vote"]).reindex(columns=VOTE_CHOICES, fill_value=0)
    table = calls[["date", "symbol", "title"]].join(wide).join(counts.add_prefix("world "))
    table["date"] = table["date"].dt.strftime("%Y-%m-%d")
    return table.reset_index()


# --- C3.7 order is not harmony -----------------------------------------------------------


@lru_cache(maxsize=16)
def all_pairs_median_by_year(
    measure: agreement.Measure = "kappa",
    first: int = YEARS[0],
    last: int = YEARS[1],
    rollcalls: windows.RollcallSet = "all",
) -> pd.Series:
    """Median ``measure`` over every pair of UN members, per calendar year (cached)."""
    votes = windows.window_votes(*YEARS, rollcalls)
    votes = votes[votes["year"].between(first, last)]
    medians = {}
    for year, chunk in votes.groupby("year", sort=True):
        scores = agreement.pairwise(agreement.vote_matrix(chunk), measure).to_numpy()
        medians[int(year)] = float(np.nanmedian(scores[np.triu_indices(len(scores), k=1)]))
    return pd.Series(medians, name="all pairs median").rename_axis("year")


def pair_scores_by_year(
    measure: agreement.Measure = "kappa",
    group: Iterable[str] = C5,
    first: int = YEARS[0],
    last: int = YEARS[1],
    rollcalls: windows.RollcallSet = "all",
) -> pd.DataFrame:
    """``measure`` of every pair of ``group`` per year, beside the median of all UN pairs.

    Columns: year, pair ("KAZ–KGZ"), value, all pairs median.
    """
    votes = windows.window_votes(first, last, rollcalls)
    pairs = windows.pair_agreement_by_year(votes, group, measure)
    pairs = pairs.assign(pair=pairs["a"] + "–" + pairs["b"])[["year", "pair", "value"]]
    median = all_pairs_median_by_year(measure, *YEARS, rollcalls)
    return pairs.assign(**{"all pairs median": pairs["year"].map(median)})


def least_aligned_by_year(
    measure: agreement.Measure = "kappa",
    group: Iterable[str] = C5,
    first: int = YEARS[0],
    last: int = YEARS[1],
    rollcalls: windows.RollcallSet = "all",
) -> pd.DataFrame:
    """Per year: the least-aligned pair of ``group``, its score, the group mean, the spread
    between the most- and least-aligned pair, and the median of all UN pairs."""
    pairs = pair_scores_by_year(measure, tuple(group), first, last, rollcalls).dropna(
        subset=["value"]
    )
    low = ordering.best_in_groups(pairs, "year", "value", "pair")
    summary = low[["pair", "value", "all pairs median"]].rename(
        columns={"pair": "least-aligned pair", "value": "lowest score"}
    )
    summary.insert(2, "group mean", pairs.groupby("year")["value"].mean())
    summary.insert(3, "spread", pairs.groupby("year")["value"].agg(lambda k: k.max() - k.min()))
    return summary


# --- C3.10 authoritarianism and great power management ---------------------------------


def shielding_votes() -> pd.DataFrame:
    """How the five voted on the country-specific texts aimed at one of them (all roll calls)."""
    votes = labelled_votes()
    targets = {"Turkmenistan": "TKM", "Uzbekistan": "UZB"}
    votes = votes[votes["target"].isin(targets) & votes["iso3"].isin(C5)]
    table = votes.pivot(
        index=["rcid", "year", "target", "procedural"], columns="iso3", values="vote"
    )[list(C5)]
    return table.reset_index()


def issue_alignment() -> pd.DataFrame:
    """The five's mean agreement with each power on all, country-specific HR and important votes."""
    votes = labelled_votes()
    subsets = {
        "all roll calls": votes,
        "country-specific human rights": votes[votes["hr_country"]],
        "US 'important' votes": votes[votes["important"]],
    }
    rows = {}
    for name, subset in subsets.items():
        scores = agreement.pairwise(agreement.vote_matrix(subset, [*C5, *GREAT_POWERS]))
        rows[name] = {p: float(scores.loc[list(C5), p].mean()) for p in GREAT_POWERS}
        rows[name]["roll calls"] = subset["rcid"].nunique()
    return pd.DataFrame(rows).T


# --- figures ------------------------------------------------------------------------------


#: Stances on a territorial roll call: colour (colour-blind safe) and the letter in the cell.
STANCE_STYLE = {
    "for": (plots.PALETTE[0], "F"),
    "against": (plots.PALETTE[3], "A"),
    "abstain": ("0.82", "ab"),
    "absent": ("white", ""),
}


def territorial_vote_grid(table: pd.DataFrame, states: tuple[str, ...]) -> pd.DataFrame:
    """One row per roll call (``date symbol kind``), one column per state: its stance."""
    stances = stance(table[list(states)], table["pro_vote"])
    kind = table["kind"].map(
        {"resolution": "", "no-action motion": " motion", "amendment": " amdt"}
    )
    label = table["date"].str.slice(0, 7) + "  " + table["symbol"].map(_short_symbol) + kind
    return pd.DataFrame(stances.to_numpy(), index=label.to_numpy(), columns=list(states))


def _short_symbol(symbol: str) -> str:
    return str(symbol).replace("A/RES/", "").replace("R/", "")


def plot_territorial_votes(table: pd.DataFrame, states: tuple[str, ...]) -> plt.Figure:
    """The votes themselves: one row per territorial roll call, one column per state, in two
    panels (roll calls Russia voted against territorial integrity on, and the others)."""
    opposed = russia_opposed(table)
    parts = [("Russia voted against integrity", table[opposed]), ("the others", table[~opposed])]
    heights = [max(len(part), 1) for _, part in parts]
    fig, axes = plt.subplots(
        2,
        1,
        figsize=(4.6, 0.24 * sum(heights) + 1.6),
        gridspec_kw={"height_ratios": heights},
        sharex=True,
    )
    order = list(STANCE_STYLE)
    cmap = ListedColormap([STANCE_STYLE[s][0] for s in order])
    for ax, (title, part) in zip(axes, parts):
        grid = territorial_vote_grid(part, states)
        codes = grid.apply(lambda c: c.map(order.index)).to_numpy(dtype=float)
        ax.imshow(codes, cmap=cmap, vmin=-0.5, vmax=len(order) - 0.5, aspect="auto")
        for (row, col), value in np.ndenumerate(grid.to_numpy()):
            ax.text(col, row, STANCE_STYLE[value][1], ha="center", va="center", fontsize=7)
        ax.set_yticks(range(len(grid)), grid.index, fontsize=7)
        ax.set_xticks(range(len(states)), states, fontsize=8)
        ax.set_xticks(np.arange(-0.5, len(states)), minor=True)
        ax.set_yticks(np.arange(-0.5, len(grid)), minor=True)
        ax.grid(which="minor", color="0.6", linewidth=0.5)
        ax.tick_params(which="minor", length=0)
        ax.set_title(f"Roll calls {title} ({len(grid)})", fontsize=9, loc="left")
    axes[0].xaxis.set_tick_params(labeltop=True, labelbottom=False)
    handles = [Patch(facecolor=STANCE_STYLE[s][0], edgecolor="0.5", label=s) for s in order]
    fig.legend(handles=handles, loc="lower center", ncol=4, fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return fig


def plot_hr_shares(ax: plt.Axes) -> plt.Axes:
    """Share of yes votes by actor on country-specific and thematic human-rights texts."""
    shares = hr_shares()
    sns.barplot(
        data=shares,
        x="actor",
        y="yes",
        hue="kind",
        ax=ax,
        palette=[plots.PALETTE[0], plots.PALETTE[7]],
    )
    ax.tick_params(axis="x", rotation=30)
    return plots.label(ax, "", "share of seats voting yes")


def plot_great_power_agreement(ax: plt.Axes) -> plt.Axes:
    """Mean agreement of the five with Russia, China and the US per year (band: range)."""
    table = agreement_by_year()
    stats = table.groupby(["year", "power"])["agreement"].agg(["mean", "min", "max"]).reset_index()
    for power in GREAT_POWERS:
        part = stats[stats["power"] == power]
        colour = plots.STATE_COLOURS[power]
        ax.plot(part["year"], part["mean"], color=colour, label=power, marker="o", ms=3)
        ax.fill_between(part["year"], part["min"], part["max"], color=colour, alpha=0.15)
    ax.set_ylim(0, 1)
    ax.legend(title="agreement with", loc="lower left")
    return plots.label(ax, "year", "share of votes in agreement")


def plot_ideal_points(ax: plt.Axes) -> plt.Axes:
    """Ideal points of the five (solid) and of Russia, China and the US (dashed), 1992-2024."""
    points = tables.ideal_points()
    points = points[points["year"].between(*IDEAL_YEARS)]
    for state in (*C5, *GREAT_POWERS):
        part = points[points["iso3"] == state]
        style = "--" if state in GREAT_POWERS else "-"
        ax.plot(
            part["year"],
            part["ideal_point"],
            style,
            color=plots.STATE_COLOURS[state],
            label=state,
            lw=2 if state in GREAT_POWERS else 1.3,
            marker=plots.STATE_MARKERS[state],
            ms=3.5,
            markevery=4,
        )
    ax.legend(ncol=4, loc="upper right", fontsize=9)
    return plots.label(ax, "year", "ideal point (Bailey–Strezhnev–Voeten)")


def plot_russia_minority(ax: plt.Axes) -> plt.Axes:
    """Stacked bars: following, abstaining, opposing a minority Russia, and absence.

    The four categories differ in lightness and hatch, so "abstains" and "absent" stay
    apart in greyscale and for colour-blind readers.
    """
    table = russia_minority_following()
    cast = 1 - table["absent"]
    parts = {
        "votes as Russia": table["follows Russia"] * cast,
        "abstains": table["abstains (Russia did not)"] * cast,
        "votes the other way": table["opposes Russia"] * cast,
        "absent": table["absent"],
    }
    bottom = np.zeros(len(table))
    for (name, values), style in zip(parts.items(), plots.SHARES, strict=True):
        ax.bar(
            table.index, values, bottom=bottom, label=name, edgecolor="0.15", linewidth=0.4, **style
        )
        bottom += values.to_numpy()
    ax.legend(loc="upper center", ncol=4, fontsize=9, bbox_to_anchor=(0.5, -0.1))
    return plots.label(ax, "", "share of roll calls with Russia in a minority")


def plot_absence(ax: plt.Axes) -> plt.Axes:
    """Share of roll calls each of the five missed, per year."""
    table = participation_by_year()
    for state in C5:
        part = table[table["state"] == state]
        ax.plot(
            part["year"],
            part["absent"],
            color=plots.STATE_COLOURS[state],
            label=state,
            marker=plots.STATE_MARKERS[state],
            ms=4,
        )
    ax.legend(ncol=5, loc="upper left")
    return plots.label(ax, "year", "share of roll calls absent")


def plot_pair_kappa(ax: plt.Axes, highlight: str = "TJK–UZB") -> plt.Axes:
    """Kappa of every C5 pair per year (grey), one pair highlighted, all-pairs median dashed."""
    pairs = pair_scores_by_year("kappa")
    for pair, part in pairs.groupby("pair"):
        if pair != highlight:
            ax.plot(part["year"], part["value"], color=plots.GREY, lw=0.8, alpha=0.6)
    part = pairs[pairs["pair"] == highlight]
    ax.plot(part["year"], part["value"], color=plots.PALETTE[3], lw=2.2, label=highlight)
    median = pairs.drop_duplicates("year")
    ax.plot(
        median["year"],
        median["all pairs median"],
        "--",
        color="black",
        label="median of all UN pairs",
    )
    ax.legend(loc="lower left", fontsize=9)
    return plots.label(ax, "year", "Cohen's kappa")
