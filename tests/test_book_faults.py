"""The book under faults and load: a close killed (SIGKILL) at 20 random points leaves the year open with
its contributions or fully closed and ``verify`` passes; two processes closing one year: exactly one succeeds.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import klimatbokslut as kb
from book_support import add_year

CHILD = Path(__file__).resolve().parent / "book_close_child.py"


def _env():
    import os

    return dict(os.environ)          # the child imports klimatbokslut as this process does (installed or PYTHONPATH)


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(CHILD), *args], capture_output=True, text=True, env=_env(),
                          timeout=300)


@pytest.fixture(scope="module")
def open_book(tmp_path_factory):
    d = tmp_path_factory.mktemp("faults")
    book = kb.Book.open(d / "b.sqlite")
    add_year(book, 2024)
    book.dispose()
    return d / "b.sqlite"


def test_a_close_killed_at_20_random_points_leaves_the_year_open_or_fully_closed(open_book, tmp_path):
    # how many fault points a whole close passes (computed, locked, header, 16 chunks of 4 rows, ...)
    whole = tmp_path / "whole.sqlite"
    shutil.copy(open_book, whole)
    done = _run(str(whole), "2024", "0")
    assert done.returncode == 0, done.stderr
    points = int(done.stdout.split()[-1])
    assert points >= 20
    full = kb.Book.open(whole, create=False)
    rows = len(full.ledger(2024).frame)
    full.dispose()
    rng = random.Random(2606)
    ks = [rng.randint(1, points) for _ in range(20)]

    def one(i_k):
        i, k = i_k
        p = tmp_path / f"k{i}.sqlite"
        shutil.copy(open_book, p)
        return p, k, _run(str(p), "2024", str(k))

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(one, enumerate(ks)))
    states = []
    for p, k, r in results:
        assert r.returncode == -9, (k, r.returncode, r.stdout, r.stderr)     # killed by SIGKILL
        book = kb.Book.open(p, create=False)
        assert book.verify() == [], k
        closed = book.is_closed(2024)
        if closed:
            assert len(book.ledger(2024).frame) == rows            # fully closed: every row of the close
        assert len(book.contributions(2024)) == 4                   # contributions always kept
        states.append(closed)
        book.dispose()
    assert False in states           # some kills fell before the commit


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
