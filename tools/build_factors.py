"""Build the bundled emission-factor dataset (``emission_factors/``) from cited figures.

Every published figure appears exactly once below, next to the source it comes
from. Rows that are computed from published figures (year-specific pump-fuel
blends, well-to-tank parts, Entonox) are written with ``derived = true`` and a note
that states the formula. Run from the repository root::

    python tools/build_factors.py          # rewrite emission_factors/*.csv + manifest
    python tools/build_factors.py --check  # fail if the files differ from a rebuild

The test suite runs ``--check`` so the shipped files never drift from this script.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from factors_history import (  # noqa: E402
    DIESEL_BLEND_VOL,
    ETHANOL_MJ_PER_L,
    FORDONSGAS_BIO,
    FORDONSGAS_BIO_2016_SCB,
    PETROL_ETHANOL_VOL,
    RESIDUAL_MIX_SHARES,
    SVENSKENERGI_RESIDUAL_2014,
    energy_share,
)
from factors_history import SOURCES as HISTORY_SOURCES  # noqa: E402
from factors_uncertainty import SOURCES as UNCERTAINTY_SOURCES  # noqa: E402
from factors_uncertainty import profile_of  # noqa: E402

OUT = ROOT / "emission_factors"
VERSION = "2026.1"

FACTOR_COLUMNS = [
    "factor_id", "activity", "region", "valid_from", "valid_to", "edition", "value", "unit", "gas",
    "boundary", "gwp", "method", "instrument", "source_id", "derived", "note",
    "uncertainty_distribution", "uncertainty_parameter", "uncertainty_basis", "uncertainty_pedigree",
    "uncertainty_source_id", "uncertainty_note",
]
PROPERTY_COLUMNS = [
    "activity", "lhv_mj_per_l", "density_kg_per_l", "lhv_mj_per_kg", "lhv_mj_per_nm3",
    "density_kg_per_nm3", "kwh_per_km", "renewable_share", "source_id", "derived", "note",
]
SOURCE_COLUMNS = [
    "source_id", "publisher", "title", "edition", "year", "url", "licence", "seen_in", "note",
]
#: Shares of the energy of an activity in a year (a pump blend's bio part, a network's fuel mix), in 0..1.
SHARE_COLUMNS = [
    "activity", "region", "year", "renewable_share", "fossil_free_share", "recovered_share", "fossil_share",
    "basis", "source_id", "derived", "note",
]

# ---------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------
PUBLIC_FIGURES = "figures quoted with attribution from a public document"
SOURCES = [
    dict(source_id="sem2016", publisher="Energimyndigheten (Swedish Energy Agency)",
         title="Växthusgasutsläpp (drivmedelslagen) – genomsnitt för drivmedel levererade 2016",
         edition="fuels delivered 2016", year="2017",
         url="http://www.energimyndigheten.se/fornybart/hallbarhetskriterier/drivmedelslagen/vaxthusgasutslapp/",
         licence="Swedish public authority information; " + PUBLIC_FIGURES, seen_in="primary (stored copy of agency page)",
         note="well-to-wheel lifecycle g CO2e/MJ by the RED/FQD method; heating values in the table footnotes"),
    dict(source_id="spbi", publisher="SPBI (Svenska Petroleum & Biodrivmedel Institutet, now Drivkraft Sverige)",
         title="Energiinnehåll, densitet och koldioxidemission", edition="undated web table", year="",
         url="https://spbi.se/uppslagsverk/fakta/berakningsfaktorer/energiinnehall-densitet-och-koldioxidemission/",
         licence=PUBLIC_FIGURES, seen_in="primary (stored copy of web page)",
         note="kWh/m3, kg/m3 at 15 °C, kg fossil CO2 per litre; biogenic CO2 excluded"),
    dict(source_id="ipcc2006v2", publisher="IPCC (National Greenhouse Gas Inventories Programme)",
         title="2006 IPCC Guidelines for National Greenhouse Gas Inventories, Volume 2 Energy "
               "(Table 1.4; Table 2.4; Tables 3.2.1 and 3.2.2)",
         edition="2006 (unchanged by the 2019 Refinement for these tables)", year="2006",
         url="https://www.ipcc-nggip.iges.or.jp/public/2006gl/vol2.html",
         licence="IPCC: reproduction permitted with acknowledgement",
         seen_in="secondary (values read in transcriptions of the tables, not in the PDF)",
         note="kg gas per TJ on a net calorific value basis"),
    dict(source_id="reduktionsplikt", publisher="Wikipedia (sv), summarising SFS 2017:1201 and government bills",
         title="Reduktionsplikt – tabell över reduktionsnivåer", edition="", year="2025",
         url="https://sv.wikipedia.org/wiki/Reduktionsplikt", licence="CC BY-SA 4.0",
         seen_in="secondary (encyclopaedia summary of the law)",
         note="obligation levels as % GHG reduction versus fossil fuel, not volume shares; "
              "2023 frozen by prop. 2021/22:243; 2024 lowered by prop. 2023/24:28; "
              "2025: 6 % rising to 10 % from 1 July 2025 per the government proposal (final SFS text not seen)"),
    dict(source_id="fossilfritt_hvo", publisher="Fossilfritt Sverige (citing Energimyndigheten's drivmedelsrapport)",
         title="Frågor och svar om HVO100", edition="", year="2025", url="https://fossilfrittsverige.se/faq-hvo-100",
         licence=PUBLIC_FIGURES, seen_in="secondary (transcription of the agency's figure)",
         note="HVO100 delivered 2024: 82 % lower greenhouse-gas emissions than fossil diesel"),
    dict(source_id="preem_hvo", publisher="Preem", title="Klimatprestanda (Preem Evolution Diesel / HVO100)",
         edition="undated (RED I era)", year="", url="http://preem.se/foretag/produkt-och-tjanster/klimatprestanda/",
         licence=PUBLIC_FIGURES, seen_in="primary (supplier web page)",
         note="supplier-specific: 0.35 kg CO2e per litre well-to-wheel, 34.2 MJ/l"),
    dict(source_id="ei_rm2019", publisher="Energimarknadsinspektionen (Ei) / Grexel",
         title="Nu finns information om residualmix för 2019", edition="2020-06-22", year="2020",
         url="https://ei.se/om-oss/nyheter/2020/2020-06-22-nu-finns-information-om-residualmix-for-2019",
         licence="Swedish public authority information; " + PUBLIC_FIGURES, seen_in="primary (agency news page)",
         note="Nordic residual mix, production stage, CO2 only"),
    dict(source_id="ei_rm2021", publisher="Energimarknadsinspektionen (Ei) / Grexel",
         title="Nu finns information om residualmix för 2021", edition="2022-06-08", year="2022",
         url="https://ei.se/om-oss/nyheter/2022/2022-06-08-nu-finns-information-om-residualmix-for-2021",
         licence="Swedish public authority information; " + PUBLIC_FIGURES, seen_in="primary (agency news page)",
         note="Nordic residual mix, production stage, CO2 only"),
    dict(source_id="ei_rm2022", publisher="Energimarknadsinspektionen (Ei) / Grexel, quoted by Hallstaviks Elverk",
         title="Ursprungsmärkning (quoting Ei's residual mix 2022)", edition="", year="2023",
         url="https://hallstavikselverk.se/elhandel/ursprungsmarkning-el/",
         licence=PUBLIC_FIGURES, seen_in="secondary (supplier page quoting Ei)",
         note="Nordic residual mix, production stage, CO2 only"),
    dict(source_id="ei_rm2023", publisher="Energimarknadsinspektionen (Ei) / Grexel", title="Residualmix",
         edition="page as of 2024", year="2024", url="https://www.ei.se/bransch/ursprungsmarkning-av-el/residualmix",
         licence="Swedish public authority information; " + PUBLIC_FIGURES, seen_in="primary (agency page)",
         note="Nordic residual mix 2023, production stage, CO2 only"),
    dict(source_id="aib_rm", publisher="AIB (Association of Issuing Bodies), calculated by Grexel",
         title="European Residual Mixes (2022, 2023 v1.0, 2024 v1.1)", edition="2022–2024", year="2025",
         url="https://www.aib-net.org/facts/european-residual-mix",
         licence=PUBLIC_FIGURES,
         seen_in="secondary (transcriptions: openCO2 for 2022; themisiq repository for 2023 and 2024)",
         note="AIB's own method, Sweden; differs from Ei's Nordic residual mix"),
    dict(source_id="ei_go", publisher="Energimarknadsinspektionen (Ei)", title="Redovisa ursprungsmärkningen",
         edition="current rules", year="", url="https://ei.se/bransch/ursprungsmarkning-av-el/redovisa-ursprungsmarkningen",
         licence="Swedish public authority information; " + PUBLIC_FIGURES, seen_in="primary (agency page)",
         note="electricity backed by guarantees of origin from wind, solar or hydro is disclosed at 0 g CO2/kWh "
              "(production stage only, not lifecycle)"),
    dict(source_id="ivl_smed2021", publisher="IVL Svenska Miljöinstitutet / SMED for Naturvårdsverket",
         title="Emissionsfaktorer för nordisk elmix med hänsyn till import och export (SMED Rapport 4 2021)",
         edition="2021", year="2021",
         url="https://www.ivl.se/publikationer/publikationer/emissionsfaktorer-for-nordiskelmix-med-hansyn-till-import-och-export.html",
         licence=PUBLIC_FIGURES, seen_in="primary (report landing page)",
         note="Nordic electricity mix with import/export, about 2016–2019"),
    dict(source_id="ivl_etn2025", publisher="IVL Svenska Miljöinstitutet (reported by Elektroniktidningen etn.se)",
         title="Emissionsfaktor för nordisk elmix år 2021–2023", edition="2025", year="2025",
         url="https://etn.se/index.php/nyheter/72456-nordisk-el-30-procent-mindre-fossil-pa-fem-ar.html",
         licence=PUBLIC_FIGURES, seen_in="secondary (news report of the IVL figure)",
         note="three-year average 2021–2023, g CO2/kWh"),
    dict(source_id="molar_masses", publisher="IUPAC Commission on Isotopic Abundances and Atomic Weights; NIST",
         title="Standard atomic weights (N 14.007, O 15.999); molar volume of an ideal gas at 273.15 K and "
               "101.325 kPa 22.413 969 54 L/mol (CODATA 2018)",
         edition="2021 / CODATA 2018", year="2021", url="https://ciaaw.org/atomic-weights.htm",
         licence="public scientific constants", seen_in="primary",
         note="N2O 44.013 g/mol, O2 31.998 g/mol"),
    dict(source_id="entonox_bmj1968", publisher="BMJ (Bracken, Broughton, Hill 1968)",
         title="Safety precautions to be observed with premixed gases (Entonox 50 % N2O / 50 % O2 by volume)",
         edition="BMJ 3:715", year="1968", url="https://www.bmj.com/content/3/5620/715",
         licence=PUBLIC_FIGURES, seen_in="secondary (composition as cited)", note="50/50 vol-% N2O/O2"),
    dict(source_id="dailymed_sevoflurane", publisher="U.S. National Library of Medicine, DailyMed (drug label)",
         title="Sevoflurane liquid: label, physical constants (specific gravity at 20 °C 1.520–1.525 g/mL)",
         edition="updated 2023-03-25", year="2023",
         url="https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=282c86a2-2ff5-4726-9e4c-41e9d2e56a61",
         licence="public drug label", seen_in="primary (label text)",
         note="the same constants appear in Baxter's Sevoflurane, USP prescribing information"),
    dict(source_id="suprane_label", publisher="Baxter Healthcare (Suprane prescribing information, as in the PDR)",
         title="SUPRANE (desflurane, USP): physical constants (specific gravity at 20 °C/4 °C 1.465)",
         edition="PDR transcription of the label", year="2001",
         url="https://theswissbay.ch/pdf/Books/Survival/Medicine/Pharmaceuticals/Data/pdr/05922500.htm",
         licence="public drug label", seen_in="secondary (PDR transcription of the label)",
         note="specific gravity 20 °C/4 °C equals the density in g/mL at 20 °C (water at 4 °C is 1.000 g/mL)"),
    dict(source_id="forane_label", publisher="U.S. National Library of Medicine, DailyMed (Baxter FORANE label)",
         title="FORANE (isoflurane, USP): physical constants (specific gravity 25 °C/25 °C 1.496)",
         edition="updated 2022-11-01", year="2022",
         url="https://dailymed.nlm.nih.gov/dailymed/search.cfm?searchdb=rxcui&query=542358",
         licence="public drug label", seen_in="primary (label text)",
         note="specific gravity relative to water at 25 °C"),
    dict(source_id="water_density", publisher="Kell (1975), J. Chem. Eng. Data 20:97, as tabulated (ITS-90)",
         title="Density of liquid water at 25 °C: 997.0479 kg/m3", edition="table", year="1975",
         url="https://www.thoughtco.com/what-is-the-density-of-water-609413",
         licence="public scientific constants", seen_in="secondary (table quoting Kell)",
         note="used to turn a specific gravity 25 °C/25 °C into a density"),
    dict(source_id="skl_medgas", publisher="Läkartidningen reporting SKL Öppna jämförelser Miljö 2019",
         title="Regionerna skruvar ner utsläppen av medicinska gaser", edition="2019-11", year="2019",
         url="https://lakartidningen.se/aktuellt/nyheter/2019/11/regionerna-skruvar-ner-utslappen-av-medicinska-gaser/",
         licence=PUBLIC_FIGURES, seen_in="primary (news article)",
         note="method used by Swedish regions: purchased kg of gas × GWP (all purchased gas is assumed released)"),
    dict(source_id="method_own_generation", publisher="WRI/WBCSD GHG Protocol, applied by klimatbokslut",
         title="GHG Protocol Scope 2 Guidance: An amendment to the GHG Protocol Corporate Standard, chapter 5 "
               "(Identifying scope 2 emissions and setting the scope 2 boundary)",
         edition="2015", year="2015", url="https://ghgprotocol.org/scope-2-guidance", licence=PUBLIC_FIGURES,
         seen_in="definition (method convention)",
         note="chapter 5: scope 2 includes emissions from energy purchased or acquired and consumed by the reporting "
              "company; electricity a company generates and uses itself is not purchased, and solar generation "
              "burns no fuel, so there is nothing to report in scope 1 or 2 (the panels' manufacture is outside the "
              "boundary); see also the GHG Protocol's Scope 2 FAQ on onsite rooftop solar whose excess is sold "
              "(https://ghgprotocol.org/scope-2-frequently-asked-questions)"),
    dict(source_id="method_indicator", publisher="WRI/WBCSD GHG Protocol, applied by klimatbokslut",
         title="Corporate Value Chain (Scope 3) Accounting and Reporting Standard (2011); Scope 3 FAQ: how GHG "
               "Protocol standards prevent double counting of emissions within a company's GHG inventory",
         edition="2011", year="2011", url="https://ghgprotocol.org/scope-3-frequently-asked-questions-0",
         licence=PUBLIC_FIGURES, seen_in="definition (method convention)",
         note="meals served are counted for indicators; their emissions are those of the food purchased, counted "
              "once on the food rows"),
    dict(source_id="ghgp_hfc", publisher="GHG Protocol (WRI/WBCSD)",
         title="Calculating HFC and PFC Emissions from the Manufacturing, Installation, Operation and Disposal "
               "of Refrigeration & Air-conditioning Equipment (Version 1.0)",
         edition="2005", year="2005", url="https://ghgprotocol.org/calculation-tools-and-guidance",
         licence=PUBLIC_FIGURES, seen_in="primary (method description)",
         note="mass-balance screening: refrigerant added to refill leaking equipment equals the amount emitted"),
]

# ---------------------------------------------------------------------------
# Published figures (each exactly once)
# ---------------------------------------------------------------------------
# Energimyndigheten, fuels delivered 2016: well-to-wheel g CO2e/MJ and MJ/l.
SEM2016 = {  # activity: (g CO2e/MJ, MJ per litre or None)
    "diesel_2016": (80.4, 35.5),       # Diesel MK1 (Swedish low-blend pump diesel)
    "diesel_fossil": (95.1, 35.9),     # Diesel MK3 / fossil diesel, also the fossil reference
    "petrol_2016": (91.3, 31.7),       # Bensin MK1 (E5 era pump petrol)
    "petrol_fossil": (93.3, 32.2),     # Bensin MK2 / fossil petrol, the fossil reference
    "e85": (51.0, 23.2),
    "ed95": (30.8, 21.4),
    "fame": (32.3, 33.9),
    "hvo100": (14.0, 34.0),
    "fordonsgas": (30.5, None),        # 36.2 MJ/Nm3, 48.4 MJ/kg (table footnotes)
    "biogas": (20.6, None),
    "cng": (73.6, None),               # Naturgas (fossil vehicle gas)
    "lng": (72.2, None),               # LNG/LBG as delivered 2016, 50.2 MJ/kg
}
SEM2016_GAS_LHV_NM3 = 36.2   # MJ/Nm3, vehicle gas (footnote)
SEM2016_GAS_LHV_KG = 48.4    # MJ/kg, vehicle gas (footnote)
SEM2016_LNG_LHV_KG = 50.2    # MJ/kg

# SPBI: kWh per m3, kg per m3 at 15 °C, kg fossil CO2 per litre.
SPBI = {
    "diesel_mk1_b0": (9800, 815, 2.54),
    "diesel_mk3": (9950, 840, 2.66),     # "Diesel – Mk3 (EU diesel, EN 590)"
    "hvo": (9450, 780, 0.00),
    "fame": (9150, 884, 0.00),
    "petrol_no_etoh": (9100, 750, 2.36),
    "e85": (6300, 783, 0.35),
    "eo1": (9950, 840, 2.66),
}

# IPCC 2006 Vol. 2, kg per TJ (net calorific value).
IPCC_ROAD_CH4_N2O = {
    "diesel": (3.9, 3.9),          # Table 3.2.2 gas/diesel oil
    "petrol": (3.8, 5.7),          # Table 3.2.2 motor gasoline, low-mileage light-duty vehicles 1995 or later
    "natural_gas": (92.0, 3.0),    # Table 3.2.2 natural gas (CNG)
}
IPCC_STATIONARY_COMMERCIAL_OIL = (10.0, 0.6)   # Table 2.4 gas/diesel oil, commercial/institutional
IPCC_CO2_NATURAL_GAS = 56100.0                 # Table 3.2.1 / 1.4, kg CO2/TJ
IPCC_CO2_BIODIESEL = 70800.0                   # Table 1.4 biodiesels (biogenic, memo)
IPCC_CO2_BIOGAS = 54600.0                      # Table 1.4 other biogas (biogenic, memo)
IPCC_CO2_BIOGASOLINE = 70800.0                 # Table 1.4 biogasoline (ethanol; biogenic, memo)

# RED method weights used in the 2016 lifecycle values (Directive 2009/28/EC Annex V C.5).
RED_GWP = {"CH4": 23.0, "N2O": 296.0}
RED_GWP_TEXT = "RED method (Directive 2009/28/EC Annex V: CH4 23, N2O 296)"

# Reduction obligation, % GHG reduction versus fossil (diesel, petrol).
OBLIGATION = {
    2018: (19.3, 2.6), 2019: (20.0, 2.6), 2020: (21.0, 4.2), 2021: (26.0, 6.0),
    2022: (30.5, 7.8), 2023: (30.5, 7.8), 2024: (6.0, 6.0),
}
OBLIGATION_2025 = ((6.0, 10.0), (6.0, 10.0))   # diesel (H1, H2), petrol (H1, H2): 10 % from 1 July 2025

HVO_2024_REDUCTION = 0.82     # Fossilfritt Sverige citing Energimyndigheten, deliveries 2024
PREEM_HVO_KG_PER_L = 0.35     # Preem, well-to-wheel
PREEM_HVO_MJ_PER_L = 34.2

EI_RESIDUAL = {2019: ("ei_rm2019", 338.53), 2021: ("ei_rm2021", 371.99),
               2022: ("ei_rm2022", 467.62), 2023: ("ei_rm2023", 524.10)}
AIB_RESIDUAL = {2022: 38.95, 2023: 68.23, 2024: 85.52}
IVL_NORDIC = [("ivl_smed2021", 2016, 2019, 90.0, "CO2e"), ("ivl_etn2025", 2021, 2023, 59.0, "CO2")]

M_N2O = 44.013    # g/mol
M_O2 = 31.998     # g/mol
V_MOLAR = 22.41396954   # L/mol, ideal gas at 0 °C and 101.325 kPa


# ---------------------------------------------------------------------------
def _r(x: float, nd: int = 6) -> float:
    return float(f"{x:.{nd}g}")


def build() -> dict[str, list[dict]]:
    fuels: list[dict] = []
    props: list[dict] = []
    shares_out: list[dict] = []

    def frow(fid, activity, y0, y1, value, unit, gas, boundary, source, note, *, derived=False, gwp="", edition=None):
        fuels.append(dict(factor_id=fid, activity=activity, region="SE", valid_from=y0, valid_to=y1, edition=edition,
                          value=_r(value), unit=unit, gas=gas, boundary=boundary, gwp=gwp, method="",
                          instrument="", source_id=source, derived=str(derived).lower(), note=note))

    def red_nonco2(ch4_kg_tj, n2o_kg_tj):  # g CO2e/MJ under the RED weights
        return (ch4_kg_tj * RED_GWP["CH4"] + n2o_kg_tj * RED_GWP["N2O"]) / 1000.0

    def ttw_ch4_n2o(prefix, activity, y0, y1, ch4, n2o, share=1.0, extra=""):
        frow(f"{prefix}-ttw-ch4", activity, y0, y1, ch4 * share, "kg CH4/TJ", "CH4", "TTW", "ipcc2006v2",
             f"IPCC 2006 default{extra}" + (f" × fossil share {share:.3f}" if share != 1 else ""),
             derived=share != 1)
        frow(f"{prefix}-ttw-n2o", activity, y0, y1, n2o * share, "kg N2O/TJ", "N2O", "TTW", "ipcc2006v2",
             f"IPCC 2006 default{extra}" + (f" × fossil share {share:.3f}" if share != 1 else ""),
             derived=share != 1)

    # --- fossil diesel ---------------------------------------------------
    mj_l_b0 = SPBI["diesel_mk1_b0"][0] * 3.6 / 1000
    ttw_diesel = SPBI["diesel_mk1_b0"][2] / mj_l_b0 * 1000          # g CO2/MJ
    ch4_d, n2o_d = IPCC_ROAD_CH4_N2O["diesel"]
    wtw_df = SEM2016["diesel_fossil"][0]
    mj_l_mk3 = SPBI["diesel_mk3"][0] * 3.6 / 1000
    ttw_mk3 = SPBI["diesel_mk3"][2] / mj_l_mk3 * 1000                 # g CO2/MJ
    frow("diesel_fossil-ttw-co2", "diesel_fossil", 2016, 2016, ttw_mk3, "g CO2/MJ", "CO2", "TTW", "spbi",
         f"SPBI diesel MK3 (EN 590): {SPBI['diesel_mk3'][2]} kg CO2/l ÷ {SPBI['diesel_mk3'][0]} kWh/m3 "
         f"({mj_l_mk3:.2f} MJ/l)", derived=True)
    ttw_ch4_n2o("diesel_fossil", "diesel_fossil", 2016, 2016, ch4_d, n2o_d, extra=" for gas/diesel oil, road (Table 3.2.2)")
    frow("diesel_fossil-wtt", "diesel_fossil", 2016, 2016, wtw_df - ttw_mk3 - red_nonco2(ch4_d, n2o_d),
         "g CO2e/MJ", "CO2e", "WTT", "sem2016;spbi;ipcc2006v2",
         f"well-to-tank = Energimyndigheten WTW {wtw_df} g CO2e/MJ (fossil diesel MK3, 2016) − TTW CO2 − TTW CH4/N2O "
         "weighted as in the RED method", derived=True, gwp=RED_GWP_TEXT)

    # --- pump diesel, year by year ----------------------------------------
    def blend_rows(activity, ref_wtw, ref_ttw, ch4, n2o, level, year, how):
        keep = 1 - level / 100.0
        wtw = ref_wtw * keep
        ttw = ref_ttw * keep
        p = f"{activity}-{year}"
        frow(f"{p}-ttw-co2", activity, year, year, ttw, "g CO2/MJ", "CO2", "TTW", "spbi;reduktionsplikt",
             f"fossil TTW CO2 of the Swedish base fuel (SPBI, {ref_ttw:.2f} g/MJ) × (1 − {level} % obligation {how}); "
             "assumes the whole reduction displaces fossil fuel, so TTW is an upper bound and WTT a lower bound",
             derived=True)
        ttw_ch4_n2o(p, activity, year, year, ch4, n2o, share=keep)
        frow(f"{p}-wtt", activity, year, year, wtw - ttw - red_nonco2(ch4, n2o) * keep, "g CO2e/MJ", "CO2e", "WTT",
             "sem2016;reduktionsplikt;spbi;ipcc2006v2",
             f"WTW = fossil reference {ref_wtw} g CO2e/MJ × (1 − {level} %) = {wtw:.2f}; WTT = WTW − TTW parts",
             derived=True, gwp=RED_GWP_TEXT)

    # 2016 pump diesel: Energimyndigheten's own average (no obligation yet).
    wtw_d16, mj_l_d16 = SEM2016["diesel_2016"]
    share16 = wtw_d16 / wtw_df
    frow("diesel-2016-ttw-co2", "diesel", 2016, 2016, ttw_diesel * share16, "g CO2/MJ", "CO2", "TTW",
         "sem2016;spbi", f"fossil TTW CO2 × WTW ratio {wtw_d16}/{wtw_df} (reduction displaces fossil fuel; upper bound)",
         derived=True)
    ttw_ch4_n2o("diesel-2016", "diesel", 2016, 2016, ch4_d, n2o_d, share=share16)
    frow("diesel-2016-wtt", "diesel", 2016, 2016, wtw_d16 - ttw_diesel * share16 - red_nonco2(ch4_d, n2o_d) * share16,
         "g CO2e/MJ", "CO2e", "WTT", "sem2016;spbi;ipcc2006v2",
         f"WTW {wtw_d16} g CO2e/MJ (Diesel MK1, 2016 deliveries) − TTW parts", derived=True, gwp=RED_GWP_TEXT)
    for year, (d_level, _p) in OBLIGATION.items():
        blend_rows("diesel", wtw_df, ttw_diesel, ch4_d, n2o_d, d_level, year, f"for {year}")
    d25 = sum(OBLIGATION_2025[0]) / 2
    blend_rows("diesel", wtw_df, ttw_diesel, ch4_d, n2o_d, d25, 2025,
               "as the 2025 average of 6 % (Jan–Jun) and 10 % (Jul–Dec)")

    # Years before the obligation: the published blend (vol-%) -> energy shares -> WTW of the mix.
    # WTW = (1 − s)·fossil reference + s_FAME·WTW_FAME + s_HVO·WTW_HVO, all WTW from the 2016 deliveries.
    mj_l_diesel = {"fossil": mj_l_b0, "fame": SEM2016["fame"][1], "hvo": SEM2016["hvo100"][1]}

    def diesel_shares(year):
        total, fame = DIESEL_BLEND_VOL[year]
        return energy_share({"fame": fame, "hvo": total - fame}, mj_l_diesel, "fossil")

    for year in sorted(DIESEL_BLEND_VOL):
        total, fame = DIESEL_BLEND_VOL[year]
        s = diesel_shares(year)
        bio = s["fame"] + s["hvo"]
        shares_out.append(dict(
            activity="diesel", region="SE", year=year, renewable_share=_r(bio), fossil_free_share=_r(bio),
            recovered_share=None, fossil_share=_r(s["fossil"]), basis="energy (from vol-% and heating values)",
            source_id="b2e_2030sek;sem2016;spbi", derived="true",
            note=f"low-blend pump diesel {year}: {total} vol-% renewable ({fame} FAME, {total - fame:.1f} HVO); "
                 f"energy share = vol × MJ/l (FAME {mj_l_diesel['fame']}, HVO {mj_l_diesel['hvo']}, fossil "
                 f"{mj_l_b0:.2f}) / sum" + ("; Energimyndigheten gives 17 % vol/vol for all diesel 2015 (another "
                                             "scope), not used" if year == 2015 else "")))
        memo_note = (f"biogenic CO2, memo: bio energy share {bio:.4f} ({total} vol-% FAME + HVO, {year}) × IPCC "
                     f"default for biodiesels {IPCC_CO2_BIODIESEL:.0f} kg/TJ (Table 1.4)")
        frow(f"diesel-{year}-bio-co2", "diesel", year, year, bio * IPCC_CO2_BIODIESEL, "kg CO2_biogenic/TJ",
             "CO2_biogenic", "TTW", "b2e_2030sek;ipcc2006v2;sem2016;spbi", memo_note, derived=True)
        if year == 2016 or year in OBLIGATION:
            continue   # the factor rows of these years come from the 2016 average or the obligation
        keep = s["fossil"]
        wtw = keep * wtw_df + s["fame"] * SEM2016["fame"][0] + s["hvo"] * SEM2016["hvo100"][0]
        p = f"diesel-{year}"
        how = (f"energy shares fossil {keep:.4f}, FAME {s['fame']:.4f}, HVO {s['hvo']:.4f} from {total} vol-% "
               f"({fame} FAME) in {year}")
        frow(f"{p}-ttw-co2", "diesel", year, year, ttw_diesel * keep, "g CO2/MJ", "CO2", "TTW",
             "b2e_2030sek;spbi;sem2016", f"fossil TTW CO2 of the Swedish base fuel (SPBI, {ttw_diesel:.2f} g/MJ) × "
             f"fossil energy share; {how}", derived=True)
        ttw_ch4_n2o(p, "diesel", year, year, ch4_d, n2o_d, share=keep)
        frow(f"{p}-wtt", "diesel", year, year, wtw - ttw_diesel * keep - red_nonco2(ch4_d, n2o_d) * keep,
             "g CO2e/MJ", "CO2e", "WTT", "b2e_2030sek;sem2016;spbi;ipcc2006v2",
             f"WTW = (1 − s)·{wtw_df} + s_FAME·{SEM2016['fame'][0]} + s_HVO·{SEM2016['hvo100'][0]} = {wtw:.2f} "
             f"g CO2e/MJ (2016 lifecycle values of each part); WTT = WTW − TTW parts; {how}",
             derived=True, gwp=RED_GWP_TEXT)

    # --- fossil petrol and pump petrol --------------------------------------
    mj_l_p0 = SPBI["petrol_no_etoh"][0] * 3.6 / 1000
    ttw_petrol = SPBI["petrol_no_etoh"][2] / mj_l_p0 * 1000
    ch4_p, n2o_p = IPCC_ROAD_CH4_N2O["petrol"]
    wtw_pf = SEM2016["petrol_fossil"][0]
    gasoline_note = " for motor gasoline, low-mileage light-duty vehicles 1995 or later (Table 3.2.2)"
    frow("petrol_fossil-ttw-co2", "petrol_fossil", 2016, 2016, ttw_petrol, "g CO2/MJ", "CO2", "TTW", "spbi",
         f"SPBI petrol without ethanol: {SPBI['petrol_no_etoh'][2]} kg CO2/l ÷ {SPBI['petrol_no_etoh'][0]} kWh/m3",
         derived=True)
    ttw_ch4_n2o("petrol_fossil", "petrol_fossil", 2016, 2016, ch4_p, n2o_p, extra=gasoline_note)
    frow("petrol_fossil-wtt", "petrol_fossil", 2016, 2016, wtw_pf - ttw_petrol - red_nonco2(ch4_p, n2o_p),
         "g CO2e/MJ", "CO2e", "WTT", "sem2016;spbi;ipcc2006v2",
         f"WTW {wtw_pf} g CO2e/MJ (fossil petrol MK2, 2016) − TTW parts", derived=True, gwp=RED_GWP_TEXT)
    wtw_p16, mj_l_p16 = SEM2016["petrol_2016"]
    share_p16 = wtw_p16 / wtw_pf
    frow("petrol-2016-ttw-co2", "petrol", 2016, 2016, ttw_petrol * share_p16, "g CO2/MJ", "CO2", "TTW",
         "sem2016;spbi", f"fossil TTW CO2 × WTW ratio {wtw_p16}/{wtw_pf} (upper bound)", derived=True)
    ttw_ch4_n2o("petrol-2016", "petrol", 2016, 2016, ch4_p, n2o_p, share=share_p16)
    frow("petrol-2016-wtt", "petrol", 2016, 2016,
         wtw_p16 - ttw_petrol * share_p16 - red_nonco2(ch4_p, n2o_p) * share_p16, "g CO2e/MJ", "CO2e", "WTT",
         "sem2016;spbi;ipcc2006v2", f"WTW {wtw_p16} g CO2e/MJ (Bensin MK1, 2016 deliveries) − TTW parts",
         derived=True, gwp=RED_GWP_TEXT)
    for year, (_d, p_level) in OBLIGATION.items():
        blend_rows("petrol", wtw_pf, ttw_petrol, ch4_p, n2o_p, p_level, year, f"for {year}")
    p25 = sum(OBLIGATION_2025[1]) / 2
    blend_rows("petrol", wtw_pf, ttw_petrol, ch4_p, n2o_p, p25, 2025,
               "as the 2025 average of 6 % (Jan–Jun) and 10 % (Jul–Dec)")

    # Petrol with a published ethanol share (vol-%): ethanol taken at the 2016 ED95 lifecycle value.
    mj_l_petrol = {"fossil": mj_l_p0, "ethanol": ETHANOL_MJ_PER_L}
    for year, vol in sorted(PETROL_ETHANOL_VOL.items()):
        s = energy_share({"ethanol": vol}, mj_l_petrol, "fossil")
        eth = s["ethanol"]
        shares_out.append(dict(
            activity="petrol", region="SE", year=year, renewable_share=_r(eth), fossil_free_share=_r(eth),
            recovered_share=None, fossil_share=_r(s["fossil"]), basis="energy (from vol-% and heating values)",
            source_id="sem_drivmedel2018;red_annex3;spbi", derived="true",
            note=f"pump petrol {year}: {vol} vol-% renewable (taken as ethanol); energy share = vol × MJ/l "
                 f"(ethanol {ETHANOL_MJ_PER_L}, fossil {mj_l_p0:.2f}) / sum"))
        frow(f"petrol-{year}-bio-co2", "petrol", year, year, eth * IPCC_CO2_BIOGASOLINE, "kg CO2_biogenic/TJ",
             "CO2_biogenic", "TTW", "sem_drivmedel2018;red_annex3;spbi;ipcc2006v2",
             f"biogenic CO2, memo: ethanol energy share {eth:.4f} ({vol} vol-%, {year}) × IPCC default for "
             f"biogasoline {IPCC_CO2_BIOGASOLINE:.0f} kg/TJ (Table 1.4)", derived=True)
        if year in OBLIGATION:
            continue
        keep = s["fossil"]
        wtw = keep * wtw_pf + eth * SEM2016["ed95"][0]
        p = f"petrol-{year}"
        how = f"energy shares fossil {keep:.4f}, ethanol {eth:.4f} from {vol} vol-% in {year}"
        frow(f"{p}-ttw-co2", "petrol", year, year, ttw_petrol * keep, "g CO2/MJ", "CO2", "TTW",
             "sem_drivmedel2018;spbi;red_annex3", f"fossil TTW CO2 of petrol without ethanol (SPBI, "
             f"{ttw_petrol:.2f} g/MJ) × fossil energy share; {how}", derived=True)
        ttw_ch4_n2o(p, "petrol", year, year, ch4_p, n2o_p, share=keep)
        frow(f"{p}-wtt", "petrol", year, year, wtw - ttw_petrol * keep - red_nonco2(ch4_p, n2o_p) * keep,
             "g CO2e/MJ", "CO2e", "WTT", "sem_drivmedel2018;sem2016;spbi;red_annex3;ipcc2006v2",
             f"WTW = (1 − s)·{wtw_pf} + s·{SEM2016['ed95'][0]} = {wtw:.2f} g CO2e/MJ, the ethanol part taken at the "
             f"2016 ED95 lifecycle value (no value for pure ethanol in the 2016 table); WTT = WTW − TTW parts; {how}",
             derived=True, gwp=RED_GWP_TEXT)

    # --- biofuels: lifecycle value, fossil TTW CO2 from SPBI -----------------
    def bio_liquid(activity, wtw, ttw_co2_per_mj, source_ttw, note_ttw, y0=2016, y1=2016, fid=None, src="sem2016",
                   wtw_note=None, derived_wtw=False, bio_memo=None):
        fid = fid or activity
        frow(f"{fid}-ttw-co2", activity, y0, y1, ttw_co2_per_mj, "g CO2/MJ", "CO2", "TTW", source_ttw, note_ttw,
             derived=ttw_co2_per_mj != 0)
        frow(f"{fid}-wtt", activity, y0, y1, wtw - ttw_co2_per_mj, "g CO2e/MJ", "CO2e", "WTT", src,
             (wtw_note or f"WTW {wtw} g CO2e/MJ (2016 deliveries)") + " − fossil TTW CO2; combustion CH4/N2O of "
             "biofuels are not separated from the lifecycle value", derived=True, gwp=RED_GWP_TEXT)
        if bio_memo is not None:
            frow(f"{fid}-bio-co2", activity, y0, y1, bio_memo[0], "kg CO2_biogenic/TJ", "CO2_biogenic", "TTW",
                 "ipcc2006v2", bio_memo[1], derived=False)

    bio_liquid("hvo100", SEM2016["hvo100"][0], 0.0, "spbi", "SPBI: HVO 0.00 kg fossil CO2 per litre",
               fid="hvo100-2016",
               bio_memo=(IPCC_CO2_BIODIESEL, "biogenic CO2, memo: IPCC default for biodiesels (Table 1.4)"))
    bio_liquid("hvo100", (1 - HVO_2024_REDUCTION) * wtw_df, 0.0, "spbi", "SPBI: HVO 0.00 kg fossil CO2 per litre",
               y0=2024, y1=2024, fid="hvo100-2024", src="fossilfritt_hvo;sem2016",
               wtw_note=f"WTW = (1 − {HVO_2024_REDUCTION}) × fossil diesel {wtw_df} g CO2e/MJ "
                        f"= {(1 - HVO_2024_REDUCTION) * wtw_df:.2f} (2024 deliveries, national average)",
               bio_memo=(IPCC_CO2_BIODIESEL, "biogenic CO2, memo: IPCC default for biodiesels (Table 1.4)"))
    # Supplier-specific alternative (instrument "supplier"), chosen with factor_id = "hvo100_preem".
    fuels.append(dict(factor_id="hvo100_preem-ttw-co2", activity="hvo100", region="SE", valid_from=2016,
                      valid_to=2030, value=0.0, unit="kg CO2/l", gas="CO2", boundary="TTW", gwp="", method="",
                      instrument="supplier", source_id="preem_hvo", derived="false",
                      note="Preem: tailpipe 0 (renewable); choose with factor_id = hvo100_preem",
                      rule="undated supplier figure (RED I era): no edition year, used for every year 2016–2030"))
    fuels.append(dict(factor_id="hvo100_preem-wtt", activity="hvo100", region="SE", valid_from=2016,
                      valid_to=2030, value=PREEM_HVO_KG_PER_L, unit="kg CO2e/l", gas="CO2e", boundary="WTT",
                      gwp="RED method", method="", instrument="supplier", source_id="preem_hvo", derived="false",
                      note=f"Preem supplier-specific well-to-wheel {PREEM_HVO_KG_PER_L} kg CO2e/l, all upstream "
                           f"({PREEM_HVO_MJ_PER_L} MJ/l); choose with factor_id = hvo100_preem",
                      rule="undated supplier figure (RED I era): no edition year, used for every year 2016–2030"))
    bio_liquid("fame", SEM2016["fame"][0], 0.0, "spbi", "SPBI: FAME 0.00 kg fossil CO2 per litre",
               bio_memo=(IPCC_CO2_BIODIESEL, "biogenic CO2, memo: IPCC default for biodiesels (Table 1.4)"))
    mj_l_e85_spbi = SPBI["e85"][0] * 3.6 / 1000
    bio_liquid("e85", SEM2016["e85"][0], SPBI["e85"][2] / mj_l_e85_spbi * 1000, "spbi",
               f"SPBI E85 (summer grade): {SPBI['e85'][2]} kg fossil CO2/l ÷ {SPBI['e85'][0]} kWh/m3")
    # E85: the bio energy share follows from SPBI's fossil CO2 per MJ of E85 and of petrol without ethanol.
    ttw_e85 = SPBI["e85"][2] / mj_l_e85_spbi * 1000
    bio_e85 = 1 - ttw_e85 / ttw_petrol
    frow("e85-bio-co2", "e85", 2016, 2016, bio_e85 * IPCC_CO2_BIOGASOLINE, "kg CO2_biogenic/TJ", "CO2_biogenic",
         "TTW", "spbi;ipcc2006v2",
         f"biogenic CO2, memo: bio energy share 1 − {ttw_e85:.2f}/{ttw_petrol:.2f} = {bio_e85:.4f} (SPBI fossil CO2 "
         f"per MJ of summer-grade E85 over petrol without ethanol) × IPCC default for biogasoline "
         f"{IPCC_CO2_BIOGASOLINE:.0f} kg/TJ (Table 1.4)", derived=True)
    shares_out.append(dict(activity="e85", region="SE", year=2016, renewable_share=_r(bio_e85, 4),
                           fossil_free_share=_r(bio_e85, 4), recovered_share=None, fossil_share=_r(1 - bio_e85, 4),
                           basis="energy (from fossil CO2 per MJ)", source_id="spbi", derived="true",
                           note=f"summer-grade E85: 1 − {ttw_e85:.2f}/{ttw_petrol:.2f} g fossil CO2/MJ (SPBI); the "
                                "winter grade has more petrol"))
    # ED95: no fossil TTW figure in the sources: the lifecycle value is kept whole (boundary WTW).
    frow("ed95-wtw", "ed95", 2016, 2016, SEM2016["ed95"][0], "g CO2e/MJ", "CO2e", "WTW", "sem2016",
         "lifecycle value kept whole: no source for ED95's fossil tailpipe CO2 was found, so it cannot be split "
         "into TTW and WTT", gwp=RED_GWP_TEXT)

    # --- gaseous fuels -------------------------------------------------------
    ch4_g, n2o_g = IPCC_ROAD_CH4_N2O["natural_gas"]
    ttw_ng = IPCC_CO2_NATURAL_GAS / 1000.0   # g/MJ
    wtw_cng = SEM2016["cng"][0]
    frow("cng-ttw-co2", "cng", 2016, 2016, IPCC_CO2_NATURAL_GAS, "kg CO2/TJ", "CO2", "TTW", "ipcc2006v2",
         "IPCC 2006 default for compressed natural gas (Table 3.2.1)")
    ttw_ch4_n2o("cng", "cng", 2016, 2016, ch4_g, n2o_g, extra=" for natural gas (CNG), road (Table 3.2.2)")
    frow("cng-wtt", "cng", 2016, 2016, wtw_cng - ttw_ng - red_nonco2(ch4_g, n2o_g), "g CO2e/MJ", "CO2e", "WTT",
         "sem2016;ipcc2006v2", f"WTW {wtw_cng} g CO2e/MJ (naturgas, 2016) − TTW parts", derived=True, gwp=RED_GWP_TEXT)
    wtw_lng = SEM2016["lng"][0]
    frow("lng-ttw-co2", "lng", 2016, 2016, IPCC_CO2_NATURAL_GAS, "kg CO2/TJ", "CO2", "TTW", "ipcc2006v2",
         "IPCC 2006 default for LNG (Table 3.2.1); treats the 2016 LNG/LBG delivery as fossil (upper bound)")
    ttw_ch4_n2o("lng", "lng", 2016, 2016, ch4_g, n2o_g, extra=" for natural gas, road (Table 3.2.2)")
    frow("lng-wtt", "lng", 2016, 2016, wtw_lng - ttw_ng - red_nonco2(ch4_g, n2o_g), "g CO2e/MJ", "CO2e", "WTT",
         "sem2016;ipcc2006v2", f"WTW {wtw_lng} g CO2e/MJ (LNG/LBG as delivered 2016) − TTW parts",
         derived=True, gwp=RED_GWP_TEXT)
    wtw_bg = SEM2016["biogas"][0]
    frow("biogas-ttw-co2", "biogas", 2016, 2016, 0.0, "g CO2/MJ", "CO2", "TTW", "sem2016",
         "biogas 100: no fossil carbon")
    frow("biogas-wtt", "biogas", 2016, 2016, wtw_bg, "g CO2e/MJ", "CO2e", "WTT", "sem2016",
         f"WTW {wtw_bg} g CO2e/MJ (biogas 100, 2016) with no fossil TTW CO2; combustion CH4/N2O are not separated "
         "from the lifecycle value", derived=True, gwp=RED_GWP_TEXT)
    frow("biogas-bio-co2", "biogas", 2016, 2016, IPCC_CO2_BIOGAS, "kg CO2_biogenic/TJ", "CO2_biogenic", "TTW",
         "ipcc2006v2", "biogenic CO2, memo: IPCC default for other biogas (Table 1.4)")
    # Fordonsgas: the fossil share f follows from the 2016 averages: WTW_mix = f·CNG + (1 − f)·biogas.
    wtw_fg = SEM2016["fordonsgas"][0]
    f_fossil = (wtw_fg - wtw_bg) / (wtw_cng - wtw_bg)

    def vehicle_gas(year, fossil, src, how, wtw=None):
        wtw = fossil * wtw_cng + (1 - fossil) * wtw_bg if wtw is None else wtw
        p = "fordonsgas" if year == 2016 else f"fordonsgas-{year}"
        frow(f"{p}-ttw-co2", "fordonsgas", year, year, IPCC_CO2_NATURAL_GAS * fossil, "kg CO2/TJ", "CO2", "TTW",
             f"{src};ipcc2006v2", f"IPCC natural-gas CO2 × fossil share {fossil:.4f} ({how})", derived=True)
        ttw_ch4_n2o(p, "fordonsgas", year, year, ch4_g, n2o_g, share=fossil)
        frow(f"{p}-wtt", "fordonsgas", year, year, wtw - ttw_ng * fossil - red_nonco2(ch4_g, n2o_g) * fossil,
             "g CO2e/MJ", "CO2e", "WTT", ";".join(dict.fromkeys(f"{src};sem2016;ipcc2006v2".split(";"))),
             f"WTW {wtw:.2f} g CO2e/MJ − TTW parts; " + (f"WTW = {fossil:.4f}·{wtw_cng} (natural gas) + "
                                                           f"{1 - fossil:.4f}·{wtw_bg} (biogas), 2016 lifecycle values"
                                                           if year != 2016 else "fordonsgas, 2016 deliveries"),
             derived=True, gwp=RED_GWP_TEXT)
        frow(f"{p}-bio-co2", "fordonsgas", year, year, (1 - fossil) * IPCC_CO2_BIOGAS, "kg CO2_biogenic/TJ",
             "CO2_biogenic", "TTW", f"{src};ipcc2006v2",
             f"biogenic CO2, memo: biogas share {1 - fossil:.4f} ({how}) × IPCC default for other biogas "
             f"{IPCC_CO2_BIOGAS:.0f} kg/TJ (Table 1.4)", derived=True)

    vehicle_gas(2016, f_fossil, "sem2016", f"({wtw_fg} − {wtw_bg}) / ({wtw_cng} − {wtw_bg}) from Energimyndigheten's "
                "2016 averages", wtw=wtw_fg)
    shares_out.append(dict(activity="fordonsgas", region="SE", year=2016, renewable_share=_r(1 - f_fossil, 4),
                           fossil_free_share=_r(1 - f_fossil, 4), recovered_share=None, fossil_share=_r(f_fossil, 4),
                           basis="energy (implied by lifecycle averages)", source_id="sem2016", derived="true",
                           note=f"biogas share implied by Energimyndigheten's 2016 WTW averages ({wtw_fg} = f·{wtw_cng} "
                                f"+ (1 − f)·{wtw_bg}); SCB via Energigas Sverige reports {FORDONSGAS_BIO_2016_SCB:.0f} % "
                                "biogas for 2016 (basis not stated)"))
    for year, (src, bio_pct, extra) in sorted(FORDONSGAS_BIO.items()):
        vehicle_gas(year, 1 - bio_pct / 100, src, f"{bio_pct:.0f} % biogas in {year}" + (f", {extra}" if extra else ""))
        shares_out.append(dict(activity="fordonsgas", region="SE", year=year, renewable_share=bio_pct / 100,
                               fossil_free_share=bio_pct / 100, recovered_share=None,
                               fossil_share=_r(1 - bio_pct / 100, 4), basis="as published (basis not stated)",
                               source_id=src, derived="false",
                               note=f"biogas share of delivered vehicle gas {year}: {bio_pct:.0f} %" +
                                    (f"; {extra}" if extra else "")))

    # Fuels that are wholly renewable by definition (one row per edition; the nearest year is used).
    for fuel, year in (("hvo100", 2016), ("hvo100", 2024), ("fame", 2016), ("biogas", 2016)):
        shares_out.append(dict(activity=fuel, region="SE", year=year, renewable_share=1.0, fossil_free_share=1.0,
                               recovered_share=None, fossil_share=0.0, basis="by definition", source_id="sem2016",
                               derived="false", note=f"{fuel}: wholly renewable fuel (edition {year})"))

    # --- heating oil (stationary) --------------------------------------------
    mj_l_eo1 = SPBI["eo1"][0] * 3.6 / 1000
    ch4_o, n2o_o = IPCC_STATIONARY_COMMERCIAL_OIL
    frow("heating_oil-ttw-co2", "heating_oil", 1990, 2100, SPBI["eo1"][2] / mj_l_eo1 * 1000, "g CO2/MJ", "CO2", "TTW",
         "spbi", f"SPBI Eldningsolja 1: {SPBI['eo1'][2]} kg CO2/l ÷ {SPBI['eo1'][0]} kWh/m3", derived=True)
    ttw_ch4_n2o("heating_oil", "heating_oil", 1990, 2100, ch4_o, n2o_o,
                extra=" for gas/diesel oil, commercial/institutional stationary combustion (Table 2.4)")

    # --- fuel properties -----------------------------------------------------
    def prow(activity, *, l=None, dens=None, kg=None, nm3=None, dnm3=None, kwh_km=None, ren=None, src, note,
             derived=False):
        props.append(dict(activity=activity, lhv_mj_per_l=l if l is None else _r(l), density_kg_per_l=dens,
                          lhv_mj_per_kg=kg if kg is None else _r(kg), lhv_mj_per_nm3=nm3,
                          density_kg_per_nm3=dnm3 if dnm3 is None else _r(dnm3), kwh_per_km=kwh_km,
                          renewable_share=ren, source_id=src, derived=str(derived).lower(), note=note))

    prow("diesel", l=mj_l_d16, dens=SPBI["diesel_mk1_b0"][1] / 1000, src="sem2016;spbi",
         note="MJ/l of Diesel MK1 (Energimyndigheten 2016); density of MK1 (SPBI). Renewable share varies by year "
              "and is not in the dataset")
    prow("diesel_fossil", l=SEM2016["diesel_fossil"][1], dens=SPBI["diesel_mk3"][1] / 1000, ren=0.0,
         src="sem2016;spbi", note="MJ/l of Diesel MK3 (Energimyndigheten 2016); density of MK3 (SPBI)")
    prow("petrol", l=mj_l_p16, dens=0.752, src="sem2016;spbi",
         note="MJ/l of Bensin MK1 (Energimyndigheten 2016); density of E5 petrol (SPBI)")
    prow("petrol_fossil", l=SEM2016["petrol_fossil"][1], dens=0.750, ren=0.0, src="sem2016;spbi",
         note="MJ/l of fossil petrol (Energimyndigheten 2016); density without ethanol (SPBI)")
    prow("hvo100", l=SEM2016["hvo100"][1], dens=0.780, ren=1.0, src="sem2016;spbi",
         note="MJ/l (Energimyndigheten 2016); density (SPBI)")
    prow("fame", l=SEM2016["fame"][1], dens=0.884, ren=1.0, src="sem2016;spbi", note="MJ/l (Energimyndigheten); density (SPBI)")
    prow("e85", l=SEM2016["e85"][1], dens=0.783, src="sem2016;spbi",
         note="MJ/l (Energimyndigheten 2016); density of summer-grade E85 (SPBI); renewable share not in the dataset")
    prow("ed95", l=SEM2016["ed95"][1], src="sem2016", note="MJ/l (Energimyndigheten 2016); no density source")
    for gas_fuel, ren, note in (("fordonsgas", 1 - f_fossil, "renewable share (energy) derived from the 2016 averages"),
                                ("biogas", 1.0, ""), ("cng", 0.0, "")):
        prow(gas_fuel, kg=SEM2016_GAS_LHV_KG, nm3=SEM2016_GAS_LHV_NM3, dnm3=SEM2016_GAS_LHV_NM3 / SEM2016_GAS_LHV_KG,
             ren=_r(ren), src="sem2016", derived=gas_fuel == "fordonsgas",
             note="vehicle-gas heating values from the footnotes of Energimyndigheten's 2016 table (36.2 MJ/Nm3, "
                  "48.4 MJ/kg); density = their ratio. " + note)
    prow("lng", kg=SEM2016_LNG_LHV_KG, src="sem2016", note="MJ/kg (Energimyndigheten 2016); no density of the liquid in the dataset")
    prow("heating_oil", l=mj_l_eo1, dens=0.840, ren=0.0, src="spbi", derived=True,
         note=f"Eldningsolja 1: {SPBI['eo1'][0]} kWh/m3 = {mj_l_eo1:.3f} MJ/l; 840 kg/m3 (SPBI)")
    # gases: density at 0 °C and 101.325 kPa from molar mass / ideal-gas molar volume
    prow("n2o", dnm3=M_N2O / V_MOLAR, src="molar_masses", derived=True,
         note=f"ideal gas: {M_N2O} g/mol ÷ {V_MOLAR} L/mol; the real gas is about 0.5 % denser")
    m_entonox = 0.5 * M_N2O + 0.5 * M_O2
    prow("entonox", dnm3=m_entonox / V_MOLAR, src="molar_masses;entonox_bmj1968", derived=True,
         note=f"ideal gas, 50/50 mol N2O/O2: ({M_N2O} + {M_O2})/2 g/mol ÷ {V_MOLAR} L/mol")

    # volatile anaesthetics are bought as liquid (250 ml bottles): litres of liquid -> kg
    prow("sevoflurane", dens=(1.520 + 1.525) / 2, src="dailymed_sevoflurane", derived=True,
         note="liquid at 20 °C: middle of the label's 1.520–1.525 g/mL")
    prow("desflurane", dens=1.465, src="suprane_label",
         note="liquid at 20 °C: specific gravity 20 °C/4 °C 1.465 = 1.465 g/mL")
    prow("isoflurane", dens=_r(1.496 * 0.9970479), src="forane_label;water_density", derived=True,
         note="liquid at 25 °C: specific gravity 25 °C/25 °C 1.496 × water 0.9970479 g/mL")

    prow("car_ev", kwh_km=0.20, src="ev_2030sek",
         note="battery-electric car: 20 kWh per 100 km (2030-sekretariatet's assumption, said to be somewhat high); "
              "the car's emissions are this electricity under both scope-2 methods")

    # --- electricity -----------------------------------------------------------
    elec: list[dict] = []

    def erow(fid, activity, y0, y1, value, unit, gas, boundary, method, instrument, source, note, derived=False,
             region="SE", gwp="", edition=None):
        elec.append(dict(factor_id=fid, activity=activity, region=region, valid_from=y0, valid_to=y1, edition=edition,
                         value=value,
                         unit=unit, gas=gas, boundary=boundary, gwp=gwp, method=method, instrument=instrument,
                         source_id=source, derived=str(derived).lower(), note=note))

    for src, y0, y1, value, gas in IVL_NORDIC:
        erow(f"electricity-location-nordic-{y0}-{y1}", "electricity", y0, y1, value, f"g {gas}/kWh", gas, "lifecycle",
             "location", "", src, "Nordic mix with import/export; used as the "
             "location-based factor for Swedish consumption; not split into generation and upstream",
             gwp="not stated" if gas == "CO2e" else "", edition=y1)
    for year, (src, value) in EI_RESIDUAL.items():
        erow(f"electricity-market-residual-{year}", "electricity", year, year, value, "g CO2/kWh", "CO2", "direct",
             "market", "residual_mix", src, "Nordic residual mix (Ei), production stage, CO2 only; "
             "the market-based default for electricity without guarantees of origin")
    erow("electricity-market-residual-2014", "electricity", 2014, 2014, SVENSKENERGI_RESIDUAL_2014, "g CO2/kWh", "CO2",
         "direct", "market", "residual_mix", "svenskenergi_rm",
         "Nordic residual mix (electricity of unknown origin), production stage, CO2 only, as labelled 2014 by Svensk "
         "Energi; the label is uncertain: it may be the figure for 2013 production published in 2014. Ei's own "
         "residual mixes 2011–2018 were not found")
    for year, (src, ren, nuc, fos) in sorted(RESIDUAL_MIX_SHARES.items()):
        shares_out.append(dict(activity="electricity", region="SE", year=year, renewable_share=_r(ren / 100, 4),
                               fossil_free_share=_r((ren + nuc) / 100, 4), recovered_share=None,
                               fossil_share=_r(fos / 100, 4), basis="residual_mix", source_id=src,
                               derived="false",
                               note=f"Nordic residual mix {year}: renewable {ren} %, nuclear {nuc} %, fossil {fos} %; "
                                    "fossil-free = renewable + nuclear"
                                    + ("; as used by suppliers for 2015 sales (Ei publication not named)"
                                       if year == 2015 else "")))
    for year, value in AIB_RESIDUAL.items():
        erow(f"electricity-market-residual-aib-{year}", "electricity", year, year, value, "g CO2/kWh", "CO2", "direct",
             "market", "residual_mix_aib", "aib_rm", "AIB residual mix for Sweden (AIB method), production stage, "
             "CO2 only; choose with contract = residual_mix_aib")
    for inst in ("go_renewable", "go_hydro", "go_wind", "go_solar"):
        erow(f"electricity-market-{inst}", "electricity", 2000, 2100, 0.0, "g CO2/kWh", "CO2", "direct", "market",
             inst, "ei_go", "guarantees of origin: disclosed at 0 g CO2/kWh, production stage only")
    # Own solar power: generation without combustion emits nothing to report, and what is used on site is not
    # purchased energy (scope 2) nor its upstream; the panels' manufacture is outside the boundary.
    for act, what in (("solar_power", "used on site"), ("solar_power_sold", "sold as surplus")):
        erow(f"{act}-zero", act, 1990, 2100, 0.0, "g CO2e/kWh", "CO2e", "direct", "", "", "method_own_generation",
             f"own solar power {what}: no combustion and no purchased energy, so no scope 1 or 2 emissions "
             "(GHG Protocol Scope 2 Guidance: scope 2 is purchased or acquired energy); panel manufacture excluded",
             gwp="method convention")
    # Meals served are counted for indicators (vegetarian share); their emissions are the food bought.
    erow("meals_served-zero", "meals_served", 1990, 2100, 0.0, "kg CO2e/portion", "CO2e", "lifecycle", "", "",
         "method_indicator", "meals served are an indicator: their emissions are counted once, on the food "
         "purchased (food_* rows), as the GHG Protocol Scope 3 Standard asks (no double counting)",
         gwp="method convention")

    # --- district heating and cooling: tools/factors_heat.py -------------------
    from factors_heat import SOURCES as HEAT_SOURCES
    from factors_heat import build_heat

    heat, heat_shares = build_heat()

    # --- medical gases and refrigerants ------------------------------------------
    gases: list[dict] = []

    def grow(fid, activity, value, unit, gas, source, note, derived=False):
        gases.append(dict(factor_id=fid, activity=activity, region="SE", valid_from=1990, valid_to=2100,
                          value=_r(value), unit=unit, gas=gas, boundary="direct", gwp="", method="", instrument="",
                          source_id=source, derived=str(derived).lower(), note=note))

    for act, gas in (("n2o", "N2O"), ("sevoflurane", "sevoflurane"), ("desflurane", "desflurane"),
                     ("isoflurane", "isoflurane")):
        grow(f"{act}-release", act, 1.0, f"kg {gas}/kg", gas, "skl_medgas",
             "all purchased gas is assumed released (method of Swedish regions' medical-gas accounting)")
    grow("entonox-release", "entonox", 0.5 * M_N2O / (0.5 * M_N2O + 0.5 * M_O2), "kg N2O/kg", "N2O",
         "skl_medgas;entonox_bmj1968;molar_masses",
         f"N2O mass fraction of a 50/50 mol N2O/O2 mixture: {M_N2O} / ({M_N2O} + {M_O2}); all N2O assumed released",
         derived=True)
    for act, gas in (("r134a", "R134a"), ("r32", "R32"), ("r404a", "R404A"), ("r407c", "R407C"), ("r410a", "R410A"),
                     ("r744", "R744"), ("r290", "R290")):
        grow(f"{act}-leak", act, 1.0, f"kg {gas}/kg", gas, "ghgp_hfc",
             "refrigerant refilled equals refrigerant leaked (mass-balance screening method)")

    from factors_freight import SOURCES as FREIGHT_SOURCES
    from factors_freight import build_freight
    from factors_scope3 import SOURCES as SCOPE3_SOURCES
    from factors_scope3 import build_scope3

    shares: list[dict] = list(heat_shares) + shares_out
    scope3 = build_scope3()
    for name in ("fuels", "electricity", "gases", "travel", "food", "spend", "waste"):
        rows = {"fuels": fuels, "electricity": elec, "gases": gases}.get(name) or scope3[f"{name}.csv"]
        for r in rows:
            r["note"] = _with_span_rule(r)
    freight = build_freight()
    for r in freight:
        r["note"] = _with_span_rule(r)
    return {"fuels.csv": fuels, "electricity.csv": elec, "heat.csv": heat, "gases.csv": gases,
            **scope3, "freight.csv": freight, "fuel_properties.csv": props, "energy_shares.csv": shares,
            "sources.csv": SOURCES + HISTORY_SOURCES + SCOPE3_SOURCES + FREIGHT_SOURCES + HEAT_SOURCES
                           + UNCERTAINTY_SOURCES}


def _with_span_rule(row: dict) -> str:
    """The row's note followed by the rule of its years: one year, a period average, or a constant."""
    y0, y1, ed = row["valid_from"], row["valid_to"], row.get("edition")
    if row.get("rule"):
        rule = row.pop("rule")
    elif y0 == y1:
        rule = f"figure for {y0}; other years take the nearest edition (flagged)"
    elif ed:
        rule = f"average {y0}–{y1} (edition {ed}); other years take the nearest edition (flagged)"
    else:
        rule = f"constant (no edition year): valid for every year {y0}–{y1}"
    return f"{row['note']}. {rule[0].upper()}{rule[1:]}" if row["note"] else rule[0].upper() + rule[1:]


def _with_edition(row: dict) -> dict:
    """A factor row with its edition: given, else the year of a single-year row (a timeless constant has none)."""
    if row.get("edition") is None:
        row = dict(row, edition=row["valid_from"] if row["valid_from"] == row["valid_to"] else "")
    return row


def _csv_text(rows: list[dict], columns: list[str], name: str = "") -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    if columns is FACTOR_COLUMNS:
        rows = [_with_edition(r) for r in rows]
        rows = [r | profile_of(name, r) for r in rows]
    for r in rows:
        w.writerow({k: ("" if r.get(k) is None else r.get(k)) for k in columns})
    return buf.getvalue()


def render() -> dict[str, str]:
    tables = build()
    files = {}
    for name, rows in tables.items():
        cols = (SOURCE_COLUMNS if name == "sources.csv" else PROPERTY_COLUMNS if name == "fuel_properties.csv"
                else SHARE_COLUMNS if name == "energy_shares.csv" else FACTOR_COLUMNS)
        files[name] = _csv_text(rows, cols, name)
    manifest = {
        "name": "klimatbokslut bundled emission factors",
        "version": VERSION,
        "built_by": "tools/build_factors.py",
        "files": {name: {"sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                         "rows": text.count("\n") - 1}
                  for name, text in sorted(files.items())},
    }
    files["manifest.json"] = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    return files


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare with the files on disk instead of writing")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    files = render()
    if args.check:
        stale = [n for n, t in files.items() if not (args.out / n).exists()
                 or (args.out / n).read_text(encoding="utf-8") != t]
        if stale:
            print("out of date: " + ", ".join(stale), file=sys.stderr)
            return 1
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for n, t in files.items():
        (args.out / n).write_text(t, encoding="utf-8")
    print(f"wrote {len(files)} files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
