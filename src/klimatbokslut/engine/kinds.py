"""What the engine does differently per kind of activity: one handler per kind, registered by kind.

A handler chooses the factor rows of a key (one selection, or a location- and a
market-based one), says what one input unit is in distance, adjusts spend for prices,
and says when a missing upstream part is worth a flag. The default handler serves
every kind that needs nothing of its own (heat, gases, refrigerants, food, waste).

A new kind of activity is an entry in :data:`klimatbokslut.catalogue.KINDS` and,
when it behaves unlike the default, a subclass of :class:`KindHandler` given to
:func:`register_kind`.

Examples
--------
>>> from klimatbokslut.catalogue import get_activity
>>> type(handler_for(get_activity("flight"))).__name__, type(handler_for(get_activity("n2o"))).__name__
('FlightHandler', 'KindHandler')
"""

from __future__ import annotations

from typing import Final, NamedTuple

from ..catalogue import KINDS, SPEND_BASED, Activity
from ..errors import FactorNotFoundError, InputError
from ..factors import FactorSet, Selection
from ..intake.travel import BANDS, airport, distance_band, flight_distance
from ..units import kind_of, parse_unit
from ..validation import fail
from .convert import unit_multiplier
from .keys import Key

_NAN: Final = float("nan")
#: Guarantees of origin: electricity under these contracts is renewable.
_GO: Final = ("go_renewable", "go_hydro", "go_wind", "go_solar")


def key_failure(column: str, reason: str, *, no_factor: bool = False) -> InputError:
    """A key that cannot be used, as an :class:`InputError` (to ``raise``) naming the column to blame and the reason.

    :func:`~klimatbokslut.engine.resolve.resolve` turns it into the key's line of the rejects, or,
    with ``no_factor`` (the rows are readable but no emission factor fits them), into ledger rows
    that keep their quantities and are marked unvalued.
    """
    exc = fail(column, None, reason, what="activity key")
    exc.no_factor = no_factor
    return exc


class Selected(NamedTuple):
    """The factor rows for both scope-2 methods, and what one input unit is."""

    location: Selection
    market: Selection
    #: Multiplier on the weighed factors per input unit (pkm per trip for flights given in trips).
    per_unit: float = 1.0
    #: km per input unit when the selection knows it (a flight's great-circle distance), else NaN.
    distance: float = _NAN
    #: The unit the factors are weighed in, when not the input unit (``"pkm"`` for flights).
    weigh_unit: str | None = None

    def by_method(self, method: str) -> Selection:
        """The selection of a scope-2 method (``"location"`` or ``"market"``)."""
        return self.location if method == "location" else self.market


class Shares(NamedTuple):
    """Shares of a row's energy [-], NaN when unknown.

    ``renewable``: from renewable sources (biomass, biogas, hydro, wind, solar);
    ``fossil_free``: not fossil (renewable, recovered and nuclear); ``recovered``:
    recovered energy (industrial waste heat, flue-gas condensation, waste as the
    network reports it).
    """

    renewable: float = _NAN
    fossil_free: float = _NAN
    recovered: float = _NAN
    other_year: bool = False


def _shares_of(row: dict, other_year: bool) -> Shares:
    """Shares from a row of the dataset's shares table; fossil-free from the fossil share when not given."""
    def get(col: str) -> float:
        v = row.get(col)
        return float(v) if v is not None and v == v else _NAN

    ren, ff, rec, fossil = (get(c) for c in ("renewable_share", "fossil_free_share", "recovered_share",
                                             "fossil_share"))
    if ff != ff and fossil == fossil:
        ff = 1.0 - fossil
    return Shares(ren, ff, rec, other_year)


class Adjustment(NamedTuple):
    """A price adjustment of spend: the multiplier per input unit and the flags it sets."""

    factor: float = 1.0
    flags: frozenset[str] = frozenset()


def select(factors: FactorSet, activity: str, year: int, *, blame_instrument_on: str = "contract",
           region: str = "SE", method: str = "", instrument: str = "", factor_id: str = "") -> Selection:
    """:meth:`FactorSet.select`, with a failure as :func:`key_failure` naming the column of the activity table to blame.

    Raises
    ------
    InputError
        Made by :func:`key_failure`, with the column (``factor_id``, ``activity``, ``region``, ``year``, or
        ``blame_instrument_on`` for a missing instrument) and the reason.
    """
    try:
        return factors.select(activity, year, region=region, method=method, instrument=instrument,
                              factor_id=factor_id)
    except FactorNotFoundError as exc:
        column = "factor_id" if factor_id else {"contract": blame_instrument_on}.get(exc.column or "activity",
                                                                                    exc.column or "activity")
        raise key_failure(column, str(exc), no_factor=True) from None


class KindHandler:
    """How the engine treats a kind of activity; this default serves kinds that need nothing of their own.

    Subclass and override what differs, then :func:`register_kind`.
    """

    #: The activity-table column a missing market-based instrument is blamed on.
    instrument_column: str = "contract"
    #: The ledger's ``data_quality`` for every row of the kind (``None``: from the factor rows).
    data_quality: str | None = None

    def select(self, act: Activity, factors: FactorSet, key: Key, radiative_forcing: bool) -> Selected:
        """The factor rows of a key: one selection, or both scope-2 methods for activities that are electricity."""
        region = key.region or "SE"
        if act.dual_method:
            instrument = (key.contract or "residual_mix") if act.takes_contract else ""
            return Selected(self._select(factors, act.key, key, region=region, method="location"),
                            self._select(factors, act.key, key, region=region, method="market",
                                         instrument=instrument))
        one = self._select(factors, act.key, key, region=region, instrument="")
        return Selected(one, one)

    def _select(self, factors: FactorSet, activity: str, key: Key, **query: str) -> Selection:
        return select(factors, activity, key.year, blame_instrument_on=self.instrument_column,
                      factor_id=key.factor_id, **query)

    def missing_upstream(self, act: Activity, selected: Selected) -> bool:
        """Whether the rows lack an upstream part they should have (flag ``no_upstream``)."""
        return False

    def adjust(self, key: Key, factor_year: int, price_index: dict[int, float]) -> Adjustment:
        """A price adjustment of the amount (spend only)."""
        return Adjustment()

    def distance(self, unit: str) -> float:
        """km (or pkm) per input unit, when the selection did not say: NaN for kinds that are not travel."""
        return _NAN

    def shares(self, act: Activity, factors: FactorSet, key: Key) -> Shares:
        """The renewable, fossil-free and recovered shares of the row's energy (see :class:`Shares`).

        The dataset's shares of the activity (and network) for the year; for a
        district-heating or cooling network without shares for the year, those of the
        nearest year, flagged ``share_other_year`` (a network's supply mix changes slowly
        with its plants; a pump blend's changes with the reduction obligation every year,
        so a fuel's shares are only ever those of its year); else, for a fuel, its
        property (1 for HVO100, 0 for fossil diesel; a fuel's fossil-free share is its
        renewable share and it has no recovered part); else unknown (NaN), never 0.
        """
        if act.kind == "own_production":
            return Shares(1.0, 1.0, 0.0)
        row, year = factors.share(act.key, key.year, key.region or "SE")
        if row is not None and (year == key.year or act.kind == "heat"):
            return _shares_of(row, year != key.year)
        renewable = factors.property(act.key, "renewable_share")
        if act.is_fuel and renewable == renewable:
            return Shares(renewable, renewable, 0.0)
        return Shares(renewable)

    def renewable_share(self, act: Activity, factors: FactorSet, key: Key) -> float:
        """The renewable share recorded in the ledger (:meth:`shares`)."""
        return self.shares(act, factors, key).renewable


class FuelHandler(KindHandler):
    """Liquid and gas fuels: flagged ``no_upstream`` when the dataset has no well-to-tank part."""

    def missing_upstream(self, act: Activity, selected: Selected) -> bool:
        return any(not {r["boundary"] for r in s.records} & {"WTT", "WTW"}
                   for s in (selected.location, selected.market))


class ElectricityHandler(KindHandler):
    """Electricity: the contract chooses the market-based instrument; guarantees of origin are renewable."""

    def shares(self, act: Activity, factors: FactorSet, key: Key) -> Shares:
        """Shares by contract: guarantees of origin from renewable sources are renewable (and fossil-free); the
        residual mix has its published composition of the year, else of the nearest year (flagged
        ``share_other_year``, as its g/kWh is the nearest edition's: the row's shares never depend on whether a
        factor was found); other electricity (no contract, location-based only) is unknown."""
        named_go = any(key.factor_id.startswith(f"electricity-market-{go}") for go in _GO) if key.factor_id else False
        if key.contract in _GO or named_go:
            return Shares(1.0, 1.0, 0.0)
        contract = key.contract or "residual_mix"
        row, year = factors.share(act.key, key.year, key.region or "SE", basis=contract)
        if row is not None:
            # Electricity disclosure has no recovered category: the composition is renewable, nuclear, fossil.
            return _shares_of(row, year != key.year)._replace(recovered=0.0)
        return Shares()


class TravelHandler(KindHandler):
    """Travel in others' vehicles: flagged ``no_upstream`` when no factor row covers the fuel's upstream."""

    def missing_upstream(self, act: Activity, selected: Selected) -> bool:
        return act.has_upstream and not any(r["boundary"] in ("WTT", "WTW", "lifecycle")
                                            for r in selected.market.records)


class RoadHandler(TravelHandler):
    """Passenger modes and vehicles given by distance: the distance is the amount in km (or pkm)."""

    def distance(self, unit: str) -> float:
        try:
            k = kind_of(parse_unit(unit))
            return unit_multiplier(unit, "km") if k == "length" else (
                unit_multiplier(unit, "pkm") if k == "passenger_distance" else _NAN)
        except Exception:
            return _NAN


class ElectricCarHandler(RoadHandler):
    """Electric cars: the car's emissions are its electricity, kWh per km × the electricity factors."""

    def select(self, act: Activity, factors: FactorSet, key: Key, radiative_forcing: bool) -> Selected:
        return Selected(self._select(factors, "electricity", key, method="location"),
                        self._select(factors, "electricity", key, method="market",
                                     instrument=key.contract or "residual_mix"))


class FlightHandler(TravelHandler):
    """Flights: distance from IATA codes (or a band), per cabin, with or without radiative forcing."""

    instrument_column = "cabin"

    def select(self, act: Activity, factors: FactorSet, key: Key, radiative_forcing: bool) -> Selected:
        in_trips = kind_of(parse_unit(key.unit)) == "trip"
        one_way, band = self._route(key, in_trips)
        per_unit, distance = 1.0, _NAN
        if in_trips:
            per_unit = one_way * (2.0 if key.round_trip else 1.0) * unit_multiplier(key.unit, "trip")
            distance = per_unit
        inst = f"{'rf' if radiative_forcing else 'no_rf'}/{key.cabin or 'average'}"
        one = self._select(factors, act.key, key, region=band, instrument=inst)
        return Selected(one, one, per_unit, distance, "pkm")

    @staticmethod
    def _route(key: Key, in_trips: bool) -> tuple[float, str]:
        """(one-way km or NaN, distance band) of a flight row."""
        band, one_way = key.band, _NAN
        if key.origin or key.destination:
            if not (key.origin and key.destination):
                raise key_failure("origin" if not key.origin else "destination",
                           "a flight needs both origin and destination (IATA codes)")
            for column, code in (("origin", key.origin), ("destination", key.destination)):
                try:
                    airport(code)
                except InputError as exc:
                    raise key_failure(column, f"{exc.failures.iloc[0]['reason']} ({code})") from None
            try:
                one_way = flight_distance(key.origin, key.destination)
                band = band or distance_band(key.origin, key.destination)
            except InputError as exc:
                reason = str(exc.failures.iloc[0]["reason"])
                raise key_failure("origin", f"{reason} ({key.origin}–{key.destination})") from None
        elif in_trips:
            raise key_failure("origin", "a flight given in trips needs origin and destination (IATA codes)")
        if not band:
            raise key_failure("band", "a flight given as passenger-km needs origin/destination or band "
                               f"({', '.join(BANDS)})")
        return one_way, band

    def distance(self, unit: str) -> float:
        return unit_multiplier(unit, "pkm")


class SpendHandler(KindHandler):
    """Spend in SEK: deflated to the factor's price year with a price index, or flagged ``nominal_spend``."""

    data_quality = SPEND_BASED

    def adjust(self, key: Key, factor_year: int, price_index: dict[int, float]) -> Adjustment:
        year = key.year
        if not price_index:
            return Adjustment(1.0, frozenset({"nominal_spend"} if year != factor_year else ()))
        if year not in price_index or factor_year not in price_index:
            missing = sorted({year, factor_year} - set(price_index))
            raise key_failure("year", f"the price index has no value for {', '.join(map(str, missing))} "
                               f"(needed to bring {year} SEK to the factor's {factor_year} prices)")
        return Adjustment(price_index[factor_year] / price_index[year],
                          frozenset({"deflated"} if year != factor_year else ()))


_DEFAULT: Final = KindHandler()
_HANDLERS: dict[str, KindHandler] = {}


def register_kind(kind: str, handler: KindHandler) -> None:
    """Let ``handler`` treat every activity of a kind (a key of :data:`klimatbokslut.catalogue.KINDS`).

    Examples
    --------
    >>> register_kind("teleportation", KindHandler())
    Traceback (most recent call last):
    ...
    ValueError: 'teleportation' is not a kind of activity in the catalogue (KINDS)
    """
    if kind not in KINDS:
        raise ValueError(f"{kind!r} is not a kind of activity in the catalogue (KINDS)")
    _HANDLERS[kind] = handler


def handler_for(act: Activity) -> KindHandler:
    """The handler of an activity's kind (the default handler when its kind registered none)."""
    return _HANDLERS.get(act.kind, _DEFAULT)


for _kinds, _handler in ((("liquid_fuel", "gas_fuel"), FuelHandler()), (("electricity",), ElectricityHandler()),
                         (("passenger", "vehicle"), RoadHandler()), (("ev",), ElectricCarHandler()),
                         (("accommodation",), TravelHandler()), (("flight",), FlightHandler()),
                         (("spend",), SpendHandler())):
    for _kind in _kinds:
        register_kind(_kind, _handler)
