"""Where the application's own files are: shipped resources (not user data)."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
#: ``resources/`` beside the package (the repository root, or the frozen bundle).
RESOURCES_DIR = PACKAGE_DIR.parent / "resources"


def resource_path(*parts: str) -> Path:
    return RESOURCES_DIR.joinpath(*parts)
