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
