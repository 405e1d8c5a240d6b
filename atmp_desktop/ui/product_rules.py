"""The rules of a product's profile the Products view shows, and their words in the UI language."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject


#: Where a rule lives: (indication id or None, rule name). ``apheresis_material`` is product-wide.
RuleKey = tuple[str | None, str]

PRODUCT_RULES = (
    "thaw_limit", "infusion_start_limit", "storage_max_c", "shelf_life_months", "manufacturing_days",
    "tocilizumab_doses", "premedication", "infusion_minutes", "monitoring_daily_days",
    "stay_near_centre_days", "no_driving_days", "split_dose",
)
INDICATION_RULES = ("lymphodepletion", "infusion_gap")
#: Rules whose value is one whole number.
SCALAR_RULES = {
    "storage_max_c": -273, "shelf_life_months": 0, "manufacturing_days": 0, "tocilizumab_doses": 0,
    "infusion_minutes": 1, "monitoring_daily_days": 0, "stay_near_centre_days": 0, "no_driving_days": 0,
}
COUNTS_FROM = ("thaw_start", "removal_from_storage", "thaw_end")
APHERESIS_MATERIALS = ("fresh", "cryopreserved")


class RuleText(QObject):
    """Words for rules, values, confidences and conventions in the UI language."""

    def rule_name(self, name: str) -> str:
        return {
            "thaw_limit": self.tr("Thaw to end of infusion"),
            "infusion_start_limit": self.tr("Thaw to start of infusion"),
            "storage_max_c": self.tr("Storage temperature (highest)"),
            "shelf_life_months": self.tr("Shelf life"),
            "manufacturing_days": self.tr("Manufacturing time"),
            "tocilizumab_doses": self.tr("Tocilizumab on hand"),
            "premedication": self.tr("Premedication"),
            "infusion_minutes": self.tr("Infusion time"),
            "monitoring_daily_days": self.tr("Daily monitoring"),
            "stay_near_centre_days": self.tr("Stay near the centre"),
            "no_driving_days": self.tr("No driving"),
            "split_dose": self.tr("Split dose"),
            "lymphodepletion": self.tr("Lymphodepletion regimen"),
            "infusion_gap": self.tr("Last LD day to infusion"),
            "apheresis_material": self.tr("Apheresis material"),
        }.get(name, name)

    def confidence(self, value: str, local_profile: bool = False) -> str:
        """The confidence in words; in a local (trial, hospital-exemption) profile "local" is the protocol's value."""
        if local_profile and value == "local":
            return self.tr("local protocol")
        return {
            "confirmed": self.tr("confirmed"),
            "secondary": self.tr("secondary source"),
            "derived": self.tr("derived"),
            "not_found": self.tr("not found"),
            "not_applicable": self.tr("not applicable"),
            "local": self.tr("local override"),
        }.get(value, value)

    def counts_from(self, value: str | None) -> str:
        return {
            "thaw_start": self.tr("the start of thaw"),
            "removal_from_storage": self.tr("removal from frozen storage"),
            "thaw_end": self.tr("the end of thaw"),
        }.get(value or "", value or self.tr("unknown"))

    def convention(self, value: str | None) -> str:
        return {
            "rest_days": self.tr("rest days between (convention A: N days between = calendar N+1)"),
            "calendar_difference": self.tr("calendar difference (convention B: calendar N)"),
            "both_readings": self.tr("unknown convention: the window holds under both readings"),
            "label_day_numbers": self.tr("the label's day numbers (infusion = day 0)"),
        }.get(value or "", value or "")

    def material(self, value: str | None) -> str:
        return {"fresh": self.tr("fresh"), "cryopreserved": self.tr("cryopreserved")}.get(value or "", value or "")

    def unknown(self) -> str:
        return self.tr("unknown")

    def value(self, name: str, value: Any) -> str:
        """One line for a rule's value; "unknown" for a value the label does not give."""
        if value is None:
            return self.unknown()
        try:
            return self._value(name, value)
        except (KeyError, TypeError, ValueError, AttributeError):
            return str(value)

    def _num(self, value: Any) -> str:
        return self.unknown() if value is None else str(value)

    def _value(self, name: str, v: Any) -> str:
        if name in ("thaw_limit", "infusion_start_limit"):
            return self.tr("{0} min, counted from {1}").format(self._num(v.get("minutes")),
                                                               self.counts_from(v.get("counts_from")))
        if name == "storage_max_c":
            return self.tr("at or below {0} °C").format(str(v).replace("-", "−"))
        if name == "shelf_life_months":
            return self.tr("{0} months").format(v)
        if name == "manufacturing_days":
            return self.tr("{0} days").format(v)
        if name == "tocilizumab_doses":
            return self.tr("{0} dose(s) before infusion").format(v)
        if name == "infusion_minutes":
            return self.tr("{0} min").format(v)
        if name in ("monitoring_daily_days", "stay_near_centre_days", "no_driving_days"):
            return self.tr("{0} days after infusion").format(v)
        if name == "premedication":
            lo, hi = v.get("minutes_before_min"), v.get("minutes_before_max")
            text = v.get("text") or ""
            if lo is None and hi is None:
                return self.tr("{0}; timing unknown").format(text)
            return self.tr("{0}; {1}–{2} min before infusion").format(text, self._num(lo), self._num(hi))
        if name == "split_dose":
            return self.tr("second part {0} days after the first (± {1}); at most {2} days after").format(
                self._num(v.get("second_dose_offset_days")), self._num(v.get("tolerance_days")),
                self._num(v.get("postpone_max_offset_days")))
        if name == "infusion_gap":
            lo, hi, nominal = v.get("min"), v.get("max"), v.get("nominal")
            if hi is None:
                return self.tr("at least {0} calendar days, no upper limit found (planned {1})").format(
                    self._num(lo), self._num(nominal))
            return self.tr("{0}–{1} calendar days (planned {2})").format(self._num(lo), hi, self._num(nominal))
        if name == "lymphodepletion":
            return self.tr(" or ").join(r["name"] for r in v["regimens"])
        if name == "apheresis_material":
            return self.material(v)
        return str(v)
