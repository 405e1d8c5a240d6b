"""The schema, as ordered migrations (``sqlite_utils.Migrations``), never edited once released.

Add a change as a new function at the end of this file; never edit or reorder
one that has shipped. ``PRAGMA user_version`` is set to the number of applied
migrations, so that a file written by a newer version (a higher number, or a
migration name this version does not know) is refused before anything is
written. Tables are STRICT, so a value of the wrong type is refused by SQLite
itself. ``db/schema.md`` describes the tables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from sqlite_utils import Database, Migrations

MIGRATION_SET = "atmp"
# The migrations, in order. ``migrations`` (the ``sqlite_utils.Migrations`` that applies them) is
# built on first use: importing sqlite-utils costs a good part of the application's start-up, and
# opening an up-to-date store never needs it.
_REGISTERED: list[tuple[str, Callable[["Database"], None]]] = []


def _migration(name: str) -> Callable[[Callable[["Database"], None]], Callable[["Database"], None]]:
    def register(fn: Callable[["Database"], None]) -> Callable[["Database"], None]:
        _REGISTERED.append((name, fn))
        return fn

    return register


def _migrations() -> "Migrations":
    from sqlite_utils import Migrations

    built = Migrations(MIGRATION_SET)
    for name, fn in _REGISTERED:
        built(name=name)(fn)
    return built


def __getattr__(name: str) -> Any:
    # ``schema.migrations``: made once, on first access (PEP 562).
    if name == "migrations":
        return globals().setdefault("migrations", _migrations())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _run(db: Database, statements: list[str]) -> None:
    # One statement at a time: executescript() would COMMIT the surrounding
    # transaction, and migrations must stay inside it.
    for sql in statements:
        db.execute(sql)


@_migration("0001_core")
def m0001_core(db: Database) -> None:
    _run(db, [
        """CREATE TABLE sites (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            timezone TEXT NOT NULL,
            calendar TEXT NOT NULL,
            planning TEXT,
            updated_by TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT""",
        """CREATE TABLE users (
            username TEXT PRIMARY KEY,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('coordinator', 'pharmacist', 'nurse', 'administrator')),
            site TEXT REFERENCES sites(id),
            password_hash TEXT NOT NULL,
            password_salt TEXT NOT NULL,
            password_params TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1,
            updated_by TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT""",
        """CREATE TABLE patients (
            id INTEGER PRIMARY KEY,
            identifier TEXT NOT NULL UNIQUE,
            id_kind TEXT NOT NULL CHECK (id_kind IN ('personnummer', 'samordningsnummer', 'reserve')),
            given_name TEXT NOT NULL,
            family_name TEXT NOT NULL,
            birth_date TEXT NOT NULL,
            sex TEXT CHECK (sex IN ('F', 'M', 'X')),
            weight_kg REAL,
            height_cm REAL,
            referring_site TEXT,
            treating_site TEXT NOT NULL REFERENCES sites(id),
            version INTEGER NOT NULL DEFAULT 1,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_by TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT""",
        "CREATE INDEX patients_names ON patients(family_name, given_name)",
        """CREATE TABLE product_profiles (
            product TEXT NOT NULL,
            version INTEGER NOT NULL CHECK (version >= 1),
            raw TEXT,
            reason TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (product, version)
        ) STRICT""",
        """CREATE TABLE pathways (
            id INTEGER PRIMARY KEY,
            patient_id INTEGER NOT NULL REFERENCES patients(id),
            site TEXT NOT NULL REFERENCES sites(id),
            product TEXT NOT NULL,
            indication TEXT,
            region TEXT NOT NULL,
            timezone TEXT NOT NULL,
            profile_version INTEGER NOT NULL DEFAULT 0,
            ld_regimen TEXT,
            stage TEXT NOT NULL,
            coi_id TEXT,
            product_expiry TEXT,
            tocilizumab_doses INTEGER,
            note TEXT,
            cancel_reason TEXT,
            version INTEGER NOT NULL DEFAULT 1,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_by TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            open_errors INTEGER NOT NULL DEFAULT 0,
            open_warnings INTEGER NOT NULL DEFAULT 0
        ) STRICT""",
        "CREATE INDEX pathways_site_stage ON pathways(site, stage)",
        "CREATE INDEX pathways_patient ON pathways(patient_id)",
        """CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            pathway_id INTEGER NOT NULL REFERENCES pathways(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            kind TEXT NOT NULL,
            planned_start TEXT NOT NULL,
            planned_end TEXT,
            actual_start TEXT,
            actual_end TEXT,
            recorded_by TEXT,
            shipper_hold_until TEXT,
            max_temperature_c REAL,
            temperatures TEXT,
            note TEXT,
            day_first TEXT NOT NULL,
            day_last TEXT NOT NULL,
            UNIQUE (pathway_id, seq)
        ) STRICT""",
        # Day-range queries (Today, Calendar) ask for events ending on or after a day:
        # most events of a busy store lie in the past, so this side is the selective one.
        "CREATE INDEX events_days ON events(day_last, day_first)",
        """CREATE TABLE resources (
            id TEXT PRIMARY KEY,
            site TEXT NOT NULL REFERENCES sites(id),
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            capacity INTEGER NOT NULL,
            period TEXT NOT NULL,
            product TEXT,
            inpatient_days INTEGER,
            version INTEGER NOT NULL DEFAULT 1,
            updated_by TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT""",
        "CREATE INDEX resources_site ON resources(site)",
        """CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            username TEXT NOT NULL,
            tbl TEXT NOT NULL,
            row_id TEXT NOT NULL,
            patient_id INTEGER,
            action TEXT NOT NULL,
            before TEXT,
            after TEXT,
            reason TEXT,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        ) STRICT""",
        "CREATE INDEX audit_row ON audit(tbl, row_id)",
        "CREATE INDEX audit_patient ON audit(patient_id)",
        # The application only ever appends to the audit trail; these stop a
        # bug (not a determined person with the sqlite3 shell: that is what
        # 'audit verify' is for).
        """CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
           BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END""",
        """CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
           BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END""",
    ])


@_migration("0002_sign_offs")
def m0002_sign_offs(db: Database) -> None:
    """Checklist sign-offs (issue 5): who completed which checklist, and who confirmed it."""
    _run(db, [
        """CREATE TABLE sign_offs (
            id INTEGER PRIMARY KEY,
            pathway_id INTEGER NOT NULL REFERENCES pathways(id),
            kind TEXT NOT NULL,
            signed_by TEXT NOT NULL,
            second_signer TEXT,
            signed_at TEXT NOT NULL,
            note TEXT
        ) STRICT""",
        "CREATE INDEX sign_offs_pathway ON sign_offs(pathway_id)",
    ])


@_migration("0003_kept_findings_and_checkpoints")
def m0003_kept_findings_and_checkpoints(db: Database) -> None:
    """Findings kept between runs, and signed audit checkpoints (issue 11).

    ``audit_checkpoints``: the head of the audit chain as a full or
    incremental verify found it intact, signed (HMAC-SHA256) with a key kept
    outside the database; ``audit verify`` then checks only what came after
    (see ``storage/checkpoints.py``). Neither table is audited.

    Derived data, rebuilt at will and never audited: a row counts only while
    its ``stamp`` equals the one worked out from the pathway's version, its
    product profile, its site's calendar and the rules' revision
    (``finding_cache``), or from the site's active pathways, resources and
    calendar (``capacity_cache``); see ``storage/finding_cache.py``.
    """
    _run(db, [
        """CREATE TABLE finding_cache (
            pathway_id INTEGER PRIMARY KEY REFERENCES pathways(id) ON DELETE CASCADE,
            stamp TEXT NOT NULL,
            findings TEXT NOT NULL
        ) STRICT""",
        """CREATE TABLE capacity_cache (
            site TEXT PRIMARY KEY,
            stamp TEXT NOT NULL,
            findings TEXT NOT NULL
        ) STRICT""",
        """CREATE TABLE audit_checkpoints (
            id INTEGER PRIMARY KEY,
            entry_id INTEGER NOT NULL,
            entry_hash TEXT NOT NULL,
            row_counts TEXT NOT NULL,
            made_at TEXT NOT NULL,
            key_id TEXT NOT NULL,
            signature TEXT NOT NULL
        ) STRICT""",
    ])


@_migration("0005_local_profiles_and_protocol_details")
def m0005_local_profiles_and_protocol_details(db: Database) -> None:
    """Local product profiles with two-person sign-off, and the protocol details of pathways (issue 13).

    ``product_profiles``: ``kind`` is ``override`` (a shipped product's local
    override; NULL in rows written before) or ``local`` (a trial or
    hospital-exemption product defined from its protocol, ``raw`` holding the
    catalogue entry and ``sources`` its protocol sources); a local version is
    ``pending`` until a second person approves it (``approved_by``,
    ``approved_at``), and only approved versions are planned with. Rows
    written before this migration count as approved.
    ``pathways.washouts``: the drugs washed out before a step (JSON list of
    ``{drug, last_dose, before, min_days}``). ``events.details``: an event's
    protocol details (JSON object: markers, drug, cycle, cd34_per_kg).
    """
    _run(db, [
        "ALTER TABLE product_profiles ADD COLUMN kind TEXT",
        "ALTER TABLE product_profiles ADD COLUMN status TEXT",
        "ALTER TABLE product_profiles ADD COLUMN sources TEXT",
        "ALTER TABLE product_profiles ADD COLUMN approved_by TEXT",
        "ALTER TABLE product_profiles ADD COLUMN approved_at TEXT",
        "ALTER TABLE pathways ADD COLUMN washouts TEXT",
        "ALTER TABLE events ADD COLUMN details TEXT",
    ])


@_migration("0006_user_site_scope")
def m0006_user_site_scope(db: Database) -> None:
    """The sites a user may see and change (issue 12): a JSON list, or NULL for every site."""
    _run(db, ["ALTER TABLE users ADD COLUMN sites TEXT"])


@_migration("0007_events_calendar_index")
def m0007_events_calendar_index(db: Database) -> None:
    """The Calendar's month counted from the days index alone (issue 11): its kind and pathway in it too.

    Replaces ``events_days`` (its first two columns), so the table keeps one index on the days.
    """
    _run(db, [
        "CREATE INDEX events_calendar ON events(day_last, day_first, kind, pathway_id)",
        "DROP INDEX events_days",
    ])


#: Names of all migrations this version knows, in order.
MIGRATION_NAMES: tuple[str, ...] = ("0001_core", "0002_sign_offs", "0003_kept_findings_and_checkpoints",
                                    "0005_local_profiles_and_protocol_details", "0006_user_site_scope",
                                    "0007_events_calendar_index")
#: The schema version this version of the application writes (``PRAGMA user_version``).
SCHEMA_VERSION = len(MIGRATION_NAMES)

#: Tables whose every change goes through the audit trail (``sign_offs`` is insert-only).
AUDITED_TABLES = ("sites", "users", "patients", "product_profiles", "pathways", "resources", "sign_offs")
#: Every table the schema creates (a file with other tables is not one of ours).
OUR_TABLES = frozenset(AUDITED_TABLES + ("events", "audit", "_sqlite_migrations", "finding_cache", "capacity_cache",
                                          "audit_checkpoints"))
#: The same on PostgreSQL, where the applied migrations live in ``atmp_migrations``.
OUR_PG_TABLES = (OUR_TABLES - {"_sqlite_migrations"}) | {"atmp_migrations"}
