"""ATMP Pathway Planner: plan and check CAR-T treatment pathways."""

__version__ = "0.1.0"
APP_NAME = "ATMP Pathway Planner"
