"""The example report's charts agree with its tables, and its probabilities say what they are of.

Read from the rendered page (the numbers each chart part carries in ``data-value``), against the
ledger's totals: a chart that shows the largest items shows the rest as one part, so its bars add
up to the table; no legend entry without data; shares drawn in percent; a series of one point is
drawn; years without a value are said under the chart.
"""

from __future__ import annotations

import re

import pytest

import klimatbokslut as kb
from klimatbokslut.cli import _example_dir
from klimatbokslut.report.labels import probability_text


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    r = kb.build_report(_example_dir() / "klimatbokslut.toml")
    html = r.to_html(tmp_path_factory.mktemp("charts") / "k.html").read_text(encoding="utf-8")
    return r, html


def _svg(html: str, title_start: str) -> str:
    i = html.index(f'aria-label="{title_start}')
    return html[i:html.index("</svg>", i)]


def test_the_food_chart_adds_up_to_the_table(example):
    r, html = example
    svg = _svg(html, "Livsmedel (")
    # more than seven foods: the rest is one part, "Övrigt (n aktiviteter)", not a legend entry without data
    assert "Övrigt (" in svg and "Totalt …" not in svg
    for year in r.years:
        parts = [float(v) for v in re.findall(rf'data-category="{year}" data-value="([^"]+)"', svg)]
        # the bars of the year add up to the area's total in the table (964,7 t in 2021, as first reported)
        assert sum(parts) == pytest.approx(r.total(year, area="food"), rel=1e-9)
    assert r.total(2021, area="food") == pytest.approx(964.7, abs=0.05)


def test_every_legend_entry_has_data(example):
    _, html = example
    for svg in re.findall(r'<svg [^>]*data-chart="line".*?</svg>', html, re.S):
        labels = re.findall(r'class="lg">([^<]+)<', svg)
        drawn = set(re.findall(r'data-series="([^"]+)"', svg))
        assert set(labels) <= drawn, (labels, drawn)


def test_shares_are_drawn_in_percent(example):
    _, html = example
    svg = _svg(html, "100 % förnybar el (%)")
    value = float(re.search(r'<circle [^>]*data-value="([^"]+)" data-year="2024"', svg).group(1))
    # 96,5 % renewable electricity in 2024 (the targets table) is drawn as 96.5 on a percent axis, not 0.965
    assert value == pytest.approx(100 * 0.965, abs=0.05)
    assert 'class="ax axis-unit">%<' in svg and "1 = 100" not in html


def test_a_series_of_one_point_is_drawn_and_labelled(example):
    _, html = example
    svg = _svg(html, "Pensionsmedlens relativa klimatbelastning")
    # the benchmark index has one point (2024): a marked point with its value, 5,38 t CO2e/MSEK
    assert 'class="single"' in svg and ">5,38<" in svg
    # and the pension funds' line starts in the base year 2021 (5,46 t CO2e/MSEK)
    assert 'data-year="2021"' in svg


def test_years_without_a_value_are_said(example):
    _, html = example
    i = html.index('aria-label="100 % förnybara drivmedel')
    after = html[i:html.index('<div class="target-card">', i)]
    assert "Värde saknas för 2021, 2022." in after


def test_probabilities_say_what_they_are_of(example):
    r, html = example
    table = html[html.index('data-table="uncertainty-targets"'):]
    table = table[:table.index("</table>")]
    rows = dict(re.findall(r'<td translate="no">Engångsrockar[^<]*</td><td class="num" data-probability="path">([^<]+)'
                           r'</td><td class="num" data-probability="target">([^<]+)</td>', table))
    probs = r.tables["uncertainty_targets"].set_index("name")
    gown = probs.loc[[n for n in probs.index if n.startswith("Engångsrockar")][0]]
    # met and before the target year: on the path almost surely, the target value itself in about 63 % of draws
    assert gown["probability"] > 0.999 and 0.5 < gown["probability_target"] < 0.75
    assert list(rows.items()) == [("&gt; 99,9 %", probability_text(gown["probability_target"], "sv"))]


@pytest.mark.parametrize("p, sv, en", [(0.9998, "> 99,9 %", "> 99.9%"), (0.0, "< 0,1 %", "< 0.1%"),
                                       (0.0004, "< 0,1 %", "< 0.1%"), (0.995, "99,5 %", "99.5%"),
                                       (0.634, "63 %", "63%"), (None, "–", "–")])
def test_probability_text_at_the_ends(p, sv, en):
    assert probability_text(p, "sv") == sv and probability_text(p, "en") == en
