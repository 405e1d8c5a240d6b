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


# -- the two back ends ---------------------------------------------------------------------------------
#
# The store's, the services' and the command line's tests take ``backend`` (through ``demo_db``):
# each runs once on an SQLite file and once on a database of a real, throwaway PostgreSQL server.
# ``ATMP_TEST_PG_URL`` names a server (``.ci/run`` starts one); without it the session starts its
# own when PostgreSQL is installed. Under CI a missing server fails the run instead of skipping.

_pg_state: dict = {}


def _pg_admin_url() -> str | None:
    """The URL of a role that may create databases, starting a throwaway server if needed (once)."""
    if "url" in _pg_state:
        return _pg_state["url"]
    url = os.environ.get("ATMP_TEST_PG_URL")
    if not url:
        from tests import pgserver

        if pgserver.binaries() is not None:
            import tempfile

            folder = tempfile.mkdtemp(prefix="atmp-pg-")
            try:
                url = pgserver.start(folder)
                _pg_state["folder"] = folder
            except Exception as exc:  # noqa: BLE001 - reported as the reason PostgreSQL tests cannot run
                _pg_state["error"] = f"could not start a PostgreSQL server: {exc}"
                url = None
        else:
            _pg_state["error"] = "PostgreSQL is not installed (run 'bash installers/setup.sh --test' as root)"
    if url:
        from urllib.parse import urlsplit

        password = urlsplit(url).password
        if password:
            # libpq reads it, so the URLs the tests pass around (and print) carry no password.
            os.environ["PGPASSWORD"] = password
    _pg_state["url"] = url
    return url


def pytest_sessionfinish(session, exitstatus):
    folder = _pg_state.get("folder")
    if folder:
        from tests import pgserver

        pgserver.stop(folder, mode="immediate")
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


def pg_url_for(dbname: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(_pg_admin_url() or "")
    netloc = f"{parts.username}@{parts.hostname}:{parts.port}"
    return urlunsplit((parts.scheme, netloc, "/" + dbname, "", ""))


def pg_admin():
    """An autocommit connection to the server's maintenance database."""
    import psycopg

    return psycopg.connect(pg_url_for("postgres"), autocommit=True, connect_timeout=5)


def new_pg_database(template: str | None = None) -> str:
    """A new database (empty, or a copy of *template*); its URL. Dropped at the end of the test by the caller."""
    import uuid

    name = "t_" + uuid.uuid4().hex[:16]
    with pg_admin() as conn:
        conn.execute(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
    return pg_url_for(name)


def drop_pg_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    try:
        with pg_admin() as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    except Exception:  # noqa: BLE001 - a server killed by a test is restarted by that test
        pass


def require_pg() -> str:
    url = _pg_admin_url()
    if url is None:
        reason = _pg_state.get("error", "no PostgreSQL server")
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the PostgreSQL tests: {reason}")
        pytest.skip(reason)
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request):
    """``"sqlite"`` or ``"postgresql"`` (a server is then running; see :func:`require_pg`)."""
    if request.param == "postgresql":
        require_pg()
        if request.node.get_closest_marker("sqlite_only"):
            pytest.skip("about the SQLite file itself: " + request.node.get_closest_marker("sqlite_only").args[0])
    return request.param


@pytest.fixture
def pg_database():
    """A new, empty PostgreSQL database (as a DbUrl), dropped after the test."""
    require_pg()
    from atmp_desktop.settings import DbUrl

    url = new_pg_database()
    yield DbUrl(url)
    drop_pg_database(url)


@pytest.fixture
def pg_demo(tmp_path_factory, tmp_path):
    """A fresh demo database on the test server (as a DbUrl), dropped after the test."""
    require_pg()
    from tests.storage.helpers import demo_store, drop

    target = demo_store("postgresql", tmp_path_factory, tmp_path)
    yield target
    drop(target)


def pytest_collection_modifyitems(config, items):
    """``slow`` tests (the frozen build, minutes) run only when asked: ``-m slow`` or ``ATMP_SLOW=1``."""
    if "slow" in (config.getoption("-m") or "") or os.environ.get("ATMP_SLOW") == "1":
        return
    skip = pytest.mark.skip(reason="slow: run with 'pytest -m slow' (or ATMP_SLOW=1)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
