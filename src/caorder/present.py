"""How the book shows results to readers: HTML tables, verdict badges and the ledger at a glance.

Notebooks call these instead of ``print(df.to_string())``, so that every table a reader needs
is an HTML table with a numbered caption that scrolls inside its own box on a phone (CSS in
``_static/caorder.css``), long tables are searchable and sortable (``itables``, offline, with
its bundled JavaScript) with a CSV download, and verdicts are shown as badges whose word is
always written out (readable without colour and in greyscale).
"""

from __future__ import annotations

import base64
import html
import math
import re
import textwrap
from dataclasses import dataclass

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import FancyBboxPatch

from caorder.claims import VERDICTS
from caorder.coverage import ISSUE_NAMES

ATTRIBUTIONS = {
    "paper": "the paper",
    "literature": "a diagnosis the paper reports; it disputes the lens, not necessarily the facts",
    "later_work": "later work",
    "extension": "this book's extension",
}
#: Badge colours (Okabe-Ito based), chosen to differ in lightness too: dark blue, yellow,
#: vermillion, light grey, white; the symbol and the word are always shown.
VERDICT_STYLE = {
    "supports": {"colour": "#1f4e99", "text": "white", "symbol": "✓", "hatch": ""},
    "mixed": {"colour": "#f0e442", "text": "black", "symbol": "±", "hatch": "//"},
    "contradicts": {"colour": "#d55e00", "text": "black", "symbol": "✗", "hatch": "xx"},
    "inconclusive": {"colour": "#cccccc", "text": "black", "symbol": "~", "hatch": "--"},
    "cannot be tested with these data": {
        "colour": "#ffffff",
        "text": "black",
        "symbol": "?",
        "hatch": "..",
    },
}
LEDGER_COLUMNS = (
    "id",
    "anchor",
    "chapter",
    "claim",
    "attribution",
    "verdict",
    "statistic",
    "value",
    "share_agreeing",
)
_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """A lower-case, hyphenated id fragment ("cannot be tested" -> "cannot-be-tested")."""
    return _SLUG.sub("-", str(text).lower()).strip("-")


@dataclass(frozen=True)
class HTMLTable:
    """A table for the page: rendered as HTML in the book, as plain text in a terminal."""

    html: str
    text: str

    def _repr_html_(self) -> str:
        """What Jupyter and the book show."""
        return self.html

    def __repr__(self) -> str:
        """Deterministic plain text (nbval compares it)."""
        return self.text


def _require_frame(df: object, name: str) -> pd.DataFrame:
    """Fail with a one-line message when ``df`` is not a DataFrame."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(
            f"{name}: expected a pandas DataFrame, got {type(df).__name__}; "
            "pass the table itself, not its text"
        )
    return df


def _caption_html(caption: str) -> str:
    """A caption whose "Table n" prefix is numbered per page by CSS (``caorder.css``)."""
    return (
        f'<span class="caption-number caorder-table-number"></span>'
        f'<span class="caption-text">{html.escape(caption)}</span>'
    )


def html_table(
    df: pd.DataFrame, caption: str, label: str, *, index: bool = False, precision: int = 3
) -> HTMLTable:
    """``df`` as a captioned HTML table in a box that scrolls sideways on narrow screens.

    ``label`` becomes the table's HTML id (link to it with ``#label``); floats are shown with
    ``precision`` decimals, in the text form too (so that nbval compares rounded numbers).
    The caption is numbered "Table 1", "Table 2"... on each page.
    """
    frame = _require_frame(df, "html_table(df)")
    if not label or slug(label) != label:
        raise ValueError(
            f"html_table(label={label!r}): use lower-case letters, digits and "
            "hyphens, e.g. 'tbl-ch1-groups'"
        )
    styler = (
        frame.style.format(precision=precision, na_rep="–")
        .set_table_attributes('class="caorder-table"')
        .set_uuid(label)
    )
    if not index:
        styler = styler.hide(axis="index")
    body = re.sub(
        r"<table ([^>]*)>",
        lambda m: f"<table {m.group(1)}><caption>{_caption_html(caption)}</caption>",
        styler.to_html(),
        count=1,
    )
    wrapped = f'<div class="caorder-scroll" id="{label}" tabindex="0">{body}</div>'
    shown = frame.to_string(
        index=index, na_rep="–", float_format=lambda value: f"{value:.{precision}f}"
    )
    return HTMLTable(wrapped, f"{caption}\n{shown}")


def csv_link(df: pd.DataFrame, filename: str, text: str = "Download this table (CSV)") -> str:
    """An ``<a download>`` link carrying ``df`` as CSV in a data URI (works offline, no JS)."""
    frame = _require_frame(df, "csv_link(df)")
    if not filename.endswith(".csv"):
        raise ValueError(f"csv_link(filename={filename!r}): the name must end in .csv")
    payload = base64.b64encode(frame.to_csv(index=False).encode("utf-8")).decode("ascii")
    return (
        f'<a class="caorder-download" download="{html.escape(filename)}" '
        f'href="data:text/csv;base64,{payload}">{html.escape(text)}</a>'
    )


def init_interactive() -> None:
    """Load itables' bundled DataTables into the notebook once (offline: no CDN needed).

    This is the offline half of ``itables.init_notebook_mode(all_interactive=False,
    connected=False)``, without its dark-mode script, which imports a module from a promise
    and fails with a console error on the built page.
    """
    from IPython.display import HTML, display
    from itables.javascript import generate_init_offline_itables_html
    from itables.options import dt_bundle

    display(HTML(generate_init_offline_itables_html(dt_bundle)))


def long_table(
    df: pd.DataFrame,
    caption: str,
    label: str,
    filename: str,
    page_length: int = 25,
    wide: tuple[str, ...] = (),
) -> HTMLTable:
    """A searchable, sortable, paginated table (itables) with a caption and a CSV download.

    Call :func:`init_interactive` earlier in the notebook. Columns named in ``wide`` (long
    text such as titles) keep a readable minimum width; the table scrolls in its box. The
    text form lists only the size, so that committed notebooks stay small and nbval does
    not compare the whole table.
    """
    from itables import to_html_datatable

    frame = _require_frame(df, "long_table(df)").reset_index(drop=True)
    unknown = [c for c in wide if c not in frame.columns]
    if unknown:
        raise ValueError(
            f"long_table(wide={unknown}): no such column; columns are "
            f"{', '.join(map(str, frame.columns))}"
        )
    wide_columns = [list(frame.columns).index(c) for c in wide]
    table = to_html_datatable(
        frame,
        table_id=f"itable-{label}",
        connected=False,
        showIndex=False,
        columnDefs=[{"targets": wide_columns, "className": "caorder-wide"}],
        pageLength=page_length,
        lengthMenu=[10, 25, 100, -1],
        classes="display compact",
        display_logo_when_loading=False,
        maxBytes=0,
        autoWidth=False,
        layout={"topStart": "search", "topEnd": "pageLength"},
    )
    body = (
        f'<figure class="caorder-long-table" id="{label}">'
        f"<figcaption>{_caption_html(caption)}</figcaption>"
        f'<div class="caorder-scroll">{table}</div>'
        f"<p>{csv_link(frame, filename)}</p></figure>"
    )
    text = f"{caption}\n[{len(frame)} rows x {frame.shape[1]} columns: {', '.join(frame)}]"
    return HTMLTable(body, text)


_RES = re.compile(r"^R/(\d+)/(\d+)([A-Z]*)((?:/[IVXLC]+)?)$")


def un_symbol(symbol: object) -> str:
    """A resolution symbol in the UN's own form: "R/68/262" -> "A/RES/68/262".

    The voting data abbreviate General Assembly resolutions as ``R/<session>/<number>`` with
    an optional part letter ("R/54/54D" -> "A/RES/54/54 D"). Symbols already in UN form or
    of another kind are returned unchanged, missing ones as "".
    """
    if symbol is None or (isinstance(symbol, float) and math.isnan(symbol)):
        return ""
    text = str(symbol).strip()
    match = _RES.match(text)
    if not match:
        return text
    session, number, part, roman = match.groups()
    suffix = f" {part}{roman}" if part else roman
    return f"A/RES/{session}/{number}{suffix}"


_ENTITLED = re.compile(r"entitled\s*_\s*(.+?)\s*<d3>", re.IGNORECASE)
_SPEAKER = re.compile(r"^The (?:Acting )?President(?: \([^)]*\))?:\s*")
_PARAGRAPH = re.compile(r"(operative|preambular) paragraph ([\w() ]+?)(?: as a whole)?(?: of|,)")


def clean_title(title: object, limit: int = 160) -> str:
    """A readable roll-call title from the data's title field.

    Some titles are fragments of the meeting record ("The Acting President: Draft resolution
    C is entitled _X<d3>. ..."): the quoted title X is kept; a separate vote on a paragraph
    becomes "Separate vote: operative paragraph 3"; other transcript text is cut to its first
    sentence. Stray underscores, markup and doubled spaces are removed, and a "?" standing
    for a lost hyphen inside a word is put back as "-".
    """
    if title is None or (isinstance(title, float) and math.isnan(title)):
        return ""
    text = str(title)
    entitled = _ENTITLED.search(text)
    if entitled:
        text = entitled.group(1)
    elif _SPEAKER.match(text):
        paragraph = _PARAGRAPH.search(text)
        if paragraph:
            text = f"Separate vote: {paragraph.group(1)} paragraph {paragraph.group(2).strip()}"
        else:
            text = _SPEAKER.sub("", text).split(". ")[0]
    text = re.sub(r"<[^>]*>|_", " ", text)
    text = re.sub(r"(?<=\w)\?(?=\w)", "-", text)  # a lost hyphen: "Non?Proliferation"
    text = re.sub(r"\s+", " ", text).strip(" .")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def badge(verdict: str) -> str:
    """A verdict badge: coloured box, a symbol and the verdict written out."""
    if verdict not in VERDICT_STYLE:
        raise ValueError(f"badge(verdict={verdict!r}): expected one of {', '.join(VERDICTS)}")
    symbol = VERDICT_STYLE[verdict]["symbol"]
    return (
        f'<span class="caorder-badge caorder-verdict-{slug(verdict)}">'
        f'<span aria-hidden="true">{symbol}</span> {html.escape(verdict)}</span>'
    )


def _check_ledger(frame: pd.DataFrame) -> pd.DataFrame:
    """Fail with a one-line message if the ledger frame lacks a column or has a bad value."""
    frame = _require_frame(frame, "ledger frame")
    missing = [c for c in LEDGER_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(
            f"ledger frame: missing column(s) {', '.join(missing)}; "
            "build it with caorder.ledger.evaluate_all()"
        )
    for column, allowed in (("verdict", VERDICTS), ("attribution", tuple(ATTRIBUTIONS))):
        bad = sorted(set(frame[column]) - set(allowed))
        if bad:
            raise ValueError(
                f"ledger frame: column {column!r} has {bad}; allowed: {', '.join(allowed)}"
            )
    return frame


def _statistic(statistic: object, value: object) -> str:
    """ "name = value" with the value rounded to 3 significant digits; "–" when absent."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return html.escape(str(statistic)) if statistic else "–"
    shown = f"{value:.3g}" if isinstance(value, (int, float)) else str(value)
    return html.escape(f"{statistic} = {shown}" if statistic else shown)


def _share(share: object) -> str:
    """A share of specifications as a whole percentage; "–" when not computed."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "–"
    return f"{100 * float(share):.0f}%"


#: How much of a claim's paraphrase the ledger table shows (the entry below has all of it).
CLAIM_CHARS = 110


def _in_claim_order(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows sorted by claim number: C1.2 before C1.10."""
    numbers = frame["id"].str.extract(r"C(\d+)\.(\d+)").astype(int)
    return frame.iloc[numbers.sort_values([0, 1], kind="stable").index.map(frame.index.get_loc)]


def ledger_table(
    frame: pd.DataFrame,
    target: str = "claims_ledger.html",
    caption: str = "Every claim and its verdict",
) -> HTMLTable:
    """The ledger at a glance: one row per claim, its id linked to ``target#anchor``.

    Columns: claim id (linked), short claim, whose claim (attribution), verdict badge, key
    statistic, share of specifications agreeing. ``target`` is the ledger page relative to
    the page showing the table ("claims_ledger.html" from the ledger itself,
    "../notebooks/claims_ledger.html" from a page in book/).
    """
    frame = _in_claim_order(_check_ledger(frame))
    rows = []
    for row in frame.itertuples(index=False):
        claim = textwrap.shorten(str(row.claim), CLAIM_CHARS, placeholder=" …")
        rows.append(
            "<tr>"
            f'<td><a class="reference internal" href="{html.escape(target)}#{row.anchor}">'
            f"{html.escape(str(row.id))}</a></td>"
            f"<td>{html.escape(claim)}</td>"
            f"<td>{html.escape(ATTRIBUTIONS[row.attribution])}</td>"
            f"<td>{badge(row.verdict)}</td>"
            f"<td>{_statistic(row.statistic, row.value)}</td>"
            f'<td class="caorder-num">{_share(row.share_agreeing)}</td>'
            "</tr>"
        )
    head = "".join(
        f'<th scope="col">{name}</th>'
        for name in (
            "Claim",
            "What is claimed",
            "Whose claim",
            "Verdict",
            "Key statistic",
            "Specifications agreeing",
        )
    )
    body = (
        f'<div class="caorder-scroll" id="ledger-at-a-glance" tabindex="0">'
        f'<table class="caorder-table caorder-ledger"><caption>{_caption_html(caption)}'
        f"</caption><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody>"
        "</table></div>"
    )
    text = frame[["id", "verdict", "statistic", "value", "share_agreeing"]].to_string(index=False)
    return HTMLTable(body, f"{caption}\n{text}")


def plot_verdict_map(
    frame: pd.DataFrame, ax: plt.Axes | None = None, per_line: int = 3
) -> plt.Axes:
    """Every claim placed in its chapter (column) and verdict (row), as a labelled box.

    Boxes use the badge colours plus a hatch per verdict, and the rows are labelled, so the
    map reads in greyscale and without colour. Up to ``per_line`` ids share a line.
    """
    frame = _check_ledger(frame)
    chapters = sorted(frame["chapter"].unique())
    sizes = frame.groupby(["verdict", "chapter"]).size()
    heights = [max(1, math.ceil(sizes.get(v, pd.Series([0])).max() / per_line)) for v in VERDICTS]
    tops = [sum(heights[i:]) for i in range(len(VERDICTS))]
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 0.8 + 0.42 * sum(heights)))
    for (chapter, verdict), group in frame.groupby(["chapter", "verdict"]):
        col, row = chapters.index(chapter), VERDICTS.index(verdict)
        style = VERDICT_STYLE[verdict]
        for k, claim_id in enumerate(sorted(group["id"].astype(str))):
            x = col + 0.04 + (k % per_line) * (0.92 / per_line)
            y = tops[row] - 1 - k // per_line + 0.2
            ax.add_patch(
                FancyBboxPatch(
                    (x, y),
                    0.92 / per_line - 0.03,
                    0.6,
                    boxstyle="round,pad=0.01",
                    facecolor=style["colour"],
                    edgecolor="0.15",
                    hatch=style["hatch"],
                    linewidth=0.8,
                )
            )
            ax.text(
                x + (0.92 / per_line - 0.03) / 2,
                y + 0.3,
                claim_id,
                ha="center",
                va="center",
                fontsize=9,
                color=style["text"],
                bbox={"facecolor": style["colour"], "edgecolor": "none", "pad": 0.8},
            )
    ax.set_xlim(0, len(chapters))
    ax.set_ylim(0, sum(heights))
    ax.set_xticks([i + 0.5 for i in range(len(chapters))], [f"Chapter {c}" for c in chapters])
    ax.set_yticks(
        [tops[i] - heights[i] / 2 for i in range(len(VERDICTS))],
        [f"{VERDICT_STYLE[v]['symbol']} {v}".replace(" with", "\nwith") for v in VERDICTS],
    )
    for i in range(1, len(chapters)):
        ax.axvline(i, color="0.75", linewidth=0.8)
    for top in tops[1:]:
        ax.axhline(top, color="0.75", linewidth=0.8)
    ax.grid(False)
    ax.tick_params(length=0)
    ax.xaxis.tick_top()
    return ax


def claim_badges(frame: pd.DataFrame, target: str = "../notebooks/claims_ledger.html") -> HTMLTable:
    """A list of claims with their verdict badges, each id linked to its ledger entry.

    Chapter pages show it under "What this chapter tests"; ``target`` is the ledger page
    relative to the page showing the list.
    """
    frame = _in_claim_order(_check_ledger(frame))
    items = "".join(
        f'<li><a class="reference internal" href="{html.escape(target)}#{row.anchor}">'
        f"{html.escape(str(row.id))}</a> {badge(row.verdict)} "
        f'<span class="caorder-whose">({html.escape(ATTRIBUTIONS[row.attribution])})</span>'
        "</li>"
        for row in frame.itertuples(index=False)
    )
    text = ", ".join(f"{row.id} {row.verdict}" for row in frame.itertuples(index=False))
    return HTMLTable(f'<ul class="caorder-claims">{items}</ul>', text)


#: Headers spelt out wherever they appear.
HEADERS = {"rcid": "roll call id", "iso3": "state (ISO3)"}
_SNAKE = re.compile(r"^[a-z]+(?:_[a-z]+)+$")


def _cell(value: object, groups: dict[str, str]) -> object:
    """One text cell shown to readers: group keys named, snake-case codes spaced."""
    if not isinstance(value, str):
        return value
    if value in groups:
        return groups[value]
    return value.replace("_", " ") if _SNAKE.match(value) else value


def _label(name: object, groups: dict[str, str]) -> object:
    """One header or cell shown to readers: issue codes and group keys spelt out."""
    if not isinstance(name, str):
        return name
    if name in ISSUE_NAMES:
        return ISSUE_NAMES[name].removeprefix("the ")
    if name in groups:
        return groups[name]
    return HEADERS.get(name, name.replace("_", " "))


def _index_as_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Named index levels become columns; an unnamed index of positions is dropped."""
    index = frame.index
    if any(name is not None for name in index.names):
        return frame.reset_index()
    if pd.api.types.is_integer_dtype(index.dtype):
        return frame.reset_index(drop=True)
    return frame.reset_index(names="")


#: Columns holding resolution symbols, shown in the UN's form by :func:`readable`.
SYMBOL_COLUMNS = ("symbol", "unres", "resolution")


def readable(
    df: pd.DataFrame | pd.Series, rename: dict[str, str] | None = None, name: str | None = None
) -> pd.DataFrame:
    """``df`` with names a reader understands, ready for :func:`html_table`.

    A named index becomes the first column(s) (tables are shown without index; an unnamed
    index of positions is dropped); ``rename`` is applied first; then issue codes ("hr"),
    :data:`HEADERS` ("rcid") and country-group keys ("SOUTH_CAUCASUS") in headers and in
    text cells are spelt out, and the remaining underscores in headers and in snake-case text
    cells become spaces ("random_median" -> "random median"); resolution symbols are shown
    in the UN's form (:func:`un_symbol`); dates
    without a time of day are shown as dates ("2018-03-15", not "... 00:00:00"). A Series
    becomes a one-column frame whose column is called ``name`` (default: the Series' name,
    else "value").
    """
    from caorder import countries

    if isinstance(df, pd.Series):
        df = df.to_frame(name or df.name or "value")
    frame = _require_frame(df, "readable(df)")
    frame = _index_as_columns(frame).rename(columns=rename or {})
    if isinstance(frame.columns, pd.MultiIndex):
        frame.columns = [
            " ".join(str(level) for level in col if str(level)).strip() for col in frame.columns
        ]
    groups = {key: g.name for key, g in countries.load_groups().items() if "_" in key}
    frame = frame.rename(columns=lambda c: _label(c, groups))
    for column in frame.select_dtypes(include=["datetime", "datetimetz"]).columns:
        if (frame[column].dropna().dt.normalize() == frame[column].dropna()).all():
            frame[column] = frame[column].dt.strftime("%Y-%m-%d")
    for column in frame.select_dtypes(include=["object", "string"]).columns:
        frame[column] = frame[column].map(lambda v: _cell(v, groups))
    for column in [c for c in frame.columns if str(c).lower() in SYMBOL_COLUMNS]:
        frame[column] = frame[column].map(un_symbol)
    return frame
