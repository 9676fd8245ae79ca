"""Monte Carlo over a ledger: one draw per distinct factor and per activity-data group.

How a ledger row's CO2e is drawn
--------------------------------
A row's CO2e is its amount times the factor rows chosen for its key (the per-gas
direct factors, the upstream factor …). The simulation splits each key's CO2e per
unit into the share of each factor row (:func:`key_shares`), so a drawn row is::

    direct_kg · Σ_f s_f · r_f  +  upstream_kg · Σ_f u_f · r_f      (times a)

with ``r_f`` the draw of factor ``f`` (mean 1: the point value is the mean) and ``a`` the
draw of the row's activity-data group (mean 1). The same factor is the *same draw*
wherever it is used, in every year and area: its uncertainty largely cancels in a change
between years that use it, as it should. Activity data are drawn per group of
activity, year and data-quality tier (a row may state its own ±x %): errors within one
source and year are treated as systematic, years and sources as independent.

Draws are seeded per factor and per group from ``(seed, name)``: the same seed gives the
same numbers, and a factor gets the same draws in two simulations of different ledgers
(a what-if before and after), so differences between them are computed on common
random numbers.

Everything is computed on distinct *cells* (group × share profile × activity-data
group), never per row and draw: 10 000 draws of a million-row ledger cost a few
group-bys and small matrix products.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..catalogue import get_activity
from ..engine.keys import KEY_COLUMNS, Key, key_codes
from ..engine.kinds import handler_for
from ..engine.weigh import one_per_part, weigh
from ..gwp import MEMO_GASES
from ..pedigree import (
    DEFAULT_TIER,
    Uncertainty,
    factor_uncertainty,
    relative_uncertainty,
    tier_uncertainty,
)
from ..validation import selection_mask

__all__ = ["DEFAULT_DRAWS", "DEFAULT_SEED", "DEFAULT_INTERVAL", "Simulation", "simulate", "key_shares", "ratio_draws"]

DEFAULT_DRAWS = 10_000
DEFAULT_SEED = 20240101
DEFAULT_INTERVAL = 0.90
_CHUNK = 1024
_KEY_DEFAULTS = {"round_trip": False}


def _stream(seed: int, name: str, n: int) -> np.ndarray:
    """``n`` standard normal numbers of the stream named ``name`` (the same for the same seed and name)."""
    digest = hashlib.blake2b(name.encode("utf-8"), digest_size=8).digest()
    words = [int.from_bytes(digest[:4], "little"), int.from_bytes(digest[4:], "little")]
    return np.random.default_rng(np.random.SeedSequence([int(seed), *words])).standard_normal(n)


def ratio_draws(u: Uncertainty, z: np.ndarray) -> np.ndarray:
    """Draws of value/point (mean 1) from standard normal numbers ``z``.

    Examples
    --------
    >>> from klimatbokslut.pedigree import Uncertainty
    >>> z = np.array([-1.959964, 0.0, 1.959964])
    >>> np.round(ratio_draws(Uncertainty("normal", 0.10, "stated"), z), 6).tolist()
    [0.9, 1.0, 1.1]
    """
    s = u.sigma
    if u.distribution == "lognormal":
        return np.exp(s * z - 0.5 * s * s)
    if u.distribution == "normal":
        return 1.0 + s * z
    return np.ones_like(z)


@dataclass
class _Split:
    """Per key: factor shares of the direct and the upstream part (empty when the split is unknown)."""

    direct: dict[str, float]
    upstream: dict[str, float]


def key_shares(ledger, method: str | None = None) -> tuple[np.ndarray, list[_Split], dict[str, dict]]:
    """Each row's key code, each key's factor shares, and the factor rows used (by factor_id).

    The shares are each factor row's kg CO2e per input unit over the part's total, worked
    out by the engine's own selection and weighing, so they are those of the ledger's
    figures.
    """
    f = ledger.frame
    method = method or ledger.scope2_method
    cols = {c: (f[c] if c in f.columns else pd.Series(_KEY_DEFAULTS.get(c, ""), index=f.index)) for c in KEY_COLUMNS}
    codes, uniq = key_codes(pd.DataFrame(cols))
    factors = ledger.factors
    if factors is None:
        from ..factors import default_factors
        factors = default_factors()
    table = factors.factors.set_index("factor_id", drop=False)
    used: dict[str, dict] = {}
    splits: list[_Split] = []
    rf = bool(getattr(ledger, "radiative_forcing", True))
    for tup in uniq:
        try:
            key = Key.of(tup)
            act = get_activity(key.activity)
            sel = handler_for(act).select(act, factors, key, rf)
            unit = sel.weigh_unit or key.unit
            direct, _ = _split(sel.by_method(method).records, factors, act.key, unit, ledger.gwp)
            _, upstream = _split(sel.by_method(ledger.scope2_method).records, factors, act.key, unit, ledger.gwp)
        except Exception:   # a key without factors (unvalued rows) or a row the engine rejected: no split
            splits.append(_Split({}, {}))
            continue
        for fid in (*direct, *upstream):
            if fid not in used:
                used[fid] = table.loc[fid].to_dict() if fid in table.index else {"factor_id": fid}
        splits.append(_Split(direct, upstream))
    return codes, splits, used


def _split(records: list[dict], factors, activity: str, unit: str, gwp: str) -> tuple[dict, dict]:
    direct: dict[str, float] = {}
    upstream: dict[str, float] = {}
    for r in one_per_part(records, unit):
        if r["gas"] in MEMO_GASES:
            continue
        w = weigh([r], factors, activity, unit, gwp)
        if w.parts["direct"]:
            direct[r["factor_id"]] = direct.get(r["factor_id"], 0.0) + w.parts["direct"]
        if w.parts["upstream"]:
            upstream[r["factor_id"]] = upstream.get(r["factor_id"], 0.0) + w.parts["upstream"]
    return _normalise(direct), _normalise(upstream)


def _normalise(kg: dict[str, float]) -> dict[str, float]:
    total = sum(kg.values())
    if not (total > 0 and math.isfinite(total)):
        return {}
    return {k: v / total for k, v in sorted(kg.items())}


@dataclass
class Simulation:
    """Monte Carlo draws of a ledger's CO2e: intervals, changes, target probabilities, contributions.

    Made by :func:`simulate`. Values are in t CO2e; intervals are central (``interval``,
    90 % by default) from the draws' quantiles.
    """

    ledger: Any
    draws: int
    seed: int
    interval: float
    method: str
    factors: pd.DataFrame            # one row per distinct factor drawn
    groups: pd.DataFrame             # one row per activity-data group drawn
    _profile_matrix: np.ndarray = field(repr=False)      # profiles × factors (shares)
    _part_profile: np.ndarray = field(repr=False)        # per part: its profile
    _part_group: np.ndarray = field(repr=False)          # per part: its activity-data group
    _part_kg: np.ndarray = field(repr=False)             # per part: kg CO2e (NaN when unvalued)
    _ratios: np.ndarray = field(repr=False)              # factors × draws
    _amounts: np.ndarray = field(repr=False)             # groups × draws
    _profile_ratios: np.ndarray | None = field(default=None, repr=False)

    # ------------------------------------------------------------------ core
    @property
    def quantiles(self) -> tuple[float, float]:
        """The lower and upper quantile of the interval (0.05 and 0.95 for 90 %)."""
        return (1.0 - self.interval) / 2.0, 1.0 - (1.0 - self.interval) / 2.0

    def _kr(self) -> np.ndarray:
        if self._profile_ratios is None:
            p = self._profile_matrix
            rest = 1.0 - p.sum(axis=1)     # a part with no split keeps its point value
            self._profile_ratios = p @ self._ratios + rest[:, None]
        return self._profile_ratios

    def _parts(self, dims: Iterable[str]) -> pd.DataFrame:
        return self.ledger.parts(self.method, dims=list(dict.fromkeys(dims)))

    def group_draws(self, codes: np.ndarray, n_groups: int) -> tuple[np.ndarray, np.ndarray]:
        """Point values and draws (groups × draws) of the parts' sums by ``codes`` (−1: not counted) [kg]."""
        kg = self._part_kg
        ok = (codes >= 0) & np.isfinite(kg) & (kg != 0)
        n_ad = max(len(self.groups), 1)
        n_pr = max(self._profile_matrix.shape[0], 1)
        cell = (codes[ok].astype(np.int64) * n_pr + self._part_profile[ok]) * n_ad + self._part_group[ok]
        uniq, inv = np.unique(cell, return_inverse=True)
        cell_kg = np.bincount(inv.ravel(), weights=kg[ok], minlength=len(uniq))
        c_group = uniq // (n_pr * n_ad)
        c_prof = (uniq // n_ad) % n_pr
        c_ad = uniq % n_ad
        point = np.bincount(c_group, weights=cell_kg, minlength=n_groups) if len(uniq) else np.zeros(n_groups)
        out = np.zeros((n_groups, self.draws))
        if not len(uniq):
            return point, out
        kr = self._kr()
        order = np.argsort(c_group, kind="stable")      # already sorted by group (the leading digits)
        starts = np.flatnonzero(np.r_[True, np.diff(c_group[order]) != 0])
        present = c_group[order][starts]
        for lo in range(0, self.draws, _CHUNK):
            hi = min(lo + _CHUNK, self.draws)
            m = kr[c_prof, lo:hi] * self._amounts[c_ad, lo:hi]
            m *= cell_kg[:, None]
            out[present, lo:hi] = np.add.reduceat(m[order], starts, axis=0)
        return point, out

    def _codes_by(self, by: list[str], select: Mapping[str, Any] | None = None,
                  what: str = "uncertainty") -> tuple[np.ndarray, pd.DataFrame]:
        parts = self._parts([*by, *(select or {})])
        mask = selection_mask(parts, select, what=what) if select else np.ones(len(parts), dtype=bool)
        if by:
            codes, labels = _group_codes(parts[by])
        else:
            codes, labels = np.zeros(len(parts), dtype=np.int64), pd.DataFrame(index=[0])
        codes = np.where(mask, codes, -1)
        return codes, labels

    def draws_by(self, by: str | Iterable[str] = ("year",), *, select: Mapping[str, Any] | None = None
                 ) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
        """(labels, point values, draws) of the CO2e by ``by`` [t], for the selected parts."""
        by = [by] if isinstance(by, str) else list(by)
        codes, labels = self._codes_by(by, select)
        point, draws = self.group_draws(codes, len(labels))
        return labels.reset_index(drop=True), point / 1000.0, draws / 1000.0

    def _stats(self, labels: pd.DataFrame, point: np.ndarray, draws: np.ndarray) -> pd.DataFrame:
        lo, hi = self.quantiles
        q = np.quantile(draws, [lo, hi], axis=1) if draws.size else np.zeros((2, len(point)))
        out = labels.copy()
        out["co2e_t"] = point
        out["mean_t"] = draws.mean(axis=1) if draws.size else point
        out["sd_t"] = draws.std(axis=1, ddof=1) if draws.shape[1] > 1 else 0.0
        out["low_t"] = q[0]
        out["high_t"] = q[1]
        with np.errstate(divide="ignore", invalid="ignore"):
            out["low_pct"] = np.where(point != 0, q[0] / point - 1.0, np.nan)
            out["high_pct"] = np.where(point != 0, q[1] / point - 1.0, np.nan)
        return out

    # ------------------------------------------------------------------ results
    def summary(self, by: str | Iterable[str] = ("year",), *, select: Mapping[str, Any] | None = None
                ) -> pd.DataFrame:
        """CO2e by ``by`` with its interval [t]: ``co2e_t`` (as calculated), ``mean_t``, ``sd_t``,
        ``low_t``, ``high_t`` and the interval's ends relative to the value (``low_pct``, ``high_pct``).

        Rows without CO2e (no factor) are not in the draws; :meth:`left_out` says what they are.
        """
        labels, point, draws = self.draws_by(by, select=select)
        return self._stats(labels, point, draws)

    def change(self, year: int, against: int, *, select: Mapping[str, Any] | None = None) -> dict[str, float]:
        """The change of CO2e from ``against`` to ``year`` with its interval, and the probability it is a decrease.

        Both years use the same draws of the factors they share, so a factor's uncertainty
        cancels where both years use it.
        """
        labels, point, draws = self.draws_by("year", select=select)
        years = [int(y) for y in labels["year"]]
        for y in (year, against):
            if y not in years:
                from ..validation import fail
                raise fail("year", y, f"no CO2e in the selection in {y}; years: {', '.join(map(str, years))}",
                           what="uncertainty of a change")
        i, j = years.index(int(year)), years.index(int(against))
        diff = draws[i] - draws[j]
        with np.errstate(divide="ignore", invalid="ignore"):
            rel = draws[i] / draws[j] - 1.0
        lo, hi = self.quantiles
        return {"year": int(year), "against": int(against), "change_t": float(point[i] - point[j]),
                "low_t": float(np.quantile(diff, lo)), "high_t": float(np.quantile(diff, hi)),
                "change_pct": float(point[i] / point[j] - 1.0) if point[j] else float("nan"),
                "low_pct": float(np.quantile(rel, lo)), "high_pct": float(np.quantile(rel, hi)),
                "probability_decrease": float((diff < 0).mean())}

    def analytic(self, by: str | Iterable[str] = ("year",), *, select: Mapping[str, Any] | None = None
                 ) -> pd.DataFrame:
        """First-order (Approach 1) propagation: standard deviation of each sum [t] from the
        relative variances of its factors and activity-data groups, correlation included
        (a factor used twice adds its kg before squaring). Exact for a sum of independent
        factors; a check on the Monte Carlo for near-linear cases."""
        by = [by] if isinstance(by, str) else list(by)
        codes, labels = self._codes_by(by, select)
        w_f, w_a, point = self._weights(codes, len(labels))
        var = (w_f ** 2) @ self.factors["relative_variance"].to_numpy() \
            + (w_a ** 2) @ self.groups["relative_variance"].to_numpy()
        out = labels.reset_index(drop=True).copy()
        out["co2e_t"] = point / 1000.0
        out["sd_t"] = np.sqrt(var) / 1000.0
        z = _z(self.interval)
        out["low_t"] = out["co2e_t"] - z * out["sd_t"]
        out["high_t"] = out["co2e_t"] + z * out["sd_t"]
        return out

    def _weights(self, codes: np.ndarray, n_groups: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """kg per group and factor (shares applied) and kg per group and activity-data group."""
        kg = self._part_kg
        ok = (codes >= 0) & np.isfinite(kg)
        g, p, a, w = codes[ok], self._part_profile[ok], self._part_group[ok], kg[ok]
        n_pr = max(self._profile_matrix.shape[0], 1)
        gp = np.bincount(g * n_pr + p, weights=w, minlength=n_groups * n_pr).reshape(n_groups, n_pr)
        w_f = gp @ self._profile_matrix if self._profile_matrix.size else np.zeros((n_groups, 0))
        n_ad = max(len(self.groups), 1)
        w_a = np.bincount(g * n_ad + a, weights=w, minlength=n_groups * n_ad).reshape(n_groups, n_ad)
        point = np.bincount(g, weights=w, minlength=n_groups)
        return w_f, w_a[:, :len(self.groups)], point

    def contributions(self, year: int, *, select: Mapping[str, Any] | None = None, top: int | None = None
                      ) -> pd.DataFrame:
        """Share of the variance of a year's total from each factor and each activity-data group
        (first order; the shares add up to 1), largest first: where better data helps most."""
        sel = dict(select or {}) | {"year": [int(year)]}
        codes, labels = self._codes_by([], sel)
        w_f, w_a, point = self._weights(codes, 1)
        vf = (w_f[0] ** 2) * self.factors["relative_variance"].to_numpy()
        va = (w_a[0] ** 2) * self.groups["relative_variance"].to_numpy()
        total = vf.sum() + va.sum()
        f = self.factors.assign(kind="factor", name=self.factors["factor_id"], co2e_t=w_f[0] / 1000.0,
                                variance_share=vf / total if total else np.nan)
        a = self.groups.assign(kind="activity_data", name=self.groups["group"], co2e_t=w_a[0] / 1000.0,
                               variance_share=va / total if total else np.nan)
        cols = ["kind", "name", "co2e_t", "distribution", "parameter", "basis", "variance_share"]
        out = pd.concat([f[cols], a[cols]], ignore_index=True)
        out = out[out["co2e_t"] != 0].sort_values(["variance_share", "name"], ascending=[False, True],
                                                  kind="stable").reset_index(drop=True)
        return out.head(top) if top else out

    def contributions_by(self, year: int, by: str = "area", *, select: Mapping[str, Any] | None = None
                         ) -> pd.DataFrame:
        """Share of the variance of a year's total from each value of ``by`` (a reporting area),
        as its covariance with the total over the total's variance (Monte Carlo; adds up to 1)."""
        sel = dict(select or {}) | {"year": [int(year)]}
        labels, point, draws = self.draws_by(by, select=sel)
        total = draws.sum(axis=0)
        var = total.var(ddof=1)
        cov = ((draws - draws.mean(axis=1, keepdims=True)) * (total - total.mean())).sum(axis=1) / (self.draws - 1)
        out = labels.copy()
        out["co2e_t"] = point
        out["variance_share"] = cov / var if var > 0 else np.nan
        return out.sort_values(["variance_share"], ascending=False, kind="stable").reset_index(drop=True)

    def target_probability(self, target, year: int, ledger=None) -> dict[str, Any]:
        """Probability that a CO2e target is met (or on track) in ``year``.

        The year's value is compared, draw by draw, with what the target compares it with:
        the target value in and after the target year, the path's value before it (for a
        carbon budget: the budget used so far against the budget's path; ``probability_total``
        against the whole budget). A threshold derived from the base year moves with the base year's draw.
        ``probability_target`` is, in every year, the probability that the year's value reaches the
        target value itself (before the target year: already now).
        Targets on other metrics (energy, shares) have no factor uncertainty here: their
        probability is not given (``None``, with the reason).
        """
        from ..targets.base import Target
        ledger = ledger or self.ledger
        result = target.evaluate(ledger, int(year))
        out: dict[str, Any] = {"name": target.name, "year": int(year), "status": result.status,
                               "probability": None, "note": ""}
        if not isinstance(target, Target) or getattr(target, "metric", None) != "co2e":
            out["note"] = "not a CO2e target: no factor uncertainty is propagated"
            return out
        if result.status == "no_data" or result.actual is None:
            out["note"] = "no value in the year"
            return out
        labels, point, draws = self.draws_by("year", select=dict(target.select))
        years = [int(y) for y in labels["year"]]
        with np.errstate(divide="ignore", invalid="ignore"):
            scale = {y: draws[i] / point[i] if point[i] else np.ones(self.draws) for i, y in enumerate(years)}
        ones = np.ones(self.draws)
        value_draws = np.zeros(self.draws)      # the actual value, term by term, each with its year's draw
        for y, term in target.actual_terms(ledger, result).items():
            value_draws = value_draws + float(term) * scale.get(int(y), ones)
        if target.cumulative:
            used = value_draws
            total = float(result.target_value.magnitude)
            out["probability_total"] = float((used <= total).mean())
            if result.trajectory_value is None:
                out.update(probability=out["probability_total"], compared_with="target",
                           note="probability that the budget is not used up by the year")
                return out
            allowed = float(result.trajectory_value.magnitude)
            out.update(probability=float((used <= allowed).mean()), compared_with="path",
                       note="probability that the use so far is within the budget's path (probability_total: "
                            "that the whole budget is not used up by the year)")
            return out
        before_target = result.target_year is not None and int(year) < int(result.target_year)
        ref = result.trajectory_value if before_target and result.trajectory_value is not None else result.target_value
        if ref is None:
            out["note"] = "the target has no value to compare with in the year"
            return out
        base_year = result.base_year
        moves = target.moves_with_base_year and base_year is not None and int(base_year) in scale

        def share_better(value) -> float:
            threshold = float(value.magnitude) * ones
            if moves:
                threshold = threshold * scale[int(base_year)]
            better = value_draws <= threshold if target.lower_is_better else value_draws >= threshold
            return float(better.mean())

        out["probability"] = share_better(ref)
        out["compared_with"] = "path" if before_target else "target"
        # before the target year, also: that the year's value already reaches the target value itself
        out["probability_target"] = (share_better(result.target_value) if before_target and
                                     result.target_value is not None else out["probability"])
        return out

    def left_out(self):
        """What the draws leave out: the ledger's rows without CO2e and rejected rows (:meth:`Ledger.left_out`)."""
        return self.ledger.left_out()

    @property
    def not_split_t(self) -> float:
        """t CO2e of rows whose CO2e could not be split by factor row: their factors are not drawn (0 normally)."""
        m = (self._part_profile == 0) & np.isfinite(self._part_kg) & (self._part_kg != 0)
        return float(self._part_kg[m].sum()) / 1000.0

    def defaults(self) -> pd.DataFrame:
        """Where a default stood in for a stated uncertainty: factors and activity-data groups, with t CO2e;
        and, if any, the t CO2e whose factors could not be drawn (``kind = "not_split"``)."""
        f = self.factors[self.factors["basis"].isin(["pedigree", "default"])]
        a = self.groups[self.groups["basis"] == "default"]
        rows = [{"kind": "factor", "basis": b, "items": len(g), "co2e_t": float(g["co2e_t"].sum())}
                for b, g in f.groupby("basis")]
        rows += [{"kind": "activity_data", "basis": "default", "items": len(a), "co2e_t": float(a["co2e_t"].sum())}]
        if self.not_split_t:
            rows.append({"kind": "not_split", "basis": "not drawn", "items": 0, "co2e_t": self.not_split_t})
        return pd.DataFrame(rows)


def _group_codes(frame: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """One code per row for its combination of the frame's columns, and the combinations (sorted).

    Each column is factorised (a categorical by its codes), the codes are combined into one
    integer and that is made dense: no tuples per row.
    """
    combined = np.zeros(len(frame), dtype=np.int64)
    per_column = []
    for c in frame.columns:
        k, u = pd.factorize(frame[c], sort=True, use_na_sentinel=False)
        combined = combined * max(len(u), 1) + k
        per_column.append((k, u))
    uniq, first, codes = np.unique(combined, return_index=True, return_inverse=True)
    labels = pd.DataFrame({c: np.asarray(u, dtype=object)[k[first]] for c, (k, u) in zip(frame.columns, per_column,
                                                                                          strict=True)})
    return codes.ravel().astype(np.int64), labels


def _z(interval: float) -> float:
    from statistics import NormalDist
    return NormalDist().inv_cdf(0.5 + interval / 2.0)


def simulate(ledger, *, draws: int = DEFAULT_DRAWS, seed: int = DEFAULT_SEED, interval: float = DEFAULT_INTERVAL,
             method: str | None = None, activity_data: bool = True, groups_like=None) -> Simulation:
    """Monte Carlo of a ledger's CO2e, one draw per distinct factor and activity-data group.

    Parameters
    ----------
    ledger : Ledger
    draws : int
        Number of draws (10 000 by default).
    seed : int
        The same seed gives the same numbers, byte for byte.
    interval : float
        Central interval reported, 0.90 by default (the 5th to the 95th percentile).
    method : {"market", "location"}, optional
        Scope-2 method (default: the ledger's).
    activity_data : bool
        Draw the amounts too (by their tier or stated ±%); False draws the factors alone.
    groups_like : Ledger, optional
        A ledger of the same input rows (a what-if's baseline): each row's amount is drawn in
        the group of that ledger's row with the same ``row`` number, so a litre replaced by
        another fuel keeps its draw and the difference between the ledgers is not blurred by
        amounts that did not change.

    Returns
    -------
    Simulation
        The draws per year and scope, with intervals, changes between years, target
        probabilities and each factor's contribution to the variance.

    Examples
    --------
    >>> import pandas as pd, klimatbokslut as kb
    >>> led = kb.calculate(pd.DataFrame({"activity": ["diesel_fossil"], "amount": [1000], "unit": ["l"],
    ...                                   "year": [2024], "amount_quality": ["metered"]}))
    >>> sim = kb.simulate(led, draws=2000, seed=1)
    >>> s = sim.summary("year")
    >>> round(float(s["co2e_t"][0]), 3), bool(s["low_t"][0] < s["co2e_t"][0] < s["high_t"][0])
    (3.412, True)
    """
    method = _checked_arguments(ledger, draws, interval, method)
    f = ledger.frame
    n = len(f)
    row_key, splits, used = key_shares(ledger, method)
    fids, uncertainties, ratios = _factor_draws(used, seed, int(draws))
    key_direct, key_up, matrix = _share_profiles(splits, {fid: i for i, fid in enumerate(fids)}, len(fids))
    g_codes, groups, amounts = _amount_groups(ledger, groups_like, seed, int(draws), activity_data)
    # Parts in the order of Ledger.parts: every row's direct part, then the upstream parts.
    direct, up = ledger._columns_for(method)
    has_up = up != 0
    part_row = np.concatenate([np.arange(n), np.flatnonzero(has_up)])
    part_profile = np.concatenate([key_direct[row_key], key_up[row_key][has_up]]) if n else np.zeros(0, np.int64)
    part_kg = np.concatenate([np.asarray(direct, dtype=float), np.asarray(up, dtype=float)[has_up]])
    part_group = np.asarray(g_codes, dtype=np.int64)[part_row] if n else np.zeros(0, np.int64)
    sim = Simulation(ledger=ledger, draws=int(draws), seed=int(seed), interval=float(interval), method=method,
                     factors=_factor_table(fids, used, uncertainties), groups=groups, _profile_matrix=matrix,
                     _part_profile=part_profile, _part_group=part_group, _part_kg=part_kg, _ratios=ratios,
                     _amounts=amounts)
    # kg CO2e that each factor and group carries over all years (for tables of what was drawn).
    all_codes = np.zeros(len(part_kg), dtype=np.int64)
    w_f, w_a, _ = sim._weights(all_codes, 1)
    sim.factors["co2e_t"] = w_f[0] / 1000.0 if len(fids) else []
    sim.groups["co2e_t"] = w_a[0] / 1000.0 if len(groups) else []
    return sim


def _checked_arguments(ledger, draws: Any, interval: Any, method: str | None) -> str:
    """Check :func:`simulate`'s arguments; the scope-2 method to draw (the ledger's unless given)."""
    from ..validation import fail
    if not isinstance(draws, int | np.integer) or isinstance(draws, bool) or draws < 2:
        raise fail("draws", draws, "a whole number of draws, at least 2 (10 000 is the default)",
                   what="simulate")
    if not 0.0 < float(interval) < 1.0:
        raise fail("interval", interval, "a central interval between 0 and 1 (0.90 for 90 %)", what="simulate")
    method = method or ledger.scope2_method
    if method not in ("location", "market"):
        raise fail("method", method, "the scope-2 method: location or market", what="simulate")
    if not isinstance(ledger.frame, pd.DataFrame):
        raise fail("ledger", type(ledger).__name__, "a ledger in memory: call .compute() on a Dask ledger first "
                                                    "(the draws need one pass over every row)", what="simulate")
    return method


def _factor_draws(used: dict[str, Any], seed: int, draws: int) -> tuple[list[str], list[Uncertainty], np.ndarray]:
    """The factors in factor_id order, their uncertainties and their draws (one row of ratios per factor)."""
    fids = sorted(used)
    uncertainties = [factor_uncertainty(used[fid]) for fid in fids]
    ratios = np.empty((len(fids), draws))
    for i, (fid, u) in enumerate(zip(fids, uncertainties, strict=True)):
        ratios[i] = ratio_draws(u, _stream(seed, "factor:" + fid, draws))
    return fids, uncertainties, ratios


def _share_profiles(splits: list[_Split], f_index: dict[str, int],
                    n_factors: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct share vectors over keys and parts: each key's direct and upstream profile number, and the
    matrix of profiles by factor (profile 0 carries no factor)."""
    profiles: dict[tuple, int] = {(): 0}
    key_direct = np.zeros(len(splits), dtype=np.int64)
    key_up = np.zeros(len(splits), dtype=np.int64)
    for k, sp in enumerate(splits):
        for shares, target in ((sp.direct, key_direct), (sp.upstream, key_up)):
            t = tuple((f_index[fid], round(s, 12)) for fid, s in shares.items())
            target[k] = profiles.setdefault(t, len(profiles))
    matrix = np.zeros((len(profiles), n_factors))
    for t, p in profiles.items():
        for i, s in t:
            matrix[p, i] += s
    return key_direct, key_up, matrix


def _amount_groups(ledger, groups_like, seed: int, draws: int,
                   activity_data: bool) -> tuple[np.ndarray, pd.DataFrame, np.ndarray]:
    """Activity-data groups (activity, year, tier and stated ±x): each row's group, the groups' table and their
    draws (ones when the amounts are not drawn)."""
    f = ledger.frame
    n = len(f)
    tier = f["amount_quality"].astype(object).fillna("").astype(str).to_numpy() if "amount_quality" in f.columns \
        else np.full(n, "", dtype=object)
    stated = pd.to_numeric(f["amount_uncertainty"], errors="coerce").to_numpy(dtype=float) \
        if "amount_uncertainty" in f.columns else np.full(n, np.nan)
    group_activity = f["activity"].astype(object).to_numpy()
    if groups_like is not None and "row" in f.columns and "row" in groups_like.frame.columns:
        # rows of several files repeat a row number: the k-th row numbered r maps to the baseline's k-th
        like = groups_like.frame
        lookup = pd.Series(like["activity"].astype(object).to_numpy(),
                           index=pd.MultiIndex.from_arrays([like["row"].to_numpy(), like.groupby("row").cumcount()]))
        mapped = lookup.reindex(pd.MultiIndex.from_arrays([f["row"].to_numpy(), f.groupby("row").cumcount()])
                                ).to_numpy(dtype=object)
        group_activity = np.where(pd.isna(mapped), group_activity, mapped)
    gkey = pd.DataFrame({"activity": group_activity, "year": f["year"].to_numpy(),
                         "tier": tier, "stated": np.where(np.isfinite(stated), stated, -1.0)})
    g_codes, g_labels = _group_codes(gkey) if n else (np.zeros(0, np.int64), gkey)
    g_uniq = list(g_labels.itertuples(index=False, name=None))
    g_rows = []
    amounts = np.empty((len(g_uniq), draws))
    for i, (act, year, t, x) in enumerate(g_uniq):
        if x >= 0:
            u = relative_uncertainty(x)
        elif t:
            u = tier_uncertainty(t)
        else:
            d = tier_uncertainty(DEFAULT_TIER)
            u = Uncertainty(d.distribution, d.parameter, "default",
                            f"data quality not stated: {DEFAULT_TIER} assumed ({d.note})", d.source_id)
        name = f"{act} {int(year)} {t or DEFAULT_TIER + ' (assumed)'}" + (f" ±{x:.0%}" if x >= 0 else "")
        amounts[i] = ratio_draws(u, _stream(seed, f"amount:{act}|{int(year)}|{t}|{x!r}", draws)) \
            if activity_data else 1.0
        g_rows.append({"group": name, "activity": act, "year": int(year), "tier": t or DEFAULT_TIER,
                       "distribution": u.distribution, "parameter": u.parameter,
                       "basis": u.basis if activity_data else "not drawn", "note": u.note,
                       "relative_variance": u.relative_variance if activity_data else 0.0})
    groups = pd.DataFrame(g_rows, columns=["group", "activity", "year", "tier", "distribution", "parameter", "basis",
                                           "note", "relative_variance"])
    if not activity_data:
        amounts = np.ones((len(g_uniq), draws))
    return g_codes, groups, amounts


def _factor_table(fids: list[str], used: dict[str, Any], uncertainties: list[Uncertainty]) -> pd.DataFrame:
    """The table of drawn factors (:attr:`Simulation.factors`, before its t CO2e)."""
    return pd.DataFrame({
        "factor_id": fids,
        "activity": [str(used[fid].get("activity", "")) for fid in fids],
        "distribution": [u.distribution for u in uncertainties],
        "parameter": [u.parameter for u in uncertainties],
        "basis": [u.basis for u in uncertainties],
        "pedigree": [str(used[fid].get("uncertainty_pedigree", "") or "") for fid in fids],
        "source_id": [u.source_id for u in uncertainties],
        "note": [u.note for u in uncertainties],
        "relative_variance": [u.relative_variance for u in uncertainties],
    })
