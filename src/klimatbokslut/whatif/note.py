"""A what-if note as a message id plus figures, so the reader gets it in their language.

A :class:`Note` is a ``str`` (its English text, as the command line and the logs have always
printed it) that also carries its message id and figures; :meth:`Note.text` words it in another
language, with numbers in that language's format and codes (fuels, contracts) through the names
the caller gives.

Examples
--------
>>> n = Note("{step}: {n} {unit} of fuel are bought", step=Note("{share} {a} → {b}", share=Pct(1.0),
...          a=Code("activity", "diesel"), b=Code("activity", "hvo100")), n=Num(5073.53, "+.6g", sign=True), unit="l")
>>> str(n)
'100% diesel → hvo100: +5073.53 l of fuel are bought'
>>> n.text("en", {"activity": lambda code, lang: code.upper()})
'100% DIESEL → HVO100: +5,074 l of fuel are bought'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..text import number, percent, tr

__all__ = ["Code", "Names", "Note", "Num", "Pct"]

#: How a caller names codes: kind ("activity", "contract") → function (code, lang) → word.
Names = Mapping[str, Callable[[str, str], str]]


@dataclass(frozen=True)
class Num:
    """A number of a note: ``spec`` formats it in the English text, the reader's language formats it by locale."""

    value: float
    spec: str = "g"
    sign: bool = False
    digits: int | None = None

    def english(self) -> str:
        return format(self.value, self.spec)

    def word(self, lang: str, names: Names | None = None) -> str:
        return number(self.value, self.digits, lang, sign=self.sign)


@dataclass(frozen=True)
class Pct:
    """A share of a note [-] (1.0 is 100 %), whole percent."""

    value: float

    def english(self) -> str:
        return f"{self.value:.0%}"

    def word(self, lang: str, names: Names | None = None) -> str:
        return percent(self.value, 0, lang)


@dataclass(frozen=True)
class Code:
    """A code of a note (an activity, a contract): the code in the English text, its name for a reader."""

    kind: str
    code: str

    def english(self) -> str:
        return self.code

    def word(self, lang: str, names: Names | None = None) -> str:
        namer = (names or {}).get(self.kind)
        return namer(self.code, lang) if namer else self.code


class Note(str):
    """A note: the English text (the ``str``), its message id and its figures."""

    msgid: str
    figures: dict[str, Any]

    def __new__(cls, msgid: str, **figures: Any) -> Note:
        self = super().__new__(cls, msgid.format(**{k: _english(v) for k, v in figures.items()}))
        self.msgid = msgid
        self.figures = figures
        return self

    def text(self, lang: str, names: Names | None = None) -> str:
        """The note in ``lang``: the catalog's sentence with the figures in that language."""
        return tr(lang, self.msgid, **{k: _word(v, lang, names) for k, v in self.figures.items()})


def _english(value: Any) -> str:
    if isinstance(value, tuple):
        return ", ".join(_english(v) for v in value)
    return value.english() if isinstance(value, (Num, Pct, Code)) else str(value)


def _word(value: Any, lang: str, names: Names | None) -> str:
    if isinstance(value, tuple):        # several (the steps without a price): one after the other
        return ", ".join(_word(v, lang, names) for v in value)
    if isinstance(value, Note):
        return value.text(lang, names)
    if isinstance(value, (Num, Pct, Code)):
        return value.word(lang, names)
    return str(value)
