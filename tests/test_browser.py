"""The example report in a real browser: headless Chromium renders it without console errors.

Skips only when Chromium is missing AND ``KLIMATBOKSLUT_REQUIRE_BROWSER`` is not set; CI
(``.ci/run``) installs Chromium and sets the variable, so it never skips silently there.
The screenshot is kept in ``tests/artifacts/`` (git-ignored).
"""

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

import klimatbokslut as kb
from klimatbokslut.cli import _example_dir

ARTIFACTS = Path(__file__).parent / "artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--enable-logging=stderr", "--v=0"]


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name) or (f"/usr/bin/{name}" if os.path.exists(f"/usr/bin/{name}") else None)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser():
    exe = _chromium()
    if exe is None:
        if os.environ.get("KLIMATBOKSLUT_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required (KLIMATBOKSLUT_REQUIRE_BROWSER is set) but not installed")
        pytest.skip("Chromium is not installed (set KLIMATBOKSLUT_REQUIRE_BROWSER to make this a failure)")
    return exe


def _run(exe: str, *args: str, timeout: int = 90) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([exe, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True,
                              timeout=timeout)


def _console_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser")
    return kb.build_report(_example_dir() / "klimatbokslut.toml").to_html(out / "klimatbokslut_2024.html")


def test_the_console_check_sees_errors(browser, tmp_path):
    # the check below would notice a script error or a blocked network load
    bad = tmp_path / "bad.html"
    bad.write_text('<html><body><script>undefinedFunction()</script></body></html>', encoding="utf-8")
    r = _run(browser, "--dump-dom", bad.as_uri())
    assert any("undefinedFunction" in line for line in _console_lines(r.stderr))


def test_example_report_renders_without_console_errors(browser, page):
    r = _run(browser, "--dump-dom", page.as_uri())
    assert r.returncode == 0, r.stderr[-2000:]
    assert _console_lines(r.stderr) == []
    dom = r.stdout
    charts = re.findall(r'<svg [^>]*data-chart="([a-z-]+)"', dom)
    # one line chart per target card, three or more stacked bars, the what-if and the portfolio bars
    assert charts.count("line") == dom.count('class="target-card"') >= 5
    assert charts.count("stacked-bar") >= 3 and charts.count("hbar") == 2
    assert dom.count('class="seg"') > 40                    # the bars are in the rendered DOM
    assert "Region Exempelby" in dom and "inte alls" in dom and "delvis" in dom


def test_screenshot_is_kept_as_an_artefact(browser, page):
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "klimatbokslut_example.png"
    if shot.exists():
        shot.unlink()
    r = _run(browser, "--hide-scrollbars", "--window-size=1280,6000", f"--screenshot={shot}", page.as_uri())
    assert r.returncode == 0, r.stderr[-2000:]
    assert _console_lines(r.stderr) == []
    assert shot.is_file() and shot.stat().st_size > 50_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
