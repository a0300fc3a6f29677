"""The claims register and its evaluators agree, and the register's error paths work.

The first group of tests reads the project's real register (``data/claims/*.yml``) and the
evaluators registered by the analysis modules: every claim must be computed by exactly one
evaluator, point to a notebook that exists and return one of the five verdicts. The second
group feeds the register loader small broken YAML files and checks that it refuses them.
"""

from __future__ import annotations

import re
import textwrap

import pytest

from caorder import claims, paths, verdicts
from caorder.errors import DataError
from caorder.verdicts import core

ID_PATTERN = re.compile(r"^C(?P<chapter>[1-9][0-9]*)\.(?P<n>[1-9][0-9]*)$")
#: The brief's fields: the loader's required ones plus the concept each claim concerns.
FIELDS = (*claims.REQUIRED_FIELDS, "concept")
MIN_CLAIMS = 15
MAX_QUOTE_WORDS = 25


@pytest.fixture(scope="module")
def register() -> list[dict]:
    return claims.register()


def test_the_register_holds_enough_claims(register):
    assert len(register) >= MIN_CLAIMS, f"only {len(register)} claims registered"


def test_every_claim_names_an_evaluator_and_every_evaluator_has_a_claim(register):
    defined = set(verdicts.evaluators())
    named = {entry["evaluator"] for entry in register}
    special = {verdicts.UNTESTABLE_EVALUATOR}
    assert sorted(named - defined - special) == [], "register names undefined evaluators"
    assert sorted(defined - named) == [], "evaluators that no claim of the register uses"


def test_every_attribution_is_one_of_the_four(register):
    assert {entry["attribution"] for entry in register} <= set(claims.ATTRIBUTIONS)


def test_ids_are_unique_and_well_formed(register):
    ids = [entry["id"] for entry in register]
    assert len(ids) == len(set(ids))
    for entry in register:
        match = ID_PATTERN.match(str(entry["id"]))
        assert match, f"{entry['id']!r} is not of the form C<chapter>.<n>"
        assert int(match["chapter"]) == int(entry["chapter"]), (
            f"{entry['id']} is filed under chapter {entry['chapter']}"
        )


def test_every_entry_is_complete_and_points_to_an_existing_notebook(register):
    root = paths.repo_root()
    problems = []
    for entry in register:
        missing = [f for f in FIELDS if not str(entry.get(f, "") or "").strip()]
        if missing:
            problems.append(f"{entry['id']}: missing {missing}")
        if entry["element"] not in claims.ELEMENTS:
            problems.append(f"{entry['id']}: element {entry['element']!r}")
        if len(str(entry["quote"]).split()) > MAX_QUOTE_WORDS:
            problems.append(f"{entry['id']}: quote longer than {MAX_QUOTE_WORDS} words")
        notebook = root / str(entry["notebook"])
        if notebook.suffix != ".ipynb" or not notebook.is_file():
            problems.append(f"{entry['id']}: notebook {entry['notebook']} does not exist")
    assert problems == []


@pytest.mark.timeout(300)
def test_every_headline_follows_the_declared_share_rule(register):
    """Each claim evaluates, and its headline is what the 80 % rule gives on its specs."""
    problems = []
    for entry in register:
        try:
            result = verdicts.evaluate(entry["id"])
        except Exception as error:  # report every failing claim, not just the first
            problems.append(f"{entry['id']}: {type(error).__name__}: {error}")
            continue
        if entry["evaluator"] == verdicts.UNTESTABLE_EVALUATOR:
            if result.verdict != verdicts.UNTESTABLE or result.specs:
                problems.append(f"{entry['id']}: untestable in the register, not in the result")
            continue
        expected = core.headline([s.verdict for s in result.specs])
        if (result.verdict, result.share_agreeing) != expected:
            problems.append(
                f"{entry['id']}: headline {result.verdict} but the rule gives {expected}"
            )
        if any(s.value is None for s in result.specs if s.verdict != verdicts.UNTESTABLE):
            problems.append(f"{entry['id']}: a judged specification without its key number")
        if not result.summary.strip() or not result.statistic.strip():
            problems.append(f"{entry['id']}: empty statistic or summary")
    assert problems == []


# --- the loader's error paths, on small temporary registers --------------------------------

GOOD = """\
- id: C1.1
  attribution: literature
  fidelity: direct
  evaluator: ch1.cohesion_vs_random
  declared: 2026-11-28
  chapter: 1
  section: "§1 Regionalism and Central Asia"
  quote: "a failed region"
  claim: The five vote apart.
  element: diagnosis
  concept: cohesion
  indicator: kappa
  data: UNGA votes
  test: random groups
  notebook: notebooks/ch1_cohesion.ipynb
  blind_spot: consensus adoptions
"""


def write(folder, name: str, text: str) -> None:
    (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")


def test_a_valid_temporary_register_loads(tmp_path):
    write(tmp_path, "C1.yml", GOOD)
    (entry,) = claims.register(tmp_path)
    assert entry["id"] == "C1.1" and entry["element"] == "diagnosis"


def test_a_missing_field_is_refused(tmp_path):
    write(tmp_path, "C1.yml", GOOD.replace("  indicator: kappa\n", ""))
    with pytest.raises(ValueError, match="indicator"):
        claims.register(tmp_path)


def test_an_empty_field_is_refused(tmp_path):
    write(tmp_path, "C1.yml", GOOD.replace("test: random groups", 'test: ""'))
    with pytest.raises(ValueError, match="test"):
        claims.register(tmp_path)


def test_an_unknown_element_is_refused(tmp_path):
    write(tmp_path, "C1.yml", GOOD.replace("element: diagnosis", "element: vibe"))
    with pytest.raises(ValueError, match="vibe"):
        claims.register(tmp_path)


def test_an_id_used_in_two_files_is_refused(tmp_path):
    write(tmp_path, "C1.yml", GOOD)
    write(tmp_path, "C1b.yml", GOOD)
    with pytest.raises(ValueError, match="C1.1"):
        claims.register(tmp_path)


def test_an_unknown_attribution_is_refused(tmp_path):
    write(tmp_path, "C1.yml", GOOD.replace("attribution: literature", "attribution: folklore"))
    with pytest.raises(ValueError, match="folklore"):
        claims.register(tmp_path)


def test_an_untestable_claim_must_say_why(tmp_path):
    write(
        tmp_path,
        "C1.yml",
        GOOD.replace("evaluator: ch1.cohesion_vs_random", "evaluator: untestable"),
    )
    with pytest.raises(ValueError, match="untestable.reason"):
        claims.register(tmp_path)


def test_an_unregistered_id_cannot_be_evaluated():
    with pytest.raises(KeyError):
        verdicts.evaluate("C99.99")


def test_a_duplicate_key_in_a_register_file_is_refused(tmp_path):
    write(
        tmp_path,
        "C1.yml",
        GOOD.replace("  test: random groups\n", "  test: random groups\n  test: again\n"),
    )
    with pytest.raises(DataError, match="duplicate key 'test'"):
        claims.register(tmp_path)
