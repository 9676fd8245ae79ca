"""The evaluation of a target in one year: :class:`TargetResult` and the status words."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..text import status_word
from ..units import parse_unit

__all__ = ["STATUSES", "STATUS_SV", "PROGRESS_CODES", "STATUS_RULES", "TRENDS", "TargetResult"]

#: Status values of a :class:`TargetResult`; the word for each is :func:`klimatbokslut.text.status_word`'s
#: (Swedish: uppnått, i fas, inte i fas, ej uppnått, värde saknas).
STATUSES = ("met", "on_track", "off_track", "not_met", "no_data")

#: The Swedish word of each status (the catalog's; here for code that needs the word without a language).
STATUS_SV = {"met": "uppnått", "on_track": "i fas", "off_track": "inte i fas", "not_met": "ej uppnått",
             "no_data": "värde saknas"}

#: The progress codes of programme follow-ups (``delvis`` vs ``inte alls`` depends on progress), by the
#: outcome (:attr:`TargetResult.progress_code`); their words are :func:`klimatbokslut.text.status_word`'s.
PROGRESS_CODES = {"met": "helt", "partly": "delvis", "not_at_all": "inte alls", "no_data": "värde saknas"}

#: How the progress code of a result that is not met is chosen: by progress from the base year
#: (``standard``) or, in addition, by the change since the previous year with data (``trend``).
STATUS_RULES = ("standard", "trend")

#: Values of ``details["trend"]`` under the trend rule.
TRENDS = ("improving", "worsening", "unchanged", "unknown")


@dataclass(frozen=True)
class TargetResult:
    """The evaluation of one target in one year.

    Attributes
    ----------
    name : str
        The target's name.
    year : int
        Year evaluated.
    status : str
        One of :data:`STATUSES`.
    actual : pint.Quantity or None
        Value of the metric in ``year`` [target unit]; None when there is no data.
    target_value : pint.Quantity or None
        The value to reach (at most, or at least for shares) [target unit].
    trajectory_value : pint.Quantity or None
        Value of the path from the base-year value to the target value in ``year``
        (straight line; the geometric path for a compound annual rate) [target unit].
    gap : pint.Quantity or None
        Change still needed to reach the target value, positive when the target is not
        reached, zero or negative (the margin) when it is [target unit].
    required_annual_rate : float or None
        Constant yearly change needed from ``year`` to reach the target value in the target
        year, as a fraction of the base-year value per year (a fraction of the previous
        year's value for a compound :class:`AnnualReduction`) [1/yr]; 0 when already
        reached; None after the target year or without a target year.
    base_value : pint.Quantity or None
        Value in the base year [target unit].
    progress : float or None
        Share of the change from the base-year value to the target value achieved so far
        [-]; None without a base year.
    base_year, target_year : int or None
    coverage : float
        Share of the selection (by the metric's basis) whose data was known [-]; 1.0
        unless rows were excluded with ``unknown="exclude"``.
    note : str
        What the reader should know (excluded or uncovered rows, how a value was built).
    details : dict
        Type-specific numbers (benchmark value, relative difference to the benchmark, the
        milestone of the year, the trend ...).
    unit : str
        The unit of the quantities.
    status_rule : {"standard", "trend"}
        How :attr:`progress_code` is chosen for a result that is not met (see there).
    change : pint.Quantity or None
        ``actual − base_value`` [target unit] (a property).
    change_pct : float or None
        ``(actual − base_value) / base_value`` [-] (a property; −0.247 for −24.7 %).
    """

    name: str
    year: int
    status: str
    actual: Any = None
    target_value: Any = None
    trajectory_value: Any = None
    gap: Any = None
    required_annual_rate: float | None = None
    base_value: Any = None
    progress: float | None = None
    base_year: int | None = None
    target_year: int | None = None
    coverage: float = 1.0
    note: str = ""
    details: dict = field(default_factory=dict)
    unit: str = ""
    status_rule: str = "standard"

    @property
    def change(self):
        """The change from the base-year value, ``actual − base_value`` [target unit]; None without either.

        For a share it is the change in the share itself (0.05 is five percentage points).

        Examples
        --------
        >>> from klimatbokslut.units import Q_
        >>> TargetResult("x", 2024, "off_track", actual=Q_(75.5, "t"), base_value=Q_(100.0, "t")).change
        <Quantity(-24.5, 'metric_ton')>
        """
        if self.actual is None or self.base_value is None:
            return None
        return self.actual - self.base_value

    @property
    def change_pct(self) -> float | None:
        """The change from the base-year value as a fraction of it [-]: ``(actual − base) / base``.

        −0.247 reads −24.7 %. None without an actual or a base-year value, or when the base-year
        value is 0 (no relative change exists). The divisor is the size of the base-year value, so
        the sign is always the direction of the change (a net removal of −10 t that becomes −5 t
        is +0.5).

        Examples
        --------
        >>> from klimatbokslut.units import Q_
        >>> round(TargetResult("x", 2024, "off_track", actual=Q_(75.3, "t"), base_value=Q_(100.0, "t")).change_pct, 3)
        -0.247
        >>> TargetResult("x", 2024, "met", actual=Q_(1.0, "t"), base_value=Q_(0.0, "t")).change_pct is None
        True
        """
        if self.actual is None or self.base_value is None:
            return None
        base = float(self.base_value.magnitude)
        if base == 0:
            return None
        return float((self.actual - self.base_value).to(self.base_value.units).magnitude) / abs(base)

    @property
    def status_sv(self) -> str:
        """The Swedish status word: uppnått / i fas / inte i fas / ej uppnått / värde saknas.

        Examples
        --------
        >>> TargetResult("x", 2024, "met").status_sv, TargetResult("x", 2024, "off_track").status_sv
        ('uppnått', 'inte i fas')
        """
        return status_word(self.status, "sv")

    def status_word(self, lang: str = "sv") -> str:
        """The word for :attr:`status` in ``lang`` (one vocabulary for the whole report).

        Examples
        --------
        >>> TargetResult("x", 2024, "off_track", progress=0.4).status_word("en")
        'off track'
        >>> TargetResult("x", 2024, "on_track").status_word("sv")
        'i fas'
        """
        return status_word(self.status, lang)

    @property
    def progress_code(self) -> str:
        """The progress code of programme follow-ups: helt / delvis / inte alls / värde saknas.

        *helt* for ``met``, *värde saknas* for ``no_data``; otherwise *delvis* when the value
        has moved from the base-year value towards the target (``progress > 0``), and, under
        ``status_rule="trend"``, also when it improved since the previous year with data
        (``details["trend"] == "improving"``); else *inte alls*. It says how far the value has
        come, not whether it is on its way (that is :attr:`status`): "delvis" can be on track or
        off track.

        Examples
        --------
        >>> TargetResult("x", 2024, "off_track", progress=0.4).progress_code
        'delvis'
        >>> TargetResult("x", 2024, "not_met", progress=-0.1).progress_code
        'inte alls'
        >>> TargetResult("x", 2024, "not_met", status_rule="trend", details={"trend": "improving"}).progress_code
        'delvis'
        """
        if self.status == "met":
            return PROGRESS_CODES["met"]
        if self.status == "no_data":
            return PROGRESS_CODES["no_data"]
        if self.progress is not None and self.progress > 0:
            return PROGRESS_CODES["partly"]
        if self.status_rule == "trend" and self.details.get("trend") == "improving":
            return PROGRESS_CODES["partly"]
        return PROGRESS_CODES["not_at_all"]

    def deciding(self) -> dict[str, Any]:
        """The figure that decides :attr:`status`, as a code plus figures (the report words it).

        ``against`` says what the value was compared with: ``"target"`` (the target value: met /
        not met), ``"path"`` (this year's point on the path: on track / off track), ``"budget"``
        (a carbon budget: ``remaining_t`` left, or the year ``runs_out_year`` it runs out at the
        trend against ``end_year``) or ``None`` (no value). ``difference`` is ``actual − reference``
        [target unit] (negative: below the reference), ``reference`` the value compared with.

        Examples
        --------
        >>> from klimatbokslut.units import Q_
        >>> d = TargetResult("x", 2024, "off_track", actual=Q_(105.0, "t"), target_value=Q_(70.0, "t"),
        ...                  trajectory_value=Q_(100.0, "t")).deciding()
        >>> d["against"], d["difference"]
        ('path', <Quantity(5.0, 'metric_ton')>)
        >>> TargetResult("x", 2024, "met", actual=Q_(60.0, "t"), target_value=Q_(70.0, "t")).deciding()["difference"]
        <Quantity(-10.0, 'metric_ton')>
        >>> TargetResult("x", 2024, "no_data").deciding()["against"] is None
        True
        """
        out: dict[str, Any] = {"against": None, "difference": None, "reference": None}
        if self.status == "no_data" or self.actual is None:
            return out
        if "used_t" in self.details:
            out.update(against="budget", remaining_t=self.details.get("remaining_t"),
                       runs_out_year=self.details.get("runs_out_year"), end_year=self.details.get("end_year"))
            return out
        ref = self.trajectory_value if self.status in ("on_track", "off_track") else self.target_value
        if ref is None:
            return out
        out.update(against="path" if self.status in ("on_track", "off_track") else "target",
                   reference=ref, difference=self.actual - ref)
        return out

    def to_dict(self) -> dict[str, Any]:
        """Plain values for a table or a report: quantities as magnitudes plus one ``unit``.

        Examples
        --------
        >>> from klimatbokslut.units import Q_
        >>> d = TargetResult("x", 2024, "met", actual=Q_(5.0, "t CO2e"), target_value=Q_(6.0, "t CO2e"),
        ...                  unit="t CO2e").to_dict()
        >>> d["actual"], d["target_value"], d["unit"], d["status_sv"], d["progress_code"]
        (5.0, 6.0, 't CO2e', 'uppnått', 'helt')
        """
        out: dict[str, Any] = {"name": self.name, "year": self.year, "status": self.status,
                               "status_sv": self.status_sv, "progress_code": self.progress_code}
        ref = parse_unit(self.unit) if self.unit else None
        for key in ("actual", "target_value", "trajectory_value", "gap", "base_value", "change"):
            q = getattr(self, key)
            if q is None:
                out[key] = None
            elif ref is None:
                out[key] = float(q.to("dimensionless").magnitude) if q.dimensionless else float(q.magnitude)
            else:
                out[key] = float(q.to(ref).magnitude)
        out["change_pct"] = self.change_pct
        out["unit"] = self.unit
        for key in ("required_annual_rate", "progress", "base_year", "target_year", "coverage", "note", "status_rule"):
            out[key] = getattr(self, key)
        out.update(self.details)
        return out
