"""The waits before "busy" come from the environment, else from IT's machine-wide pcp-tracker.toml, else
the defaults."""

from __future__ import annotations

import pytest

from tracker.errors import TrackerError
from tracker.persistence.database import Waits, waits


@pytest.fixture
def site(tmp_path, monkeypatch):
    path = tmp_path / "pcp-tracker.toml"
    monkeypatch.setenv("TRACKER_SITE_CONFIG", str(path))
    monkeypatch.delenv("TRACKER_LOCK_TIMEOUT", raising=False)
    monkeypatch.delenv("TRACKER_STATEMENT_TIMEOUT", raising=False)
    return path


def test_without_a_file_or_variables_the_defaults_hold(site):
    assert waits() == Waits()


def test_the_machine_wide_file_sets_both_waits(site):
    site.write_text("lock_timeout = 2.5\nstatement_timeout = 60\n", encoding="utf-8")
    assert (waits().lock, waits().statement) == (2.5, 60.0)


def test_an_environment_variable_overrides_the_file_for_its_own_wait_only(site, monkeypatch):
    site.write_text("lock_timeout = 2\nstatement_timeout = 60\n", encoding="utf-8")
    monkeypatch.setenv("TRACKER_LOCK_TIMEOUT", "9")
    assert (waits().lock, waits().statement) == (9.0, 60.0)


@pytest.mark.parametrize("value", ['"5"', "0", "-1", "4000", "true"])
def test_a_wait_the_file_cannot_mean_is_refused_naming_the_file_and_key(site, value):
    site.write_text(f"lock_timeout = {value}\n", encoding="utf-8")
    with pytest.raises(TrackerError) as caught:
        waits()
    assert str(site) in str(caught.value) and "lock_timeout" in str(caught.value)
