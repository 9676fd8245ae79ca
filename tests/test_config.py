"""The report configuration: TOML keys, path resolution, errors that name the key, validate()."""

from pathlib import Path

import pytest

import klimatbokslut as kb
from fuzzing import fuzz_examples
from klimatbokslut.cli import _example_dir
from klimatbokslut.config import ConfigError, load_config, validate

ACTS = "aktivitet;mängd;enhet;år\nlustgas;100;kg;2022\nlustgas;90;kg;2023\nlustgas;80;kg;2024\n"


def _write(tmp_path: Path, toml: str, acts: str = ACTS) -> Path:
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "a.csv").write_text(acts, encoding="utf-8")
    path = tmp_path / "k.toml"
    path.write_text(toml, encoding="utf-8")
    return path


BASE = 'report_year = 2024\nactivities = "data/a.csv"\n[organisation]\nname = "Region X"\n'


def test_relative_paths_resolve_against_the_file_not_the_working_directory(tmp_path, monkeypatch):
    path = _write(tmp_path, BASE)
    monkeypatch.chdir("/")
    cfg = load_config(path)
    assert cfg.activities["*"] == (tmp_path / "data" / "a.csv").resolve()
    assert cfg.language == "sv" and cfg.gwp == "AR6" and cfg.scope2_method == "market"


def test_activities_per_year(tmp_path):
    path = _write(tmp_path, 'report_year = 2024\n[activities]\n2024 = "data/a.csv"\n[organisation]\nname = "X"\n')
    assert set(load_config(path).activities) == {"2024"}


def test_errors_name_the_toml_key(tmp_path):
    toml = BASE + """
[[targets]]
type = "cap"
name = "Lustgas"
limit = "2 000 kg"
metric = "n2o"

[[targets]]
type = "reduction"
name = "Resor"
base_year = 2022
target_year = 2028
fraction = 0.25

[[targets]]
type = "reduction"
name = "Fel"
base_year = 2022
target_year = 2020
fraction = 0.25

[[scenarios]]
name = "HVO"
type = "switch_fuel"
from_fuel = "diesel"
price = "2 SEK/l"
"""
    with pytest.raises(ConfigError) as info:
        load_config(_write(tmp_path, toml.replace('language', 'x')))
    keys = [k for k, _ in info.value.problems]
    assert "targets[2].target_year" in keys
    assert "scenarios[0].price" in keys and "scenarios[0].to_fuel" in keys
    assert "targets[0]" not in " ".join(keys) and "targets[1]" not in " ".join(keys)
    assert "targets[2].target_year: the target year must come after the base year 2022" in str(info.value)


def test_type_errors_and_unknown_keys_and_missing_files(tmp_path):
    with pytest.raises(ConfigError) as info:
        load_config(_write(tmp_path, 'gwp = "AR7"\ncolour = "red"\n'
                           + BASE.replace("[organisation]", "[organisation]\nsize = 1")))
    problems = dict(info.value.problems)
    assert problems["gwp"].startswith("Input should be 'AR4', 'AR5' or 'AR6'")
    assert problems["colour"] == "unknown key" and problems["organisation.size"] == "unknown key"
    toml = BASE.replace('"data/a.csv"', '"data/none.csv"') + '[portfolio]\nholdings = {2024 = "x.csv"}\n'
    with pytest.raises(ConfigError) as info:
        load_config(_write(tmp_path, toml))
    problems = dict(info.value.problems)
    assert problems["activities"].startswith("no such file")
    assert problems["portfolio.holdings.2024"].startswith("no such file")
    assert isinstance(info.value, ValueError) and isinstance(info.value, kb.KlimatbokslutError)


def test_not_toml(tmp_path):
    path = tmp_path / "k.toml"
    path.write_text("report_year = = 2024\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(path)


def test_factor_overrides_reach_the_ledger_with_their_source(tmp_path):
    # The value 25 g CO2e/kWh is a test value, not a real network's figure.
    toml = BASE + """
[[factors]]
activity = "district_heating"
region = "Testnät"
valid_from = 2024
valid_to = 2024
value = 25.0
unit = "g CO2e/kWh"
gas = "CO2e"
boundary = "lifecycle"
source_id = "test_net"

[[sources]]
source_id = "test_net"
publisher = "Testnätet AB"
title = "Testvärde (inte ett verkligt miljövärde)"
"""
    acts = "aktivitet;mängd;enhet;år;nät\nfjärrvärme;1000;MWh;2024;Testnät\n"
    cfg = load_config(_write(tmp_path, toml, acts))
    r = kb.build_report(cfg)
    assert r.total(2024) == pytest.approx(25.0)          # 1000 MWh × 25 g/kWh = 25 t
    used = r.tables["factors_used"]
    row = used[used["source_id"] == "test_net"].iloc[0]
    assert row["publisher"] == "Testnätet AB" and bool(row["user"])
    assert "test_net" in set(r.tables["derived_factors"]["source_id"])


def test_validate_lists_bad_rows_and_years_without_data_without_computing(tmp_path, monkeypatch):
    toml = BASE + ('[[targets]]\ntype = "reduction"\nname = "R"\nbase_year = 2019\ntarget_year = 2028\n'
                   'fraction = 0.2\nmetric = "n2o"\n')
    path = _write(tmp_path, toml, ACTS + "el;5;l;2024\n")
    import klimatbokslut.engine as engine

    def no_calculation(*a, **k):  # validate must not compute
        raise AssertionError("validate computed emissions")

    monkeypatch.setattr(engine, "calculate", no_calculation)
    p = validate(path)
    assert list(p["key"]) == ["activities", "targets[0].base_year"]
    assert p.iloc[0]["row"] == 5 and p.iloc[0]["column"] == "unit"


def test_bundled_example_config_is_valid():
    path = _example_dir() / "klimatbokslut.toml"
    cfg = load_config(path)
    assert cfg.organisation.name == "Region Exempelby" and cfg.report_year == 2024
    assert [t["type"] for t in cfg.targets] == ["annual_reduction", "carbon_budget", "reduction", "reduction", "cap",
                                                "share", "share",
                                                "share", "intensity", "share", "share", "share", "share", "share",
                                                "below_benchmark", "eu_climate_benchmark", "eu_climate_benchmark",
                                                "green_borrowing"]
    assert len(validate(cfg)) == 0


# --- fuzzing: only ConfigError, whatever the file holds ---------------------------------------------------
import tomllib  # noqa: E402

from hypothesis import HealthCheck, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

FUZZ = settings(max_examples=fuzz_examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                         HealthCheck.function_scoped_fixture])
EXAMPLE_DIR = Path(__file__).parents[1] / "examples" / "region"
EXAMPLE = tomllib.loads((EXAMPLE_DIR / "klimatbokslut.toml").read_text("utf-8"))
# The configuration's files are relative to its folder: as a dict they are given with the folder.
EXAMPLE["factors_files"] = [str(EXAMPLE_DIR / f) for f in EXAMPLE.get("factors_files", [])]
scalar = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True),
                   st.text(max_size=12), st.sampled_from(["AR5", "location", "2022", "-1", "", "1 000 t", "index"]))
value = st.recursive(scalar, lambda kids: st.one_of(st.lists(kids, max_size=3),
                                                    st.dictionaries(st.text(max_size=8), kids, max_size=3)),
                     max_leaves=8)


def _paths(node, prefix=()):
    """Every key path in a nested TOML document (dict keys and list positions)."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for k, v in items:
        yield prefix + (k,)
        yield from _paths(v, prefix + (k,))


PATHS = list(_paths(EXAMPLE))


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(PATHS), st.sampled_from(["set", "delete", "add"]), value), max_size=4))
@example([(("activities",), "set", "\x00")])     # found by a long campaign: a NUL in a path was a ValueError
@example([(("targets",), "set", True)])           # found by a long campaign: targets = true was a TypeError
def test_fuzz_mutated_example_config_raises_only_config_error(edits):
    # The bundled example with keys deleted, replaced by values of any type, or given
    # unknown siblings: either a valid configuration or a ConfigError naming keys.
    import copy

    data = copy.deepcopy(EXAMPLE)
    for path, op, new in edits:
        parent = data
        try:
            for k in path[:-1]:
                parent = parent[k]
            if op == "set":
                parent[path[-1]] = new
            elif op == "delete":
                del parent[path[-1]]
            elif isinstance(parent, dict):
                parent["x_" + str(path[-1])] = new
        except (KeyError, IndexError, TypeError):
            continue
    try:
        cfg = load_config(data, check_files=False)
    except ConfigError as exc:
        assert exc.problems and all(isinstance(key, str) and reason for key, reason in exc.problems)
        return
    # What loads must also build (targets, the factor set with overrides, the price index, the
    # recalculation policy and changes), or fail with a ConfigError naming keys (a file path
    # that is no file is found only here, as check_files=False skips it).
    try:
        assert len(cfg.target_objects()) == len(cfg.targets)
        assert cfg.factor_set() is not None
        cfg.price_index_map()
        if cfg.recalculation is not None:
            cfg.recalculation.policy()
            cfg.recalculation.change_objects(None)
    except ConfigError as exc:
        assert exc.problems and all(isinstance(key, str) and reason for key, reason in exc.problems)


@FUZZ
@given(st.text(alphabet=st.sampled_from(list('[]=."\'#\n 0123456789abcrtyp_-,{}:åäö')), max_size=120))
def test_fuzz_toml_text_raises_only_config_error(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("toml") / "k.toml"
    path.write_text(text, encoding="utf-8")
    try:
        load_config(path, check_files=False)
    except ConfigError as exc:
        assert exc.problems


def test_a_scenario_type_is_any_registered_what_if_function(monkeypatch):
    # The [[scenarios]] type is checked against the registry when the configuration is read,
    # so a question registered after klimatbokslut was imported is accepted, and an unknown
    # name lists the registered ones.
    base = {"organisation": {"name": "X"}, "report_year": 2024, "activities": "a.csv"}
    with pytest.raises(ConfigError) as err:
        load_config({**base, "scenarios": [{"name": "Q", "type": "my_question"}]}, check_files=False)
    assert "scenarios[0].type: Input should be 'switch_fuel', 'switch_contract'" in str(err.value)
    assert "or 'switch_food'" in str(err.value)
    monkeypatch.setitem(kb.whatif.SCENARIOS, "my_question", lambda activities: None)
    cfg = load_config({**base, "scenarios": [{"name": "Q", "type": "my_question"}]}, check_files=False)
    assert cfg.scenarios[0].type == "my_question"
