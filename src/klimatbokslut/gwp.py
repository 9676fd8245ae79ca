"""Global warming potentials (GWP100) by IPCC assessment report.

The tables come from the ``globalwarmingpotentials`` package (openclimatedata),
which carries the IPCC AR4, AR5 and AR6 GWP100 tables, and are completed here
with what that package lacks, each addition with its source:

* sevoflurane (HFE-347mmz1): AR5 216, AR6 195;
* fossil and non-fossil methane in AR6: 29.8 and 27.0;
* refrigerant blends, computed as the mass-weighted sum of their components.

Gas names are the ones used in the factor dataset and in the unit registry:
``CO2``, ``CH4``, ``CH4_fossil``, ``CH4_nonfossil``, ``N2O``, ``SF6``, HFCs as
``HFC134a``, anaesthetic gases as ``desflurane``, ``isoflurane``,
``sevoflurane``, refrigerants as ``R134a``, ``R404A`` ... ``R744``, ``R290``.

References
----------
.. [1] Forster, P. et al. (2021): The Earth's Energy Budget, Climate Feedbacks and
   Climate Sensitivity, Supplementary Material, Table 7.SM.7. In: Climate Change
   2021: The Physical Science Basis (IPCC AR6 WGI). Fossil/non-fossil CH4:
   Table 7.15.
.. [2] Myhre, G. et al. (2013): Anthropogenic and Natural Radiative Forcing,
   Appendix 8.A, Table 8.A.1. In: Climate Change 2013 (IPCC AR5 WGI).
.. [3] Forster, P. et al. (2007): Changes in Atmospheric Constituents and in
   Radiative Forcing, Table 2.14. In: Climate Change 2007 (IPCC AR4 WGI).
.. [4] Nicholls, Z., Gieseke, R.: globalwarmingpotentials (Python package),
   https://github.com/openclimatedata/globalwarmingpotentials
.. [5] ASHRAE Standard 34, Designation and Safety Classification of Refrigerants
   (blend compositions R-404A 44/52/4, R-407C 23/25/52, R-410A 50/50 mass-%);
   the same compositions are used by Regulation (EU) No 517/2014, Annex IV.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Final

from .errors import GWPError

#: GWP sets offered, mapped to the column name in ``globalwarmingpotentials``.
GWP_SETS: Final[dict[str, str]] = {
    "AR4": "AR4GWP100",
    "AR5": "AR5GWP100",
    "AR6": "AR6GWP100",
}

#: Our gas name -> species name in ``globalwarmingpotentials``.
_SPECIES: Final[dict[str, str]] = {
    "CH4": "CH4",
    "N2O": "N2O",
    "SF6": "SF6",
    "NF3": "NF3",
    "HFC23": "HFC23",
    "HFC32": "HFC32",
    "HFC125": "HFC125",
    "HFC134a": "HFC134a",
    "HFC143a": "HFC143a",
    "HFC152a": "HFC152a",
    "HFC227ea": "HFC227ea",
    "CF4": "CF4",
    "desflurane": "HFE236ea2",
    "isoflurane": "HCFE235da2",
}

#: Values the package does not carry, with their source.
_ADDITIONS: Final[dict[str, dict[str, float]]] = {
    # IPCC AR6 WGI Table 7.SM.7 (HFE-347mmz1); IPCC AR5 WGI Table 8.A.1.
    "sevoflurane": {"AR5": 216.0, "AR6": 195.0},
    # IPCC AR6 WGI Table 7.15: fossil CH4 includes the CO2 from its oxidation.
    "CH4_fossil": {"AR6": 29.8},
    "CH4_nonfossil": {"AR6": 27.0},
    # IPCC AR6 WGI Table 7.SM.7 (propane).
    "R290": {"AR6": 0.02},
}

#: Refrigerant designations that are a single substance.
_PURE_REFRIGERANTS: Final[dict[str, str]] = {
    "R134a": "HFC134a",
    "R32": "HFC32",
    "R125": "HFC125",
    "R143a": "HFC143a",
    "R23": "HFC23",
    "R152a": "HFC152a",
    "R227ea": "HFC227ea",
}

#: Blend compositions in mass fractions (ASHRAE Standard 34).
BLENDS: Final[dict[str, dict[str, float]]] = {
    "R404A": {"HFC125": 0.44, "HFC143a": 0.52, "HFC134a": 0.04},
    "R407C": {"HFC32": 0.23, "HFC125": 0.25, "HFC134a": 0.52},
    "R410A": {"HFC32": 0.50, "HFC125": 0.50},
}

#: Gases whose CO2-equivalence is 1 by definition (R744 is CO2 used as refrigerant).
_UNITY: Final[frozenset[str]] = frozenset({"CO2", "CO2e", "R744"})

#: Gases that are reported outside the scopes (memo items) and never weighted.
MEMO_GASES: Final[frozenset[str]] = frozenset({"CO2_biogenic"})




def check_gwp_set(gwp: str) -> str:
    """Return the canonical name of a GWP set (``"AR4"``, ``"AR5"``, ``"AR6"``).

    Examples
    --------
    >>> check_gwp_set("ar6")
    'AR6'
    >>> check_gwp_set("AR6GWP100")
    'AR6'
    """
    key = str(gwp).strip().upper().replace("GWP100", "")
    if key not in GWP_SETS:
        raise GWPError(f"unknown GWP set {gwp!r}; choose one of {', '.join(GWP_SETS)}")
    return key


@cache
def _table(gwp: str) -> dict[str, float]:
    import globalwarmingpotentials as gwps  # loaded with the first GWP table asked for (import time)

    column = gwps.data[GWP_SETS[gwp]]
    out: dict[str, float] = {}
    for ours, species in _SPECIES.items():
        value = column.get(species)
        if value is not None and not math.isnan(value):
            out[ours] = float(value)
    for gas, values in _ADDITIONS.items():
        if gwp in values:
            out[gas] = values[gwp]
    for name, species in _PURE_REFRIGERANTS.items():
        if species in out:
            out[name] = out[species]
    for blend, parts in BLENDS.items():
        if all(p in out for p in parts):
            out[blend] = sum(frac * out[p] for p, frac in parts.items())
    for gas in _UNITY:
        out[gas] = 1.0
    return out


def gwp100(gas: str, gwp: str = "AR6") -> float:
    """GWP100 of a gas in a named IPCC set [kg CO2e / kg gas].

    Parameters
    ----------
    gas : str
        Gas name as in the factor dataset (``"N2O"``, ``"sevoflurane"``, ``"R404A"``).
    gwp : str
        ``"AR4"``, ``"AR5"`` or ``"AR6"``.

    Returns
    -------
    float
        kg CO2e per kg of the gas.

    Raises
    ------
    GWPError
        If the set has no value for the gas (e.g. desflurane in AR4).

    References
    ----------
    IPCC AR6 WGI Table 7.SM.7; AR5 WGI Table 8.A.1; AR4 WGI Table 2.14 (see module).

    Examples
    --------
    >>> gwp100("N2O", "AR6"), gwp100("N2O", "AR5"), gwp100("N2O", "AR4")
    (273.0, 265.0, 298.0)
    >>> round(gwp100("R404A", "AR6"), 1)
    4728.0
    """
    key = check_gwp_set(gwp)
    table = _table(key)
    try:
        return table[gas]
    except KeyError:
        known = sorted(g for g in set(_SPECIES) | set(_ADDITIONS) | set(BLENDS) | set(_PURE_REFRIGERANTS) | _UNITY)
        if gas in known:
            raise GWPError(f"the {key} GWP100 table has no value for {gas!r}; choose another GWP set") from None
        raise GWPError(f"unknown gas {gas!r}; known gases: {', '.join(known)}") from None


def gwp_table(gwp: str = "AR6") -> dict[str, float]:
    """All GWP100 values of a set, as a new ``{gas: kg CO2e/kg}`` dict.

    Examples
    --------
    >>> t = gwp_table("AR5")
    >>> t["CH4"], t["sevoflurane"]
    (28.0, 216.0)
    """
    return dict(_table(check_gwp_set(gwp)))
