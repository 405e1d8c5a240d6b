"""Local product profiles: a trial or hospital-exemption product defined from its protocol (issue 13).

The file format, ``atmp-local-profile/1``::

    {"format": "atmp-local-profile/1",
     "reason": "why this version",                      (optional in the file)
     "sources": {"KEY": {"source": "Protocol X v3.0 §6.2", "region": "EU", "kind": "protocol"}},
     "product": { a catalogue product entry, as in resources/products.json }}

:func:`validate` reads such a document and refuses, with one
:class:`ProfileError` naming what and where, a profile that is incomplete or
contradictory: an unknown field or rule, a window whose minimum exceeds its
maximum, an unknown event kind, a thaw limit of 0 minutes, a value without a
source or with a source the file does not define. Nothing is guessed.
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterable, Mapping

from atmp_desktop.domain.catalogue import (
    CONFIDENCES, INDICATION_RULE_NAMES, REGIONS, RULE_NAMES, CatalogueError, Rule, profile_from_raw,
)
from atmp_desktop.domain.pathway import EVENT_KINDS
from atmp_desktop.domain.protocol import ProfileError, validate_rule

FORMAT = "atmp-local-profile/1"
#: What a local product is, shown beside its name.
ORIGINS = ("clinical_trial", "hospital_exemption", "other")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,39}$")
_PRODUCT_FIELDS = {"id", "name", "generic", "manufacturer", "origin", "apheresis_material", "default_indication",
                   "regions", "steps", "category"}
_REGION_FIELDS = {"label", "indications", *RULE_NAMES}
_COUNTS_FROM = ("thaw_start", "thaw_end", "removal_from_storage")
_NO_SOURCE = ("not_found", "not_applicable")

__all__ = ["FORMAT", "ORIGINS", "ProfileError", "validate", "read", "document"]


def read(text: str | bytes) -> dict[str, Any]:
    """Parse and validate a local-profile file's text; returns the document (see :func:`validate`)."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProfileError(f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except UnicodeDecodeError as exc:
        raise ProfileError(f"not valid JSON: not {exc.encoding.upper()} text") from None
    validate(doc)
    return doc


def document(product: Mapping[str, Any], sources: Mapping[str, Any], reason: str | None = None) -> dict[str, Any]:
    """The ``atmp-local-profile/1`` document of a stored profile (for ``products export``)."""
    doc: dict[str, Any] = {"format": FORMAT}
    if reason:
        doc["reason"] = reason
    doc["sources"] = dict(sources)
    doc["product"] = dict(product)
    return doc


def validate(doc: Any, shipped_ids: Iterable[str] = (), assumptions: Mapping[str, Any] | None = None) -> None:
    """Refuse a local-profile document that is incomplete or contradictory (:class:`ProfileError`)."""
    if not isinstance(doc, Mapping):
        raise ProfileError("a local profile must be a JSON object")
    if doc.get("format") != FORMAT:
        raise ProfileError(f"'format' must be {FORMAT!r}, got {doc.get('format')!r}")
    unknown = set(doc) - {"format", "reason", "sources", "product"}
    if unknown:
        raise ProfileError(f"unknown field {sorted(unknown)[0]!r}")
    sources = doc.get("sources")
    if not isinstance(sources, Mapping) or not sources:
        raise ProfileError("'sources' must name at least one source (protocol name, version and section)")
    for key, src in sources.items():
        if not isinstance(src, Mapping) or not str(src.get("source", "")).strip():
            raise ProfileError(f"sources[{key!r}]: needs a 'source' text (protocol name, version, section)")
    product = doc.get("product")
    if not isinstance(product, Mapping):
        raise ProfileError("'product' is missing")
    unknown = set(product) - _PRODUCT_FIELDS
    if unknown:
        raise ProfileError(f"product: unknown field {sorted(unknown)[0]!r}")
    pid = product.get("id")
    if not isinstance(pid, str) or not _ID.match(pid):
        raise ProfileError("product 'id' must be 2-40 lower-case letters, digits or '-', such as 'trial-t01'")
    if pid in set(shipped_ids):
        raise ProfileError(f"{pid!r} is a shipped catalogue product; change it with a local override instead")
    for name in ("name", "generic", "manufacturer", "default_indication"):
        if not isinstance(product.get(name), str) or not product[name].strip():
            raise ProfileError(f"product {name!r} is missing")
    if product.get("origin") is not None and product["origin"] not in ORIGINS:
        raise ProfileError(f"product 'origin' must be one of {', '.join(ORIGINS)}, got {product['origin']!r}")
    for i, kind in enumerate(product.get("steps") or ()):
        if kind not in EVENT_KINDS:
            raise ProfileError(f"product steps[{i}]: unknown event kind {kind!r}; known: {', '.join(EVENT_KINDS)}")
    regions = product.get("regions")
    if not isinstance(regions, Mapping) or not regions:
        raise ProfileError("product 'regions' must hold at least the EU profile")
    if "EU" not in regions:
        raise ProfileError("product 'regions' has no EU profile (Sweden follows the EU rules; EU is required)")
    _rule("apheresis_material", product.get("apheresis_material"), "product apheresis_material", sources)
    for region, reg in regions.items():
        if region not in REGIONS:
            raise ProfileError(f"unknown region {region!r}; known: {', '.join(REGIONS)}")
        _region(region, reg, product, sources)
        try:
            profile_from_raw(product, region, assumptions or {}, 1)
        except (CatalogueError, KeyError, TypeError, ValueError) as exc:
            raise ProfileError(f"{region}: {exc}") from None


def _region(region: str, reg: Any, product: Mapping[str, Any], sources: Mapping[str, Any]) -> None:
    where = region
    if not isinstance(reg, Mapping):
        raise ProfileError(f"{where}: must be an object")
    unknown = set(reg) - _REGION_FIELDS
    if unknown:
        raise ProfileError(f"{where}: unknown rule {sorted(unknown)[0]!r}; known: {', '.join(RULE_NAMES)}")
    indications = reg.get("indications")
    if not isinstance(indications, list) or not indications:
        raise ProfileError(f"{where}: needs at least one indication")
    ids = []
    for i, ind in enumerate(indications):
        iw = f"{where} indications[{i}]"
        if not isinstance(ind, Mapping) or not isinstance(ind.get("id"), str) or not ind["id"].strip():
            raise ProfileError(f"{iw}: needs an 'id'")
        names = ind.get("name")
        if not isinstance(names, Mapping) or not names.get("en") or not names.get("sv"):
            raise ProfileError(f"{iw}: needs a name in English and Swedish ('en', 'sv')")
        ids.append(ind["id"])
        for rname in INDICATION_RULE_NAMES:
            raw = _rule(rname, ind.get(rname), f"{iw} {rname}", sources)
            if raw is None:
                continue
            if rname == "infusion_gap":
                _gap(raw.value, f"{iw} infusion_gap")
            elif rname == "lymphodepletion":
                _regimens(raw.value, f"{iw} lymphodepletion")
    if product.get("default_indication") not in ids:
        raise ProfileError(f"default_indication {product.get('default_indication')!r} is not one of {', '.join(ids)}")
    for name in RULE_NAMES:
        if name not in reg:
            continue
        rule = _rule(name, reg[name], f"{where} {name}", sources)
        if rule is None:
            continue
        if name == "thaw_limit":
            _thaw(rule.value, f"{where} thaw_limit")
        elif name in ("storage_max_c",):
            if isinstance(rule.value, bool) or not isinstance(rule.value, (int, float)):
                raise ProfileError(f"{where} {name} must be a number of °C")
        elif name in ("shelf_life_months", "manufacturing_days", "infusion_minutes", "monitoring_daily_days",
                      "stay_near_centre_days", "no_driving_days", "tocilizumab_doses"):
            low = 0 if name == "tocilizumab_doses" else 1
            if isinstance(rule.value, bool) or not isinstance(rule.value, int) or rule.value < low:
                raise ProfileError(f"{where} {name} must be a whole number of at least {low}, got {rule.value!r}")
        else:
            validate_rule(name, rule.value, f"{where} {name}")
    if reg.get("conditioning") and any(
        isinstance(ind.get("lymphodepletion"), Mapping) and ind["lymphodepletion"].get("value")
        for ind in indications
    ):
        raise ProfileError(f"{where}: a profile with conditioning has no lymphodepletion (it takes its place)")


def _rule(name: str, raw: Any, where: str, sources: Mapping[str, Any]) -> Rule | None:
    """The rule, checked for its confidence and sources; None when it holds no value."""
    if raw is None:
        return None
    if not isinstance(raw, Mapping) or "value" not in raw:
        raise ProfileError(f"{where}: must be an object with a 'value'")
    confidence = raw.get("confidence")
    if confidence not in CONFIDENCES:
        raise ProfileError(f"{where}: 'confidence' must be one of {', '.join(CONFIDENCES)}, got {confidence!r}")
    used = raw.get("source") or []
    if not isinstance(used, list):
        raise ProfileError(f"{where}: 'source' must be a list of source keys")
    for key in used:
        if key not in sources:
            raise ProfileError(f"{where}: source {key!r} is not defined in 'sources'")
    if raw["value"] is None:
        if confidence not in _NO_SOURCE:
            raise ProfileError(f"{where}: no value; its confidence must be not_found or not_applicable")
        return None
    if confidence in _NO_SOURCE:
        raise ProfileError(f"{where}: has a value but its confidence is {confidence}")
    if not used:
        raise ProfileError(f"{where}: the value has no source (name the protocol section it comes from)")
    return Rule.from_raw(name, raw)


def _int(value: Any, where: str, low: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise ProfileError(f"{where} must be a whole number of at least {low}, got {value!r}")
    return value


def _gap(value: Any, where: str) -> None:
    if not isinstance(value, Mapping):
        raise ProfileError(f"{where}: must be an object with 'min', 'max' and 'nominal' days")
    lo = _int(value.get("min"), f"{where} min")
    hi = value.get("max")
    nominal = _int(value.get("nominal", lo), f"{where} nominal")
    if hi is not None:
        hi = _int(hi, f"{where} max")
        if lo > hi:
            raise ProfileError(f"{where}: the minimum ({lo} days) is greater than the maximum ({hi} days)")
        if not lo <= nominal <= hi:
            raise ProfileError(f"{where}: the nominal gap ({nominal}) is outside {lo} to {hi} days")
    elif nominal < lo:
        raise ProfileError(f"{where}: the nominal gap ({nominal}) is below the minimum ({lo})")


def _regimens(value: Any, where: str) -> None:
    regimens = value.get("regimens") if isinstance(value, Mapping) else None
    if not isinstance(regimens, list) or not regimens:
        raise ProfileError(f"{where}: needs a list of 'regimens'")
    for i, r in enumerate(regimens):
        rw = f"{where} regimens[{i}]"
        if not isinstance(r, Mapping) or not r.get("id") or not r.get("name"):
            raise ProfileError(f"{rw}: needs an 'id' and a 'name'")
        drugs = r.get("drugs")
        if not isinstance(drugs, list) or not drugs:
            raise ProfileError(f"{rw}: needs a list of 'drugs'")
        for j, d in enumerate(drugs):
            days = d.get("ld_days") if isinstance(d, Mapping) else None
            if not isinstance(days, list) or not days:
                raise ProfileError(f"{rw} drugs[{j}]: needs 'ld_days' (1 = the first lymphodepletion day)")
            for day in days:
                _int(day, f"{rw} drugs[{j}] ld_days", 1)


def _thaw(value: Any, where: str) -> None:
    if not isinstance(value, Mapping):
        raise ProfileError(f"{where}: must be an object with 'minutes' and 'counts_from'")
    minutes = value.get("minutes")
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise ProfileError(f"{where} minutes must be a whole number of minutes, got {minutes!r}")
    if minutes <= 0:
        raise ProfileError(f"{where}: a thaw limit of {minutes} minutes leaves no time to infuse; "
                           "give the protocol's limit, or no value (not_found)")
    if value.get("counts_from") not in _COUNTS_FROM:
        raise ProfileError(f"{where} counts_from must be one of {', '.join(_COUNTS_FROM)}")
