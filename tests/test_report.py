"""The report formats what the ledger, targets, portfolio and what-if computed: same numbers everywhere."""

import re

import pandas as pd
import pytest

import klimatbokslut as kb
from klimatbokslut.cli import _example_dir
from klimatbokslut.report.fmt import number, percent
from klimatbokslut.report.workbook import read_report_workbook

SECTIONS = ["summary", "boundaries", "total", "areas", "targets", "portfolio", "whatif", "method", "quality",
            "appendix"]


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    r = kb.build_report(_example_dir() / "klimatbokslut.toml")
    html = r.to_html(out / "k.html").read_text(encoding="utf-8")
    r.to_excel(out / "k.xlsx")
    r.to_csv(out / "csv")
    return r, html, out


def test_headline_total_equals_the_ledger_total(example):
    r, html, _ = example
    led = r.ledger
    expected = number(led.total(year=2024).magnitude, 1)
    card = re.search(r'<div class="big" data-total-year="2024">([^<]+)<', html).group(1).strip()
    assert card == expected
    # total row of the area table, every year
    cells = dict(re.findall(r'<td class="num" data-total-year="(\d{4})">([^<]+)</td>', html))
    assert cells == {str(y): number(led.total(year=y).magnitude, 1) for y in r.years}
    assert r.years == [2021, 2022, 2023, 2024]          # base year first


def test_changes_are_the_ledger_totals_compared(example):
    r, html, _ = example
    led = r.ledger
    prev = led.total(year=2024).magnitude / led.total(year=2023).magnitude - 1
    # the headline's change against the base year uses the base year as the policy says targets use it: restated
    # (2021 as first reported 77 173,8 t less the divestment's 4 300,0 t = 72 873,8 t); first reported beside it
    restated = r.restatement.history.set_index("year").loc[2021, "restated_t"]
    assert restated == pytest.approx(77173.8 - 4300.0, abs=0.05)
    base = led.total(year=2024).magnitude / restated - 1
    as_reported = led.total(year=2024).magnitude / led.total(year=2021).magnitude - 1
    assert re.search(r'data-change="previous">([^<]+)<', html).group(1) == percent(prev, 1, sign=True)
    assert re.search(r'data-change="base">([^<]+)<', html).group(1) == percent(base, 1, sign=True) == "+10,9 %"
    beside = re.search(r'data-change="base-reported">([^<]+)<', html).group(1)
    assert "72 873,8" in beside and "77 173,8" in beside and percent(as_reported, 1, sign=True) in beside
    # the summary's uncertainty interval of that change is against the same restated base year (the Monte Carlo of
    # the restated ledger): it brackets +10,9 % and does not say it is against the base year as first reported
    interval = re.search(r'data-interval="base">([^<]+)<', html).group(1)
    low, high = (float(x.replace(",", ".").replace("+", "")) / 100
                 for x in re.findall(r"([+−-]?\d+,\d) %", interval)[:2])
    assert low < base < high and not (low < as_reported < high), interval
    assert "som först redovisat" not in html[html.index('data-interval="base"'):][:400]


def test_excel_and_csv_hold_the_same_numbers_as_the_ledger(example):
    r, _, out = example
    led = r.ledger
    xl = read_report_workbook(out / "k.xlsx")
    assert {"ledger", "totals", "by_scope", "by_area", "by_category", "targets", "target_series", "portfolio",
            "whatif", "factors_used", "rejects", "fallback_factors", "spend_share", "coverage", "about"} <= set(xl)
    for y in r.years:
        total = led.total(year=y).magnitude
        assert xl["totals"].set_index("year").loc[y, "co2e_t"] == pytest.approx(total, rel=1e-12)
        assert xl["by_area"].query("year == @y")["co2e_t"].sum() == pytest.approx(total, rel=1e-9)
        assert xl["by_scope"].query("year == @y")["co2e_t"].sum() == pytest.approx(total, rel=1e-9)
    csv = pd.read_csv(out / "csv" / "totals.csv", sep=";", decimal=",", encoding="utf-8-sig")   # a Swedish report
    # the CSV keeps tonnes to 3 decimals (klimatbokslut.precision); the workbook the full value
    assert csv["Utsläpp (ton CO2e)"].tolist() == pytest.approx(xl["totals"]["co2e_t"].tolist(), abs=0.0005)
    assert len(xl["ledger"]) == len(led.frame)
    assert xl["rejects"]["row"].tolist() == led.rejects["row"].tolist()


def test_status_words_are_the_target_results(example):
    r, html, _ = example
    glance = html[html.index('<table class="glance">'):]
    glance = glance[:glance.index("</table>")]
    shown = re.findall(r'data-status="([a-z_]+)">([^<]+)</span>', glance)
    assert shown == [(v.result.status, v.result.status_sv) for v in r.targets]
    words = {w for (_, w), v in zip(shown, r.targets) if v.result.status != "no_data"}
    # every target of the example evaluates from its data: no "värde saknas" for want of a figure, except the
    # EU transition-benchmark target, whose scope 3 phase-in (Art. 5) the scope 1+2 figures cannot meet; the
    # four other words are one vocabulary (on track and off track never share a word, as "delvis" did)
    assert words == {"uppnått", "i fas", "inte i fas", "ej uppnått"}
    assert [v.result.note for v in r.targets if v.result.status == "no_data"
            and "scope 3 must be in the intensity" not in v.result.note] == []
    # beside every status stands the figure that decides it
    deciding = re.findall(r'data-status="[a-z_]+">[^<]+</span> <span class="decides" data-decides>([^<]+)</span>',
                          glance)
    assert len(deciding) == len(r.targets)
    # on track / off track are measured against the year's point on the path, met / not met against the target value
    for (status, _), why in zip(shown, deciding):
        if status == "no_data":
            continue
        assert re.search(r"\d", why), why
        side = {"on_track": "under banan för 2024", "off_track": "över banan för 2024", "met": "målvärdet",
                "not_met": "målvärdet"}[status]
        assert side in why or status.endswith("track") and "slut" in why   # a carbon budget: when it runs out
    # the scope 1+2 target is evaluated like targets.py does on the same ledger
    t = kb.targets.from_dict(r.config.targets[0])
    assert t.evaluate(r.ledger, 2024).status_sv == r.targets[0].result.status_sv
    assert r.tables["targets"]["status_sv"].tolist() == [v.result.status_sv for v in r.targets]


def test_sections_in_report_order_and_charts_present(example):
    r, html, _ = example
    positions = [html.index(f'<section id="{s}"') for s in SECTIONS]
    assert positions == sorted(positions)
    kinds = re.findall(r'<svg [^>]*data-chart="([a-z-]+)"', html)
    n_areas = r.tables["by_area"]["area"].nunique()
    assert kinds.count("stacked-bar") == 2 + n_areas
    assert kinds.count("line") == len(r.targets)
    assert kinds.count("hbar") == 2                      # portfolio vs index, what-if
    # every bar of the area chart is a ledger summary value
    chart = html[html.index('data-chart="stacked-bar"'):]
    chart = chart[:chart.index("</svg>")]
    values = sorted(float(v) for v in re.findall(r'data-value="([^"]+)"', chart))
    ba = r.ledger.summary(by=["year", "area"], year=r.years)
    assert values == pytest.approx(sorted(ba.loc[ba["co2e_t"] != 0, "co2e_t"]), rel=1e-12)


def test_method_appendix_lists_every_factor_used_with_its_source(example):
    r, html, _ = example
    used = r.ledger.factors_used()
    shown = re.findall(r'<tr data-factor-id="([^"]+)">', html)
    assert sorted(shown) == sorted(used["factor_id"])
    assert "Platsbaserad" in html and "Marknadsbaserad" in html
    s2 = r.tables["scope2_methods"].set_index(["year", "method"])
    assert s2.loc[(2024, "location"), "scope2_co2e_t"] == pytest.approx(
        r.ledger.total(year=2024, scope=2, method="location").magnitude)


def test_whatif_and_portfolio_are_the_library_results(example):
    r, html, _ = example
    w = r.tables["whatif"].set_index("scenario")
    hvo = r.scenarios[0].result
    assert w.loc[r.scenarios[0].name, "avoided_co2e_t"] == pytest.approx(hvo.avoided(year=2024).magnitude)
    assert w.loc[r.scenarios[0].name, "cost_per_tonne_sek"] == pytest.approx(hvo.cost_per_tonne.magnitude)
    assert w.loc[r.scenarios[1].name, "avoided_location_t"] == 0.0 < w.loc[r.scenarios[1].name, "avoided_market_t"]
    pv = r.tables["portfolio_vs_index"].set_index("metric")
    p24 = r.portfolios[2024]
    assert pv.loc["carbon_footprint", "portfolio"] == pytest.approx(p24.carbon_footprint().magnitude)
    assert pv.loc["carbon_footprint", "relative_to_index"] == pytest.approx(p24.compare(r.benchmark))
    assert number(p24.carbon_footprint().magnitude, 2) in html


def test_data_quality_section(example):
    r, html, _ = example
    rec = r.ledger.reconcile()
    assert rec["balanced"] and len(r.tables["rejects"]) == rec["rejected_rows"] == 4
    fb = r.tables["fallback_factors"]
    assert fb["rows"].sum() == r.ledger.frame["flags"].astype(str).str.contains("fallback_year").sum()
    share = r.tables["spend_share"].set_index("year")
    assert share.loc[2024, "spend_based_co2e_t"] == pytest.approx(
        r.ledger.total(year=2024, data_quality="spend_based").magnitude)
    assert "Faktorer från ett annat år (närmaste utgåva)" in html


def _tiny(tmp_path, org: str, site: str, lang: str = "sv") -> dict:
    p = tmp_path / "a.csv"
    site = '"' + site.replace('"', '""') + '"'          # CSV quoting
    p.write_text("aktivitet;mängd;enhet;år;anläggning;förvaltning\n"
                 f"lustgas;100;kg;2023;{site};=1+2\n"
                 f"lustgas;90;kg;2024;{site};=1+2\nel;1 000;MWh;2024;{site};Fastighet\n", encoding="utf-8")
    return {"organisation": {"name": org}, "report_year": 2024, "activities": str(p), "language": lang,
            "targets": [{"type": "cap", "name": org, "limit": "95 kg", "metric": "n2o"}]}


def test_user_text_is_escaped_in_html_and_inert_in_excel(tmp_path):
    org = '<script>alert("x")</script>'
    site = '"><img src=x onerror=alert(1)>'
    r = kb.build_report(_tiny(tmp_path, org, site))
    html = r.to_html(tmp_path / "k.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    xl = read_report_workbook(r.to_excel(tmp_path / "k.xlsx"))
    assert xl["ledger"]["org_unit"].astype(str).str.startswith("'=").any()
    assert not xl["ledger"]["org_unit"].astype(str).str.startswith("=").any()
    r.to_csv(tmp_path / "csv")
    assert "'=1+2" in (tmp_path / "csv" / "by_site.csv").read_text(encoding="utf-8")


def test_english_report(tmp_path):
    r = kb.build_report(_tiny(tmp_path, "Region X", "Site", lang="en"))
    html = r.to_html(tmp_path / "k.html").read_text(encoding="utf-8")
    total = r.ledger.total(year=2024).magnitude
    assert number(total, 1, "en") in html and "Summary" in html and '<html lang="en">' in html
    assert ">met<" in html or ">not at all<" in html


def test_configuration_problem_at_evaluation_names_the_target(tmp_path):
    cfg = _tiny(tmp_path, "X", "S")
    cfg["targets"] = [{"type": "reduction", "name": "R", "base_year": 2019, "target_year": 2028,
                       "fraction": 0.2, "metric": "n2o"}]
    with pytest.raises(kb.config.ConfigError, match=r"targets\[0\]\.base_year"):
        kb.build_report(cfg)


def test_report_workbook_is_byte_for_byte_reproducible(example, tmp_path):
    # openpyxl stamps the save time into docProps/core.xml; the report workbook, like the
    # ledger's, fixes it so the same report gives the same bytes (reproducible outputs).
    import zipfile

    r, _, out = example
    again = r.to_excel(tmp_path / "k.xlsx")
    assert again.read_bytes() == (out / "k.xlsx").read_bytes()
    with zipfile.ZipFile(again) as z:
        core = z.read("docProps/core.xml").decode()
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert "1980-01-01T00:00:00Z" in core
