"""Shared test setup: each test starts with the user activities it found (the registry is per process)."""

import pytest

import klimatbokslut as kb


@pytest.fixture(autouse=True, scope="module")
def _own_activities_do_not_leak():
    """Activities a test module defines (directly, or by reading a factor file) are removed after it."""
    before = {a.key for a in kb.user_activities()}
    yield
    for a in kb.user_activities():
        if a.key not in before:
            kb.unregister_activity(a.key)


@pytest.fixture(autouse=True)
def _the_terminal_speaks_its_default_language(monkeypatch):
    """The command line follows the locale when --lang is not given: tests run as on a machine without a Swedish
    or English locale (Swedish, the tool's default), whatever the machine running them has."""
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(scope="session")
def browser():
    """The Chromium executable; a failure when KLIMATBOKSLUT_REQUIRE_BROWSER is set and it is missing."""
    import os

    from browser_support import chromium

    exe = chromium()
    if exe is None:
        if os.environ.get("KLIMATBOKSLUT_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required (KLIMATBOKSLUT_REQUIRE_BROWSER is set) but not installed")
        pytest.skip("Chromium is not installed (set KLIMATBOKSLUT_REQUIRE_BROWSER to make this a failure)")
    return exe
