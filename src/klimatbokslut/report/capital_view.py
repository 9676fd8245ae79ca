"""The capital section's subsections: sovereign attribution, the EU benchmark tests, and the region's borrowing.

:func:`build_capital` computes them once from the configuration and the portfolios;
:func:`capital_tables` gives their tables (the workbook sheets and CSV files);
:func:`capital_context` formats them for the page's partial template ``capital.html.j2``;
:func:`target_source` gives a target that reads the debt table its source.

Examples
--------
>>> from klimatbokslut.report.build import build_report, _tiny_config
>>> build_report(_tiny_config()).capital is None
True
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..portfolio import (
    Debt,
    SovereignAttribution,
    attribute_sovereigns,
    data_year_counts,
    data_year_flags,
    default_countries,
    read_countries,
    read_debt,
)
from ..portfolio.sovereign import SOVEREIGN_METHODS
from ..targets.eu_rules import DECARBONISATION_RATE, REASONS, REDUCTION, reason_text
from ..text.numbers import number, percent
from .capital_words import cw
from .names import names_marked, proper_names

__all__ = ["CapitalData", "build_capital", "capital_tables", "capital_context", "target_source"]


@dataclass
class CapitalData:
    """What the capital subsections show.

    Attributes
    ----------
    sovereign : dict of int to SovereignAttribution
        Per holdings year with public-debt holdings (empty without a rate: see ``sovereign_missing``).
    sovereign_missing : str
        Why sovereign bonds are not attributed, as a code ("no_sek_per_usd"; "" when they are or there are none).
    debt : Debt or None
    data_years : dict of int to dict
        Per holdings year: ``flagged`` and ``unknown`` counts (:func:`data_year_counts`).
    flags : pandas.DataFrame
        The flagged holding figures, all years (``year`` column added).
    max_gap : int
    """

    sovereign: dict = field(default_factory=dict)
    sovereign_missing: str = ""
    debt: Debt | None = None
    data_years: dict = field(default_factory=dict)
    flags: pd.DataFrame = field(default_factory=pd.DataFrame)
    max_gap: int = 2


def build_capital(cfg, ports: dict) -> CapitalData | None:
    """The capital subsections of a configuration (None when it has no portfolio section)."""
    pf = cfg.portfolio
    if pf is None:
        return None
    out = CapitalData(max_gap=pf.max_data_gap)
    if pf.debt is not None:
        out.debt = read_debt(pf.debt, rates=pf.rates or None)
    public = any(p.holdings["asset_class"].isin(list(SOVEREIGN_METHODS)).any() for p in ports.values())
    if public:
        if pf.sek_per_usd is None:
            out.sovereign_missing = "no_sek_per_usd"
        else:
            countries = default_countries()
            if pf.countries is not None:
                countries = countries.updated(read_countries(pf.countries))
            out.sovereign = {y: attribute_sovereigns(p, countries, sek_per_usd=pf.sek_per_usd,
                                                     max_data_gap=pf.max_data_gap)
                             for y, p in ports.items() if p.holdings["asset_class"].isin(list(SOVEREIGN_METHODS)).any()}
    frames = []
    for y, p in ports.items():
        out.data_years[y] = data_year_counts(p, max_gap=pf.max_data_gap)
        frames.append(data_year_flags(p, max_gap=pf.max_data_gap).assign(year=y))
    out.flags = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return out


def target_source(target, capital: CapitalData | None):
    """The source of a target that reads the debt table (``target.reads == "debt"``); None for others or
    without a debt table (the target then says what it lacks)."""
    if getattr(target, "reads", None) != "debt" or capital is None:
        return None
    return capital.debt


def capital_tables(r) -> dict[str, pd.DataFrame]:
    """The capital subsections' tables (sheets and CSV files), by name."""
    cap: CapitalData | None = getattr(r, "capital", None)
    tables: dict[str, pd.DataFrame] = {}
    if cap is None:
        return tables
    if cap.sovereign:
        tables["sovereign"] = pd.DataFrame([s.summary() for s in cap.sovereign.values()])
        tables["sovereign_holdings"] = pd.concat([s.holdings.assign(year=y) for y, s in cap.sovereign.items()],
                                                 ignore_index=True)
    tests = _benchmark_rows(r)
    if tests:
        frame = pd.DataFrame(tests)
        frame["reason"] = [reason_text(c, a, r.language) for c, a in zip(frame["reason_code"], frame["reason_args"])]
        tables["benchmark_tests"] = frame.drop(columns=["reason_args"])
    if cap.debt is not None:
        years = [y for y in r.years if y <= r.report_year]
        tables["borrowing"] = pd.DataFrame([cap.debt.summary(y) for y in years])
        tables["borrowing_loans"] = cap.debt.table(r.report_year).assign(year=r.report_year)
    if len(cap.flags):
        tables["data_year_flags"] = cap.flags
    return tables


def _benchmark_rows(r) -> list[dict[str, Any]]:
    """The benchmark tests of every target whose result carries them (the EU climate-benchmark kind)."""
    rows = []
    for v in r.targets:
        d = v.result.details if isinstance(v.result.details, dict) else {}
        label = d.get("benchmark_label")
        if label not in REDUCTION:
            continue
        needed = {"intensity": REDUCTION[label], "self_decarbonisation": DECARBONISATION_RATE,
                  "scope3_phase_in": 0.0, "exclusions": 0.0}
        for test, threshold in needed.items():
            if f"{test}_passes" not in d:
                continue
            code = d.get(f"{test}_reason_code") or ""
            args = {k: d.get(f"{test}_{k}") for k in _placeholders(REASONS.get(code, ""))}
            rows.append({"target": v.result.name, "year": v.result.year, "label": label, "test": test,
                         "passes": d[f"{test}_passes"], "figure": d[f"{test}_figure"], "threshold": threshold,
                         "reason": d.get(f"{test}_reason", ""), "reason_code": code, "reason_args": args,
                         "failing": d.get("excluded_holdings", "") if test == "exclusions" else ""})
    return rows


# ----------------------------------------------------------------------------- the page
def capital_context(r) -> dict[str, Any] | None:
    """The formatted subsections for ``capital.html.j2`` (None when there is nothing to show)."""
    cap: CapitalData | None = getattr(r, "capital", None)
    if cap is None:
        return None
    lang = r.language
    ctx: dict[str, Any] = {"w": lambda key, **kw: cw(key, lang, **kw)}
    ctx["sovereign"] = _sovereign(cap, r.report_year, lang)
    ctx["tests"] = _tests(r, lang)
    ctx["borrowing"] = _borrowing(cap, r.report_year, lang)
    counts = cap.data_years.get(r.report_year)
    ctx["data_years"] = None if not counts else cw("data_years_note", lang, flagged=counts["flagged"],
                                                    gap=cap.max_gap, unknown=counts["unknown"])
    return ctx


def _sovereign(cap: CapitalData, year: int, lang: str) -> dict[str, Any] | None:
    if cap.sovereign_missing:
        return {"missing": cw(f"missing_{cap.sovereign_missing}", lang)}
    s: SovereignAttribution | None = cap.sovereign.get(year)
    if s is None:
        return None
    rows = []
    for rec in s.holdings.to_dict("records"):
        attributed = rec["status"] == "attributed"
        rows.append({"holding": rec["holding"], "country": rec["country"], "value": number(rec["value_msek"], 1, lang),
                     "data_year": rec["data_year"] if attributed else "–",
                     "af": percent(rec["attribution_factor"], 4, lang) if attributed else "–",
                     "excl": number(rec["financed_excl_lulucf_t"], 0, lang) if attributed else "–",
                     "incl": number(rec["financed_incl_lulucf_t"], 0, lang) if attributed else "–",
                     "per_gdp": number(rec["intensity_per_gdp"], 1, lang) if attributed else "–",
                     "per_capita": number(rec["intensity_per_capita"], 2, lang) if attributed else "–",
                     "dq": number(rec["data_quality"], 0, lang) if attributed else "–",
                     "secondary": attributed and bool(rec["secondary"])})
    na = s.not_attributed()
    not_attr = None
    if len(na):
        what = "; ".join(cw(f"reason_{x.reason}", lang, cls=cw(f"class_{x.asset_class}", lang))
                         for x in na.itertuples())
        not_attr = cw("not_attributed", lang, n=int(na["holdings"].sum()),
                      value=number(float(na["value_msek"].sum()), 1, lang), what=what)
    sources = sorted(set(s.attributed["source"]))
    return {"intro": cw("sovereign_intro", lang, rate=number(s.sek_per_usd, 2, lang)), "rows": rows,
            "total": cw("sovereign_total", lang, year=year, n=len(s.attributed),
                        excl=number(s.financed_emissions(), 0, lang),
                        incl=number(s.financed_emissions(lulucf=True), 0, lang), cover=percent(s.coverage(), 0, lang)),
            "not_attributed": not_attr,
            "gap": cw("data_gap_note", lang, n=s.mismatched_years(), gap=s.max_data_gap) if s.mismatched_years()
            else None,
            "scope23": cw("scope23_missing", lang) if pd.isna(s.financed_emissions(scope=2)) else None,
            "sources": sources}


def _placeholders(msgid: str) -> list[str]:
    return [f for _, f, _, _ in string.Formatter().parse(msgid) if f]


def _tests(r, lang: str) -> list[dict[str, Any]]:
    out = []
    names = proper_names(r)
    for row in _benchmark_rows(r):
        if row["year"] != r.report_year:
            continue
        passes = row["passes"]
        word = cw("no_value", lang) if passes is None else cw("passes" if passes else "fails", lang)
        fig = row["figure"]
        if row["test"] in ("exclusions", "scope3_phase_in"):
            figure = "–" if pd.isna(fig) else number(fig, 0, lang)
            needed = "0"
        else:
            figure = "–" if pd.isna(fig) else percent(fig, 1, lang)
            needed = "≥ " + percent(row["threshold"], 0, lang)
        note = reason_text(row["reason_code"], row["reason_args"], lang)
        if row.get("failing"):
            note = cw("failing_holdings", lang, names=row["failing"])
        note = names_marked(note, names)
        out.append({"target": row["target"], "label": cw(f"label_{row['label']}", lang),
                    "test": cw(f"test_{row['test']}", lang), "result": word, "passes": passes, "figure": figure,
                    "needed": needed, "note": note})
    return out


def _borrowing(cap: CapitalData, year: int, lang: str) -> dict[str, Any] | None:
    if cap.debt is None:
        return None
    s = cap.debt.summary(year)
    rows = [{"lender": x.lender, "green": cw("yes" if x.green else "no", lang), "framework": x.framework or "–",
             "loans": x.loans, "amount": number(x.amount_msek, 1, lang)} for x in cap.debt.table(year).itertuples()]
    return {"sentence": cw("borrowing_sentence", lang, year=year, green=number(s["green_msek"], 1, lang),
                           total=number(s["total_msek"], 1, lang), share=percent(s["green_share"], 0, lang)),
            "rows": rows}
