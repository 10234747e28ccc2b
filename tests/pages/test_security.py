"""Content Security Policy, production settings, and the staff groups."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "SECRET_KEY": "a-long-random-test-value-" + "x" * 40,
    "ALLOWED_HOSTS": "network.example.org",
    "DATABASE_URL": "sqlite:///" + str(ROOT / "var" / "unused.sqlite3"),
    "WAGTAILADMIN_BASE_URL": "https://network.example.org",
    "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
    "FIELD_BLIND_INDEX_KEY": "b" * 48,
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def run_manage(*args, env):
    clean = {key: value for key, value in os.environ.items() if key not in PRODUCTION_ENV}
    clean["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_public_pages_have_a_strict_policy_without_a_nonce(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert "nonce" not in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "nonce=" not in response.content.decode()


def test_no_inline_script_or_style_on_public_pages(client):
    from tests.html import parse

    for url in ("/", "/cy/cymorth/", "/terms-of-reference/", "/search/?q=x"):
        soup = parse(client.get(url))
        assert all(script.get("src") for script in soup.find_all("script")), url
        assert not soup.find_all("style"), url
        assert not soup.select("[style]"), url


def test_the_admin_gets_its_relaxed_policy(staff_client):
    policy = staff_client("superuser").get("/admin/")["Content-Security-Policy"]
    assert "'unsafe-inline'" in policy


@pytest.mark.parametrize(
    "missing",
    [
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "WAGTAILADMIN_BASE_URL",
        "FIELD_ENCRYPTION_KEYS",
        "FIELD_BLIND_INDEX_KEY",
        "REDIS_URL",
    ],
)
def test_production_refuses_to_start_without(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("FIELD_ENCRYPTION_KEYS", "not-a-fernet-key"),
        # The development key, which is public in this repository.
        ("FIELD_ENCRYPTION_KEYS", "ZGV2LW9ubHktdGhyb3dhd2F5LWtleS1kby1ub3QtdXM="),
        ("FIELD_BLIND_INDEX_KEY", "too-short"),
    ],
)
def test_production_refuses_unusable_member_data_keys(variable, value):
    result = run_manage("check", env={**PRODUCTION_ENV, variable: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_production_passes_the_deploy_check():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_three_staff_groups_exist_with_their_rights():
    groups = {group.name: group for group in Group.objects.all()}
    assert {"Engagement team", "Communications team", "Translators"} <= set(groups)
    assert "Moderators" not in groups and "Editors" not in groups

    def codenames(name):
        return set(groups[name].permissions.values_list("codename", flat=True))

    def page_rights(name):
        return set(groups[name].page_permissions.values_list("permission__codename", flat=True))

    assert "access_admin" in codenames("Engagement team")
    assert {"view_member", "change_member", "export_member"} <= codenames("Engagement team")
    for other in ("Communications team", "Translators"):
        assert not {c for c in codenames(other) if c.endswith("member")}, other
    assert page_rights("Engagement team") == set()
    assert {"add_supportservice", "change_supportservice"} <= codenames("Communications team")
    # Review before publishing: the communications team drafts, reviewers publish.
    assert {"add_page", "change_page"} <= page_rights("Communications team")
    assert "publish_page" not in page_rights("Communications team")
    assert "publish_page" in page_rights("Reviewers")
    assert "submit_translation" in codenames("Translators")
    assert "publish_page" not in page_rights("Translators")
