"""The dimensions of the catalogue: GHG-Protocol categories, reporting areas, data-quality tiers,
ownership, the kinds of activity and the units each kind accepts, and :class:`Activity`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

#: GHG-Protocol categories (snake_case) and, for scope 3, their number.
CATEGORIES: Final[dict[str, dict]] = {
    "stationary_combustion": {"scope": 1, "sv": "Stationär förbränning", "en": "Stationary combustion"},
    "mobile_combustion": {"scope": 1, "sv": "Mobil förbränning", "en": "Mobile combustion"},
    "fugitive": {"scope": 1, "sv": "Läckage (köldmedier)", "en": "Fugitive emissions"},
    "medical_gases": {"scope": 1, "sv": "Medicinska gaser", "en": "Medical gases"},
    "purchased_electricity": {"scope": 2, "sv": "Inköpt el", "en": "Purchased electricity"},
    "purchased_heat": {"scope": 2, "sv": "Inköpt värme", "en": "Purchased heat"},
    "purchased_cooling": {"scope": 2, "sv": "Inköpt kyla", "en": "Purchased cooling"},
    "purchased_goods_and_services": {"scope": 3, "number": 1, "sv": "Inköpta varor och tjänster",
                                     "en": "Purchased goods and services"},
    "capital_goods": {"scope": 3, "number": 2, "sv": "Kapitalvaror", "en": "Capital goods"},
    "fuel_and_energy_related": {"scope": 3, "number": 3, "sv": "Bränsle- och energirelaterat (uppströms)",
                                "en": "Fuel- and energy-related activities"},
    "upstream_transportation": {"scope": 3, "number": 4, "sv": "Transporter uppströms",
                                "en": "Upstream transportation and distribution"},
    "waste": {"scope": 3, "number": 5, "sv": "Avfall", "en": "Waste generated in operations"},
    "business_travel": {"scope": 3, "number": 6, "sv": "Tjänsteresor", "en": "Business travel"},
    "employee_commuting": {"scope": 3, "number": 7, "sv": "Arbetspendling", "en": "Employee commuting"},
    "investments": {"scope": 3, "number": 15, "sv": "Investeringar", "en": "Investments"},
    "own_generation": {"scope": 2, "sv": "Egen produktion av förnybar energi", "en": "Own renewable generation"},
    "indicator_only": {"scope": 3, "sv": "Nyckeltal (utsläppen räknas på annan rad)",
                       "en": "Indicator only (emissions counted on other rows)"},
}

#: Reporting areas (the Swedish report's *områden*), in report order.
AREAS: Final[dict[str, dict[str, str]]] = {
    "energy_buildings": {"sv": "Energi i byggnader", "en": "Energy in buildings"},
    "vehicles": {"sv": "Egna och leasade fordon", "en": "Own and leased vehicles"},
    "contracted_transport": {"sv": "Upphandlade transporter", "en": "Contracted transport"},
    "medical_gases": {"sv": "Medicinska gaser", "en": "Medical gases"},
    "refrigerants": {"sv": "Köldmedier", "en": "Refrigerants"},
    "business_travel": {"sv": "Tjänsteresor", "en": "Business travel"},
    "commuting": {"sv": "Arbetspendling", "en": "Commuting"},
    "food": {"sv": "Livsmedel", "en": "Food"},
    "purchases": {"sv": "Inköp", "en": "Purchases"},
    "waste": {"sv": "Avfall", "en": "Waste"},
    "capital": {"sv": "Kapitalförvaltning", "en": "Capital management"},
}

#: Ownership values: who operates the source. ``contracted`` moves it to scope 3.
#: How a row's emissions were obtained, best first (GHG Protocol Scope 3 Standard, ch. 7 data quality):
#: a supplier's own figure, an activity amount times an average factor, or money times a spend factor.
SUPPLIER_SPECIFIC: Final = "supplier_specific"
ACTIVITY_BASED: Final = "activity_based"
SPEND_BASED: Final = "spend_based"
DATA_QUALITY_TIERS: Final[tuple[str, ...]] = (SUPPLIER_SPECIFIC, ACTIVITY_BASED, SPEND_BASED)

OWNERSHIP: Final[dict[str, str]] = {
    "owned": "owned", "egen": "owned", "egna": "owned", "ägd": "owned", "own": "owned",
    "leased": "leased", "leasad": "leased", "leasing": "leased", "hyrd": "leased",
    "contracted": "contracted", "upphandlad": "contracted", "entreprenad": "contracted",
    "entreprenör": "contracted", "contractor": "contracted",
}

#: Kinds of activity and the kinds of amount each accepts.
KINDS: Final[dict[str, tuple[str, ...]]] = {
    "liquid_fuel": ("volume", "mass", "energy"),
    "gas_fuel": ("normal_volume", "mass", "energy"),
    "electricity": ("energy",),
    "heat": ("energy",),
    "medical_gas": ("mass", "normal_volume"),
    "anaesthetic": ("mass", "volume"),  # volume: litres of the liquid agent (bottles), via its density
    "refrigerant": ("mass",),
    "flight": ("trip", "passenger_distance"),
    "passenger": ("passenger_distance", "length"),
    "vehicle": ("length",),
    "ev": ("length", "energy"),
    "accommodation": ("room_night",),
    "food": ("mass",),
    "spend": ("currency",),
    "waste": ("mass",),
    "freight": ("freight_distance",),
    "count": ("count",),
    # own renewable generation used on site (energy use with no purchased-energy emissions), and the surplus sold
    "own_production": ("energy",),
    "own_production_sold": ("energy",),
    "custom": (),  # a user's own activity: its dimensions come from its definition
}

#: Kinds of travel activity: their category follows the row's ``purpose`` (business or commuting).
TRAVEL_KINDS = frozenset({"flight", "passenger", "vehicle", "ev", "accommodation"})

#: Activities whose emissions are electricity and so have a location- and a market-based figure.
DUAL_METHOD = frozenset({"electricity", "train", "car_ev"})

#: Kinds of activity whose market-based figure follows the row's electricity ``contract``.
CONTRACT_KINDS = frozenset({"electricity", "ev"})


@dataclass(frozen=True)
class Activity:
    """One activity of the catalogue.

    Attributes
    ----------
    key : str
        Canonical snake_case name (``"diesel"``).
    kind : str
        One of :data:`KINDS`.
    scope, category, area : int, str, str
        Where the direct part of its emissions is reported when the source is
        owned or leased.
    sv, en : str
        Names for reports.
    aliases : tuple of str
        Other spellings accepted in input files (Swedish names among them).
    has_upstream : bool
        False for travel with nothing upstream to miss (walking, cycling): such rows
        are never flagged ``no_upstream``.
    dimensions : tuple of str
        Kinds of amount (keys of :data:`klimatbokslut.units.DIMENSIONS`) accepted for
        the activity; when given they replace those of its kind (a user's own activity).
    user : bool
        True for an activity defined by the user (:func:`define_activity`).
    """

    key: str
    kind: str
    scope: int
    category: str
    area: str
    sv: str
    en: str
    aliases: tuple[str, ...] = field(default=())
    has_upstream: bool = True
    dimensions: tuple[str, ...] = field(default=())
    user: bool = False

    @property
    def amount_kinds(self) -> tuple[str, ...]:
        return self.dimensions or KINDS[self.kind]

    @property
    def is_fuel(self) -> bool:
        return self.kind in ("liquid_fuel", "gas_fuel")

    @property
    def is_energy(self) -> bool:
        return self.kind in ("liquid_fuel", "gas_fuel", "electricity", "heat", "own_production")

    @property
    def is_travel(self) -> bool:
        return self.kind in TRAVEL_KINDS

    @property
    def dual_method(self) -> bool:
        return self.key in DUAL_METHOD

    @property
    def takes_contract(self) -> bool:
        """Whether the row's ``contract`` (guarantees of origin, residual mix) applies."""
        return self.kind in CONTRACT_KINDS

    @property
    def km_is_pkm(self) -> bool:
        """Whether a distance in km is one person's trip (passenger modes: 1 km = 1 pkm)."""
        return self.kind == "passenger"
