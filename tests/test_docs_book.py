"""The book's page ``docs/book.md`` runs as shown: the example's book, status, a refused contribution, closing,
verify, history, the report from the book and the Python and SQL examples (tools/docs_walkthrough.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_book_page_runs_as_shown():
    spec = importlib.util.spec_from_file_location("docs_walkthrough", ROOT / "tools" / "docs_walkthrough.py")
    tool = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules["docs_walkthrough"] = tool
    spec.loader.exec_module(tool)
    outcome = tool.run_page(ROOT / "docs" / "book.md")
    assert not outcome.mismatches, "\n\n".join(str(m) for m in outcome.mismatches)
