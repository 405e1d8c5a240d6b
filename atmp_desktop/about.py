"""What the About dialog says, without Qt: the build, the catalogue and the bundled libraries.

* :func:`build_info` — the build date and commit baked into a frozen build
  (``installers/atmp-desktop.spec`` writes ``build-info.json`` into the
  bundle); ``None`` in a development checkout or an ordinary ``pip`` install.
* :func:`catalogue_info` — the shipped catalogue's version, transcription date,
  content digest and each source with the dates its entry names.
* :func:`bundled_libraries` — every distribution the application depends on
  (the closure of ``atmp-desktop``'s requirements), each with its version and
  licence, read from :mod:`importlib.metadata` at run time: in the frozen
  build the spec copies each one's metadata, so the list is the one shipped.
"""

from __future__ import annotations

import hashlib
import json
import platform
import re
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from atmp_desktop import __version__
from atmp_desktop.paths import resource_path

DISTRIBUTION = "atmp-desktop"
BUILD_INFO_FILE = "build-info.json"
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


# ======================================================================================= build


def frozen() -> bool:
    """True in the PyInstaller build (``sys.frozen``), False when run from Python."""
    return bool(getattr(sys, "frozen", False))


def build_info() -> dict[str, Any] | None:
    """The frozen build's ``build-info.json`` (``built``: ISO UTC time, ``commit``, ``platform``…), else None."""
    if not frozen():
        return None
    base = Path(getattr(sys, "_MEIPASS", Path(sys.executable).resolve().parent))
    try:
        return json.loads((base / BUILD_INFO_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


# =================================================================================== catalogue


@dataclass(frozen=True)
class Source:
    id: str
    kind: str
    dates: str  #: the catalogue's region/date text, e.g. "EU 2018, EU 2024" or "US (before 6/2025)"
    years: tuple[int, ...]


@dataclass(frozen=True)
class CatalogueInfo:
    format: str
    version: str
    transcribed: str
    digest: str  #: first 12 hex digits of the file's SHA-256: two installations compare exactly
    products: int
    sources: tuple[Source, ...]

    @property
    def years(self) -> tuple[int, int] | None:
        every = [y for s in self.sources for y in s.years]
        return (min(every), max(every)) if every else None

    @property
    def undated(self) -> int:
        return sum(1 for s in self.sources if not s.years)


def catalogue_info(path: Path | None = None) -> CatalogueInfo:
    """Facts about the shipped catalogue (``resources/products.json``)."""
    raw = (path or resource_path("products.json")).read_bytes()
    data = json.loads(raw)
    sources = tuple(
        Source(key, str(entry.get("kind", "")), str(entry.get("region", "")),
               tuple(sorted({int(y) for y in _YEAR.findall(str(entry.get("region", "")))})))
        for key, entry in data.get("sources", {}).items())
    return CatalogueInfo(format=str(data.get("format", "")), version=str(data.get("version", "")),
                         transcribed=str(data.get("transcribed", "")),
                         digest=hashlib.sha256(raw).hexdigest()[:12], products=len(data.get("products", ())),
                         sources=sources)


# =================================================================================== libraries


@dataclass(frozen=True)
class Library:
    name: str
    version: str
    licence: str
    summary: str


def _requirement_name(requirement: str) -> str | None:
    """The distribution a requirement names, or None when it belongs to an extra (tests, build)."""
    name, _, marker = requirement.partition(";")
    if "extra" in marker:
        return None
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", name)
    return match.group(1) if match else None


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def licence_of(meta: Any) -> str:
    """A distribution's licence: its SPDX expression, else its licence classifiers, else its ``License`` field."""
    expression = (meta.get("License-Expression") or "").strip()
    if expression:
        return expression
    classified = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or ()
                  if c.startswith("License ::") and c.strip() != "License :: OSI Approved"]
    if classified:
        return ", ".join(classified)
    field = (meta.get("License") or "").strip()
    if field and "\n" not in field and len(field) <= 80:
        return field
    if field:  # the whole licence text: its first line names it
        return field.splitlines()[0].strip()[:80]
    return "unknown"


def dependency_names(root: str = DISTRIBUTION) -> list[str]:
    """The distributions *root* needs to run (its requirements' closure, extras left out), sorted by name."""
    seen: dict[str, str] = {}
    todo = [root]
    while todo:
        name = todo.pop()
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a requirement for another platform (its marker), or not installed
        key = _normal(dist.metadata["Name"])
        if key in seen:
            continue
        seen[key] = dist.metadata["Name"]
        todo.extend(n for n in map(_requirement_name, dist.requires or ()) if n)
    seen.pop(_normal(root), None)
    return sorted(seen.values(), key=str.lower)


def bundled_libraries(root: str = DISTRIBUTION) -> list[Library]:
    """Python itself and every library the application runs on, with version and licence."""
    out = [Library("Python", platform.python_version(), "PSF-2.0", "the Python interpreter")]
    for name in dependency_names(root):
        meta = metadata.metadata(name)
        out.append(Library(meta["Name"], meta["Version"], licence_of(meta), (meta.get("Summary") or "").strip()))
    return out


def application_version(root: str = DISTRIBUTION) -> str:
    """The installed distribution's version (the package's ``__version__`` when there is no metadata)."""
    try:
        return metadata.version(root)
    except metadata.PackageNotFoundError:
        return __version__
