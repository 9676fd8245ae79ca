"""Every word and number format a person reads, at the bottom floor (imports only Babel and the stdlib).

* :mod:`~klimatbokslut.text.numbers`: numbers, percentages, quantities and dates for ``sv``
  (Babel locale ``sv_SE``) and ``en``, with Babel's locale rules and the characters klimatbokslut
  has always printed (see that module for the three decisions taken on top of Babel).
* :mod:`~klimatbokslut.text.catalog`: sentences from the gettext catalogs (domain
  ``klimatbokslut``; English message ids with named placeholders; ``.po``/``.mo`` under
  ``text/locale``): :func:`tr`, :func:`ntr`, :func:`ptr`, the :class:`Voice` of a language.
* :mod:`~klimatbokslut.text.words`: the words for codes (target status, reporting area).

Core modules return numbers and codes; the edge (report, terminal) chooses the words here.

Examples
--------
>>> from klimatbokslut import text
>>> text.number(77173.8, 1), text.percent(-0.0421), text.tr("sv", "Summary")
('77 173,8', '−4,2 %', 'Sammanfattning')
>>> v = text.voice("en")
>>> v.gettext("Emissions {year}", year=2024), v.number(77173.8, 0), text.status_word("off_track", "en")
('Emissions 2024', '77,174', 'off track')
"""

from __future__ import annotations

from .catalog import DOMAIN, LANGUAGES, LOCALE_DIR, N_, NP_, Voice, catalog_language, ntr, ptr, tr, translations, voice
from .numbers import MISSING, auto_decimals, date, group_digits, is_missing, locale_of, number, percent, quantity
from .words import AREA_WORDS, PROGRESS_WORDS, STATUS_CLASS, STATUS_WORDS, area_word, status_word

__all__ = ["AREA_WORDS", "DOMAIN", "LANGUAGES", "LOCALE_DIR", "MISSING", "NP_", "N_", "PROGRESS_WORDS",
           "STATUS_CLASS", "STATUS_WORDS",
           "Voice", "area_word", "auto_decimals", "catalog_language", "date", "group_digits", "is_missing",
           "locale_of", "ntr", "number", "percent", "ptr", "quantity", "status_word", "tr", "translations", "voice"]
