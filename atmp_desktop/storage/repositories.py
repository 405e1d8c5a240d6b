"""Repositories: the only place that turns rows into records and records into rows.

Every write method must run inside ``store.write()`` and records its audit
entry itself, in that transaction, so a change without an entry cannot
happen through this code. Permissions are not checked here: that is the
service layer's job (``atmp_desktop.services``).
"""

from __future__ import annotations

import builtins
import json
from datetime import date
from typing import TYPE_CHECKING, Any, Iterable

from atmp_desktop.domain.calendar import SiteCalendar
from atmp_desktop.storage import codec, records
from atmp_desktop.storage.audit import AuditTrail, row_state
from atmp_desktop.storage.errors import DuplicateError, NotFound
from atmp_desktop.storage.finding_cache import FindingCache
from atmp_desktop.storage.pathways import PathwayRepository
from atmp_desktop.storage.repo_base import Repo, conflict, real
from atmp_desktop.storage.records import Site, User

if TYPE_CHECKING:
    from atmp_desktop.storage.records import Patient, ProfileVersion, SignOff
    from atmp_desktop.domain.resources import Resource
    from atmp_desktop.storage.db import Store


# -- sites ----------------------------------------------------------------------------


class SiteRepository(Repo):
    table = "sites"

    @staticmethod
    def _record_of(row: dict[str, Any]) -> Site:
        config = json.loads(row["calendar"])
        return Site(
            id=row["id"], name=row["name"], timezone=row["timezone"],
            calendar=SiteCalendar.from_config(config),
            planning=None if row["planning"] is None else json.loads(row["planning"]),
            updated_by=row["updated_by"], updated_at=codec.parse_utc(row["updated_at"]),
        )

    def list(self) -> list[Site]:
        return [self._record_of(r) for r in self.store.dicts("SELECT * FROM sites ORDER BY name")]

    def get(self, site_id: str) -> Site | None:
        row = self._row("id = ?", [site_id])
        return None if row is None else self._record_of(row)

    def save(self, site: Site, by: str, reason: str | None = None) -> Site:
        row = {
            "id": site.id, "name": site.name, "timezone": site.timezone,
            "calendar": codec.canonical_json(site.calendar.to_config()),
            "planning": codec.json_or_none(site.planning),
            "updated_by": by, "updated_at": codec.utc_text(),
        }
        before = self._row("id = ?", [site.id])
        if before is None:
            self._insert_row(row)
            self._record(by, "insert", None, row, reason)
        else:
            self._update_row(row, {"id": site.id})
            self._record(by, "update", before, row, reason)
        return self._record_of(row)


# -- users ------------------------------------------------------------------------------


class UserRepository(Repo):
    table = "users"

    @staticmethod
    def _record_of(row: dict[str, Any]) -> User:
        return User(
            username=row["username"], display_name=row["display_name"], role=row["role"], site=row["site"],
            active=bool(row["active"]), updated_by=row["updated_by"], updated_at=codec.parse_utc(row["updated_at"]),
            sites=tuple(json.loads(row["sites"])) if row.get("sites") else None,
        )

    def list(self) -> list[User]:
        return [self._record_of(r) for r in self.store.dicts("SELECT * FROM users ORDER BY username")]

    def get(self, username: str) -> User | None:
        row = self._row("username = ?", [username])
        return None if row is None else self._record_of(row)

    def credentials(self, username: str) -> tuple[str, str, dict[str, Any]] | None:
        """``(hash hex, salt hex, scrypt params)`` for *username*, or None."""
        row = self.store.fetchone(
            "SELECT password_hash, password_salt, password_params FROM users WHERE username = ?", [username]
        )
        return None if row is None else (row[0], row[1], json.loads(row[2]))

    def count(self) -> int:
        return int(self.store.fetchone("SELECT COUNT(*) FROM users")[0])  # type: ignore[index]

    def add(self, user: User, credentials: tuple[str, str, dict[str, Any]], by: str) -> User:
        if self._row("username = ?", [user.username]) is not None:
            raise DuplicateError(f"there is already a user called {user.username!r}", key="user.exists",
                                 username=user.username)
        row = self._user_row(user, credentials, by)
        self._insert_row(row)
        self._record(by, "insert", None, row)
        return self._record_of(row)

    def update(self, user: User, by: str, credentials: tuple[str, str, dict[str, Any]] | None = None,
               reason: str | None = None) -> User:
        before = self._row("username = ?", [user.username])
        if before is None:
            raise NotFound(f"there is no user called {user.username!r}", key="user.not_found", username=user.username)
        if credentials is None:
            credentials = (before["password_hash"], before["password_salt"], json.loads(before["password_params"]))
        row = self._user_row(user, credentials, by)
        self._update_row(row, {"username": user.username})
        self._record(by, "update", before, row, reason)
        return self._record_of(row)

    @staticmethod
    def _user_row(user: User, credentials: tuple[str, str, dict[str, Any]], by: str) -> dict[str, Any]:
        return {
            "username": user.username, "display_name": user.display_name, "role": user.role, "site": user.site,
            "password_hash": credentials[0], "password_salt": credentials[1],
            "password_params": codec.canonical_json(credentials[2]),
            "active": 1 if user.active else 0, "updated_by": by, "updated_at": codec.utc_text(),
            "sites": None if user.sites is None else json.dumps(sorted(user.sites)),
        }


# -- patients ---------------------------------------------------------------------------


_PATIENT_COLUMNS = (
    "id", "identifier", "id_kind", "given_name", "family_name", "birth_date", "sex", "weight_kg", "height_cm",
    "referring_site", "treating_site", "version", "created_by", "created_at", "updated_by", "updated_at",
)


class PatientRepository(Repo):
    table = "patients"

    @staticmethod
    def _record_of(row: dict[str, Any] | tuple) -> Patient:
        if not isinstance(row, dict):
            row = dict(zip(_PATIENT_COLUMNS, row))
        return records.Patient(
            id=row["id"], identifier=row["identifier"], id_kind=row["id_kind"], given_name=row["given_name"],
            family_name=row["family_name"], birth_date=date.fromisoformat(row["birth_date"]),
            treating_site=row["treating_site"], sex=row["sex"], weight_kg=row["weight_kg"],
            height_cm=row["height_cm"], referring_site=row["referring_site"], version=row["version"],
            created_by=row["created_by"], created_at=codec.parse_utc(row["created_at"]),
            updated_by=row["updated_by"], updated_at=codec.parse_utc(row["updated_at"]),
        )

    @staticmethod
    def row_of(p: Patient) -> dict[str, Any]:
        return {
            "id": p.id, "identifier": p.identifier, "id_kind": p.id_kind, "given_name": p.given_name,
            "family_name": p.family_name, "birth_date": p.birth_date.isoformat(), "sex": p.sex,
            "weight_kg": real(p.weight_kg), "height_cm": real(p.height_cm), "referring_site": p.referring_site,
            "treating_site": p.treating_site, "version": p.version,
            "created_by": p.created_by, "created_at": codec.utc_text(p.created_at) if p.created_at else None,
            "updated_by": p.updated_by, "updated_at": codec.utc_text(p.updated_at) if p.updated_at else None,
        }

    def get(self, patient_id: int) -> Patient | None:
        row = self._row("id = ?", [patient_id])
        return None if row is None else self._record_of(row)

    def get_many(self, ids: Iterable[int] | None = None) -> dict[int, Patient]:
        """Patients by id (all of them when *ids* is None), in one query."""
        cols = ", ".join(_PATIENT_COLUMNS)
        if ids is None:
            rows = self.store.fetchall(f"SELECT {cols} FROM patients")
        else:
            wanted = sorted(set(ids))
            rows = []
            for i in range(0, len(wanted), 900):
                chunk = wanted[i:i + 900]
                rows += self.store.fetchall(
                    f"SELECT {cols} FROM patients WHERE id IN ({', '.join('?' for _ in chunk)})", chunk
                )
        return {r[0]: self._record_of(r) for r in rows}

    def by_identifier(self, identifier: str) -> Patient | None:
        row = self._row("identifier = ?", [identifier])
        return None if row is None else self._record_of(row)

    def list(self, site: str | None = None) -> list[Patient]:
        where, params = ("WHERE treating_site = ?", [site]) if site else ("", [])
        cols = ", ".join(_PATIENT_COLUMNS)
        return [self._record_of(r) for r in self.store.fetchall(
            f"SELECT {cols} FROM patients {where} ORDER BY family_name, given_name, id", params)]

    def search(self, text: str, limit: int = 50) -> builtins.list[Patient]:
        """Patients whose name or identifier contains *text* (case-insensitive; digits match the number)."""
        words = [w for w in text.strip().split() if w]
        if not words:
            return []
        where: builtins.list[str] = []
        params: builtins.list[Any] = []
        for w in words:
            digits = "".join(ch for ch in w if ch.isdigit())
            clause = "(given_name LIKE ? OR family_name LIKE ? OR identifier LIKE ?"
            params += [f"%{w}%", f"%{w}%", f"%{w.upper()}%"]
            if digits and digits != w:
                clause += " OR identifier LIKE ?"
                params.append(f"%{digits}%")
            where.append(clause + ")")
        cols = ", ".join(_PATIENT_COLUMNS)
        return [self._record_of(r) for r in self.store.fetchall(
            f"SELECT {cols} FROM patients WHERE {' AND '.join(where)} ORDER BY family_name, given_name LIMIT ?",
            params + [int(limit)])]

    def insert(self, p: Patient, by: str, reason: str | None = None) -> Patient:
        return self.insert_many([p], by, reason)[0]

    def insert_many(self, patients: builtins.list[Patient], by: str, reason: str | None = None
                    ) -> builtins.list[Patient]:
        """Insert patients (ids assigned here) with one audit entry each, in bulk."""
        seen: set[str] = set()
        for p in patients:
            if p.identifier in seen:
                raise DuplicateError(f"{p.display_identifier} appears twice", key="patient.duplicate_identifier",
                                     identifier=p.display_identifier)
            seen.add(p.identifier)
        existing = self._existing_identifiers(seen)
        if existing:
            first = next(p for p in patients if p.identifier in existing)
            holder = self.by_identifier(first.identifier)
            raise DuplicateError(
                f"a patient with {first.display_identifier} is already registered"
                + (f" (patient {holder.id}, {holder.full_name})" if holder else "")
            )
        now = codec.utc_now()
        next_id = int(self.store.fetchone("SELECT COALESCE(MAX(id), 0) FROM patients")[0]) + 1  # type: ignore[index]
        out: builtins.list[Patient] = []
        rows: builtins.list[dict[str, Any]] = []
        for i, p in enumerate(patients):
            q = p.with_changes(id=next_id + i, version=1, created_by=by, created_at=now, updated_by=by, updated_at=now)
            out.append(q)
            rows.append(self.row_of(q))
        if rows:
            cols = list(rows[0])
            self.store.executemany(
                f"INSERT INTO patients ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                [[r[c] for c in cols] for r in rows],
            )
            self.audit.record_many(
                (by, "patients", str(r["id"]), "insert", None, row_state("patients", r), reason, r["id"]) for r in rows
            )
        return out

    def _existing_identifiers(self, identifiers: set[str]) -> set[str]:
        found: set[str] = set()
        wanted = sorted(identifiers)
        for i in range(0, len(wanted), 900):
            chunk = wanted[i:i + 900]
            found |= {r[0] for r in self.store.fetchall(
                f"SELECT identifier FROM patients WHERE identifier IN ({', '.join('?' for _ in chunk)})", chunk)}
        return found

    def update(self, p: Patient, by: str, reason: str | None = None) -> Patient:
        """Save *p* if nobody saved it since it was loaded (its ``version``), else :class:`ConflictError`."""
        before = self._row("id = ?", [p.id])
        if before is None:
            raise NotFound(f"there is no patient {p.id}", key="patient.not_found", patient_id=p.id)
        if before["version"] != p.version:
            raise conflict("patient", p.id, before)
        if p.identifier != before["identifier"]:
            other = self.by_identifier(p.identifier)
            if other is not None:
                raise DuplicateError(
                    f"a patient with {p.display_identifier} is already registered (patient {other.id})",
                    key="patient.identifier_taken", identifier=p.display_identifier, patient_id=other.id)
        q = p.with_changes(
            version=p.version + 1, updated_by=by, updated_at=codec.utc_now(),
            created_by=before["created_by"], created_at=codec.parse_utc(before["created_at"]),
        )
        row = self.row_of(q)
        self._update_row(row, {"id": p.id, "version": p.version})
        self._record(by, "update", before, row, reason, p.id)
        return q

    def next_reserve_serial(self, birth: date) -> int:
        prefix = f"R{birth:%Y%m%d}"
        rows = self.store.fetchall("SELECT identifier FROM patients WHERE identifier LIKE ?", [prefix + "%"])
        used = {int(r[0][9:12]) for r in rows if len(r[0]) == 13 and r[0][9:12].isdigit()}
        for serial in range(1, 1000):
            if serial not in used:
                return serial
        raise DuplicateError(f"no reserve id left for birth date {birth.isoformat()}")





# -- product profiles ----------------------------------------------------------------------


class ProfileRepository(Repo):
    table = "product_profiles"

    @staticmethod
    def _record_of(row: dict[str, Any]) -> ProfileVersion:
        return records.ProfileVersion(
            product=row["product"], version=row["version"],
            raw=None if row["raw"] is None else json.loads(row["raw"]), reason=row["reason"],
            created_by=row["created_by"], created_at=codec.parse_utc(row["created_at"]),
            kind=row.get("kind") or "override", status=row.get("status") or "approved",
            sources=None if row.get("sources") is None else json.loads(row["sources"]),
            approved_by=row.get("approved_by"), approved_at=codec.parse_utc(row.get("approved_at")),
        )

    def versions(self, product: str) -> list[ProfileVersion]:
        return [self._record_of(r) for r in self.store.dicts(
            "SELECT * FROM product_profiles WHERE product = ? ORDER BY version", [product])]

    def get(self, product: str, version: int) -> ProfileVersion | None:
        row = self._row("product = ? AND version = ?", [product, version])
        return None if row is None else self._record_of(row)

    def all(self) -> list[ProfileVersion]:
        rows = self.store.dicts("SELECT * FROM product_profiles ORDER BY product, version")
        return [self._record_of(r) for r in rows]

    def latest_versions(self) -> dict[str, int]:
        """The newest approved version of each product (a pending local version is not planned with)."""
        return {r[0]: r[1] for r in self.store.fetchall(
            "SELECT product, MAX(version) FROM product_profiles"
            " WHERE status IS NULL OR status = 'approved' GROUP BY product")}

    def local_products(self) -> list[str]:
        """Products defined locally (trial and hospital-exemption), in the order they were first added."""
        return [r[0] for r in self.store.fetchall(
            "SELECT product FROM product_profiles WHERE kind = 'local' GROUP BY product ORDER BY MIN(created_at), product")]

    def add(self, product: str, raw: dict[str, Any] | None, reason: str, by: str, *, kind: str | None = None,
            status: str | None = None, sources: dict[str, Any] | None = None) -> ProfileVersion:
        latest = self.store.fetchone(
            "SELECT COALESCE(MAX(version), 0) FROM product_profiles WHERE product = ?", [product])[0]  # type: ignore[index]
        row = {
            "product": product, "version": int(latest) + 1, "raw": codec.json_or_none(raw), "reason": reason,
            "created_by": by, "created_at": codec.utc_text(),
        }
        if kind is not None:
            row.update({"kind": kind, "status": status, "sources": codec.json_or_none(sources)})
        self._insert_row(row)
        self._record(by, "insert", None, row, reason)
        return self._record_of(row)

    def approve(self, product: str, version: int, by: str, reason: str) -> ProfileVersion:
        """Mark a pending version approved by *by* (audited as an update of the row)."""
        before = self._row("product = ? AND version = ?", [product, version])
        assert before is not None
        after = {**before, "status": "approved", "approved_by": by, "approved_at": codec.utc_text()}
        self._update_row({k: after[k] for k in ("status", "approved_by", "approved_at")},
                         {"product": product, "version": version})
        self._record(by, "update", before, after, reason)
        return self._record_of(after)


# -- resources ------------------------------------------------------------------------------


class ResourceRepository(Repo):
    table = "resources"

    @staticmethod
    def _record_of(row: dict[str, Any]) -> Resource:
        from atmp_desktop.domain.resources import Resource

        return Resource(
            id=row["id"], site=row["site"], kind=row["kind"], name=row["name"], capacity=row["capacity"],
            period=row["period"], product=row["product"], inpatient_days=row["inpatient_days"],
        )

    def list(self, site: str | None = None) -> list[Resource]:
        where, params = ("WHERE site = ?", [site]) if site else ("", [])
        return [self._record_of(r) for r in self.store.dicts(
            f"SELECT * FROM resources {where} ORDER BY site, kind, id", params)]

    def get(self, resource_id: str) -> Resource | None:
        row = self._row("id = ?", [resource_id])
        return None if row is None else self._record_of(row)

    def save(self, resource: Resource, by: str, reason: str | None = None) -> Resource:
        before = self._row("id = ?", [resource.id])
        row = {
            **resource.to_json(), "product": resource.product, "inpatient_days": resource.inpatient_days,
            "version": 1 if before is None else before["version"] + 1,
            "updated_by": by, "updated_at": codec.utc_text(),
        }
        if before is None:
            self._insert_row(row)
            self._record(by, "insert", None, row, reason)
        else:
            self._update_row(row, {"id": resource.id})
            self._record(by, "update", before, row, reason)
        return resource

    def save_many(self, resources: builtins.list[Resource], by: str, reason: str | None = None) -> None:
        for r in resources:
            self.save(r, by, reason)

    def delete(self, resource_id: str, by: str, reason: str | None = None) -> None:
        before = self._row("id = ?", [resource_id])
        if before is None:
            raise NotFound(f"there is no resource {resource_id!r}")
        self.store.execute("DELETE FROM resources WHERE id = ?", [resource_id])
        self._record(by, "delete", before, None, reason)


# -- checklist sign-offs ------------------------------------------------------------------------


class SignOffRepository(Repo):
    table = "sign_offs"

    @staticmethod
    def _record_of(row: dict[str, Any]) -> SignOff:
        return records.SignOff(
            id=row["id"], pathway_id=row["pathway_id"], kind=row["kind"], signed_by=row["signed_by"],
            second_signer=row["second_signer"], signed_at=codec.parse_utc(row["signed_at"]),  # type: ignore[arg-type]
            note=row["note"],
        )

    def add(self, pathway_id: int, kind: str, signed_by: str, second_signer: str | None, note: str | None,
            patient_id: int | None) -> SignOff:
        row = {
            "pathway_id": pathway_id, "kind": kind, "signed_by": signed_by, "second_signer": second_signer,
            "signed_at": codec.utc_text(), "note": note,
        }
        row = {"id": self._insert_row(row), **row}
        self._record(signed_by, "insert", None, row, None, patient_id)
        return self._record_of(row)

    def for_pathway(self, pathway_id: int) -> list[SignOff]:
        return [self._record_of(r) for r in self.store.dicts(
            "SELECT * FROM sign_offs WHERE pathway_id = ? ORDER BY id", [pathway_id])]


class Repositories:
    """All repositories of one store, sharing its audit trail."""

    def __init__(self, store: "Store"):
        self.audit = AuditTrail(store)
        self.sites = SiteRepository(store, self.audit)
        self.users = UserRepository(store, self.audit)
        self.patients = PatientRepository(store, self.audit)
        self.profiles = ProfileRepository(store, self.audit)
        self.resources = ResourceRepository(store, self.audit)
        self.sign_offs = SignOffRepository(store, self.audit)
        self.pathways = PathwayRepository(store, self.audit)
        self.findings = FindingCache(store)
