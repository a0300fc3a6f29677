"""Chapter 1: testing the "failed region" diagnoses against General Assembly votes.

The regionalism literature that Costa Buranelli (2021, §1) reviews paints Central Asia as
non-cooperative, as "the region that isn't", as pulled apart by outside powers, and, since
2016, as swept by "a new wind of regionalism". Each picture has an observable implication
for how the five states (C5) vote in the UN General Assembly. This module computes them:

* **cohesion against baselines** (claims C1.1, C1.5): mean pairwise score among the five in
  1992-2019 under five measure variants (raw agreement, Lijphart, Cohen's kappa, and raw
  agreement and kappa on contested roll calls only), beside regional groups (membership by
  date) and 10,000 random five-state groups from a participation-matched pool;
* **clustering and scaling** (C1.2): hierarchical clustering and classical MDS of the
  voting profiles (distance ``1 - kappa``) of the five, their neighbours and distant
  reference states, by period;
* **great-power pull** (C1.3): each state's kappa with the other four against its kappa
  with Russia and China, by period;
* **a new wind** (C1.4): per-session C5 cohesion and Uzbekistan's alignment with the other
  four, with an interrupted time series at session 72 (:mod:`caorder.timeseries`).

One evaluator per claim turns the evidence into a verdict by the rule in its docstring.
Absences are left out of every score (see :mod:`caorder.agreement`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from scipy.cluster import hierarchy
from scipy.spatial.distance import squareform

from caorder import agreement, countries, plots, tables, timeseries
from caorder.claims import Verdict, evaluator
from caorder.countries import C5

YEARS = (1992, 2019)  #: the C5 joined the UN in March 1992; the canonical data end in 2019
COMPARISON_GROUPS = ("ASEAN", "EU", "VISEGRAD", "NORDIC", "GCC", "MERCOSUR",
                     "SOUTH_CAUCASUS", "CIS")
PERIODS = {"1992–1999": (1992, 1999), "2000–2007": (2000, 2007),
           "2008–2015": (2008, 2015), "2016–2019": (2016, 2019)}
N_GROUPS = 10_000
SEED = 20210301
CONTESTED_THRESHOLD = 0.10
GREAT_POWERS = ("RUS", "CHN", "USA")
#: Sessions 47 (Sept 1992) to 74 (Sept 2019 - Jan 2020): every full session with the five.
SESSIONS = (47, 74)
#: First session after Mirziyoyev's election (Dec 2016); session 71 (Oct 2016 - Sept 2017)
#: already fell under him as acting president, so it is the alternative break.
BREAK_SESSION = 72
ALTERNATIVE_BREAK = 71
#: A rise in session cohesion worth calling "a new wind": 0.10 kappa, about one standard
#: deviation of the per-session C5 cohesion series and the gap between the lowest and the
#: highest of the four period means.
MEANINGFUL_RISE = 0.10


@dataclass(frozen=True)
class MeasureSpec:
    """A measure variant: which pairwise measure, on all or only contested roll calls."""

    label: str
    measure: agreement.Measure
    contested: bool


MEASURE_SPECS = (
    MeasureSpec("raw agreement", "agreement", False),
    MeasureSpec("Lijphart", "lijphart", False),
    MeasureSpec("kappa", "kappa", False),
    MeasureSpec("agreement, contested", "agreement", True),
    MeasureSpec("kappa, contested", "kappa", True),
)
KAPPA = MEASURE_SPECS[2]


# --- data ---------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def window_votes(first: int = YEARS[0], last: int = YEARS[1]) -> pd.DataFrame:
    """Long votes (rcid, iso3, vote, date, year, session) on roll calls held in these years."""
    calls = tables.rollcalls()[["rcid", "date", "session"]]
    calls = calls[calls["date"].dt.year.between(first, last)]
    frame = tables.votes()[["rcid", "iso3", "vote"]].merge(calls, on="rcid")
    return frame.assign(year=frame["date"].dt.year)


def select(votes: pd.DataFrame, contested: bool) -> pd.DataFrame:
    """All votes, or only those on contested roll calls (see :func:`agreement.contested_rcids`)."""
    if not contested:
        return votes
    return votes[votes["rcid"].isin(agreement.contested_rcids(votes, CONTESTED_THRESHOLD))]


@lru_cache(maxsize=16)
def window_selection(first: int, last: int, contested: bool) -> pd.DataFrame:
    """:func:`select` applied to :func:`window_votes` (cached: contested roll calls are costly)."""
    return select(window_votes(first, last), contested)


@lru_cache(maxsize=64)
def scores(first: int, last: int, spec: MeasureSpec) -> pd.DataFrame:
    """Pairwise scores of every state over the roll calls of ``first``-``last`` (cached)."""
    votes = window_selection(first, last, spec.contested)
    return agreement.pairwise(agreement.vote_matrix(votes), spec.measure)


def participation(votes: pd.DataFrame) -> pd.Series:
    """Share of the window's roll calls on which each state cast a vote, sorted by state."""
    cast = votes[votes["vote"].astype(str) != "absent"]
    return (cast.groupby("iso3")["rcid"].nunique() / votes["rcid"].nunique()).sort_index()


def matched_pool(votes: pd.DataFrame, reference: tuple[str, ...] = C5) -> list[str]:
    """States whose participation lies within the range of the ``reference`` states' rates.

    Random groups are drawn from this pool, so that they are as often absent as the five
    are (Turkmenistan voted on far fewer roll calls than Kazakhstan). The reference states
    themselves are in the pool.
    """
    rates = participation(votes)
    low, high = rates.loc[list(reference)].min(), rates.loc[list(reference)].max()
    return sorted(rates.index[rates.between(low, high)])


# --- groups with membership by date -------------------------------------------------------


def membership_mask(key: str, dates: pd.Series) -> pd.DataFrame:
    """Roll calls x ever-members of group ``key``: True where the state was a member that day."""
    group = countries.group(key)
    days = pd.to_datetime(dates).to_numpy(dtype="datetime64[D]")
    mask = pd.DataFrame(False, index=range(len(days)), columns=group.ever)
    for member in group.members:
        after = days >= np.datetime64(member.joined) if member.joined else True
        before = days <= np.datetime64(member.left) if member.left else True
        mask[member.iso3] = mask[member.iso3].to_numpy() | (after & before)
    return mask


def dated_group_matrix(votes: pd.DataFrame, key: str) -> agreement.VoteMatrix:
    """Vote matrix of a group's ever-members with votes cast outside membership spells removed.

    A pair is then scored only on roll calls where both states belonged to the group, which
    is how the EU's enlargements or Uzbekistan's spells in the CSTO are handled.
    """
    members = sorted(set(countries.group(key).ever) & set(votes["iso3"].unique()))
    votes = votes[votes["iso3"].isin(members)]
    matrix = agreement.vote_matrix(votes, members)
    dates = votes.drop_duplicates("rcid").set_index("rcid")["date"].loc[matrix.rcids]
    keep = membership_mask(key, dates.reset_index(drop=True))[members].to_numpy(float)
    return agreement.VoteMatrix(matrix.rcids, members, matrix.yes * keep, matrix.no * keep,
                                matrix.abstain * keep)


def dated_cohesion(votes: pd.DataFrame, key: str, measure: agreement.Measure) -> float:
    """Mean pairwise ``measure`` among a group's members, each pair over shared membership."""
    matrix = dated_group_matrix(votes, key)
    return agreement.group_cohesion(agreement.pairwise(matrix, measure), matrix.states)


def cohesion_table(first: int = YEARS[0], last: int = YEARS[1],
                   keys: tuple[str, ...] = ("C5", *COMPARISON_GROUPS)) -> pd.DataFrame:
    """Groups (rows, sorted by kappa) x measure variants (columns): dated group cohesion."""
    table = pd.DataFrame(
        {spec.label: [dated_cohesion(window_selection(first, last, spec.contested), key,
                                     spec.measure) for key in keys] for spec in MEASURE_SPECS},
        index=pd.Index(keys, name="group"),
    )
    return table.sort_values(KAPPA.label, ascending=False)


def group_ranks(table: pd.DataFrame) -> pd.Series:
    """Rank of the C5 among the groups of :func:`cohesion_table` under each measure (1 = top)."""
    return table.rank(ascending=False, method="min").loc["C5"].astype(int)


# --- random baseline ----------------------------------------------------------------------


def draw_groups(n_pool: int, size: int, n_groups: int = N_GROUPS, seed: int = SEED) -> np.ndarray:
    """``n_groups`` x ``size`` positions in a pool, without replacement within a group.

    Drawn exactly as :func:`agreement.random_group_cohesion` draws them, so the two agree.
    """
    rng = np.random.default_rng(seed)
    return rng.random((n_groups, n_pool)).argsort(axis=1)[:, :size]


def groups_cohesion(values: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Mean pairwise score of each group (rows of positions) read from a score matrix at once."""
    first, second = np.triu_indices(groups.shape[1], k=1)
    return np.nanmean(values[groups[:, first], groups[:, second]], axis=1)


def random_baseline(table: pd.DataFrame, pool: list[str], size: int = 5,
                    n_groups: int = N_GROUPS, seed: int = SEED) -> np.ndarray:
    """Cohesion of ``n_groups`` random groups of ``size`` states from ``pool`` (vectorised)."""
    pool = [state for state in pool if state in table.index]
    values = table.loc[pool, pool].to_numpy()
    return groups_cohesion(values, draw_groups(len(pool), size, n_groups, seed))


def loop_group_agreement(votes: pd.DataFrame, members: list[str]) -> float:
    """Reference implementation: raw agreement of a group, pair by pair, with pandas merges.

    For each pair, the two states' cast votes are merged on roll call and the share of
    identical votes is taken; the group's value is the mean over pairs. Slow by design: it
    is the straightforward loop that the vectorised baseline is tested and timed against.
    """
    cast = votes[votes["vote"].astype(str) != "absent"][["rcid", "iso3", "vote"]]
    values = []
    for first, second in combinations(members, 2):
        left = cast[cast["iso3"] == first]
        right = cast[cast["iso3"] == second]
        both = left.merge(right, on="rcid", suffixes=("_a", "_b"))
        values.append((both["vote_a"].astype(str) == both["vote_b"].astype(str)).mean())
    return float(np.mean(values))


def percentile(observed: float, baseline: np.ndarray) -> float:
    """Share (in %) of finite baseline values strictly below ``observed``."""
    baseline = baseline[np.isfinite(baseline)]
    return float(100.0 * np.mean(baseline < observed))


def baseline_values(spec: MeasureSpec = KAPPA, n_groups: int = N_GROUPS) -> np.ndarray:
    """The 1992-2019 random-group cohesions behind one row of :func:`baseline_table`."""
    pool = matched_pool(window_votes())
    return random_baseline(scores(*YEARS, spec), pool, len(C5), n_groups)


@lru_cache(maxsize=4)
def baseline_table(first: int = YEARS[0], last: int = YEARS[1],
                   n_groups: int = N_GROUPS) -> pd.DataFrame:
    """Per measure variant: C5 cohesion, random median / 5th / 95th percentile, C5 percentile.

    Random groups of five come from :func:`matched_pool`; the same groups are used for every
    measure (fixed seed), so the rows differ only by the measure.
    """
    votes = window_votes(first, last)
    pool = matched_pool(votes)
    rows = []
    for spec in MEASURE_SPECS:
        table = scores(first, last, spec)
        baseline = random_baseline(table, pool, len(C5), n_groups)
        c5 = agreement.group_cohesion(table, C5)
        rows.append({"measure": spec.label, "C5": c5,
                     "random median": float(np.nanmedian(baseline)),
                     "random p5": float(np.nanpercentile(baseline, 5)),
                     "random p95": float(np.nanpercentile(baseline, 95)),
                     "C5 percentile": percentile(c5, baseline), "pool": len(pool)})
    return pd.DataFrame(rows).set_index("measure")


# --- clustering and scaling (C1.2) --------------------------------------------------------


def profile_states() -> list[str]:
    """The five, their neighbours, and the distant reference states (in that order)."""
    return [*C5, *countries.group("NEIGHBOURS").ever, *countries.group("REFERENCE_DISTANT").ever]


def distance_matrix(table: pd.DataFrame, states: list[str]) -> pd.DataFrame:
    """``1 - score`` among ``states``: symmetric, zero diagonal (a kappa or agreement distance)."""
    distance = 1.0 - table.loc[states, states]
    distance = (distance + distance.T) / 2
    values = distance.to_numpy(copy=True)
    np.fill_diagonal(values, 0.0)
    if np.isnan(values).any():
        raise ValueError("Some pairs have no score; drop those states before clustering.")
    return pd.DataFrame(values, index=states, columns=states)


def linkage(distance: pd.DataFrame, method: str = "average") -> np.ndarray:
    """Hierarchical clustering (scipy; average linkage = UPGMA by default)."""
    return hierarchy.linkage(squareform(distance.to_numpy(), checks=False), method=method)


def smallest_clade(tree: np.ndarray, labels: list[str], targets: tuple[str, ...]) -> list[str]:
    """Members of the smallest dendrogram cluster that contains every state in ``targets``."""
    root = hierarchy.to_tree(tree)
    wanted = {labels.index(t) for t in targets}
    best = root
    stack = [root]
    while stack:
        node = stack.pop()
        ids = set(node.pre_order())
        if wanted <= ids:
            if node.get_count() < best.get_count():
                best = node
            stack.extend(child for child in (node.get_left(), node.get_right()) if child)
    return sorted(labels[i] for i in best.pre_order())


def largest_pure_cluster(tree: np.ndarray, labels: list[str],
                         targets: tuple[str, ...]) -> list[str]:
    """Members of the largest dendrogram cluster made only of states in ``targets``.

    Among equally large clusters the tighter one (lower merge height) wins. A single state
    counts as a cluster of one.
    """
    candidates = []
    stack = [hierarchy.to_tree(tree)]
    while stack:
        node = stack.pop()
        leaves = sorted(labels[i] for i in node.pre_order())
        if set(leaves) <= set(targets):
            candidates.append((-len(leaves), node.dist, leaves))
        else:
            stack.extend(child for child in (node.get_left(), node.get_right()) if child)
    return min(candidates)[2] if candidates else []


def nearest_neighbours(distance: pd.DataFrame) -> pd.Series:
    """Each state's closest other state (ties: alphabetical)."""
    values = distance.to_numpy(copy=True)
    np.fill_diagonal(values, np.inf)
    frame = pd.DataFrame(values, index=distance.index, columns=distance.columns)
    return frame.apply(lambda row: row.sort_index().idxmin(), axis=1)


def classical_mds(distance: pd.DataFrame, dimensions: int = 2) -> pd.DataFrame:
    """Classical (Torgerson) multidimensional scaling of a distance matrix, in numpy.

    Double-centre the squared distances, take the leading eigenvectors scaled by the root
    of their eigenvalues. Signs are fixed so that the first listed state has non-negative
    coordinates (a deterministic orientation; MDS axes have no inherent sign).
    """
    squared = distance.to_numpy() ** 2
    n = len(squared)
    centring = np.eye(n) - np.ones((n, n)) / n
    inner = -0.5 * centring @ squared @ centring
    eigenvalues, eigenvectors = np.linalg.eigh(inner)
    order = np.argsort(eigenvalues)[::-1][:dimensions]
    coords = eigenvectors[:, order] * np.sqrt(np.clip(eigenvalues[order], 0, None))
    coords *= np.where(coords[0] < 0, -1.0, 1.0)
    return pd.DataFrame(coords, index=distance.index,
                        columns=[f"dim{k + 1}" for k in range(dimensions)])


def period_distance(period: str, spec: MeasureSpec = KAPPA) -> pd.DataFrame:
    """Distance matrix of :func:`profile_states` over one period of :data:`PERIODS`."""
    return distance_matrix(scores(*PERIODS[period], spec), profile_states())


def clustering_by_period(spec: MeasureSpec = KAPPA) -> pd.DataFrame:
    """Per period: the smallest cluster holding the five, outsiders in it, C5 nearest neighbours.

    ``c5_only_clade`` is True when the five form a cluster of their own; ``largest C5-only
    cluster`` lists the largest cluster made only of Central Asian states; ``c5_nn`` counts
    the members of the five whose nearest state is another of the five.
    """
    rows = []
    for period in PERIODS:
        distance = period_distance(period, spec)
        clade = smallest_clade(linkage(distance), list(distance.index), C5)
        outsiders = [s for s in clade if s not in C5]
        nearest = nearest_neighbours(distance).loc[list(C5)]
        pure = largest_pure_cluster(linkage(distance), list(distance.index), C5)
        rows.append({"period": period, "clade_size": len(clade),
                     "outsiders": ", ".join(outsiders) or "none",
                     "c5_only_clade": not outsiders,
                     "largest C5-only cluster": ", ".join(pure),
                     "c5_nn": int(nearest.isin(C5).sum()),
                     "nearest": ", ".join(f"{s}→{n}" for s, n in nearest.items())})
    return pd.DataFrame(rows)


# --- great-power pull (C1.3) --------------------------------------------------------------


def great_power_pull(spec: MeasureSpec = KAPPA) -> pd.DataFrame:
    """Per period and C5 state: mean score with the other four, and with RUS, CHN and USA.

    ``closer power`` is the larger of the scores with Russia and China; ``margin`` is the
    within-C5 score minus it (positive: the state votes more with its neighbours).
    """
    rows = []
    for period, (first, last) in PERIODS.items():
        table = scores(first, last, spec)
        for state in C5:
            others = [s for s in C5 if s != state]
            row = {"period": period, "state": state,
                   "other C5": float(table.loc[state, others].mean())}
            row.update({power: float(table.at[state, power]) for power in GREAT_POWERS})
            row["closer power"] = max(row["RUS"], row["CHN"])
            row["margin"] = row["other C5"] - row["closer power"]
            rows.append(row)
    return pd.DataFrame(rows)


# --- per-session series (C1.4) ------------------------------------------------------------


@lru_cache(maxsize=4)
def session_scores(spec: MeasureSpec = KAPPA) -> dict[int, pd.DataFrame]:
    """Pairwise scores among the five for each session in :data:`SESSIONS`."""
    calls = tables.rollcalls()[["rcid", "session"]]
    calls = calls[calls["session"].between(*SESSIONS)]
    votes = tables.votes()[["rcid", "iso3", "vote"]]
    votes = votes[votes["iso3"].isin(C5)].merge(calls, on="rcid")
    if spec.contested:
        everyone = tables.votes().merge(calls, on="rcid")
        votes = votes[votes["rcid"].isin(agreement.contested_rcids(everyone,
                                                                   CONTESTED_THRESHOLD))]
    return {int(session): agreement.pairwise(agreement.vote_matrix(chunk, C5), spec.measure)
            for session, chunk in votes.groupby("session", sort=True)}


def session_series(spec: MeasureSpec = KAPPA) -> pd.DataFrame:
    """Per session: C5 cohesion and Uzbekistan's mean score with the other four."""
    rows = [{"session": session, "C5 cohesion": agreement.group_cohesion(table, C5),
             "UZB with other four": float(table.loc["UZB", [s for s in C5 if s != "UZB"]].mean())}
            for session, table in session_scores(spec).items()]
    return pd.DataFrame(rows).set_index("session")


def new_wind_tests(spec: MeasureSpec = KAPPA) -> pd.DataFrame:
    """ITS at :data:`BREAK_SESSION` (and the alternative break) for both session series.

    Columns: the model ("trend": level shift on a linear trend, the main model; "level
    only": a difference in means with HAC errors), the ITS fit, and the placebo rank of the real level change among placebo
    breaks fitted on pre-break windows of the same shape.
    """
    series = session_series(spec)
    rows = []
    for column in series.columns:
        for model, trend in (("trend", True), ("level only", False)):
            for at in (BREAK_SESSION, ALTERNATIVE_BREAK):
                fit = timeseries.its_fit(series[column], at, trend=trend)
                placebos = timeseries.placebo_breaks(series[column], at, trend=trend)
                rank = timeseries.placebo_rank(fit.level_change, placebos["level_change"])
                rows.append({"series": column, "model": model, **fit.as_row(),
                             "placebo rank": rank, "placebos": len(placebos)})
    return pd.DataFrame(rows).drop(columns=["slope_change"])


def main_its(column: str, spec: MeasureSpec = KAPPA) -> timeseries.ITSResult:
    """The main ITS fit (trend model, break at session 72) of one session series."""
    return timeseries.its_fit(session_series(spec)[column], BREAK_SESSION)


def main_placebos(column: str, spec: MeasureSpec = KAPPA) -> pd.DataFrame:
    """Placebo breaks for the main ITS model of one session series."""
    return timeseries.placebo_breaks(session_series(spec)[column], BREAK_SESSION)


# --- EU benchmark (C1.5) ------------------------------------------------------------------


def c5_vs_eu(spec: MeasureSpec = KAPPA) -> pd.DataFrame:
    """Per period: dated cohesion of the C5 and the EU, and the random-group median."""
    rows = []
    for period, (first, last) in PERIODS.items():
        votes = window_selection(first, last, spec.contested)
        baseline = random_baseline(scores(first, last, spec), matched_pool(votes), 5, 2_000)
        rows.append({"period": period,
                     "C5": dated_cohesion(votes, "C5", spec.measure),
                     "EU": dated_cohesion(votes, "EU", spec.measure),
                     "random median": float(np.nanmedian(baseline))})
    return pd.DataFrame(rows)


# --- figures ------------------------------------------------------------------------------


def plot_baseline(ax: plt.Axes, spec: MeasureSpec = KAPPA) -> plt.Axes:
    """Histogram of random-group cohesion with the C5 and the regional groups marked."""
    sns.histplot(baseline_values(spec), bins=60, color=plots.GREY, ax=ax, stat="count")
    groups = cohesion_table()[spec.label]
    for k, (key, value) in enumerate(groups.items()):
        colour = plots.PALETTE[1] if key == "C5" else plots.PALETTE[0]
        ax.axvline(value, color=colour, lw=2.5 if key == "C5" else 1, ls="-" if key == "C5" else ":")
        height = ax.get_ylim()[1] * (0.95 - 0.07 * (k % 5))
        ax.annotate(plots.group_label(key), (value, height), rotation=90, fontsize=8,
                    ha="right", va="top", color=colour)
    return plots.label(ax, f"group cohesion ({spec.label}), 1992–2019", "random groups (count)")


def plot_dendrograms(fig: plt.Figure, spec: MeasureSpec = KAPPA) -> plt.Figure:
    """One dendrogram per period (distance 1 - kappa), Central Asian leaves in colour.

    The trees lie on their side, so each state's label has a line of its own and stays
    readable at the width of the text column.
    """
    fig.set_size_inches(plots.COLUMN_WIDTH, 9.5)
    axes = fig.subplots(2, 2)
    for ax, period in zip(axes.flat, PERIODS):
        distance = period_distance(period, spec)
        hierarchy.dendrogram(linkage(distance), labels=list(distance.index), ax=ax,
                             orientation="left", color_threshold=0,
                             above_threshold_color=plots.GREY, leaf_font_size=9)
        for tick in ax.get_yticklabels():
            if tick.get_text() in C5:
                tick.set_color(plots.STATE_COLOURS[tick.get_text()])
                tick.set_fontweight("bold")
        ax.grid(False)
        plots.label(ax, f"distance ({spec.label}: 1 − score)", "", period)
    fig.tight_layout()
    return fig


def plot_mds(fig: plt.Figure, spec: MeasureSpec = KAPPA) -> plt.Figure:
    """Classical MDS maps of the 22 states, one per period; labels moved apart (adjustText)."""
    from adjustText import adjust_text

    fig.set_size_inches(plots.COLUMN_WIDTH, 8.0)
    axes = fig.subplots(2, 2)
    for ax, period in zip(axes.flat, PERIODS):
        coords = classical_mds(period_distance(period, spec))
        central = coords.index.isin(C5)
        ax.scatter(coords.loc[~central, "dim1"], coords.loc[~central, "dim2"],
                   color=plots.GREY, s=18)
        for state in coords.index[central]:
            ax.scatter(coords.loc[state, "dim1"], coords.loc[state, "dim2"], s=34,
                       color=plots.STATE_COLOURS[state], marker=plots.STATE_MARKERS[state])
        texts = [ax.text(row["dim1"], row["dim2"], state, fontsize=8.5,
                         fontweight="bold" if state in C5 else "normal",
                         color=plots.STATE_COLOURS[state] if state in C5 else "0.2")
                 for state, row in coords.iterrows()]
        adjust_text(texts, ax=ax, x=coords["dim1"].to_numpy(), y=coords["dim2"].to_numpy(),
                    arrowprops={"arrowstyle": "-", "color": "0.6", "lw": 0.5})
        plots.label(ax, "MDS dimension 1", "MDS dimension 2", period)
    fig.tight_layout()
    return fig


def plot_pull(ax: plt.Axes, spec: MeasureSpec = KAPPA) -> plt.Axes:
    """Each state's score with the other four, Russia, China and the USA, by period."""
    table = great_power_pull(spec).melt(id_vars=["period", "state"],
                                        value_vars=["other C5", *GREAT_POWERS],
                                        var_name="partner", value_name="score")
    sns.pointplot(table, x="period", y="score", hue="partner", errorbar=("pi", 100),
                  dodge=0.4, linestyle="none", palette=plots.PALETTE[:4], ax=ax)
    ax.axhline(0, color="0.3", lw=0.8)
    ax.set_ylim(-0.25, 0.85)
    ax.legend(title=None, ncol=4, loc="upper center")
    return plots.label(ax, "period", f"{spec.label} (mean over the five; bars: range)")


def plot_sessions(ax: plt.Axes, spec: MeasureSpec = KAPPA) -> plt.Axes:
    """Per-session series with the ITS fit (trend model) and the break marked."""
    series = session_series(spec)
    for k, column in enumerate(series.columns):
        data = series[column].dropna()
        fit = timeseries.its_fit(data, BREAK_SESSION)
        exog = timeseries.design(data.index, BREAK_SESSION)
        fitted = exog[fit.params.index].to_numpy() @ fit.params["coef"].to_numpy()
        ax.plot(data.index, data, marker="o", ms=3, lw=1, color=plots.PALETTE[k], label=column)
        ax.plot(data.index, fitted, lw=2, ls="--", color=plots.PALETTE[k])
    ax.axvline(BREAK_SESSION - 0.5, color="0.3", lw=1)
    ax.legend(loc="upper right")
    return plots.label(ax, "UNGA session (47 = 1992–93, 74 = 2019–20)", f"{spec.label}")


def plot_placebos(ax: plt.Axes, spec: MeasureSpec = KAPPA) -> plt.Axes:
    """Placebo level changes against the real one, for both session series."""
    frames = [main_placebos(column, spec).assign(series=column)
              for column in session_series(spec).columns]
    table = pd.concat(frames)
    sns.stripplot(table, x="level_change", y="series", color=plots.GREY, size=6, ax=ax)
    for k, column in enumerate(session_series(spec).columns):
        ax.scatter(main_its(column, spec).level_change, k, color=plots.PALETTE[1], s=120,
                   marker="D", zorder=3, label="real break (session 72)" if k == 0 else None)
    ax.axvline(0, color="0.3", lw=0.8)
    ax.legend(loc="center")
    return plots.label(ax, f"ITS level change ({spec.label})", "")


def plot_eu(ax: plt.Axes, spec: MeasureSpec = KAPPA) -> plt.Axes:
    """C5 and EU cohesion by period beside the random-group median."""
    table = c5_vs_eu(spec).melt(id_vars="period", var_name="group", value_name="cohesion")
    sns.barplot(table, x="period", y="cohesion", hue="group",
                palette=[plots.PALETTE[1], plots.PALETTE[0], plots.GREY], ax=ax)
    ax.set_ylim(0, 1.1)
    ax.legend(title=None, ncol=3, loc="upper left")
    return plots.label(ax, "period", f"group cohesion ({spec.label})")


# --- verdicts -----------------------------------------------------------------------------


@evaluator("C1.1")
def claim_c1_1() -> Verdict:
    """The five are "pathologically non-cooperative": their voting cohesion is low.

    Rule: take the C5 percentile among 10,000 random five-state groups (participation-matched
    pool, 1992-2019) under each of the five measure variants. Supports if it is below 25
    under every measure; contradicts if it is above 75 under every measure; mixed otherwise.
    The key number is the lowest of the five percentiles.
    """
    table = baseline_table()
    low = float(table["C5 percentile"].min())
    kappa = table.loc[KAPPA.label]
    if (table["C5 percentile"] > 75).all():
        verdict = "contradicts"
    elif (table["C5 percentile"] < 25).all():
        verdict = "supports"
    else:
        verdict = "mixed"
    summary = (f"C5 kappa cohesion 1992-2019 is {kappa['C5']:.2f} against a random-group "
               f"median of {kappa['random median']:.2f}; under every measure the five are more "
               f"cohesive than at least {low:.0f}% of random five-state groups.")
    return Verdict("C1.1", verdict, "lowest C5 percentile among random groups (5 measures)",
                   round(low, 1), summary)


@evaluator("C1.2")
def claim_c1_2() -> Verdict:
    """Central Asia is "the region that isn't": the five do not form a voting cluster.

    Rule: cluster (average linkage, distance 1 - kappa) the five, their ten neighbours and
    seven distant states in each of four periods. Supports if in no period the five form a
    cluster of their own and in every period at most two of the five have another C5 state
    as nearest neighbour; contradicts if the five form their own cluster in at least three
    of the four periods; mixed otherwise. Key number: periods with a C5-only cluster.
    """
    table = clustering_by_period()
    own = int(table["c5_only_clade"].sum())
    if own >= 3:
        verdict = "contradicts"
    elif own == 0 and (table["c5_nn"] <= 2).all():
        verdict = "supports"
    else:
        verdict = "mixed"
    summary = (f"The five form a cluster of their own in {own} of {len(table)} periods; the "
               f"smallest cluster holding all five has {table['clade_size'].min()} to "
               f"{table['clade_size'].max()} of the 22 states, while {table['c5_nn'].min()} to "
               f"{table['c5_nn'].max()} of the five have another Central Asian state as "
               f"nearest neighbour.")
    return Verdict("C1.2", verdict, "periods (of 4) in which the five form their own cluster",
                   own, summary)


@evaluator("C1.3")
def claim_c1_3() -> Verdict:
    """The pull on the five is "exogenous and centrifugal": they vote more with Russia or China.

    Rule: over the 20 state-periods (5 states x 4 periods), count those where a state's mean
    kappa with the other four exceeds its kappa with the closer of Russia and China.
    Contradicts if that share is at least 75%; supports if it is at most 25%; mixed
    otherwise. Key number: the share in %.
    """
    table = great_power_pull()
    share = float(100.0 * (table["margin"] > 0).mean())
    if share >= 75:
        verdict = "contradicts"
    elif share <= 25:
        verdict = "supports"
    else:
        verdict = "mixed"
    summary = (f"In {share:.0f}% of state-periods a Central Asian state agrees more with its "
               f"four neighbours than with Russia or China (median margin "
               f"{table['margin'].median():+.2f} in kappa).")
    return Verdict("C1.3", verdict, "% of state-periods closer to the other four than to RUS/CHN",
                   round(share, 1), summary)


@evaluator("C1.4")
def claim_c1_4() -> Verdict:
    """"A new wind of regionalism" since 2016: C5 cohesion rises after session 72.

    Rule: for both session series (C5 kappa cohesion; Uzbekistan's kappa with the other
    four), fit the ITS with a break at session 72. Supports if both level changes are
    positive, HAC p < 0.05 and larger than 90% of placebo effects. Contradicts if neither
    level change is larger than half of the placebo effects (or both are negative) *and*
    the 95% CI of the C5 cohesion change excludes a rise of :data:`MEANINGFUL_RISE` (so
    that a null result from three sessions is not read as evidence of absence unless it is
    precise). Mixed otherwise. Key number: the level change of C5 cohesion.
    """
    tests = new_wind_tests().query("break_at == @BREAK_SESSION and model == 'trend'")
    tests = tests.set_index("series")
    rises = tests["level_change"] > 0
    strong = rises & (tests["level_p"] < 0.05) & (tests["placebo rank"] > 90)
    c5 = tests.loc["C5 cohesion"]
    uzb = tests.loc["UZB with other four"]
    upper = c5["ci_high"]
    weak = ((~rises) | (tests["placebo rank"] <= 50)).all()
    if strong.all():
        verdict = "supports"
    elif weak and upper < MEANINGFUL_RISE:
        verdict = "contradicts"
    else:
        verdict = "mixed"
    summary = (f"After session 72, C5 kappa cohesion shifts by {c5['level_change']:+.3f} "
               f"(HAC p = {c5['level_p']:.2f}, 95% CI up to {upper:+.2f}; larger than "
               f"{c5['placebo rank']:.0f}% of placebo breaks); Uzbekistan's alignment with the "
               f"other four by {uzb['level_change']:+.3f} (p = {uzb['level_p']:.2f}, placebo "
               f"rank {uzb['placebo rank']:.0f}%). Only three sessions follow the break.")
    return Verdict("C1.4", verdict, "ITS level change in C5 kappa cohesion at session 72",
                   round(float(c5["level_change"]), 3), summary)


@evaluator("C1.5")
def claim_c1_5() -> Verdict:
    """The Eurocentric benchmark makes the five look "failed" where other baselines do not.

    Rule (pooled 1992-2019 kappa): supports if C5 cohesion is below the EU's but above both
    the random-group median and the median of the non-EU comparison groups (the "failure"
    then depends on the European yardstick); contradicts if the C5 is at or above the EU, or
    below the random median (no benchmark effect either way); mixed otherwise. Key number:
    C5 minus EU kappa.
    """
    table = cohesion_table()[KAPPA.label]
    c5, eu = float(table["C5"]), float(table["EU"])
    others = float(table.drop(["C5", "EU"]).median())
    random_median = float(baseline_table().loc[KAPPA.label, "random median"])
    if c5 < eu and c5 > random_median and c5 > others:
        verdict = "supports"
    elif c5 >= eu or c5 < random_median:
        verdict = "contradicts"
    else:
        verdict = "mixed"
    summary = (f"C5 kappa cohesion {c5:.2f} against the EU's {eu:.2f}, a median of {others:.2f} "
               f"for the other regional groups and {random_median:.2f} for random groups.")
    return Verdict("C1.5", verdict, "C5 minus EU kappa cohesion, 1992-2019",
                   round(c5 - eu, 3), summary)
