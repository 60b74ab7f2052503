"""An option that several commands take means and reads the same in each of them."""

from collections import defaultdict
from pathlib import Path

import typer

from tui.cli import app

SHARED = ("db", "analyst", "config", "target")
FILTERS = ("speaker", "outlet", "kind", "stance", "status", "include_rejected")
FILTERING = ("export", "sample create")


def commands(group, prefix: str = "") -> dict:
    """Every command by its full name ('sample create'), groups walked through."""
    found = {}
    for name, command in group.commands.items():
        path = f"{prefix}{name}"
        if hasattr(command, "commands"):
            found.update(commands(command, f"{path} "))
        else:
            found[path] = command
    return found


def option_readings(names: tuple[str, ...], only: tuple[str, ...] | None = None):
    """For each option name: the distinct (help, metavar, default) across commands."""
    readings = defaultdict(set)
    for path, command in commands(typer.main.get_command(app)).items():
        if only is not None and path not in only:
            continue
        for param in command.params:
            if param.name in names and not getattr(param, "hidden", False):
                readings[param.name].add((param.help, param.metavar, str(param.default)))
    return readings


def test_db_analyst_config_and_stance_target_read_the_same_in_every_command():
    readings = option_readings(SHARED)
    assert set(readings) == set(SHARED)
    for name, seen in readings.items():
        assert len(seen) == 1, f"--{name} differs between commands: {sorted(seen)}"


def test_every_command_defaults_to_the_same_database_file():
    (db,) = option_readings(("db",))["db"]
    assert db[2] == str(Path("data.db"))


def test_the_quote_filters_read_the_same_in_export_and_sample_create():
    readings = option_readings(FILTERS, only=FILTERING)
    assert set(readings) == set(FILTERS)
    for name, seen in readings.items():
        assert len(seen) == 1, f"--{name} differs between export and sample create: {seen}"


def test_ingest_and_extract_read_their_options_the_same():
    readings = option_readings(
        ("outlet", "jobs", "cluster", "tagger", "urls", "cache"), only=("ingest", "extract")
    )
    for name, seen in readings.items():
        assert len(seen) == 1, f"--{name} differs between ingest and extract: {seen}"
