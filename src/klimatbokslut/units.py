"""The one unit registry of klimatbokslut.

Built on pint's default registry with:

* each greenhouse gas as its own dimension, and CO2e as another, so that a gas
  becomes CO2e only through a named GWP context (``"AR4"``, ``"AR5"``, ``"AR6"``);
* Swedish units and spellings: ``mil`` (10 km), ``ton`` (metric tonne), ``Nm3``,
  ``SEK``/``kSEK``/``MSEK`` as a currency dimension, ``pkm``, ``portion``, and the
  spellings users type in exports (``m3``, ``m2``, ``kwh``, ``MWh``);
* :func:`parse_quantity` for strings in Swedish formatting (``"1 234,5 l"``).

The registry is built on first use (``klimatbokslut.ureg``), not at import.

Examples
--------
>>> from klimatbokslut.units import get_registry, parse_quantity
>>> ureg = get_registry()
>>> ureg.Quantity(12, "mil").to("km")
<Quantity(120, 'kilometer')>
>>> ureg.Quantity(10, "kg N2O").to("kg CO2e", "AR6")
<Quantity(2730.0, 'kilogram * CO2e')>
>>> parse_quantity("1 234,5 l")
<Quantity(1234.5, 'liter')>
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd

from .errors import InputError, NumberFormatError, UnitError
from .gwp import GWP_SETS, gwp_table
from .text.numbers import group_digits

_LOCK = threading.Lock()
_REGISTRY: Any = None

# Lines of pint's default definitions that clash with Swedish usage, and what
# they become. If pint changes these lines, building the registry fails loudly.
_PINT_PATCHES = {
    "mil = π / 32000 * radian": "angular_mil = π / 32000 * radian",
    "    ton = 2e3 * pound = _ = short_ton": "    short_ton = 2e3 * pound",
    "    force_ton = g_0 * ton = _ = ton_force = force_short_ton = short_ton_force":
        "    force_ton = g_0 * short_ton = _ = ton_force = force_short_ton = short_ton_force",
}

#: Dimensionality strings for each kind of amount an activity may be given in.
DIMENSIONS = {
    "volume": "[length] ** 3",
    "mass": "[mass]",
    "energy": "[length] ** 2 * [mass] / [time] ** 2",
    "normal_volume": "[normal_volume]",
    "length": "[length]",
    "passenger_distance": "[length] * [passenger]",
    "currency": "[currency_SEK]",
    "portion": "[portion]",
    "room_night": "[room_night]",
    "trip": "[trip]",
    "count": "[piece]",
    "freight_distance": "[mass] * [length]",
}

#: Example units shown in error messages, per kind.
EXAMPLE_UNITS = {
    "volume": "volume (l, m3)",
    "mass": "mass (kg, ton)",
    "energy": "energy (kWh, MWh, MJ, GJ)",
    "normal_volume": "gas volume at standard conditions (Nm3, Nl)",
    "length": "distance (km, mil)",
    "passenger_distance": "passenger distance (pkm)",
    "currency": "money (SEK, kSEK, MSEK)",
    "portion": "portions (portion, portioner, måltider)",
    "room_night": "room nights",
    "trip": "trips",
    "count": "pieces (st, styck, pcs)",
    "freight_distance": "freight (tkm: tonnes times km)",
}

#: Units defined on top of ``units.txt``: things counted in pieces, and freight in tonne-km.
#: ``pcs`` would otherwise be read as parsecs (``pc`` plural) and ``st`` is unknown to pint.
_EXTRA_DEFINITIONS = (
    "piece = [piece] = _ = pieces = st = styck = stycken = pcs = item = items = stk",
    "tonne_km = tonne * kilometer = _ = tonkm = tonnkm = tonne_kilometre = tonne_kilometer",
)


def _build_registry():
    import pint  # pint loads with the registry, on first use, not with klimatbokslut (import time)

    default = resources.files("pint").joinpath("default_en.txt").read_text(encoding="utf-8")
    for old, new in _PINT_PATCHES.items():
        if old not in default.splitlines():
            raise RuntimeError(f"pint's default unit file changed; cannot patch line {old!r}")
        default = "\n".join(new if line == old else line for line in default.splitlines())
    ours = resources.files("klimatbokslut").joinpath("units.txt").read_text(encoding="utf-8")

    ureg: Any = pint.UnitRegistry(None, autoconvert_offset_to_baseunit=True)
    with tempfile.TemporaryDirectory() as tmp:
        base = os.path.join(tmp, "default_en.txt")
        with open(base, "w", encoding="utf-8") as fh:
            fh.write(default)
        for name in ("constants_en.txt",):
            with open(os.path.join(tmp, name), "w", encoding="utf-8") as fh:
                fh.write(resources.files("pint").joinpath(name).read_text(encoding="utf-8"))
        ureg.load_definitions(base)
        extra = os.path.join(tmp, "klimatbokslut.txt")
        with open(extra, "w", encoding="utf-8") as fh:
            fh.write(ours)
        ureg.load_definitions(extra)
    for line in _EXTRA_DEFINITIONS:
        ureg.define(line)
    _register_format()
    ureg.formatter.default_format = "~klimatbokslut"
    ureg.formatter.default_sort_func = None   # keep "t CO2e", "kg CO2e / portion" in the order written
    _add_gwp_contexts(ureg)
    _explain_co2e_conversions(ureg)
    return ureg


_SUPERSCRIPT = str.maketrans("0123456789-.", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻·")


def _register_format() -> None:
    """The unit format of printed quantities: ``t CO2e``, ``SEK/t CO2e``, ``kg CO2e/kWh``, ``m³``.

    Units are separated by a space (a unit followed by the gas it counts reads as one name, as
    in the GHG Protocol's tables), one ``/`` before the denominator, brackets when the
    denominator has several units.
    """
    import pint

    if "klimatbokslut" in getattr(pint.formatting, "REGISTERED_FORMATTERS", {}):
        return

    @pint.register_unit_format("klimatbokslut")
    def _format(unit, registry, **options):
        def power(name: str, exp: float) -> str:
            return name if exp == 1 else name + f"{exp:g}".translate(_SUPERSCRIPT)

        num = " ".join(power(u, e) for u, e in unit.items() if e > 0) or "1"
        den_items = [(u, -e) for u, e in unit.items() if e < 0]
        den = [power(u, e) for u, e in den_items]
        if not den:
            return num
        # "SEK/t CO2e": a mass followed by its gas reads as one unit, as in "t CO2e"
        one_name = len(den) == 1 or (len(den) == 2 and den_items[1][1] == 1 and _is_gas(den_items[1][0])
                                     and _is_mass(den_items[0][0]))
        return f"{num}/{' '.join(den)}" if one_name else f"{num}/({' '.join(den)})"


def _is_gas(name: str) -> bool:
    """A unit that names a gas (``CO2e``, ``CO2``, ``CH4``, ``N2O``, ``HFC-134a`` ...): its own dimension."""
    ureg = _REGISTRY
    if ureg is None:
        return name in ("CO2e", "CO2", "CH4", "N2O")
    try:
        dims = dict(ureg.get_dimensionality(name))
    except Exception:  # not a unit of this registry
        return False
    return len(dims) == 1 and next(iter(dims)) not in {"[mass]", "[length]", "[time]", "[temperature]",
                                                       "[substance]", "[current]", "[luminosity]"}


def _is_mass(name: str) -> bool:
    try:
        return dict(_REGISTRY.get_dimensionality(name)) == {"[mass]": 1}
    except Exception:  # not a unit of this registry
        return False


def _explain_co2e_conversions(ureg) -> None:
    """A CO2e quantity converted to a plain mass (``Q_(3, "t CO2e").to("t")``) fails with the unit meant.

    pint's error stays a :class:`pint.DimensionalityError` (code that catches it still does);
    its message says that CO2e converts to ``t CO2e`` or ``kg CO2e``.
    """
    import pint

    quantity = ureg.Quantity
    plain_to = quantity.to
    co2e_dim = "[carbon_dioxide_equivalent]"

    def to(self, other=None, *contexts, **ctx_kwargs):
        try:
            return plain_to(self, other, *contexts, **ctx_kwargs)
        except pint.DimensionalityError as exc:
            mine = co2e_dim in str(getattr(self, "dimensionality", ""))
            theirs = co2e_dim in str(exc.dim2) or co2e_dim in str(exc.units2)
            if mine and not theirs:
                hint = (f"; a CO2e quantity keeps its CO2e: write {str(self.units).split('/')[0].split()[0]} "
                        "CO2e (e.g. .to(\"t CO2e\") or .to(\"kg CO2e\"))")
                raise pint.DimensionalityError(exc.units1, exc.units2, exc.dim1, exc.dim2, extra_msg=hint) from None
            raise

    quantity.to = to


def _add_gwp_contexts(ureg) -> None:
    import pint  # as in _build_registry

    co2e = ureg.Unit("CO2e")
    for name, long in GWP_SETS.items():
        ctx: Any = pint.Context(long, aliases=(name,))  # pint types transformations narrower than it calls them
        for gas, factor in gwp_table(name).items():
            if gas == "CO2e":
                continue
            unit = ureg.Unit(gas)
            dim = f"[{next(iter(unit.dimensionality))[1:-1]}]"
            for extra in ("", " * [mass]", " * [mass] / [time]", " * [mass] / [length] ** 3"):
                src = dim + extra
                dst = "[carbon_dioxide_equivalent]" + extra
                ctx.add_transformation(
                    src, dst,
                    (lambda f, u: (lambda reg, x: x * f * co2e / u))(factor, unit),
                )
                if factor:
                    ctx.add_transformation(
                        dst, src,
                        (lambda f, u: (lambda reg, x: x / f * u / co2e))(factor, unit),
                    )
        ureg.add_context(ctx)


def get_registry():
    """Return the one klimatbokslut unit registry, building it on first use.

    Returns
    -------
    pint.UnitRegistry
        The registry with the package's units (CO2e, SEK, Swedish unit names); also ``kb.ureg``.

    Examples
    --------
    >>> import klimatbokslut as kb
    >>> kb.get_registry() is kb.ureg
    True
    """
    global _REGISTRY
    if _REGISTRY is None:
        with _LOCK:
            if _REGISTRY is None:
                _REGISTRY = _build_registry()
                import pint  # loaded by _build_registry just now

                pint.set_application_registry(_REGISTRY)
    return _REGISTRY


def Q_(value, unit=None):
    """Make a Quantity in the klimatbokslut registry; strings may use Swedish formatting.

    Parameters
    ----------
    value : str or number
        A number, or a whole quantity as text (``"2,5 MWh"``, ``"1 234,5 l"``) when ``unit`` is not given.
    unit : str, optional
        The unit of a number (``"kg"``, ``"kSEK"``, ``"t CO2e"``).

    Returns
    -------
    pint.Quantity

    Raises
    ------
    UnitError
        If the unit is not known.
    InputError
        If a text cannot be read as a number and a unit.

    Examples
    --------
    >>> import klimatbokslut as kb
    >>> kb.Q_("2,5 MWh").to("kWh")
    <Quantity(2500.0, 'kilowatt_hour')>
    >>> kb.Q_(3.0, "kSEK").to("SEK")
    <Quantity(3000.0, 'SEK')>
    """
    if unit is None and isinstance(value, str):
        return parse_quantity(value)
    return get_registry().Quantity(value, unit)


# ----------------------------------------------------------------------------
# Numbers as users type them
# ----------------------------------------------------------------------------

_SPACES = "\u0020\u00a0\u202f\u2009\u2007"
_NUMBER_TYPES = (int, float, np.int64, np.int32, np.float64, np.float32, np.int16, np.int8, np.uint8, np.uint16,
                 np.uint32, np.uint64)


def parse_number(text: str) -> float:
    """Read one number written the Swedish way or the English way.

    Rules: spaces, non-breaking and thin spaces group thousands; a single ``,``
    or ``.`` is the decimal mark; several ``.`` or several ``,`` group thousands
    only when every group after the first has three digits; a number with both
    ``,`` and ``.`` is ambiguous ("1.234,5" vs "1,234.5") and is refused.

    Examples
    --------
    >>> parse_number("1 234,5")
    1234.5
    >>> parse_number("\u22122,5")
    -2.5
    >>> parse_number("1.234,5")
    Traceback (most recent call last):
    ...
    klimatbokslut.errors.NumberFormatError: ambiguous number '1.234,5': both '.' and ',' appear, ... write 1 234,5 ...
    """
    arr = parse_numbers(pd.Series([text], dtype=object))
    value, problem = arr[0][0], arr[1][0]
    if problem:
        raise NumberFormatError(problem)
    return float(value)


def parse_numbers(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised :func:`parse_number` for a column.

    Returns
    -------
    values : numpy.ndarray of float
        Parsed numbers, NaN where a problem was found.
    problems : numpy.ndarray of object
        ``None`` where the value was read, else the reason it was not.

    Examples
    --------
    >>> v, p = parse_numbers(pd.Series(["1 000", "2,5", "", "abc", 7]))
    >>> v.tolist()[:2], list(p[2:])
    ([1000.0, 2.5], ['empty amount', "not a number: 'abc'", None])
    """
    n = len(values)
    out = np.full(n, np.nan)
    problems = np.full(n, None, dtype=object)
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
        nums = values.to_numpy(dtype=float, na_value=np.nan)
        bad = ~np.isfinite(nums)
        problems[bad] = ["empty amount" if np.isnan(x) else f"not a finite number: {x!r}" for x in nums[bad]]
        out[:] = np.where(bad, np.nan, nums)
        return out, problems
    plain = _plain_numbers(values)
    if plain is not None and plain[0].any():  # the rest (if any) is read below, as the full parser reads it
        mask, nums = plain
        out[mask] = nums
        if mask.all():
            return out, problems
        rest_out, rest_problems = parse_numbers(values[~mask])
        out[~mask] = rest_out
        problems[~mask] = rest_problems
        return out, problems
    obj = values.to_numpy(dtype=object)
    is_num = np.fromiter((type(v) in _NUMBER_TYPES for v in obj), dtype=bool, count=n)
    if is_num.any():
        nums = obj[is_num].astype(float)
        out[is_num] = nums
        bad = ~np.isfinite(nums)
        idx = np.flatnonzero(is_num)[bad]
        problems[idx] = ["empty amount" if np.isnan(x) else f"not a finite number: {x!r}" for x in nums[bad]]
        out[idx] = np.nan
    txt_mask = ~is_num
    if not txt_mask.any():
        return out, problems
    pos = np.flatnonzero(txt_mask)
    out[pos], problems[pos] = _parse_texts(values[txt_mask])
    return out, problems


def _parse_texts(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """:func:`parse_numbers` for cells of text: the numbers (NaN where not read), the reasons (``None`` where read).

    Spaces of every kind are dropped and a Unicode minus is read as "-"; one comma or point is the
    decimal mark, a mark repeated as thousands grouping ("1.234.567") is dropped, and both marks in
    one cell, or a repeated mark that is not grouping, is ambiguous and not read.
    """
    text = values.astype("string").fillna("")
    s = text.str.strip()
    for ch in _SPACES:
        s = s.str.replace(ch, "", regex=False)
    s = s.str.replace("\u2212", "-", regex=False)
    empty = s.eq("") | s.str.lower().isin(["nan", "none", "null", "-", "na", "n/a"])
    has_dot = s.str.contains(".", regex=False)
    has_comma = s.str.contains(",", regex=False)
    both = has_dot & has_comma
    n_dot = s.str.count(r"\.")
    n_comma = s.str.count(",")
    grouped_ok = s.str.fullmatch(r"[-+]?\d{1,3}([.,]\d{3}){2,}")
    multi = ((n_dot > 1) | (n_comma > 1)) & ~both
    clean = s.where(~(multi & grouped_ok), s.str.replace(r"[.,]", "", regex=True))
    clean = clean.str.replace(",", ".", regex=False)
    parsed = pd.to_numeric(clean.where(~(both | empty | (multi & ~grouped_ok)), None), errors="coerce")
    parsed_np = parsed.to_numpy(dtype=float, na_value=np.nan)
    orig = text.to_numpy(dtype=object)
    reasons = np.full(len(parsed_np), None, dtype=object)
    bad = np.isnan(parsed_np) | ~np.isfinite(parsed_np)
    both_np = both.to_numpy(dtype=bool)
    empty_np = empty.to_numpy(dtype=bool)
    multi_bad = (multi & ~grouped_ok.fillna(False)).to_numpy(dtype=bool)
    for i in np.flatnonzero(bad):
        raw = str(orig[i]).strip()
        if empty_np[i]:
            reasons[i] = "empty amount"
        elif both_np[i]:
            reasons[i] = (f"ambiguous number {raw!r}: both '.' and ',' appear, so either could be the decimal "
                          f"mark; write {_example_fix(raw)}")
        elif multi_bad[i]:
            reasons[i] = f"ambiguous number {raw!r}: several decimal marks"
        elif np.isinf(parsed_np[i]):
            reasons[i] = f"not a finite number: {raw!r}"
        else:
            reasons[i] = f"not a number: {raw!r}"
    return np.where(bad, np.nan, parsed_np), reasons


#: A plain number: digits with at most one decimal mark ("." or ","), no spaces or grouping.
_PLAIN_NUMBER = r"^[+-]?[0-9]+([.,][0-9]+)?$"


def _plain_numbers(values: pd.Series) -> tuple[np.ndarray, np.ndarray] | None:
    """Read the cells of a text column that are plain numbers with Arrow, without Python per cell.

    Returns ``(mask, numbers)`` for the plain cells, or None when the column is not
    Arrow-backed text. The other cells (spaces, thousands separators, text, empty)
    are left to the full parser, so both paths give the same values and reasons.
    """
    if not (isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow"):
        return None
    import pyarrow as pa  # on first use: pandas 2 does not load pyarrow itself
    import pyarrow.compute as pc

    arr = pa.array(values.array)
    mask = pc.fill_null(pc.match_substring_regex(arr, _PLAIN_NUMBER), False).to_numpy(zero_copy_only=False)
    if not mask.any():
        return mask, np.empty(0)
    try:
        nums = pc.cast(pc.replace_substring(arr.filter(pa.array(mask)), ",", "."), pa.float64()).to_numpy(
            zero_copy_only=False)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    finite = np.isfinite(nums)
    if not finite.all():  # too many digits for a float: the full parser names the problem
        idx = np.flatnonzero(mask)
        mask[idx[~finite]] = False
        nums = nums[finite]
    return mask, nums


def _example_fix(raw: str) -> str:
    digits = re.sub(r"[^\d]", "", raw)
    last = max(raw.rfind(","), raw.rfind("."))
    decimals = len(re.sub(r"[^\d]", "", raw[last + 1:]))
    whole = digits[: len(digits) - decimals] or "0"
    frac = digits[len(digits) - decimals:]
    grouped = group_digits(whole, "sv")
    return (f"{grouped},{frac} (Swedish: space between thousands, decimal comma) or {whole}.{frac}"
            if frac else f"{grouped} (Swedish: space between thousands) or {whole}")


def parse_quantity(text: str):
    """Read a quantity such as ``"1 234,5 l"`` or ``"2,5 MWh"``.

    Parameters
    ----------
    text : str
        A number (Swedish or international format) followed by a unit (Swedish names such as
        ``mil``, ``ton``, ``st`` are known).

    Returns
    -------
    pint.Quantity

    Raises
    ------
    UnitError
        If the unit is not known.
    InputError
        If the number cannot be read.

    Examples
    --------
    >>> import klimatbokslut as kb
    >>> kb.parse_quantity("120 mil").to("km").magnitude
    1200.0
    >>> kb.parse_quantity("1,5 ton").to("kg").magnitude
    1500.0
    """
    m = re.match(r"^\s*([-+\u2212]?[\d" + _SPACES + r".,]*\d[.,]?\d*(?:[eE][-+]?\d+)?)\s*(.*?)\s*$", str(text))
    if not m:
        raise InputError([{"row": None, "column": "amount", "value": text,
                           "reason": "expected a number followed by a unit, e.g. '1 234,5 l'"}])
    try:
        value = parse_number(m.group(1))
    except NumberFormatError as exc:
        raise InputError([{"row": None, "column": "amount", "value": text, "reason": str(exc)}]) from None
    unit = parse_unit(m.group(2) or "dimensionless")
    return get_registry().Quantity(value, unit)


def normalise_unit_text(text: str) -> str:
    """Tidy a unit as typed in an export (``"kWh "``, ``"m³"``, ``"liter"``).

    Examples
    --------
    >>> normalise_unit_text(" M3 ")
    'm3'
    >>> normalise_unit_text("kg CO2e/kWh")
    'kg CO2e/kWh'
    >>> normalise_unit_text("Måltider")
    'portion'
    """
    t = str(text).strip()
    simple = {"L": "l", "M3": "m3", "KWH": "kWh", "MWH": "MWh", "GWH": "GWh", "KG": "kg",
              "TON": "ton", "T": "t", "NM3": "Nm3", "KM": "km", "MIL": "mil", "ST": "st",
              "LITER": "l", "LITRE": "l", "KUBIKMETER": "m3", "KBM": "m3", "KUBIK": "m3",
              "STYCK": "st", "STYCKEN": "st", "PCS": "pcs",
              "STK": "stk", "PIECE": "piece", "PIECES": "piece", "TKM": "tkm", "TONKM": "tkm", "TONNKM": "tkm",
              # a meal served is one portion
              "PORTION": "portion", "PORTIONS": "portion", "PORTIONER": "portion", "PORT": "portion",
              "MÅLTID": "portion", "MÅLTIDER": "portion", "MEAL": "portion", "MEALS": "portion"}
    if t.upper() in simple:
        return simple[t.upper()]
    t = _TONNE_KM.sub("tkm", t.replace("·", "*"))
    return t.replace("³", "3").replace("²", "2")


#: Tonne-km as written in exports and published tables: ``ton-km``, ``tonne.km``, ``t-km``, ``t·km``.
_TONNE_KM = re.compile(r"(?<![A-Za-z])(?:t|ton|tonne|tonn)\s*[-.*]\s*km\b", re.IGNORECASE)


def parse_unit(text: str):
    """Parse a unit string with the klimatbokslut registry.

    Raises
    ------
    UnitError
        If the unit is not known.

    Examples
    --------
    >>> str(parse_unit("MWh"))
    'MWh'
    """
    ureg = get_registry()
    t = normalise_unit_text(text)
    try:
        unit = ureg.parse_units(t)
    except Exception as exc:  # pint raises several error types for bad text
        raise UnitError(str(text), "amount", reason=f"unknown unit ({type(exc).__name__})") from None
    return unit


def kind_of(unit) -> str | None:
    """Which kind of amount (``"volume"``, ``"mass"``, ``"energy"`` ...) a unit measures.

    Examples
    --------
    >>> kind_of(parse_unit("l")), kind_of(parse_unit("MWh")), kind_of(parse_unit("Nm3"))
    ('volume', 'energy', 'normal_volume')
    """
    ureg = get_registry()
    dim = unit.dimensionality
    for kind, spec in DIMENSIONS.items():
        if dim == ureg.get_dimensionality(spec):
            return kind
    return None


# ----------------------------------------------------------------------------
# Quantities, prices and money given by callers (one coercion for targets, what-if, portfolio)
# ----------------------------------------------------------------------------

#: The unit the engine works in for each kind of amount (plain float arrays inside).
CANONICAL_UNIT: dict[str, str] = {"volume": "l", "mass": "kg", "energy": "MJ", "normal_volume": "Nm3",
                                  "length": "km", "passenger_distance": "pkm", "count": "piece",
                                  "freight_distance": "tkm", "currency": "SEK", "portion": "portion",
                                  "room_night": "room_night", "trip": "trip"}


def as_quantity(value: Any, unit: str | None = None, *, column: str = "value", what: str = "input"):
    """A number (in ``unit``), a Quantity or a text such as ``"2 000 kg"`` as a Quantity.

    Raises
    ------
    InputError
        Naming ``column`` and the value, when the value is none of these.

    Examples
    --------
    >>> as_quantity("2 000 kg")
    <Quantity(2000.0, 'kilogram')>
    >>> as_quantity(5, "t CO2e")
    <Quantity(5.0, 'metric_ton * CO2e')>
    """
    ureg = get_registry()
    if isinstance(value, str):
        try:
            return Q_(value)
        except Exception as exc:  # UnitError or pint's own errors for unreadable text
            raise _input_error(column, value, f"cannot read the quantity: {exc}", what) from None
    if isinstance(value, ureg.Quantity):
        return value
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return ureg.Quantity(float(value), parse_unit(unit) if unit else "dimensionless")
    raise _input_error(column, value, "expected a number, a Quantity or a text such as '2 000 kg'", what)


def as_price(value: Any, *, column: str = "price", what: str = "input"):
    """A price per unit of amount (``"2 SEK/l"``) as ``(Quantity in SEK per unit, unit text)``.

    ``None`` stays ``None`` (no price given).

    Examples
    --------
    >>> q, per = as_price("150 SEK/MWh")
    >>> round(q.to("SEK/kWh").magnitude, 6), per
    (0.15, 'MWh')
    """
    if value is None:
        return None
    q = Q_(value) if isinstance(value, str) else value
    if not hasattr(q, "units"):
        raise _input_error(column, value, "give a price with its unit, e.g. '2 SEK/l' or '150 SEK/MWh'", what)
    ureg = get_registry()
    per = (q / ureg.Quantity(1, "SEK")).units  # 1/amount-unit
    if dict(q.dimensionality).get("[currency_SEK]") != 1:
        raise _input_error(column, value, "the price must be in SEK (SEK, kSEK, MSEK) per unit, e.g. '2 SEK/l'",
                           what)
    amount_unit = (1 / ureg.Quantity(1, per)).units
    if kind_of(amount_unit) is None:
        raise _input_error(column, value, "the price must be per litre, m3, kg, Nm3, kWh, MWh or MJ", what)
    return q.to(ureg.Unit("SEK") / amount_unit), f"{amount_unit:~}"


def as_sek(value: Any, *, column: str = "cost", what: str = "input") -> float:
    """An amount of money (``"300 kSEK"`` or a Quantity) in SEK.

    Examples
    --------
    >>> as_sek("350 kSEK")
    350000.0
    """
    try:
        q = Q_(value) if isinstance(value, str) else value
        return float(q.to("SEK").magnitude)
    except Exception:  # pint raises several error types; any of them means "not money"
        raise _input_error(column, value, "give the cost as an amount of money, e.g. '350 kSEK'", what) from None


def currency_code(unit) -> str | None:
    """The ISO code of a unit that is one currency (``"EUR"`` for EUR), else None.

    Examples
    --------
    >>> currency_code(parse_unit("MSEK")), currency_code(parse_unit("SEK/l"))
    ('SEK', None)
    """
    dims = dict(unit.dimensionality)
    if len(dims) == 1:
        (dim, power), = dims.items()
        if power == 1 and dim.startswith("[currency_"):
            return dim[len("[currency_"):-1]
    return None


def _input_error(column: str, value: Any, reason: str, what: str) -> InputError:
    return InputError([{"row": None, "column": column, "value": value, "reason": reason}], what=what)
