"""The book under faults and load: a close killed (SIGKILL) at 20 random points leaves the year open with
its contributions or fully closed and ``verify`` passes; two processes closing one year: exactly one succeeds.

The killed closes run in forked children (the year computed once in this process, each child writing it and
killed at a random one of the close's fault points: the lock, the header, each chunk of rows, before and after
the commit); the two closers are separate interpreters (tests/book_close_child.py).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import klimatbokslut as kb
from book_support import add_year, small_config

CHILD = Path(__file__).resolve().parent / "book_close_child.py"


def _env():
    import os

    return dict(os.environ)          # the child imports klimatbokslut as this process does (installed or PYTHONPATH)


@pytest.fixture(scope="module")
def open_book(tmp_path_factory):
    d = tmp_path_factory.mktemp("faults")
    book = kb.Book.open(d / "b.sqlite")
    add_year(book, 2024)
    book.dispose()
    return d / "b.sqlite"


def _close_in_a_child(path: Path, header, cols, ids, k: int) -> int:
    """Fork a child that writes the closing and SIGKILLs itself at its k-th fault point (0: never); the child's
    wait status."""
    pid = os.fork()
    if pid == 0:                                    # the child: its own connection, killed mid-close
        code = 1
        try:
            from klimatbokslut.book import bulk

            bulk._CHUNK = 3                         # many points inside the rows' insert
            seen = [0]

            def fault(point: str) -> None:
                seen[0] += 1
                if k and seen[0] == k:
                    os.kill(os.getpid(), signal.SIGKILL)

            book = kb.Book.open(path, create=False)
            book.store_closing(2024, header, cols, by="Eva Ek", expect=ids, _fault=fault)
            code = 100 + seen[0]                    # finished: how many points it passed
        finally:
            os._exit(code)
    return os.waitpid(pid, 0)[1]


def test_a_close_killed_at_20_random_points_leaves_the_year_open_or_fully_closed(open_book, tmp_path):
    from klimatbokslut.book.closing import prepare_closing

    book = kb.Book.open(open_book, create=False)
    contribs = book.contributions(2024, content=True)
    header, cols = prepare_closing(book, 2024, small_config(tmp_path), contribs)
    ids = [c["id"] for c in contribs]
    rows = len(cols["row"])
    book.dispose()
    # a whole close in a child: how many fault points it passes (locked, header, the rows in chunks of 3, ...)
    whole = tmp_path / "whole.sqlite"
    shutil.copy(open_book, whole)
    status = _close_in_a_child(whole, header, cols, ids, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) > 100
    points = os.WEXITSTATUS(status) - 100
    assert points >= 20
    rng = random.Random(2606)
    states = []
    for i, k in enumerate(rng.randint(1, points) for _ in range(20)):
        p = tmp_path / f"k{i}.sqlite"
        shutil.copy(open_book, p)
        status = _close_in_a_child(p, header, cols, ids, k)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (k, status)
        b = kb.Book.open(p, create=False)
        assert b.verify() == [], k
        closed = b.is_closed(2024)
        if closed:
            assert len(b.ledger(2024).frame) == rows                # fully closed: every row of the close
        assert len(b.contributions(2024)) == 4                      # contributions always kept
        states.append(closed)
        b.dispose()
    assert False in states and True in states                       # kills before and after the commit


def test_two_processes_closing_one_year_exactly_one_succeeds(open_book, tmp_path):
    p = tmp_path / "race.sqlite"
    shutil.copy(open_book, p)
    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, str(CHILD), str(p), "2024", "0", str(go)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=_env()) for _ in range(2)]
    import time

    time.sleep(0.5)
    go.write_text("go")
    outs = [pr.communicate(timeout=300) for pr in procs]
    codes = sorted(pr.returncode for pr in procs)
    assert codes == [0, 3], outs
    refused = next(o for o, pr in zip(outs, procs) if pr.returncode == 3)[0]
    assert "2024 is closed" in refused
    book = kb.Book.open(p, create=False)
    assert book.verify() == [] and book.is_closed(2024)
