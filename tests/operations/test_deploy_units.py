"""deploy/systemd and deploy/Procfile: the units pass systemd's own check, and every
command they run is a management command that exists, with options it accepts."""

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class

ROOT = Path(__file__).resolve().parents[2]
UNITS = ROOT / "deploy" / "systemd"
SYSTEMD_ANALYZE = shutil.which("systemd-analyze")


def manage_commands(lines):
    """(command, [options]) for each `manage.py <command> ...` in the given lines."""
    found = []
    for line in lines:
        for match in re.finditer(r"manage\.py ([a-z_]+)([^&\n]*)", line):
            found.append((match.group(1), shlex.split(match.group(2))))
    return found


def unit_commands():
    lines = []
    for unit in sorted(UNITS.glob("*.service")):
        lines += [line for line in unit.read_text().splitlines() if line.startswith("Exec")]
    return manage_commands(lines)


def procfile_commands():
    return manage_commands((ROOT / "deploy" / "Procfile").read_text().splitlines())


def test_the_daily_service_runs_the_retention_commands():
    daily = [
        name for name, _ in manage_commands((UNITS / "vsen-daily.service").read_text().splitlines())
    ]
    assert daily == [
        "lapse_memberships",
        "ask_for_renewals",
        "purge_expired_members",
        "clearsessions",
        "prune_db_task_results",
        "tell_waiting_participants",
        "send_invitation_reminders",
    ]


@pytest.mark.parametrize(
    ("name", "options"),
    unit_commands() + procfile_commands(),
    ids=lambda value: value if isinstance(value, str) else " ".join(value),
)
def test_every_command_exists_and_accepts_its_options(name, options, settings):
    # The production queue, which the worker and the pruning commands check for.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    commands = get_commands()
    assert name in commands, f"deploy/ runs manage.py {name}, which does not exist"
    parser = load_command_class(commands[name], name).create_parser("manage.py", name)
    parser.parse_args(options)  # exits (fails the test) on an unknown option


@pytest.mark.skipif(not SYSTEMD_ANALYZE, reason="systemd-analyze not installed")
def test_the_units_pass_systemd_analyze_verify(tmp_path):
    # Point the units at this checkout, so the programs they start exist.
    for unit in UNITS.iterdir():
        (tmp_path / unit.name).write_text(unit.read_text().replace("/srv/vsen", str(ROOT)))
    result = subprocess.run(
        [SYSTEMD_ANALYZE, "verify", *sorted(str(path) for path in tmp_path.iterdir())],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    # Unknown keys and bad values are warnings, not failures: none is allowed.
    assert str(tmp_path) not in result.stderr, result.stderr
