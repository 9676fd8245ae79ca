"""`validate` and `report` check the whole [recalculation] section: every problem in one round, each with its
full key, never a raw TypeError."""

import shutil

import pytest

import klimatbokslut as kb
from klimatbokslut.cli import _example_dir, main
from klimatbokslut.errors import ConfigError

_ALL_FIVE = {
    "recalculation.threshold",              # 1.5 is not a share 0-1
    "recalculation.restate",                # "sometimes"
    "recalculation.changes[0].year",        # a divestment without a year
    "recalculation.changes[1].kind",        # "sold"
    "recalculation.changes[1].name",        # the same name as changes[0]
}


@pytest.fixture()
def broken_region(tmp_path):
    d = tmp_path / "region"
    shutil.copytree(_example_dir(), d)
    p = d / "klimatbokslut.toml"
    s = p.read_text(encoding="utf-8")
    edits = [('threshold = 0.05\nrestate = "all"', 'threshold = 1.5\nrestate = "sometimes"'),
             ('kind = "divestment"\nyear = 2023\nemissions = { 2021 = "4 300',
              'kind = "divestment"\nemissions = { 2021 = "4 300'),
             ('kind = "divestment"\nyear = 2023\nemissions = { 2021 = "410',
              'kind = "sold"\nyear = 2023\nemissions = { 2021 = "410'),
             ('name = "Forskningslaboratoriet överfördes till universitetet"', 'name = "Hjälpmedelscentralen såldes"')]
    for old, new in edits:
        assert s.count(old) == 1, old          # the example still has what this test breaks
        s = s.replace(old, new)
    p.write_text(s, encoding="utf-8")
    return p


def _keys(err: str) -> set[str]:
    return {line.strip().split(":")[0] for line in err.splitlines() if line.startswith("  ")}


def test_validate_finds_every_recalculation_problem_in_one_run(broken_region, capsys):
    assert main(["validate", str(broken_region)]) == 1
    err = capsys.readouterr().err
    assert _ALL_FIVE <= _keys(err), err
    assert "TypeError" not in err and "positional argument" not in err


def test_report_and_the_python_validate_say_the_same(broken_region, capsys, tmp_path):
    assert main(["report", str(broken_region), "-o", str(tmp_path / "out"), "-q"]) == 1
    assert _ALL_FIVE <= _keys(capsys.readouterr().err)
    with pytest.raises(ConfigError) as exc:
        kb.config.validate(broken_region)
    assert _ALL_FIVE <= {k for k, _ in exc.value.problems}


@pytest.mark.parametrize(("section", "key"), [
    ({"threshold": "fem"}, "recalculation.threshold"),
    ({"triggers": ["structural", "weather"]}, "recalculation.triggers[1]"),
    ({"changes": [{"name": "A", "kind": "divestment", "year": 2023, "select": "Tvätteri"}]},
     "recalculation.changes[0].select"),
    ({"changes": [{"name": "A", "kind": "divestment", "year": "2023x", "select": {"org_unit": "X"}}]},
     "recalculation.changes[0].year"),
    ({"changes": [{"kind": "divestment", "year": 2023, "select": {"org_unit": "X"}}]},
     "recalculation.changes[0].name"),
    ({"changes": [{"name": "A", "kind": "divestment", "year": 2023, "select": {"org_unit": "X"}, "colour": 1}]},
     "recalculation.changes[0].colour"),
    ({"changes": [{"name": "A", "kind": "divestment", "year": 2023}]}, "recalculation.changes[0].select"),
    ({"method_changes": [{"name": "RF", "before": {"radiative_forcing": False}}]},
     "recalculation.method_changes[0].year"),
    ({"method_changes": [{"name": "RF", "year": 2023, "before": {"colour": 1}}]},
     "recalculation.method_changes[0].before"),
])
def test_each_problem_has_its_full_key(section, key):
    from klimatbokslut.config_recalculation import recalculation_problems

    assert key in {k for k, _ in recalculation_problems(section)}


def test_the_example_section_has_no_problem():
    from klimatbokslut.config import _read_toml
    from klimatbokslut.config_recalculation import recalculation_problems

    data = _read_toml(_example_dir() / "klimatbokslut.toml")
    assert recalculation_problems(data["recalculation"], _example_dir()) == []
