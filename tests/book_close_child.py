"""A child process for the fault tests: close a year of a book, killing itself (SIGKILL) at the K-th
point of the close when K is given (0: do not kill), or closing at the same moment as another child.

Usage: python book_close_child.py BOOK YEAR K [GO_FILE]
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import klimatbokslut as kb
from book_support import small_config
from klimatbokslut.book import bulk
from klimatbokslut.errors import BookError

bulk._CHUNK = 4           # many points inside the rows' insert


def main() -> int:
    where, year, k = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    go = Path(sys.argv[4]) if len(sys.argv) > 4 else None
    seen = [0]

    def fault(point: str) -> None:
        seen[0] += 1
        if point == "computed" and go is not None:
            while not go.exists():          # both children start writing together
                time.sleep(0.005)
        if k and seen[0] == k:
            os.kill(os.getpid(), signal.SIGKILL)

    book = kb.Book.open(where, create=False)
    try:
        book.close(year, small_config(Path(where).parent), by=f"pid {os.getpid()}", _fault=fault)
    except BookError as exc:
        print(f"refused: {exc}")
        return 3
    print(f"closed at point count {seen[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
