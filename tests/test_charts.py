"""The report's charts: one tick format per axis, a unit on every value axis, legends that fit.

The rendered boxes are measured in a real browser (tests/test_browser.py); these are the
layout rules, checked on the SVG text with values worked by hand.
"""

from __future__ import annotations

import re

import pytest

from klimatbokslut.report import charts


def _ticks(svg: str) -> list[str]:
    return re.findall(r'class="ax tick">([^<]*)<', svg)


def test_ticks_of_one_axis_share_one_format():
    svg = charts.stacked_bars(["2023", "2024"], [("A", [12000.0, 18000.0])], title="x", unit="ton CO2e")
    assert _ticks(svg) == ["0", "5 000", "10 000", "15 000", "20 000"]      # step 5 000: no decimals, zero too
    svg = charts.stacked_bars(["2024"], [("A", [12.0])], title="x", unit="ton CO2e")
    assert _ticks(svg) == ["0,0", "2,5", "5,0", "7,5", "10,0", "12,5"]            # step 2,5: one decimal everywhere
    svg = charts.hbars(["A"], [0.07], title="x", lang="en", unit="t CO2e")
    assert _ticks(svg) == ["0.00", "0.02", "0.04", "0.06", "0.08"]


@pytest.mark.parametrize("make", [
    lambda u: charts.stacked_bars(["2024"], [("A", [1.0])], title="x", unit=u),
    lambda u: charts.line_chart([{"label": "A", "points": [(2021, 1.0), (2024, 2.0)]}], title="x", unit=u),
    lambda u: charts.hbars(["A"], [1.0], title="x", unit=u),
])
def test_every_value_axis_names_its_unit(make):
    assert '<text' in make("MWh") and 'class="ax axis-unit">MWh</text>' in make("MWh")


def _legend_boxes(svg: str) -> list[tuple[float, float]]:
    """(x start, x end) of each legend item: swatch start to the estimated end of its label."""
    xs = [float(x) for x in re.findall(r'<text x="([\d.]+)" y="[\d.]+" class="lg">', svg)]
    labels = re.findall(r'class="lg">([^<]*)<', svg)
    return [(x - 17, x + charts.text_width(t)) for x, t in zip(xs, labels)]


def test_legend_items_do_not_run_into_the_next_one():
    labels = ["HVO100", "Bensin", "Diesel", "Fjärrvärme", "Egna och leasade fordon", "Köldmedium R-404A",
              "WWWWWWWW", "Inköp: mark och byggnad"]
    svg = charts.stacked_bars(["2024"], [(lab, [1.0]) for lab in labels], title="x")
    rows: dict[str, list[tuple[float, float]]] = {}
    ys = re.findall(r'<text x="[\d.]+" y="([\d.]+)" class="lg">', svg)
    for y, box in zip(ys, _legend_boxes(svg)):
        rows.setdefault(y, []).append(box)
    assert len(rows) >= 2                                   # the long legend wraps
    for boxes in rows.values():
        for (a0, a1), (b0, _) in zip(boxes, boxes[1:]):
            assert a1 + 8 <= b0, (a0, a1, b0)                # at least 8 px between a label and the next swatch
        assert boxes[-1][1] <= 760                           # and the row ends inside the chart


def test_text_width_is_generous_for_capitals_and_digits():
    # "HVO100": 6 capitals/digits × 0.72 em × 11.5 px = 49.68 px (Arial renders about 40 px)
    assert charts.text_width("HVO100") == pytest.approx(6 * 0.72 * 11.5)
