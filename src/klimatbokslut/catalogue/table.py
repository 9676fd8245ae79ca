"""The bundled activity table: every activity the catalogue knows, in report order.

Fuels, electricity and heat, medical gases and refrigerants, travel, food, purchases by
spend, waste, freight, own production and indicators; each with its scope, category, area,
Swedish and English names and the other spellings accepted in input files.
"""

from __future__ import annotations

from typing import Final

from .kinds import Activity


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
