"""Run a docs page as a session: its files, its commands and its Python, checked against the page.

A walkthrough page (``docs/from-excel.md``) shows a user's files, the commands they type and
what the library answers. This module makes the page executable, so it cannot drift from what
the library does:

* a fenced block preceded by ``<!-- file: NAME -->`` is the content of ``examples/export/NAME``
  (the page and the file must agree; the file is read in its own encoding, cp1252 or UTF-8);
* a ```` ```console ```` block holds ``$ klimatbokslut ...`` lines, each followed by what the
  command prints (standard output and standard error together, in order); ``...`` on a line
  of its own stands for any number of lines, and ``...`` inside a line for any text;
* a ```` ```pycon ```` block is a doctest (``>>>`` lines), run in the same folder.

Commands run in page order in one temporary folder holding copies of ``examples/export/``,
so a later command sees what an earlier one wrote. A page whose commands include
``klimatbokslut example --data`` starts in an *empty* folder instead and uses only what that
command copies out of the installed package (the tutorials: what a new user has after
``pip install``); ``$ cd DIR`` changes the folder, as in a shell.

``python tools/docs_walkthrough.py docs/from-excel.md --update`` rewrites the outputs in the
page from a fresh run (review the diff before committing); without ``--update`` it checks.
"""

from __future__ import annotations

import argparse
import contextlib
import doctest
import io
import os
import re
import shlex
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXPORT = ROOT / "examples" / "export"

_FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```[ \t]*$", re.S | re.M)
_FILE_MARK = re.compile(r"<!--\s*file:\s*(\S+)\s*-->\s*$")


@dataclass
class Mismatch:
    """One place where the page and the run disagree."""

    where: str
    expected: str
    got: str

    def __str__(self) -> str:
        return f"{self.where}\n--- page\n{self.expected}\n--- run\n{self.got}"


@dataclass
class Outcome:
    """What a run of a page found, and the page with its outputs as the run printed them."""

    mismatches: list[Mismatch] = field(default_factory=list)
    updated: str = ""


def _read_any(path: Path) -> str:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    return text.replace("\r\n", "\n")     # an Excel export's CRLF shows as lines on the page


def _run_command(line: str) -> str:
    """Run one ``klimatbokslut ...`` line in-process; stdout and stderr together, in order."""
    from klimatbokslut.cli import main

    argv = shlex.split(line)
    if len(argv) == 2 and argv[0] == "cd":
        os.chdir(argv[1])
        return ""
    if not argv or argv[0] != "klimatbokslut":
        raise ValueError(f"only klimatbokslut commands run on a walkthrough page, not {line!r}")
    buf = io.StringIO()
    old_columns, old_lang = os.environ.get("COLUMNS"), os.environ.get("LANG")
    os.environ["COLUMNS"] = "100"     # tables wrap to the terminal: the page shows a 100-column one
    os.environ["LANG"] = "en_US.UTF-8"   # the terminal follows the locale: the pages show an English one
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
        try:
            code = main(argv[1:])
        except SystemExit as exc:      # argparse usage errors
            code = exc.code if isinstance(exc.code, int) else 2
    for var, old in (("COLUMNS", old_columns), ("LANG", old_lang)):
        if old is None:
            os.environ.pop(var, None)
        else:
            os.environ[var] = old
    text = buf.getvalue().rstrip("\n")
    if code:
        text += f"\n[exit {code}]"
    return text


def _matches(expected: str, got: str) -> bool:
    want = "\n".join(line.rstrip() for line in expected.splitlines())
    have = "\n".join(line.rstrip() for line in got.splitlines())
    checker = doctest.OutputChecker()
    return checker.check_output(want + "\n", have + "\n", doctest.ELLIPSIS)


def _console(block: str, where: str, out: Outcome) -> str:
    """Run a console block; return it with the outputs the run printed."""
    parts: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            parts.append((line[2:], []))
        elif parts:
            parts[-1][1].append(line)
        elif line.strip():
            raise ValueError(f"{where}: a console block starts with a '$ ' command line")
    lines: list[str] = []
    for command, expected_lines in parts:
        got = _run_command(command)
        expected = "\n".join(expected_lines).rstrip("\n")
        if not _matches(expected, got):
            out.mismatches.append(Mismatch(f"{where}: $ {command}", expected, got))
        lines.append(f"$ {command}")
        if got:
            lines.append(got)
    return "\n".join(lines) + "\n"


def _pycon(block: str, where: str, globs: dict, out: Outcome) -> None:
    parser = doctest.DocTestParser()
    test = parser.get_doctest(block, globs, where, where, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report = io.StringIO()
    runner.run(test, out=report.write, clear_globs=False)
    globs.update(test.globs)          # the page's later blocks see its earlier names (a doctest copies globs)
    if runner.failures:
        out.mismatches.append(Mismatch(f"{where}: python example", block, report.getvalue()))


def run_page(page: Path) -> Outcome:
    """Run every file check, command and Python example of ``page`` in a fresh folder."""
    text = page.read_text(encoding="utf-8")
    out = Outcome()
    pieces: list[str] = []
    pos = 0
    globs: dict = {}
    empty = "$ klimatbokslut example --data" in text
    with tempfile.TemporaryDirectory() as tmp:
        if not empty:
            shutil.copytree(EXPORT, tmp, dirs_exist_ok=True)
        old = os.getcwd()
        os.chdir(tmp)
        try:
            for m in _FENCE.finditer(text):
                lang, body = m.group(1), m.group(2)
                line_no = text.count("\n", 0, m.start()) + 1
                where = f"{page.name}:{line_no}"
                before = text[:m.start()].rstrip("\n").splitlines()
                mark = _FILE_MARK.match(before[-1].strip()) if before else None
                new_body = body
                if mark:
                    name = mark.group(1)
                    file_text = _read_any(Path(name) if Path(name).is_file() else EXPORT / name)
                    if file_text.rstrip("\n") != body.rstrip("\n"):
                        out.mismatches.append(Mismatch(f"{where}: file {name}", body, file_text))
                    new_body = file_text.rstrip("\n") + "\n"
                elif lang == "console":
                    new_body = _console(body, where, out)
                elif lang == "pycon":
                    _pycon(body, where, globs, out)
                pieces.append(text[pos:m.start(2)])
                pieces.append(new_body)
                pos = m.end(2)
        finally:
            os.chdir(old)
    pieces.append(text[pos:])
    out.updated = "".join(pieces)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("page", type=Path)
    ap.add_argument("--update", action="store_true", help="rewrite the page's outputs from this run")
    args = ap.parse_args(argv)
    outcome = run_page(args.page)
    if args.update:
        args.page.write_text(outcome.updated, encoding="utf-8")
        print(f"{args.page}: outputs rewritten ({len(outcome.mismatches)} had changed)")
        return 0
    for mm in outcome.mismatches:
        print(mm, file=sys.stderr)
    return 1 if outcome.mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
