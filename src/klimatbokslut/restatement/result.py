"""The outcome of a base-year recalculation: the restated ledger, the assessment, the history."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..ledger import Ledger
from . import sentences as _sentences
from .policy import RecalculationPolicy

__all__ = ["Restatement"]


@dataclass
class Restatement:
    """The outcome of :func:`restate`.

    Attributes
    ----------
    ledger : Ledger
        The restated ledger: every applied change in every restated year. Targets evaluate
        against it by default.
    reported : Ledger
        The ledger as reported (the as-reported comparison).
    assessment : pandas.DataFrame
        Per change: ``change, kind, kind_sv, trigger, year, base_year_effect_t`` (on the total),
        ``moved_to_scope3_t`` (an outsourcing), ``share_of_base`` (the effect, or the amount
        moved, as a share of the base-year total), ``significant``, ``cumulative`` (restated
        together with other changes below the threshold), ``applied``.
    adjustments : pandas.DataFrame
        Per applied change and restated year: ``change, year, scope, adjustment_t``
        (an outsourcing shows its scope 1/2 leaving and its scope 3 arriving).
    history : pandas.DataFrame
        Per year: ``year, reported_t, adjustment_t, restated_t, reasons``.
    base_year : int
    policy : RecalculationPolicy
    """

    ledger: Ledger
    reported: Ledger
    assessment: pd.DataFrame
    adjustments: pd.DataFrame
    history: pd.DataFrame
    base_year: int
    policy: RecalculationPolicy
    #: With method changes (:func:`method_history`): every year as first reported and with today's method.
    method_history: pd.DataFrame | None = None
    #: The effect of each method change on the base year, and whether it passes the threshold.
    method_effects: pd.DataFrame | None = None

    def sentences(self, lang: str = "sv") -> list[str]:
        """One sentence per change: what it is, its effect on the base year, and what was done."""
        return _sentences.sentences(self, lang)
