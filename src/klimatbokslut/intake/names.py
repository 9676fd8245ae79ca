"""Electricity contracts as Swedish invoices and contracts word them.

:data:`CONTRACT_WORDS` are the wordings of an electricity invoice or contract for its instrument
(``förnybar el med ursprungsgaranti`` is ``go_renewable``, ``residualmix`` is ``residual_mix``).
The spellings of activity names on invoices are the catalogue's
(:mod:`klimatbokslut.catalogue.invoice_names`).
"""

from __future__ import annotations

import re

__all__ = ["CONTRACTS", "CONTRACT_WORDS", "OWN_CONTRACT", "contract_code"]

#: The electricity contracts (instruments) the catalogue knows.
CONTRACTS = ("residual_mix", "residual_mix_aib", "go_renewable", "go_hydro", "go_wind", "go_solar")
#: A contract of one's own (a supplier's disclosed mix): the instrument of a user factor row for electricity.
OWN_CONTRACT = re.compile(r"^[a-zåäö][a-zåäö0-9_]*$")

#: Contract words as a Swedish electricity invoice or contract states them -> the contract code.
CONTRACT_WORDS: dict[str, str] = {
    "förnybar": "go_renewable", "förnybar el": "go_renewable", "förnybar el ursprungsgaranti": "go_renewable",
    "förnybar el med ursprungsgaranti": "go_renewable", "ursprungsgaranti": "go_renewable",
    "ursprungsgarantier": "go_renewable", "ursprungsgaranti förnybar": "go_renewable",
    "100 förnybar": "go_renewable", "100 förnybar el": "go_renewable", "renewable": "go_renewable",
    "vattenkraft": "go_hydro", "ursprungsgaranti vattenkraft": "go_hydro", "vattenkraft ursprungsgaranti": "go_hydro",
    "vindkraft": "go_wind", "ursprungsgaranti vindkraft": "go_wind", "vindkraft ursprungsgaranti": "go_wind",
    "solkraft": "go_solar", "solel": "go_solar", "ursprungsgaranti solkraft": "go_solar",
    "residualmix": "residual_mix", "residual mix": "residual_mix", "restmix": "residual_mix",
    "ingen ursprungsgaranti": "residual_mix", "utan ursprungsgaranti": "residual_mix",
    "ospecificerad el": "residual_mix", "ospecificerad": "residual_mix",
    "residualmix aib": "residual_mix_aib", "europeisk residualmix": "residual_mix_aib",
}
_CONTRACT_WORDS = {re.sub(r"[^a-zåäö0-9]+", " ", k).strip(): v for k, v in CONTRACT_WORDS.items()}


def contract_code(text: str) -> str:
    """The contract code of a contract cell: a Swedish wording, or the text in snake case.

    Examples
    --------
    >>> contract_code("Förnybar el med ursprungsgaranti"), contract_code("GO hydro"), contract_code("")
    ('go_renewable', 'go_hydro', '')
    """
    words = re.sub(r"[^a-zåäö0-9]+", " ", text.lower()).strip()
    return _CONTRACT_WORDS.get(words) or re.sub(r"[\s\-]+", "_", text.lower())

