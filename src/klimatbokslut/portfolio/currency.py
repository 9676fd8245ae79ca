"""Currencies of a holdings table: exchange rates to SEK and the MSEK factor of each currency text.

Nothing is converted without a rate: a currency other than kronor with no entry in
``rates`` is a failure, never a silent conversion.

Examples
--------
>>> from klimatbokslut.validation import Failures
>>> rates = normalise_rates({"EUR": "11,5 SEK/EUR"}, Failures("holdings"))
>>> factors, why = currency_factors(pd.Series(["kSEK", "MEUR", "XYZ"]), rates)
>>> factors.tolist()[:2], why.tolist()[2]
([0.001, 11.5], 'unknown currency; use SEK, kSEK, MSEK, EUR, USD ...')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ..units import as_quantity, currency_code, get_registry
from ..validation import Failures

__all__ = ["normalise_rates", "currency_factors"]


def _parse_currency(text: str) -> tuple[Any, str | None]:
    """The pint unit of a currency text and its ISO code (None, None when it is not a currency)."""
    try:
        unit = get_registry().parse_units(text)
    except Exception:  # pint raises several error types for unknown text
        return None, None
    return unit, currency_code(unit)


def normalise_rates(rates: Mapping | None, failures: Failures) -> dict[str, float]:
    """Rates as SEK per one unit of each currency; unusable ones are added to ``failures``."""
    out: dict[str, float] = {}
    ureg = get_registry()
    for code, rate in (rates or {}).items():
        code = str(code).strip()
        unit, base = _parse_currency(code)
        if base is None:
            failures.add("rates", code, "not a currency")
            continue
        try:
            if isinstance(rate, (int, float, np.integer, np.floating)) and not isinstance(rate, bool):
                value = float(rate) / float(ureg.Quantity(1, unit).to(base).magnitude)
            else:
                value = float(as_quantity(rate, column="rates", what="a rate").to(f"SEK / {base}").magnitude)
        except Exception as exc:  # wrong dimension or unreadable text
            failures.add("rates", f"{code}: {rate}", f"cannot read as SEK per {base} ({type(exc).__name__})")
            continue
        if not np.isfinite(value) or value <= 0:
            failures.add("rates", f"{code}: {rate}", "a rate must be a positive number of SEK per unit")
            continue
        out[base] = value
    return out


def currency_factors(texts: pd.Series, rates: dict[str, float]) -> tuple[pd.Series, pd.Series]:
    """MSEK per unit of each currency text, and the reason where there is none (per unique text)."""
    ureg = get_registry()
    factor: dict[str, float] = {}
    reason: dict[str, str] = {}
    for text in pd.unique(texts):
        if text == "":
            reason[text] = "empty currency; give SEK, kSEK, MSEK, EUR ... or from_frame(currency=...)"
            continue
        unit, code = _parse_currency(text)
        if code is None:
            reason[text] = "unknown currency; use SEK, kSEK, MSEK, EUR, USD ..."
        elif code == "SEK":
            factor[text] = float(ureg.Quantity(1.0, unit).to("MSEK").magnitude)
        elif code not in rates:
            reason[text] = (f"no exchange rate for {code}; pass rates={{'{code}': <SEK per {code}>}} "
                            "(nothing is converted without a rate)")
        else:
            factor[text] = float(ureg.Quantity(1.0, unit).to(code).magnitude) * rates[code] / 1e6
    return texts.map(factor).astype(float), texts.map(reason)
