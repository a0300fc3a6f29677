"""Verdicts of the claims tested in chapter 2 (see the register, data/claims/)."""

from __future__ import annotations

from caorder.verdicts.core import Evaluator

#: Evaluators of this chapter, by the name the register uses after ``ch2.``.
EVALUATORS: dict[str, Evaluator] = {}
