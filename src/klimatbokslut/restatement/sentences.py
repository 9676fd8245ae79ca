"""The recalculation in words: one sentence per change, in Swedish or English, and its number formats."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

import pandas as pd

from .policy import RecalculationPolicy


class Restated(Protocol):
    """What the sentences read of a :class:`~klimatbokslut.restatement.Restatement`."""

    @property
    def policy(self) -> RecalculationPolicy: ...
    @property
    def base_year(self) -> int: ...
    @property
    def assessment(self) -> pd.DataFrame: ...
    @property
    def method_effects(self) -> pd.DataFrame | None: ...

__all__ = ["KIND_SV", "sentences", "method_sentence"]

#: Each kind of change in Swedish, as the assessment table names it.
KIND_SV = {"divestment": "avyttring", "acquisition": "förvärv", "outsourcing": "utläggning",
           "correction": "rättelse"}
#: What happened to the unit of a structural change, in Swedish.
_VERB_SV = {"divestment": "avyttrades", "acquisition": "förvärvades", "outsourcing": "lades ut (köps som tjänst)"}


def _pct(share: float, lang: str) -> str:
    """A share as a percentage with one decimal, without the sign.

    Examples
    --------
    >>> _pct(0.083, "sv"), _pct(0.083, "en")
    ('8,3', '8.3')
    """
    return f"{100 * share:.1f}".replace(".", "," if lang == "sv" else ".")


def _signed_t(t: float, lang: str) -> str:
    """Tonnes with a sign and one decimal: ``−1 234,5`` in Swedish, ``-1,234.5`` in English.

    Examples
    --------
    >>> _signed_t(-1234.5, "sv"), _signed_t(-1234.5, "en")
    ('−1 234,5', '-1,234.5')
    """
    eff = f"{t:+,.1f}"
    return eff.replace(",", " ").replace(".", ",").replace("-", "−") if lang == "sv" else eff


def _tonnes(t: float, lang: str) -> str:
    """Tonnes with one decimal: ``1 234,5`` in Swedish, ``1,234.5`` in English.

    Examples
    --------
    >>> _tonnes(1234.5, "sv"), _tonnes(1234.5, "en")
    ('1 234,5', '1,234.5')
    """
    t_text = f"{t:,.1f}"
    return t_text.replace(",", " ").replace(".", ",") if lang == "sv" else t_text


def _threshold(threshold: float, lang: str) -> str:
    """The threshold as a percentage, as short as it goes.

    Examples
    --------
    >>> _threshold(0.05, "sv"), _threshold(0.025, "sv"), _threshold(0.025, "en")
    ('5', '2,5', '2.5')
    """
    return f"{100 * threshold:g}".replace(".", "," if lang == "sv" else ".")


def method_sentence(e: Mapping[Any, Any], base_year: int, threshold: float, lang: str) -> str:
    """One method change (a row of ``method_effects``): its effect on the base year and the verdict."""
    pct, eff = _pct(e["share_of_base"], lang), _signed_t(e["base_year_effect_t"], lang)
    thr = _threshold(threshold, lang)
    if lang == "sv":
        verdict = "över tröskeln" if e["significant"] else "under tröskeln"
        return (f"{e['change']} (metodändring {e['year']}): påverkan på basåret {base_year} {eff} ton CO2e ({pct} %, "
                f"tröskel {thr} %, {verdict}); alla år är här beräknade med dagens metod.")
    verdict = "above the threshold" if e["significant"] else "below the threshold"
    return (f"{e['change']} (method change {e['year']}): effect on the base year {base_year} {eff} t CO2e ({pct} %, "
            f"threshold {thr} %, {verdict}); every year here is calculated with today's method.")


def _what_was_done(a: Mapping[Any, Any], restate: str, lang: str) -> str:
    if lang == "sv":
        return ("basåret och tidigare år är omräknade" if restate == "all" else
                "basåret är omräknat") if a["applied"] else \
            ("under tröskeln: inte omräknat" if not (a["significant"] or a["cumulative"]) else
             "policyn räknar bara om senare år: historiken är som först redovisad"
             if restate == "later" else "utlösaren ingår inte i policyn")
    return ("the base year and earlier years are restated" if restate == "all" else
            "the base year is restated") if a["applied"] else \
        ("below the threshold: not restated" if not (a["significant"] or a["cumulative"]) else
         "the policy restates only later years: the history is as first reported"
         if restate == "later" else "trigger not in the policy")


def _change_sentence(a: Mapping[Any, Any], base_year: int, threshold: float, restate: str, lang: str) -> str:
    """One change (a row of the assessment): what it is, its effect on the base year, and what was done."""
    pct, eff = _pct(a["share_of_base"], lang), _signed_t(a["base_year_effect_t"], lang)
    thr = _threshold(threshold, lang)
    did = _what_was_done(a, restate, lang)
    if lang == "sv":
        head = f"{a['change']} ({a['kind_sv']}, {a['year']})"
        if a["kind"] in _VERB_SV:
            head = f"{a['change']}: {_VERB_SV[a['kind']]} {a['year']}"
        if a["kind"] == "outsourcing":
            return (f"{head}. {_tonnes(a['moved_to_scope3_t'], lang)} ton CO2e i basåret {base_year} flyttas från "
                    f"scope 1 och 2 till scope 3 ({pct} %, tröskel {thr} %): en flytt, ingen minskning; {did}.")
        return f"{head}. Påverkan på basåret {base_year}: {eff} ton CO2e ({pct} %, tröskel {thr} %); {did}."
    head = f"{a['change']} ({a['kind']}, {a['year']})"
    if a["kind"] == "outsourcing":
        return (f"{head}. {_tonnes(a['moved_to_scope3_t'], lang)} t CO2e of the base year {base_year} move from "
                f"scope 1 and 2 to scope 3 ({pct} %, threshold {thr} %): moved, not reduced; {did}.")
    return f"{head}. Effect on the base year {base_year}: {eff} t CO2e ({pct} %, threshold {thr} %); {did}."


def sentences(r: Restated, lang: str = "sv") -> list[str]:
    """One sentence per method change and per change: what it is, its effect on the base year, and what was done.

    Parameters
    ----------
    r : Restatement
        The recalculation (anything with its ``policy``, ``base_year``, ``assessment`` and ``method_effects``).
    lang : {"sv", "en"}
    """
    threshold = r.policy.threshold
    out = [] if r.method_effects is None else [method_sentence(e, r.base_year, threshold, lang)
                                               for e in r.method_effects.to_dict("records")]
    out += [_change_sentence(a, r.base_year, threshold, r.policy.restate, lang)
            for a in r.assessment.to_dict("records")]
    return out
