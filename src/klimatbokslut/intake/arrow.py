"""The typed fast reader: a clean UTF-8 export read by Arrow, text columns dictionary-encoded.

Used only where it gives exactly what the general reader (:mod:`klimatbokslut.intake.files`)
gives; anything else returns None and goes through the general reader, which explains the
problem. pyarrow is imported on the first read, not with klimatbokslut.

Examples
--------
>>> frame, encoding, separator = typed_arrow_read("aktivitet;mängd\\nel;5\\n".encode(), None, None)
>>> str(frame["aktivitet"].dtype), frame["mängd"].tolist(), encoding, separator
('category', ['5'], 'utf-8', ';')
"""

from __future__ import annotations

import csv
import io

import pandas as pd

from .columns import HEADER_LOOKUP, norm_header
from .encodings import MOJIBAKE, sniff_separator

__all__ = ["PLAIN_TEXT_COLUMNS", "typed_arrow_read"]

#: Columns read as plain text by the typed reader (many distinct values); every other column is read
#: dictionary-encoded, so validation works on its distinct values without hashing every cell.
PLAIN_TEXT_COLUMNS = frozenset({"amount", "id", "cost", "amount_uncertainty", "installed_kw"})


def typed_arrow_read(raw: bytes, encoding: str | None, sep: str | None) -> tuple[pd.DataFrame, str, str] | None:
    """A UTF-8 export read by Arrow without decoding it in Python: text columns dictionary-encoded
    (pandas categoricals), the amount and other many-valued columns as text.

    Used only where it gives exactly what the general reader gives: UTF-8 (with or without BOM) with
    ``\n`` line ends, no quotes, no NUL byte, nothing that looks double-encoded, distinct header
    names, no empty line and every line as long as the header (Arrow refuses both). Anything
    else returns None and goes through the general reader, which explains the problem.
    """
    if encoding not in (None, "utf-8", "utf-8-sig") or raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    import pyarrow as pa
    import pyarrow.csv as pacsv

    bom = raw.startswith(b"\xef\xbb\xbf")
    data = raw[3:] if bom else raw
    # Single-byte searches (memchr); "double-encoded" is checked on the distinct values after reading.
    if b'"' in data or b"\x00" in data or b"\r" in data:
        return None
    end = data.find(b"\n")
    try:
        first = (data if end < 0 else data[:end]).decode("utf-8")
    except UnicodeDecodeError:              # not UTF-8 (a Windows-1252 export): the general reader decodes it
        return None
    separator = sep or sniff_separator(data[:65536].decode("utf-8", errors="ignore"))
    names = next(csv.reader([first], delimiter=separator), [])
    if not names or len(set(names)) != len(names) or any(not n.strip() for n in names):
        return None
    dictionary = pa.dictionary(pa.int32(), pa.string())
    types = {n: (pa.string() if HEADER_LOOKUP.get(norm_header(n)) in PLAIN_TEXT_COLUMNS else dictionary)
             for n in names}
    try:   # an empty line fails here (ignore_empty_lines=False), so no row is lost or renumbered
        table = pacsv.read_csv(io.BytesIO(data),
                               parse_options=pacsv.ParseOptions(delimiter=separator, ignore_empty_lines=False),
                               convert_options=pacsv.ConvertOptions(column_types=types, strings_can_be_null=False,
                                                                    quoted_strings_can_be_null=False))
        if any(m in first for m in MOJIBAKE) or any(_looks_double_encoded(col) for col in table.columns):
            return None                     # the general reader refuses it with its reason
        frame = table.to_pandas()
    except (pa.ArrowInvalid, pa.ArrowTypeError, UnicodeDecodeError):   # a cell that is not UTF-8
        return None
    return frame, ("utf-8-sig" if bom else "utf-8"), separator


def _looks_double_encoded(column) -> bool:
    """Whether an Arrow text column (a dictionary column: its distinct values) holds UTF-8 text decoded as
    Windows-1252 ("Ã¤" for "ä"); checked in Arrow, before any conversion to pandas."""
    import pyarrow as pa
    import pyarrow.compute as pc

    chunks = [c.dictionary if pa.types.is_dictionary(c.type) else c for c in column.chunks]
    suspect = [c for c in chunks if len(c) and pc.any(pc.match_substring(c, "Ã")).as_py()]   # one pass; rare
    return any(pc.any(pc.match_substring(c, m)).as_py() for c in suspect for m in MOJIBAKE)

