"""The product catalogue: each therapy's timing and handling rules, as data with sources.

The shipped catalogue is ``resources/products.json``. A :class:`ProductProfile`
is one product's rules for one region (``EU`` by default, ``US``). Every value
is a :class:`Rule` carrying its sources and a confidence; a rule whose value is
``None`` is *unknown*, and checks that need it report that as a warning.

Rules that have no label value (manufacturing time for Breyanzi, say) can be
*planned* with a centre assumption from the catalogue's ``centre_assumptions``;
:meth:`ProductProfile.planning_value` returns the value and whether it was
assumed, so that the planner can say so.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from atmp_desktop.domain import product_registry
from atmp_desktop.paths import resource_path

REGIONS = ("EU", "US")
DEFAULT_REGION = "EU"

#: Names of the product-level rules a profile may carry, in display order.
RULE_NAMES = (
    "thaw_limit",
    "infusion_start_limit",
    "storage_max_c",
    "shelf_life_months",
    "manufacturing_days",
    "tocilizumab_doses",
    "premedication",
    "infusion_minutes",
    "monitoring_daily_days",
    "stay_near_centre_days",
    "no_driving_days",
    "split_dose",
    # issue 13: products beyond CAR-T (see domain/protocol.py for what each holds)
    "mobilisation",
    "conditioning",
    "washouts",
    "marker_tests",
    "post_infusion_drugs",
)
INDICATION_RULE_NAMES = ("lymphodepletion", "infusion_gap")
CONFIDENCES = ("confirmed", "secondary", "derived", "not_found", "not_applicable", "local")


class CatalogueError(ValueError):
    """An unknown product, region or indication, or a malformed catalogue."""


@dataclass(frozen=True)
class Rule:
    """One value of a product profile with its provenance."""

    name: str
    value: Any
    sources: tuple[str, ...] = ()
    confidence: str = "not_found"
    note: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def known(self) -> bool:
        return self.value is not None

    @classmethod
    def from_raw(cls, name: str, raw: Mapping[str, Any] | None) -> "Rule":
        if raw is None:
            return cls(name, None, (), "not_applicable")
        if not isinstance(raw, Mapping) or "value" not in raw:
            raise CatalogueError(f"rule {name!r} must be an object with a 'value'")
        confidence = raw.get("confidence", "not_found")
        if confidence not in CONFIDENCES:
            raise CatalogueError(f"rule {name!r}: unknown confidence {confidence!r}")
        extra = {
            k: v for k, v in raw.items() if k not in ("value", "source", "confidence", "note")
        }
        return cls(
            name,
            raw["value"],
            tuple(raw.get("source") or ()),
            confidence,
            raw.get("note"),
            extra,
        )


@dataclass(frozen=True)
class LDRegimen:
    id: str
    name: str
    drugs: tuple[Mapping[str, Any], ...]

    @property
    def days(self) -> int:
        """Length of the course: the last day any drug is given."""
        return max((max(d["ld_days"]) for d in self.drugs), default=1)


@dataclass(frozen=True)
class Indication:
    id: str
    names: Mapping[str, str]
    lymphodepletion: Rule
    infusion_gap: Rule

    def name(self, lang: str = "en") -> str:
        return self.names.get(lang) or self.names.get("en") or self.id

    @property
    def regimens(self) -> tuple[LDRegimen, ...]:
        if not self.lymphodepletion.known:
            return ()
        return tuple(
            LDRegimen(r["id"], r["name"], tuple(r["drugs"]))
            for r in self.lymphodepletion.value["regimens"]
        )

    def regimen(self, regimen_id: str | None = None) -> LDRegimen | None:
        regimens = self.regimens
        if not regimens:
            return None
        if regimen_id is None:
            return regimens[0]
        for r in regimens:
            if r.id == regimen_id:
                return r
        raise CatalogueError(
            f"unknown lymphodepletion regimen {regimen_id!r} for {self.id} "
            f"(known: {', '.join(r.id for r in regimens)})"
        )


@dataclass(frozen=True)
class ProductProfile:
    """One product's rules for one region, as used by the planner and the checks."""

    product_id: str
    name: str
    generic: str
    manufacturer: str
    region: str
    label: str
    indications: Mapping[str, Indication]
    default_indication: str
    rules: Mapping[str, Rule]
    apheresis_material: Rule
    assumptions: Mapping[str, Any]
    version: int = 0

    def rule(self, name: str) -> Rule:
        if name in self.rules:
            return self.rules[name]
        if name in RULE_NAMES:
            return Rule(name, None, (), "not_applicable")
        raise KeyError(name)

    def value(self, name: str) -> Any:
        return self.rule(name).value

    def indication(self, indication_id: str | None) -> Indication:
        """The named indication, or the default one when *indication_id* is None."""
        key = (indication_id or self.default_indication).lower()
        try:
            return self.indications[key]
        except KeyError:
            raise CatalogueError(
                f"unknown indication {indication_id!r} for {self.name} ({self.region}); "
                f"known: {', '.join(self.indications)}"
            ) from None

    def planning_value(self, name: str, assumption_key: str | None = None) -> tuple[Any, bool]:
        """The rule's value, or the centre assumption when the label gives none.

        Returns ``(value, assumed)``.
        """
        rule = self.rule(name)
        if rule.known:
            return rule.value, False
        return self.assumptions[assumption_key or name], True

    @property
    def is_split_dose(self) -> bool:
        return self.rule("split_dose").known


class Catalogue:
    """The shipped catalogue (or a copy with local overrides applied)."""

    def __init__(self, data: Mapping[str, Any]):
        if data.get("format") != "atmp-catalogue/1":
            raise CatalogueError("not an atmp-catalogue/1 document")
        self.data = data
        self.sources: Mapping[str, Mapping[str, str]] = data.get("sources", {})
        self.assumptions: Mapping[str, Any] = {
            k: v for k, v in data.get("centre_assumptions", {}).items() if not k.startswith("_")
        }
        self._products = {p["id"]: p for p in data["products"]}
        self._cache: dict[tuple[str, str], ProductProfile] = {}
        # the lists' words (stage, product name) for every product a catalogue has held
        product_registry.CONDITIONED_PRODUCTS.update(pid for pid, p in self._products.items() if _conditions(p))
        product_registry.PRODUCT_NAMES.update((pid, str(p.get("name") or pid)) for pid, p in self._products.items())

    @classmethod
    def load(cls, path: Path | None = None) -> "Catalogue":
        path = path or resource_path("products.json")
        with open(path, encoding="utf-8") as fh:
            return cls(json.load(fh))

    @property
    def product_ids(self) -> list[str]:
        return list(self._products)

    def raw_product(self, product_id: str) -> dict[str, Any]:
        """A deep copy of one product's catalogue entry (for editing overrides)."""
        return copy.deepcopy(self._product(product_id))

    def _product(self, product_id: str) -> Mapping[str, Any]:
        try:
            return self._products[product_id.lower()]
        except (KeyError, AttributeError):
            raise CatalogueError(
                f"unknown product {product_id!r}; known: {', '.join(self._products)}"
            ) from None

    def profile(self, product_id: str, region: str = DEFAULT_REGION) -> ProductProfile:
        region = (region or DEFAULT_REGION).upper()
        if region not in REGIONS:
            raise CatalogueError(f"unknown region {region!r}; known: {', '.join(REGIONS)}")
        key = (product_id.lower() if isinstance(product_id, str) else product_id, region)
        if key not in self._cache:
            self._cache[key] = profile_from_raw(self._product(product_id), region, self.assumptions)
        return self._cache[key]

    def with_local(self, raw_product: Mapping[str, Any], sources: Mapping[str, Any]) -> "Catalogue":
        """A catalogue with a local product (a trial or hospital-exemption profile) added or replaced."""
        data = dict(self.data)
        data["products"] = [p for p in self.data["products"] if p["id"] != raw_product["id"]] + [raw_product]
        data["sources"] = {**self.data.get("sources", {}), **sources}
        return Catalogue(data)

    def with_product(self, raw_product: Mapping[str, Any]) -> "Catalogue":
        """A catalogue in which one product's entry is replaced (a local override)."""
        data = dict(self.data)
        data["products"] = [
            raw_product if p["id"] == raw_product["id"] else p for p in self.data["products"]
        ]
        return Catalogue(data)


def _conditions(raw: Mapping[str, Any]) -> bool:
    """True when a product entry conditions (busulfan) in place of lymphodepletion, in some region."""
    for reg in (raw.get("regions") or {}).values():
        rule = reg.get("conditioning") if isinstance(reg, Mapping) else None
        if isinstance(rule, Mapping) and rule.get("value") is not None:
            return True
    return False


def profile_from_raw(
    raw: Mapping[str, Any], region: str, assumptions: Mapping[str, Any], version: int = 0
) -> ProductProfile:
    """Build a profile from one catalogue product entry (shipped or overridden)."""
    try:
        reg = raw["regions"][region]
    except KeyError:
        raise CatalogueError(f"{raw.get('name', raw.get('id'))} has no {region} profile") from None
    indications = {}
    for ind in reg["indications"]:
        indications[ind["id"]] = Indication(
            ind["id"],
            ind["name"],
            Rule.from_raw("lymphodepletion", ind.get("lymphodepletion")),
            Rule.from_raw("infusion_gap", ind.get("infusion_gap")),
        )
    rules = {name: Rule.from_raw(name, reg[name]) for name in RULE_NAMES if name in reg}
    return ProductProfile(
        product_id=raw["id"],
        name=raw["name"],
        generic=raw["generic"],
        manufacturer=raw["manufacturer"],
        region=region,
        label=reg.get("label", ""),
        indications=indications,
        default_indication=raw["default_indication"],
        rules=rules,
        apheresis_material=Rule.from_raw("apheresis_material", raw.get("apheresis_material")),
        assumptions=assumptions,
        version=version,
    )


@lru_cache(maxsize=1)
def shipped_catalogue() -> Catalogue:
    """The catalogue shipped in ``resources/products.json`` (loaded once)."""
    return Catalogue.load()
