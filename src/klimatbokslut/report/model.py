"""What a report holds: the results :func:`~klimatbokslut.report.build.build_report` computed.

The HTML page (:mod:`.html`) renders a :class:`ReportData`; :mod:`.build` computes it and its
:class:`~klimatbokslut.report.build.Report` adds the writers, so the page and the builder do
not import each other.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pandas as pd

from ..config import ReportConfig
from ..ledger import Ledger

__all__ = ["ReportData", "TargetView", "ScenarioView"]


@dataclasses.dataclass
class TargetView:
    """One configured target with its results (report year and every year with data)."""

    index: int
    spec: dict
    target: Any
    result: Any                   # TargetResult for the report year
    series: list                  # TargetResult per year
    source: str                   # "ledger" or "portfolio"


@dataclasses.dataclass
class ScenarioView:
    """One what-if scenario and its result."""

    index: int
    name: str
    type: str
    params: dict
    result: Any                   # WhatIfResult


@dataclasses.dataclass
class ReportData:
    """Everything a klimatbokslut shows, computed once (:class:`~klimatbokslut.report.Report` writes it).

    Attributes
    ----------
    config : ReportConfig
    ledger : Ledger
        Activities (and nothing else: capital is its own section).
    years : list of int
        Years shown, base year first, up to the report year.
    targets : list of TargetView
    portfolios : dict of int to Portfolio
    benchmark : Portfolio or None
    scenarios : list of ScenarioView
    tables : dict of str to pandas.DataFrame
        The report's tables (also the Excel sheets and CSV files).
    """

    config: ReportConfig
    ledger: Ledger
    activities: pd.DataFrame
    years: list
    targets: list
    portfolios: dict
    benchmark: Any
    scenarios: list
    tables: dict = dataclasses.field(default_factory=dict)
    #: The base-year recalculation (:class:`~klimatbokslut.restatement.Restatement`), when configured.
    restatement: Any = None
    #: Monte Carlo of the ledger (:class:`~klimatbokslut.uncertainty.Simulation`); None when disabled.
    uncertainty: Any = None
    #: Monte Carlo of the ledger the targets are evaluated against (the restated one when restated).
    target_uncertainty: Any = None
    #: The ledger the targets are evaluated against (the restated one when restated).
    target_ledger: Any = None
    #: The capital subsections: sovereign attribution, borrowing, data years (report.capital_view.CapitalData).
    capital: Any = None
    #: The plan's table followed up (:class:`~klimatbokslut.report.plan_view.PlanSection`); None without [plan].
    plan: Any = None

    @property
    def language(self) -> str:
        return self.config.language

    @property
    def report_year(self) -> int:
        return self.config.report_year

    @property
    def base_year(self) -> int:
        return self.years[0]

    def total(self, year: int, **filters) -> float:
        """The ledger total in t CO2e (the figure the report prints)."""
        return float(self.ledger.total(year=year, **filters).magnitude)
