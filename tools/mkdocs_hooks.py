"""mkdocs hooks of the docs site (mkdocs.yml ``hooks:``): the version, the changelog, tables from the code.

* the version of the package (``src/klimatbokslut/_version.py``) in the footer of every page and
  wherever a page writes ``<!-- version -->``;
* ``docs/changelog.md`` shows ``CHANGELOG.md`` of the repository (one file, read by both);
* ``<!-- ledger-columns -->`` becomes the table of ``Ledger.frame``'s columns, generated from
  ``klimatbokslut.ledger.column_docs`` and ``LEDGER_COLUMNS`` (so it cannot drift from the code).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def package_version() -> str:
    text = (ROOT / "src" / "klimatbokslut" / "_version.py").read_text(encoding="utf-8")
    m = re.search(r'__version__\s*=\s*"([^"]+)"', text)
    return m.group(1) if m else "unknown"


def ledger_columns_markdown() -> str:
    """The table of ``Ledger.frame``'s columns, from the code."""
    if str(ROOT / "src") not in sys.path:
        sys.path.insert(0, str(ROOT / "src"))
    from klimatbokslut.csvout import COLUMN_LABELS_SV
    from klimatbokslut.ledger import LEDGER_COLUMNS
    from klimatbokslut.ledger.column_docs import LEDGER_COLUMN_DOCS

    lines = ["| column | Swedish CSV header | unit | meaning |", "|---|---|---|---|"]
    for col in LEDGER_COLUMNS:
        unit, meaning = LEDGER_COLUMN_DOCS.get(col, ("?", "not described yet"))
        lines.append(f"| `{col}` | {COLUMN_LABELS_SV.get(col, col)} | {unit} | {meaning} |")
    return "\n".join(lines) + "\n"


def on_config(config, **kwargs):
    version = package_version()
    config.extra["version"] = version
    config.copyright = f"klimatbokslut {version} · MIT licence · changes in the Changelog"
    return config


def on_page_markdown(markdown: str, page, config, files, **kwargs) -> str:
    if page.file.src_uri.startswith("changelog"):
        markdown = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    if "<!-- ledger-columns -->" in markdown:
        markdown = markdown.replace("<!-- ledger-columns -->", ledger_columns_markdown())
    return markdown.replace("<!-- version -->", config.extra["version"])
