"""Where data enters: activity tables, travel, food and purchase rows, and factor files of one's own.

The modules follow the way data comes in:

* :mod:`~klimatbokslut.intake.encodings`: the bytes of a text export decoded, its separator found;
* :mod:`~klimatbokslut.intake.arrow`: the typed fast reader of a clean UTF-8 export (Arrow);
* :mod:`~klimatbokslut.intake.files`: a CSV, Excel or Parquet file as a raw table of cells;
* :mod:`~klimatbokslut.intake.columns`: the canonical columns and the Swedish headers accepted;
* :mod:`~klimatbokslut.intake.names`: electricity contracts as Swedish invoices word them;
* :mod:`~klimatbokslut.intake.attributes`: a row's cost, attributes and shares of energy;
* :mod:`~klimatbokslut.intake.checks`: the column and cell checks, every failure collected;
* :mod:`~klimatbokslut.intake.read`: :func:`~klimatbokslut.intake.read.read_activities` and
  :func:`~klimatbokslut.intake.read.validate_frame`, which return an
  :class:`~klimatbokslut.intake.table.ActivityTable` (:mod:`~klimatbokslut.intake.table`);
* :mod:`~klimatbokslut.intake.travel`, :mod:`~klimatbokslut.intake.food`,
  :mod:`~klimatbokslut.intake.purchases`: rows prepared from a travel agency's export, a staff
  survey, food statistics and the purchase ledger;
* :mod:`~klimatbokslut.intake.userfactors`: factor files of one's own (activities, factors, sources).

The package imports nothing at import time; the reading modules use the catalogue (which also
holds the invoice spellings of activity names, :mod:`klimatbokslut.catalogue.invoice_names`).
Import the names from their modules (or from
``klimatbokslut``: ``kb.read_activities``, ``kb.ActivityTable``, ``kb.travel`` ...).
"""
