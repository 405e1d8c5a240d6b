"""Commands over the local store (filled in with the store)."""

from __future__ import annotations

import argparse
from typing import Any, Callable


def register(sub: Any, lang: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add the store's commands to the command line."""


def check_stored(args: argparse.Namespace) -> int:
    from atmp_desktop.cli import UserError

    raise UserError("checking stored pathways needs the local store, which this version does not have yet")
