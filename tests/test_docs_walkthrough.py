"""The walkthrough page ``docs/from-excel.md`` runs: its files are the files in
``examples/export/``, its commands print what the page shows, its Python examples pass.

A change of the library's output that the page does not show fails here; refresh the page
with ``python tools/docs_walkthrough.py docs/from-excel.md --update`` and review the diff.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tool():
    spec = importlib.util.spec_from_file_location("docs_walkthrough", ROOT / "tools" / "docs_walkthrough.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules["docs_walkthrough"] = mod      # dataclasses look their module up there
    spec.loader.exec_module(mod)
    return mod


def test_the_excel_walkthrough_page_runs_as_shown():
    tool = _tool()
    outcome = tool.run_page(ROOT / "docs" / "from-excel.md")
    assert not outcome.mismatches, "\n\n".join(str(m) for m in outcome.mismatches)


def test_the_recalculation_page_runs_as_shown():
    tool = _tool()
    outcome = tool.run_page(ROOT / "docs" / "recalculation.md")
    assert not outcome.mismatches, "\n\n".join(str(m) for m in outcome.mismatches)


def test_the_uncertainty_page_runs_as_shown():
    tool = _tool()
    outcome = tool.run_page(ROOT / "docs" / "uncertainty.md")
    assert not outcome.mismatches, "\n\n".join(str(m) for m in outcome.mismatches)


@pytest.mark.parametrize("page", ["getting-started.md"])
def test_the_tutorial_runs_in_an_empty_folder(page):
    # The page copies its data with `klimatbokslut example --data .` out of the installed package
    # and runs every command and Python example on it, in an empty temporary folder.
    tool = _tool()
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    assert "$ klimatbokslut example --data ." in text
    outcome = tool.run_page(ROOT / "docs" / page)
    assert not outcome.mismatches, "\n\n".join(str(m) for m in outcome.mismatches)


@pytest.mark.parametrize("page", ["getting-started", "from-excel"])
def test_the_swedish_tutorial_shows_the_same_session(page):
    # The Swedish page translates the prose; its files, commands, outputs and Python are the English
    # page's, block for block, so the run of the English page (above) is the run of both.
    import re

    fence = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```[ \t]*$", re.S | re.M)
    en = fence.findall((ROOT / "docs" / f"{page}.md").read_text(encoding="utf-8"))
    sv = fence.findall((ROOT / "docs" / f"{page}.sv.md").read_text(encoding="utf-8"))
    assert len(en) == len(sv) > 3
    for (lang_en, body_en), (lang_sv, body_sv) in zip(en, sv):
        strip = lambda body: re.sub(r"\s+#[^\n]*", "", body)      # code comments are translated
        assert lang_en == lang_sv and strip(body_en) == strip(body_sv), body_sv[:200]


def test_the_walkthrough_check_sees_a_changed_output(tmp_path):
    # The check is not vacuous: a page whose shown output differs from the run fails.
    tool = _tool()
    page = (ROOT / "docs" / "from-excel.md").read_text(encoding="utf-8")
    marker = "$ klimatbokslut validate miljodata_2024.csv\n"
    assert marker in page
    changed = page.replace(marker, marker + "all 14 rows can be used\n", 1)
    p = tmp_path / "from-excel.md"
    p.write_text(changed, encoding="utf-8")
    outcome = tool.run_page(p)
    assert any("validate miljodata_2024.csv" in m.where for m in outcome.mismatches)


def test_the_walkthrough_check_sees_a_changed_file(tmp_path):
    tool = _tool()
    page = (ROOT / "docs" / "from-excel.md").read_text(encoding="utf-8")
    changed = page.replace("Diesel MK1;182 000", "Diesel MK1;18 200", 1)
    assert changed != page
    p = tmp_path / "from-excel.md"
    p.write_text(changed, encoding="utf-8")
    outcome = tool.run_page(p)
    assert any("file miljodata_2024.csv" in m.where for m in outcome.mismatches)
