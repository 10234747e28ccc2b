"""The configuration table (docs/configuration.md) stays true: every environment variable
the code and the deployment files read is in it, and everything in it is read somewhere."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONFIGURATION_DOC = ROOT / "docs" / "configuration.md"

# Where the application and its deployment read the environment. deploy/bench.py is a
# benchmark, not part of a deployment: its variables are documented with `make bench`.
SCANNED = ["site", "enrolment", "impact", "deploy"]
NOT_SCANNED = {ROOT / "deploy" / "bench.py"}

# os.environ.get("X", ...), os.environ["X"], os.environ.setdefault("X", ...),
# os.getenv("X"), and production's required("X").
PYTHON_READ = re.compile(
    r"""(?:environ\.get|environ\.setdefault|getenv|\brequired)\(\s*["']([A-Z][A-Z0-9_]*)["']"""
    r"""|environ\[\s*["']([A-Z][A-Z0-9_]*)["']\s*\]"""
)
# ${X:-default}, ${X:?message} and ${X-default} in shell scripts.
SHELL_READ = re.compile(r"\$\{([A-Z][A-Z0-9_]*):?[-?=]")

# Read by libraries rather than by this project's code (boto3, for django-storages).
READ_BY_LIBRARIES = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}


def variables_read_in(text, pattern):
    return {name for match in pattern.finditer(text) for name in match.groups() if name}


def variables_read_by_code():
    found = {}
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*")):
            if path in NOT_SCANNED or not path.is_file():
                continue
            if path.suffix == ".py":
                pattern = PYTHON_READ
            elif path.suffix == ".sh":
                pattern = SHELL_READ
            else:
                continue
            for name in variables_read_in(path.read_text(encoding="utf-8"), pattern):
                found.setdefault(name, path.relative_to(ROOT).as_posix())
    return found


def configuration_table():
    """The environment-variable table: the rows under its `| variable |` header."""
    text = CONFIGURATION_DOC.read_text(encoding="utf-8")
    start = text.index("\n| variable | meaning | default |\n")
    end = text.find("\n\n", start + 1)
    return text[start : end if end != -1 else len(text)]


def variables_in_table(section):
    """Names in backticks in the first column of the table's rows."""
    names = set()
    for line in section.splitlines():
        if line.startswith("| `"):
            first_cell = line.split("|")[1]
            names.update(re.findall(r"`([A-Z][A-Z0-9_]*)`", first_cell))
    return names


def test_the_scan_finds_how_the_code_reads_the_environment():
    sample = (
        'os.environ.get("ONE", "x")\nos.environ["TWO"]\nrequired("THREE")\n'
        'os.environ.setdefault(\n    "FOUR", "y"\n)\nos.getenv("FIVE")\nsettings.SIX\n'
    )
    assert variables_read_in(sample, PYTHON_READ) == {"ONE", "TWO", "THREE", "FOUR", "FIVE"}
    assert variables_read_in('d="${BACKUP_DIR:-/var}" ${KEY:?set it} ${local}', SHELL_READ) == {
        "BACKUP_DIR",
        "KEY",
    }
    found = variables_read_by_code()
    # The settings and the gunicorn configuration are both seen.
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "GUNICORN_BIND"} <= set(found)


def test_the_table_is_found():
    table = variables_in_table(configuration_table())
    # The first and the last rows, so a table cut short by a stray blank line is noticed.
    assert {"DJANGO_SETTINGS_MODULE", "TEST_MEDIA_ROOT"} <= table


def test_every_environment_variable_the_code_reads_is_in_the_table():
    table = variables_in_table(configuration_table())
    missing = {name: where for name, where in variables_read_by_code().items() if name not in table}
    assert not missing, f"Add these to the table in docs/configuration.md: {missing}"


def test_every_variable_in_the_table_is_read_somewhere():
    table = variables_in_table(configuration_table())
    stale = table - set(variables_read_by_code()) - READ_BY_LIBRARIES
    assert not stale, f"The table in docs/configuration.md lists variables nothing reads: {stale}"
