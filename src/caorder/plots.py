"""The book's figure style: one colour-blind-safe palette, readable sizes, labelled axes.

Call :func:`setup` once at the top of a notebook. Colours come from seaborn's
``colorblind`` palette (after Okabe and Ito); the five Central Asian states always get the
same colour in every figure, via :data:`STATE_COLOURS`.
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import seaborn as sns

PALETTE = sns.color_palette("colorblind")
_ORDER = ["KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS", "CHN", "USA"]
STATE_COLOURS = {iso3: PALETTE[i] for i, iso3 in enumerate(_ORDER)}
GREY = "0.55"


def setup() -> None:
    """Apply the book's seaborn theme and fixed matplotlib settings (deterministic output)."""
    sns.set_theme(context="notebook", style="whitegrid", palette=PALETTE)
    mpl.rcParams.update(
        {
            "figure.figsize": (8.0, 4.5),
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "axes.titlesize": 13,
            "axes.labelsize": 12,
            "legend.fontsize": 10,
            "svg.hashsalt": "caorder",  # stable SVG ids
            "path.simplify": True,
        }
    )


def label(ax: plt.Axes, x: str, y: str, title: str | None = None) -> plt.Axes:
    """Set axis labels (with units) and an optional title; return the axes."""
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    if title:
        ax.set_title(title)
    return ax
