"""What each activity is: scope, GHG-Protocol category, reporting area, units, names.

The catalogue is the one place that says that ``diesel`` burnt in the region's own
vehicles is scope 1 *mobile combustion* in the area *own and leased vehicles*,
that ``fjärrvärme`` means ``district_heating``, and that electricity is measured
in energy units. Factor values live in the factor dataset, not here.

Examples
--------
>>> from klimatbokslut.catalogue import get_activity, resolve_activity_name
>>> resolve_activity_name("Lustgas")
'n2o'
>>> a = get_activity("diesel")
>>> a.scope, a.category, a.area
(1, 'mobile_combustion', 'vehicles')
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Final

from .intake.names import FLIGHT_BANDS, INTERNATIONAL_FLIGHTS, INVOICE_NAMES

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


def _fuel(key, sv, en, aliases=(), kind="liquid_fuel", category="mobile_combustion", area="vehicles"):
    return Activity(key, kind, 1, category, area, sv, en, tuple(aliases))


_CORE: Final[tuple[Activity, ...]] = (
    _fuel("diesel", "Diesel (pumpdiesel, årets inblandning)", "Diesel (pump blend of the year)",
          ("diesel mk1", "mk1", "pumpdiesel", "diesel b7", "låginblandad diesel")),
    _fuel("diesel_fossil", "Fossil diesel (MK3, utan inblandning)", "Fossil diesel (no bio blend)",
          ("fossil diesel", "diesel mk3", "mk3", "dieselfossil")),
    _fuel("petrol", "Bensin (pumpbensin, årets inblandning)", "Petrol (pump blend of the year)",
          ("bensin", "bensin 95", "95", "e10", "bensin e10", "gasoline")),
    _fuel("petrol_fossil", "Fossil bensin (utan etanol)", "Fossil petrol (no ethanol)",
          ("fossil bensin", "bensin mk2", "fossil petrol")),
    _fuel("hvo100", "HVO100", "HVO100 (renewable diesel)", ("hvo", "hvo 100", "hvo-100")),
    _fuel("fame", "FAME/RME (B100)", "FAME/RME (B100)", ("rme", "b100")),
    _fuel("e85", "E85", "E85 (ethanol blend)", ("etanol e85",)),
    _fuel("ed95", "ED95", "ED95 (ethanol for diesel engines)", ("etanol ed95",)),
    _fuel("biogas", "Biogas (CBG, 100 %)", "Biogas (CBG, 100 %)", ("biogas 100", "cbg", "biometan"), kind="gas_fuel"),
    _fuel("fordonsgas", "Fordonsgas (blandning)", "Vehicle gas (biogas/natural gas mix)",
          ("fordonsgas mix", "vehicle gas"), kind="gas_fuel"),
    _fuel("cng", "Naturgas (CNG)", "Natural gas (CNG)", ("naturgas", "fossil fordonsgas"), kind="gas_fuel"),
    _fuel("lng", "LNG", "LNG (liquefied natural gas)", ("flytande naturgas",), kind="liquid_fuel"),
    _fuel("lbg", "LBG", "LBG (liquefied biogas)", ("flytande biogas",), kind="liquid_fuel"),
    _fuel("heating_oil", "Eldningsolja 1", "Heating oil (light fuel oil)", ("eldningsolja", "eo1", "eldningsolja 1"),
          category="stationary_combustion", area="energy_buildings"),
    Activity("electricity", "electricity", 2, "purchased_electricity", "energy_buildings", "El", "Electricity",
             ("el", "elektricitet", "elenergi", "inköpt el")),
    Activity("district_heating", "heat", 2, "purchased_heat", "energy_buildings", "Fjärrvärme", "District heating",
             ("fjärrvärme", "fjarrvarme")),
    Activity("district_cooling", "heat", 2, "purchased_cooling", "energy_buildings", "Fjärrkyla", "District cooling",
             ("fjärrkyla", "fjarrkyla")),
    Activity("n2o", "medical_gas", 1, "medical_gases", "medical_gases", "Lustgas", "Nitrous oxide",
             ("lustgas", "dikväveoxid", "nitrous oxide", "n₂o")),
    Activity("entonox", "medical_gas", 1, "medical_gases", "medical_gases", "Entonox (50 % lustgas)",
             "Entonox (50 % N2O / 50 % O2)", ("livopan", "lustgas/syrgas 50/50")),
    Activity("sevoflurane", "anaesthetic", 1, "medical_gases", "medical_gases", "Sevofluran", "Sevoflurane",
             ("sevofluran", "sevorane")),
    Activity("desflurane", "anaesthetic", 1, "medical_gases", "medical_gases", "Desfluran", "Desflurane",
             ("desfluran", "suprane")),
    Activity("isoflurane", "anaesthetic", 1, "medical_gases", "medical_gases", "Isofluran", "Isoflurane",
             ("isofluran",)),
    *(Activity(key, "refrigerant", 1, "fugitive", "refrigerants", f"Köldmedium {name}", f"Refrigerant {name}",
               (name, f"hfc{key[1:]}" if key not in ("r744", "r290", "r404a", "r407c", "r410a") else name))
      for key, name in (("r134a", "R-134a"), ("r32", "R-32"), ("r404a", "R-404A"), ("r407c", "R-407C"),
                        ("r410a", "R-410A"), ("r744", "R-744 (CO2)"), ("r290", "R-290 (propan)"))),
)

def _travel(key, kind, sv, en, aliases=(), has_upstream=True):
    return Activity(key, kind, 3, "business_travel", "business_travel", sv, en, tuple(aliases), has_upstream)


_TRAVEL: Final[tuple[Activity, ...]] = (
    _travel("flight", "flight", "Flyg", "Flight", ("flyg", "flygresa", "flight")),
    _travel("train", "passenger", "Tåg", "Train (Swedish electric rail)", ("tåg", "tag", "sj", "rail")),
    _travel("bus", "passenger", "Buss", "Bus", ("buss", "lokalbuss", "local bus")),
    _travel("coach", "passenger", "Långfärdsbuss", "Coach", ("långfärdsbuss", "expressbuss")),
    _travel("taxi", "passenger", "Taxi", "Taxi", ("taxi",)),
    _travel("rental_car", "vehicle", "Hyrbil", "Rental car", ("hyrbil", "rental car")),
    _travel("car_petrol", "vehicle", "Egen bil i tjänst, bensin", "Private car in service, petrol",
            ("bil bensin", "egen bil bensin", "bensinbil", "car petrol")),
    _travel("car_diesel", "vehicle", "Egen bil i tjänst, diesel", "Private car in service, diesel",
            ("bil diesel", "egen bil diesel", "dieselbil")),
    _travel("car_hvo100", "vehicle", "Egen bil i tjänst, HVO100", "Private car in service, HVO100",
            ("bil hvo", "bil hvo100", "egen bil hvo")),
    _travel("car_ev", "ev", "Egen bil i tjänst, el", "Private car in service, electric",
            ("elbil", "bil el", "egen bil el", "electric car")),
    _travel("car_unknown", "vehicle", "Egen bil i tjänst, okänt bränsle", "Private car in service, unknown fuel",
            ("bil", "egen bil", "bil okänt", "egen bil i tjänst", "privat bil")),
    _travel("hotel_night", "accommodation", "Hotellnatt", "Hotel night", ("hotell", "hotellnatt", "hotel")),
    _travel("walk", "passenger", "Gång", "Walking", ("gång", "gang", "till fots", "walking"), has_upstream=False),
    _travel("bicycle", "passenger", "Cykel", "Cycling", ("cykel", "elcykel", "cycling", "bike"), has_upstream=False),
)

_FOOD_NAMES: Final[dict[str, tuple[str, str, tuple[str, ...]]]] = {
    "beef": ("Nötkött", "Beef", ("nöt", "notkott")),
    "beef_dairy_herd": ("Nötkött (mjölkkor)", "Beef (dairy herd)", ()),
    "lamb": ("Lammkött", "Lamb", ("lamm",)),
    "pork": ("Fläskkött", "Pork", ("fläsk", "gris", "griskött")),
    "poultry": ("Fågelkött", "Poultry", ("kyckling", "fågel")),
    "minced_meat_mix": ("Köttfärs 50/50", "Minced meat, beef/pork", ("blandfärs", "köttfärs")),
    "fish": ("Fisk", "Fish", ()),
    "prawns": ("Räkor", "Prawns", ("räkor",)),
    "cheese": ("Ost", "Cheese", ()),
    "milk": ("Mjölk, fil, yoghurt", "Milk and fermented milk", ("mjölk", "fil", "yoghurt", "mejeri")),
    "eggs": ("Ägg", "Eggs", ("ägg",)),
    "pulses": ("Baljväxter, torra", "Pulses, dried", ("baljväxter", "bönor", "linser")),
    "peas": ("Ärtor", "Peas", ("ärtor",)),
    "tofu": ("Tofu", "Tofu", ()),
    "meat_substitutes": ("Köttsubstitut", "Meat substitutes", ("vegoprotein", "köttersättning")),
    "nuts": ("Nötter", "Nuts", ("nötter",)),
    "bread": ("Bröd", "Bread", ("bröd",)),
    "rice": ("Ris", "Rice", ("ris",)),
    "oatmeal": ("Havregryn", "Oatmeal", ("havregryn",)),
    "potatoes": ("Potatis", "Potatoes", ("potatis",)),
    "root_vegetables": ("Rotfrukter", "Root vegetables", ("rotfrukter",)),
    "brassicas": ("Kål", "Brassicas", ("kål",)),
    "tomatoes": ("Tomater", "Tomatoes", ("tomat", "tomater")),
    "coffee": ("Kaffe", "Coffee", ("kaffe",)),
}
_FOOD: Final[tuple[Activity, ...]] = tuple(
    Activity(f"food_{g}", "food", 3, "purchased_goods_and_services", "food", sv, en,
             (sv, *al, f"livsmedel {sv.lower()}"))
    for g, (sv, en, al) in _FOOD_NAMES.items())

_SPEND: Final[tuple[Activity, ...]] = (
    Activity("spend_equipment_materials", "spend", 3, "purchased_goods_and_services", "purchases",
             "Inköp: utrustning och material", "Purchases: equipment and materials",
             ("utrustning och material", "förbrukningsvaror", "förbrukningsmaterial")),
    Activity("spend_services_own_org", "spend", 3, "purchased_goods_and_services", "purchases",
             "Inköp: material och tjänster för egna organisationen",
             "Purchases: goods and services for own organisation",
             ("material och tjänster", "tjänster")),
    Activity("spend_operations_contracts", "spend", 3, "purchased_goods_and_services", "purchases",
             "Inköp: drift och driftentreprenader", "Purchases: operations and operating contracts",
             ("driftentreprenader", "drift av verksamheter")),
    Activity("spend_land_buildings", "spend", 3, "capital_goods", "purchases",
             "Inköp: mark och byggnad", "Purchases: land and buildings (construction)",
             ("mark och byggnad", "byggnation", "bygg")),
    Activity("spend_public_average", "spend", 3, "purchased_goods_and_services", "purchases",
             "Inköp: genomsnitt offentlig upphandling", "Purchases: average of Swedish public procurement",
             ("offentlig upphandling", "inköp övrigt")),
)

_WASTE: Final[tuple[Activity, ...]] = (
    Activity("waste_incineration", "waste", 3, "waste", "waste", "Avfall till förbränning med energiåtervinning",
             "Waste incinerated with energy recovery", ("förbränning", "energiåtervinning", "brännbart avfall")),
    Activity("waste_landfill", "waste", 3, "waste", "waste", "Restavfall till deponi", "Residual waste to landfill",
             ("deponi",)),
    Activity("waste_food_composting", "waste", 3, "waste", "waste", "Matavfall till kompostering",
             "Food waste composted", ("matavfall kompost", "kompost")),
    Activity("waste_food_biogas", "waste", 3, "waste", "waste", "Matavfall till rötning (biogas)",
             "Food waste to anaerobic digestion", ("matavfall biogas", "matavfall rötning", "rötning")),
    Activity("waste_food_landfill", "waste", 3, "waste", "waste", "Matavfall till deponi", "Food waste to landfill",
             ()),
    Activity("waste_commercial_landfill", "waste", 3, "waste", "waste", "Verksamhetsavfall till deponi",
             "Commercial and industrial waste to landfill", ()),
    Activity("waste_recycling", "waste", 3, "waste", "waste", "Avfall till materialåtervinning",
             "Waste to material recycling", ("materialåtervinning", "återvinning")),
    Activity("waste_hazardous", "waste", 3, "waste", "waste", "Farligt avfall (inkl. smittförande)",
             "Hazardous and clinical waste", ("farligt avfall", "smittförande avfall", "riskavfall")),
)

def _freight(key, sv, en, aliases):
    return Activity(key, "freight", 3, "upstream_transportation", "contracted_transport", sv, en, tuple(aliases))


#: Goods transport bought from others, by tonne-km (GHG Protocol scope 3 category 4).
_FREIGHT: Final[tuple[Activity, ...]] = (
    _freight("freight_van_diesel", "Godstransport, skåpbil diesel", "Freight, van (up to 3.5 t), diesel",
             ("skåpbil diesel", "lätt lastbil diesel", "van diesel")),
    _freight("freight_van_petrol", "Godstransport, skåpbil bensin", "Freight, van (up to 3.5 t), petrol",
             ("skåpbil bensin", "lätt lastbil bensin", "van petrol")),
    _freight("freight_van_cng", "Godstransport, skåpbil gas (CNG)", "Freight, van (up to 3.5 t), CNG",
             ("skåpbil gas", "skåpbil cng", "van cng")),
    _freight("freight_van_lpg", "Godstransport, skåpbil gasol (LPG)", "Freight, van (up to 3.5 t), LPG",
             ("skåpbil gasol", "skåpbil lpg", "van lpg")),
    _freight("freight_van_unknown", "Godstransport, skåpbil okänt drivmedel",
             "Freight, van (up to 3.5 t), unknown fuel", ("skåpbil", "lätt lastbil", "budbil", "van")),
    _freight("freight_van_phev", "Godstransport, skåpbil laddhybrid", "Freight, van (up to 3.5 t), plug-in hybrid",
             ("skåpbil laddhybrid", "van phev", "van plug-in hybrid")),
    _freight("freight_van_bev", "Godstransport, skåpbil el", "Freight, van (up to 3.5 t), battery electric",
             ("elskåpbil", "skåpbil el", "van electric", "electric van")),
    _freight("freight_hgv_rigid", "Godstransport, lastbil utan släp", "Freight, rigid HGV, diesel",
             ("lastbil utan släp", "distributionslastbil", "rigid hgv", "rigid truck")),
    _freight("freight_hgv_artic", "Godstransport, lastbil med påhängsvagn", "Freight, articulated HGV, diesel",
             ("lastbil med släp", "dragbil med trailer", "semitrailer", "articulated hgv", "artic")),
    _freight("freight_hgv", "Godstransport, lastbil", "Freight, HGV (all HGVs), diesel",
             ("lastbil", "tung lastbil", "hgv", "truck", "lorry")),
    _freight("freight_hgv_refrigerated", "Godstransport, kyllastbil", "Freight, refrigerated HGV, diesel",
             ("kyllastbil", "kylbil", "refrigerated hgv", "reefer truck")),
    _freight("freight_rail", "Godstransport, godståg", "Freight, rail",
             ("godståg", "järnvägsfrakt", "tåg gods", "rail freight", "freight train")),
    _freight("freight_ship_container", "Godstransport, containerfartyg", "Freight, container ship",
             ("containerfartyg", "container ship")),
    _freight("freight_ship_general_cargo", "Godstransport, styckegodsfartyg", "Freight, general cargo ship",
             ("styckegodsfartyg", "general cargo ship", "fartyg")),
    _freight("freight_ferry_roro", "Godstransport, ro-ro-färja", "Freight, ro-ro ferry",
             ("roro-färja", "rorofärja", "färja gods", "roro ferry")),
)

#: Own production, and what is counted for indicators only (its emissions are on other rows).
_OWN_AND_INDICATORS: Final[tuple[Activity, ...]] = (
    Activity("solar_power", "own_production", 2, "own_generation", "energy_buildings", "Egen solel (använd)",
             "Own solar power (used on site)",
             ("solel", "egen solel", "solceller", "solel egen produktion", "egenproducerad el", "solar power")),
    Activity("solar_power_sold", "own_production_sold", 2, "own_generation", "energy_buildings",
             "Egen solel (såld överskott)", "Own solar power (surplus sold)",
             ("såld solel", "överskott solel", "solel såld", "solar power sold")),
    Activity("meals_served", "count", 3, "indicator_only", "food", "Serverade måltider", "Meals served",
             ("måltider", "serverade portioner", "portioner", "meals"), dimensions=("portion",)),
)

_ACTIVITIES: Final[tuple[Activity, ...]] = (_CORE + _TRAVEL + _FOOD + _SPEND + _WASTE + _FREIGHT
                                            + _OWN_AND_INDICATORS)

_BY_KEY: Final[dict[str, Activity]] = {a.key: a for a in _ACTIVITIES}


def _norm(text: str) -> str:
    return re.sub(r"[\s\-_/().,]+", "", str(text).strip().lower())


def _names(a: Activity) -> tuple[str, ...]:
    return (a.key, a.sv, a.en, *a.aliases)


def _build_lookup() -> dict[str, str]:
    out: dict[str, str] = {}
    for a in _ACTIVITIES:
        for name in _names(a):
            out.setdefault(_norm(name), a.key)
    for name, key in INVOICE_NAMES.items():
        out.setdefault(_norm(name), key)
    for a in _USER.values():
        for name in _names(a):
            out.setdefault(_norm(name), a.key)
    return out


#: The user's own activities (:func:`define_activity`), by key, in the order defined.
_USER: dict[str, Activity] = {}
#: Every name (normalised) of every activity, bundled and the user's, to its key.
_LOOKUP: dict[str, str] = _build_lookup()
_BUNDLED_LOOKUP: Final[dict[str, str]] = dict(_LOOKUP)


def activities() -> list[Activity]:
    """All activities in the catalogue, in report order, then the user's own activities.

    Examples
    --------
    >>> [a.key for a in activities()][:3]
    ['diesel', 'diesel_fossil', 'petrol']
    """
    return [*_ACTIVITIES, *_USER.values()]


def get_activity(key: str) -> Activity:
    """The catalogue entry for a canonical key.

    Raises
    ------
    KeyError
        If the key is not in the catalogue.

    Examples
    --------
    >>> get_activity("r404a").category
    'fugitive'
    """
    hit = _BY_KEY.get(key) or _USER.get(key)
    if hit is None:
        raise KeyError(key)
    return hit


def resolve_activity_name(text: str) -> str | None:
    """Canonical key for an activity name as a user typed it, or None.

    Case, spaces, hyphens and underscores are ignored, and Swedish names are
    accepted (``"Fjärrvärme"``, ``"lustgas"``, ``"R-404A"``).

    Examples
    --------
    >>> resolve_activity_name("Fjärrvärme"), resolve_activity_name("R-404A"), resolve_activity_name("kol")
    ('district_heating', 'r404a', None)
    """
    hit = _LOOKUP.get(_norm(text))
    if hit is not None or "(" not in str(text):
        return hit
    return _bracketed(str(text))


_BRACKET = re.compile(r"\(([^()]*)\)")


def _bracketed(text: str) -> str | None:
    """A name with a bracketed part ("Lustgas (N2O)", "Sevofluran (Sevorane)"): the name outside the
    brackets and the one inside are each looked up; they must not name two different activities."""
    inner = [m.strip() for m in _BRACKET.findall(text) if m.strip()]
    outer = _BRACKET.sub(" ", text).strip()
    keys = {k for k in (_LOOKUP.get(_norm(n)) for n in (outer, *inner) if _norm(n)) if k is not None}
    return keys.pop() if len(keys) == 1 else None


def bracket_conflict(text: str) -> list[str]:
    """The different activities that the parts of a bracketed name point to (empty if none or one).

    Examples
    --------
    >>> bracket_conflict("El (solceller)")
    ['electricity', 'solar_power']
    """
    if "(" not in str(text):
        return []
    inner = [m.strip() for m in _BRACKET.findall(str(text)) if m.strip()]
    outer = _BRACKET.sub(" ", str(text)).strip()
    keys = [k for k in (_LOOKUP.get(_norm(n)) for n in (outer, *inner) if _norm(n)) if k is not None]
    return sorted(set(keys)) if len(set(keys)) > 1 else []


def flight_band_of(text: str) -> str | None:
    """The distance band a flight's name states: a band, ``"international"`` ("Flyg utrikes":
    abroad, band not said) or None.

    Examples
    --------
    >>> flight_band_of("Flyg inrikes"), flight_band_of("Utrikesflyg"), flight_band_of("Flyg")
    ('domestic', 'international', None)
    """
    n = _norm(text)
    for name, band in FLIGHT_BANDS.items():
        if _norm(name) == n:
            return band
    if any(_norm(name) == n for name in INTERNATIONAL_FLIGHTS):
        return "international"
    return None


def suggest(text: str, n: int = 3) -> list[str]:
    """Close activity names for an unknown one.

    Examples
    --------
    >>> suggest("dissel")
    ['diesel', ...]
    """
    names = list(_LOOKUP)
    hits = difflib.get_close_matches(_norm(text), names, n=n * 3, cutoff=0.6)
    out: list[str] = []
    for h in hits:
        key = _LOOKUP[h]
        if key not in out:
            out.append(key)
    return out[:n]


#: Purposes of a travel row and where they are reported.
PURPOSES: Final[dict[str, str]] = {
    "": "business", "business": "business", "tjänsteresa": "business", "tjänst": "business",
    "commuting": "commuting", "pendling": "commuting", "arbetspendling": "commuting", "commute": "commuting",
}


def placement(activity: Activity, ownership: str, purpose: str = "business") -> tuple[int, str, str]:
    """Scope, category and area of the direct part for an ownership and purpose.

    ``owned`` and ``leased`` sources (operational control) keep the activity's own
    scope; ``contracted`` ones (a bus operator's diesel) are the supplier's direct
    emissions and so the region's scope 3, purchased services. Travel rows with
    ``purpose = commuting`` are category 7, employee commuting.

    Examples
    --------
    >>> placement(get_activity("diesel"), "contracted")
    (3, 'purchased_goods_and_services', 'contracted_transport')
    >>> placement(get_activity("bus"), "owned", "commuting")
    (3, 'employee_commuting', 'commuting')
    """
    if activity.is_travel:
        if purpose == "commuting":
            return 3, "employee_commuting", "commuting"
        return 3, "business_travel", "business_travel"
    if _keeps_own_placement(activity):
        return activity.scope, activity.category, activity.area
    if ownership == "contracted":
        area = "contracted_transport" if activity.is_fuel and activity.area == "vehicles" else activity.area
        return 3, "purchased_goods_and_services", area
    return activity.scope, activity.category, activity.area


def upstream_placement(activity: Activity, ownership: str, purpose: str = "business") -> tuple[int, str]:
    """Scope and category of the upstream (well-to-tank) part.

    Fuels the organisation burns: category 3. Travel in others' vehicles and
    contracted operators: the same category as the direct part (the upstream of a
    supplier's fuel is part of what is bought).

    Examples
    --------
    >>> upstream_placement(get_activity("diesel"), "owned")
    (3, 'fuel_and_energy_related')
    >>> upstream_placement(get_activity("flight"), "owned")
    (3, 'business_travel')
    """
    if activity.is_travel or activity.kind in ("food", "spend", "waste") or _keeps_own_placement(activity):
        return 3, placement(activity, ownership, purpose)[1]
    if ownership == "contracted":
        return 3, "purchased_goods_and_services"
    return 3, "fuel_and_energy_related"


def _keeps_own_placement(activity: Activity) -> bool:
    """Freight and a user's scope-3 activity are bought from others whoever operates the vehicle or
    process: ``contracted`` does not move them to purchased goods, and their upstream stays in their category."""
    return activity.scope == 3 and (activity.kind == "freight" or activity.user)


# ----------------------------------------------------------------------------- the user's own activities
_KEY_RE: Final = re.compile(r"^[a-z][a-z0-9_]*$")
#: Fields of an activity definition (a ``[[activity]]`` table or a row of an activities CSV).
DEFINITION_FIELDS: Final[tuple[str, ...]] = ("key", "sv", "en", "aliases", "scope", "category", "area", "unit")
_DEFINITION_SYNONYMS: Final[dict[str, str]] = {
    "name": "key", "activity": "key", "aktivitet": "key", "namn_sv": "sv", "swedish": "sv", "svenska": "sv",
    "namn_en": "en", "english": "en", "engelska": "en", "alias": "aliases", "synonymer": "aliases",
    "kategori": "category", "område": "area", "omrade": "area", "enhet": "unit", "dimension": "unit",
}


def definition_field(name: str) -> str | None:
    """The definition field a column or key names (``"aktivitet"`` → ``"key"``), or None.

    Examples
    --------
    >>> definition_field("Område"), definition_field("unit"), definition_field("colour")
    ('area', 'unit', None)
    """
    n = str(name).strip().lower().replace(" ", "_")
    return n if n in DEFINITION_FIELDS else _DEFINITION_SYNONYMS.get(n)


def user_activities() -> list[Activity]:
    """The activities the user has defined (:func:`define_activity`), in the order defined.

    Examples
    --------
    >>> user_activities()
    []
    """
    return list(_USER.values())


def define_activity(key: str, *, sv: str = "", en: str = "", aliases: str | tuple[str, ...] | list[str] = (),
                    scope: int, category: str, area: str, unit: str | tuple[str, ...] | list[str]) -> Activity:
    """Define an activity of one's own and add it to the catalogue.

    Parameters
    ----------
    key : str
        snake_case key (``"disposable_gown"``), used in ledgers and factor rows.
    sv, en : str
        Swedish and English names for reports (one may be left out: it takes the other).
    aliases : str or sequence of str
        Other names accepted in activity files (a text is split at ``;``).
    scope : int
        1, 2 or 3.
    category : str
        A GHG-Protocol category of :data:`CATEGORIES` of that scope (``"purchased_goods_and_services"``;
        for scope 3 also its number, ``"1"``).
    area : str
        A reporting area of :data:`AREAS` (``"purchases"``).
    unit : str or sequence of str
        What the amount is measured in: a kind of amount (``"count"``, ``"mass"``,
        ``"freight_distance"``...) or a unit of one (``"st"``, ``"kg"``, ``"tkm"``).

    Returns
    -------
    Activity
        The entry added (or the identical one already defined).

    Raises
    ------
    InputError
        Naming every problem (key, scope, category, area, unit, clashing names) at once.

    Examples
    --------
    >>> a = define_activity("disposable_gown", sv="Engångsrock", en="Disposable gown", aliases="engångsrockar",
    ...                     scope=3, category="purchased_goods_and_services", area="purchases", unit="st")
    >>> a.amount_kinds, resolve_activity_name("Engångsrockar")
    (('count',), 'disposable_gown')
    >>> unregister_activity("disposable_gown")
    """
    spec = {"key": key, "sv": sv, "en": en, "aliases": aliases, "scope": scope, "category": category, "area": area,
            "unit": unit}
    return register_activities([spec], what=f"activity {key!r}")[0]


def register_activity(definition: Activity | dict, *, row: object = None, what: str = "activity definition"
                      ) -> Activity:
    """Add one user activity from an :class:`Activity` or a mapping of :data:`DEFINITION_FIELDS`.

    Re-registering an identical definition does nothing; see :func:`register_activities`.
    """
    if isinstance(definition, Activity):
        definition = {"key": definition.key, "sv": definition.sv, "en": definition.en,
                      "aliases": definition.aliases, "scope": definition.scope, "category": definition.category,
                      "area": definition.area, "unit": definition.amount_kinds}
    return register_activities([definition], rows=[row], what=what)[0]


def register_activities(definitions: list[dict], *, rows: list | None = None,
                        what: str = "activity definitions", dry_run: bool = False) -> list[Activity]:
    """Check several activity definitions and add them all, or none.

    Every problem of every definition is collected into one :class:`~klimatbokslut.errors.InputError`
    naming the row (``rows[i]``, by default the definition's number from 1), the column, the value,
    the reason and the valid choices. With ``dry_run`` the definitions are checked and returned
    but not added.

    Examples
    --------
    >>> register_activities([{"key": "Gown", "scope": 4, "category": "", "area": "x", "unit": "flaskor"}],
    ...                     rows=[2])
    Traceback (most recent call last):
    ...
    klimatbokslut.errors.InputError: 6 problems in activity definitions:
      row 2, column 'key', value 'Gown': the key must be snake_case: lower-case letters, digits and _ ...
    ...
    """
    from .errors import InputError

    rows = list(rows) if rows is not None else list(range(1, len(definitions) + 1))
    problems: list[dict] = []
    built: list[Activity] = []
    taken: dict[str, str] = {}          # names of this batch: normalised name -> key
    for spec, row in zip(definitions, rows):
        act, bad = _check_definition(dict(spec), row, taken)
        problems += bad
        if act is not None:
            built.append(act)
        for name in _spec_names(spec):
            taken.setdefault(_norm(name), _text(spec.get("key")) or f"row {row}")
    if problems:
        raise InputError(problems, what=what)
    if dry_run:  # checked, not added
        return built
    for act in built:
        if _USER.get(act.key) != act:
            _USER[act.key] = act
    _LOOKUP.clear()
    _LOOKUP.update(_build_lookup())
    return [_USER[a.key] for a in built]


def unregister_activity(key: str) -> None:
    """Remove a user activity (tests, or a definition to be replaced); a bundled one cannot be removed.

    Examples
    --------
    >>> unregister_activity("diesel")
    Traceback (most recent call last):
    ...
    ValueError: 'diesel' is a bundled activity, not one of your own
    """
    if key in _BY_KEY:
        raise ValueError(f"{key!r} is a bundled activity, not one of your own")
    _USER.pop(key, None)
    _LOOKUP.clear()
    _LOOKUP.update(_build_lookup())


def _problem(row: object, column: str, value: object, reason: str, choices: str = "") -> dict:
    text = f"{reason}; choices: {choices}" if choices else reason
    return {"row": row, "column": column, "value": value, "reason": text}


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value).strip()


def _aliases(value: object) -> tuple[str, ...]:
    if isinstance(value, (list, tuple)):
        parts = [_text(v) for v in value]
    else:
        parts = re.split(r"[;|]", _text(value))
    return tuple(p.strip() for p in parts if p.strip())


def _check_definition(spec: dict, row: object, taken: dict[str, str]) -> tuple[Activity | None, list[dict]]:
    """One definition as an Activity, and its problems (every one of them)."""
    spec = {definition_field(k) or k: v for k, v in spec.items()}
    bad = [_problem(row, str(k), v, "unknown column of an activity definition", ", ".join(DEFINITION_FIELDS))
           for k, v in spec.items() if k not in DEFINITION_FIELDS]
    key = _text(spec.get("key"))
    if not _KEY_RE.match(key):
        bad.append(_problem(row, "key", key, "the key must be snake_case: lower-case letters, digits and _ "
                                             "(starting with a letter), e.g. disposable_gown"))
    scope = _scope(spec.get("scope"))
    if scope is None:
        bad.append(_problem(row, "scope", spec.get("scope"), "scope must be 1, 2 or 3"))
    category, why = _category(spec.get("category"), scope)
    if why:
        bad.append(_problem(row, "category", spec.get("category"), why,
                            ", ".join(k for k, c in CATEGORIES.items() if scope is None or c["scope"] == scope)))
    area = _lookup_name(spec.get("area"), AREAS)
    if area is None:
        bad.append(_problem(row, "area", spec.get("area"),
                            "missing reporting area" if not _text(spec.get("area")) else "unknown reporting area",
                            ", ".join(AREAS)))
    dims, unit_problems = _dimensions(spec.get("unit"), row)
    bad += unit_problems
    sv, en = _text(spec.get("sv")), _text(spec.get("en"))
    if not sv and not en:
        bad.append(_problem(row, "sv", None, "give a Swedish (sv) or English (en) name"))
    aliases = _aliases(spec.get("aliases"))
    act = Activity(key, "custom", scope or 0, category or "", area or "", sv or en, en or sv, aliases,
                   dimensions=dims, user=True)
    bad += _clashes(act, row, taken)
    return (None if bad else act), bad


def _spec_names(spec: dict) -> tuple[str, ...]:
    spec = {definition_field(k) or k: v for k, v in spec.items()}
    names = (_text(spec.get("key")), _text(spec.get("sv")), _text(spec.get("en")), *_aliases(spec.get("aliases")))
    return tuple(n for n in names if n)


def _scope(value: object) -> int | None:
    try:
        num = float(_text(value))
    except ValueError:
        return None
    return int(num) if num in (1.0, 2.0, 3.0) else None


def _lookup_name(value: object, table: dict[str, dict]) -> str | None:
    """A key of ``table`` given by its key or its Swedish or English name."""
    n = _norm(_text(value))
    if not n:
        return None
    for key, names in table.items():
        if n in (_norm(key), _norm(names.get("sv", "")), _norm(names.get("en", ""))):
            return key
    return None


def _category(value: object, scope: int | None) -> tuple[str | None, str]:
    """The category key and '' or None and why not (missing, unknown, of another scope)."""
    text = _text(value)
    if not text:
        return None, "missing category"
    found = _lookup_name(text, CATEGORIES)
    if found is None and re.fullmatch(r"(3\.)?\d{1,2}", text):
        number = int(text.split(".")[-1])
        found = next((k for k, c in CATEGORIES.items() if c.get("number") == number), None)
    if found is None:
        return None, "unknown category"
    if scope is not None and CATEGORIES[found]["scope"] != scope:
        return None, f"category {found} is scope {CATEGORIES[found]['scope']}, not scope {scope}"
    return found, ""


def _dimensions(value: object, row: object) -> tuple[tuple[str, ...], list[dict]]:
    """Kinds of amount from a unit field: kind names (``count``) or units (``st``), several split at ';'."""
    from .units import DIMENSIONS, kind_of, parse_unit

    parts = _aliases(value)
    choices = ", ".join(DIMENSIONS) + " (or a unit of one: st, kg, kWh, tkm, km ...)"
    if not parts:
        return (), [_problem(row, "unit", value, "missing unit dimension", choices)]
    dims: list[str] = []
    bad: list[dict] = []
    for part in parts:
        name = part.lower().replace(" ", "_").replace("-", "_")
        if name in DIMENSIONS:
            dims.append(name)
            continue
        try:
            kind = kind_of(parse_unit(part))
        except Exception:  # UnitError, or pint's errors for odd text
            kind = None
        if kind is None:
            bad.append(_problem(row, "unit", part, "unknown unit dimension", choices))
        elif kind not in dims:
            dims.append(kind)
    return tuple(dict.fromkeys(dims)), bad


def _clashes(act: Activity, row: object, taken: dict[str, str]) -> list[dict]:
    """Problems of a key or name already used by a bundled activity, another user activity or this batch."""
    bad: list[dict] = []
    if act.key in _BY_KEY:
        return [_problem(row, "key", act.key, "a bundled activity has this key; choose another key, or use "
                                              "the bundled activity and give only factor rows for it")]
    old = _USER.get(act.key)
    if old is not None and old != act:
        bad.append(_problem(row, "key", act.key, "already defined with another definition (names, scope, "
                                                 "category, area or unit differ); remove the first definition "
                                                 "or give the same one"))
    seen: set[str] = set()
    for column, names in (("key", (act.key,)), ("sv", (act.sv,)), ("en", (act.en,)), ("aliases", act.aliases)):
        for name in names:
            n = _norm(name)
            if not n or n in seen:
                continue
            seen.add(n)
            owner = _BUNDLED_LOOKUP.get(n) or taken.get(n) or (_LOOKUP.get(n) if _LOOKUP.get(n) != act.key else None)
            if owner and owner != act.key:
                kind = "bundled activity" if owner in _BY_KEY else "activity"
                bad.append(_problem(row, column, name, f"the name is already used by the {kind} {owner!r}; "
                                                       "names are compared ignoring case, spaces and punctuation"))
    return bad
