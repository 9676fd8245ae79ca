"""District-heating and district-cooling rows (networks) and their supply shares.

Every published figure appears once, next to its source id. Imported by
tools/build_factors.py; not part of the installed package.

Boundaries: ``direct`` = the network's own and bought emissions (VMK "förbränning", the
customer's scope 2); ``WTT`` = fuel production and transport (VMK "transport och produktion av
bränslen", the customer's scope 3 category 3); ``lifecycle`` = only the VMK total was published.

No national default (region ``SE``) is bundled: Energiföretagen's national average was not found
in any reachable source, and the networks below are too few to stand for the country. Users give
their network's value, or a national value of their choice, as a factor row.
"""

from __future__ import annotations

PUBLIC_FIGURES = "figures quoted with attribution from a public document"
VMK = "VMK (Värmemarknadskommittén)"

SOURCES = [
    dict(source_id="energiforetagen_malmo", publisher="Malmö stad, Miljöbarometern (data: Energiföretagen Sverige)",
         title="Fjärrvärmens växthusgasutsläpp (nyckeltal SE.1.2.5)", edition="2012–2022", year="2023",
         url="https://miljobarometern.malmo.se/klimat/utslapp-av-vaxthusgaser/fjarrvarmens-koldioxidutslapp/table/",
         licence=PUBLIC_FIGURES, seen_in="secondary (transcription of Energiföretagen's local values)",
         note="local miljövärden for non-ecolabelled district heating, g CO2e/kWh delivered, total only"),
    dict(source_id="miljobarometern_fossil", publisher="Malmö stad, Miljöbarometern (data: Energiföretagen Sverige)",
         title="Fjärrvärmens fossilinnehåll (nyckeltal SE.3.2.4)", edition="2012–2018; 2023", year="2024",
         url="http://miljobarometern.malmo.se/energi/fornybara-energikallor/fjarrvarmens-fossilinnehall/table/",
         licence=PUBLIC_FIGURES, seen_in="secondary (transcription of Energiföretagen's local values)",
         note="fossil share (coal, fossil oil, natural gas) of the fuel input, %; 2023 values from the compare view "
              "https://malmo2.miljobarometern.se/energi/fornybara-energikallor/fjarrvarmens-fossilinnehall/"
              "v%C3%A4ster%C3%A5s/compare (non-ecolabelled heat; rows matched to towns by the page's comment)"),
    dict(source_id="tekniskaverken2022", publisher="Tekniska verken i Linköping", title="Miljövärden för fjärrvärme 2022",
         edition="2022", year="2023", url="https://www.tekniskaverken.se/foretag/fjarrvarme/miljovarde-fjarrvarme/",
         licence=PUBLIC_FIGURES, seen_in="primary (company page)",
         note="90 g CO2e/kWh = combustion 86.5 + fuel transport 3.8 (83.4 of the total from waste)"),
    dict(source_id="gavle2019", publisher="Gävle Energi", title="Fjärrvärme – Miljövärden (table 2010–2019)",
         edition="2010–2019", year="2020",
         url="https://www.gavleenergi.se/om-oss/miljo-och-hallbarhet/fjarrvarme/", licence=PUBLIC_FIGURES,
         seen_in="primary (company page)",
         note="CO2e g/kWh (VMK total) and renewable share per year; table cells run together in the stored copy "
              "(e.g. '20186804,31000,02' = 2018 | 680 GWh | 4,3 | 100 % | PEF 0,02), read by column count"),
    dict(source_id="vattenfall_askersund", publisher="Vattenfall",
         title="Miljövärden och hållbarhet – Lokala miljövärden från våra orter: Askersund", edition="2020–2024",
         year="2025", url="https://www.vattenfall.se/foretag/varme-kyla/miljovarden/", licence=PUBLIC_FIGURES,
         seen_in="primary (company page)",
         note="CO2e enligt VMK: förbränning (customers' scope 2) and transport och produktion av bränslen "
              "(customers' scope 3), kg/MWh = g/kWh delivered; CO2, N2O and CH4"),
    dict(source_id="sfab2019", publisher="Södertörns Fjärrvärme AB (Huddinge, Botkyrka, Salem)",
         title="Miljövärden 2019", edition="2019", year="2020",
         url="https://www.sfab.se/hallbarhet/miljo-och-ekologisk-hallbarhet/miljovarden-och-branslen/",
         licence=PUBLIC_FIGURES, seen_in="primary (company page)",
         note="VMK method; 'Emission av växthusgaser: CO2 från förbränning 24,59 g/kWh, CO2 från transport och "
              "produktion av bränslen 3,24 g/kWh'; fuel mix återvunnet 69.05 %, förnybart 20.31 %, övrigt (bought hot "
              "water, renewable or recovered) 9.58 %, fossilt 1.06 %"),
    dict(source_id="habo2021", publisher="Habo Energi", title="Lokala miljövärden 2021 – Habo", edition="2021",
         year="2022", url="https://www.haboenergi.se/fjarrvarme-och-miljo-privat/", licence=PUBLIC_FIGURES,
         seen_in="primary (company page)",
         note="förbränning 18, transport och produktion av bränslen 10 g CO2 ekv/kWh; fossil 1.3 %, återvunnen 0 %, "
              "förnybart 97.8 %; primärenergifaktor 0.13"),
    dict(source_id="ena2021", publisher="ENA Energi (Enköping)", title="Miljövärden", edition="2020–2021", year="2022",
         url="https://www.enae.se/miljo/miljovarden/", licence=PUBLIC_FIGURES, seen_in="primary (company page)",
         note="'CO2 utsläppet blev 2,99 gram /kWh' (2021) and 1,6 (2020); the page's VMK text says the climate figure "
              "covers CO2, CH4 and N2O from combustion and fuel production and transport (total, not split)"),
    dict(source_id="umea2022", publisher="Umeå Energi", title="Ursprungsmärkning, utsläpp och miljöpåverkan",
         edition="2022", year="2023", url="https://www.umeaenergi.se/om-oss/hallbarhet/ursprungsmarkning-och-utslapp",
         licence=PUBLIC_FIGURES, seen_in="primary (company page)",
         note="district heating 51 g CO2/kWh, district cooling 33 g CO2/kWh; CO2 only, company method; supply "
              "shares (återvunnen/förnybar/fossil) for heating and cooling"),
    dict(source_id="boden2023", publisher="Bodens Energi", title="Miljö – Fjärrvärmens energimix", edition="2022–2023",
         year="2024", url="https://bodensenergi.se/fjarrvarme/miljo/", licence=PUBLIC_FIGURES,
         seen_in="primary (company page)",
         note="energy mix återvunnen/förnybar/fossilt/övrigt; 2023 fossil CO2 rose partly from a new measuring method "
              "('påsmetoden')"),
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

#: VMK totals (g CO2e/kWh, non-ecolabelled heat) by network and year: Energiföretagen via Miljöbarometern Malmö.
DH_TOTALS = {
    "Malmö": {2012: 137, 2013: 140, 2014: 139, 2015: 127, 2016: 141, 2017: 144, 2018: 159,
              2019: 118.9, 2020: 78.0, 2021: 135.0, 2022: 119.4},
    "Göteborg": {2012: 79, 2013: 87, 2014: 56, 2015: 53, 2016: 79, 2017: 58, 2018: 73,
                 2019: 74.0, 2020: 48.0, 2021: 62.0, 2022: 64.9},
    "Lund": {2012: 93, 2013: 86, 2014: 94, 2015: 37, 2016: 38, 2017: 25, 2018: 15,
             2019: 9.0, 2020: 11.0, 2021: 10.0, 2022: 11.1},
    "Stockholm": {2012: 76, 2013: 90, 2014: 82, 2015: 90, 2016: 70, 2017: 71, 2018: 82,
                  2019: 65.0, 2020: 52.0, 2021: 46.0, 2022: 58.2},
    "Västerås": {2012: 228, 2013: 213, 2014: 175, 2015: 137, 2016: 119, 2017: 114, 2018: 114,
                 2019: 89.0, 2020: 52.0, 2021: 59.0, 2022: 54.9},
}
#: Fossil share of the fuel input, % (same source family); 2023 for non-ecolabelled heat only.
DH_FOSSIL_PCT = {
    "Malmö": {2012: 36, 2013: 38, 2014: 31, 2015: 29, 2016: 38, 2017: 30, 2018: 33, 2023: 2.3},
    "Göteborg": {2012: 17, 2013: 18, 2014: 9, 2015: 8, 2016: 18, 2017: 8, 2018: 12, 2023: 11.0},
    "Lund": {2012: 21, 2013: 18, 2014: 12, 2015: 5, 2016: 2, 2017: 0, 2018: 0.3, 2023: 0.0},
    "Stockholm": {2012: 12, 2013: 12, 2014: 11, 2015: 13, 2016: 9, 2017: 10, 2018: 12, 2023: 2.0},
    "Västerås": {2012: 24, 2013: 43, 2014: 20, 2015: 9, 2016: 6, 2017: 8, 2018: 7, 2023: 0.9},
}
#: Gävle Energi: year -> (g CO2e/kWh VMK total, renewable share %).
GAVLE = {2010: (37.14, 91.7), 2011: (19.06, 96.4), 2012: (15.34, 97.4), 2013: (10.41, 99.1), 2014: (6.74, 99.7),
         2015: (5.40, 99.9), 2016: (7.82, 99.3), 2017: (3.91, 99.9), 2018: (4.3, 100.0), 2019: (4.19, 99.95)}
#: Vattenfall Askersund: year -> (förbränning, transport och produktion av bränslen), g CO2e/kWh.
ASKERSUND = {2020: (15.90, 8.0), 2021: (27.10, 9.0), 2022: (19.92, 8.7), 2023: (25.44, 9.31), 2024: (40.41, 10.05)}
#: Split rows (network, activity, year, direct, WTT, source, note prefix).
SPLIT = [
    ("Linköping", "district_heating", 2022, 86.5, 3.8, "tekniskaverken2022", "Tekniska verken"),
    ("Södertälje", "district_heating", 2023, 44.0, 4.5, "telge2023", "Telge Energi"),
    ("Södertörn", "district_heating", 2019, 24.59, 3.24, "sfab2019",
     "Södertörns Fjärrvärme (Huddinge, Botkyrka, Salem; the page labels both parts 'CO2' under its VMK greenhouse-gas "
     "heading)"),
    ("Habo", "district_heating", 2021, 18.0, 10.0, "habo2021", "Habo Energi"),
    ("Växjö", "district_cooling", 2023, 3.728, 6.448, "veab2023", "Växjö Energi district cooling"),
]
#: Supply shares from company pages: (activity, network, year, renewable, recovered, fossil, basis, source, note).
SHARES = [
    ("district_heating", "Södertörn", 2019, 0.2031, 0.6905, 0.0106, "fuel mix (bränslemix)", "sfab2019",
     "9.58 % 'övrigt' (bought hot water, renewable or recovered) is in neither column"),
    ("district_heating", "Habo", 2021, 0.978, 0.0, 0.013, "supplied energy to heat production (VMK)", "habo2021",
     "remaining 0.9 % electricity from nuclear power"),
    ("district_heating", "Umeå", 2022, 0.42, 0.57, 0.01, "energy sources of delivered heat (company disclosure)",
     "umea2022", "523.6 GWh recovered, 387.6 GWh renewable, 13 GWh fossil"),
    ("district_cooling", "Umeå", 2022, 0.61, 0.38, 0.01, "energy sources of delivered cooling (company disclosure)",
     "umea2022", "3.5 GWh recovered, 5.5 GWh renewable, 0.08 GWh fossil"),
    ("district_heating", "Boden", 2022, 0.0476, 0.9466, 0.0052, "energy mix (fjärrvärmens energimix)", "boden2023",
     "övrigt 0.06 %"),
    ("district_heating", "Boden", 2023, 0.0432, 0.9406, 0.0162, "energy mix (fjärrvärmens energimix)", "boden2023",
     "övrigt 0 %; fossil share rose partly from a new measuring method"),
]


def _slug(name: str) -> str:
    return name.casefold().translate(str.maketrans({"å": "a", "ä": "a", "ö": "o"})).replace(" ", "_")


def build_heat() -> tuple[list[dict], list[dict]]:
    """The heat.csv rows and the networks' supply-share rows (energy_shares.csv)."""
    heat: list[dict] = []
    shares: list[dict] = []

    def hrow(fid, activity, region, year, value, gas, boundary, source, note, derived=False):
        heat.append(dict(factor_id=fid, activity=activity, region=region, valid_from=year, valid_to=year, value=value,
                         unit=f"g {gas}/kWh", gas=gas, boundary=boundary, gwp=VMK if gas == "CO2e" else "", method="",
                         instrument="", source_id=source, derived=str(derived).lower(), note=note))

    def srow(activity, region, year, source, note, *, renewable="", recovered="", fossil="", basis=""):
        fossil_free = "" if fossil == "" else round(1 - fossil, 6)
        shares.append(dict(activity=activity, region=region, year=year, renewable_share=renewable,
                           fossil_free_share=fossil_free, recovered_share=recovered, fossil_share=fossil,
                           basis=basis, source_id=source, derived="false", note=note))

    for network, series in DH_TOTALS.items():
        for year, value in series.items():
            hrow(f"district_heating-{_slug(network)}-{year}", "district_heating", network, year, value, "CO2e",
                 "lifecycle", "energiforetagen_malmo",
                 f"{network}: local miljövärde {year}, non-ecolabelled district heating; VMK total (combustion + fuel "
                 "production and transport), published only as a total")
    for network, series in DH_FOSSIL_PCT.items():
        for year, pct in series.items():
            srow("district_heating", network, year, "miljobarometern_fossil",
                 f"{network} {year}: {pct} % fossil fuel (coal, fossil oil, natural gas)"
                 + (", non-ecolabelled heat" if year >= 2019 else ""),
                 fossil=round(pct / 100, 6), basis="fuel input (VMK fossil share)")
    for year, (value, renewable) in GAVLE.items():
        hrow(f"district_heating-gavle-{year}", "district_heating", "Gävle", year, value, "CO2e", "lifecycle",
             "gavle2019", f"Gävle Energi local miljövärde {year}, VMK total (not split on the page)")
        srow("district_heating", "Gävle", year, "gavle2019", f"Gävle Energi {year}: andel förnybart {renewable} %",
             renewable=round(renewable / 100, 6), basis="renewable share of supplied energy (VMK)")
    for year, (direct, wtt) in ASKERSUND.items():
        hrow(f"district_heating-askersund-{year}-direct", "district_heating", "Askersund", year, direct, "CO2e",
             "direct", "vattenfall_askersund", f"Vattenfall Askersund {year}: VMK förbränning (scope 2)")
        hrow(f"district_heating-askersund-{year}-wtt", "district_heating", "Askersund", year, wtt, "CO2e", "WTT",
             "vattenfall_askersund", f"Vattenfall Askersund {year}: VMK transport och produktion av bränslen (scope 3)")
    for network, activity, year, direct, wtt, source, who in SPLIT:
        fid = f"{activity}-{_slug(network)}-{year}"
        hrow(f"{fid}-direct", activity, network, year, direct, "CO2e", "direct", source,
             f"{who}: VMK combustion part (scope 2)")
        hrow(f"{fid}-wtt", activity, network, year, wtt, "CO2e", "WTT", source,
             f"{who}: VMK fuel production and transport part (scope 3)")
    for year, value in ((2020, 1.6), (2021, 2.99)):
        hrow(f"district_heating-enkoping-{year}", "district_heating", "Enköping", year, value, "CO2e", "lifecycle",
             "ena2021", f"ENA Energi {year}: 'CO2 utsläppet' read as the VMK total (combustion + fuel production "
             "and transport, CO2, CH4, N2O), published only as a total")
    hrow("district_heating-umea-2022", "district_heating", "Umeå", 2022, 51.0, "CO2", "direct", "umea2022",
         "Umeå Energi, CO2 only (company method)")
    hrow("district_cooling-umea-2022", "district_cooling", "Umeå", 2022, 33.0, "CO2", "direct", "umea2022",
         "Umeå Energi district cooling, CO2 only (company method)")
    for activity, network, year, renewable, recovered, fossil, basis, source, note in SHARES:
        srow(activity, network, year, source, note, renewable=renewable, recovered=recovered, fossil=fossil,
             basis=basis)
    return heat, shares
