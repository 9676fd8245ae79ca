"""The annual climate report (klimatbokslut): HTML, Excel and CSV from one configuration.

:func:`build_report` runs a configuration (see :mod:`klimatbokslut.config`) through the
library and returns a :class:`Report`; ``to_html``, ``to_excel`` and ``to_csv`` write it.
The report formats what the ledger, the targets, the portfolio and the what-if
scenarios computed; it does not compute emissions itself.

Examples
--------
>>> import tempfile, os
>>> from klimatbokslut.report.build import _tiny_config
>>> r = build_report(_tiny_config())
>>> r.to_html(os.path.join(tempfile.mkdtemp(), "klimatbokslut.html")).suffix
'.html'
"""

from .build import Report, build_report

__all__ = ["Report", "build_report"]
