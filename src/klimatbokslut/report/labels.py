"""The report's words for codes and figures: status chips and their deciding figures, units, selections,
regions, contracts, gases and probabilities, in the report's language (the page itself is :mod:`.html`).

Examples
--------
>>> display_unit("kWh/m2", "sv"), probability_text(0.9998, "sv"), metric_word("carbon_footprint", "sv")
('kWh/m²', '> 99,9 %', 'koldioxidavtryck')
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup, escape

from ..catalogue import resolve_activity_name
from ..text import N_, NP_, ptr, tr
from .fmt import is_missing, number, percent
from .names import activity_name, area_name, category_name
from .strings import STATUS_CLASS, status_word

__all__ = ["axis_unit", "boundary_word", "contract_word", "deciding_text", "display_unit", "gas_word", "metric_word",
           "parameter_word", "probability_text", "region_text", "select_text", "status_cell", "status_legend",
           "value_text"]


def status_cell(r, lang: str) -> Markup:
    """The status chip (one word of the five) with the figure that decides it beside it."""
    chip = (f'<span class="status {STATUS_CLASS.get(r.status, "")}" data-status="{escape(r.status)}">'
            f'{escape(status_word(r.status, lang))}</span>')
    why = deciding_text(r, lang)
    return Markup(chip + (f' <span class="decides" data-decides>{escape(why)}</span>' if why else ""))


#: What each status word means (the legend), by status, in the legend's order.
_STATUS_MEANINGS = {
    "met": N_("the target value is reached in the year"),
    "on_track": N_("before the target year: not yet at the target value, but at or better than the path from the "
                   "base-year value to the target value (a carbon budget: at the trend it lasts to the end)"),
    "off_track": N_("before the target year: behind that path (a carbon budget: at the trend it runs out before the "
                    "end)"),
    "not_met": N_("the target value is not reached in or after the target year (a limit or cap without a target "
                  "year: it is exceeded)"),
    "no_data": N_("there is no value for the year (the reason is in the comment); it is never counted as zero"),
}


def status_legend(lang: str) -> list[dict[str, Any]]:
    """The legend of the status words: each chip with what it means, in the order of :data:`STATUSES`.

    Examples
    --------
    >>> [x["status"] for x in status_legend("sv")]
    ['met', 'on_track', 'off_track', 'not_met', 'no_data']
    """
    return [{"status": code, "chip": Markup(f'<span class="status {STATUS_CLASS[code]}">'
                                             f'{escape(status_word(code, lang))}</span>'),
             "meaning": tr(lang, text)} for code, text in _STATUS_MEANINGS.items()]


def _amount(q, unit: str, lang: str) -> str:
    """A size of a difference in the target's unit ("12,3 t CO2e"; a share in percentage points)."""
    if not unit:
        points = 100 * abs(float(q.to("dimensionless").magnitude))
        return tr(lang, "{n} percentage points", n=number(points, None, lang))
    return f"{number(abs(float(q.magnitude)), None, lang)} {display_unit(unit, lang)}"


def deciding_text(r, lang: str) -> str:
    """The figure that decides a result's status, in words ("145 t CO2e över banan för 2024").

    Examples
    --------
    >>> from klimatbokslut.targets import TargetResult
    >>> from klimatbokslut.units import Q_
    >>> deciding_text(TargetResult("x", 2024, "met", actual=Q_(60.0, "t CO2e"), target_value=Q_(70.0, "t CO2e"),
    ...                            unit="t CO2e"), "sv")
    '10,0 ton CO2e under målvärdet'
    """
    d = r.deciding()
    if d["against"] is None:
        return tr(lang, "no value for the year") if r.status == "no_data" else ""
    if d["against"] == "budget":
        if d.get("remaining_t") is not None and d["remaining_t"] < 0:
            return tr(lang, "{n} t CO2e over the budget", n=number(-d["remaining_t"], 0, lang))
        if d.get("runs_out_year") is not None:
            return tr(lang, "runs out in {year} at the trend; the budget is for up to {end}",
                      year=d["runs_out_year"], end=d["end_year"])
        return tr(lang, "{n} t CO2e left, lasts to {end} at the trend", n=number(d["remaining_t"], 0, lang),
                  end=d["end_year"])
    diff = d["difference"]
    size = _amount(diff, r.unit, lang)
    below = float(diff.magnitude) < 0
    if d["against"] == "path":
        msg = (tr(lang, "{amount} below the path for {year}", amount=size, year=r.year) if below
               else tr(lang, "{amount} above the path for {year}", amount=size, year=r.year))
        return msg if float(diff.magnitude) != 0 else tr(lang, "on the path for {year}", year=r.year)
    if float(diff.magnitude) == 0:
        return tr(lang, "exactly at the target value")
    return (tr(lang, "{amount} below the target value", amount=size) if below
            else tr(lang, "{amount} above the target value", amount=size))


def display_unit(unit: str, lang: str) -> str:
    """A unit as the report writes it: one form for tonnes ("ton CO2e" in Swedish), m², m³, Nm³.

    Examples
    --------
    >>> display_unit("t CO2e/MSEK", "sv"), display_unit("kWh/m2", "en"), display_unit("Nm3", "sv")
    ('ton CO2e/MSEK', 'kWh/m²', 'Nm³')
    """
    out = re.sub(r"(?<![A-Za-z0-9])m2(?![0-9])", "m²", str(unit))
    out = re.sub(r"^ton$", "t", out)
    out = re.sub(r"(?<![A-Za-z])st(?![A-Za-z])", ptr(lang, "unit", "pcs"), out)     # a count: "st" is Swedish
    out = re.sub(r"(?<![A-Za-z0-9])(N?)m3(?![0-9])", r"\1m³", out)
    out = out.replace("room_night", ptr(lang, "unit", "room night")).replace("CO2_biogenic", gas_word("CO2_biogenic",
                                                                                                        lang))
    return axis_unit(out, lang)


#: The words of a target's selection keys.
_SELECT_KEYS = {"scope": NP_("selection", "scope"), "area": NP_("selection", "area"),
                "category": NP_("selection", "category"), "activity": NP_("selection", "activity"),
                "metric": NP_("selection", "measure"), "boundary": NP_("selection", "boundary"),
                "org_unit": NP_("selection", "administration"), "site": NP_("selection", "site")}

#: The words of a target's metric (``klimatbokslut.targets.METRICS``).
_METRIC_WORDS = {"co2e": NP_("metric", "emissions (CO2e)"), "co2": NP_("metric", "CO2"),
                 "n2o": NP_("metric", "nitrous oxide"), "energy": NP_("metric", "energy"),
                 "energy_normal": NP_("metric", "energy, normal-year corrected"),
                 "distance": NP_("metric", "distance"), "amount": NP_("metric", "amount"),
                 "cost": NP_("metric", "purchase value"), "mass": NP_("metric", "mass"),
                 "carbon_footprint": NP_("metric", "carbon footprint"),
                 "carbon_intensity": NP_("metric", "carbon intensity"),
                 "financed_emissions": NP_("metric", "financed emissions"),
                 "waci": NP_("metric", "weighted average carbon intensity (WACI)"),
                 "green_share": NP_("metric", "share of debt in green loans")}


def metric_word(metric: str, lang: str) -> str:
    """The word for a metric code ("carbon_footprint" → "koldioxidavtryck"); the code when unknown."""
    found = _METRIC_WORDS.get(str(metric))
    return ptr(lang, *found) if found else str(metric)


#: Where a factor applies (its ``region``: a country, a class of flight, a kind of organisation) → its word.
_REGION_WORDS = {"SE": NP_("region", "Sweden"), "domestic": NP_("flight", "domestic"),
                 "short_haul": NP_("flight", "short haul"), "long_haul": NP_("flight", "long haul"),
                 "kommun": NP_("region", "municipalities"), "region": NP_("region", "regions")}

#: Publishers whose figures are another country's, by a part of the publisher's name → how the report names them.
_FOREIGN_PUBLISHERS = {"DESNZ": "DESNZ (UK)"}

#: Electricity contracts (``klimatbokslut.intake.names.CONTRACTS``) → their words.
_CONTRACT_WORDS = {"go_hydro": NP_("contract", "guarantees of origin, hydropower"),
                   "go_wind": NP_("contract", "guarantees of origin, wind power"),
                   "go_solar": NP_("contract", "guarantees of origin, solar power"),
                   "go_renewable": NP_("contract", "guarantees of origin, renewable"),
                   "residual_mix": NP_("contract", "residual mix"),
                   "residual_mix_aib": NP_("contract", "residual mix (AIB)")}


#: What-if parameters a note asks for → what the reader should give.
_PARAMETER_WORDS = {"from_price": N_("the old price")}


def parameter_word(code: str, lang: str) -> str:
    """A what-if parameter a note names, in words ("from_price" → "det gamla priset"); the code when unknown."""
    return tr(lang, _PARAMETER_WORDS[code]) if code in _PARAMETER_WORDS else code


#: A factor's boundary → its word (TTW and WTT are written as Swedish reports write them).
_BOUNDARY_WORDS = {"lifecycle": NP_("boundary", "life cycle"), "direct": NP_("boundary", "direct")}


def boundary_word(code: str, lang: str) -> str:
    """A factor's boundary in words ("lifecycle" → "livscykel"); TTW, WTT and unknown codes as they are.

    Examples
    --------
    >>> boundary_word("lifecycle", "sv"), boundary_word("TTW", "sv")
    ('livscykel', 'TTW')
    """
    found = _BOUNDARY_WORDS.get(str(code))
    return ptr(lang, *found) if found else str(code)


def gas_word(gas: str, lang: str) -> str:
    """A gas as the report writes it: "CO2_biogenic" is biogenic CO2; other gases by their formula.

    Examples
    --------
    >>> gas_word("CO2_biogenic", "sv"), gas_word("N2O", "sv")
    ('biogen CO2', 'N2O')
    """
    return tr(lang, "biogenic CO2") if gas == "CO2_biogenic" else gas


def contract_word(code: str, lang: str) -> str:
    """An electricity contract in words ("go_hydro" → "ursprungsgarantier, vattenkraft"); the code when unknown."""
    found = _CONTRACT_WORDS.get(str(code))
    return ptr(lang, *found) if found else str(code)


def region_text(region: Any, publisher: Any, lang: str) -> str:
    """Whose figure a factor is and where it is used: "DESNZ (UK), används för Sverige", or "Göteborg".

    Examples
    --------
    >>> region_text("SE", "UK Department for Energy Security and Net Zero (DESNZ)", "sv")
    'DESNZ (UK), används för Sverige'
    >>> region_text("short_haul", "UK Department for Energy Security and Net Zero (DESNZ)", "en")
    'DESNZ (UK), short haul, used for Sweden'
    >>> region_text("SE", "Energimyndigheten", "sv"), region_text("Lund", None, "sv")
    ('Sverige', 'Lund')
    """
    if region is None or is_missing(region) or not str(region):
        return ""
    code = str(region)
    word = ptr(lang, *_REGION_WORDS[code]) if code in _REGION_WORDS else code
    foreign = next((name for key, name in _FOREIGN_PUBLISHERS.items() if key in str(publisher or "")), None)
    if foreign is None:
        return word
    if code == "SE":
        return tr(lang, "{publisher}, used for {where}", publisher=foreign, where=word)
    return tr(lang, "{publisher}, {what}, used for {where}", publisher=foreign, what=word,
              where=ptr(lang, *_REGION_WORDS["SE"]))


def _select_value(key: str, value: Any, lang: str) -> str:
    if key == "area":
        return area_name(str(value), lang)
    if key == "category":
        return category_name(str(value), lang)
    if key == "activity":
        return activity_name(resolve_activity_name(str(value)) or str(value), lang)
    if key == "metric":
        return metric_word(str(value), lang)
    return str(value)


def select_text(target, lang: str = "sv") -> str:
    """What a target selects, in words: "Scope: 1, 2; mått: utsläpp (CO2e)"."""
    sel = dict(getattr(target, "select", {}) or {})
    metric = getattr(target, "metric", "")
    if metric:
        sel["metric"] = metric
    parts = []
    for k, v in sel.items():
        vals = v if isinstance(v, (list, tuple)) else [v]
        word = ptr(lang, *_SELECT_KEYS[k]) if k in _SELECT_KEYS else k
        parts.append(f"{word}: {', '.join(_select_value(k, x, lang) for x in vals)}")
    return "; ".join(parts)


def axis_unit(unit: str, lang: str) -> str:
    """A value axis's unit as the report writes it: "ton CO2e" in Swedish, "t CO2e" in English."""
    tonnes = ptr(lang, "unit", "t")
    return unit if tonnes == "t" else re.sub(r"(?<![A-Za-z])t(?= CO2)", tonnes, unit)


def value_text(value, unit: str, lang: str) -> str:
    if is_missing(value):
        return "–"
    if not unit:          # shares are fractions
        return percent(value, 1, lang)
    return f"{number(value, None, lang)} {display_unit(unit, lang)}"


def probability_text(p: Any, lang: str) -> str:
    """A probability as a reader should see it: whole percent, "< 0,1 %" and "> 99,9 %" at the ends, "–" for none.

    Examples
    --------
    >>> probability_text(0.9998, "sv"), probability_text(0.0, "sv"), probability_text(0.634, "en")
    ('> 99,9 %', '< 0,1 %', '63%')
    """
    if p is None or is_missing(p):
        return "–"
    p = float(p)
    if p < 0.001:
        return "< " + percent(0.001, 1, lang)
    if p > 0.999:
        return "> " + percent(0.999, 1, lang)
    if p < 0.01 or p > 0.99:
        return percent(p, 1, lang)
    return percent(p, 0, lang)
