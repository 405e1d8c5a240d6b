"""Test set-up shared by every test: Qt offscreen, and no user folders touched."""

import os

# Qt aborts the whole run when there is no display and no platform plugin named.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Keep every test away from the real per-user data, config and log folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("ATMP_DB", raising=False)
    monkeypatch.delenv("ATMP_USER", raising=False)
    monkeypatch.delenv("ATMP_PASSWORD", raising=False)
    yield
