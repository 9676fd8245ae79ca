"""Files and encodings: the bytes of a text export decoded, its field separator found.

UTF-8 (with or without BOM), UTF-16 with BOM and Windows-1252 are read; text that shows
UTF-8 already decoded as Windows-1252 (``Ã¤`` for ``ä``, "double-encoded") is refused with
its reason rather than read garbled.

Examples
--------
>>> decode("år;mängd".encode("cp1252"), None)
('år;mängd', 'cp1252')
>>> sniff_separator("aktivitet,mängd,enhet,år\\nel,5,kWh,2024")
','
"""

from __future__ import annotations

import csv

from ..errors import InputError

#: UTF-8 text of å, ä, ö, Å, Ä, Ö read as Windows-1252 once too often ("double-encoded").
MOJIBAKE = ("Ã¥", "Ã¤", "Ã¶", "Ã…", "Ã„", "Ã–", "Ã©")


def decode(raw: bytes, encoding: str | None, path: str = "input") -> tuple[str, str]:
    """Decode a text export: a given encoding, else UTF-8 (with or without BOM), else Windows-1252.

    UTF-16 exports (with BOM) are decoded too. Text that shows UTF-8 bytes already
    decoded as Windows-1252 ("Ã¤" for "ä") is refused rather than read garbled.
    """
    try:
        if encoding:
            text, used = raw.decode(encoding), encoding
        elif raw.startswith(b"\xef\xbb\xbf"):
            text, used = raw[3:].decode("utf-8"), "utf-8-sig"
        elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            text, used = raw.decode("utf-16"), "utf-16"
        else:
            try:
                text, used = raw.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                text, used = raw.decode("cp1252"), "cp1252"
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError([{"row": None, "column": None, "value": path,
                           "reason": f"cannot decode the file as {encoding or 'UTF-8 or Windows-1252'}: {exc}"}],
                         what=path) from None
    bad = next((m for m in MOJIBAKE if m in text), None) if "Ã" in text else None
    if bad:
        raise InputError([{"row": None, "column": None, "value": bad,
                           "reason": "the file looks double-encoded (UTF-8 read as Windows-1252, e.g. 'Ã¤' for 'ä'); "
                                     "export it again as UTF-8 or Windows-1252"}], what=path)
    if "\x00" in text:
        raise InputError([{"row": None, "column": None, "value": path,
                           "reason": "the file contains NUL bytes: it is not a text export (a binary or UTF-16 "
                                     "file without BOM?)"}], what=path)
    return text, used


def sniff_separator(text: str) -> str:
    """The separator of the first non-empty line: the one of ``;``, ``,`` and tab that splits it most (``;`` when
    none splits it)."""
    first = next((line for line in text[:65536].splitlines() if line.strip()), "")
    counts = {sep: len(next(csv.reader([first], delimiter=sep), [])) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda s: (counts[s], s == ";"))
    return best if counts[best] > 1 else ";"

