"""The example report read as a reader reads it, in a real browser (headless Chromium).

* **One language**: the visible text of the Swedish report has no snake_case code and no word of
  an English word list; the English report no word of a Swedish one. Names (of the region, its
  targets, sites, documents, publishers, factor ids) are marked ``translate="no"`` in the page, as
  HTML asks for text that is not to be translated, and are left out of the check.
* **A desk and a phone**: at 1280 px and at 390 px the document is no wider than the viewport,
  no table is wider than its box unless the box scrolls (at 1280 px none may scroll at all), and
  the smallest rendered chart text is at least 9 px. The page is measured inside an ``<iframe>``
  of the width, because headless Chromium does not make a window narrower than 500 px.
* **Screenshots** of both widths are kept in ``tests/artifacts/``; with
  ``KLIMATBOKSLUT_UPDATE_DOCS_IMAGES=1`` they are also written to ``docs/images/`` for the docs.

Skips only when Chromium is missing AND ``KLIMATBOKSLUT_REQUIRE_BROWSER`` is not set.
"""

from __future__ import annotations

import html as html_lib
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

import klimatbokslut as kb
from browser_support import ARTIFACTS
from klimatbokslut.cli import _example_dir

ROOT = Path(__file__).resolve().parents[1]
DOCS_IMAGES = ROOT / "docs" / "images"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--allow-file-access-from-files", "--hide-scrollbars"]

#: The measuring script: visible text without the names marked translate="no", every table against its box,
#: every chart text's rendered size. It reports through the parent page's title (the page is in an iframe).
_SCRIPT = """
<style>[translate="no"] { display:none !important; }</style>
<script>
window.addEventListener("load", () => {
  const out = {docw: document.documentElement.scrollWidth, vw: window.innerWidth, tables: [], chart: []};
  document.querySelectorAll("table").forEach((t, k) => {
    const box = t.parentElement;
    out.tables.push({k, cls: t.className, w: t.getBoundingClientRect().width, box: box.clientWidth,
                     scrolls: ["auto", "scroll"].includes(getComputedStyle(box).overflowX),
                     head: (t.querySelector("th") || {}).textContent || ""});
  });
  document.querySelectorAll("svg.chart text").forEach(el => {
    const px = el.getBoundingClientRect().height ? parseFloat(getComputedStyle(el).fontSize) *
      el.ownerSVGElement.getBoundingClientRect().width / el.ownerSVGElement.viewBox.baseVal.width : 99;
    out.chart.push([px, el.textContent]);
  });
  const words = [];
  document.querySelectorAll("svg.chart text").forEach(el => {
    if (!el.closest('[translate="no"]')) words.push(el.textContent);
  });
  out.text = document.body.innerText + "\\n" + words.join("\\n");
  parent.document.title = JSON.stringify(out);
});
</script>
"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """The example report in Swedish (its configuration's language) and the same report in English."""
    out = tmp_path_factory.mktemp("reading")
    r = kb.build_report(_example_dir() / "klimatbokslut.toml")
    assert r.language == "sv"
    sv = r.to_html(out / "sv" / "klimatbokslut_2024.html")
    r.config.language = "en"
    return {"sv": sv, "en": r.to_html(out / "en" / "klimatbokslut_2024.html")}


def measure(exe: str, page: Path, width: int) -> dict:
    """Load ``page`` in an iframe ``width`` px wide and return what the measuring script saw."""
    text = page.read_text(encoding="utf-8")
    # the report forbids scripts (Content-Security-Policy); the measured copy lifts that for its one script
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text)
    with tempfile.TemporaryDirectory() as tmp:
        inner = Path(tmp) / "page.html"
        inner.write_text(text.replace("</body>", _SCRIPT + "</body>"), encoding="utf-8")
        frame = Path(tmp) / "frame.html"
        frame.write_text(f'<html><head><title>-</title></head><body style="margin:0"><iframe src="page.html" '
                         f'width="{width}" height="900" style="border:0"></iframe></body></html>', encoding="utf-8")
        r = subprocess.run([exe, *FLAGS, f"--user-data-dir={tmp}/profile", "--window-size=1400,900", "--dump-dom",
                            "--virtual-time-budget=8000", frame.as_uri()], capture_output=True, text=True, timeout=180)
    assert r.returncode == 0, r.stderr[-2000:]
    m = re.search(r"<title>(.*?)</title>", r.stdout, re.S)
    assert m and m.group(1) != "-", "the measuring script did not run"
    return json.loads(html_lib.unescape(m.group(1)))


@pytest.fixture(scope="module")
def measured(browser, pages) -> dict[tuple[str, int], dict]:
    return {(lang, w): measure(browser, pages[lang], w) for lang in ("sv", "en") for w in (1280, 390)}


# ----------------------------------------------------------------------------- one language
_SNAKE = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")

#: English words that are not Swedish words (nor names a Swedish report uses, such as "scope").
ENGLISH = {"the", "of", "and", "with", "from", "are", "is", "to", "for", "by", "be", "been", "which", "that",
           "this", "these", "their", "not", "included", "include", "give", "bought", "fuel", "rows", "row", "based",
           "replaced", "emissions", "target", "targets", "share", "change", "year", "years", "total", "value",
           "missing", "unknown", "only", "same", "cost", "price", "path", "met", "track", "partly",
           "financed", "footprint", "intensity", "location", "market", "energy", "amount", "each", "every",
           "when", "where", "than", "more", "less", "above", "below", "about", "used", "uses", "has", "have",
           "lifecycle", "direct", "room", "night", "guarantees", "origin", "basis", "fictitious"}

#: Swedish words that are not English words.
SWEDISH = {"och", "är", "för", "med", "av", "som", "inte", "utsläpp", "basåret", "basår", "uppnått", "värde",
           "saknas", "år", "mål", "målvärdet", "jämfört", "enligt", "också", "banan", "över", "under", "fas",
           "ton", "omräknat", "omräknade", "tröskel", "andel", "övrigt", "totalt", "sannolikhet", "inköp",
           "förvaltning", "anläggning", "delvis", "helt", "alls", "egna", "energi", "el", "fjärrvärme",
           "procentenheter", "kvar", "slut", "används", "sverige", "utfall", "målår"}


#: Terms Swedish climate reports use as they are (Swedish regions write "well-to-wheel" too).
TERMS = ("well-to-wheel", "tank-to-wheel", "well-to-tank")


def foreign_words(text: str, words: set[str]) -> list[str]:
    """Every token of ``text`` that is snake_case or one of ``words`` (case-insensitive), once each.

    Examples
    --------
    >>> foreign_words("Utsläpp scope 1 och 2 (give from_price to include it)", ENGLISH)
    ['give', 'from_price', 'to', 'include']
    """
    found: list[str] = []
    for term in TERMS:
        text = text.replace(term, " ")
    for token in re.findall(r"[A-Za-zÅÄÖåäöÉé_0-9]+", text):
        low = token.lower()
        if (_SNAKE.fullmatch(low) or low in words) and token not in found:
            found.append(token)
    return found


def _context(text: str, word: str) -> str:
    i = re.search(rf"\b{re.escape(word)}\b", text)
    return text[max(0, i.start() - 60):i.end() + 60].replace("\n", " ") if i else word


def test_the_word_check_finds_what_it_looks_for():
    assert foreign_words("market-based scope 2", ENGLISH) == ["market", "based"]
    assert foreign_words("Flyg (short_haul)", ENGLISH) == ["short_haul"]
    assert foreign_words("Utsläpp 2024 jämfört med basåret", SWEDISH) == ["Utsläpp", "jämfört", "med", "basåret"]
    assert foreign_words("Emissions 2024 compared with the base year", SWEDISH) == []


@pytest.mark.parametrize("lang, words", [("sv", ENGLISH), ("en", SWEDISH)])
def test_the_report_speaks_one_language(measured, lang, words):
    text = measured[(lang, 1280)]["text"]
    found = foreign_words(text, words)
    assert found == [], "\n".join(f"{w!r}: …{_context(text, w)}…" for w in found[:40])


# ----------------------------------------------------------------------------- a desk and a phone
@pytest.mark.parametrize("width", [1280, 390])
def test_the_page_fits_the_screen(measured, width):
    for lang in ("sv", "en"):
        m = measured[(lang, width)]
        assert m["vw"] == width
        assert m["docw"] <= width, f"{lang}: the page is {m['docw']} px wide at {width} px"
        clipped = [t for t in m["tables"] if t["w"] > t["box"] + 1 and (width == 1280 or not t["scrolls"])]
        assert clipped == [], f"{lang} at {width} px: {clipped[:5]}"
        smallest = min(m["chart"])
        assert smallest[0] >= 9.0 - 1e-6, f"{lang} at {width} px: chart text {smallest[1]!r} is {smallest[0]:.2f} px"


def test_contents_list_is_one_column_on_a_phone(measured):
    # the contents list of the report at 390 px does not run two numbered entries into one line
    text = measured[("sv", 390)]["text"]
    assert not re.search(r"[a-zåäö]\d+\.", text.split("1. Sammanfattning")[0])


# ----------------------------------------------------------------------------- screenshots for the docs
@pytest.mark.parametrize("width, height, name", [(1280, 2600, "report_1280.png"), (390, 2600, "report_390.png")])
def test_screenshots(browser, pages, tmp_path, width, height, name):
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / name
    if shot.exists():
        shot.unlink()
    frame = tmp_path / "frame.html"
    frame.write_text(f'<html><body style="margin:0"><iframe src="{pages["sv"].as_uri()}" width="{width}" '
                     f'height="{height}" style="border:0"></iframe></body></html>', encoding="utf-8")
    r = subprocess.run([browser, *FLAGS, f"--user-data-dir={tmp_path}/profile", f"--window-size={width},{height}",
                        f"--screenshot={shot}", frame.as_uri()], capture_output=True, text=True, timeout=180)
    assert r.returncode == 0, r.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    if os.environ.get("KLIMATBOKSLUT_UPDATE_DOCS_IMAGES"):
        DOCS_IMAGES.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, DOCS_IMAGES / name)
