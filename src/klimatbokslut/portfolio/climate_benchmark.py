"""The EU climate-benchmark tests for a portfolio (Delegated Regulation (EU) 2020/1818).

The rules live with the target kind that evaluates them
(:mod:`klimatbokslut.targets.eu_rules`, :class:`klimatbokslut.targets.EUClimateBenchmark`);
they are named here too, where the portfolio's other metrics are.

Examples
--------
>>> intensity_test(6.5, 10.0)["passes"]
{'ctb': True, 'pab': False}
"""

from __future__ import annotations

from ..targets.eu_rules import (
    DECARBONISATION_RATE,
    EXCLUSIONS,
    REDUCTION,
    SCOPE3_PHASE_IN,
    benchmark_tests,
    intensity_test,
    pab_exclusions,
    scope3_phase_in,
    scope3_required,
    self_decarbonisation,
)

__all__ = ["REDUCTION", "DECARBONISATION_RATE", "EXCLUSIONS", "SCOPE3_PHASE_IN", "intensity_test",
           "self_decarbonisation", "scope3_required", "scope3_phase_in", "pab_exclusions", "benchmark_tests"]
