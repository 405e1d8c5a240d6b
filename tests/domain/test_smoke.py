from datetime import date

from atmp_desktop.domain.planner import PlanRequest, plan


def test_every_product_plans_forward_without_error():
    for product in ("kymriah", "yescarta", "tecartus", "breyanzi", "abecma", "carvykti", "aucatzyl"):
        p = plan(PlanRequest(product, apheresis=date(2026, 12, 1)))
        assert not p.has_error, [f.message() for f in p.findings]
