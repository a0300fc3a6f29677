"""The book's measurement framework (chapter 2), generated from the claims register.

The paper defines order by goals, rules and institutions. Every claim in
``data/claims/*.yml`` names the element and concept it concerns, the indicator and data
that test it, the notebook that shows the work and what the UNGA record cannot see. This
module turns the register into the chapter-2 map, so the map is never typed twice and
grows as chapters add claims:

* :func:`measurement_map`: one row per claim with its concept, indicator and data families;
* :func:`concept_matrix`: concepts (grouped by element) x indicator families, counting claims
  (drawn by :func:`plot_concept_matrix`);
* :func:`element_matrix`: the same counts by element only, a compact grid for the chapter;
* :func:`blind_spots`: what the votes cannot see, per concept;
* :func:`page_link`: a notebook named by its page title, linked, for the tables.

Indicator and data families are read from the free-text fields with the regular
expressions in :data:`INDICATOR_FAMILIES` and :data:`DATA_FAMILIES` (first match of each
family; a claim may belong to several). A claim whose indicator starts with "None" is
counted as "not observable in these data".

Chapter 2's conceptual claims cannot be tested with these data (the register says why);
:func:`group_percentiles` is a descriptive illustration for C2.3, not a test.
"""

from __future__ import annotations

import html
import json
import re
import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from caorder import agreement, claims, countries, paths, plots, windows

ELEMENT_ORDER = ["goal", "rule", "institution", "periodisation", "diagnosis"]
NOT_OBSERVABLE = "not observable in these data"
INDICATOR_FAMILIES: dict[str, str] = {
    "voting cohesion": r"kappa|cohesion|agreement index|pairwise agreement|lijphart",
    "alignment with great powers": (
        r"Russia|China|United States|\bRUS\b|\bCHN\b|\bUSA\b"
        r"|great power"
    ),
    "ideal points": r"ideal[ -]point",
    "specific resolutions": r"resolution|territorial|Crimea|Ukrain|A/RES",
    "participation and absence": r"absen|participation|non-voting|did not vote",
    "meetings and summits": r"meeting|summit",
    "organisation memberships": r"membership|organi[sz]ation",
    "breaks over time": r"Chow|break|before and after|trend",
    "disputes and armed conflict": r"\bMIDs?\b|militari[sz]ed|armed conflict|UCDP",
    "alliances and shared IGOs": r"ATOP|alliance|\bIGOs?\b",
    "leaders' tenure": r"Archigos|leader exits?",
}
DATA_FAMILIES: dict[str, str] = {
    "UNGA votes to 2019": r"unvotes|tables\.votes|roll[- ]calls?|UNGA votes",
    "ideal points to 2024": r"ideal[ -]point|Bailey|BSV",
    "wide matrix 2020-2023": r"wide|ungaVoting|voeten-wide",
    "UN Digital Library 2025": r"UNDL|Digital Library|undl",
    "curated summits": r"summits",
    "curated memberships": r"memberships",
    "conflict, alliance and leader data": r"peacesciencer|UCDP|\bMID\b|ATOP|Archigos|COW IGO",
}


def concept_name(concept: str) -> str:
    """The short concept name, e.g. 'rule: territorial integrity / uti possidetis' ->
    'territorial integrity'."""
    text = re.sub(
        r"^\s*(goal|rule|institution|institutions|periodisation|diagnosis)s?\s*:\s*",
        "",
        str(concept),
        flags=re.I,
    )
    return re.split(r"[(;/]", text)[0].strip().rstrip(",") or str(concept)


def _families(text: str, families: dict[str, str]) -> list[str]:
    return [name for name, pattern in families.items() if re.search(pattern, text, flags=re.I)]


def _indicator_families(entry: dict) -> list[str]:
    if str(entry["indicator"]).strip().lower().startswith("none"):
        return [NOT_OBSERVABLE]
    text = f"{entry['indicator']} {entry['test']}"
    return _families(text, INDICATOR_FAMILIES) or ["other"]


def measurement_map(register: list[dict] | None = None) -> pd.DataFrame:
    """One row per claim: id, element, concept, indicator/data families, notebook, blind spot."""
    register = claims.register() if register is None else register
    rows = [
        {
            "id": e["id"],
            "element": e["element"],
            "concept": concept_name(e.get("concept", e["element"])),
            "indicators": "; ".join(_indicator_families(e)),
            "data": "; ".join(_families(str(e["data"]), DATA_FAMILIES)) or "none",
            "notebook": str(e["notebook"]).split("/")[-1],
            "blind_spot": " ".join(str(e["blind_spot"]).split()),
        }
        for e in register
    ]
    frame = pd.DataFrame(
        rows, columns=["id", "element", "concept", "indicators", "data", "notebook", "blind_spot"]
    )
    frame["element"] = pd.Categorical(frame["element"], categories=ELEMENT_ORDER, ordered=True)
    return frame.sort_values(["element", "concept", "id"], key=_sort_key, ignore_index=True)


def _sort_key(column: pd.Series) -> pd.Series:
    if column.name == "id":
        return column.map(lambda i: tuple(int(p) for p in str(i).lstrip("C").split(".")))
    return column


def concept_matrix(table: pd.DataFrame) -> pd.DataFrame:
    """Rows '<element>: <concept>', columns indicator families, values = number of claims."""
    long = table.assign(family=table["indicators"].str.split("; ")).explode("family")
    long["row"] = long["element"].astype(str) + ": " + long["concept"]
    order = long.drop_duplicates("row")["row"].tolist()
    present = set(long["family"])
    columns = [f for f in [*INDICATOR_FAMILIES, "other", NOT_OBSERVABLE] if f in present]
    matrix = pd.crosstab(long["row"], long["family"]).reindex(index=order, columns=columns)
    matrix.index.name, matrix.columns.name = "element: concept", "indicator family"
    return matrix.fillna(0).astype(int)


def element_matrix(table: pd.DataFrame) -> pd.DataFrame:
    """Rows elements of order, columns indicator families, values = number of claims.

    :func:`concept_matrix` summed by element: a grid with few empty cells, which reads at
    a phone's width; the per-concept detail is in the measurement map's table.
    """
    long = table.assign(family=table["indicators"].str.split("; ")).explode("family")
    present = set(long["family"])
    columns = [f for f in [*INDICATOR_FAMILIES, "other", NOT_OBSERVABLE] if f in present]
    elements = [e for e in ELEMENT_ORDER if e in set(long["element"].astype(str))]
    matrix = pd.crosstab(long["element"].astype(str), long["family"])
    matrix = matrix.reindex(index=elements, columns=columns).fillna(0).astype(int)
    matrix.index.name, matrix.columns.name = "element of order", "indicator family"
    return matrix


def page_title(notebook: str) -> str:
    """The title of a notebook's page (its first "# " heading), or its file name."""
    path = paths.repo_root() / "notebooks" / notebook
    if path.exists():
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                first = "".join(cell["source"]).lstrip()
                if first.startswith("# "):
                    return first[2:].splitlines()[0].strip()
    return notebook


def page_link(names: str) -> str:
    """Notebook file names ("a.ipynb, b.ipynb") as links to their pages, named by title.

    For tables shown on a page in ``notebooks/`` (the links are relative to it).
    """
    links = []
    for name in (n.strip() for n in str(names).split(",") if n.strip()):
        target = html.escape(name.removesuffix(".ipynb") + ".html")
        links.append(
            f'<a class="reference internal" href="{target}">{html.escape(page_title(name))}</a>'
        )
    return ", ".join(links)


def coverage_by_element(table: pd.DataFrame) -> pd.DataFrame:
    """Per element: claims, claims with an observable indicator, and the notebooks involved."""
    observable = ~table["indicators"].str.contains(NOT_OBSERVABLE, regex=False)
    grouped = table.assign(observable=observable).groupby("element", observed=True)
    return pd.DataFrame(
        {
            "claims": grouped.size(),
            "observable in these data": grouped["observable"].sum(),
            "notebooks": grouped["notebook"].agg(lambda s: ", ".join(sorted(set(s)))),
        }
    )


def blind_spots(table: pd.DataFrame) -> pd.DataFrame:
    """Per concept: the claims and what the UNGA record cannot see (one line per claim)."""
    return table[["element", "concept", "id", "blind_spot"]].reset_index(drop=True)


def plot_concept_matrix(matrix: pd.DataFrame, ax: plt.Axes | None = None) -> plt.Axes:
    """Grid of :func:`concept_matrix`: one discrete colour per claim count, counts written in.

    Long labels are wrapped or shortened (columns upright above the grid) and empty cells
    stay white, so the grid reads at the width of the text column and in greyscale.
    """
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.patches import Patch

    top = max(1, int(matrix.to_numpy().max()))
    colours = sns.color_palette("Blues", top + 1)[1:]
    cmap = ListedColormap(colours)
    norm = BoundaryNorm([k + 0.5 for k in range(top + 1)], cmap.N)
    height = max(3.0, 0.5 * len(matrix) + 1.6)
    ax = ax or plt.subplots(figsize=(plots.COLUMN_WIDTH, height))[1]
    values = matrix.to_numpy().astype(float)
    shown = np.ma.masked_where(values == 0, values)
    ax.pcolormesh(shown, cmap=cmap, norm=norm, edgecolors="0.8", linewidth=0.6)
    for (row, col), count in np.ndenumerate(values):
        if count:
            ax.text(
                col + 0.5,
                row + 0.5,
                f"{count:.0f}",
                ha="center",
                va="center",
                fontsize=10,
                color="white" if count > top / 2 else "black",
            )
    ax.set_xticks(
        np.arange(matrix.shape[1]) + 0.5,
        [textwrap.fill(str(c), 20) for c in matrix.columns],
        fontsize=8.5,
        rotation=90,
        va="bottom",
    )
    ax.set_yticks(
        np.arange(matrix.shape[0]) + 0.5,
        [textwrap.shorten(str(r), 58, placeholder="…") for r in matrix.index],
        fontsize=8.5,
    )
    ax.set_xlim(0, matrix.shape[1])
    ax.set_ylim(matrix.shape[0], 0)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    ax.grid(False)
    ax.set_xlabel("indicator family (what the book observes)")
    ax.xaxis.set_label_position("top")
    ax.set_ylabel("")
    handles = [
        Patch(facecolor=colours[k - 1], edgecolor="0.6", label=str(k)) for k in range(1, top + 1)
    ]
    ax.legend(
        handles=handles, title="claims", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False
    )
    return ax


# --- chapter 2: an illustration for C2.3 (not a test) -------------------------------------

#: Groups with a formal regional organisation of their own (regionalism, in the paper's sense).
REGIONALIST_GROUPS = ("EU", "ASEAN", "MERCOSUR", "GCC")
REFERENCE_DATE = "2010-07-01"
ILLUSTRATION_YEARS = (1992, 2019)


def group_percentiles(keys: tuple[str, ...] = ("C5", *REGIONALIST_GROUPS)) -> pd.DataFrame:
    """Pooled 1992-2019 kappa cohesion of each group and its percentile among random groups.

    Members are those on :data:`REFERENCE_DATE`; random groups of the same size come from the
    book's one baseline (:func:`caorder.windows.random_baseline`, default pool matched on
    the group's own participation). A description of who votes together, not a test of C2.3.
    """
    votes = windows.window_votes(*ILLUSTRATION_YEARS)
    scores = windows.scores(*ILLUSTRATION_YEARS, "kappa")
    rows = []
    for key in keys:
        members = [m for m in countries.group(key).members_on(REFERENCE_DATE) if m in scores.index]
        cohesion = agreement.group_cohesion(scores, members)
        baseline = windows.random_baseline(
            scores, windows.pool(votes, windows.DEFAULT_POOL, members), len(members)
        )
        rows.append(
            {
                "group": key,
                "members": len(members),
                "kappa": cohesion,
                "random median": float(np.nanmedian(baseline)),
                "percentile": windows.percentile(cohesion, baseline),
            }
        )
    return pd.DataFrame(rows)
