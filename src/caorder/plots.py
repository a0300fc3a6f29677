"""The book's figure style: one colour-blind-safe palette, readable sizes, labelled axes.

Call :func:`setup` once at the top of a notebook: figures are then sent to the page as SVG
(sharp on high-density screens and in print, with stable ids and no date, so reruns give
identical files), sized for the text column. Colours come from seaborn's ``colorblind``
palette (after Okabe and Ito); the five Central Asian states always get the same colour and
marker in every figure, via :data:`STATE_COLOURS` and :data:`STATE_MARKERS`, so lines stay
apart in greyscale too. :data:`SHARES` gives stacked shares (yes / abstain / no / absent
style categories) colours that differ in lightness plus a hatch each.
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import seaborn as sns

PALETTE = sns.color_palette("colorblind")
_ORDER = ["KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS", "CHN", "USA"]
STATE_COLOURS = {iso3: PALETTE[i] for i, iso3 in enumerate(_ORDER)}
GREY = "0.55"
STATE_MARKERS = {
    "KAZ": "o",
    "KGZ": "s",
    "TJK": "^",
    "TKM": "D",
    "UZB": "v",
    "RUS": "P",
    "CHN": "X",
    "USA": "*",
}
#: Four categories of a stacked share, darkest to lightest, each with its own hatch.
SHARES = (
    {"color": "#0b3d75", "hatch": ""},  # dark blue
    {"color": "#d55e00", "hatch": "\\\\"},  # vermillion
    {"color": "#e69f00", "hatch": "//"},  # orange
    {"color": "#e8e8e8", "hatch": ".."},  # light grey
)
#: Width of the book's text column in inches at 100 dpi (figures are scaled to fit it).
COLUMN_WIDTH = 7.6


def setup() -> None:
    """Apply the book's theme and fixed matplotlib settings; show figures as SVG.

    Deterministic output: SVG ids are salted with a fixed string and no date is written.
    Outside IPython (scripts, tests) only the matplotlib settings are applied.
    """
    sns.set_theme(context="notebook", style="whitegrid", palette=PALETTE)
    mpl.rcParams.update(
        {
            "figure.figsize": (COLUMN_WIDTH, 4.3),
            "figure.dpi": 100,
            "savefig.dpi": 200,
            "hatch.linewidth": 0.6,
            "axes.titlesize": 13,
            "axes.labelsize": 12,
            "legend.fontsize": 10,
            "svg.hashsalt": "caorder",  # stable SVG ids
            "path.simplify": True,
        }
    )
    _inline_svg()


def _inline_svg() -> None:
    """Make the notebook's inline backend send SVG without a date (no-op outside IPython)."""
    from IPython import get_ipython

    if get_ipython() is None:
        return
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    set_matplotlib_formats("svg", metadata={"Date": None})


def label(ax: plt.Axes, x: str, y: str, title: str | None = None) -> plt.Axes:
    """Set axis labels (with units) and an optional title; return the axes."""
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    if title:
        ax.set_title(title)
    return ax


def group_label(key: str) -> str:
    """A readable short label for a country group key: "C5", "EU", "South Caucasus".

    Keys that are acronyms stay as they are; keys with underscores ("SOUTH_CAUCASUS") are
    internal codes and are replaced by the group's name from data/country_groups.yml.
    """
    if "_" not in key:
        return key
    from caorder import countries

    try:
        return countries.group(key).name
    except KeyError:
        return key.replace("_", " ").title()
