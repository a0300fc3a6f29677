"""Showing a verdict in a notebook: glue its numbers, draw its specification panel.

Glue keys derive from the claim id, so pages never invent their own: for ``C1.1`` they are
``c1-1-verdict``, ``c1-1-share`` (share of specifications agreeing, in %), ``c1-1-value``
(the key number) and ``c1-1-<name>`` for every entry of the primary evidence (underscores
become hyphens). Numbers are rounded to the precision shown, so re-executing a notebook on
another machine gives the same bytes.
"""

from __future__ import annotations

import math
import textwrap

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from caorder import ordering, plots, present
from caorder.agreement import MEASURE_LABELS
from caorder.verdicts import checks
from caorder.verdicts.core import VERDICTS, Result

#: Colour per verdict in specification panels (colour-blind safe, distinct in greyscale).
VERDICT_COLOURS = dict(zip(VERDICTS, ("#0072B2", "#E69F00", "#D55E00", "#CC79A7", "#999999")))
VERDICT_MARKERS = dict(zip(VERDICTS, ("o", "s", "X", "^", "D")))


def key(claim_id: str, name: str) -> str:
    """The glue key of one number of a claim: ``key("C1.1", "c5_percentile")``."""
    return f"{claim_id.lower().replace('.', '-')}-{name.replace('_', '-')}"


def rounded(value: float | None, digits: int = 3) -> float | int | None:
    """A Python number rounded for display (ints stay ints; NaN/None become None)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if float(value).is_integer():
        return int(value)
    return round(float(value), digits)


def glue_values(result: Result, digits: int = 3) -> dict[str, object]:
    """Everything :func:`glue_claim` glues, as a dict (testable without a kernel).

    Refuses evidence names that would overwrite a headline key or each other
    (:func:`caorder.verdicts.checks.check_glue_keys`).
    """
    checks.check_glue_keys(result.claim_id, result.evidence)
    values: dict[str, object] = {
        key(result.claim_id, "verdict"): result.verdict,
        key(result.claim_id, "value"): rounded(result.value, digits),
        key(result.claim_id, "share"): rounded(
            None if result.share_agreeing is None else 100 * result.share_agreeing, 0
        ),
        key(result.claim_id, "n-specs"): len(result.specs),
        key(result.claim_id, "strength"): result.strength,
        key(result.claim_id, "sensitive"): "sensitive to its threshold"
        if result.sensitive
        else "robust to its threshold bands",
    }
    for name, value in sorted(result.evidence.items()):
        values[key(result.claim_id, name)] = rounded(value, digits)
    return values


def detail_values(result: Result) -> dict[str, object]:
    """What :func:`glue_details` glues: the split and the original verdict, from the result.

    ``cX-Y-n-<verdict>`` counts the specifications giving each verdict (first word:
    ``n-supports``, ..., ``n-cannot``), ``cX-Y-original-verdict`` is the headline under the
    rule first declared (when the rule changed) and ``cX-Y-summary`` the primary evidence in
    words.
    """
    values: dict[str, object] = {
        key(result.claim_id, f"n-{verdict.split()[0]}"): count
        for verdict, count in result.split.items()
    }
    if result.original_verdict is not None:
        values[key(result.claim_id, "original-verdict")] = result.original_verdict
    values[key(result.claim_id, "summary")] = result.summary
    return values


def glue_details(result: Result) -> None:
    """Glue the split of specifications, the original verdict and the summary (hidden).

    Pages quote them as, e.g., ``{glue:text}`c3-3-n-mixed``` instead of a notebook counting
    the specifications by hand.
    """
    from myst_nb import glue

    for name, value in detail_values(result).items():
        glue(name, value, display=False)


def glue_claim(result: Result, digits: int = 3) -> None:
    """Glue a claim's verdict and primary evidence (hidden; pages cite them by key)."""
    from myst_nb import glue

    for name, value in glue_values(result, digits).items():
        glue(name, "n/a" if value is None else value, display=False)


#: Width of a specification panel in inches: narrow, so that at a phone's page width its
#: text stays at about 9 CSS px or more.
PANEL_WIDTH = 4.8
PANEL_FONT = 9.5
_LABEL_WRAP = 34


def spec_words(row: pd.Series | dict, choices: list[str]) -> str:
    """A specification in words, as the tables name it.

    E.g. "kappa · final votes only · with Turkmenistan".
    """
    words = []
    for name in choices:
        value = row[name]
        if value in ("with", "without"):
            words.append(f"{value} {CHOICE_HEADERS.get(name, name.replace('_', ' '))}")
        else:
            words.append(str(_choice(value)))
    return " · ".join(words)


def plot_panel(
    result: Result, ax: plt.Axes | None = None, digits: int = ordering.SHOWN
) -> plt.Axes:
    """Specification panel: the key number under every specification, marked by verdict.

    Rows are in the order of :func:`panel_table` with the same ``digits`` (the key number
    rounded as the table shows it, then the specification's label), on every machine. Each
    row is labelled in words (:func:`spec_words`, the tables' names for the choices); the
    legend sits below the axes, never over the points.
    """
    panel = result.panel().dropna(subset=["value"])
    order = panel_order(panel, digits)
    choices = [c for c in panel.columns if c not in ("specification", "value", "verdict")]
    words = {
        r["specification"]: "\n".join(textwrap.wrap(spec_words(r, choices), _LABEL_WRAP))
        or r["specification"]
        for _, r in panel.iterrows()
    }
    lines = sum(words[s].count("\n") + 1 for s in order)
    if ax is None:
        height = 0.17 * max(lines, 4) + 0.12 * len(order) + 1.6
        ax = plt.subplots(figsize=(PANEL_WIDTH, height), layout="constrained")[1]
    # Numeric positions: each verdict's points are drawn separately, so a categorical axis
    # would number the specifications per call and misplace the labels.
    panel = panel.assign(position=panel["specification"].map({s: k for k, s in enumerate(order)}))
    for verdict, chunk in panel.groupby("verdict", sort=False):
        sns.scatterplot(
            chunk,
            x="value",
            y="position",
            ax=ax,
            s=50,
            label=verdict,
            color=VERDICT_COLOURS[verdict],
            marker=VERDICT_MARKERS[verdict],
        )
    ax.set_yticks(range(len(order)))
    ax.set_yticklabels([words[s] for s in order], fontsize=PANEL_FONT)
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.tick_params(axis="x", labelsize=PANEL_FONT)
    # The legend goes below the axes (outside them, never over the points).
    handles, names = ax.get_legend_handles_labels()
    if ax.get_legend() is not None:
        ax.get_legend().remove()
    ax.figure.legend(
        handles,
        names,
        title="verdict",
        loc="outside lower center",
        ncol=3,
        fontsize=PANEL_FONT,
        title_fontsize=PANEL_FONT,
        frameon=False,
    )
    ax = plots.label(ax, textwrap.fill(str(result.statistic), 48), "")
    ax.xaxis.label.set_size(PANEL_FONT + 0.5)
    return ax


def panel_order(panel: pd.DataFrame, digits: int = ordering.SHOWN) -> list[str]:
    """Specification labels sorted by the key number rounded to ``digits``, then by label."""
    return ordering.sort_by(panel, "value", "specification", digits)["specification"].tolist()


def panel_table(result: Result, digits: int = ordering.SHOWN) -> pd.DataFrame:
    """The specification panel as a table sorted by the key number as shown (``digits``)."""
    panel = result.panel()
    return ordering.sort_by(panel, "value", "specification", digits).reset_index(drop=True)


#: Specification choices as tables show them: measure codes named, everything else spaced.
CHOICE_LABELS = {
    **MEASURE_LABELS,
    "ideal_point_sd": "SD of ideal points",
    "ideal_point": "ideal points",
    "votes": "votes",
    "final_only": "final votes only",
    "contested": "contested votes",
    "all": "all roll calls",
    "matched": "participation-matched",
    "all_members": "all members",
    "participation80": "voting on at least 80%",
    "as_coded": "as coded",
    "drop_low_confidence": "low-confidence rows dropped",
    "disputed_flipped": "disputed rows the other way",
    "with_curated": "pinned and curated",
    "pinned_only": "pinned files only",
    "territorial_integrity": "territorial-integrity texts",
    "all_post_soviet": "every post-invasion vote",
    "all_states": "all states with data",
    "income_matched": "states in the five's income range",
    "fariss": "Fariss et al. (2011 PPP $)",
    "wb": "World Bank (current US$)",
    "cv": "coefficient of variation",
    "max_min": "highest / lowest",
    "containment": "containment and health",
}
CHOICE_HEADERS = {
    "rollcalls": "roll calls",
    "turkmenistan": "Turkmenistan",
    "pool": "random-group pool",
    "data": "summit data",
    "pre": "pre-invasion years",
    "break_session": "break session",
    "crimea_human_rights": "Crimea human-rights votes",
    "rollcall_source": "roll-call source",
    "cluster": "errors clustered by",
    "first_measure": "first measure",
}


def _choice(value: object) -> object:
    """One specification choice in words ("final_only" -> "final votes only")."""
    if not isinstance(value, str):
        return value
    return CHOICE_LABELS.get(value, value.replace("_", " "))


def margins_frame(result: Result) -> pd.DataFrame:
    """One row per numeric threshold: its value, the number it is compared with and the
    margin, the declared band and the headline verdict at both ends of the band."""
    rows = [
        {
            "threshold": check["threshold"],
            "value": check["value"],
            "compared with": check["compared_with"] or "–",
            "number": check["number"],
            "margin": check["margin"],
            "nearest margin, any specification": check.get("nearest_margin"),
            "in specification": check.get("nearest_specification") or "–",
            "band (±)": check["band"],
            "verdict, threshold lowered": check["verdict_low"] or "–",
            "verdict, threshold raised": check["verdict_high"] or "–",
            "sensitive to its threshold": "yes" if check["sensitive"] else "no",
        }
        for check in result.threshold_checks
    ]
    return pd.DataFrame(rows)


def margins_html(result: Result, precision: int = 3) -> present.HTMLTable:
    """The margins table of a claim as a captioned HTML table (label ``tab-<claim>-margins``)."""
    return present.html_table(
        margins_frame(result),
        caption=(
            f"Claim {result.claim_id}: each threshold of its rule, the margin of the primary "
            "evidence to it, and the headline verdict when the threshold moves across its band"
        ),
        label=f"tab-{present.slug(result.claim_id)}-margins",
        precision=precision,
    )


def panel_html(
    result: Result,
    caption: str | None = None,
    label: str | None = None,
    precision: int = 3,
    evidence: tuple[str, ...] = (),
) -> present.HTMLTable:
    """The specification panel as a captioned HTML table, choices and key number named.

    One row per specification (sorted by the key number), its choices in words, the key
    number under the claim's statistic as header, the entries of each specification's
    evidence named in ``evidence`` (e.g. ``("qap_p",)``), and the verdict. The default label
    is ``tab-<claim>-panel`` (``tab-c1-1-panel``).
    """
    frame = panel_table(result, digits=precision)
    choices = [c for c in frame.columns if c not in ("specification", "value", "verdict")]
    by_label = {r.spec.label: r.evidence for r in result.specs}
    for name in evidence:
        if any(name not in ev for ev in by_label.values()):
            raise KeyError(
                f"panel_html(evidence={name!r}): not in the evidence of every "
                f"specification of {result.claim_id}"
            )
        frame.insert(
            len(frame.columns) - 1,
            name,
            frame["specification"].map(lambda spec_label, n=name: by_label[spec_label][n]),
        )
    frame = frame.drop(columns="specification")
    if choices:
        frame[choices] = frame[choices].apply(lambda column: column.map(_choice))
    frame = present.readable(frame, rename={**CHOICE_HEADERS, "value": result.statistic})
    caption = caption or (
        f"Claim {result.claim_id} under every declared specification: the key "
        f"number ({result.statistic}) and the verdict, sorted by the key number"
    )
    table = present.html_table(
        frame,
        caption=caption,
        label=label or f"tab-{present.slug(result.claim_id)}-panel",
        precision=precision,
    )
    if not result.threshold_checks:
        return table
    margins = margins_html(result, precision)
    return present.HTMLTable(table.html + margins.html, f"{table.text}\n\n{margins.text}")
