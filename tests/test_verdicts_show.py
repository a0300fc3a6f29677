"""The specification panel as a reader sees it (caorder.verdicts.show.panel_html)."""

from __future__ import annotations

from caorder.verdicts import show
from caorder.verdicts.core import SUPPORTS, Result, Spec, SpecResult


def _result() -> Result:
    """A two-specification result with internal codes in its choices."""
    specs = tuple(
        SpecResult(Spec((("measure", measure), ("rollcalls", "final_only"))), {}, SUPPORTS, value)
        for measure, value in (("ac1", 0.9), ("kappa", 0.5))
    )
    return Result("C9.9", SUPPORTS, "percentile", 0.5, "summary", specs, 1.0)


def test_panel_html_spells_out_choices_and_names_the_statistic() -> None:
    table = show.panel_html(_result())
    assert 'id="tab-c9-9-panel"' in table.html
    assert "Claim C9.9 under every declared specification" in repr(table)
    lines = repr(table).splitlines()
    assert lines[1].split() == ["measure", "roll", "calls", "percentile", "verdict"]
    assert "kappa" in lines[2] and "final votes only" in lines[2]  # sorted by the key number
    assert "Gwet's AC1" in lines[3]
    assert "ac1" not in repr(table) and "final_only" not in repr(table)


def test_panel_html_adds_named_evidence_and_rejects_unknown_names() -> None:
    import pytest

    result = _result()
    specs = tuple(SpecResult(r.spec, {"qap_p": 0.05}, r.verdict, r.value) for r in result.specs)
    result = Result(
        result.claim_id, result.verdict, result.statistic, result.value, result.summary, specs, 1.0
    )
    assert "qap p" in repr(show.panel_html(result, evidence=("qap_p",))).splitlines()[1]
    with pytest.raises(KeyError, match="between_r"):
        show.panel_html(result, evidence=("between_r",))


def _edge_result() -> Result:
    """A claim whose key number sits 0.02 under its threshold, with a band of 0.05."""
    from caorder.verdicts import core

    evaluator = core.Evaluator(
        evidence=lambda spec: {"fraction": 0.78},
        rule=lambda ev, t: SUPPORTS if ev["fraction"] <= t["cut"] else core.MIXED,
        key="fraction",
        statistic="fraction",
        summary=lambda ev: "fraction",
        compared={"cut": ("fraction",)},
    )
    results = [core.judge(evaluator, Spec(), {"fraction": 0.78}, {"cut": 0.8})]
    return core.combine("C9.1", evaluator, results, {"cut": 0.8}, bands={"cut": 0.05})


def test_the_panel_shows_margins_and_the_verdict_across_the_band() -> None:
    result = _edge_result()
    table = show.margins_frame(result)
    assert list(table["threshold"]) == ["cut"]
    assert round(float(table.loc[0, "margin"]), 3) == -0.02
    assert table.loc[0, "verdict, threshold lowered"] == "mixed"
    assert table.loc[0, "sensitive to its threshold"] == "yes"
    html = show.panel_html(result)
    assert 'id="tab-c9-1-margins"' in html.html and 'id="tab-c9-1-panel"' in html.html
    assert "sensitive to its threshold" in html.text
    glued = show.glue_values(result)
    assert glued["c9-1-sensitive"] == "sensitive to its threshold"


def test_a_panel_without_thresholds_has_no_margins_table() -> None:
    assert "margins" not in show.panel_html(_result()).html


def test_plot_panel_labels_specifications_in_words_and_keeps_the_legend_off_the_data() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    specs = tuple(
        SpecResult(
            Spec((("measure", m), ("rollcalls", "final_only"), ("turkmenistan", tkm))),
            {},
            SUPPORTS,
            value,
        )
        for m, tkm, value in (("ac1", "with", 0.9), ("kappa", "without", 0.5))
    )
    ax = show.plot_panel(Result("C9.9", SUPPORTS, "percentile", 0.5, "s", specs, 1.0))
    labels = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    assert labels == [
        "kappa · final votes only · without Turkmenistan",
        "Gwet's AC1 · final votes only · with Turkmenistan",
    ]
    assert ax.get_legend() is None and ax.figure.legends  # below the axes, not over points
    # At a phone's page width (358 CSS px) the smallest text stays at about 9 px or more.
    width_pt = ax.figure.get_figwidth() * 72
    smallest = min(t.get_fontsize() for t in ax.get_yticklabels() + ax.get_xticklabels())
    assert smallest * 358 / width_pt >= 9
    plt.close("all")
