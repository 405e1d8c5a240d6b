"""Synthetic demo data: a living CAR-T ward at three Swedish sites, deterministic per seed and day.

Nothing here is real: names come from lists of common Swedish names,
personnummer are made up (real dates, birth numbers 900–999, valid Luhn
check digit), chain-of-identity numbers are DINs of a made-up facility.
``db/demo.md`` describes the recipe; the README lists the demo users.

:func:`fill_demo` plans every pathway with the site's :class:`Planner`, places
it so that "today" falls in the wanted stage (awaiting apheresis … completed,
or cancelled), records as actual what lies before today, and gives a few
pathways a problem a coordinator must act on (an infusion outside the
lymphodepletion window, a storage temperature excursion, a missing expiry
date, a late transfer from the dry shipper, too few tocilizumab doses).
Everything is written in one transaction with bulk inserts.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from atmp_desktop.domain import timeutil
from atmp_desktop.domain.calendar import ActivityHours, SiteCalendar
from atmp_desktop.domain.checks import check_pathway
from atmp_desktop.domain.identifiers import make_din, make_personnummer, make_reserve_id
from atmp_desktop.domain.pathway import Event, Pathway
from atmp_desktop.domain.planner import PlanRequest
from atmp_desktop.domain.resources import Resource
from atmp_desktop.services.auth import ACTUAL_PERMISSION, Permission, Session, hash_password
from atmp_desktop.services.core import Services
from atmp_desktop.services.errors import ValidationError
from atmp_desktop.services.pathways import counts
from atmp_desktop.storage.db import Store
from atmp_desktop.storage.records import Patient, Site, StoredPathway, User

DEFAULT_PATIENTS = 60
DEMO_USER = "demo"

#: (username, display name, role, site, password). Passwords are in the README on purpose: demo only.
DEMO_USERS = (
    ("coordinator", "Karin Lind", "coordinator", "huddinge", "coordinator-demo"),
    ("pharmacist", "Omar Haddad", "pharmacist", "huddinge", "pharmacist-demo"),
    ("nurse", "Sara Berg", "nurse", "huddinge", "nurse-demo"),
    ("admin", "Erik Holm", "administrator", None, "admin-demo"),
    ("nurse2", "Johan Ek", "nurse", "uppsala", "nurse2-demo"),
    ("pharmacist2", "Lina Nord", "pharmacist", "lund", "pharmacist2-demo"),
)

_WEEKDAYS = frozenset(range(5))


def _site_calendars() -> dict[str, tuple[str, SiteCalendar, dict[str, Any] | None]]:
    default = ActivityHours()
    return {
        "huddinge": ("Karolinska Huddinge", SiteCalendar(activities={
            "apheresis": ActivityHours(_WEEKDAYS, time(7, 30), time(16, 0)),
            "cell_lab": ActivityHours(_WEEKDAYS, time(7, 0), time(17, 0)),
            "ward": default,
        }), None),
        "uppsala": ("Akademiska Uppsala", SiteCalendar(activities={
            "apheresis": ActivityHours(frozenset(range(4)), time(8, 0), time(15, 30)),
            "cell_lab": default,
            "ward": default,
        }), {"thaw_time": "10:00"}),
        "lund": ("Skåne Lund", SiteCalendar(activities={
            "apheresis": default,
            "cell_lab": ActivityHours(frozenset(range(6)), time(8, 0), time(16, 0)),
            "ward": default,
        }), {"apheresis_time": "07:30", "receipt_time": "11:00"}),
    }


#: Capacity per site: chairs per day, beds (inpatient days), thaws per day, manufacturing slots per week.
_CAPACITY: dict[str, dict[str, Any]] = {
    "huddinge": {"chairs": 2, "beds": 6, "inpatient": 14, "thaws": 3,
                 "slots": {"kymriah": 2, "yescarta": 2, "tecartus": 1, "breyanzi": 2, "abecma": 1,
                           "carvykti": 2, "aucatzyl": 1}},
    "uppsala": {"chairs": 1, "beds": 4, "inpatient": 10, "thaws": 2,
                "slots": {"kymriah": 1, "yescarta": 1, "tecartus": 1, "breyanzi": 1, "abecma": 1,
                          "carvykti": 1, "aucatzyl": 1}},
    "lund": {"chairs": 2, "beds": 5, "inpatient": 14, "thaws": 2,
             "slots": {"kymriah": 1, "yescarta": 2, "tecartus": 1, "breyanzi": 1, "abecma": 1,
                       "carvykti": 1, "aucatzyl": 1}},
}
_FACILITY = {"huddinge": "S0001", "uppsala": "S0002", "lund": "S0003"}

_FEMALE = ("Anna", "Maria", "Karin", "Eva", "Sara", "Lena", "Emma", "Ingrid", "Astrid", "Elin", "Sofia", "Maja",
           "Linnea", "Ebba", "Åsa", "Birgitta", "Kerstin", "Ulla", "Hanna", "Ida", "Frida", "Märta", "Greta")
_MALE = ("Erik", "Lars", "Johan", "Anders", "Mikael", "Per", "Nils", "Oskar", "Gustav", "Björn", "Henrik", "Olof",
         "Fredrik", "Mats", "Göran", "Karl", "Jonas", "Magnus", "Stefan", "Leif", "Åke", "Hugo", "Elias")
_FAMILY = ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
           "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Jönsson",
           "Lindberg", "Jakobsson", "Magnusson", "Lindström", "Olofsson", "Lindqvist", "Lindgren", "Berg",
           "Axelsson", "Bergström", "Lundberg", "Lundgren", "Lundqvist", "Åberg", "Öberg", "Sandberg", "Holm",
           "Forsberg", "Sjöberg", "Wallin", "Engström", "Eklund", "Danielsson", "Håkansson")
_REFERRERS = ("Södersjukhuset", "Danderyds sjukhus", "Gävle sjukhus", "Västerås sjukhus", "Örebro universitetssjukhus",
              "Helsingborgs lasarett", "Kalmar länssjukhus", "Växjö centrallasarett", "Sundsvalls sjukhus")
_ABROAD = ("Oslo universitetssykehus", "Rigshospitalet, København", "Helsingin yliopistollinen sairaala")
_PRODUCTS = (("yescarta", 22), ("kymriah", 18), ("breyanzi", 16), ("carvykti", 14), ("abecma", 12),
             ("tecartus", 10), ("aucatzyl", 8))
_STAGES = (("awaiting_apheresis", 12), ("in_manufacturing", 15), ("product_in_storage", 9), ("lymphodepletion", 6),
           ("infused", 12), ("completed", 38), ("cancelled", 8))
_CANCEL_REASONS = (
    "Patient unfit for lymphodepletion: active infection",
    "Disease progression before apheresis; not eligible",
    "Manufacturing failure: product out of specification",
    "Patient declined further treatment",
    "Bridging therapy failed; referred back for palliative care",
)
PROBLEMS = ("ld_window", "temperature", "missing_expiry", "shipper_hold", "tocilizumab")
_RECORDER = {Permission.RECORD_WARD: "nurse", Permission.RECORD_CELL_LAB: "pharmacist",
             Permission.RECORD_LOGISTICS: "coordinator"}


@dataclass
class DemoSummary:
    patients: int = 0
    pathways: int = 0
    stages: dict[str, int] = field(default_factory=dict)
    problems: dict[str, int] = field(default_factory=dict)
    today: date | None = None


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([w[0] for w in weighted], weights=[w[1] for w in weighted])[0]


def _shift(value: Any, days: int, tz: ZoneInfo) -> Any:
    """*value* moved by whole days, keeping the local wall-clock time."""
    if value is None or days == 0:
        return value
    if isinstance(value, datetime):
        local = value.astimezone(tz).replace(tzinfo=None) + timedelta(days=days)
        return timeutil.localize(local, tz)
    return value + timedelta(days=days)


def _shift_events(events: list[Event], kinds: set[str], days: int, tz: ZoneInfo) -> None:
    for e in events:
        if e.kind in kinds:
            e.start = _shift(e.start, days, tz)
            e.end = _shift(e.end, days, tz)


_LATE = {"lymphodepletion", "thaw", "infusion", "monitoring", "follow_up"}


class _Generator:
    def __init__(self, svc: Services, rng: random.Random, today: date):
        self.svc = svc
        self.rng = rng
        self.today = today
        self.sites = {s.id: s for s in svc.sites.list()}
        self.planners = {sid: svc.sites.planner(sid) for sid in self.sites}
        self.offsets: dict[tuple[str, str, str | None], tuple[int, int, int, int]] = {}
        self.used_ids: set[str] = set()
        self.din_seq = 0
        self.problem_count = {p: 0 for p in PROBLEMS}

    # -- patients -------------------------------------------------------------------------

    def patient(self, site: str, product: str, indication: str | None) -> Patient:
        rng = self.rng
        female = rng.random() < 0.45
        pediatric = product == "kymriah" and indication == "b-all"
        age = rng.randint(3, 25) if pediatric else rng.randint(28, 82)
        birth = self.today - timedelta(days=age * 365 + rng.randint(0, 364))
        kind = rng.random()
        referring: str | None = rng.choice(_REFERRERS) if rng.random() < 0.6 else None
        while True:
            if kind < 0.02:
                identifier, id_kind = make_reserve_id(birth, rng.randint(1, 999)), "reserve"
                referring = rng.choice(_ABROAD)
            else:
                serial = 900 + rng.randrange(50) * 2 + (0 if female else 1)
                coordination = kind < 0.05
                identifier = make_personnummer(birth, serial, coordination)
                id_kind = "samordningsnummer" if coordination else "personnummer"
            if identifier not in self.used_ids:
                self.used_ids.add(identifier)
                break
            birth -= timedelta(days=1)
        if pediatric and age < 16:
            weight = round(rng.uniform(14, 60), 1)
            height = float(rng.randint(95, 175))
        else:
            weight = round(rng.uniform(52, 80) if female else rng.uniform(62, 105), 1)
            height = float(rng.randint(155, 180) if female else rng.randint(168, 195))
        return Patient(
            id=None, identifier=identifier, id_kind=id_kind,
            given_name=rng.choice(_FEMALE if female else _MALE), family_name=rng.choice(_FAMILY),
            birth_date=birth, treating_site=site, sex="F" if female else "M", weight_kg=weight, height_cm=height,
            referring_site=referring,
        )

    # -- pathways -----------------------------------------------------------------------------

    def _offsets(self, site: str, product: str, indication: str | None) -> tuple[int, int, int, int]:
        key = (site, product, indication)
        if key not in self.offsets:
            ref = self.today + timedelta(days=(7 - self.today.weekday()) % 7 or 7)  # a Monday
            plan = self._plan(site, product, indication, ref)
            p, tz = plan.pathway, plan.pathway.tz
            day = lambda kind: p.first(kind).first_day(tz)  # noqa: E731
            self.offsets[key] = (
                (day("product_receipt") - ref).days, (day("lymphodepletion") - ref).days,
                (day("infusion") - ref).days, (p.first("monitoring").last_day(tz) - ref).days,
            )
        return self.offsets[key]

    def _plan(self, site: str, product: str, indication: str | None, apheresis: date):
        s = self.sites[site]
        request = PlanRequest(product, indication, "EU", apheresis=apheresis, timezone=s.timezone)
        return self.planners[site].plan(request, profile=self.svc.products.profile(product, "EU"))

    def _anchor(self, stage: str, offsets: tuple[int, int, int, int], ld_days: int) -> tuple[int, int]:
        """Days from apheresis to today, and weeks the product waits in storage, for *stage*."""
        rng = self.rng
        receipt, ld, inf, mon_end = offsets
        wait = rng.choice((0, 0, 0, 1, 1, 2))
        if stage == "awaiting_apheresis":
            return -rng.randint(1, 35), 0
        if stage == "in_manufacturing":
            return rng.randint(1, max(1, receipt - 1)), 0
        if stage == "product_in_storage":
            wait = rng.choice((0, 1, 1, 2, 3))
            return rng.randint(receipt, max(receipt, ld + 7 * wait - 1)), wait
        if stage == "lymphodepletion":
            return ld + 7 * wait + rng.randint(0, max(0, inf - ld - 1)), wait
        if stage == "infused":
            return inf + 7 * wait + rng.randint(0, max(0, mon_end - inf)), wait
        return mon_end + 7 * wait + rng.randint(1, 500), wait

    def pathway(self, site: str, product: str, indication: str | None, target: str
                ) -> tuple[Pathway, str, str | None]:
        s = self.sites[site]
        tz = timeutil.zone(s.timezone)
        calendar = s.calendar
        ld_days = 4
        offsets = self._offsets(site, product, indication)
        cancelled = target == "cancelled"
        want = self.rng.choice(("awaiting_apheresis", "in_manufacturing", "product_in_storage", "lymphodepletion")
                               ) if cancelled else target
        now = timeutil.at(self.today, 12, 0, tz)
        for _ in range(12):
            since, wait = self._anchor(want, offsets, ld_days)
            aph = self.today - timedelta(days=since)
            aph = calendar.next_open(aph, "apheresis", step=1 if since < 0 else -1)
            plan = self._plan(site, product, indication, aph)
            pathway = plan.pathway
            if wait:
                _shift_events(pathway.events, _LATE, 7 * wait, tz)
            stage = self._stage_at(pathway, now)
            if stage == want:
                break
        pathway.relabel()
        self._record_actuals(pathway, now, tz)
        pathway.stage = stage
        reason = None
        if cancelled:
            pathway.stage = "cancelled"
            reason = self.rng.choice(_CANCEL_REASONS)
        return pathway, pathway.stage, reason

    def _stage_at(self, p: Pathway, now: datetime) -> str:
        tz = p.tz
        today = now.astimezone(tz).date()
        if now < p.first("apheresis").start:  # type: ignore[union-attr,operator]
            return "awaiting_apheresis"
        if now < p.first("product_receipt").start:  # type: ignore[union-attr,operator]
            return "in_manufacturing"
        if today < p.first("lymphodepletion").first_day(tz):  # type: ignore[union-attr]
            return "product_in_storage"
        if today < p.first("infusion").first_day(tz):  # type: ignore[union-attr]
            return "lymphodepletion"
        if today <= p.first("monitoring").last_day(tz):  # type: ignore[union-attr]
            return "infused"
        return "completed"

    def _record_actuals(self, p: Pathway, now: datetime, tz: ZoneInfo) -> None:
        rng = self.rng
        today = now.astimezone(tz).date()
        receipt_actual = None
        for e in p.events:
            if isinstance(e.start, datetime):
                if e.start > now:
                    continue
                jitter = 0
                if e.kind == "apheresis":
                    jitter = rng.randint(0, 25)
                elif e.kind == "product_receipt":
                    jitter = rng.randint(0, 40)
                start = e.start + timedelta(minutes=jitter)
                if e.kind == "storage" and receipt_actual is not None:
                    start = receipt_actual + timedelta(minutes=rng.randint(15, 35))
                e.actual_start = start
                if e.end is not None and e.end <= now:
                    e.actual_end = e.end + timedelta(minutes=jitter)
                elif e.end is None and e.kind in ("apheresis",):
                    e.actual_end = start + timedelta(minutes=rng.randint(180, 300))
                if e.kind == "product_receipt":
                    receipt_actual = start
            else:
                first = e.start
                last = e.end if isinstance(e.end, date) else first
                if first > today or (e.kind == "follow_up" and first >= today):
                    continue
                e.actual_start = first
                if last < today:
                    e.actual_end = e.end
            e.extra["recorded_by"] = _RECORDER[ACTUAL_PERMISSION[e.kind]]

    def product_details(self, p: Pathway, site: str, stage: str) -> None:
        rng = self.rng
        tz = p.tz
        aph = p.first("apheresis")
        if aph is not None and aph.happened:
            self.din_seq += 1
            p.coi_id = make_din(_FACILITY[site], aph.first_day(tz).year, self.din_seq)
        receipt, storage = p.first("product_receipt"), p.first("storage")
        if receipt is None or not receipt.happened:
            return
        assert isinstance(receipt.actual_start, datetime)
        receipt.shipper_hold_until = receipt.actual_start + timedelta(days=7)
        profile = self.svc.products.profile(p.product, p.region)
        months = profile.value("shelf_life_months") or 6
        p.product_expiry = receipt.actual_start.astimezone(tz).date() + relativedelta(months=int(months))
        if storage is not None and storage.happened:
            thaw = p.first("thaw")
            end_day = self.today
            if thaw is not None and thaw.happened:
                end_day = min(end_day, thaw.first_day(tz))
            # The log a cell lab keeps by hand: the reading at placement, then the weekly dewar check.
            placed = storage.actual_start
            assert isinstance(placed, datetime)
            readings = [(placed + timedelta(minutes=5), float(rng.randint(-190, -176)))]
            day = storage.first_day(tz) + timedelta(days=7)
            while day <= end_day:
                readings.append((timeutil.at(day, 8, 0, tz), float(rng.randint(-190, -176))))
                day += timedelta(days=7)
            storage.temperatures = readings

    # -- problems a coordinator must act on ---------------------------------------------------

    def problem(self, p: Pathway, stage: str, calendar: SiteCalendar, n_total: int) -> str | None:
        rng = self.rng
        tz = p.tz
        profile = self.svc.products.profile(p.product, p.region)
        options = []
        if stage in ("product_in_storage", "lymphodepletion"):
            options += ["missing_expiry", "shipper_hold", "tocilizumab"]
            gap = profile.indication(p.indication).infusion_gap
            if gap.known and gap.value.get("max") is not None:
                options.append("ld_window")
        if stage in ("product_in_storage", "lymphodepletion", "infused") and profile.rule("storage_max_c").known:
            if (s := p.first("storage")) is not None and s.temperatures:
                options.append("temperature")
        if "tocilizumab" in options and (profile.value("tocilizumab_doses") or 0) < 1:
            options.remove("tocilizumab")
        if not options:
            return None
        missing = [o for o in options if self.problem_count[o] == 0]
        if missing:
            chosen = missing[0]
        elif rng.random() < (0.08 if n_total > 200 else 0.15):
            chosen = rng.choice(options)
        else:
            return None
        receipt, storage = p.first("product_receipt"), p.first("storage")
        if chosen == "ld_window":
            ld, inf = p.last("lymphodepletion"), p.first("infusion")
            gap_now = (inf.first_day(tz) - ld.last_day(tz)).days  # type: ignore[union-attr]
            push = profile.indication(p.indication).infusion_gap.value["max"] - gap_now + 2
            day = inf.first_day(tz) + timedelta(days=push)  # type: ignore[union-attr]
            push += (calendar.next_open(day, "ward") - day).days
            _shift_events(p.events, {"thaw", "infusion", "monitoring", "follow_up"}, push, tz)
        elif chosen == "temperature":
            limit = profile.value("storage_max_c")
            t, _ = storage.temperatures[-1]  # type: ignore[union-attr]
            storage.temperatures[-1] = (t, float(limit + 12))  # type: ignore[union-attr]
        elif chosen == "missing_expiry":
            p.product_expiry = None
        elif chosen == "shipper_hold":
            assert receipt is not None and storage is not None
            received = receipt.actual_start
            assert isinstance(received, datetime)
            receipt.shipper_hold_until = received + timedelta(minutes=20)
            storage.actual_start = received + timedelta(minutes=45)
        elif chosen == "tocilizumab":
            p.tocilizumab_doses = 0
        self.problem_count[chosen] += 1
        p.relabel()
        return chosen


def _setup(store: Store, session: Session, scale: int = 1) -> None:
    """Sites, demo users and resources (each capacity times *scale*, for a larger demo)."""
    repos = store.repos
    for sid, (name, calendar, planning) in _site_calendars().items():
        repos.sites.save(Site(sid, name, calendar.timezone, calendar, planning), session.username, "demo data")
    for username, display, role, site, password in DEMO_USERS:
        repos.users.add(User(username, display, role, site), hash_password(password), session.username)
    for sid, cap in _CAPACITY.items():
        cap = {k: ({p: n * scale for p, n in v.items()} if k == "slots" else v if k == "inpatient" else v * scale)
               for k, v in cap.items()}
        resources = [
            Resource(f"{sid}-apheresis", sid, "apheresis_chair", "Apheresis chairs", cap["chairs"]),
            Resource(f"{sid}-ward", sid, "ward_bed", "CAR-T ward beds", cap["beds"],
                     inpatient_days=cap["inpatient"]),
            Resource(f"{sid}-thaw", sid, "thaw_slot", "Cell lab thaw slots", cap["thaws"]),
        ]
        resources += [
            Resource(f"{sid}-mfg-{product}", sid, "manufacturing_slot", f"Manufacturing slots, {product}", n,
                     period="week", product=product)
            for product, n in cap["slots"].items()
        ]
        repos.resources.save_many(resources, session.username, "demo data")


def fill_demo(store: Store, patients: int = DEFAULT_PATIENTS, seed: int = 1, today: date | None = None
              ) -> DemoSummary:
    """Fill an empty store with demo data (refused when it already holds data)."""
    if patients < 1:
        raise ValidationError("--patients must be 1 or more")
    for table in ("sites", "users", "patients", "pathways"):
        if store.fetchone(f"SELECT COUNT(*) FROM {table}")[0]:  # type: ignore[index]
            raise ValidationError(
                f"{store.label} already holds data ({table}); demo data goes into a new database (--db PATH)")
    session = Session.system_session(DEMO_USER)
    svc = Services(store, session)
    today = today or datetime.now(timeutil.zone(timeutil.DEFAULT_TIMEZONE)).date()
    rng = random.Random(seed)
    summary = DemoSummary(today=today)
    with store.write():
        # The demo ward is sized for DEFAULT_PATIENTS; a larger demo (a benchmark's) gets a
        # proportionally larger centre, so that its load is as plausible as the small one's.
        _setup(store, session, scale=-(-patients // DEFAULT_PATIENTS))
        svc.refresh()
        gen = _Generator(svc, rng, today)
        site_ids = sorted(gen.sites)
        profiles = svc.products
        plan_items: list[tuple[Patient, StoredPathway]] = []
        for i in range(patients):
            site = site_ids[i % 3] if i < 3 else rng.choice(site_ids)
            product = _pick(rng, _PRODUCTS)
            indications = list(profiles.profile(product, "EU").indications)
            indication = rng.choice(indications)
            stage = [s for s, _ in _STAGES][i] if i < len(_STAGES) else _pick(rng, _STAGES)
            patient = gen.patient(site, product, indication)
            pathway, stage, reason = gen.pathway(site, product, indication, stage)
            gen.product_details(pathway, site, stage)
            if stage != "cancelled":
                gen.problem(pathway, stage, gen.sites[site].calendar, patients)
            sp = StoredPathway(None, 0, site, pathway, profile_version=profiles.current_version(product),
                               cancel_reason=reason)
            if stage != "cancelled":
                sp.open_errors, sp.open_warnings = counts(check_pathway(
                    pathway, profile=profiles.profile(product, "EU"), calendar=gen.sites[site].calendar))
            plan_items.append((patient, sp))
            summary.stages[stage] = summary.stages.get(stage, 0) + 1
        stored = store.repos.patients.insert_many([p for p, _ in plan_items], session.username, "demo data")
        items = [replace(sp, patient_id=p.id) for p, (_, sp) in zip(stored, plan_items)]  # type: ignore[arg-type]
        store.repos.pathways.insert_many(items, session.username, "demo data")
    summary.patients = len(plan_items)
    summary.pathways = len(plan_items)
    summary.problems = dict(gen.problem_count)
    return summary


def create_demo_database(path: str | os.PathLike[str], patients: int = DEFAULT_PATIENTS, seed: int = 1,
                         today: date | None = None) -> DemoSummary:
    """A new database file with demo data, built beside *path* and moved into place when complete."""
    from atmp_desktop.settings import is_db_url, resolve_db_path

    if is_db_url(path):  # a shared store: filled in place, in one transaction (all or nothing)
        with Store.open(resolve_db_path(path)) as store:
            return fill_demo(store, patients, seed, today)
    path = Path(path).expanduser()
    if path.exists() and path.stat().st_size > 0:
        with Store.open(path) as store:
            return fill_demo(store, patients, seed, today)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".building")
    for suffix in ("", "-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    try:
        with Store.open(partial) as store:
            summary = fill_demo(store, patients, seed, today)
            store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        _publish(partial, path)
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(str(partial) + suffix).unlink(missing_ok=True)
    return summary


def _publish(partial: Path, path: Path) -> None:
    """Move the finished file into place, never over a database that appeared meanwhile.

    Two first starts at once (two windows) must not swap the file under the
    one that opened it first: a hard link fails if *path* exists.
    """
    try:
        os.link(partial, path)
    except FileExistsError:
        return  # the other start won; its database is used
    except OSError:  # a file system without hard links
        if not path.exists():
            os.replace(partial, path)


def ensure_database(path: str | os.PathLike[str] | None = None, *, patients: int = DEFAULT_PATIENTS,
                    seed: int = 1, today: date | None = None, **open_args: Any) -> Store:
    """The application's first start: open the store, creating it with demo data when there is none."""
    from atmp_desktop.settings import resolve_db_path

    path = resolve_db_path(path)
    if not path.exists():
        create_demo_database(path, patients, seed, today)
    return Store.open(path, **open_args)
