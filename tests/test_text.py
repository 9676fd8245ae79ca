"""The text layer: Babel-based number formats that print what the report always printed, and the catalogs.

The formatter tests use values worked by hand, with the exact characters: Swedish groups with an
ordinary space U+0020 (not CLDR's NO-BREAK SPACE U+00A0 nor NARROW NO-BREAK SPACE U+202F), Swedish
minus U+2212, English ``-``, EN DASH U+2013 for a missing value. A property test compares the
formatter with the hand-written one it replaced on any float.
"""

from __future__ import annotations

import ast
import importlib.util
import io
import math
import re
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st

import klimatbokslut
from klimatbokslut import text
from klimatbokslut.text import number, percent, quantity

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(klimatbokslut.__file__).parent
SP, NBSP, NNBSP, MINUS, DASH = "\u0020", "\u00a0", "\u202f", "\u2212", "\u2013"


def _catalogs_tool():
    spec = importlib.util.spec_from_file_location("catalogs", ROOT / "tools" / "catalogs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- numbers, worked by hand ---------------------------------------------------------------------

@pytest.mark.parametrize(("value", "decimals", "lang", "expected"), [
    (77173.8, 1, "sv", f"77{SP}173,8"),
    (77173.8, 1, "en", "77,173.8"),
    (77173.8, 0, "sv", f"77{SP}174"),
    (-77173.8, 1, "sv", f"{MINUS}77{SP}173,8"),
    (-77173.8, 1, "en", "-77,173.8"),
    (1234567.891, 2, "sv", f"1{SP}234{SP}567,89"),
    (0.0, 1, "sv", "0,0"),
    (0, 0, "en", "0"),
    (-0.04, 1, "sv", "0,0"),            # rounds to zero: no minus
    (-0.05, 1, "sv", f"{MINUS}0,1"),    # -0.05 is -0.05000000000000000277: away from zero
    (0.25, 1, "sv", "0,2"),             # an exact tie rounds half to even
    (0.35, 1, "sv", "0,3"),             # 0.35 is 0.34999999999999997780 in binary: down
    (2.675, 2, "en", "2.67"),           # 2.67499999999999982236: down (Decimal(str(x)) would give 2.68)
    (1.5, 0, "sv", "2"), (2.5, 0, "sv", "2"),   # exact ties: to even
    (1e15, 0, "sv", f"1{SP}000{SP}000{SP}000{SP}000{SP}000"),
    (1e30, 1, "en", "1,000,000,000,000,000,019,884,624,838,656.0"),   # the double's exact value
    (999.96, 1, "sv", f"1{SP}000,0"),
    (float("nan"), 1, "sv", DASH),
    (None, 1, "en", DASH),
    (float("inf"), 1, "sv", "inf"),
    (float("-inf"), 1, "sv", f"{MINUS}inf"),
])
def test_number_worked_by_hand(value, decimals, lang, expected):
    assert number(value, decimals, lang) == expected


def test_swedish_groups_with_an_ordinary_space_and_minus_sign():
    out = number(-1234567.5, 1, "sv")
    assert NBSP not in out and NNBSP not in out and "-" not in out
    assert out == "\u22121\u0020234\u0020567,5"


def test_sign_and_automatic_decimals():
    assert number(12.5, 1, "sv", sign=True) == "+12,5"
    assert number(0.01, 1, "en", sign=True) == "0.0"     # rounds to zero: no plus
    assert number(-3.0, 0, "en", sign=True) == "-3"
    assert [number(v, None, "sv") for v in (63132.9, 59.04, 0.9, 0.0123)] == [f"63{SP}133", "59,0", "0,90", "0,012"]


def test_a_quantity_gives_its_magnitude():
    q = klimatbokslut.Q_(1234.56, "kg")
    assert number(q, 1, "sv") == f"1{SP}234,6"
    assert quantity(q, decimals=0, lang="en") == "1,235 kg"
    assert quantity(1234.56, "t CO2e", 1, "sv") == f"1{SP}234,6 t CO2e"


@pytest.mark.parametrize(("fraction", "decimals", "lang", "sign", "expected"), [
    (-0.0421, 1, "sv", False, f"{MINUS}4,2{SP}%"),
    (-0.0421, 1, "en", False, "-4.2%"),
    (0.25, 0, "en", True, "+25%"),
    (0.125, 1, "sv", False, f"12,5{SP}%"),
    (0.015, 0, "sv", False, f"2{SP}%"),     # 0.015 * 100 is 1.5 in floating point: half to even gives 2
    (0.0, 1, "sv", True, f"0,0{SP}%"),
    (12.345, 0, "sv", False, f"1{SP}234{SP}%"),
    (None, 1, "sv", False, DASH),
    (float("nan"), 0, "en", True, DASH),
])
def test_percent_worked_by_hand(fraction, decimals, lang, sign, expected):
    assert percent(fraction, decimals, lang, sign=sign) == expected


def test_group_digits_and_dates():
    import datetime

    assert text.group_digits("12345678901234567890") == f"12{SP}345{SP}678{SP}901{SP}234{SP}567{SP}890"
    assert text.group_digits(999, "en") == "999"
    assert text.date(datetime.date(2024, 12, 31), "sv") == "31 december 2024"
    assert text.date(datetime.date(2024, 12, 31), "en", "medium") == "Dec 31, 2024"


def _legacy_number(value, decimals=1, lang="sv", *, sign=False):
    """The hand-written formatter the Babel one replaced (report/fmt.py before the text layer)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return DASH
    value = float(value)
    if decimals is None:
        a = abs(value)
        decimals = 0 if a >= 100 else 1 if a >= 10 else 2 if (a >= 0.1 or a == 0) else 3
    body = f"{abs(value):,.{decimals}f}"
    negative = False if body.strip("0.,") == "" else value < 0
    if lang == "sv":
        body = body.replace(",", " ").replace(".", ",")
    if negative:
        return {"sv": MINUS, "en": "-"}.get(lang, "-") + body
    return ("+" if sign and value > 0 and body.strip("0,. ") else "") + body


def _legacy_percent(fraction, decimals=1, lang="sv", *, sign=False):
    if fraction is None or (isinstance(fraction, float) and math.isnan(fraction)):
        return DASH
    body = _legacy_number(float(fraction) * 100.0, decimals, lang)
    if sign and not body.startswith((MINUS, "-")) and body.strip("0,. ") != "":
        body = "+" + body
    return body + (" %" if lang == "sv" else "%")


@settings(max_examples=400, deadline=None)
@given(value=st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                       st.floats(min_value=-1e7, max_value=1e7).map(lambda x: round(x, 3)),
                       st.integers(-10**12, 10**12).map(lambda n: n / 200)),
       decimals=st.one_of(st.none(), st.integers(0, 4)), lang=st.sampled_from(["sv", "en", "de"]),
       sign=st.booleans())
def test_the_babel_formatter_prints_what_the_hand_written_one_printed(value, decimals, lang, sign):
    assert number(value, decimals, lang, sign=sign) == _legacy_number(value, decimals, lang, sign=sign)
    if decimals is not None and abs(value) < 1e300:
        assert percent(value, decimals, lang, sign=sign) == _legacy_percent(value, decimals, lang, sign=sign)


# --- sentences and words ---------------------------------------------------------------------------

def test_sentences_words_and_the_fallback_language():
    assert text.tr("sv", "Emissions {year}", year=2024) == "Utsläpp 2024"
    assert text.tr("en", "Emissions {year}", year=2024) == "Emissions 2024"
    assert text.tr("de", "Summary") == "Sammanfattning"       # no catalog: Swedish, as the report always did
    assert text.ptr("sv", "area", "Food") == "Livsmedel"
    assert text.status_word("inte alls", "en") == "not at all"
    assert text.status_word("helt", "sv") == "helt"
    assert text.area_word("commuting", "sv") == "Arbetspendling"
    assert text.voice("en").ngettext("{n} problem in {path}", "{n} problems in {path}", 3, path="x") == \
        "3 problems in x"


def test_the_report_words_of_the_area_table_match_the_catalogue():
    from klimatbokslut.catalogue import AREAS

    assert set(text.AREA_WORDS) == set(AREAS)
    for code, words in AREAS.items():
        assert text.area_word(code, "sv") == words["sv"] and text.area_word(code, "en") == words["en"]


# --- the catalogs --------------------------------------------------------------------------------

def _po(lang):
    with open(PACKAGE / "text" / "locale" / lang / "LC_MESSAGES" / "klimatbokslut.po", "rb") as fh:
        return read_po(fh, locale=lang, domain="klimatbokslut")


def _key(message):
    return (message.context, tuple(message.id) if isinstance(message.id, (list, tuple)) else message.id)


def _string(message):
    return tuple(message.string) if isinstance(message.string, (list, tuple)) else message.string


def _placeholders(s):
    return sorted(re.findall(r"\{(\w+)", s))


def test_every_message_of_the_code_has_a_swedish_translation_and_no_catalog_holds_an_old_one():
    extracted = {_key(m) for m in _catalogs_tool().extract(PACKAGE) if m.id}
    assert len(extracted) > 150
    for lang in ("sv", "en"):
        catalog = {_key(m): m for m in _po(lang) if m.id}
        assert set(catalog) == extracted, (lang, set(catalog) ^ extracted)
        assert not _po(lang).obsolete
    for key, m in {_key(m): m for m in _po("sv") if m.id}.items():
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        assert all(strings) and not m.fuzzy, key
        assert all(_placeholders(s) == _placeholders(ids[-1]) for s in strings), key


def test_the_committed_mo_files_are_the_compiled_po_files():
    # Compared message by message: the .mo header names the Babel version that compiled it, so the
    # bytes differ between Babel releases while every translation is the same.
    for lang in ("sv", "en"):
        compiled = io.BytesIO(_catalogs_tool().mo_bytes(_po(lang)))
        with open(PACKAGE / "text" / "locale" / lang / "LC_MESSAGES" / "klimatbokslut.mo", "rb") as fh:
            committed = read_mo(fh)
        fresh = read_mo(compiled)
        assert {_key(m): _string(m) for m in committed if m.id} == {_key(m): _string(m) for m in fresh if m.id}, lang


def test_text_imports_nothing_of_klimatbokslut_above_it():
    allowed = {"klimatbokslut.errors", "klimatbokslut._version"}
    for path in sorted((PACKAGE / "text").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level >= 2:   # from ..x import y
                    assert f"klimatbokslut.{node.module}" in allowed, (path.name, node.module)
                elif node.level == 0 and (node.module or "").startswith("klimatbokslut"):
                    assert node.module in allowed or node.module.startswith("klimatbokslut.text"), path.name
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    assert not alias.name.startswith("klimatbokslut") or alias.name.startswith("klimatbokslut.text")


# --- the words of the core, from the catalogs ------------------------------------------------------

def test_the_mwh_of_a_note_on_rows_without_a_factor_keeps_its_comma_and_a_decimal_comma():
    """Regression: the note wrote ``f", {mwh:,.1f} MWh".replace(",", " ")``, which turned the comma
    before the energy into a space and kept the decimal point of a Swedish-grouped figure
    ("(2 rows)  39 700.0 MWh"); it is "(2 rows), 39 700,0 MWh" (Swedish figures, as the left-out amounts)."""
    import numpy as np
    import pandas as pd

    from klimatbokslut.targets.measure import _without_unvalued

    sel = pd.DataFrame({"activity": ["diesel", "diesel", "el"], "row": [1, 2, 3],
                        "energy_mj": [3600.0 * 39000, 3600.0 * 700, 3600.0]})
    m = _without_unvalued(5.0, sel, np.array([True, True, False]), "exclude", "CO2e")
    assert m.note == "no emission factor, CO2e unknown for diesel (2 rows), 39 700,0 MWh."
    one = _without_unvalued(5.0, sel.iloc[[0, 2]], np.array([True, False]), "exclude", "CO2e")
    assert one.note == "no emission factor, CO2e unknown for diesel (1 row), 39 000,0 MWh."


def test_left_out_text_whole_sentences_and_without_its_lead_word():
    from klimatbokslut.ledger.accounting import LeftOut

    lo = LeftOut(rows=1, energy_mwh=5.25, energy_share=float("nan"), rejected=6,
                 rejected_amounts=tuple(f"a{i} 1 kWh" for i in range(6)))
    assert lo.text("sv") == ("exklusive 1 rad utan emissionsfaktor (5,2 MWh) och 6 avvisade rader "
                             "(a0 1 kWh; a1 1 kWh; a2 1 kWh; a3 1 kWh; 2 till)")
    assert lo.text("en", lead=False) == ("1 row without an emission factor (5.2 MWh) and 6 rejected rows "
                                         "(a0 1 kWh; a1 1 kWh; a2 1 kWh; a3 1 kWh; 2 more)")


def test_no_module_outside_text_chooses_a_sentence_by_language():
    """Sentences come from the catalogs: no ``"…" if lang == "sv" else "…"`` between two sentences in src/."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.parent.name == "text":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.IfExp):
                continue
            test = ast.unparse(node.test)
            if not (re.fullmatch(r"\w*lang\w* == 'sv'", test) or test in ("sv", "not sv")):
                continue
            words = [b for b in (node.body, node.orelse) if isinstance(b, ast.JoinedStr) or
                     (isinstance(b, ast.Constant) and isinstance(b.value, str) and " " in b.value.strip())]
            if words:
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert not found, found


def test_the_report_template_chooses_no_sentence_by_language():
    """The template asks for its words by key (``t("…")``): no branch on the language picks a sentence."""
    import re
    from pathlib import Path

    import klimatbokslut

    template = Path(klimatbokslut.__file__).parent / "report" / "templates" / "report.html.j2"
    found = [f"report.html.j2:{i}" for i, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(r"""lang\s*==\s*["'](sv|en)["']""", line)]
    assert found == [], "sentences chosen by language at " + ", ".join(found)
