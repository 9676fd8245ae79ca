"""Every ```python and ```pycon block in docs/ runs as pasted.

A page's blocks run in page order in one namespace (a later block sees an earlier block's
names, as in one Python session), in a fresh folder holding the example files that
``klimatbokslut example --data .`` copies (``region/``, ``export/``, ``data/``), with
``region/`` as the working folder: the folder a reader of a how-to page works in. A ``pycon``
block is a doctest, so what it shows is what the library prints.

The walkthrough pages (they also show commands and files) are run by
``tests/test_docs_walkthrough.py`` (``tools/docs_walkthrough.py``), which runs their Python the
same way; this test checks that every page with code is run by one of the two.

Blocks run in-process (no subprocess per block), so the whole of docs/ takes seconds.
"""

from __future__ import annotations

import doctest
import io
import os
import re
from pathlib import Path

import pytest

import klimatbokslut as kb

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
_FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```[ \t]*$", re.S | re.M)
_FILE_MARK = re.compile(r"<!--\s*file:\s*(\S+)\s*-->\s*$")

#: Pages run as sessions by tests/test_docs_walkthrough.py and tests/test_docs_book.py (commands, files
#: and Python); a Swedish tutorial is checked there to hold the English page's blocks, which are run.
WALKTHROUGH_PAGES = {"getting-started.md", "getting-started.sv.md", "from-excel.md", "from-excel.sv.md",
                     "recalculation.md", "uncertainty.md", "book.md"}


def code_blocks(page: Path, *, files: bool = False) -> list[tuple[str, str, int]]:
    """(language, code, line) of every python/pycon block of ``page``.

    With ``files``, also the blocks a ``<!-- file: NAME -->`` line names, as ``("file:NAME", text, line)``:
    a file the page shows, which its code then reads."""
    text = page.read_text(encoding="utf-8")
    out = []
    for m in _FENCE.finditer(text):
        before = text[:m.start()].rstrip("\n").splitlines()
        mark = _FILE_MARK.match(before[-1].strip()) if before else None
        line = text.count("\n", 0, m.start()) + 1
        if files and mark:
            out.append((f"file:{mark.group(1)}", m.group(2), line))
        elif m.group(1) in ("python", "pycon"):
            out.append((m.group(1), m.group(2), line))
    return out


def pages_with_code() -> list[Path]:
    return [p for p in sorted(DOCS.rglob("*.md")) if code_blocks(p)]


def run_blocks(page: Path, folder: Path) -> list[str]:
    """Run the page's blocks in ``folder``; the failures, each with the page and line."""
    kb.copy_example_data(folder)        # what `klimatbokslut example --data .` writes
    failures: list[str] = []
    globs: dict = {"__name__": "__docs__"}
    old = os.getcwd()
    os.chdir(folder / "region")
    defined = {a.key for a in kb.user_activities()}
    try:
        for lang, code, line in code_blocks(page, files=True):
            where = f"{page.name}:{line}"
            if lang.startswith("file:"):
                Path(lang[5:]).write_text(code, encoding="utf-8")
                continue
            if lang == "python":
                try:
                    exec(compile(code, where, "exec"), globs)
                except Exception as exc:
                    failures.append(f"{where}: {type(exc).__name__}: {exc}")
                continue
            test = doctest.DocTestParser().get_doctest(code, globs, where, where, line)
            runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
            report = io.StringIO()
            runner.run(test, out=report.write, clear_globs=False)
            globs.update(test.globs)
            if runner.failures:
                failures.append(report.getvalue())
    finally:
        os.chdir(old)
        for a in kb.user_activities():          # a page's own activities end with the page, as a session would
            if a.key not in defined:
                kb.unregister_activity(a.key)
    return failures


@pytest.mark.parametrize("page", [p for p in pages_with_code() if p.name not in WALKTHROUGH_PAGES],
                         ids=lambda p: p.name)
def test_the_code_on_the_page_runs(page, tmp_path):
    failures = run_blocks(page, tmp_path)
    assert not failures, "\n\n".join(failures)


def test_every_page_with_code_is_run():
    pages = pages_with_code()
    blocks = sum(len(code_blocks(p)) for p in pages)
    # docs/ holds this many python/pycon blocks; each runs here or in the walkthrough test.
    assert blocks >= 35, blocks
    text = "".join((ROOT / "tests" / name).read_text(encoding="utf-8")
                   for name in ("test_docs_walkthrough.py", "test_docs_book.py"))
    walked = set(re.findall(r'"([\w.-]+\.md)"', text))
    for name in WALKTHROUGH_PAGES:
        if (DOCS / name).exists():
            same_as_english = name.endswith(".sv.md") and f'"{name[:-6]}"' in text
            assert name in walked or same_as_english, f"{name} has code but the walkthrough test does not run it"


def test_a_failing_block_is_reported(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("```python\nx = 1\n```\n\n```pycon\n>>> x + 1\n3\n```\n", encoding="utf-8")
    failures = run_blocks(page, tmp_path / "run")
    assert len(failures) == 1 and "page.md:5" in failures[0] and "Expected:\n    3\nGot:\n    2" in failures[0]
