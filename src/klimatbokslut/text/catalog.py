"""Sentences from the gettext message catalogs of klimatbokslut (one domain, ``klimatbokslut``).

The message ids are the English sentences (English is the source language), whole sentences
with named placeholders (``"Emissions {year}"``), never fragments joined together: word order
differs between the languages. Where one English word has two Swedish translations the call
gives a context (:func:`ptr`, ``pgettext``). The catalogs are ``locale/<lang>/LC_MESSAGES/
klimatbokslut.po`` beside this module, compiled to ``.mo`` files that ship in the wheel
(``tools/catalogs.py`` extracts, updates and compiles them).

Every function takes the language explicitly: a report in English and a terminal in Swedish can
run in one process. ``sv`` reads the Swedish catalog; ``en`` the English one (whose entries are
empty, so the English message id is the text); any other code falls back to Swedish, as the
report's string table always did.

The names the message extractor looks for (``tools/catalogs.py``, ``KEYWORDS``):
``tr(lang, msgid)``, ``ntr(lang, singular, plural, n)``, ``ptr(lang, context, msgid)``, the
:class:`Voice` methods ``gettext``, ``ngettext``, ``pgettext``, ``npgettext``, and the markers
``N_(msgid)`` and ``NP_(context, msgid)`` for tables of message ids translated later.

Examples
--------
>>> tr("sv", "Emissions {year}", year=2024), tr("en", "Emissions {year}", year=2024)
('Utsläpp 2024', 'Emissions 2024')
>>> v = voice("sv")
>>> v.ngettext("{n} problem in {path}", "{n} problems in {path}", 2, path="a.toml")
'2 problem i a.toml'
>>> v.number(1234.5), v.percent(0.125)
('1 234,5', '12,5 %')
"""

from __future__ import annotations

import gettext as _gettext
from functools import cache
from pathlib import Path
from typing import Any

from . import numbers as _numbers

__all__ = ["DOMAIN", "LANGUAGES", "LOCALE_DIR", "NP_", "N_", "Voice", "catalog_language", "ntr", "ptr", "tr",
           "translations", "voice"]

#: The gettext domain of every message of klimatbokslut.
DOMAIN = "klimatbokslut"
#: The languages with a catalog.
LANGUAGES = ("sv", "en")
#: Where the catalogs are: ``LOCALE_DIR / lang / "LC_MESSAGES" / "klimatbokslut.mo"``.
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def N_(msgid: str) -> str:
    """Mark ``msgid`` for the extractor and return it unchanged (a table translated later).

    Examples
    --------
    >>> N_("Summary")
    'Summary'
    """
    return msgid


def NP_(context: str, msgid: str) -> tuple[str, str]:
    """Mark a message id with its context; returns ``(context, msgid)`` for :func:`ptr`.

    Examples
    --------
    >>> NP_("target status", "met")
    ('target status', 'met')
    """
    return context, msgid


def catalog_language(lang: str) -> str:
    """The catalog a language code reads: ``en`` → ``en``, anything else → ``sv``.

    Examples
    --------
    >>> catalog_language("en"), catalog_language("sv"), catalog_language("de")
    ('en', 'sv', 'sv')
    """
    return "en" if lang == "en" else "sv"


@cache
def translations(lang: str) -> _gettext.GNUTranslations:
    """The compiled catalog of ``lang`` (loaded once; a missing catalog is an error, not English).

    Examples
    --------
    >>> translations("sv").gettext("Summary")
    'Sammanfattning'
    """
    found = _gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[catalog_language(lang)],
                                 fallback=False)   # raises OSError when the catalog is missing
    return found


def _fill(text: str, kw: dict[str, Any]) -> str:
    return text.format(**kw) if kw else text


def tr(lang: str, msgid: str, **kw: Any) -> str:
    """The sentence ``msgid`` in ``lang``, with its ``{placeholders}`` filled from ``kw``.

    Examples
    --------
    >>> tr("sv", "compared with the base year {year}", year=2021)
    'jämfört med basåret 2021'
    """
    return _fill(translations(lang).gettext(msgid), kw)


def ntr(lang: str, singular: str, plural: str, n: int, **kw: Any) -> str:
    """The singular or plural sentence for ``n`` in ``lang``; ``{n}`` is filled with ``n``.

    Examples
    --------
    >>> ntr("en", "{n} problem in {path}", "{n} problems in {path}", 1, path="a.toml")
    '1 problem in a.toml'
    """
    return translations(lang).ngettext(singular, plural, n).format(n=n, **kw)


def ptr(lang: str, context: str, msgid: str, **kw: Any) -> str:
    """The sentence ``msgid`` of ``context`` in ``lang`` (one English word, two Swedish ones).

    Examples
    --------
    >>> ptr("sv", "target status", "met"), ptr("en", "target status", "met")
    ('uppnått', 'met')
    """
    return _fill(translations(lang).pgettext(context, msgid), kw)


class Voice:
    """Words and numbers in one language: ``Voice("sv").gettext("Summary")`` → ``"Sammanfattning"``.

    Parameters
    ----------
    lang : {"sv", "en"}
        The reader's language.

    Examples
    --------
    >>> v = Voice("en")
    >>> v.gettext("Emissions {year}", year=2024), v.number(-1234.56, 1), v.percent(0.5, 0, sign=True)
    ('Emissions 2024', '-1,234.6', '+50%')
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __repr__(self) -> str:
        return f"Voice({self.lang!r})"

    def gettext(self, msgid: str, **kw: Any) -> str:
        """The sentence ``msgid``, placeholders filled (see :func:`tr`)."""
        return tr(self.lang, msgid, **kw)

    def ngettext(self, singular: str, plural: str, n: int, **kw: Any) -> str:
        """The sentence for ``n`` things (see :func:`ntr`)."""
        return ntr(self.lang, singular, plural, n, **kw)

    def pgettext(self, context: str, msgid: str, **kw: Any) -> str:
        """The sentence ``msgid`` in ``context`` (see :func:`ptr`)."""
        return ptr(self.lang, context, msgid, **kw)

    def npgettext(self, context: str, singular: str, plural: str, n: int, **kw: Any) -> str:
        """The sentence for ``n`` things in ``context``."""
        return translations(self.lang).npgettext(context, singular, plural, n).format(n=n, **kw)

    def number(self, value: Any, decimals: int | None = 1, *, sign: bool = False) -> str:
        """See :func:`klimatbokslut.text.numbers.number`."""
        return _numbers.number(value, decimals, self.lang, sign=sign)

    def percent(self, fraction: Any, decimals: int = 1, *, sign: bool = False) -> str:
        """See :func:`klimatbokslut.text.numbers.percent`."""
        return _numbers.percent(fraction, decimals, self.lang, sign=sign)

    def quantity(self, value: Any, unit: str | None = None, decimals: int | None = 1, *, sign: bool = False) -> str:
        """See :func:`klimatbokslut.text.numbers.quantity`."""
        return _numbers.quantity(value, unit, decimals, self.lang, sign=sign)


@cache
def voice(lang: str) -> Voice:
    """The (cached) :class:`Voice` of ``lang``.

    Examples
    --------
    >>> voice("sv") is voice("sv"), voice("sv").pgettext("area", "Food")
    (True, 'Livsmedel')
    """
    return Voice(lang)
