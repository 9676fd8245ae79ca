"""The example report in a real browser: headless Chromium renders it without console errors.

Skips only when Chromium is missing AND ``KLIMATBOKSLUT_REQUIRE_BROWSER`` is not set; CI
(``.ci/run``) installs Chromium and sets the variable, so it never skips silently there.
The screenshot is kept in ``tests/artifacts/`` (git-ignored).
"""

import re
import subprocess
import tempfile
from pathlib import Path

import pytest

import klimatbokslut as kb
from browser_support import ARTIFACTS, FLAGS
from klimatbokslut.cli import _example_dir


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
    assert "Region Exempelby" in dom and "inte i fas" in dom and "uppnått" in dom


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


# ----------------------------------------------------------------------------- charts read cleanly
_MEASURE = """
<script>
window.addEventListener("load", () => {
  const out = [];
  document.querySelectorAll("svg.chart").forEach((svg, k) => {
    const items = [...svg.querySelectorAll(".lg, .lg-swatch")].map(el => {
      const b = el.getBBox();
      return {kind: el.classList.contains("lg") ? "text" : "swatch", label: el.textContent,
              x: b.x, y: b.y, w: b.width, h: b.height};
    });
    const ticks = [...svg.querySelectorAll(".tick")].map(el => el.textContent);
    const unit = [...svg.querySelectorAll(".axis-unit")].map(el => el.textContent);
    out.push({chart: k, kind: svg.dataset.chart, title: svg.getAttribute("aria-label"), items, ticks, unit});
  });
  const pre = document.createElement("pre");
  pre.id = "measure";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>
"""


def _measure(browser, html_path: Path, tmp_path: Path) -> list[dict]:
    import html as html_lib
    import json

    copy = tmp_path / "measured.html"
    text = html_path.read_text(encoding="utf-8")
    # the report forbids scripts (Content-Security-Policy); the measuring copy lifts that for its one script
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text)
    copy.write_text(text.replace("</body>", _MEASURE + "</body>"), encoding="utf-8")
    r = _run(browser, "--dump-dom", "--virtual-time-budget=5000", copy.as_uri())
    assert r.returncode == 0, r.stderr[-2000:]
    m = re.search(r'<pre id="measure">(.*?)</pre>', r.stdout, re.S)
    assert m, "the measuring script did not run"
    return json.loads(html_lib.unescape(m.group(1)))


def _overlaps(a: dict, b: dict, tol: float = 0.5) -> bool:
    return (min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"]) > tol
            and min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"]) > tol)


def legend_overlaps(charts: list[dict]) -> list[str]:
    """Every pair of legend elements (label text, swatch) of one chart whose rendered boxes overlap."""
    bad = []
    for c in charts:
        items = c["items"]
        for i, a in enumerate(items):
            for b in items[i + 1:]:
                if _overlaps(a, b):
                    bad.append(f"{c['title']}: {a['kind']} {a['label']!r} overlaps {b['kind']} {b['label']!r}")
    return bad


def test_chart_legends_never_overlap_and_axes_name_their_unit(browser, page, tmp_path):
    charts = _measure(browser, page, tmp_path)
    assert len(charts) >= 10
    assert sum(len(c["items"]) for c in charts) > 40          # the legends were measured
    assert legend_overlaps(charts) == []
    for c in charts:
        assert c["unit"], f"{c['title']}: the value axis names no unit"
        decimals = {t.split(",")[1].__len__() if "," in t else 0 for t in c["ticks"]}
        assert len(decimals) == 1, f"{c['title']}: ticks in several formats: {c['ticks']}"
    units = {u for c in charts for u in c["unit"]}
    assert "ton CO2e" in units


def test_the_overlap_check_sees_a_crowded_legend(browser, tmp_path):
    # An overlap that exists whatever the fonts: a label placed on the box of another label, and a
    # swatch drawn over the first characters of a label (no width estimate is involved).
    from klimatbokslut.report import charts as ch

    crowded = ('<rect x="0" y="0" width="12" height="10" fill="#000" class="lg-swatch"/>'
               '<text x="17" y="9" class="lg">HVO100</text>'
               '<text x="17" y="9" class="lg">Bensin</text>'
               '<rect x="20" y="0" width="12" height="10" fill="#111" class="lg-swatch"/>')
    page = tmp_path / "crowded.html"
    style = "<style>.chart .lg { font-size:11.5px; } body { font: 15px/1.5 sans-serif; }</style>"
    page.write_text(f'<html><head>{style}</head><body><svg class="chart" data-chart="x" aria-label="t" width="700" '
                    f'height="40">{crowded}</svg></body></html>', encoding="utf-8")
    found = legend_overlaps(_measure(browser, page, tmp_path))
    assert "t: text 'HVO100' overlaps text 'Bensin'" in found
    assert "t: text 'HVO100' overlaps swatch ''" in found
    new_svg, _ = ch._legend([("HVO100", "#000", False), ("Bensin", "#111", False), ("Diesel", "#222", False)],
                            0, 0, 700)
    page.write_text(f'<html><head>{style}</head><body><svg class="chart" data-chart="x" aria-label="t" width="700" '
                    f'height="40">{new_svg}</svg></body></html>', encoding="utf-8")
    assert legend_overlaps(_measure(browser, page, tmp_path)) == []
