"""Resources that limit throughput, and their capacity per day or per ISO week.

* ``apheresis_chair`` — collections per day (apheresis events).
* ``ward_bed`` — CAR-T admissions: a bed is occupied from the first
  lymphodepletion day (or the infusion day) through the inpatient monitoring days.
* ``thaw_slot`` — thaws per day in the cell lab.
* ``manufacturing_slot`` — manufacturing starts per ISO week for one product
  (the manufacturer's allocation to the centre, or the centre's own cleanroom).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

RESOURCE_KINDS = ("apheresis_chair", "ward_bed", "thaw_slot", "manufacturing_slot")
PERIODS = ("day", "week")

#: The period each kind is counted in.
KIND_PERIOD: Mapping[str, str] = {
    "apheresis_chair": "day",
    "ward_bed": "day",
    "thaw_slot": "day",
    "manufacturing_slot": "week",
}


@dataclass(frozen=True)
class Resource:
    """One resource of a site with its capacity per period.

    ``product`` is set only for manufacturing slots (which product the
    allocation is for); ``inpatient_days`` only for ward beds (how many days
    after infusion a CAR-T patient stays admitted).
    """

    id: str
    site: str
    kind: str
    name: str
    capacity: int
    period: str = "day"
    product: str | None = None
    inpatient_days: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in RESOURCE_KINDS:
            raise ValueError(f"unknown resource kind {self.kind!r}; known: {', '.join(RESOURCE_KINDS)}")
        if self.period != KIND_PERIOD[self.kind]:
            raise ValueError(f"{self.kind} is counted per {KIND_PERIOD[self.kind]}, not per {self.period}")
        if not isinstance(self.capacity, int) or self.capacity < 0:
            raise ValueError(f"capacity must be a whole number of 0 or more, got {self.capacity!r}")
        if (self.kind == "manufacturing_slot") != (self.product is not None):
            raise ValueError("a manufacturing slot names its product; other resources do not")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id, "site": self.site, "kind": self.kind, "name": self.name,
            "capacity": self.capacity, "period": self.period,
        }
        if self.product is not None:
            out["product"] = self.product
        if self.inpatient_days is not None:
            out["inpatient_days"] = self.inpatient_days
        return out

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> "Resource":
        return cls(
            id=str(raw["id"]), site=str(raw["site"]), kind=raw["kind"], name=raw["name"],
            capacity=raw["capacity"], period=raw.get("period", KIND_PERIOD.get(raw["kind"], "day")),
            product=raw.get("product"), inpatient_days=raw.get("inpatient_days"),
        )
