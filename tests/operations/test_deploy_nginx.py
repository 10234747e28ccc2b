"""deploy/nginx run for real: nginx with the shipped files, in front of gunicorn started
with deploy/gunicorn.conf.py, checked on what the micro-cache keeps and what it never
keeps. The files are copied with local paths and ports (the replacements must all
apply, so a change to the files that breaks this copy fails here). Needs nginx
(`apt-get install nginx`); the purge test also needs libnginx-mod-http-cache-purge.
"""

import datetime
import http.client
import os
import shutil
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.support.network import free_port, wait_until

ROOT = Path(__file__).resolve().parents[2]
NGINX_DIR = ROOT / "deploy" / "nginx"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")
HASHED_CSS = "css/site.0123456789ab.css"

pytestmark = pytest.mark.skipif(
    not Path(NGINX).exists(), reason="nginx not installed (apt-get install nginx)"
)


def replace(text, old, new):
    assert old in text, f"deploy/nginx changed: {old!r} is gone; update this test's copy"
    return text.replace(old, new)


def self_signed_certificate(folder):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .sign(key, hashes.SHA256())
    )
    (folder / "fullchain.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    (folder / "privkey.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def render_nginx(work, app_port, http_port, https_port, purge_port):
    """Copies of deploy/nginx/*.conf pointing at `work`, and an nginx.conf around them."""
    conf = work / "conf"
    conf.mkdir()
    for folder in ("cache", "log", "tls", "var/static/css", "temp"):
        (work / folder).mkdir(parents=True)
    self_signed_certificate(work / "tls")
    (work / "var" / "static" / HASHED_CSS).write_text("body { color: black; }\n")
    with_purge = PURGE_MODULE.exists()

    cache = (NGINX_DIR / "cache.conf").read_text()
    cache = replace(cache, "/var/cache/nginx/vsen_pages", str(work / "cache"))
    (conf / "cache.conf").write_text(cache)
    (conf / "page-cache.conf").write_text((NGINX_DIR / "page-cache.conf").read_text())
    purge = (NGINX_DIR / "purge.conf").read_text()
    purge = replace(purge, "listen 127.0.0.1:8081;", f"listen 127.0.0.1:{purge_port};")
    (conf / "purge.conf").write_text(purge)

    site = (NGINX_DIR / "site.conf").read_text()
    site = replace(site, "/srv/vsen/deploy/nginx/", f"{conf}/")
    site = replace(site, "root /srv/vsen/var;", f"root {work / 'var'};")
    site = replace(site, "server 127.0.0.1:8000", f"server 127.0.0.1:{app_port}")
    site = replace(site, "/var/log/nginx/", f"{work / 'log'}/")
    site = replace(site, "/etc/letsencrypt/live/network.example.org/", f"{work / 'tls'}/")
    site = replace(site, "listen 80;", f"listen 127.0.0.1:{http_port};")
    site = replace(site, "listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
    site = replace(site, "listen [::]:80;", "")
    site = replace(site, "listen [::]:443 ssl http2;", "")
    if not with_purge:
        site = replace(site, f"include {conf}/purge.conf;", "")
    (conf / "site.conf").write_text(site)

    temp = work / "temp"
    (conf / "nginx.conf").write_text(
        (f"load_module {PURGE_MODULE};\n" if with_purge else "")
        # As root, nginx's workers would otherwise become `nobody`, who cannot read
        # pytest's private temporary folders.
        + ("user root;\n" if os.geteuid() == 0 else "")
        + f"daemon off;\npid {work / 'nginx.pid'};\nerror_log {work / 'log' / 'main.log'};\n"
        + "events { worker_connections 64; }\n"
        + "http {\n"
        + "    include /etc/nginx/mime.types;\n"
        + "    default_type application/octet-stream;\n"
        + f"    access_log {work / 'log' / 'main-access.log'};\n"
        + "".join(
            f"    {kind}_temp_path {temp / kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        + f"    include {conf / 'site.conf'};\n"
        + "}\n"
    )
    return conf / "nginx.conf"


def wait_for(url, process, what):
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start")
        time.sleep(0.3)


def wait_for_port(port, process, what):
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2):
                return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not start") from None
            time.sleep(0.2)


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """gunicorn (test settings, demo content) behind nginx with deploy/nginx's rules."""
    work = tmp_path_factory.mktemp("nginx")
    app_port, http_port, https_port, purge_port = (free_port() for _ in range(4))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{work / 'site.sqlite3'}",
        "TEST_MEDIA_ROOT": str(work / "media"),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "GUNICORN_BIND": f"127.0.0.1:{app_port}",
        "WEB_CONCURRENCY": "2",
        "TRUSTED_PROXY_COUNT": "1",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    subprocess.run([*manage, "load_demo_content", "-v0"], env=env, cwd=ROOT, check=True)
    nginx_conf = render_nginx(work, app_port, http_port, https_port, purge_port)
    checked = subprocess.run(
        [NGINX, "-t", "-p", str(work), "-e", str(work / "log" / "t.log"), "-c", str(nginx_conf)],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr

    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"], env=env, cwd=ROOT
    )
    nginx = None
    try:
        wait_for(f"http://127.0.0.1:{app_port}/healthz", gunicorn, "gunicorn")
        nginx = subprocess.Popen(
            [NGINX, "-p", str(work), "-e", str(work / "log" / "main.log"), "-c", str(nginx_conf)]
        )
        wait_for_port(https_port, nginx, "nginx")
        yield {"https": https_port, "http": http_port, "purge": purge_port, "log": work / "log"}
    finally:
        for process in (nginx, gunicorn):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)


def get(stack, path, method="GET", headers=None, body=None):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    connection = http.client.HTTPSConnection("127.0.0.1", stack["https"], context=context)
    try:
        connection.request(
            method, path, body=body, headers={"Host": "localhost", **(headers or {})}
        )
        response = connection.getresponse()
        response.read()
        return response
    finally:
        connection.close()


def cache_states(stack, path, times=3, **kwargs):
    return [get(stack, path, **kwargs).getheader("X-Micro-Cache") for _ in range(times)]


def test_the_shipped_configuration_passes_nginx_check(stack):
    # The fixture ran `nginx -t` on the copies and failed on any error; this shows it ran.
    assert (stack["log"]).is_dir()


def test_a_public_page_is_kept_after_the_first_request_in_each_language(stack):
    english = cache_states(stack, "/terms-of-reference/")
    welsh = cache_states(stack, "/cy/cylch-gorchwyl/")
    assert english[0] == "MISS" and "HIT" in english[1:]
    # The Welsh page is kept apart from the English one: its own first request misses.
    assert welsh[0] == "MISS" and "HIT" in welsh[1:]
    response = get(stack, "/terms-of-reference/")
    assert "public" in response.getheader("Cache-Control")


def test_the_join_form_is_never_kept(stack):
    for path in ("/join/", "/cy/ymuno/"):
        states = cache_states(stack, path)
        assert "HIT" not in states and "STALE" not in states, (path, states)


@pytest.mark.parametrize(
    "cookie",
    ["__Host-sessionid=abc", "sessionid=abc", "theme=dark; messages=abc", "messages=abc"],
)
def test_a_signed_in_or_messaged_visitor_bypasses_the_cache(stack, cookie):
    cache_states(stack, "/support/")  # kept for everyone else
    assert cache_states(stack, "/support/", headers={"Cookie": cookie}) == ["BYPASS"] * 3


def test_a_cookie_that_merely_ends_in_sessionid_does_not_bypass(stack):
    cache_states(stack, "/support/")
    assert get(stack, "/support/", headers={"Cookie": "notsessionid=1"}).getheader(
        "X-Micro-Cache"
    ) in ("HIT", "STALE", "UPDATING")


def test_a_post_is_never_answered_from_the_cache(stack):
    cache_states(stack, "/support/")
    response = get(stack, "/support/", method="POST", body=b"a=1")
    # Django answered (its CSRF check refused the post); nginx did not even look.
    assert response.status == 403
    assert response.getheader("X-Micro-Cache") is None


def test_the_admin_and_health_check_never_go_through_the_cache(stack):
    for path in ("/admin/login/", "/healthz"):
        for _ in range(2):
            response = get(stack, path)
            assert response.status == 200, path
            assert not response.getheader("X-Micro-Cache"), path


def test_static_files_with_a_hash_are_kept_for_a_year(stack):
    response = get(stack, "/static/" + HASHED_CSS)
    assert response.status == 200
    assert response.getheader("Cache-Control") == "public, max-age=31536000, immutable"


def test_plain_http_is_sent_to_https(stack):
    connection = http.client.HTTPConnection("127.0.0.1", stack["http"])
    connection.request("GET", "/support/?page=2", headers={"Host": "localhost"})
    response = connection.getresponse()
    assert response.status == 301
    assert response.getheader("Location") == "https://localhost/support/?page=2"


def test_the_access_log_holds_no_query_string_address_or_withdrawal_token(stack):
    get(stack, "/leave/a-secret-token-value/?email=someone@example.org")
    get(stack, "/cy/gadael/another-secret-token/")
    get(stack, "/search/?query=private+words")
    log_file = stack["log"] / "vsen.access.log"
    expected = ("GET /leave/- ", "GET /cy/gadael/- ", "GET /search/ ")
    # nginx writes the line after it has answered, so it can lag behind the response.
    wait_until(
        lambda: log_file.exists() and all(line in log_file.read_text() for line in expected),
        "nginx writing the three requests to its access log",
        seconds=10,
    )
    log = log_file.read_text()
    assert "GET /leave/- " in log and "GET /cy/gadael/- " in log and "GET /search/ " in log
    for secret in ("secret-token", "someone@example.org", "private", "127.0.0.1"):
        assert secret not in log


@pytest.mark.skipif(
    not PURGE_MODULE.exists(),
    reason="nginx cache purge module not installed (apt-get install libnginx-mod-http-cache-purge)",
)
def test_a_purge_from_an_allowed_address_removes_the_kept_page(stack):
    assert "HIT" in cache_states(stack, "/cy/cymorth/")
    connection = http.client.HTTPConnection("127.0.0.1", stack["purge"])
    connection.request("PURGE", "/cy/cymorth/", headers={"Host": "localhost"})
    assert connection.getresponse().status == 200
    assert get(stack, "/cy/cymorth/").getheader("X-Micro-Cache") == "MISS"

    connection = http.client.HTTPConnection("127.0.0.1", stack["purge"])
    connection.request("GET", "/cy/cymorth/", headers={"Host": "localhost"})
    assert connection.getresponse().status == 405
