"""Scope-3 factor rows (travel, commuting, food, purchases, waste) for tools/build_factors.py.

Every published figure appears once, next to its source id. Imported by
build_factors.py; not part of the installed package.
"""

from __future__ import annotations

OGL = "Open Government Licence v3.0"
QUOTED = "figures quoted with attribution from a public document"
DESNZ_SEEN = ("secondary (values read from a third-party extraction of the 2025 flat file, "
              "github.com/scope3emissiontest-oss/JulesProject, defra_factors_2025_v2)")

SOURCES = [
    dict(source_id="desnz2025", publisher="UK Department for Energy Security and Net Zero (DESNZ)",
         title="Greenhouse gas reporting: conversion factors 2025 (flat file)", edition="2025", year="2025",
         url="https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-2025",
         licence=OGL, seen_in=DESNZ_SEEN,
         note="used where no Swedish figure was found; UK averages (fleet, load factors); GWP AR5"),
    dict(source_id="transportstyrelsen_gcd", publisher="Transportstyrelsen (Swedish Transport Agency), with FOI and LFV",
         title="Klimatrapportering (luftfart): flown distance versus great-circle distance", edition="", year="",
         url="https://www.transportstyrelsen.se/sv/luftfart/miljo-och-halsa/Klimat/klimatrapportering/",
         licence="Swedish public authority information; " + QUOTED, seen_in="primary (agency page)",
         note="Swedish domestic flights are about 8 % longer than the great-circle distance; DESNZ applies the "
              "same 8 % uplift"),
    dict(source_id="sj2023", publisher="SJ AB", title="Travel climate-friendly with SJ", edition="about 2023", year="2023",
         url="https://www.sj.se/en/about/about-sj/climate-friendly.html", licence=QUOTED,
         seen_in="primary (operator page)",
         note="0.0039 g CO2 per passenger-km, all routes, operation with renewable electricity under guarantees of "
              "origin (market-based); excludes infrastructure and vehicle manufacture"),
    dict(source_id="klimatresa", publisher="Klimatresa", title="Beräkningsmetod", edition="undated", year="",
         url="https://klimatresa.se/data", licence=QUOTED, seen_in="primary (tool method page)",
         note="electric train, Nordic grid average without green electricity: 7 g CO2/pkm; medium car on HVO "
              "37 g CO2 per vehicle-km"),
    dict(source_id="klimatsmart_hotel", publisher="Klimatsmart semester / Travel & Climate (Chalmers)",
         title="Boendeberäkningar", edition="undated", year="",
         url="https://klimatsmartsemester.se/boendeber%C3%A4kningar", licence=QUOTED,
         seen_in="primary (tool method page)",
         note="average hotel in Sweden and the Nordic countries: 6.8 kg CO2 per guest night (energy use; survey "
              "of 41 Swedish hotels)"),
    dict(source_id="ev_2030sek", publisher="2030-sekretariatet",
         title="Energieffektivitet hos nya personbilar (indikator B1K)", edition="", year="",
         url="https://2030.miljobarometern.se/nationella-indikatorer/bilen/energieffektivitet-hos-nya-fordon-b1k/personbilar/",
         licence=QUOTED, seen_in="primary (indicator page)",
         note="battery-electric cars assumed to use 20 kWh per 100 km (the page says probably somewhat high)"),
    dict(source_id="slu_stockholm", publisher="Stockholms stad, Hållbart Stockholm (quoting SLU's Mat-klimat-listan)",
         title="Livsmedels klimatpåverkan (Mat-klimat-listan, SLU rapport 077, 2014)", edition="2014", year="2014",
         url="https://hallbart.stockholm/lar-dig-mer/livsmedels-klimatpaverkan/", licence=QUOTED,
         seen_in="secondary (city page reproducing category averages; attribution to SLU not explicit in the excerpt)",
         note="category averages for food consumed in Sweden, kg CO2e per kg product"),
    dict(source_id="slu_extrakt", publisher="Extrakt (Formas) quoting SLU's Mat-klimat-listan",
         title="Så klimatsmart är påskmaten (Mat-klimat-listan, SLU rapport 077, 2014)", edition="2014", year="2014",
         url="https://www.extrakt.se/sa-klimatsmart-ar-paskmaten/", licence=QUOTED,
         seen_in="secondary (magazine quoting SLU)", note="category averages, kg CO2e per kg product"),
    dict(source_id="poore2018", publisher="Poore & Nemecek (2018), via Our World in Data",
         title="Reducing food's environmental impacts through producers and consumers, Science 360:987 "
               "(dataset ghg-per-kg-poore)", edition="2018", year="2018",
         url="https://ourworldindata.org/environmental-impacts-of-food", licence="CC BY 4.0 (Our World in Data)",
         seen_in="secondary (OWID dataset of the study's global means)",
         note="global means, farm to retail incl. land-use change and losses, kg CO2e per kg product"),
    dict(source_id="upphm_kommuner", publisher="Upphandlingsmyndigheten", title="Miljöspendanalys: kommunernas miljöpåverkan",
         edition="2016 payments", year="2016",
         url="https://www.upphandlingsmyndigheten.se/verktyg/miljospendanalys/kommunernas-miljopaverkan/",
         licence="Swedish public authority information; " + QUOTED,
         seen_in="primary inputs (emissions and spend of the category); the ratio is derived",
         note="EXIOBASE-based input-output estimate of public payments to suppliers; VAT treatment of 2016 not stated"),
    dict(source_id="upphm_regioner", publisher="Upphandlingsmyndigheten", title="Miljöspendanalys: landstingens miljöpåverkan",
         edition="2016 payments", year="2016",
         url="https://www.upphandlingsmyndigheten.se/verktyg/miljospendanalys/landstingens-miljopaverkan/",
         licence="Swedish public authority information; " + QUOTED,
         seen_in="primary inputs; the ratio is derived", note="EXIOBASE-based input-output estimate"),
    dict(source_id="upphm_stat", publisher="Upphandlingsmyndigheten",
         title="Miljöspendanalys: statens miljöpåverkan (länsstyrelser, byggande och infrastruktur, högskolor, övriga)",
         edition="2016 payments", year="2016",
         url="https://www.upphandlingsmyndigheten.se/verktyg/miljospendanalys/statens-miljopaverkan/lansstyrelserna/",
         licence="Swedish public authority information; " + QUOTED,
         seen_in="primary inputs; the ratio is derived", note="EXIOBASE-based input-output estimate"),
    dict(source_id="upphm_offentliga2019", publisher="Upphandlingsmyndigheten",
         title="De offentliga inköpens klimat- och miljöpåverkan", edition="2019 payments", year="2019",
         url="https://www.upphandlingsmyndigheten.se/om-hallbar-upphandling/miljomassigt-hallbar-upphandling/"
             "analysera-inkopen-med-miljospendanalys/de-offentliga-inkopens-klimat--och-miljopaverkan/",
         licence="Swedish public authority information; " + QUOTED,
         seen_in="primary inputs; the ratio is derived", note="23.5 Mt CO2e / 711 bn SEK including VAT"),
    dict(source_id="method_active", publisher="klimatbokslut (method convention)",
         title="Operational boundary: walking and cycling have no fuel or electricity use", edition="", year="",
         url="https://github.com/klimatbokslut/klimatbokslut/blob/main/docs/method.md", licence="MIT",
         seen_in="definition", note="zero by the boundary (no vehicle energy); lifecycle of bicycles and food excluded"),
]


def _row(fid, activity, region, y0, y1, value, unit, gas, boundary, source, note, *, gwp="", method="",
         instrument="", derived=False, rule=None):
    row = dict(factor_id=fid, activity=activity, region=region, valid_from=y0, valid_to=y1, value=value, unit=unit,
               gas=gas, boundary=boundary, gwp=gwp if gas == "CO2e" else "", method=method, instrument=instrument,
               source_id=source, derived=str(derived).lower(), note=note)
    if rule:
        row["rule"] = rule
    return row


DESNZ_GWP = "AR5 (DESNZ 2025)"
DESNZ_YEAR = 2025       # the 2025 edition describes 2025; other years take the nearest edition
SLU_YEAR = 2014         # Mat-klimat-listan (SLU rapport 077), 2014
POORE_YEAR = 2018       # Poore & Nemecek (2018)
SJ_YEAR = 2023          # SJ page, about 2023


def undated(y0: int = 2016, y1: int = 2030) -> str:
    """The rule of an undated figure: no edition year, so it is used for every year of a stated range."""
    return f"undated source: no edition year, used for every year {y0}–{y1}"


# DESNZ 2025 flights, kg CO2e per passenger-km: (band, cabin): (with RF, without RF)
FLIGHTS = {
    ("domestic", "average"): (0.22928, 0.13552),
    ("short_haul", "average"): (0.12786, 0.07559),
    ("long_haul", "average"): (0.15282, 0.09043),
    ("short_haul", "economy"): (0.12576, None),
    ("long_haul", "economy"): (0.11704, None),
    ("long_haul", "business"): (0.3394, None),
}
FLIGHT_WTT = {"domestic": 0.0335, "short_haul": 0.02286, "long_haul": 0.03213}

# DESNZ 2025 land travel, kg CO2e per unit (tank-to-wheel; WTT not in the transcription)
LAND = [
    ("bus", 0.10385, "kg CO2e/pkm", "average local bus"),
    ("coach", 0.02776, "kg CO2e/pkm", "coach"),
    ("taxi", 0.14861, "kg CO2e/pkm", "regular taxi, per passenger-km"),
    ("taxi", 0.20806, "kg CO2e/km", "regular taxi, per vehicle-km"),
    ("car_petrol", 0.16272, "kg CO2e/km", "average petrol car (UK fleet), per vehicle-km"),
    ("car_diesel", 0.17304, "kg CO2e/km", "average diesel car (UK fleet), per vehicle-km"),
    ("car_unknown", 0.16725, "kg CO2e/km", "average car, unknown fuel (UK fleet), per vehicle-km"),
    ("rental_car", 0.16725, "kg CO2e/km", "rental car taken as the average car of unknown fuel (UK fleet)"),
]

HOTELS_DESNZ = {"GB": 10.4, "DE": 13.2, "FR": 6.7, "ES": 7.0, "US": 16.1}   # kg CO2e per room night
HOTEL_NORDIC = 6.8   # kg CO2 per guest night (Klimatsmart semester), SE and the other Nordic countries

# Food, kg CO2e per kg product
FOOD_SE = {  # group: (value, source, Swedish name in the source)
    "beef": (26, "slu_stockholm", "Nötkött"), "pork": (6, "slu_stockholm", "Fläskkött benfritt"),
    "fish": (3, "slu_stockholm", "Fisk"), "eggs": (2, "slu_stockholm", "Ägg"),
    "pulses": (0.7, "slu_stockholm", "Baljväxter torra"), "milk": (1, "slu_stockholm", "Mjölk, fil, yoghurt"),
    "lamb": (21, "slu_stockholm", "Lamm"), "minced_meat_mix": (16, "slu_stockholm", "Köttfärs 50/50"),
    "nuts": (1.5, "slu_stockholm", "Nötter"), "meat_substitutes": (3, "slu_stockholm", "Köttsubstitut"),
    "cheese": (8, "slu_extrakt", "Ost"), "poultry": (2, "slu_extrakt", "Fågelkött"),
    "bread": (0.8, "slu_extrakt", "Bröd"), "potatoes": (0.1, "slu_extrakt", "Potatis"),
}
FOOD_GLOBAL = {  # group: (value, product in the study)
    "beef": (99.48, "Beef (beef herd)"), "beef_dairy_herd": (33.3, "Beef (dairy herd)"),
    "lamb": (39.72, "Lamb & mutton"), "pork": (12.31, "Pig meat"), "poultry": (9.87, "Poultry meat"),
    "fish": (13.63, "Fish (farmed)"), "prawns": (26.87, "Prawns (farmed)"), "cheese": (23.88, "Cheese"),
    "milk": (3.15, "Milk"), "eggs": (4.67, "Eggs"), "pulses": (1.79, "Other pulses"), "peas": (0.98, "Peas"),
    "tofu": (3.16, "Tofu"), "rice": (4.45, "Rice"), "oatmeal": (2.48, "Oatmeal"),
    "potatoes": (0.46, "Potatoes"), "root_vegetables": (0.43, "Root vegetables"),
    "brassicas": (0.51, "Brassicas"), "tomatoes": (2.09, "Tomatoes"), "coffee": (28.53, "Coffee"),
}

# Spend, kg CO2e per SEK = emissions / payments of a buyer group's category (derived ratio)
SPEND = [  # activity, buyer group (region), price year, kt CO2e, MSEK, source, category text
    ("spend_equipment_materials", "kommun", 2016, 2800, 27600, "upphm_kommuner", "Kommuner: Utrustning och material"),
    ("spend_land_buildings", "kommun", 2016, 3197, 91000, "upphm_kommuner", "Kommuner: Mark och byggnad"),
    ("spend_operations_contracts", "region", 2016, 2000, 66600, "upphm_regioner",
     "Regioner: Drift av hela verksamheter och driftentreprenader"),
    ("spend_equipment_materials", "länsstyrelse", 2016, 87, 642, "upphm_stat", "Länsstyrelser: Utrustning och material"),
    ("spend_services_own_org", "länsstyrelse", 2016, 62, 1300, "upphm_stat",
     "Länsstyrelser: Material och tjänster för egna organisationen"),
    ("spend_land_buildings", "bygg_myndighet", 2016, 1200, 38000, "upphm_stat",
     "Bygg- och infrastrukturmyndigheter: Mark och byggnad"),
    ("spend_equipment_materials", "bygg_myndighet", 2016, 537, 6400, "upphm_stat",
     "Bygg- och infrastrukturmyndigheter: Utrustning och material"),
    ("spend_services_own_org", "högskola", 2016, 160, 4200, "upphm_stat",
     "Högskolor: Material och tjänster för egna organisationen (IT, resor m.m.)"),
    ("spend_equipment_materials", "högskola", 2016, 142, 2200, "upphm_stat",
     "Högskolor: Utrustning och material (lab, möbler, drivmedel)"),
    ("spend_services_own_org", "myndighet", 2016, 655, 17600, "upphm_stat",
     "Övriga myndigheter: Material och tjänster för egna organisationen"),
    ("spend_public_average", "SE", 2019, 23500, 711000, "upphm_offentliga2019",
     "All Swedish public procurement (payments including VAT)"),
]

# Waste (DESNZ 2025), kg CO2e per tonne, cut-off method
WASTE = [
    ("waste_recycling", 4.68568, "recycling (open- and closed-loop: paper and board, plastics, metals, glass, books, "
     "clothing), collection and transport to sorting only: no recycling-process burden, no credit for avoided virgin "
     "material"),
    ("waste_incineration", 4.68568, "any fraction, incineration with energy recovery (collection and transport only)"),
    ("waste_landfill", 497.24244, "household residual waste to landfill"),
    ("waste_food_composting", 8.98311, "food waste, composting or anaerobic digestion"),
    ("waste_food_biogas", 8.98311, "food waste, anaerobic digestion (same DESNZ value as composting)"),
    ("waste_food_landfill", 700.3, "food waste to landfill"),
    ("waste_commercial_landfill", 520.5, "commercial and industrial waste to landfill"),
]


def build_scope3() -> dict[str, list[dict]]:
    travel: list[dict] = []
    for (band, cabin), (rf, norf) in FLIGHTS.items():
        for flag, value in (("rf", rf), ("no_rf", norf)):
            if value is None:
                continue
            travel.append(_row(f"flight-{band}-{cabin}-{flag}", "flight", band, DESNZ_YEAR, DESNZ_YEAR, value,
                               "kg CO2e/pkm", "CO2e", "TTW", "desnz2025",
                               f"DESNZ 2025 {band.replace('_', '-')} {cabin} passenger, "
                               f"{'with' if flag == 'rf' else 'without'} radiative-forcing uplift",
                               gwp=DESNZ_GWP, instrument=f"{flag}/{cabin}"))
        if cabin == "average":
            for flag in ("rf", "no_rf"):
                travel.append(_row(f"flight-{band}-wtt-{flag}", "flight", band, DESNZ_YEAR, DESNZ_YEAR,
                                   FLIGHT_WTT[band], "kg CO2e/pkm", "CO2e", "WTT", "desnz2025",
                                   f"DESNZ 2025 well-to-tank, {band.replace('_', '-')} average passenger",
                                   gwp=DESNZ_GWP, instrument=f"{flag}/average"))
    travel.append(_row("train-market-sj", "train", "SE", SJ_YEAR, SJ_YEAR, 0.0039, "g CO2/pkm", "CO2", "direct",
                       "sj2023", "SJ, all routes, renewable electricity with guarantees of origin (page of about "
                       "2023)", method="market"))
    travel.append(_row("train-location-nordic", "train", "SE", 2016, 2030, 7.0, "g CO2/pkm", "CO2", "direct",
                       "klimatresa", "electric train on the Nordic grid average (Denmark excluded)",
                       method="location", rule=undated()))
    for act, value, unit, note in LAND:
        suffix = "vkm" if unit.endswith("/km") and act == "taxi" else ""
        travel.append(_row(f"{act}-desnz-2025{'-' + suffix if suffix else ''}", act, "SE", DESNZ_YEAR, DESNZ_YEAR,
                           value, unit, "CO2e", "TTW", "desnz2025",
                           f"DESNZ 2025 {note}; UK figure used for lack of a Swedish one; well-to-tank not included",
                           gwp=DESNZ_GWP))
    travel.append(_row("car_hvo100-klimatresa", "car_hvo100", "SE", 2016, 2030, 37.0, "g CO2/km", "CO2", "WTW",
                       "klimatresa", "medium car on HVO100, per vehicle-km, lifecycle-type value as published",
                       rule=undated()))
    travel += _defra2011()
    for country in ("SE", "NO", "DK", "FI", "IS"):
        travel.append(_row(f"hotel_night-{country.lower()}", "hotel_night", country, 2016, 2030, HOTEL_NORDIC,
                           "kg CO2/room_night", "CO2", "lifecycle", "klimatsmart_hotel",
                           "average hotel, per guest night (taken as one room night for a single traveller); "
                           + ("Swedish survey" if country == "SE" else "Swedish survey applied to the Nordic country"),
                           rule=undated()))
    for country, value in HOTELS_DESNZ.items():
        travel.append(_row(f"hotel_night-{country.lower()}-desnz", "hotel_night", country, DESNZ_YEAR, DESNZ_YEAR,
                           value, "kg CO2e/room_night", "CO2e", "lifecycle", "desnz2025",
                           f"DESNZ 2025 hotel stay, {country}, per room night", gwp=DESNZ_GWP))
    for act in ("walk", "bicycle"):
        travel.append(_row(f"{act}-zero", act, "SE", 1990, 2100, 0.0, "kg CO2/pkm", "CO2", "direct", "method_active",
                           "no vehicle energy use (operational boundary)"))

    food: list[dict] = []
    for group, (value, source, name) in FOOD_SE.items():
        food.append(_row(f"food_{group}-se", f"food_{group}", "SE", SLU_YEAR, SLU_YEAR, value, "kg CO2e/kg", "CO2e",
                         "lifecycle", source, f"SLU Mat-klimat-listan category '{name}', Swedish consumption",
                         gwp="not stated"))
    for group, (value, name) in FOOD_GLOBAL.items():
        food.append(_row(f"food_{group}-global", f"food_{group}", "global", POORE_YEAR, POORE_YEAR, value, "kg CO2e/kg", "CO2e",
                         "lifecycle", "poore2018", f"Poore & Nemecek (2018) global mean, '{name}'",
                         gwp="GWP100 as used by Poore & Nemecek (2018)"))

    spend: list[dict] = []
    for act, buyer, year, kt, msek, source, text in SPEND:
        spend.append(_row(f"{act}-{buyer.lower().replace('ä', 'a').replace('ö', 'o')}-{year}", act, buyer, year,
                          year, round(kt / msek, 6), "kg CO2e/SEK", "CO2e", "lifecycle", source,
                          f"{text}: {kt} kt CO2e / {msek} MSEK = {kt / msek:.4f} kg CO2e/SEK in {year} prices "
                          "(derived ratio; input-output estimate)", gwp="not stated", derived=True))

    waste = [_row(f"{act}-desnz-2025", act, "SE", DESNZ_YEAR, DESNZ_YEAR, value, "kg CO2e/t", "CO2e", "lifecycle",
                  "desnz2025", f"DESNZ 2025 {note}, cut-off method" + ("" if act == "waste_recycling" else
                                                                      " (the energy recovered is not credited)"),
                  gwp=DESNZ_GWP)
             for act, value, note in WASTE]
    return {"travel.csv": travel, "food.csv": food, "spend.csv": spend, "waste.csv": waste}


def _defra2011() -> list[dict]:
    """DEFRA 2011 flights and cars: direct without RF as published; with RF = × 1.9 as DEFRA then advised."""
    from factors_history import DEFRA2011_CARS, DEFRA2011_FLIGHTS
    from factors_history import DEFRA2011_RF_MULTIPLIER as RF

    rows: list[dict] = []
    gwp = "not stated (DEFRA 2011)"
    for (band, cabin), (direct, wtt) in DEFRA2011_FLIGHTS.items():
        text = f"DEFRA 2011 {band.replace('_', '-')} {cabin} passenger"
        wtt_text = f"; well-to-tank {wtt} kg CO2e/pkm given separately" if wtt is not None else ""
        rows.append(_row(f"flight-{band}-{cabin}-rf-2011", "flight", band, 2011, 2011, round(direct * RF, 5),
                         "kg CO2e/pkm", "CO2e", "TTW", "defra2011",
                         f"{text}, with radiative forcing: direct {direct} kg CO2e/pkm × {RF} (the multiplier DEFRA "
                         f"advised in 2011; the edition publishes no with-RF factor){wtt_text}", gwp=gwp,
                         instrument=f"rf/{cabin}", derived=True))
        if cabin == "average":
            rows.append(_row(f"flight-{band}-{cabin}-no_rf-2011", "flight", band, 2011, 2011, direct, "kg CO2e/pkm",
                             "CO2e", "TTW", "defra2011", f"{text}, without radiative forcing (direct){wtt_text}",
                             gwp=gwp, instrument=f"no_rf/{cabin}"))
        if wtt is not None:
            for flag in ("rf", "no_rf"):
                rows.append(_row(f"flight-{band}-wtt-{flag}-2011", "flight", band, 2011, 2011, wtt, "kg CO2e/pkm",
                                 "CO2e", "WTT", "defra2011", f"{text}, well-to-tank (indirect)", gwp=gwp,
                                 instrument=f"{flag}/{cabin}"))
    for act, (direct, wtt, text) in DEFRA2011_CARS.items():
        rows.append(_row(f"{act}-defra-2011", act, "SE", 2011, 2011, direct, "kg CO2e/km", "CO2e", "TTW", "defra2011",
                         f"DEFRA 2011 {text}, per vehicle-km; UK figure used for lack of a Swedish one; well-to-tank "
                         + (f"{wtt} kg CO2e/km in the edition, not included (as in the 2025 rows)" if wtt is not None
                            else "not included"), gwp=gwp))
    return rows
