"""Real Chromium for the browser tests: where it is, and the flags it runs with.

The ``browser`` fixture (``conftest.py``) skips only when Chromium is missing and
``KLIMATBOKSLUT_REQUIRE_BROWSER`` is not set; CI (``.ci/run``) installs Chromium and sets the
variable, so a browser test never skips silently there.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

ARTIFACTS = Path(__file__).parent / "artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--enable-logging=stderr", "--v=0"]


def chromium() -> str | None:
    """The Chromium executable, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name) or (f"/usr/bin/{name}" if os.path.exists(f"/usr/bin/{name}") else None)
        if found:
            return found
    return None
