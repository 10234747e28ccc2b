"""deploy/backup.sh and deploy/restore.sh against real PostgreSQL: a backup restored into a
fresh database holds the members, still readable with the same keys and with no other,
and the media; a restore without --yes, or from a changed backup, does nothing.

These run whatever database the rest of the suite uses, as long as PostgreSQL answers on
127.0.0.1:5432 (it does in CI), and make and drop databases of their own.
"""

import json
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BACKUP = REPO / "deploy" / "backup.sh"
RESTORE = REPO / "deploy" / "restore.sh"
SERVER = "postgres://postgres@127.0.0.1:5432"
# Trust authentication ignores it; it is here to prove no script ever prints it.
PASSWORD = "not-a-real-password-3141"

MEMBERS = [
    {"name": "Ŵyn Prŷs-Llâw Teifi", "email": "wyn.prys.teifi@example.org"},
    {"name": "Branwen ferch Llŷr", "email": "branwen@example.org"},
]

pytestmark = pytest.mark.skipif(
    not (shutil.which("pg_dump") and shutil.which("pg_restore")),
    reason="pg_dump and pg_restore (postgresql-client) are not installed",
)


def postgres_answers():
    import psycopg

    try:
        psycopg.connect(f"{SERVER}/postgres", connect_timeout=3).close()
    except psycopg.OperationalError:
        return False
    return True


def admin_sql(statement):
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def url(database):
    return f"postgres://postgres:{PASSWORD}@127.0.0.1:5432/{database}"


def manage(database, *arguments, **env):
    """Run `manage.py` against `database`, as the test settings do."""
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=REPO,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": url(database),
            **env,
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result


def django(database, code, **env):
    """Run code in `manage.py shell` against `database`; its last line of output is JSON."""
    result = manage(database, "shell", "--no-imports", "-c", code, **env)
    return json.loads(result.stdout.strip().splitlines()[-1])


def script(path, *arguments, **env):
    return subprocess.run(
        ["bash", str(path), *arguments],
        cwd=REPO,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


CREATE_MEMBERS = f"""
import json
from enrolment.models import Area, Member
references = []
for answers in {MEMBERS!r}:
    member = Member.objects.create(
        **answers, preferred_contact="email", email_safe=True, language="en",
        how_affected="victim_survivor", area=Area.objects.first(), status="active",
    )
    references.append(member.reference)
print(json.dumps(references))
"""

READ_MEMBERS = """
import json
from enrolment.models import Member
print(json.dumps({
    member.reference: {"name": member.name, "email": member.email}
    for member in Member.objects.order_by("pk")
}))
"""

READ_WITH_ANOTHER_KEY = """
import json
from cryptography.fernet import Fernet
from django.conf import settings
from core.crypto import DecryptionError
from enrolment.models import Member
settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
outcomes = []
for pk in Member.objects.order_by("pk").values_list("pk", flat=True):
    try:
        outcomes.append(Member.objects.get(pk=pk).name)
    except DecryptionError:
        outcomes.append("DecryptionError")
print(json.dumps(outcomes))
"""

READ_STORED_NAMES = """
import json
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("SELECT name FROM enrolment_member ORDER BY id")
    print(json.dumps([str(row[0]) for row in cursor.fetchall()]))
"""

LIST_TABLES = """
import json
from django.db import connection
print(json.dumps(connection.introspection.table_names()))
"""


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """A migrated database with two members, and a media folder with one file."""
    if not postgres_answers():
        pytest.skip("PostgreSQL does not answer on 127.0.0.1:5432")
    database = f"h_backup_src_{secrets.token_hex(4)}"
    admin_sql(f'CREATE DATABASE "{database}"')
    try:
        manage(database, "migrate", "--noinput")
        references = django(database, CREATE_MEMBERS)
        media = tmp_path_factory.mktemp("media")
        (media / "documents").mkdir()
        (media / "documents" / "terms-of-reference.txt").write_text("Cylch gorchwyl\n")
        yield {"database": database, "references": references, "media": media}
    finally:
        admin_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@pytest.fixture(scope="module")
def backup(source, tmp_path_factory):
    backups = tmp_path_factory.mktemp("backups")
    result = script(
        BACKUP,
        str(backups),
        DATABASE_URL=url(source["database"]),
        MEDIA_ROOT=str(source["media"]),
        AWS_STORAGE_BUCKET_NAME="",
    )
    assert result.returncode == 0, result.stderr
    (made,) = [path for path in backups.iterdir() if path.name.startswith("vsen-")]
    return {"path": made, "output": result.stdout + result.stderr, "dir": backups}


@pytest.fixture
def target():
    database = f"h_backup_tgt_{secrets.token_hex(4)}"
    admin_sql(f'CREATE DATABASE "{database}"')
    yield database
    admin_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def restore(backup_path, database, media, *options):
    return script(
        RESTORE,
        *options,
        str(backup_path),
        DATABASE_URL=url(database),
        MEDIA_ROOT=str(media),
        AWS_STORAGE_BUCKET_NAME="",
    )


def test_a_backup_holds_the_dump_the_media_and_their_checksums(backup):
    files = sorted(path.name for path in backup["path"].iterdir())
    assert files == ["SHA256SUMS", "database.dump", "media.tar.gz"]
    assert (backup["path"] / "database.dump").read_bytes().startswith(b"PGDMP")  # custom format
    assert PASSWORD not in backup["output"]
    assert "postgresql://postgres:****@127.0.0.1:5432/" in backup["output"]


def test_a_backup_restores_into_a_fresh_database_readable_with_the_same_keys(
    source, backup, target, tmp_path
):
    media = tmp_path / "restored-media"
    result = restore(backup["path"], target, media, "--yes")
    assert result.returncode == 0, result.stderr
    assert PASSWORD not in result.stdout + result.stderr

    restored = django(target, READ_MEMBERS)
    assert list(restored) == source["references"]
    assert list(restored.values()) == MEMBERS
    assert (media / "documents" / "terms-of-reference.txt").read_text() == "Cylch gorchwyl\n"

    # Stored encrypted: not readable without the keys, and no other key opens it.
    stored = django(target, READ_STORED_NAMES)
    for member, value in zip(MEMBERS, stored, strict=True):
        assert member["name"] not in value
    assert django(target, READ_WITH_ANOTHER_KEY) == ["DecryptionError", "DecryptionError"]


def test_restore_refuses_without_yes(backup, target, tmp_path):
    result = restore(backup["path"], target, tmp_path / "media")

    assert result.returncode != 0
    assert "--yes" in result.stderr
    assert PASSWORD not in result.stdout + result.stderr
    assert not (tmp_path / "media").exists()
    assert django(target, LIST_TABLES) == []


def test_restore_refuses_a_changed_backup(backup, target, tmp_path):
    tampered = tmp_path / backup["path"].name
    shutil.copytree(backup["path"], tampered)
    dump = tampered / "database.dump"
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))

    result = restore(tampered, target, tmp_path / "media", "--yes")

    assert result.returncode != 0
    assert "does not match its checksums" in result.stderr
    assert not (tmp_path / "media").exists()
    assert django(target, LIST_TABLES) == []


def test_old_backups_are_pruned_and_recent_ones_kept(source, backup):
    old = backup["dir"] / "vsen-20200101T000000Z"
    old.mkdir()
    os.utime(old, (0, 40 * 24 * 3600))  # 1970: far older than 30 days
    unrelated = backup["dir"] / "keep-me"
    unrelated.mkdir()
    os.utime(unrelated, (0, 0))

    result = script(
        BACKUP,
        DATABASE_URL=url(source["database"]),
        BACKUP_DIR=str(backup["dir"]),
        MEDIA_ROOT=str(source["media"]),
        AWS_STORAGE_BUCKET_NAME="",
    )

    assert result.returncode == 0, result.stderr
    assert not old.exists()
    assert unrelated.exists()
    assert backup["path"].exists()
    assert len([path for path in backup["dir"].iterdir() if path.name.startswith("vsen-")]) == 2


def test_settings_come_from_the_services_environment_file(source, tmp_path):
    """The systemd environment file is read, never run: media in a bucket is left to the
    bucket, and a value that would be a command in shell stays a value."""
    marker = tmp_path / "ran"
    env_file = tmp_path / "vsen.env"
    env_file.write_text(
        f"ADMINS=Operations <ops@example.org>\n"
        f"DATABASE_URL={url(source['database'])}\n"
        f"LOG_FORMAT=json; touch {marker}\n"
        f"AWS_STORAGE_BUCKET_NAME=network-media\n"
        f"BACKUP_DIR={tmp_path / 'backups'}\n"
    )

    result = script(
        BACKUP,
        "--env-file",
        str(env_file),
        DATABASE_URL="",
        AWS_STORAGE_BUCKET_NAME="",
        BACKUP_DIR="",
    )

    assert result.returncode == 0, result.stderr
    assert "object storage" in result.stdout
    assert not marker.exists()
    assert PASSWORD not in result.stdout + result.stderr
    (made,) = (tmp_path / "backups").glob("vsen-*")
    assert sorted(path.name for path in made.iterdir()) == ["SHA256SUMS", "database.dump"]


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"DATABASE_URL": ""}, "DATABASE_URL must be set"),
        ({"DATABASE_URL": "sqlite:////tmp/db.sqlite3"}, "PostgreSQL"),
        ({"BACKUP_KEEP_DAYS": "a month"}, "BACKUP_KEEP_DAYS"),
    ],
)
def test_backup_explains_bad_settings(tmp_path, environment, message):
    result = script(BACKUP, str(tmp_path), **{"DATABASE_URL": url("postgres"), **environment})

    assert result.returncode != 0
    assert message in result.stderr
    assert not list(tmp_path.glob("vsen-*"))
