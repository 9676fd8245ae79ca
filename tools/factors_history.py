"""Figures for the years before the 2016 edition, and the yearly shares of blends, for tools/build_factors.py.

Every published figure appears once, next to its source id. The rows built from them
(pump blends of a year, vehicle gas of a year, older UK travel editions) are assembled
in build_factors.py, which holds the 2016 reference figures they are combined with.
Imported by build_factors.py; not part of the installed package.
"""

from __future__ import annotations

QUOTED = "figures quoted with attribution from a public document"
SE_AUTHORITY = "Swedish public authority information; " + QUOTED

SOURCES = [
    dict(source_id="b2e_2030sek", publisher="2030-sekretariatet (data: Energimyndigheten, SCB)",
         title="Indikator B2E: Förnybar andel i låginblandad diesel (table view)", edition="data to 2022",
         year="2023",
         url="http://2030.miljobarometern.se/nationella-indikatorer/branslet/fornybar-andel-i-drivmedel-av-olika-typ-b2e/"
             "laginblandad-diesel/table/",
         licence=QUOTED, seen_in="secondary (indicator table citing Energimyndigheten Drivmedel 2022 and SCB)",
         note="renewable share (FAME + HVO) and FAME share of low-blend pump diesel, vol-% per year 2010–2022; "
              "2023 and 2024 not on the stored page"),
    dict(source_id="sem_drivmedel2018", publisher="Energimyndigheten (Swedish Energy Agency)",
         title="Drivmedel 2018: redovisning av rapporterade uppgifter enligt drivmedelslagen, hållbarhetslagen och "
               "reduktionsplikten (ER 2019:14)", edition="ER 2019:14", year="2019",
         url="https://vdocuments.site/drivmedel-2018-energimyndigheten-2019-06-28-och-bensin-frn-17-procent-volvol.html",
         licence=SE_AUTHORITY, seen_in="secondary (report text in a third-party copy)",
         note="renewable share vol/vol: diesel 17 % (2015) and 23 % (2018); petrol 4.9 % (2015) and 6.3 % (2018); "
              "whether HVO100/B100 are inside 'diesel' is not visible in the excerpt"),
    dict(source_id="energigas_2014", publisher="Energigas Sverige (via AktuellHållbarhet)",
         title="Fortsatt hög andel biogas i fordonsgasen", edition="2015", year="2015",
         url="https://www.aktuellhallbarhet.se/fortsatt-hog-andel-biogas-i-fordonsgasen/",
         licence=QUOTED, seen_in="secondary (trade press quoting the association)",
         note="biogas share of vehicle gas delivered 2014 'över 70 procent' (a lower bound); basis not stated"),
    dict(source_id="energigas_scb_2017", publisher="SCB via Energigas Sverige (Effektmagasin)",
         title="Ökad andel biogas i fordonsgasen", edition="2018", year="2018",
         url="https://effektmagasin.se/okad-andel-biogas-i-fordonsgasen/",
         licence=QUOTED, seen_in="secondary (trade press quoting SCB statistics)",
         note="biogas share of vehicle gas delivered: 73 % (2016), 86 % (2017); basis not stated"),
    dict(source_id="svenskenergi_rm", publisher="Svensk Energi (now Energiföretagen Sverige)",
         title="Hur mycket koldioxid medför din elanvändning?", edition="page as labelled 2014", year="2014",
         url="http://www.svenskenergi.se/Elfakta/Miljo-och-klimat/Klimatpaverkan/"
             "Hur-mycket-koldioxid-medfor-din-elanvandning/",
         licence=QUOTED, seen_in="primary (industry association page)",
         note="electricity of unknown origin (Nordic residual mix) 344 g CO2/kWh, labelled 2014 on the page; "
              "it may be the figure for 2013 production published in 2014"),
    dict(source_id="nyteknik_rm2015", publisher="Ny Teknik survey (via Ekocentrum)",
         title="Facit: mindre kärnkraft, mer förnybart", edition="2016", year="2016",
         url="https://www.ekocentrum.se/facit-mindre-karnkraft-mer-fornybart/",
         licence=QUOTED, seen_in="secondary (magazine survey of suppliers)",
         note="Nordic residual mix as used by suppliers for 2015 sales: nuclear 40.8 %, renewable 17.1 %, "
              "fossil 42.1 %; which Ei publication is meant is not stated"),
    dict(source_id="defra2011", publisher="UK DEFRA/DECC (via the AMEE dataset)",
         title="2011 Guidelines to Defra/DECC's GHG Conversion Factors for Company Reporting",
         edition="2011 (inferred from the AMEE changelog)", year="2011",
         url="https://github.com/mamhoff/datasets",
         licence="Open Government Licence",
         seen_in="secondary (AMEE dataset transport/defra/passenger/data.csv and transport/defra/vehicle/data.csv)",
         note="direct factors exclude radiative forcing; DEFRA then advised multiplying aviation CO2e by 1.9 for "
              "radiative forcing; well-to-tank (indirect) given separately; GWP basis not stated (AR2/AR4 era)"),
    dict(source_id="red_annex3", publisher="European Parliament and Council",
         title="Directive 2009/28/EC (Renewable Energy Directive), Annex III: energy content of transport fuels",
         edition="2009", year="2009", url="https://eur-lex.europa.eu/eli/dir/2009/28/oj",
         licence="EU legal text, reuse permitted", seen_in="primary (directive annex)",
         note="bioethanol 21 MJ/l (27 MJ/kg)"),
]

# 2030-sekretariatet B2E: low-blend pump diesel, vol-% (FAME + HVO, FAME).
DIESEL_BLEND_VOL = {
    2010: (5.6, 5.6), 2011: (6.8, 5.7), 2012: (8.3, 5.8), 2013: (12.5, 5.6), 2014: (15.5, 5.7),
    2015: (19.8, 5.2), 2016: (24.9, 5.4), 2017: (20.4, 4.7), 2018: (23.0, 5.5), 2019: (23.3, 5.8),
    2020: (24.4, 5.5), 2021: (26.8, 4.7), 2022: (33.6, 4.8),
}
# Energimyndigheten Drivmedel 2018: renewable share of petrol, vol-% (ethanol in the E5 era).
PETROL_ETHANOL_VOL = {2015: 4.9, 2018: 6.3}
# Biogas share of delivered vehicle gas (basis not stated; used as an energy share).
FORDONSGAS_BIO = {2014: ("energigas_2014", 70.0, "'över 70 procent', a lower bound: the fossil part is an upper bound"),
                  2017: ("energigas_scb_2017", 86.0, "")}
FORDONSGAS_BIO_2016_SCB = 73.0   # SCB via Energigas Sverige, 2016 (the 2016 factor rows use Energimyndigheten's WTW)
ETHANOL_MJ_PER_L = 21.0          # RED Annex III

# Electricity: residual mix of unknown-origin electricity, and residual-mix compositions (%).
SVENSKENERGI_RESIDUAL_2014 = 344.0   # g CO2/kWh, labelled 2014
RESIDUAL_MIX_SHARES = {  # year: (source, renewable %, nuclear %, fossil %)
    2015: ("nyteknik_rm2015", 17.1, 40.8, 42.1),
    2019: ("ei_rm2019", 5.31, 48.17, 46.52),
    2021: ("ei_rm2021", 12.83, 32.06, 55.11),
    2023: ("ei_rm2023", 6.51, 14.68, 78.82),
}

# DEFRA 2011 (AMEE), kg CO2e per passenger-km, direct without radiative forcing, and the separate WTT.
DEFRA2011_FLIGHTS = {  # (band, cabin): (direct without RF, WTT or None)
    ("domestic", "average"): (0.16484, 0.03034),
    ("short_haul", "average"): (0.09684, 0.01783),
    ("long_haul", "average"): (0.11146, 0.02053),
    ("short_haul", "economy"): (0.09229, None),
    ("long_haul", "economy"): (0.08137, None),
    ("long_haul", "business"): (0.23596, None),
}
DEFRA2011_RF_MULTIPLIER = 1.9
# DEFRA 2011 cars, kg CO2e per vehicle-km (direct), with the WTT stated in the note.
DEFRA2011_CARS = {  # activity: (direct, WTT or None, text)
    "car_petrol": (0.20864, 0.03707, "average petrol car (UK fleet)"),
    "car_diesel": (0.19354, 0.03680, "average diesel car (UK fleet)"),
    "car_unknown": (0.20459, None, "average car, unknown fuel (UK fleet)"),
    "rental_car": (0.20459, None, "rental car taken as the average car of unknown fuel (UK fleet)"),
}


def energy_share(vol_parts: dict[str, float], mj_per_l: dict[str, float], base: str) -> dict[str, float]:
    """Energy shares of a blend from its volume shares (%) and heating values (MJ/l); ``base`` fills the rest.

    Examples
    --------
    >>> s = energy_share({"fame": 10.0}, {"fame": 33.0, "fossil": 36.0}, "fossil")
    >>> round(s["fame"], 4)
    0.0924
    """
    parts = dict(vol_parts)
    parts[base] = 100.0 - sum(vol_parts.values())
    energy = {k: v * mj_per_l[k] for k, v in parts.items()}
    total = sum(energy.values())
    return {k: e / total for k, e in energy.items()}
