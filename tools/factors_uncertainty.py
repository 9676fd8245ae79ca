"""The uncertainty of every bundled factor row: distribution, parameter, basis, pedigree scores, source.

Used by ``tools/build_factors.py``. No source of a bundled factor states its own
uncertainty, so every row takes one of two documented kinds of figure:

* ``class``: the published *basic uncertainty* of the factor's class, ecoinvent v2
  (Frischknecht et al. 2007, transcribed in Brightway's ``pedigree_matrix``): CO2 from
  combustion 1.05, CH4 and N2O from combustion 1.5 (GSD², the 97.5 % / 50 % ratio of a
  lognormal).
* ``pedigree``: a default from data-quality scores (reliability, completeness, temporal,
  geographical, further technological correlation; 1 best … 5 worst) by the ecoinvent v3
  guideline (Weidema et al. 2013): the variances of ln of the scores are added to the basic
  variance 0.0006 of an emission factor; GSD² = exp(2·√variance). The scores of each dataset
  and why are written below and into the row's ``uncertainty_note``. These are defaults,
  flagged as such wherever they are used.

The same table and formula are in :mod:`klimatbokslut.uncertainty.pedigree`; the tests
recompute every bundled row's figure from its scores.
"""

from __future__ import annotations

from klimatbokslut.pedigree import pedigree_gsd2  # the library's table and formula, not a copy

SOURCES = [
    dict(source_id="ecoinvent_v2_uncertainty", publisher="ecoinvent Centre (Frischknecht et al.)",
         title="Overview and Methodology, ecoinvent report No. 1 (v2.0): basic uncertainty factors "
               "(Table 7.10) and pedigree uncertainty factors",
         edition="v2.0", year="2007", url="https://github.com/brightway-lca/pedigree_matrix/blob/master/"
                                          "pedigree_matrix/data.py",
         licence="figures quoted with attribution from a public document",
         seen_in="secondary (transcription of the tables in Brightway's pedigree_matrix package)",
         note="basic uncertainty as GSD² (97.5 % / median of a lognormal): CO2 combustion 1.05, "
              "CH4 and N2O combustion 1.5"),
    dict(source_id="ecoinvent_v3_pedigree", publisher="ecoinvent (Weidema, Bauer, Hischier et al.)",
         title="Overview and methodology. Data quality guideline for the ecoinvent database version 3, "
               "ecoinvent report 1(v3): basic uncertainty (Table 10.3) and pedigree variances (Table 10.5)",
         edition="v3 (final, St Gallen 2013-05-06)", year="2013",
         url="https://123docz.net/document/5315296-overview-and-methodology-data-quality-guideline-for-the-"
             "ecoinvent-database-version-3.htm",
         licence="figures quoted with attribution from a public document",
         seen_in="secondary (title and citation read in a public copy; Table 10.5 read in a transcription in public "
                 "code; the variances equal (ln U)²/4 of the v2 pedigree factors, checked)",
         note="variance of ln per pedigree score, added to the basic variance (emission factor 0.0006)"),
]


# Scores (reliability, completeness, temporal, geographical, technological) per dataset, with the reason.
PROFILES: dict[str, tuple[tuple[int, int, int, int, int], str]] = {
    "fuel_upstream": ((2, 3, 2, 1, 3), "Swedish lifecycle figures of fuels delivered (Energimyndigheten), "
                      "upstream part derived as WTW − TTW; RED default values, not the actual supply chain"),
    "residual_mix": ((2, 2, 1, 1, 2), "published residual mix of the year (Energimarknadsinspektionen/AIB)"),
    "guarantee": ((1, 1, 1, 1, 1), "contractual zero of a guarantee of origin (method convention)"),
    "nordic_mix": ((2, 2, 2, 2, 2), "Nordic consumption mix averaged over years (IVL)"),
    "method": ((1, 1, 1, 1, 1), "a method convention (own generation, indicator), not a measurement"),
    "heat_local": ((2, 2, 1, 1, 2), "the network's own published miljövärde of the year (VMK method)"),
    "food_se": ((3, 3, 4, 2, 3), "Swedish consumption averages of one year (SLU/RISE), used for other years"),
    "food_global": ((3, 3, 3, 4, 4), "global means over farms (Poore & Nemecek 2018) used for Swedish purchases"),
    "freight": ((2, 2, 1, 3, 3), "UK averages per tonne-km (DESNZ) used for Swedish transport"),
    "travel_uk": ((2, 2, 1, 3, 3), "UK averages per passenger-km (DESNZ/DEFRA) used for Swedish travel"),
    "travel_rf": ((2, 2, 1, 3, 4), "UK averages with a radiative-forcing uplift, whose size is uncertain"),
    "travel_se": ((2, 2, 1, 1, 2), "Swedish operator's or calculator's own figure"),
    "hotel": ((3, 3, 2, 2, 3), "average per room-night of a hotel sample"),
    "release": ((3, 1, 1, 1, 2), "all purchased gas assumed released (accounting convention); "
                "a part may be destroyed, recovered or metabolised"),
    "spend": ((3, 1, 3, 3, 4), "input-output ratio for a whole sector (t CO2e per SEK), a poor technological "
              "match to a single purchase"),
    "waste": ((2, 2, 1, 3, 3), "UK averages per tonne (DESNZ) used for Swedish waste"),
}


def _class(gsd2: float, what: str) -> dict:
    return dict(uncertainty_distribution="lognormal", uncertainty_parameter=gsd2, uncertainty_basis="class",
                uncertainty_pedigree="", uncertainty_source_id="ecoinvent_v2_uncertainty",
                uncertainty_note=f"basic uncertainty of {what} (ecoinvent v2)")


def _pedigree(profile: str) -> dict:
    scores, why = PROFILES[profile]
    return dict(uncertainty_distribution="lognormal", uncertainty_parameter=pedigree_gsd2(scores),
                uncertainty_basis="pedigree", uncertainty_pedigree=",".join(map(str, scores)),
                uncertainty_source_id="ecoinvent_v3_pedigree",
                uncertainty_note=f"default from pedigree scores {','.join(map(str, scores))}: {why}")


def profile_of(file: str, row: dict) -> dict:
    """The uncertainty columns of one bundled factor row."""
    gas, boundary, source = row["gas"], row["boundary"], str(row["source_id"])
    instrument = str(row.get("instrument") or "")
    if file == "fuels.csv":
        if boundary == "TTW" and gas in ("CO2", "CO2_biogenic"):
            return _class(1.05, "CO2 from combustion")
        if boundary == "TTW" and gas in ("CH4", "N2O"):
            return _class(1.5, f"{gas} from combustion")
        return _pedigree("fuel_upstream")
    if file == "electricity.csv":
        if source.startswith("method_"):
            return _pedigree("method")
        if source == "ei_go":
            return _pedigree("guarantee")
        if source in ("ivl_smed2021", "ivl_etn2025"):
            return _pedigree("nordic_mix")
        return _pedigree("residual_mix")
    if file == "heat.csv":
        return _pedigree("heat_local")
    if file == "food.csv":
        return _pedigree("food_global" if source == "poore2018" else "food_se")
    if file == "freight.csv":
        return _pedigree("freight")
    if file == "travel.csv":
        if source.startswith("method_"):
            return _pedigree("method")
        if source == "klimatsmart_hotel":
            return _pedigree("hotel")
        if source in ("klimatresa", "sj2023"):
            return _pedigree("travel_se")
        return _pedigree("travel_rf" if instrument.startswith("rf/") else "travel_uk")
    if file == "gases.csv":
        return _pedigree("release")
    if file == "spend.csv":
        return _pedigree("spend")
    if file == "waste.csv":
        return _pedigree("waste")
    raise KeyError(f"no uncertainty rule for {file} ({row['factor_id']})")
