"""Uncertainty figures: the factor format's uncertainty columns, pedigree defaults and activity-data tiers.

Every factor row carries its uncertainty (see ``docs/uncertainty.md``):

``uncertainty_distribution``
    ``lognormal`` (the default of inventories and LCA databases for positive factors),
    ``normal``, or ``none`` (a definitional figure without uncertainty).
``uncertainty_parameter``
    For ``lognormal`` the GSD² (the ratio of the 97.5th percentile to the median; 1.05 is
    about ±5 %); for ``normal`` the half-width of the 95 % interval as a fraction of the
    value (0.05 for ±5 %, below 0.5 so that a negative factor is practically impossible).
``uncertainty_basis``
    ``stated`` (the factor's source states it), ``class`` (a published uncertainty of the
    class of factor, e.g. CO2 from combustion), ``pedigree`` (a default from data-quality
    scores, flagged wherever used).
``uncertainty_pedigree``
    Five scores 1–5: reliability, completeness, temporal, geographical and further
    technological correlation (ecoinvent's pedigree matrix). With scores and no parameter
    the parameter is computed from them.
``uncertainty_source_id``, ``uncertainty_note``
    Where the figure comes from and how it was chosen.

A drawn factor keeps its point value as its mean: a lognormal draw is
``exp(σ·z − σ²/2)`` times the value, with ``σ = ln(GSD²)/2``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Final

__all__ = ["UNCERTAINTY_COLUMNS", "DISTRIBUTIONS", "BASES", "PEDIGREE_VARIANCE", "BASIC_VARIANCE",
           "ACTIVITY_TIERS", "TIER_ALIASES", "USER_FACTOR_DEFAULT", "DEFAULT_TIER", "Uncertainty",
           "pedigree_gsd2", "parse_pedigree", "uncertainty_problems", "factor_uncertainty", "tier_uncertainty",
           "relative_uncertainty"]

UNCERTAINTY_COLUMNS: Final = ["uncertainty_distribution", "uncertainty_parameter", "uncertainty_basis",
                              "uncertainty_pedigree", "uncertainty_source_id", "uncertainty_note"]
DISTRIBUTIONS: Final = ("lognormal", "normal", "none")
BASES: Final = ("stated", "class", "pedigree")
#: Largest half-width of a normal distribution's 95 % interval (as a fraction of the value).
NORMAL_LIMIT: Final = 0.5

#: ecoinvent v3 data-quality guideline (Weidema et al. 2013, Table 10.5): variance of ln added per score 1..5.
PEDIGREE_VARIANCE: Final = {
    "reliability": (0.0, 0.0006, 0.002, 0.008, 0.04),
    "completeness": (0.0, 0.0001, 0.0006, 0.002, 0.008),
    "temporal": (0.0, 0.0002, 0.002, 0.008, 0.04),
    "geographical": (0.0, 0.000025, 0.0001, 0.0006, 0.002),
    "technological": (0.0, 0.0006, 0.008, 0.04, 0.12),
}
#: ecoinvent v3 (Table 10.3): basic variance of ln of an emission factor, an energy or a mass.
BASIC_VARIANCE: Final = 0.0006

#: Activity-data tiers: pedigree scores (reliability, completeness, temporal, geographical,
#: technological) and why. The GSD² follows from the scores (:func:`pedigree_gsd2`).
ACTIVITY_TIERS: Final = {
    "metered": ((1, 1, 1, 1, 1), "measured and verified (meter readings, weighed waste)"),
    "invoiced": ((2, 2, 1, 1, 1), "billed quantities: verified, partly read or estimated by the supplier"),
    "estimated": ((4, 3, 1, 1, 1), "a qualified estimate (from cost, floor area, a survey)"),
    "extrapolated": ((4, 5, 1, 1, 1), "from part of the organisation or the year to the whole"),
}
#: Spellings of the tiers in an activity table (compared in lower case).
TIER_ALIASES: Final = {
    "metered": ("metered", "measured", "mätt", "matt", "mätare", "avläst", "uppmätt"),
    "invoiced": ("invoiced", "billed", "fakturerad", "fakturerat", "faktura", "fakturor"),
    "estimated": ("estimated", "estimate", "uppskattad", "uppskattat", "uppskattning", "schablon", "bedömd"),
    "extrapolated": ("extrapolated", "extrapolerad", "extrapolerat", "uppräknad", "uppräknat"),
}
#: The tier of a row whose table does not say: invoiced (the usual source of a climate account), flagged.
DEFAULT_TIER: Final = "invoiced"
#: Pedigree scores of a user's factor row that states no uncertainty (a supplier's or network's figure).
USER_FACTOR_DEFAULT: Final = (3, 3, 3, 3, 3)

_SCORES = re.compile(r"^\s*([1-5])\s*[,;/ ]\s*([1-5])\s*[,;/ ]\s*([1-5])\s*[,;/ ]\s*([1-5])\s*[,;/ ]\s*([1-5])\s*$")


def pedigree_gsd2(scores: tuple[int, ...], basic: float = BASIC_VARIANCE) -> float:
    """GSD² of a lognormal from five pedigree scores (ecoinvent v3), rounded to 4 decimals.

    The variances of ln of the scores are added to the basic variance:
    ``GSD² = exp(2·√(basic + Σ var(score)))``.

    Examples
    --------
    >>> pedigree_gsd2((1, 1, 1, 1, 1))          # the basic uncertainty alone: exp(2·√0.0006)
    1.0502
    >>> pedigree_gsd2((3, 1, 3, 3, 4))          # 0.0006 + 0.002 + 0.002 + 0.0001 + 0.04 = 0.0447
    1.5263
    """
    if len(scores) != 5 or any(int(s) not in (1, 2, 3, 4, 5) for s in scores):
        raise ValueError(f"pedigree scores must be five integers 1–5, not {scores!r}")
    var = basic + sum(PEDIGREE_VARIANCE[k][int(s) - 1] for k, s in zip(PEDIGREE_VARIANCE, scores, strict=True))
    return round(math.exp(2.0 * math.sqrt(var)), 4)


def parse_pedigree(text: Any) -> tuple[int, ...] | None:
    """``"2,3,1,1,2"`` → ``(2, 3, 1, 1, 2)``; empty → None; anything else raises ValueError."""
    s = "" if text is None or (isinstance(text, float) and math.isnan(text)) else str(text).strip()
    if not s:
        return None
    m = _SCORES.match(s)
    if not m:
        raise ValueError("pedigree scores are five integers 1–5 (reliability, completeness, temporal, "
                         "geographical, technological), e.g. 2,2,1,3,3")
    return tuple(int(g) for g in m.groups())


@dataclass(frozen=True)
class Uncertainty:
    """The uncertainty of one factor or one activity-data group, as used in a simulation."""

    distribution: str        # lognormal | normal | none
    parameter: float         # GSD² (lognormal), 95 % half-width (normal), NaN (none)
    basis: str               # stated | class | pedigree | default
    note: str = ""
    source_id: str = ""

    @property
    def sigma(self) -> float:
        """Standard deviation of ln (lognormal) or of the relative value (normal); 0 for none."""
        if self.distribution == "lognormal":
            return math.log(self.parameter) / 2.0
        if self.distribution == "normal":
            return self.parameter / 1.959964
        return 0.0

    @property
    def relative_variance(self) -> float:
        """Variance of the draw divided by the value (the square of the coefficient of variation)."""
        if self.distribution == "lognormal":
            return math.expm1(self.sigma ** 2)
        return self.sigma ** 2

    def text(self) -> str:
        """``"lognormal GSD² 1.05 (class)"`` — how ``klimatbokslut factors`` shows it."""
        if self.distribution == "lognormal":
            return f"lognormal GSD² {self.parameter:g} ({self.basis})"
        if self.distribution == "normal":
            return f"normal ±{self.parameter:.0%} (95 %, {self.basis})"
        return "none"


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or str(v).strip() == ""


def uncertainty_problems(rec: dict) -> list[tuple[str, Any, str]]:
    """The problems of one factor row's uncertainty columns as (column, value, reason); [] when valid or empty."""
    out: list[tuple[str, Any, str]] = []
    dist = "" if _blank(rec.get("uncertainty_distribution")) else str(rec["uncertainty_distribution"]).strip()
    param = rec.get("uncertainty_parameter")
    basis = "" if _blank(rec.get("uncertainty_basis")) else str(rec["uncertainty_basis"]).strip()
    try:
        scores = parse_pedigree(rec.get("uncertainty_pedigree"))
    except ValueError as exc:
        out.append(("uncertainty_pedigree", rec.get("uncertainty_pedigree"), str(exc)))
        scores = None
    if dist and dist not in DISTRIBUTIONS:
        out.append(("uncertainty_distribution", dist, f"must be one of {', '.join(DISTRIBUTIONS)}"))
    if basis and basis not in BASES:
        out.append(("uncertainty_basis", basis, f"must be one of {', '.join(BASES)} (stated: the factor's source "
                                                "states it; class: published for the class of factor; pedigree: "
                                                "a default from data-quality scores)"))
    value = float("nan")
    if not _blank(param):
        try:
            value = float(str(param).replace(",", "."))
        except ValueError:
            out.append(("uncertainty_parameter", param, "not a number"))
    if dist == "lognormal" and not _blank(param) and value == value and not (math.isfinite(value) and value >= 1.0):
        out.append(("uncertainty_parameter", param, "a lognormal's GSD² is a number ≥ 1 (1.05 is about ±5 %)"))
    if dist == "normal" and not _blank(param) and value == value and not 0.0 <= value < NORMAL_LIMIT:
        out.append(("uncertainty_parameter", param, "a normal's 95 % half-width is a fraction 0–0.5 of the value "
                                                    "(0.05 for ±5 %); wider factors are lognormal"))
    if dist in ("lognormal", "normal") and _blank(param) and scores is None:
        out.append(("uncertainty_parameter", param, f"a {dist} distribution needs its parameter (or pedigree scores)"))
    if dist == "normal" and _blank(param) and scores is not None:
        out.append(("uncertainty_pedigree", rec.get("uncertainty_pedigree"),
                    "pedigree scores give a lognormal; write the normal's half-width in uncertainty_parameter"))
    if not dist and (not _blank(param) or scores is not None):
        out.append(("uncertainty_distribution", dist, "give the distribution of the parameter or scores "
                                                      f"({', '.join(DISTRIBUTIONS)})"))
    if basis == "pedigree" and scores is None:
        out.append(("uncertainty_pedigree", rec.get("uncertainty_pedigree"), "basis pedigree needs the five scores"))
    return out


def factor_uncertainty(rec: dict) -> Uncertainty:
    """The uncertainty of a (valid) factor row; a row that states none gets the user-factor default, flagged."""
    dist = "" if _blank(rec.get("uncertainty_distribution")) else str(rec["uncertainty_distribution"]).strip()
    note = "" if _blank(rec.get("uncertainty_note")) else str(rec["uncertainty_note"])
    source = "" if _blank(rec.get("uncertainty_source_id")) else str(rec["uncertainty_source_id"])
    if not dist:
        return Uncertainty("lognormal", pedigree_gsd2(USER_FACTOR_DEFAULT), "default",
                           "no uncertainty stated: default from pedigree scores "
                           f"{','.join(map(str, USER_FACTOR_DEFAULT))}",
                           "ecoinvent_v3_pedigree")
    basis = "" if _blank(rec.get("uncertainty_basis")) else str(rec["uncertainty_basis"]).strip()
    if dist == "none":
        return Uncertainty("none", float("nan"), basis or "stated", note, source)
    param = rec.get("uncertainty_parameter")
    if _blank(param):
        scores = parse_pedigree(rec.get("uncertainty_pedigree"))
        assert scores is not None
        return Uncertainty("lognormal", pedigree_gsd2(scores), basis or "pedigree", note, source)
    return Uncertainty(dist, float(str(param).replace(",", ".")), basis or "stated", note, source)


def tier_uncertainty(tier: str) -> Uncertainty:
    """The activity-data uncertainty of a tier (:data:`ACTIVITY_TIERS`).

    Examples
    --------
    >>> tier_uncertainty("metered").parameter, tier_uncertainty("estimated").parameter
    (1.0502, 1.2115)
    """
    scores, why = ACTIVITY_TIERS[tier]
    return Uncertainty("lognormal", pedigree_gsd2(scores), "pedigree",
                       f"{tier}: {why}; pedigree scores {','.join(map(str, scores))}", "ecoinvent_v3_pedigree")


def relative_uncertainty(fraction: float) -> Uncertainty:
    """A user's ±x % of an amount: the 95 % interval reaches ``(1 + x)`` times the median (a lognormal).

    Examples
    --------
    >>> relative_uncertainty(0.10).parameter
    1.1
    """
    return Uncertainty("lognormal", 1.0 + float(fraction), "stated", f"±{fraction:.0%} stated on the row")
