"""Verdicts of the claims tested in chapter 2 (see the register, data/claims/).

The elementary goal of controlling violence (C2.1) and the prevention of open inter-state
conflict (C2.10) are judged on conflict and dispute data in :mod:`caorder.verdicts.events`.
"""

from __future__ import annotations

from caorder.verdicts.core import Evaluator

#: Evaluators of this chapter, by the name the register uses after ``ch2.``.
EVALUATORS: dict[str, Evaluator] = {}
