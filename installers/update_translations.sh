#!/usr/bin/env bash
# Collect the UI's tr() strings into resources/translations/atmp_sv.ts, fill in
# the Swedish phrases from resources/translations/sv/*.json, and compile the
# .qm file the application loads.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/pyside6-lupdate -no-obsolete atmp_desktop/ui/*.py -ts resources/translations/atmp_sv.ts >/dev/null
.venv/bin/python installers/fill_translations.py
.venv/bin/pyside6-lrelease resources/translations/atmp_sv.ts -qm resources/translations/atmp_sv.qm >/dev/null
