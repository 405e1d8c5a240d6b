from tests.ui.conftest import TODAY


def test_context_signed_in_with_fixed_today(ctx):
    assert ctx.today() == TODAY
    assert ctx.services.session.role == "coordinator"
    assert ctx.services.pathways.rows()
