"""Uncertainty of a climate account: Monte Carlo per distinct factor and activity-data group.

:func:`simulate` draws a ledger's CO2e; the :class:`Simulation` gives intervals on totals
and summaries, the change between years, the probability that a target is met, a
first-order (analytic) check and the contributions to the variance. The uncertainty of
each factor row is part of the factor data (:mod:`klimatbokslut.pedigree`).
"""

from __future__ import annotations

from ..pedigree import ACTIVITY_TIERS, Uncertainty, pedigree_gsd2, tier_uncertainty
from .montecarlo import DEFAULT_DRAWS, DEFAULT_INTERVAL, DEFAULT_SEED, Simulation, key_shares, ratio_draws, simulate

__all__ = ["ACTIVITY_TIERS", "DEFAULT_DRAWS", "DEFAULT_INTERVAL", "DEFAULT_SEED", "Simulation", "Uncertainty",
           "key_shares", "pedigree_gsd2", "ratio_draws", "simulate", "tier_uncertainty"]
