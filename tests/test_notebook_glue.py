"""Verdict numbers come from the evaluator: no notebook glues a claim's split by hand.

The split of specifications by verdict, the verdict under the rule first declared and the
summary are glued by :func:`caorder.verdicts.show.glue_details`; a notebook that counts or
copies them itself can drift from the result it shows. ``PENDING`` lists the notebooks still
to be converted (edited on other branches); the test fails as soon as one is clean, so the
list only shrinks.
"""

from __future__ import annotations

import json
import re

from caorder import paths

PENDING = {
    "ch1_diplomacy.ipynb",
    "ch3_neutrality_law.ipynb",
    "ch3_sovereignty.ipynb",
    "ch3_summitry_memberships.ipynb",
    "ch4_after_the_paper.ipynb",
    "ch4_periodisation.ipynb",
}
HAND_GLUE = re.compile(
    r"for verdict, count in \w+\.split\.items\(\)|glue\([^\n]*\.(original_verdict|summary)\b"
)


def hand_glued(code: str) -> list[str]:
    """The hand-glued verdict details in a notebook's code."""
    return [m.group(0) for m in HAND_GLUE.finditer(code)]


def _code(path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


def test_the_pattern_finds_hand_glue():
    assert hand_glued('glue("c1-4-original-verdict", c1_4.original_verdict, display=False)')
    assert hand_glued("for verdict, count in r3_3.split.items():\n    glue(...)")
    assert hand_glued('glue("c1-6-summary", c16.summary, display=False)')
    assert not hand_glued("show.glue_details(r3_3)")


def test_no_notebook_glues_verdict_details_by_hand():
    found = {
        path.name: hand_glued(_code(path))
        for path in sorted((paths.repo_root() / "notebooks").glob("*.ipynb"))
    }
    dirty = {name for name, hits in found.items() if hits}
    assert sorted(dirty - PENDING) == [], "use show.glue_details(result) instead"
    assert sorted(PENDING - dirty) == [], "clean now: remove from PENDING"
