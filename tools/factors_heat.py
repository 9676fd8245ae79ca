"""District-heating and district-cooling rows (networks, national default) and their supply shares.

Every published figure appears once, next to its source id. Imported by
tools/build_factors.py; not part of the installed package.
"""

from __future__ import annotations

PUBLIC_FIGURES = "figures quoted with attribution from a public document"

SOURCES = [
    dict(source_id="energiforetagen_malmo", publisher="Malmö stad, Miljöbarometern (data: Energiföretagen Sverige)",
         title="Fjärrvärmens växthusgasutsläpp (nyckeltal SE.1.2.5)", edition="2019–2022", year="2023",
         url="https://miljobarometern.malmo.se/klimat/utslapp-av-vaxthusgaser/fjarrvarmens-koldioxidutslapp/table/",
         licence=PUBLIC_FIGURES, seen_in="secondary (transcription of Energiföretagen's local values)",
         note="local miljövärden for non-ecolabelled district heating, g CO2e/kWh delivered"),
    dict(source_id="tekniskaverken2022", publisher="Tekniska verken i Linköping", title="Miljövärden för fjärrvärme 2022",
         edition="2022", year="2023", url="https://www.tekniskaverken.se/foretag/fjarrvarme/miljovarde-fjarrvarme/",
         licence=PUBLIC_FIGURES, seen_in="primary (company page)",
         note="90 g CO2e/kWh = combustion 86.5 + fuel transport 3.8 (83.4 of the total from waste)"),
    dict(source_id="gavle2019", publisher="Gävle Energi", title="Fjärrvärme miljövärden", edition="2019", year="2020",
         url="https://www.gavleenergi.se/om-oss/miljo-och-hallbarhet/fjarrvarme/", licence=PUBLIC_FIGURES,
         seen_in="primary (company page)", note="4.19 g CO2e/kWh"),
    dict(source_id="umea2022", publisher="Umeå Energi", title="Ursprungsmärkning, utsläpp och miljöpåverkan",
         edition="2022", year="2023", url="https://www.umeaenergi.se/om-oss/hallbarhet/ursprungsmarkning-och-utslapp",
         licence=PUBLIC_FIGURES, seen_in="primary (company page)",
         note="district heating 51 g CO2/kWh, district cooling 33 g CO2/kWh; CO2 only, company method"),
    dict(source_id="telge2023", publisher="Telge Energi (Södertälje)", title="Miljövärden – Miljöbokslut fjärrvärme 2023",
         edition="2023", year="2024",
         url="https://www.telge.se/foretag/fjarrvarme-energi/om-fjarrvarme/hallbar-fjarrvarme/miljovarden/",
         licence=PUBLIC_FIGURES, seen_in="primary (company page)",
         note="44 g CO2e/kWh from combustion (of which waste 34) + 4.5 g CO2e/kWh fuel production and transport"),
    dict(source_id="veab2023", publisher="Växjö Energi", title="Miljövärden fjärrkyla 2023", edition="2023", year="2024",
         url="https://www.veab.se/foretag/fjarrkyla/miljovarden/", licence=PUBLIC_FIGURES,
         seen_in="primary (company page)",
         note="district cooling: combustion 3.728 + fuel production/transport 6.448 g CO2e/kWh"),
]

DH_NETWORKS = {  # network: {year: g CO2e/kWh}  (Energiföretagen via Miljöbarometern Malmö)
    "Malmö": {2019: 118.9, 2020: 78.0, 2021: 135.0, 2022: 119.4},
    "Göteborg": {2019: 74.0, 2020: 48.0, 2021: 62.0, 2022: 64.9},
    "Lund": {2019: 9.0, 2020: 11.0, 2021: 10.0, 2022: 11.1},
    "Stockholm": {2019: 65.0, 2020: 52.0, 2021: 46.0, 2022: 58.2},
    "Västerås": {2019: 89.0, 2020: 52.0, 2021: 59.0, 2022: 54.9},
}


def build_heat() -> tuple[list[dict], list[dict]]:
    """The heat.csv rows and the networks' supply-share rows (energy_shares.csv)."""
    heat: list[dict] = []
    shares: list[dict] = []

    def hrow(fid, activity, region, y0, y1, value, unit, gas, boundary, source, note, derived=False, gwp="VMK (Värmemarknadskommittén)"):
        heat.append(dict(factor_id=fid, activity=activity, region=region, valid_from=y0, valid_to=y1, value=value,
                         unit=unit, gas=gas, boundary=boundary, gwp=gwp if gas == "CO2e" else "", method="",
                         instrument="", source_id=source, derived=str(derived).lower(), note=note))

    slug = {"Malmö": "malmo", "Göteborg": "goteborg", "Lund": "lund", "Stockholm": "stockholm", "Västerås": "vasteras"}
    for network, series in DH_NETWORKS.items():
        for year, value in series.items():
            hrow(f"district_heating-{slug[network]}-{year}", "district_heating", network, year, year, value,
                 "g CO2e/kWh", "CO2e", "lifecycle", "energiforetagen_malmo",
                 f"{network}: local miljövärde {year}, non-ecolabelled district heating")
    hrow("district_heating-linkoping-2022-direct", "district_heating", "Linköping", 2022, 2022, 86.5, "g CO2e/kWh",
         "CO2e", "direct", "tekniskaverken2022", "Tekniska verken: combustion part")
    hrow("district_heating-linkoping-2022-wtt", "district_heating", "Linköping", 2022, 2022, 3.8, "g CO2e/kWh",
         "CO2e", "WTT", "tekniskaverken2022", "Tekniska verken: fuel transport part")
    hrow("district_heating-gavle-2019", "district_heating", "Gävle", 2019, 2019, 4.19, "g CO2e/kWh", "CO2e",
         "lifecycle", "gavle2019", "Gävle Energi local miljövärde")
    hrow("district_heating-umea-2022", "district_heating", "Umeå", 2022, 2022, 51.0, "g CO2/kWh", "CO2", "direct",
         "umea2022", "Umeå Energi, CO2 only (company method)")
    hrow("district_heating-sodertalje-2023-direct", "district_heating", "Södertälje", 2023, 2023, 44.0, "g CO2e/kWh",
         "CO2e", "direct", "telge2023", "Telge Energi: combustion incl. waste (scope 2 part)")
    hrow("district_heating-sodertalje-2023-wtt", "district_heating", "Södertälje", 2023, 2023, 4.5, "g CO2e/kWh",
         "CO2e", "WTT", "telge2023", "Telge Energi: fuel production and transport (scope 3 part)")
    hrow("district_cooling-vaxjo-2023-direct", "district_cooling", "Växjö", 2023, 2023, 3.728, "g CO2e/kWh", "CO2e",
         "direct", "veab2023", "Växjö Energi district cooling: combustion part")
    hrow("district_cooling-vaxjo-2023-wtt", "district_cooling", "Växjö", 2023, 2023, 6.448, "g CO2e/kWh", "CO2e",
         "WTT", "veab2023", "Växjö Energi district cooling: fuel production and transport part")
    hrow("district_cooling-umea-2022", "district_cooling", "Umeå", 2022, 2022, 33.0, "g CO2/kWh", "CO2", "direct",
         "umea2022", "Umeå Energi district cooling, CO2 only (company method)")

    return heat, shares
