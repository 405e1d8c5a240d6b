"""A refusal is shown in the UI language: Swedish text in the Swedish UI, the English text in the English UI."""

from __future__ import annotations

import pytest

from atmp_desktop.ui import errors as ui_errors
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.errors import ExceptionHook, reporting
from atmp_desktop.ui.pathway_edits import move_event
from atmp_desktop.ui.pathway_view import PathwayView

from .conftest import TODAY

IN_STORAGE = 3  # Kymriah, Uppsala: product received today; infusion 30 Nov planned


@pytest.fixture
def shown(monkeypatch):
    said = []
    monkeypatch.setattr(ui_errors, "present", lambda parent, kind, title, text, details=None:
                        said.append((kind, title, text)))
    return said


def make_view(qtbot, ctx):
    view = PathwayView(ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.show_pathway(IN_STORAGE)
    return view


def nurse_moves_the_infusion_and_its_thaw(ctx):
    sp = ctx.services.pathways.get(IN_STORAGE)
    move_event(sp.pathway, "infusion", 1)
    ctx.services.pathways.save(sp)


def test_a_nurses_refused_move_is_shown_in_swedish(qtbot, signed_in, swedish, shown):
    ctx = UiContext(signed_in("nurse"), lang="sv", today=TODAY)
    view = make_view(qtbot, ctx)
    with reporting(view):
        nurse_moves_the_infusion_and_its_thaw(ctx)
    assert len(shown) == 1
    kind, title, text = shown[0]
    assert kind == ui_errors.WARNING
    assert "may not" not in text and "nurse (nurse)" not in text
    assert ("Nurse (sjuksköterska) får inte flytta den planerade tiden för upptiningen: "
            "bara en koordinator får göra det; inget har ändrats") in text
    assert text.startswith(title)


def test_the_exception_hook_shows_a_refusal_in_swedish_too(qtbot, signed_in, swedish, shown):
    ctx = UiContext(signed_in("nurse"), lang="sv", today=TODAY)
    try:
        nurse_moves_the_infusion_and_its_thaw(ctx)
    except Exception as exc:  # noqa: BLE001 - handed to the hook as Qt would
        ExceptionHook(lambda: None)(type(exc), exc, exc.__traceback__)
    assert len(shown) == 1
    assert "får inte flytta den planerade tiden för upptiningen" in shown[0][2]


def test_the_english_ui_shows_the_english_text(qtbot, signed_in, shown):
    ctx = UiContext(signed_in("nurse"), lang="en", today=TODAY)
    view = make_view(qtbot, ctx)
    with reporting(view):
        nurse_moves_the_infusion_and_its_thaw(ctx)
    assert ("Nurse (nurse) may not move the planned thaw: only a coordinator may; nothing was changed"
            in shown[0][2])
