"""Presentation helpers: HTML tables, UN symbols, cleaned titles, badges and the ledger."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from caorder import present


def _ledger() -> pd.DataFrame:
    """A hand-made ledger frame: four claims, every verdict, a missing share."""
    return pd.DataFrame(
        {
            "id": ["C1.1", "C1.2", "C3.1", "C4.1"],
            "anchor": ["claim-c1-1", "claim-c1-2", "claim-c3-1", "claim-c4-1"],
            "chapter": [1, 1, 3, 4],
            "claim": ["Non-cooperation", "The region that isn't", "Non-interference", "Periods"],
            "attribution": ["literature", "literature", "paper", "extension"],
            "verdict": ["contradicts", "mixed", "supports", "cannot be tested with these data"],
            "statistic": ["percentile", "rank", "odds ratio", ""],
            "value": [86.2, 3, 0.41234, math.nan],
            "share_agreeing": [0.75, 0.5, 1.0, math.nan],
        }
    )


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("R/68/262", "A/RES/68/262"),
        ("R/54/54D", "A/RES/54/54 D"),
        ("R/49/43B/IV", "A/RES/49/43 B/IV"),
        ("A/RES/75/1", "A/RES/75/1"),
        ("", ""),
        (None, ""),
        (math.nan, ""),
    ],
)
def test_un_symbol(raw: object, expected: str) -> None:
    assert present.un_symbol(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        (
            "The Acting President: Draft resolution C is entitled_Prohibition of the dumping of "
            "radioactive wastes<d3>. The First Committee adopted it.",
            "Prohibition of the dumping of radioactive wastes",
        ),
        (
            "The Acting President (spoke in Spanish): I shall now put to the vote operative "
            "paragraph 3 of draft resolution XXXI, on which a separate vote has been requested.",
            "Separate vote: operative paragraph 3",
        ),
        (
            "Missiles,  General and complete disarmament",
            "Missiles, General and complete disarmament",
        ),
        (
            "Treaty on the Non?Proliferation of Nuclear Weapons",
            "Treaty on the Non-Proliferation of Nuclear Weapons",
        ),
        ("Situation of human rights in Myanmar", "Situation of human rights in Myanmar"),
    ],
)
def test_clean_title(raw: str, expected: str) -> None:
    assert present.clean_title(raw) == expected


def test_clean_title_cuts_long_text() -> None:
    assert present.clean_title("word " * 100, limit=20).endswith("…")
    assert len(present.clean_title("word " * 100, limit=20)) == 20


def test_html_table_has_caption_scroll_box_and_text_form() -> None:
    frame = pd.DataFrame({"group": ["C5", "EU"], "kappa": [0.51234, 0.9]})
    table = present.html_table(frame, "Cohesion by group", "tbl-groups")
    html = table._repr_html_()
    assert html.startswith('<div class="caorder-scroll" id="tbl-groups"')
    assert "<caption>" in html and "Cohesion by group" in html
    assert "0.512" in html and "0.51234" not in html
    assert "C5" in repr(table) and "Cohesion by group" in repr(table)
    with pytest.raises(ValueError, match="lower-case"):
        present.html_table(frame, "x", "Bad Label")
    with pytest.raises(TypeError, match="DataFrame"):
        present.html_table(frame.to_string(), "x", "tbl-x")


def test_long_table_is_offline_and_has_csv() -> None:
    frame = pd.DataFrame({"symbol": ["A/RES/68/262"], "title": ["Territorial integrity"]})
    table = present.long_table(frame, "All roll calls", "tbl-all", "rollcalls.csv")
    html = table._repr_html_()
    assert not re.search(r"(src=|from\s*)['\"]https?://", html) and "unpkg" not in html
    assert 'download="rollcalls.csv"' in html and "data:text/csv;base64," in html
    assert "[1 rows x 2 columns" in repr(table)
    assert (
        '"className": "caorder-wide"'
        in present.long_table(frame, "x", "tbl-x", "x.csv", wide=("title",))._repr_html_()
    )
    with pytest.raises(ValueError, match="no such column"):
        present.long_table(frame, "x", "tbl-x", "x.csv", wide=("titel",))


def test_badge_always_writes_the_verdict() -> None:
    for verdict in present.VERDICTS:
        assert verdict in present.badge(verdict)
    with pytest.raises(ValueError, match="expected one of"):
        present.badge("maybe")


def test_readable_spells_out_codes_and_moves_the_index_into_a_column() -> None:
    frame = pd.DataFrame(
        {"hr": [0.5], "random_median": [0.1], "group": ["SOUTH_CAUCASUS"]},
        index=pd.Index(["KAZ"], name="state"),
    )
    shown = present.readable(frame, rename={"state": "country"})
    assert list(shown.columns) == ["country", "human rights", "random median", "group"]
    assert shown.at[0, "group"] == "South Caucasus"
    assert shown.at[0, "country"] == "KAZ"


def test_readable_names_a_series_and_flattens_multiindex_columns() -> None:
    series = pd.Series([3, 4], index=pd.Index(["C5", "EU"], name="group"), name="C5")
    assert list(present.readable(series, name="rank").columns) == ["group", "rank"]
    wide = pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples([("n", "KAZ"), ("n", "TKM")]))
    assert list(present.readable(wide).columns) == ["n KAZ", "n TKM"]


def test_readable_rejects_text() -> None:
    with pytest.raises(TypeError, match="readable"):
        present.readable("a table")  # type: ignore[arg-type]


def test_html_table_text_is_rounded_like_the_html() -> None:
    table = present.html_table(
        pd.DataFrame({"x": [1 / 3, math.nan]}), "Thirds", "tab-thirds", precision=2
    )
    assert repr(table).splitlines()[1:] == ["   x", "0.33", "   –"]


def test_readable_shows_dates_without_midnight() -> None:
    frame = pd.DataFrame({"start": pd.to_datetime(["2018-03-15", None])})
    assert present.readable(frame)["start"].tolist()[0] == "2018-03-15"


def test_readable_keeps_named_indexes_and_drops_positions() -> None:
    sessions = pd.DataFrame({"x": [1, 2]}, index=pd.RangeIndex(47, 49, name="session"))
    assert list(present.readable(sessions).columns) == ["session", "x"]
    filtered = pd.DataFrame({"kind": ["joint_statement", "OT-1995"]}, index=[8, 24])
    shown = present.readable(filtered)
    assert list(shown.columns) == ["kind"]
    assert shown["kind"].tolist() == ["joint statement", "OT-1995"]
    labelled = pd.DataFrame({"rcid": [1]}, index=["mean"])
    assert list(present.readable(labelled).columns) == ["", "roll call id"]


def test_readable_shows_resolution_symbols_in_the_uns_form():
    frame = present.readable(pd.DataFrame({"symbol": ["R/62/243", "A/RES/ES-11/1", None]}))
    assert frame["symbol"].tolist() == ["A/RES/62/243", "A/RES/ES-11/1", ""]


def _full_ledger() -> pd.DataFrame:
    """The hand-made ledger with splits, concepts and figures, as the ledger notebook has it."""
    return _ledger().assign(
        concept=["diagnosis: non-cooperation", "", "rule: non-interference", ""],
        split=[
            {"contradicts": 10, "mixed": 6},
            {"mixed": 2, "supports": 2},
            {"supports": 4},
            {},
        ],
        n_specs=[16, 4, 4, 0],
        figures=[["fig-c1-baseline", "fig-c1-1-panel"], [], ["fig-c3-1-panel"], []],
        fidelity=["direct", "proxy", None, None],
    )


def test_split_text_counts_every_verdict_of_the_specifications() -> None:
    assert present.split_text({"contradicts": 10, "mixed": 6}, 16) == "10✗ 6± of 16"
    assert present.split_text({"mixed": 2, "supports": 2}) == "2✓ 2± of 4"
    assert present.split_text({}) == "" and present.split_text(None) == ""


def test_short_badge_uses_the_short_word_and_keeps_the_full_one_in_its_title() -> None:
    badge = present.short_badge("cannot be tested with these data")
    assert ">? untestable<" in badge.replace('<span aria-hidden="true">?</span>', "?")
    assert 'title="cannot be tested with these data"' in badge
    assert "· 10✗ 6± of 16" in present.short_badge("mixed", "10✗ 6± of 16")
    with pytest.raises(ValueError, match="expected one of"):
        present.short_badge("maybe")


def test_short_label_drops_the_element_of_order() -> None:
    row = {"concept": "rule: territorial integrity / uti possidetis", "claim": "x"}
    assert present.short_label(row) == "territorial integrity / uti possidetis"
    assert present.short_label({"concept": "", "claim": "The region that isn't"}) == (
        "The region that isn't"
    )


def test_verdict_matrix_links_every_claim_in_its_chapter_and_verdict() -> None:
    html = present.verdict_matrix(_full_ledger(), target="claims_ledger.html")._repr_html_()
    assert html.count('href="claims_ledger.html#claim-') == 4
    row_1 = html.split('<th scope="row">Ch. 1</th>')[1].split("</tr>")[0]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row_1)
    assert len(cells) == len(present.VERDICTS)
    assert "C1.1" in cells[present.VERDICTS.index("contradicts")]
    assert "C1.2" in cells[present.VERDICTS.index("mixed")]
    assert "<img" not in html and "Figure size" not in html


def test_claim_lines_give_split_key_number_and_figure_and_fold_the_untested() -> None:
    html = present.claim_lines(_full_ledger())._repr_html_()
    tested = html.split("<details")[0]
    assert "C4.1" not in tested and "1 claims these data cannot test" in html
    assert "± mixed · 2✓ 2± of 4" in re.sub(r"<[^>]+>", "", tested)
    assert 'data-label="fig-c1-baseline"' in tested and "fig-c1-1-panel" not in tested
    assert "percentile = 86.2" in tested
    assert tested.count('data-label="Verdict"') == 3


def test_verdict_box_names_verdict_split_fidelity_figures_and_tables() -> None:
    row = _full_ledger().iloc[0]
    box = present.verdict_box(row, tables=("tab-c1-1-panel",), ledger="claims_ledger.html")
    html = box._repr_html_()
    assert 'id="verdict-c1-1"' in html
    assert "10✗ 6± of 16" in html and "direct test" in html
    assert 'data-label="fig-c1-baseline"' in html and 'data-label="fig-c1-1-panel"' in html
    assert 'data-label="tab-c1-1-panel"' in html
    assert 'href="claims_ledger.html#claim-c1-1"' in html
    assert repr(box) == "C1.1: contradicts (10✗ 6± of 16)"
    no_fidelity = present.verdict_box(_full_ledger().iloc[2])._repr_html_()
    assert "Fidelity" not in no_fidelity


def test_claim_badges_give_labels_not_bare_ids() -> None:
    html = present.claim_badges(_full_ledger())._repr_html_()
    assert "non-cooperation" in html and "untestable" in html


def test_html_table_says_yes_and_no() -> None:
    frame = pd.DataFrame({"state": ["KAZ", "TKM"], "member": [True, False]})
    table = present.html_table(frame, "Members", "tab-members")
    assert ">yes<" in table._repr_html_() and ">no<" in table._repr_html_()
    assert "True" not in table._repr_html_()


def test_long_html_tables_fold_under_their_caption() -> None:
    frame = pd.DataFrame({"n": range(30)})
    html = present.html_table(frame, "Thirty rows", "tab-thirty", fold=20)._repr_html_()
    assert html.count(present.TABLE_NUMBER_PLACEHOLDER) == 1
    assert "<details" in html and "30 rows" in html.split("</summary>")[0]
    short = present.html_table(frame.head(5), "Five rows", "tab-five", fold=20)._repr_html_()
    assert "<details" not in short
