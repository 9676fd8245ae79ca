"""Structural changes, a class per kind: a divestment, an acquisition, an outsourcing.

``StructuralChange(name, kind=..., year=..., ...)`` builds the class of its kind (the report
configuration names the kind as a string), so each kind says for itself what it does to the
base year and to the ledger rows:

* :class:`Divestment`: the unit's rows before the change leave every restated year (or its
  emissions given per year are taken away);
* :class:`Acquisition`: the unit's activity rows before the change, calculated with the
  ledger's settings, are added (or its emissions given per year);
* :class:`Outsourcing`: the operation's scope 1 and 2 rows before the change move to scope 3
  as a purchased service: moved, not reduced; its size is the amount moved.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, cast

import numpy as np

from ..errors import InputError
from ..ledger import Ledger
from ..validation import check_year, fail
from .base import WHAT, Context, Effect, Problem, per_year, placement
from .rows import RestatedRows

__all__ = ["CHANGE_KINDS", "StructuralChange", "Divestment", "Acquisition", "Outsourcing"]

#: Kinds of structural change.
CHANGE_KINDS = ("divestment", "acquisition", "outsourcing")


@dataclass(frozen=True)
class StructuralChange:
    """A unit that left or joined the organisation, or an operation now bought as a service.

    Building one gives the class of its ``kind``: :class:`Divestment`, :class:`Acquisition` or
    :class:`Outsourcing`.

    Parameters
    ----------
    name : str
        As the report names it ("Tvätteriet bolagiserat").
    kind : {"divestment", "acquisition", "outsourcing"}
    year : int
        The first year the organisation is changed (the unit gone, joined, or bought).
    select : dict, optional
        Ledger-column filters that pick the unit's rows (``{"org_unit": "Tvätteri"}``): for a
        divestment (the rows before ``year`` leave every restated year) and an outsourcing (they
        move to scope 3, category purchased goods and services).
    activities : pandas.DataFrame or path, optional
        An acquired unit's activity rows for the years before ``year``, calculated with the
        ledger's settings and added.
    emissions : mapping year -> t CO2e, optional
        The unit's emissions per year before ``year`` when its rows are not at hand; with
        ``scope``, ``category`` and ``area`` saying where they belong.
    scope, category, area : optional
        For ``emissions``.

    Examples
    --------
    >>> c = StructuralChange("Tvätteriet såldes", kind="divestment", year=2015, select={"org_unit": "Tvätteri"})
    >>> type(c).__name__, isinstance(c, StructuralChange), c.trigger
    ('Divestment', True, 'structural')
    """

    name: str
    kind: str
    year: int
    select: Mapping[str, Any] | None = None
    activities: Any = None
    emissions: Mapping[Any, Any] | None = None
    scope: int | None = None
    category: str | None = None
    area: str | None = None
    trigger: str = field(default="structural", init=False)

    #: The kind a subclass stands for.
    KIND: ClassVar[str] = ""
    #: How a change of this kind may be given: of ``select``, ``activities``, ``emissions``.
    SOURCES: ClassVar[tuple[str, ...]] = ()
    #: The sign of emissions given per year: taken away (-1) or added (+1).
    SIGN: ClassVar[float] = 1.0

    def __new__(cls, *args: Any, **kwargs: Any) -> StructuralChange:
        if cls is StructuralChange:     # the class of the kind; an unknown kind is reported by __post_init__
            kind = kwargs["kind"] if "kind" in kwargs else args[1] if len(args) > 1 else None
            cls = _KINDS.get(kind, cls) if isinstance(kind, str) else cls
        return object.__new__(cls)

    def __post_init__(self) -> None:
        what = f"structural change {self.name!r}"
        if not isinstance(self.name, str) or not self.name.strip():
            raise fail("name", self.name, "a change needs a name", what=WHAT)
        if self.kind not in CHANGE_KINDS:
            raise fail("kind", self.kind, f"kind is one of {', '.join(CHANGE_KINDS)}", what=what)
        if self.kind != self.KIND:
            raise fail("kind", self.kind, f"a {type(self).__name__} is of kind {self.KIND}; "
                                          "StructuralChange(kind=...) builds the class of another kind", what=what)
        object.__setattr__(self, "year", check_year(self.year, "year", what=what))
        given = [k for k in ("select", "activities", "emissions") if getattr(self, k) is not None]
        allowed = self.SOURCES
        if len(given) != 1 or given[0] not in allowed:
            raise fail(given[0] if len(given) == 1 else "select", ", ".join(given) or None,
                       f"a {self.kind} is given by exactly one of {' or '.join(allowed)} (the unit's rows or its "
                       "emissions per year before the change)", what=what)
        if self.emissions is not None:
            object.__setattr__(self, "emissions", per_year(self.emissions, "emissions", what, before=self.year))
            placement(self.scope, self.category, self.area, what)

    # ------------------------------------------------------------------ the effect on the base year
    def effect(self, ctx: Context) -> Effect | Problem:
        """What the change does to the history: per year and scope, and on the base year.

        From the unit's ledger rows (``select``), its activity rows (``activities``) or its
        emissions per year (``emissions``).
        """
        if self.select is not None:
            mask = ctx.rows_before(self.select, self.year, f"{self.kind} {self.name!r}")
            if not mask.any():
                return Problem("select", str(dict(self.select)),
                               f"{self.name}: no ledger rows before {self.year} match the selection")
            return self._measured(ctx, self._rows_by_year(self._row_parts(ctx.ledger, mask)), mask=mask)
        if self.activities is not None:
            return self._activities_effect(ctx)
        return self._measured(ctx, {(y, int(self.scope or 0)): self.SIGN * t
                                    for y, t in (self.emissions or {}).items()})

    def _row_parts(self, ledger: Ledger, mask: np.ndarray) -> Iterable[tuple[Any, Any]]:
        """The selected rows' emissions before the change per (year, scope) [kg CO2e]."""
        f = ledger.frame
        parts = ledger.parts(dims=["row", "year"])
        rows = set(f.loc[mask, "row"])
        p = parts[parts["row"].isin(rows) & (parts["year"].astype(int) < self.year)]
        return list(p.groupby(["year", "scope"])["co2e_kg"].sum().items())

    def _rows_by_year(self, parts: Iterable[tuple[Any, Any]]) -> dict[tuple[int, int], float]:
        """The selected rows' effect per (year, scope) [t CO2e]; a kind given by ``select`` says what it is."""
        raise TypeError(f"a {self.KIND} is not given by its rows (SOURCES: {', '.join(self.SOURCES)})")

    def _activities_effect(self, ctx: Context) -> Effect | Problem:
        """The effect of the unit's activity rows; a kind given by ``activities`` says what it is."""
        raise TypeError(f"a {self.KIND} is not given by activities (SOURCES: {', '.join(self.SOURCES)})")

    def _size(self, by_year: Mapping[tuple[int, int], float], ctx: Context, base_effect: float) -> float:
        """How large the change is on the base year [t CO2e]: its effect on the total."""
        return abs(base_effect)

    def _measured(self, ctx: Context, by_year: Mapping[tuple[int, int], float], *, mask: np.ndarray | None = None,
                  extra: Ledger | None = None) -> Effect:
        base_effect = sum(v for (y, s), v in by_year.items() if y == ctx.base_year)
        size = self._size(by_year, ctx, base_effect)
        share = size / abs(ctx.base_total) if ctx.base_total else float("nan")
        return Effect(self, by_year, base_effect, share, self.year, self._moved(by_year, ctx), mask, extra)

    def _moved(self, by_year: Mapping[tuple[int, int], float], ctx: Context) -> float:
        """The base-year emissions moved to scope 3 [t CO2e]: none but for an outsourcing."""
        return 0.0

    # ------------------------------------------------------------------ how it applies to the rows
    def apply(self, effect: Effect, rows: RestatedRows) -> None:
        """Apply the change to the restated rows: its selected rows, or its emissions as rows of their own."""
        if effect.mask is not None:
            self._apply_rows(rows.in_restated_years(effect.mask), rows)
        else:
            rows.add_emissions(self.name, self.category, self.area, effect.by_year)

    def _apply_rows(self, mask: np.ndarray, rows: RestatedRows) -> None:
        """Apply the change to its selected rows; a kind given by ``select`` says how."""
        raise TypeError(f"a {self.KIND} is not given by its rows (SOURCES: {', '.join(self.SOURCES)})")


class Divestment(StructuralChange):
    """A unit that left: its rows before the change (or its emissions per year) leave every restated year."""

    KIND = "divestment"
    SOURCES = ("select", "emissions")
    SIGN = -1.0

    def _rows_by_year(self, parts: Iterable[tuple[Any, Any]]) -> dict[tuple[int, int], float]:
        by_year: dict[tuple[int, int], float] = {}
        for (y, s), kg in parts:
            by_year[(int(y), int(s))] = by_year.get((int(y), int(s)), 0.0) + self.SIGN * kg / 1000.0
        return by_year

    def _apply_rows(self, mask: np.ndarray, rows: RestatedRows) -> None:
        rows.remove(mask)


class Outsourcing(StructuralChange):
    """An operation now bought as a service: its scope 1 and 2 rows before the change move to scope 3
    (purchased goods and services); the total is unchanged, the size is the amount moved."""

    KIND = "outsourcing"
    SOURCES = ("select",)

    def _rows_by_year(self, parts: Iterable[tuple[Any, Any]]) -> dict[tuple[int, int], float]:
        by_year: dict[tuple[int, int], float] = {}
        for (y, s), kg in parts:
            if int(s) == 3:
                continue          # upstream parts are scope 3 already
            by_year[(int(y), int(s))] = by_year.get((int(y), int(s)), 0.0) + -1.0 * kg / 1000.0
            by_year[(int(y), 3)] = by_year.get((int(y), 3), 0.0) + kg / 1000.0
        return by_year

    def _size(self, by_year: Mapping[tuple[int, int], float], ctx: Context, base_effect: float) -> float:
        return sum(abs(v) for (y, s), v in by_year.items() if y == ctx.base_year and s != 3)

    def _moved(self, by_year: Mapping[tuple[int, int], float], ctx: Context) -> float:
        return -sum(v for (y, s), v in by_year.items() if y == ctx.base_year and s != 3)

    def _apply_rows(self, mask: np.ndarray, rows: RestatedRows) -> None:
        rows.move_to_scope3(mask)


class Acquisition(StructuralChange):
    """A unit that joined: its activity rows before the change, calculated with the ledger's settings
    (or its emissions per year), are added."""

    KIND = "acquisition"
    SOURCES = ("activities", "emissions")

    def _activities_effect(self, ctx: Context) -> Effect | Problem:
        from ..engine import calculate

        ledger = ctx.ledger
        try:
            extra = calculate(self.activities, factors=ledger.factors, gwp=ledger.gwp,
                              scope2_method="location" if ledger.scope2_method == "location" else "market",
                              radiative_forcing=getattr(ledger, "radiative_forcing", True))
        except InputError as exc:
            raise InputError(cast(list[dict[str, Any]], exc.failures.to_dict("records")),
                             what=f"acquisition {self.name!r}") from None
        extra_years = extra.frame["year"].astype(int)
        if (extra_years >= self.year).any():
            return Problem("activities", self.name, f"an acquisition's rows are for the years before it ({self.year}); "
                                                    f"found {sorted(set(extra_years[extra_years >= self.year]))}")
        by_year: dict[tuple[int, int], float] = {}
        for key, kg in extra.parts(dims=["row", "year"]).groupby(["year", "scope"])["co2e_kg"].sum().items():
            y, s = cast(tuple[Any, Any], key)
            by_year[(int(y), int(s))] = kg / 1000.0
        return self._measured(ctx, by_year, extra=extra)

    def apply(self, effect: Effect, rows: RestatedRows) -> None:
        ex = effect.extra
        if ex is None:
            super().apply(effect, rows)
            return
        keep = ex.frame["year"].astype(int).map(rows.restates).to_numpy(dtype=bool)
        rows.add_ledger(Ledger(ex.frame[keep].reset_index(drop=True).assign(flags="restated_acquired"),
                               gwp=ex.gwp, scope2_method=ex.scope2_method, factors=ex.factors,
                               radiative_forcing=ex.radiative_forcing))


#: The class of each kind of structural change.
_KINDS: dict[str, type[StructuralChange]] = {c.KIND: c for c in (Divestment, Acquisition, Outsourcing)}
