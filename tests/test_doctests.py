"""Every public function's Examples section runs as a doctest (against the installed package)."""

import doctest
import importlib
import pkgutil

import pytest

import klimatbokslut

MODULES = sorted(m.name for m in pkgutil.walk_packages(klimatbokslut.__path__, "klimatbokslut.")
                 if not m.name.endswith("__main__"))


@pytest.mark.parametrize("name", ["klimatbokslut", *MODULES])
def test_doctests(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
