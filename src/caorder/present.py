"""How the book shows results to readers: HTML tables, verdict badges and the ledger at a glance.

Notebooks call these instead of ``print(df.to_string())``, so that every table a reader needs
is an HTML table with a numbered caption that scrolls inside its own box on a phone (CSS in
``_static/caorder.css``), long tables are folded under their caption or searchable and
sortable (``itables``, offline, with its bundled JavaScript) with a CSV download, and verdicts
are shown as badges whose word is always written out (readable without colour and in
greyscale). The ledger at a glance is HTML too: a chapter x verdict matrix of links
(:func:`verdict_matrix`), one line per claim with its split, key number and figure
(:func:`claim_lines`), and the verdict box at the top of each claim's section
(:func:`verdict_box`).
"""

from __future__ import annotations

import base64
import html
import math
import re
import textwrap
from dataclasses import dataclass

import numpy as np
import pandas as pd

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


#: Where a caption's number goes: the book writes "Table 3.9. " into it
#: (:mod:`caorder.book_ext`); outside the book CSS numbers the tables of the page.
TABLE_NUMBER_PLACEHOLDER = '<span class="caption-number caorder-table-number"></span>'


def _caption_html(caption: str) -> str:
    """A caption with its number placeholder (see :data:`TABLE_NUMBER_PLACEHOLDER`)."""
    return f'{TABLE_NUMBER_PLACEHOLDER}<span class="caption-text">{html.escape(caption)}</span>'


#: Tables longer than this are folded: the caption and a one-line summary stay visible.
FOLD_ROWS = 20


def _yes_no(frame: pd.DataFrame) -> pd.DataFrame:
    """True/False cells shown as "yes"/"no"."""

    def is_bool(value: object) -> bool:
        return isinstance(value, (bool, np.bool_))

    columns = [c for c in frame.columns if frame[c].map(is_bool).any()]
    if not columns:
        return frame
    frame = frame.copy()
    for column in columns:
        frame[column] = (
            frame[column].map(lambda v: ("yes" if v else "no") if is_bool(v) else v).astype(object)
        )
    return frame


def html_table(
    df: pd.DataFrame,
    caption: str,
    label: str,
    *,
    index: bool = False,
    precision: int = 3,
    fold: int = FOLD_ROWS,
) -> HTMLTable:
    """``df`` as a captioned HTML table in a box that scrolls sideways on narrow screens.

    ``label`` becomes the table's HTML id (link to it with ``#label``); floats are shown with
    ``precision`` decimals, in the text form too (so that nbval compares rounded numbers);
    True/False read "yes"/"no". The book numbers the caption by chapter ("Table 3.9").
    A table of more than ``fold`` rows is folded under its caption and size (click to open;
    printed open).
    """
    frame = _yes_no(_require_frame(df, "html_table(df)"))
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
    if len(frame) > fold:
        body = re.sub(r"<caption>.*?</caption>", "", body, count=1, flags=re.DOTALL)
        body = (
            f'<details class="caorder-fold"><summary>{_caption_html(caption)} '
            f'<span class="caorder-fold-size">({len(frame)} rows; open to read)</span>'
            f"</summary>{body}</details>"
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


def _in_claim_order(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows sorted by claim number: C1.2 before C1.10."""
    numbers = frame["id"].str.extract(r"C(\d+)\.(\d+)").astype(int)
    return frame.iloc[numbers.sort_values([0, 1], kind="stable").index.map(frame.index.get_loc)]


def claim_badges(frame: pd.DataFrame, target: str = "../notebooks/claims_ledger.html") -> HTMLTable:
    """A list of claims with a short label and their verdict badge (with the split).

    Chapter pages show it under "What this chapter tests"; each id links to its entry on the
    ledger page (``target``, relative to the page showing the list).
    """
    frame = _in_claim_order(_check_ledger(frame))
    items = "".join(
        f'<li><a class="reference internal" href="{html.escape(target)}#{row["anchor"]}">'
        f"{html.escape(str(row['id']))}</a> {html.escape(short_label(row))} "
        f"{short_badge(row['verdict'], split_text(row.get('split'), row.get('n_specs')))} "
        f'<span class="caorder-whose">({html.escape(ATTRIBUTIONS[row["attribution"]])})</span>'
        "</li>"
        for _, row in frame.iterrows()
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


# --- Every verdict at a glance: the matrix, one line per claim, the verdict box ----------

#: Short badge words for tight spaces; the full verdict is in the badge's title.
SHORT_VERDICTS = {
    "supports": "supports",
    "mixed": "mixed",
    "contradicts": "contradicts",
    "inconclusive": "inconclusive",
    "cannot be tested with these data": "untestable",
}
#: How a register's fidelity grade reads (see the glossary).
FIDELITY = {
    "direct": "direct test",
    "proxy": "proxy test",
    "neighbour": "neighbouring claim (the book's extension)",
}
#: Elements of order that prefix a register's concept ("rule: territorial integrity").
_ELEMENT_PREFIX = re.compile(r"^(?:diagnosis|rule|goal|institutions?|periodisation)\s*:\s*")
LABEL_CHARS = 64


def short_badge(verdict: str, split: str = "") -> str:
    """A compact badge: symbol and short word ("? untestable"), then the split if given."""
    if verdict not in VERDICT_STYLE:
        raise ValueError(f"short_badge(verdict={verdict!r}): expected one of {', '.join(VERDICTS)}")
    symbol = VERDICT_STYLE[verdict]["symbol"]
    tail = f" · {html.escape(split)}" if split else ""
    return (
        f'<span class="caorder-badge caorder-verdict-{slug(verdict)}" '
        f'title="{html.escape(verdict)}"><span aria-hidden="true">{symbol}</span> '
        f"{SHORT_VERDICTS[verdict]}{tail}</span>"
    )


def split_text(split: object, total: object = None) -> str:
    """How the specifications split, symbols in verdict order: "10✗ 6± of 16" ("" if none)."""
    if not isinstance(split, dict) or not any(split.values()):
        return ""
    parts = [
        f"{int(split[v])}{VERDICT_STYLE[v]['symbol']}"
        for v in sorted(split, key=lambda v: (-int(split[v]), VERDICTS.index(v)))
        if v in VERDICT_STYLE and split[v]
    ]
    count = int(total) if total else sum(int(n) for n in split.values())
    return f"{' '.join(parts)} of {count}"


def short_label(row: pd.Series | dict) -> str:
    """A claim's label in a few words: its concept without the element ("territorial integrity")."""
    concept = str(row.get("concept") or "").strip()
    text = _ELEMENT_PREFIX.sub("", concept) if concept else str(row.get("claim", ""))
    return textwrap.shorten(text, LABEL_CHARS, placeholder=" …")


def reference(label: str, text: str | None = None) -> str:
    """A link to a figure or table by label; the book writes in its number ("Figure 3.2")."""
    if slug(label) != label:
        raise ValueError(
            f"reference(label={label!r}): labels are lower-case, e.g. 'fig-c3-2-panel'"
        )
    shown = f' data-text="{html.escape(text)}"' if text else ""
    return f'<a class="caorder-ref" data-label="{label}"{shown}></a>'


def _key_number(row: pd.Series | dict) -> str:
    """ "statistic = value" for the claim, "–" without one."""
    return _statistic(row.get("statistic"), row.get("value"))


def _is_untested(row: pd.Series | dict) -> bool:
    """True for a claim these data cannot test (and with no specification run)."""
    return row["verdict"] == "cannot be tested with these data" and not row.get("n_specs")


def _figure_refs(row: pd.Series | dict, first_only: bool = False) -> str:
    """Links to the claim's evidence figures (``figures`` of the ledger row)."""
    labels = [str(f) for f in (row.get("figures") or [])]
    if first_only:
        labels = labels[:1]
    return ", ".join(reference(label) for label in labels) or "–"


def verdict_matrix(frame: pd.DataFrame, target: str = "") -> HTMLTable:
    """Chapters (rows) by verdict (columns), each claim id a link to its ledger entry.

    HTML, not an image: every id is a link (``target#claim-c3-2``; ``target`` is the ledger
    page relative to the showing page, "" on the ledger itself), and the table fits a phone.
    """
    frame = _in_claim_order(_check_ledger(frame))
    head = "".join(
        f'<th scope="col" title="{html.escape(v)}">{VERDICT_STYLE[v]["symbol"]} '
        f"{SHORT_VERDICTS[v]}</th>"
        for v in VERDICTS
    )
    rows = []
    for chapter, chunk in frame.groupby("chapter", sort=True):
        cells = []
        for verdict in VERDICTS:
            ids = chunk[chunk["verdict"] == verdict]
            links = " ".join(
                f'<a class="reference internal" href="{html.escape(target)}#{r.anchor}">'
                f"{html.escape(str(r.id))}</a>"
                for r in ids.itertuples(index=False)
            )
            cells.append(
                f'<td class="caorder-verdict-cell caorder-verdict-{slug(verdict)}">{links}</td>'
            )
        rows.append(f'<tr><th scope="row">Ch. {chapter}</th>{"".join(cells)}</tr>')
    totals = "".join(
        f'<td class="caorder-num">{int((frame["verdict"] == v).sum())}</td>' for v in VERDICTS
    )
    body = (
        '<div class="caorder-scroll caorder-matrix-box" tabindex="0">'
        '<table class="caorder-table caorder-matrix"><caption>'
        f"{_caption_html('Every claim by chapter and verdict; each id links to its entry')}"
        f'</caption><thead><tr><th scope="col">Ch.</th>{head}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody><tfoot><tr><th scope="row">All</th>{totals}</tr></tfoot>'
        "</table></div>"
    )
    text = pd.crosstab(frame["chapter"], frame["verdict"]).reindex(
        columns=list(VERDICTS), fill_value=0
    )
    return HTMLTable(body, "Every claim by chapter and verdict\n" + text.to_string())


def claim_lines(frame: pd.DataFrame, target: str = "") -> HTMLTable:
    """One line per tested claim, grouped by chapter; untested claims folded in a list.

    A line: the id (linked to ``target#claim-…``), a short label, the badge with its split
    ("± mixed · 10✗ 6± of 16"), the key number and the figure to cite. On a phone each line
    becomes a card (``caorder.css``); nothing is clipped.
    """
    frame = _in_claim_order(_check_ledger(frame))
    tested = frame[~frame.apply(_is_untested, axis=1)]
    untested = frame[frame.apply(_is_untested, axis=1)]
    head = "".join(
        f'<th scope="col">{name}</th>'
        for name in ("Claim", "About", "Verdict and split", "Key number", "Figure to cite")
    )
    rows = []
    for chapter, chunk in tested.groupby("chapter", sort=True):
        rows.append(f'<tr class="caorder-chapter-row"><th colspan="5">Chapter {chapter}</th></tr>')
        for _, row in chunk.iterrows():
            split = split_text(row.get("split"), row.get("n_specs"))
            rows.append(
                "<tr>"
                f'<td data-label="Claim"><a class="reference internal" '
                f'href="{html.escape(target)}#{row["anchor"]}">{html.escape(str(row["id"]))}</a></td>'
                f'<td data-label="About">{html.escape(short_label(row))}</td>'
                f'<td data-label="Verdict">{short_badge(row["verdict"], split)}</td>'
                f'<td data-label="Key number">{_key_number(row)}</td>'
                f'<td data-label="Figure">{_figure_refs(row, first_only=True)}</td>'
                "</tr>"
            )
    items = "".join(
        f'<li><a class="reference internal" href="{html.escape(target)}#{row["anchor"]}">'
        f"{html.escape(str(row['id']))}</a> {html.escape(short_label(row))}</li>"
        for _, row in untested.iterrows()
    )
    folded = (
        f'<details class="caorder-untested"><summary>{len(untested)} claims these data cannot '
        f"test (each entry names the data that would)</summary>"
        f'<ul class="caorder-claims">{items}</ul></details>'
        if len(untested)
        else ""
    )
    body = (
        '<div class="caorder-lines" id="ledger-at-a-glance">'
        '<table class="caorder-table caorder-ledger caorder-cards"><caption>'
        f"{_caption_html('Every tested claim: verdict, split of the specifications, key number')}"
        f"</caption><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f"{folded}</div>"
    )
    text = "\n".join(
        f"{row['id']} {row['verdict']} {split_text(row.get('split'), row.get('n_specs'))}".rstrip()
        for _, row in tested.iterrows()
    )
    return HTMLTable(body, f"{text}\n[{len(untested)} untested claims folded]")


def verdict_box(
    row: pd.Series | dict,
    tables: tuple[str, ...] = (),
    ledger: str = "claims_ledger.html",
    analysis: str | None = None,
    anchor: bool = True,
) -> HTMLTable:
    """The box at the top of a claim's section: what to quote, in one place.

    Verdict with its split, fidelity (when the register grades it), whose claim, the key
    number, the figures (``row["figures"]``) and ``tables`` (labels) to cite, with their
    numbers, and a link to the ledger entry (``ledger``: the ledger page relative to the
    showing page; "" for none) or to the analysis (``analysis``, a URL). ``row`` is one row
    of :func:`caorder.ledger.evaluate_all` with ``figures`` (:func:`caorder.ledger.figures`).
    With ``anchor`` the box has the id ``verdict-c3-2``, the deep link that the ledger and
    ``claims.json`` (``section_url``) use.
    """
    claim_id = str(row["id"])
    split = split_text(row.get("split"), row.get("n_specs"))
    fidelity = FIDELITY.get(str(row.get("fidelity") or ""), "")
    facts = [
        ("Verdict", short_badge(row["verdict"], split)),
        ("Whose claim", html.escape(ATTRIBUTIONS.get(str(row.get("attribution")), "–"))),
    ]
    if fidelity:
        facts.append(("Fidelity", html.escape(fidelity)))
    facts.append(("Key number", _key_number(row)))
    facts.append(("Figures", _figure_refs(row)))
    if tables:
        facts.append(("Tables", ", ".join(reference(t) for t in tables)))
    entry = str(row.get("anchor") or "claim-" + slug(claim_id))
    if ledger:
        facts.append(
            (
                "Ledger entry",
                f'<a class="reference internal" href="{html.escape(ledger)}#{entry}">'
                f"{html.escape(claim_id)} in the claims ledger</a>",
            )
        )
    if analysis:
        facts.append(
            (
                "Analysis",
                f'<a class="reference internal" href="{html.escape(analysis)}">'
                "the test, its figures and tables</a>",
            )
        )
    items = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in facts)
    box_id = f' id="verdict-{slug(claim_id)}"' if anchor else ""
    body = (
        f'<aside class="caorder-verdict-box"{box_id} aria-label="Verdict on {claim_id}">'
        f'<p class="caorder-verdict-box-title">Claim {html.escape(claim_id)}: '
        f"{html.escape(short_label(row))}</p><dl>{items}</dl></aside>"
    )
    text = f"{claim_id}: {row['verdict']}" + (f" ({split})" if split else "")
    return HTMLTable(body, text)
