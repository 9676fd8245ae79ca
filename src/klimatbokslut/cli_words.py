"""The terminal's language: which one, argparse's own words in it, and codes in a headline as words.

The language is ``--lang`` when given, else the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: ``sv…``
Swedish, ``en…`` English), else Swedish (the language of the regions the tool is for).
:func:`argparse_words` makes argparse's own words ("usage:", "show this help message and exit",
its errors) follow it.

Examples
--------
>>> terminal_language(["validate", "a.csv", "--lang", "en"], {}), terminal_language([], {"LANG": "en_GB.UTF-8"})
('en', 'en')
>>> terminal_language(["--lang=sv"], {"LANG": "en_US"}), terminal_language([], {"LANG": "C.UTF-8"})
('sv', 'sv')
>>> coded_words("50% food_beef → food_pulses", "sv")
'50 % nötkött → baljväxter, torra'
"""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Mapping, Sequence

from .text import NP_, ntr, ptr

__all__ = ["argparse_words", "coded_words", "error_text", "terminal_language"]

LANGS = ("sv", "en")


def terminal_language(argv: Sequence[str] | None = None, env: Mapping[str, str] | None = None) -> str:
    """``--lang`` of ``argv``, else the locale's language of ``env`` (``os.environ``), else ``"sv"``."""
    args = list(argv or [])
    for i, a in enumerate(args):
        if a == "--lang" and i + 1 < len(args) and args[i + 1] in LANGS:
            return args[i + 1]
        if a.startswith("--lang=") and a.split("=", 1)[1] in LANGS:
            return a.split("=", 1)[1]
    env = os.environ if env is None else env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = (env.get(var) or "").lower()
        if value:
            return next((lang for lang in LANGS if value.startswith(lang)), "sv")
    return "sv"


#: argparse's own words (its gettext message ids), context ``argparse``.
_ARGPARSE = {
    "usage: ": NP_("argparse", "usage: "),
    "positional arguments": NP_("argparse", "positional arguments"),
    "options": NP_("argparse", "options"),
    "show this help message and exit": NP_("argparse", "show this help message and exit"),
    "the following arguments are required: %s": NP_("argparse", "the following arguments are required: %s"),
    "invalid choice: %(value)r (choose from %(choices)s)":
        NP_("argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
    "argument %(argument_name)s: %(message)s": NP_("argparse", "argument %(argument_name)s: %(message)s"),
    "unrecognized arguments: %s": NP_("argparse", "unrecognized arguments: %s"),
    "%(prog)s: error: %(message)s\n": NP_("argparse", "%(prog)s: error: %(message)s\n"),
    "expected one argument": NP_("argparse", "expected one argument"),
    "invalid %(type)s value: %(value)r": NP_("argparse", "invalid %(type)s value: %(value)r"),
}


def argparse_words(lang: str) -> None:
    """Make argparse print its own words in ``lang`` (it looks them up through its module's ``_`` at run time)."""
    def words(message: str) -> str:
        msg = _ARGPARSE.get(message)
        return ptr(lang, msg[0], msg[1]) if msg else message
    argparse._ = words  # type: ignore[attr-defined]


def coded_words(text: str, lang: str) -> str:
    """Activity keys in a library's short text (``food_beef``) as their names in ``lang``; "50%" as "50 %"."""
    from .catalogue import activities
    from .report.names import activity_name

    keys = {a.key for a in activities()}

    def word(m: re.Match) -> str:
        key = m.group(0)
        return activity_name(key, lang).lower() if key in keys else key
    # codes: snake_case words, and the activities either side of an arrow ("diesel → hvo100")
    out = re.sub(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b|\b[a-z][a-z0-9]*(?= →)|(?<=→ )[a-z][a-z0-9]*\b", word, text)
    for phrase, msg in _PHRASES.items():
        out = out.replace(phrase, ptr(lang, msg[0], msg[1]))
    return re.sub(r"(\d+)%", lambda m: ptr(lang, "percent sign", "{n}%", n=m.group(1)), out)


#: Words of the what-if functions' short names, as the terminal shows them.
_PHRASES = {"(energy basis)": NP_("what-if name", "(energy basis)"),
            "(volume basis)": NP_("what-if name", "(volume basis)")}


def error_text(exc: BaseException, lang: str) -> str:
    """A library error as the terminal shows it in ``lang``: the count and the place in the language, then one
    line per problem (row, column and value named in the language; the reason as the library gives it).

    Examples
    --------
    >>> from klimatbokslut.errors import InputError
    >>> print(error_text(InputError([{"row": 3, "column": "unit", "value": "l", "reason": "no"}], what="a.csv"), "sv"))
    1 problem i a.csv:
      rad 3, kolumn 'unit', värde 'l': no
    """
    from .errors import ConfigError, InputError, _fmt_value

    if isinstance(exc, ConfigError):
        head = ntr(lang, "{n} problem in {path}", "{n} problems in {path}", len(exc.problems), path=exc.source)
        return "\n".join([head + ":", *(f"  {key}: {msg}" if key else f"  {msg}" for key, msg in exc.problems)])
    if not isinstance(exc, InputError):
        return str(exc)
    recs = exc.failures.to_dict("records")
    lines = [ntr(lang, "{n} problem in {path}", "{n} problems in {path}", len(recs), path=exc.what) + ":"]
    for rec in recs[:50]:
        where = []
        row = rec.get("row")
        if row is not None and not (isinstance(row, float) and row != row):
            where.append(ptr(lang, "problem line", "row {row}", row=row))
        if rec.get("column"):
            where.append(ptr(lang, "problem line", "column {column}", column=repr(rec["column"])))
        where.append(ptr(lang, "problem line", "value {value}", value=_fmt_value(rec.get("value"))))
        lines.append(f"  {', '.join(where)}: {rec.get('reason')}")
    if len(recs) > 50:
        lines.append("  " + ptr(lang, "problem line", "… and {n} more", n=len(recs) - 50))
    return "\n".join(lines)
