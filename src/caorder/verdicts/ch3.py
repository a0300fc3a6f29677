"""Verdicts of the claims tested in chapter 3 (see the register, data/claims/)."""

from __future__ import annotations

from caorder.verdicts import diplomacy
from caorder.verdicts.core import Evaluator

#: Evaluators of this chapter, by the name the register uses after ``ch3.``.
EVALUATORS: dict[str, Evaluator] = {}

# The summit- and membership-based claims (see caorder.verdicts.diplomacy).
EVALUATORS.update(diplomacy.CH3)
