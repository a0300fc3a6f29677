"""Chapter 1: the "failed region" diagnoses and General Assembly votes (the analyses).

The regionalism literature that Costa Buranelli (2021, §1) reviews paints Central Asia as
non-cooperative, as "the region that isn't", as pulled apart by outside powers, and, since
2016, as swept by "a new wind of regionalism". Each picture has an observable implication
for how the five states (C5) vote in the UN General Assembly. This module computes them;
the verdicts (rules and specifications) live in :mod:`caorder.verdicts.ch1`:

* **cohesion against baselines** (claims C1.1, C1.5): mean pairwise score among the five in
  1992-2019 beside regional groups (membership by date) and the book's random baseline
  (:func:`caorder.windows.random_baseline`, default pool);
* **clustering and scaling** (C1.2): hierarchical clustering and classical MDS of the
  voting profiles (distance ``1 - score``) of the five, their neighbours and distant
  reference states, by period;
* **voting alignment with the great powers** (C1.8): each state's score with the other
  members against its score with Russia and China, by period;
* **a new wind** (C1.4): per-session C5 cohesion and Uzbekistan's alignment with the other
  four, with an interrupted time series at session 72 (:mod:`caorder.timeseries`).

Vote windows, pairwise scores and the random baseline come from :mod:`caorder.windows`.
Absences are left out of every score (see :mod:`caorder.agreement`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from scipy.cluster import hierarchy
from scipy.spatial.distance import squareform

from caorder import agreement, countries, ordering, plots, timeseries, windows
from caorder.countries import C5, COMPARISON_GROUPS, GREAT_POWERS

YEARS = (1992, 2019)  #: the C5 joined the UN in March 1992; the canonical data end in 2019
PERIODS = {
    "1992–1999": (1992, 1999),
    "2000–2007": (2000, 2007),
    "2008–2015": (2008, 2015),
    "2016–2019": (2016, 2019),
}
#: Sessions 47 (Sept 1992) to 74 (Sept 2019 - Jan 2020): every full session with the five.
SESSIONS = (47, 74)
#: First session after Mirziyoyev's election (Dec 2016); session 71 (Oct 2016 - Sept 2017)
#: already fell under him as acting president, so it is the alternative break.
BREAK_SESSION = 72
ALTERNATIVE_BREAK = 71


@dataclass(frozen=True)
class MeasureSpec:
    """A measure variant: which pairwise measure, on which set of roll calls."""

    label: str
    measure: agreement.Measure
    rollcalls: windows.RollcallSet = "all"


def measure_spec(
    measure: agreement.Measure = "kappa", rollcalls: windows.RollcallSet = "all"
) -> MeasureSpec:
    """The :class:`MeasureSpec` of a measure and roll-call set, labelled for tables."""
    label = agreement.MEASURE_LABELS[measure]
    return MeasureSpec(label if rollcalls == "all" else f"{label}, {rollcalls}", measure, rollcalls)


#: The measure variants of the chapter's tables (the verdicts vary more, as specifications).
MEASURE_SPECS = tuple(
    measure_spec(m, r)
    for m, r in (
        ("agreement", "all"),
        ("lijphart", "all"),
        ("kappa", "all"),
        ("ac1", "all"),
        ("agreement", "contested"),
        ("kappa", "contested"),
    )
)
KAPPA = MEASURE_SPECS[2]


def scores(first: int, last: int, spec: MeasureSpec) -> pd.DataFrame:
    """Pairwise scores of every state over a window (:func:`caorder.windows.scores`)."""
    return windows.scores(first, last, spec.measure, spec.rollcalls)


# --- groups with membership by date -------------------------------------------------------


def membership_mask(group: countries.Group, dates: pd.Series) -> pd.DataFrame:
    """Roll calls x ever-members of ``group``: True where the state was a member that day."""
    days = pd.to_datetime(dates).to_numpy(dtype="datetime64[D]")
    mask = pd.DataFrame(False, index=range(len(days)), columns=group.ever)
    for member in group.members:
        after = days >= np.datetime64(member.joined) if member.joined else True
        before = days <= np.datetime64(member.left) if member.left else True
        mask[member.iso3] = mask[member.iso3].to_numpy() | (after & before)
    return mask


def dated_group_matrix(votes: pd.DataFrame, group: countries.Group) -> agreement.VoteMatrix:
    """Vote matrix of a group's ever-members with votes cast outside membership spells removed.

    A pair is then scored only on roll calls where both states belonged to the group, which
    is how the EU's enlargements or Uzbekistan's spells in the CSTO are handled.
    """
    members = sorted(set(group.ever) & set(votes["iso3"].unique()))
    votes = votes[votes["iso3"].isin(members)]
    matrix = agreement.vote_matrix(votes, members)
    dates = votes.drop_duplicates("rcid").set_index("rcid")["date"].loc[matrix.rcids]
    keep = membership_mask(group, dates.reset_index(drop=True))[members].to_numpy(float)
    return agreement.VoteMatrix(
        matrix.rcids, members, matrix.yes * keep, matrix.no * keep, matrix.abstain * keep
    )


def dated_cohesion(
    votes: pd.DataFrame, group: countries.Group, measure: agreement.Measure
) -> float:
    """Mean pairwise ``measure`` among a group's members, each pair over shared membership."""
    matrix = dated_group_matrix(votes, group)
    return agreement.group_cohesion(agreement.pairwise(matrix, measure), matrix.states)


@lru_cache(maxsize=32)
def group_cohesions(
    first: int, last: int, spec: MeasureSpec, keys: tuple[str, ...] = ("C5", *COMPARISON_GROUPS)
) -> pd.Series:
    """Dated cohesion of each group over one window under one measure variant (cached)."""
    votes = windows.window_votes(first, last, spec.rollcalls)
    return pd.Series(
        [dated_cohesion(votes, countries.group(key), spec.measure) for key in keys],
        index=pd.Index(keys, name="group"),
        name=spec.label,
    )


def cohesion_table(
    first: int = YEARS[0], last: int = YEARS[1], keys: tuple[str, ...] = ("C5", *COMPARISON_GROUPS)
) -> pd.DataFrame:
    """Groups (rows, sorted by kappa as shown, then name) x measure variants: dated cohesion."""
    table = pd.concat([group_cohesions(first, last, spec, keys) for spec in MEASURE_SPECS], axis=1)
    table = ordering.sort_by(table.reset_index(), KAPPA.label, "group", ascending=False)
    return table.set_index("group")


def group_ranks(table: pd.DataFrame) -> pd.Series:
    """Rank of the C5 among the groups of :func:`cohesion_table` under each measure (1 = top).

    Ranks compare values as the table shows them; groups equal there share a rank.
    """
    return table.apply(ordering.rank).loc["C5"].astype(int)


# --- random baseline ----------------------------------------------------------------------


@lru_cache(maxsize=64)
def _pool(
    first: int,
    last: int,
    rollcalls: windows.RollcallSet,
    kind: windows.Pool,
    members: tuple[str, ...],
) -> tuple[str, ...]:
    return tuple(windows.pool(windows.window_votes(first, last, rollcalls), kind, members))


def random_groups(
    spec: MeasureSpec = KAPPA,
    first: int = YEARS[0],
    last: int = YEARS[1],
    pool: windows.Pool = windows.DEFAULT_POOL,
    members: tuple[str, ...] = C5,
) -> np.ndarray:
    """Cohesion of the book's random groups (same size as ``members``) over one window."""
    states = _pool(first, last, spec.rollcalls, pool, tuple(members))
    return windows.random_baseline(scores(first, last, spec), states, len(members))


def c5_against_random(
    first: int,
    last: int,
    spec: MeasureSpec = KAPPA,
    pool: windows.Pool = windows.DEFAULT_POOL,
    members: Iterable[str] = C5,
) -> dict[str, float]:
    """The group's cohesion, the random median / 5th / 95th percentile and its percentile."""
    members = tuple(members)
    baseline = random_groups(spec, first, last, pool, members)
    c5 = agreement.group_cohesion(scores(first, last, spec), members)
    return {
        "C5": c5,
        "random median": float(np.nanmedian(baseline)),
        "random p5": float(np.nanpercentile(baseline, 5)),
        "random p95": float(np.nanpercentile(baseline, 95)),
        "C5 percentile": windows.percentile(c5, baseline),
        "pool": len(_pool(first, last, spec.rollcalls, pool, members)),
    }


def baseline_table(first: int = YEARS[0], last: int = YEARS[1]) -> pd.DataFrame:
    """Per measure variant: C5 cohesion, random median / 5th / 95th percentile, percentile.

    Random groups come from the book's default pool; the same seed is used for every
    measure, so the rows differ only by the measure and the roll calls.
    """
    rows = [
        {"measure": spec.label, **c5_against_random(first, last, spec)} for spec in MEASURE_SPECS
    ]
    return pd.DataFrame(rows).set_index("measure")


# --- clustering and scaling (C1.2) --------------------------------------------------------


def profile_states() -> list[str]:
    """The five, their neighbours, and the distant reference states (in that order)."""
    return [*C5, *countries.group("NEIGHBOURS").ever, *countries.group("REFERENCE_DISTANT").ever]


def distance_matrix(table: pd.DataFrame, states: list[str]) -> pd.DataFrame:
    """``1 - score`` among ``states``: symmetric, zero diagonal (a kappa or agreement distance).

    Distances are rounded to :data:`caorder.ordering.DECIDE` decimals, so that clustering
    merges pairs in the same order on every machine whatever the float noise.
    """
    distance = 1.0 - table.loc[states, states]
    distance = (distance + distance.T) / 2
    values = ordering.stable(distance.to_numpy(copy=True))
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


def largest_pure_cluster(
    tree: np.ndarray, labels: list[str], targets: tuple[str, ...]
) -> list[str]:
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
            candidates.append((-len(leaves), ordering.stable(node.dist), leaves))
        else:
            stack.extend(child for child in (node.get_left(), node.get_right()) if child)
    return min(candidates)[2] if candidates else []


def nearest_neighbours(distance: pd.DataFrame) -> pd.Series:
    """Each state's closest other state (exact ties named together, e.g. ``"KAZ=UZB"``)."""
    values = distance.to_numpy(copy=True)
    np.fill_diagonal(values, np.inf)
    frame = pd.DataFrame(values, index=distance.index, columns=distance.columns)
    return ordering.best_per_row(frame, highest=False)


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
    return pd.DataFrame(
        coords, index=distance.index, columns=[f"dim{k + 1}" for k in range(dimensions)]
    )


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
        rows.append(
            {
                "period": period,
                "clade_size": len(clade),
                "outsiders": ", ".join(outsiders) or "none",
                "c5_only_clade": not outsiders,
                "largest C5-only cluster": ", ".join(pure),
                "c5_nn": int(nearest.isin(C5).sum()),
                "nearest": ", ".join(f"{s}→{n}" for s, n in nearest.items()),
            }
        )
    return pd.DataFrame(rows)


# --- voting alignment with the great powers (C1.8) ---------------------------------------


def great_power_pull(spec: MeasureSpec = KAPPA, members: Iterable[str] = C5) -> pd.DataFrame:
    """Per period and member: mean score with the other members, and with RUS, CHN and USA.

    ``closer power`` is the larger of the scores with Russia and China; ``margin`` is the
    within-group score minus it (positive: the state votes more with its neighbours).
    """
    members = tuple(members)
    rows = []
    for period, (first, last) in PERIODS.items():
        table = scores(first, last, spec)
        for state in members:
            others = [s for s in members if s != state]
            row = {
                "period": period,
                "state": state,
                "other C5": float(table.loc[state, others].mean()),
            }
            row.update({power: float(table.at[state, power]) for power in GREAT_POWERS})
            row["closer power"] = max(row["RUS"], row["CHN"])
            row["margin"] = row["other C5"] - row["closer power"]
            rows.append(row)
    return pd.DataFrame(rows)


# --- per-session series (C1.4) ------------------------------------------------------------


@lru_cache(maxsize=16)
def session_scores(spec: MeasureSpec = KAPPA) -> dict[int, pd.DataFrame]:
    """Pairwise scores among the five for each session in :data:`SESSIONS`.

    Contested and final-only roll calls are selected over the whole window (every state's
    votes), as in :func:`caorder.windows.window_votes`.
    """
    votes = windows.window_votes(YEARS[0], YEARS[1] + 1, spec.rollcalls)
    votes = votes[votes["session"].between(*SESSIONS) & votes["iso3"].isin(C5)]
    return {
        int(session): agreement.pairwise(agreement.vote_matrix(chunk, C5), spec.measure)
        for session, chunk in votes.groupby("session", sort=True)
    }


def session_series(spec: MeasureSpec = KAPPA) -> pd.DataFrame:
    """Per session: C5 cohesion and Uzbekistan's mean score with the other four."""
    rows = [
        {
            "session": session,
            "C5 cohesion": agreement.group_cohesion(table, C5),
            "UZB with other four": float(table.loc["UZB", [s for s in C5 if s != "UZB"]].mean()),
        }
        for session, table in session_scores(spec).items()
    ]
    return pd.DataFrame(rows).set_index("session")


def session_series_by_rollcalls(
    measure: agreement.Measure = "kappa",
    sets: tuple[windows.RollcallSet, ...] = ("all", "final_only"),
) -> pd.DataFrame:
    """C5 session cohesion on each roll-call set side by side, and the difference to ``all``.

    The source records separate paragraph and amendment votes for some sessions only, so
    keeping final votes moves some sessions' cohesion (the difference column shows by how
    much).
    """
    table = pd.DataFrame(
        {
            rollcalls: session_series(measure_spec(measure, rollcalls))["C5 cohesion"]
            for rollcalls in sets
        }
    )
    for rollcalls in sets[1:]:
        table[f"{rollcalls} - {sets[0]}"] = table[rollcalls] - table[sets[0]]
    return table


def new_wind_tests(spec: MeasureSpec = KAPPA) -> pd.DataFrame:
    """ITS at :data:`BREAK_SESSION` (and the alternative break) for both session series.

    Columns: the model ("trend": level shift on a linear trend, the main model; "level
    only": a difference in means with HAC errors), the ITS fit, and the placebo rank of the
    real level change among placebo breaks fitted on pre-break windows of the same shape.
    """
    series = session_series(spec)
    rows = []
    for column in series.columns:
        for model, trend in (("trend", True), ("level only", False)):
            for at in (BREAK_SESSION, ALTERNATIVE_BREAK):
                fit = timeseries.its_fit(series[column], at, trend=trend)
                placebos = timeseries.placebo_breaks(series[column], at, trend=trend)
                rank = timeseries.placebo_rank(fit.level_change, placebos["level_change"])
                rows.append(
                    {
                        "series": column,
                        "model": model,
                        **fit.as_row(),
                        "placebo rank": rank,
                        "placebos": len(placebos),
                    }
                )
    return pd.DataFrame(rows).drop(columns=["slope_change"])


def its_with_placebos(
    spec: MeasureSpec, column: str, at: int = BREAK_SESSION
) -> tuple[timeseries.ITSResult, float]:
    """The trend-model ITS of one session series at ``at`` and its placebo rank (%)."""
    series = session_series(spec)[column]
    fit = timeseries.its_fit(series, at)
    placebos = timeseries.placebo_breaks(series, at)
    return fit, timeseries.placebo_rank(fit.level_change, placebos["level_change"])


def main_its(column: str, spec: MeasureSpec = KAPPA) -> timeseries.ITSResult:
    """The main ITS fit (trend model, break at session 72) of one session series."""
    return timeseries.its_fit(session_series(spec)[column], BREAK_SESSION)


def main_placebos(column: str, spec: MeasureSpec = KAPPA) -> pd.DataFrame:
    """Placebo breaks for the main ITS model of one session series."""
    return timeseries.placebo_breaks(session_series(spec)[column], BREAK_SESSION)


# --- EU benchmark (C1.5) ------------------------------------------------------------------


def eu_benchmark(
    first: int = YEARS[0],
    last: int = YEARS[1],
    spec: MeasureSpec = KAPPA,
    pool: windows.Pool = windows.DEFAULT_POOL,
) -> dict[str, float]:
    """Pooled cohesion of the C5 and the EU, the other groups' median and the random median."""
    groups = group_cohesions(first, last, spec)
    return {
        "C5": float(groups["C5"]),
        "EU": float(groups["EU"]),
        "others median": float(groups.drop(["C5", "EU"]).median()),
        "random median": float(np.nanmedian(random_groups(spec, first, last, pool))),
    }


def c5_vs_eu(spec: MeasureSpec = KAPPA) -> pd.DataFrame:
    """Per period: dated cohesion of the C5 and the EU, and the random-group median."""
    rows = []
    for period, (first, last) in PERIODS.items():
        row = eu_benchmark(first, last, spec)
        rows.append(
            {
                "period": period,
                "C5": row["C5"],
                "EU": row["EU"],
                "random median": row["random median"],
            }
        )
    return pd.DataFrame(rows)


# --- figures ------------------------------------------------------------------------------


#: Group markers closer than this share of the x range share one label (no overlap).
_LABEL_GAP = 0.03


def _merged_labels(values: dict[str, float], span: float) -> list[tuple[float, str]]:
    """Group labels at their values, neighbours closer than ``_LABEL_GAP`` merged into one.

    The merged label sits at the mean of its members and names them in value order
    ("C5 / ASEAN"), so that no two labels overlap however close the groups lie.
    """
    ordered = ordering.sort_by(
        pd.DataFrame({"group": list(values), "value": list(values.values())}),
        "value",
        "group",
    )
    merged: list[list[tuple[str, float]]] = []
    for row in ordered.itertuples(index=False):
        if merged and row.value - merged[-1][-1][1] < _LABEL_GAP * span:
            merged[-1].append((row.group, row.value))
        else:
            merged.append([(row.group, row.value)])
    return [
        (
            sum(v for _, v in chunk) / len(chunk),
            " / ".join(plots.group_label(k) for k, _ in chunk),
        )
        for chunk in merged
    ]


def plot_baseline(ax: plt.Axes, spec: MeasureSpec = KAPPA) -> plt.Axes:
    """Histogram of random-group cohesion with the C5 and the regional groups marked.

    The groups are named above the plot (on a top axis), never over the bars; groups too
    close to name apart share one label.
    """
    sns.histplot(random_groups(spec), bins=60, color=plots.GREY, ax=ax, stat="count")
    groups = cohesion_table()[spec.label]
    for key, value in groups.items():
        colour = plots.PALETTE[1] if key == "C5" else plots.PALETTE[0]
        ax.axvline(
            value, color=colour, lw=2.5 if key == "C5" else 1, ls="-" if key == "C5" else ":"
        )
    low, high = ax.get_xlim()
    labels = _merged_labels({str(k): float(v) for k, v in groups.items()}, high - low)
    top = ax.secondary_xaxis("top")
    top.set_xticks([x for x, _ in labels], [text for _, text in labels], rotation=90, fontsize=9)
    top.tick_params(length=3)
    for tick in top.get_xticklabels():
        if "C5" in tick.get_text().split(" / "):
            tick.set_color(plots.PALETTE[1])
            tick.set_fontweight("bold")
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
        hierarchy.dendrogram(
            linkage(distance),
            labels=list(distance.index),
            ax=ax,
            orientation="left",
            color_threshold=0,
            above_threshold_color=plots.GREY,
            leaf_font_size=9,
        )
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
        ax.scatter(
            coords.loc[~central, "dim1"], coords.loc[~central, "dim2"], color=plots.GREY, s=18
        )
        for state in coords.index[central]:
            ax.scatter(
                coords.loc[state, "dim1"],
                coords.loc[state, "dim2"],
                s=34,
                color=plots.STATE_COLOURS[state],
                marker=plots.STATE_MARKERS[state],
            )
        texts = [
            ax.text(
                row["dim1"],
                row["dim2"],
                state,
                fontsize=8.5,
                fontweight="bold" if state in C5 else "normal",
                color=plots.STATE_COLOURS[state] if state in C5 else "0.2",
            )
            for state, row in coords.iterrows()
        ]
        adjust_text(
            texts,
            ax=ax,
            x=coords["dim1"].to_numpy(),
            y=coords["dim2"].to_numpy(),
            arrowprops={"arrowstyle": "-", "color": "0.6", "lw": 0.5},
            iter_lim=500,  # a fixed number of steps, not a time limit: same figure every run
            time_lim=None,
        )
        plots.label(ax, "MDS dimension 1", "MDS dimension 2", period)
    fig.tight_layout()
    return fig


def plot_pull(ax: plt.Axes, spec: MeasureSpec = KAPPA) -> plt.Axes:
    """Each state's score with the other four, Russia, China and the USA, by period."""
    table = great_power_pull(spec).melt(
        id_vars=["period", "state"],
        value_vars=["other C5", *GREAT_POWERS],
        var_name="partner",
        value_name="score",
    )
    sns.pointplot(
        table,
        x="period",
        y="score",
        hue="partner",
        errorbar=("pi", 100),
        dodge=0.4,
        linestyle="none",
        palette=plots.PALETTE[:4],
        ax=ax,
    )
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
    frames = [
        main_placebos(column, spec).assign(series=column) for column in session_series(spec).columns
    ]
    table = pd.concat(frames)
    np.random.seed(0)  # seaborn jitters strip plots with numpy's global generator
    sns.stripplot(table, x="level_change", y="series", color=plots.GREY, size=6, ax=ax)
    for k, column in enumerate(session_series(spec).columns):
        ax.scatter(
            main_its(column, spec).level_change,
            k,
            color=plots.PALETTE[1],
            s=120,
            marker="D",
            zorder=3,
            label="real break (session 72)" if k == 0 else None,
        )
    ax.axvline(0, color="0.3", lw=0.8)
    ax.legend(loc="center")
    return plots.label(ax, f"ITS level change ({spec.label})", "")


def plot_eu(ax: plt.Axes, spec: MeasureSpec = KAPPA) -> plt.Axes:
    """C5 and EU cohesion by period beside the random-group median."""
    table = c5_vs_eu(spec).melt(id_vars="period", var_name="group", value_name="cohesion")
    sns.barplot(
        table,
        x="period",
        y="cohesion",
        hue="group",
        palette=[plots.PALETTE[1], plots.PALETTE[0], plots.GREY],
        ax=ax,
    )
    ax.set_ylim(0, 1.1)
    ax.legend(title=None, ncol=3, loc="upper left")
    return plots.label(ax, "period", f"group cohesion ({spec.label})")


def plot_sessions_by_rollcalls(ax: plt.Axes, measure: agreement.Measure = "kappa") -> plt.Axes:
    """C5 session cohesion on all roll calls and on final votes only, break marked."""
    table = session_series_by_rollcalls(measure)
    for k, (column, label) in enumerate(
        (("all", "all roll calls"), ("final_only", "final votes only"))
    ):
        ax.plot(
            table.index,
            table[column],
            marker="o",
            ms=3,
            lw=1.2,
            color=plots.PALETTE[k],
            ls="-" if k == 0 else "--",
            label=label,
        )
    ax.axvline(BREAK_SESSION - 0.5, color="0.3", lw=1)
    ax.legend(loc="lower right")
    return plots.label(
        ax,
        "UNGA session (47 = 1992–93, 74 = 2019–20)",
        f"C5 cohesion ({agreement.MEASURE_LABELS[measure]})",
    )
