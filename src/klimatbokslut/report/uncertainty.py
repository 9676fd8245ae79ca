"""The report's uncertainty tables: intervals by year, scope and area, changes, target probabilities,
contributions to the variance, and what was drawn (factors, activity-data groups, defaults).

Every figure comes from the report's :class:`~klimatbokslut.uncertainty.Simulation`; the
HTML section "Datakvalitet och osäkerhet" and the Excel/CSV files show the same tables.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

__all__ = ["uncertainty_tables"]

_CHANGE_COLUMNS = ["against_kind", "year", "against", "change_t", "low_t", "high_t", "change_pct", "low_pct",
                   "high_pct", "probability_decrease"]


def uncertainty_tables(r: Any) -> dict[str, pd.DataFrame]:
    """The ``uncertainty_*`` tables of a report with a simulation."""
    sim, years, ry = r.uncertainty, r.years, r.report_year
    in_years = {"year": list(years)}
    by_year = sim.summary("year", select=in_years)
    changes = []
    for i, y in enumerate(years):
        if i:
            changes.append({"against_kind": "base_year", **sim.change(y, against=years[0])})
            if years[i - 1] != years[0]:
                changes.append({"against_kind": "previous_year", **sim.change(y, against=years[i - 1])})
    targets = []
    for v in r.targets:
        if v.source != "ledger":
            targets.append({"target": v.index, "name": v.result.name, "year": ry, "status": v.result.status,
                            "probability": np.nan, "compared_with": "", "probability_total": np.nan,
                            "probability_target": np.nan,
                            "note": "a portfolio target: no factor uncertainty is propagated"})
            continue
        got = r.target_uncertainty.target_probability(v.target, ry, r.target_ledger)
        targets.append({"target": v.index, "name": got["name"], "year": ry, "status": got["status"],
                        "probability": np.nan if got["probability"] is None else got["probability"],
                        "compared_with": got.get("compared_with", ""),
                        "probability_total": got.get("probability_total", np.nan),
                        "probability_target": got.get("probability_target", np.nan), "note": got["note"]})
    mc = by_year.set_index("year")["sd_t"]
    an = sim.analytic("year", select=in_years).set_index("year")["sd_t"]
    settings = pd.DataFrame([{"draws": sim.draws, "seed": sim.seed, "interval": sim.interval,
                              "method": sim.method, "activity_data": bool(sim.groups["basis"].ne("not drawn").all()),
                              "year": y, "sd_t": float(mc.get(y, np.nan)), "analytic_sd_t": float(an.get(y, np.nan))}
                             for y in years])
    return {
        "uncertainty_totals": by_year,
        "uncertainty_by_scope": sim.summary(["year", "scope"], select=in_years),
        "uncertainty_by_area": sim.summary(["year", "area"], select=in_years),
        "uncertainty_changes": pd.DataFrame(changes, columns=_CHANGE_COLUMNS),
        "uncertainty_targets": pd.DataFrame(targets, columns=["target", "name", "year", "status", "probability",
                                                              "compared_with", "probability_total", "note",
                                                              "probability_target"]),
        "uncertainty_contributions": sim.contributions(ry),
        "uncertainty_area_contributions": sim.contributions_by(ry, "area"),
        "uncertainty_factors": sim.factors.drop(columns=["relative_variance"]),
        "uncertainty_activity_data": sim.groups.drop(columns=["relative_variance"]),
        "uncertainty_defaults": sim.defaults(),
        "uncertainty_settings": settings,
    }
