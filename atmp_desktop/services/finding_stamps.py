"""Stamps for kept findings: what a pathway's findings (and a site's CAPACITY findings) depend on.

A pathway's findings are a pure function of its saved state, its product
profile (the version it was planned with), its site's calendar and the rules
themselves. Its stamp names all four: the row version, a fingerprint of the
profile and the calendar, and the rules' revision (a hash of the domain
modules' source, and of the Swedish holiday data's version). A site's
CAPACITY findings depend on every active pathway of the site, its resources,
calendar and current profiles: their stamp hashes all of those.

When any of it changes the stamp changes, and the kept findings no longer
count (``storage/finding_cache.py``). Nothing has to remember to delete them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import date, datetime, time
from enum import Enum
from functools import lru_cache
from typing import Any, Iterable, Mapping

from atmp_desktop import __version__

#: The domain modules whose code decides the findings.
_RULE_MODULES = (
    "atmp_desktop.domain.checks", "atmp_desktop.domain.findings", "atmp_desktop.domain.pathway",
    "atmp_desktop.domain.calendar", "atmp_desktop.domain.catalogue", "atmp_desktop.domain.timeutil",
)
_CAPACITY_MODULES = _RULE_MODULES + ("atmp_desktop.domain.capacity", "atmp_desktop.domain.resources")


def canonical(obj: Any) -> Any:
    """*obj* as plain JSON values in a fixed order (dataclasses, mappings, sets, dates, enums)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return [type(obj).__name__] + [[f.name, canonical(getattr(obj, f.name))]
                                       for f in dataclasses.fields(obj) if not f.name.startswith("_")]
    if isinstance(obj, Enum):
        return canonical(obj.value)
    if isinstance(obj, Mapping):
        return [[str(k), canonical(v)] for k, v in sorted(obj.items(), key=lambda kv: str(kv[0]))]
    if isinstance(obj, (set, frozenset)):
        return sorted((canonical(v) for v in obj), key=repr)
    if isinstance(obj, (list, tuple)):
        return [canonical(v) for v in obj]
    if isinstance(obj, (datetime, date, time)):
        return obj.isoformat()
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    return repr(obj)


def fingerprint(*parts: Any) -> str:
    text = json.dumps(canonical(list(parts)), ensure_ascii=False, separators=(",", ":"))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def _module_source(name: str) -> bytes:
    import importlib

    module = importlib.import_module(name)
    loader = getattr(module, "__loader__", None)
    try:
        source = loader.get_source(name) if loader is not None else None  # type: ignore[union-attr]
    except (ImportError, OSError):
        source = None
    # A frozen build may carry no source: its version then stands for its rules.
    return (source or f"{name} {__version__}").encode("utf-8")


def _holidays_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("holidays")
    except PackageNotFoundError:
        return "?"


@lru_cache(maxsize=None)
def rules_revision(capacity: bool = False) -> str:
    """A hash of the rules' code and data sources: a new version of either makes every kept finding stale."""
    h = hashlib.blake2b(digest_size=12)
    for name in (_CAPACITY_MODULES if capacity else _RULE_MODULES):
        h.update(_module_source(name))
    h.update(_holidays_version().encode())
    return h.hexdigest()


class Stamps:
    """Works out stamps for one ``Services``; each profile and calendar is fingerprinted once.

    The fingerprint is kept with the very profile and calendar objects it was
    made of: when the services read them again (a save, ``refresh()``), the
    objects are new and the fingerprint is made again.
    """

    def __init__(self, services: Any):
        self.services = services
        self._contexts: dict[tuple[str, str, int, str], tuple[Any, Any, str]] = {}

    def context(self, product: str, region: str, profile_version: int, site: str) -> str:
        profile = self.services.products.profile(product, region, profile_version)
        calendar = self.services.sites.calendar(site)
        key = (product, region, int(profile_version), site)
        found = self._contexts.get(key)
        if found is None or found[0] is not profile or found[1] is not calendar:
            found = self._contexts[key] = (profile, calendar,
                                           fingerprint(rules_revision(), profile, calendar.to_config()))
        return found[2]

    def pathway(self, version: int, product: str, region: str, profile_version: int, site: str) -> str:
        return f"{version}:{self.context(product, region, profile_version, site)}"

    def site(self, site: str, resources: Iterable[Any], calendar_config: Mapping[str, Any], timezone: str,
             profiles: Iterable[Any], pathway_versions: Iterable[tuple[int, int]]) -> str:
        h = hashlib.blake2b(digest_size=12)
        h.update(fingerprint(rules_revision(True), site, list(resources), calendar_config, timezone,
                             list(profiles)).encode())
        for pid, version in pathway_versions:
            h.update(f"{pid}:{version};".encode())
        return h.hexdigest()
