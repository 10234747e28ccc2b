"""The headers and cookies production sends, read from real responses made with the
production settings (in a separate process, over HTTPS as the proxy reports it)."""

import json
import os
import subprocess
import sys

import pytest

from tests.pages.test_security import PRODUCTION_ENV, ROOT, run_manage

# Requests made inside the production process; prints what each response carried.
REQUESTS = """
import json
from django.test import Client
client = Client(HTTP_HOST="network.example.org", HTTP_X_FORWARDED_PROTO="https")
out = {}
for url in ("/", "/cy/", "/join/", "/admin/login/", "/healthz"):
    response = client.get(url)
    out[url] = {
        "status": response.status_code,
        "headers": dict(response.items()),
        "cookies": {
            name: {"secure": bool(c["secure"]), "path": c["path"], "domain": c["domain"],
                   "httponly": bool(c["httponly"]), "samesite": c["samesite"]}
            for name, c in response.cookies.items()
        },
    }
plain = Client(HTTP_HOST="network.example.org").get("/support/")
out["http"] = {"status": plain.status_code, "location": plain.get("Location", "")}
print("RESULT" + json.dumps(out))
"""


@pytest.fixture(scope="module")
def production_run(tmp_path_factory):
    """What the production process answered, or why it could not answer.

    A failure is kept rather than raised here: pytest 9 cannot set up a module-scoped
    fixture again after its set-up raised, and would report its own internal error on
    every later test instead of this reason.
    """
    try:
        return {"answers": ask_production(tmp_path_factory.mktemp("production"))}
    except (AssertionError, OSError, StopIteration, subprocess.SubprocessError) as failure:
        return {"failure": f"{type(failure).__name__}: {failure}"}


@pytest.fixture
def production(production_run):
    if "failure" in production_run:
        pytest.fail(f"the production process did not answer: {production_run['failure']}")
    return production_run["answers"]


def ask_production(folder):
    env = {
        **PRODUCTION_ENV,
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
    }
    collected = run_manage("collectstatic", "--noinput", env=env)
    assert collected.returncode == 0, collected.stderr
    migrated = run_manage("migrate", "--noinput", env=env)
    assert migrated.returncode == 0, migrated.stderr
    # Production has no demo app: the test settings load the demo into the same database
    # and media folder.
    loaded = subprocess.run(
        [sys.executable, "manage.py", "load_demo_content"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": env["DATABASE_URL"],
            "TEST_MEDIA_ROOT": env["MEDIA_ROOT"],
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert loaded.returncode == 0, loaded.stderr
    result = run_manage("shell", "-c", REQUESTS, env=env)
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT"))
    return json.loads(line[len("RESULT") :])


PAGES = ["/", "/cy/", "/join/", "/admin/login/", "/healthz"]


@pytest.mark.parametrize("url", PAGES)
def test_every_answer_carries_the_security_headers(production, url):
    answer = production[url]
    assert answer["status"] == 200, url
    headers = answer["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "report-uri /csp-report" in headers["Content-Security-Policy"]


@pytest.mark.parametrize("url", ["/", "/cy/", "/join/"])
def test_public_pages_have_the_strict_policy_without_a_nonce(production, url):
    policy = production[url]["headers"]["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert "nonce" not in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_only_the_admin_gets_the_relaxed_policy(production):
    assert "'unsafe-inline'" in production["/admin/login/"]["headers"]["Content-Security-Policy"]


def test_cookies_are_host_only_and_secure(production):
    cookies = production["/join/"]["cookies"]
    assert set(cookies) == {"__Host-csrftoken"}
    csrf = cookies["__Host-csrftoken"]
    # What browsers require of a __Host- cookie: Secure, Path=/, and no Domain.
    assert csrf["secure"] and csrf["path"] == "/" and not csrf["domain"]
    assert csrf["httponly"] and csrf["samesite"] == "Lax"


def test_plain_http_is_sent_to_https(production):
    assert production["http"]["status"] == 301
    assert production["http"]["location"] == "https://network.example.org/support/"


def test_the_deploy_check_is_clean_with_the_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def production_setting(code, **env):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os, sys; sys.path.insert(0, 'site');"
            "os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings.production';"
            f"django.setup(); from django.conf import settings; print({code})",
        ],
        cwd=ROOT,
        env={**PRODUCTION_ENV, "PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("env", "host"),
    [
        (
            {"AWS_S3_CUSTOM_DOMAIN": "media.network.example.org"},
            "https://media.network.example.org",
        ),
        ({"AWS_S3_ENDPOINT_URL": "https://objects.example.net"}, "https://objects.example.net"),
        ({"AWS_S3_REGION_NAME": "eu-west-2"}, "https://vsen-media.s3.eu-west-2.amazonaws.com"),
    ],
)
def test_media_on_object_storage_is_allowed_by_the_policy(env, host):
    env = {"AWS_STORAGE_BUCKET_NAME": "vsen-media", **env}
    backend = production_setting("settings.STORAGES['default']['BACKEND']", **env)
    assert backend == "storages.backends.s3.S3Storage"
    sources = production_setting("settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']", **env)
    assert repr(host) in sources
    assert production_setting("settings.STORAGES['default']['BACKEND']") == (
        "django.core.files.storage.FileSystemStorage"
    )


def test_the_update_check_and_gravatar_are_off():
    assert production_setting(
        "settings.WAGTAIL_ENABLE_UPDATE_CHECK, settings.WAGTAIL_GRAVATAR_PROVIDER_URL"
    ).split() == ["False", "None"]
