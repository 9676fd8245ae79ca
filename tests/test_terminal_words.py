"""The terminal's language (--lang, the locale), own factor files' errors named by file and row, Swedish keys."""

import pytest

from klimatbokslut.cli import main
from klimatbokslut.cli_words import terminal_language

GOWN = """
[[activity]]
key = "engångsrock"
sv = "Engångsrock"
en = "Disposable gown"
scope = 3
category = 1
area = "Inköp"
unit = "count"
"""
ROW = """
[[factor]]
activity = "engångsrock"
valid_from = {start}
valid_to = 2024
value = {value}
unit = "kg CO2e/piece"
boundary = "lifecycle"
"""


@pytest.fixture(autouse=True)
def _forget_own_activities():
    from klimatbokslut.catalogue import unregister_activity

    yield
    try:
        unregister_activity("engångsrock")
    except KeyError:
        pass


@pytest.mark.parametrize(("argv", "env", "lang"), [
    (["validate", "a.csv", "--lang", "en"], {"LANG": "sv_SE.UTF-8"}, "en"),
    (["validate", "a.csv", "--lang=sv"], {"LANG": "en_GB.UTF-8"}, "sv"),
    (["validate", "a.csv"], {"LANG": "en_GB.UTF-8"}, "en"),
    (["validate", "a.csv"], {"LC_ALL": "sv_SE.UTF-8", "LANG": "en_GB.UTF-8"}, "sv"),
    (["validate", "a.csv"], {"LANG": "C.UTF-8"}, "sv"),          # neither: the tool's language, Swedish
    (["validate", "a.csv"], {}, "sv"),
])
def test_the_language_is_lang_then_the_locale_then_swedish(argv, env, lang):
    assert terminal_language(argv, env) == lang


def test_an_activity_key_may_be_swedish(tmp_path, capsys):
    (tmp_path / "egna.toml").write_text(GOWN + ROW.format(start=2024, value=0.9), encoding="utf-8")
    (tmp_path / "a.csv").write_text("aktivitet;mängd;enhet;år\nengångsrock;100;st;2024\n", encoding="utf-8")
    assert main(["validate", str(tmp_path / "a.csv"), "--factors", str(tmp_path / "egna.toml"), "--lang", "en"]) == 0
    assert "all 1 rows can be used" in capsys.readouterr().out


def test_an_own_factor_files_overlap_names_the_file_and_rows(tmp_path, capsys):
    # two rows give 2024: factor[0] covers 2023-2024, factor[1] 2024
    (tmp_path / "egna.toml").write_text(GOWN + ROW.format(start=2023, value=0.9) + ROW.format(start=2024, value=0.8),
                                        encoding="utf-8")
    (tmp_path / "a.csv").write_text("aktivitet;mängd;enhet;år\nengångsrock;100;st;2024\n", encoding="utf-8")
    assert main(["validate", str(tmp_path / "a.csv"), "--factors", str(tmp_path / "egna.toml"), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "row egna.toml:factor[0]" in err and "(egna.toml:factor[1])" in err and "2024" in err
