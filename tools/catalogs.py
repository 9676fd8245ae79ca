"""Extract, update and compile the message catalogs of klimatbokslut (gettext domain ``klimatbokslut``).

Run from the repository root after changing a sentence in ``src/``::

    python tools/catalogs.py            # extract the .pot, update sv and en .po, compile both .mo
    python tools/catalogs.py --check    # change nothing; exit 1 if a catalog is not up to date

What it does, with Babel (``babel.messages``):

1. **Extract** every message of the Python modules under ``src/klimatbokslut`` into
   ``src/klimatbokslut/text/locale/klimatbokslut.pot``. The extractor looks for the calls listed
   in :data:`KEYWORDS`: ``tr(lang, msgid)``, ``ntr(lang, singular, plural, n)``,
   ``ptr(lang, context, msgid)``, the ``Voice`` methods ``gettext``/``ngettext``/``pgettext``/
   ``npgettext``, and the markers ``N_(msgid)`` and ``NP_(context, msgid)`` of tables.
   A ``# TRANSLATORS:`` comment just above a call goes into the catalog for the translator.
2. **Update** ``text/locale/<lang>/LC_MESSAGES/klimatbokslut.po`` for ``sv`` and ``en``: new
   messages are added untranslated, removed ones are dropped (no obsolete entries are kept; git
   has the history), translations of unchanged messages stay. No fuzzy guesses are made: a new
   Swedish sentence is written by a person. English is the source language, so the English
   catalog's entries stay empty and the message id is the text.
3. **Compile** each ``.po`` to the ``.mo`` beside it. The ``.mo`` files are committed and ship in
   the wheel with the rest of ``src/klimatbokslut`` (no build step needed);
   ``tests/test_text.py`` checks that compiling each ``.po`` gives the committed ``.mo`` byte for
   byte, that every message has a Swedish translation, and that no catalog holds a message the
   code no longer uses.

The dates in the catalogs' headers are fixed (:data:`HEADER_DATE`) so that running the tool twice
gives the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "klimatbokslut"
DOMAIN = "klimatbokslut"
LANGUAGES = ("sv", "en")

#: Function name → positions of the message's parts (1-based; ``(n, "c")`` is the context).
KEYWORDS: dict[str, Any] = {
    "tr": (2,), "ntr": (2, 3), "ptr": ((2, "c"), 3),
    "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3),
    "N_": None, "NP_": ((1, "c"), 2),
}
HEADER_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
_HEADER: dict[str, Any] = {"project": "klimatbokslut", "copyright_holder": "klimatbokslut contributors",
           "msgid_bugs_address": "https://github.com/klimatbokslut/klimatbokslut/issues",
           "creation_date": HEADER_DATE, "revision_date": HEADER_DATE, "fuzzy": False}


def locale_dir(package: Path = PACKAGE) -> Path:
    """The catalogs' folder of the package at ``package``."""
    return package / "text" / "locale"


def po_path(lang: str, package: Path = PACKAGE) -> Path:
    """The ``.po`` file of ``lang``."""
    return locale_dir(package) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract(package: Path = PACKAGE) -> Catalog:
    """Every message of the package's Python modules, as a template catalog (locations without line numbers)."""
    template = Catalog(domain=DOMAIN, **_HEADER)
    found: Iterable = extract_from_dir(str(package), method_map=[("**.py", "python")], keywords=KEYWORDS,
                                       comment_tags=("TRANSLATORS:",), strip_comment_tags=True)
    for filename, lineno, message, comments, context in found:
        path = f"src/klimatbokslut/{Path(filename).as_posix()}"
        template.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    return template


def _po_bytes(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, include_lineno=False, ignore_obsolete=True, sort_output=True,
             omit_header=False)
    return buf.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    """The compiled ``.mo`` of a catalog (fuzzy entries left out)."""
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def updated(lang: str, template: Catalog, package: Path = PACKAGE) -> Catalog:
    """The ``.po`` of ``lang`` updated to the template: new messages added, removed ones dropped."""
    path = po_path(lang, package)
    if path.is_file():
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=lang, domain=DOMAIN)
    else:
        catalog = Catalog(locale=lang, domain=DOMAIN, **_HEADER)
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False, keep_user_comments=True,
                   update_creation_date=True)
    catalog.obsolete.clear()
    catalog.revision_date = HEADER_DATE
    catalog.fuzzy = False
    return catalog


def planned(package: Path = PACKAGE) -> dict[Path, bytes]:
    """Every catalog file the tool writes, with its new bytes."""
    template = extract(package)
    out = {locale_dir(package) / f"{DOMAIN}.pot": _po_bytes(template)}
    for lang in LANGUAGES:
        catalog = updated(lang, template, package)
        po = po_path(lang, package)
        out[po] = _po_bytes(catalog)
        with io.BytesIO(out[po]) as fh:   # compile what is written, as a fresh reader sees it
            out[po.with_suffix(".mo")] = mo_bytes(read_po(fh, locale=lang, domain=DOMAIN))
    return out


def main(argv: list[str] | None = None) -> int:
    """Update the catalogs (or, with ``--check``, say whether they are up to date)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a catalog would change")
    args = parser.parse_args(argv)
    stale = []
    for path, data in planned().items():
        if path.is_file() and path.read_bytes() == data:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    for path in stale:
        print(f"{'out of date' if args.check else 'wrote'}: {path.relative_to(ROOT)}")
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
