"""Loaders for the post-paper vote sources, on tiny files in each source's exact schema."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pandas as pd
import pytest

from caorder import extension
from caorder.schemas import SchemaError

WIDE = """\
rcid,date,me,nu,di,hr,co,ec,KAZ,RUS,USA,UZB
411,1954-12-03,FALSE,FALSE,FALSE,FALSE,FALSE,FALSE,9,3,1,9
9241,2020-11-05,FALSE,FALSE,FALSE,TRUE,FALSE,FALSE,1,3,1,8
9373,2022-11-03,FALSE,FALSE,FALSE,FALSE,FALSE,TRUE,1,1,3,2
411,2023-12-04,FALSE,FALSE,FALSE,FALSE,FALSE,FALSE,1,1,1,
9464,2024-06-04,FALSE,FALSE,FALSE,FALSE,FALSE,FALSE,2,3,1,2
"""

UNDL_2025 = """\
Link,token,Scrape_Year,Title,Council,Resolution,country,subregion,continent,Date,YES COUNT,NO COUNT,ABSTAIN COUNT,NO-VOTE COUNT,TOTAL VOTES,tags,KAZ,RUS,TKM,UKR
https://digitallibrary.un.org/record/4072364,4072364,2025,Security Council resolution 2768 (2025),Security Council,S/RES/2768(2025),,,,2025-01-15,12,0,3,0,15,X,,ABSTAIN,,
https://digitallibrary.un.org/record/4076672,4076672,2025,"Advancing a comprehensive, just and lasting peace in Ukraine : resolution / adopted by the General Assembly",General Assembly,A/RES/ES-11/7,UA,,,2025-02-24,93,18,65,7,183,X,ABSTAIN,NO,,YES
https://digitallibrary.un.org/record/4083048,4083048,2025,Status of internally displaced persons : resolution / adopted by the General Assembly,General Assembly,A/RES/79/292,GE,,,2025-06-03,107,9,49,28,193,X,ABSTAIN,NO,,YES
"""

OFFICIAL_HEADER = (
    "undl_id,ms_code,ms_name,ms_vote,date,session,resolution,draft,committee_report,meeting,"
    "title,agenda_title,subjects,vote_note,total_yes,total_no,total_abstentions,"
    "total_non_voting,total_ms,undl_link"
)


def official_rows(rows: list[tuple[str, str, str, str, str]]) -> str:
    """CSV text in the official schema from (undl_id, ms_code, ms_vote, date, resolution)."""
    lines = [OFFICIAL_HEADER]
    for undl_id, code, vote, date, symbol in rows:
        lines.append(
            f"{undl_id},{code},NAME {code},{vote},{date},79,{symbol},A/79/L.1,,A/79/PV.1,"
            f'"Title, with comma",Agenda,SUBJECT,,1,1,1,1,4,https://digitallibrary.un.org/record/{undl_id}'
        )
    return "\n".join(lines) + "\n"


OFFICIAL = official_rows(
    [
        ("4076672", "KAZ", "A", "2025-02-24", "A/RES/ES-11/7"),
        ("4076672", "RUS", "N", "2025-02-24", "A/RES/ES-11/7"),
        ("4076672", "TKM", "", "2025-02-24", "A/RES/ES-11/7"),
        ("4076672", "UKR", "Y", "2025-02-24", "A/RES/ES-11/7"),
        ("4083048", "KAZ", "X", "2025-06-03", "A/RES/79/292"),
        ("4083048", "UKR", "Y", "2025-06-03", "A/RES/79/292"),
    ]
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def vote_of(votes: pd.DataFrame, rcid: int, iso3: str) -> str:
    row = votes[(votes["rcid"] == rcid) & (votes["iso3"] == iso3)]
    return str(row["vote"].iloc[0]) if len(row) else "missing"


# --- wide matrix ---------------------------------------------------------------------------


def test_wide_codes_become_votes_and_not_members_are_dropped(tmp_path):
    data = extension.read_wide(write(tmp_path, "w.csv", WIDE))
    assert vote_of(data.votes, 9241, "KAZ") == "yes"
    assert vote_of(data.votes, 9241, "RUS") == "no"
    assert vote_of(data.votes, 9241, "UZB") == "absent"  # code 8
    assert vote_of(data.votes, 9373, "UZB") == "abstain"  # code 2
    assert vote_of(data.votes, 9373, "USA") == "no"  # code 3


def test_wide_keeps_2020_2023_and_rekeys_the_later_duplicate(tmp_path):
    data = extension.read_wide(write(tmp_path, "w.csv", WIDE))
    assert sorted(data.rollcalls["year"].unique()) == [2020, 2022, 2023]  # 1954 and 2024 out
    assert extension.DUPLICATE_RCID_OFFSET + 411 in set(data.rollcalls["rcid"])
    assert 411 not in set(data.rollcalls["rcid"])
    # A blank cell (not a member / unknown) gives no row at all.
    assert vote_of(data.votes, extension.DUPLICATE_RCID_OFFSET + 411, "UZB") == "missing"
    assert (data.rollcalls["source"] == "voeten-wide").all()


def test_wide_with_the_1950s_window_keeps_the_original_rcid(tmp_path):
    data = extension.read_wide(write(tmp_path, "w.csv", WIDE), years=(1954, 1954))
    assert list(data.rollcalls["rcid"]) == [411]


def test_wide_rejects_unknown_codes(tmp_path):
    bad = WIDE.replace(
        "9241,2020-11-05,FALSE,FALSE,FALSE,TRUE,FALSE,FALSE,1",
        "9241,2020-11-05,FALSE,FALSE,FALSE,TRUE,FALSE,FALSE,5",
    )
    with pytest.raises(SchemaError, match="unknown vote code"):
        extension.read_wide(write(tmp_path, "w.csv", bad))


def test_wide_names_missing_columns(tmp_path):
    with pytest.raises(SchemaError, match=r"lacks the column\(s\) \['date'\]"):
        extension.read_wide(
            write(tmp_path, "w.csv", "rcid,me,nu,di,hr,co,ec,KAZ\n1,F,F,F,F,F,F,1\n")
        )


def test_duplicated_rcids_lists_both_rows(tmp_path):
    raw = pd.read_csv(write(tmp_path, "w.csv", WIDE))
    assert extension.duplicated_rcids(raw)["date"].tolist() == ["1954-12-03", "2023-12-04"]


# --- UNDL 2025 -----------------------------------------------------------------------------


def test_undl_2025_keeps_general_assembly_only_and_blank_is_absent(tmp_path):
    data = extension.read_undl_2025(write(tmp_path, "u.csv", UNDL_2025))
    assert sorted(data.rollcalls["rcid"]) == [4076672, 4083048]
    assert vote_of(data.votes, 4076672, "KAZ") == "abstain"
    assert vote_of(data.votes, 4076672, "TKM") == "absent"
    assert vote_of(data.votes, 4076672, "RUS") == "no"
    calls = data.rollcalls.set_index("rcid")
    assert (
        calls.at[4076672, "title"] == "Advancing a comprehensive, just and lasting peace in Ukraine"
    )
    assert pd.isna(calls.at[4076672, "session"])  # emergency special session: no number
    assert calls.at[4083048, "session"] == 79


def test_undl_2025_rejects_bad_codes(tmp_path):
    with pytest.raises(SchemaError, match="MAYBE"):
        extension.read_undl_2025(
            write(tmp_path, "u.csv", UNDL_2025.replace("NO,,YES", "MAYBE,,YES"))
        )


# --- official UNDL file --------------------------------------------------------------------


def test_official_file_maps_y_n_a_x_and_blank(tmp_path):
    data = extension.read_undl_official(write(tmp_path, "o.csv", OFFICIAL))
    assert vote_of(data.votes, 4076672, "KAZ") == "abstain"
    assert vote_of(data.votes, 4076672, "RUS") == "no"
    assert vote_of(data.votes, 4076672, "UKR") == "yes"
    assert vote_of(data.votes, 4076672, "TKM") == "absent"  # blank
    assert vote_of(data.votes, 4083048, "KAZ") == "absent"  # X = non-voting
    calls = data.rollcalls.set_index("rcid")
    assert calls.at[4076672, "symbol"] == "A/RES/ES-11/7"
    assert calls.at[4076672, "title"] == "Title, with comma"
    assert (data.rollcalls["source"] == "undl-official").all()


def test_official_and_2025_files_share_ids_and_votes(tmp_path):
    official = extension.read_undl_official(write(tmp_path, "o.csv", OFFICIAL))
    derived = extension.read_undl_2025(write(tmp_path, "u.csv", UNDL_2025))
    for iso3 in ("KAZ", "RUS", "UKR", "TKM"):
        assert vote_of(official.votes, 4076672, iso3) == vote_of(derived.votes, 4076672, iso3)


def test_official_file_rejects_bad_codes_missing_columns_and_repeats(tmp_path):
    with pytest.raises(SchemaError, match="unknown vote code"):
        extension.read_undl_official(
            write(tmp_path, "o.csv", OFFICIAL.replace(",A,2025", ",Q,2025"))
        )
    with pytest.raises(SchemaError, match="ms_vote"):
        extension.read_undl_official(write(tmp_path, "o.csv", OFFICIAL.replace("ms_vote", "vote")))
    repeated = OFFICIAL + OFFICIAL.splitlines()[1] + "\n"
    with pytest.raises(SchemaError, match="repeated"):
        extension.read_undl_official(write(tmp_path, "o.csv", repeated))


def test_official_path_explains_the_environment_variable(monkeypatch, tmp_path):
    monkeypatch.delenv(extension.UNDL_ENV, raising=False)
    with pytest.raises(FileNotFoundError, match="CAORDER_UNDL_CSV is not set"):
        extension.official_path()
    monkeypatch.setenv(extension.UNDL_ENV, str(tmp_path / "nothing.csv"))
    with pytest.raises(FileNotFoundError, match="not a file"):
        extension.official_path()
    monkeypatch.setenv(extension.UNDL_ENV, str(write(tmp_path, "o.csv", OFFICIAL)))
    assert len(extension.undl_official().rollcalls) == 2


# --- helpers -----------------------------------------------------------------------------


def test_coverage_shows_years_without_data_as_zero(tmp_path):
    data = extension.read_wide(write(tmp_path, "w.csv", WIDE))
    table = extension.coverage(data.rollcalls, 2020, 2024)
    assert table.loc[2021, "total"] == 0 and table.loc[2024, "total"] == 0
    assert table.loc[2023, "voeten-wide"] == 1
    months = extension.monthly_coverage(data.rollcalls, 2022, 2022)
    assert months.loc[2022].tolist() == [0] * 10 + [1, 0]


def test_find_rollcalls_and_state_votes(tmp_path):
    data = extension.read_undl_2025(write(tmp_path, "u.csv", UNDL_2025))
    found = extension.find_rollcalls(data.rollcalls, "Ukraine")
    assert found["rcid"].tolist() == [4076672]
    table = extension.state_votes(data.votes, [4076672], ["KAZ", "TKM", "AFG"])
    assert table.loc[4076672].tolist() == ["abstain", "absent", "not in file"]


def test_real_files_have_the_documented_shape():
    wide = extension.wide()
    assert wide.rollcalls.groupby("year").size().to_dict() == {
        2020: 95,
        2021: 79,
        2022: 81,
        2023: 88,
    }
    months_2022 = wide.rollcalls.loc[wide.rollcalls["year"] == 2022, "date"].dt.month
    assert months_2022.min() == 11  # January-October 2022 missing
    undl = extension.undl_2025()
    assert len(undl.rollcalls) == 192
    assert undl.votes["iso3"].nunique() == 191
    assert not {"AFG", "VEN"} & set(undl.votes["iso3"])


# --- the official file: bad inputs, each refused with one line naming the file ----------


def test_official_file_in_latin1_is_rejected_with_one_line(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(OFFICIAL.replace("NAME KAZ", "CÔTE D'IVOIRE").encode("latin-1"))
    with pytest.raises(SchemaError, match=r"not UTF-8 \(byte 0xd4") as err:
        extension.read_undl_official(path)
    assert "\n" not in str(err.value) and "CAORDER_UNDL_CSV" in str(err.value)


def test_official_file_in_utf16_with_bom_is_read(tmp_path):
    path = tmp_path / "utf16.csv"
    path.write_bytes(OFFICIAL.encode("utf-16"))
    data = extension.read_undl_official(path)
    assert vote_of(data.votes, 4076672, "RUS") == "no"


def test_official_file_empty_or_header_only_is_rejected(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(SchemaError, match="is empty"):
        extension.read_undl_official(empty)
    with pytest.raises(SchemaError, match="header but no vote rows"):
        extension.read_undl_official(write(tmp_path, "h.csv", OFFICIAL_HEADER + "\n"))


def test_missing_years_lists_years_a_short_file_does_not_cover(tmp_path):
    data = extension.read_undl_official(write(tmp_path, "o.csv", OFFICIAL))
    assert extension.missing_years(data.rollcalls, 2020, 2025) == [2020, 2021, 2022, 2023, 2024]
