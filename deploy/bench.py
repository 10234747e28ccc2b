#!/usr/bin/env python3
"""`make bench`: how fast the site is on this machine, against PostgreSQL and Redis.

A benchmark, not a test: run it by hand (or `make bench`), read the table, and copy the
figures into docs/performance.md. It:

1. recreates the database `vsen_bench` (nothing else is dropped), migrates it and loads
   the demo content; empties Redis database 1;
2. serves the site with gunicorn (2 workers, production settings, throwaway keys made
   for this run) on 127.0.0.1, first with the page cache off, then on;
3. loads it with wrk: the home page uncached and cached, /robots.txt (a constant Django
   view: the framework's floor) and, where nginx is installed, the home page through
   nginx's micro-cache (deploy/nginx/) and nginx serving a static file;
4. sends 1,000 enrolment forms, 16 at a time, and counts the members that arrived;
5. generates 50,000 members and times the staff member list as a signed-in engagement
   team member who has passed two-factor sign-in.

It prints a table with pass or fail against the performance targets and writes
var/bench/latest.json.
Every process it starts is stopped at the end, whatever happens.

Environment: BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432), BENCH_REDIS_URL
(default redis://127.0.0.1:6379/1), BENCH_SECONDS (wrk seconds per run, default 10),
BENCH_REPEATS (wrk runs per scenario, the median kept; default 3),
BENCH_CONNECTIONS (default 16), BENCH_MEMBERS (default 50000).
"""

import concurrent.futures
import datetime
import http.client
import json
import logging
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
RESULTS_FILE = ROOT / "var" / "bench" / "latest.json"
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
NGINX_HTTP_CONF = ROOT / "deploy" / "nginx" / "cache.conf"
NGINX_LOCATION_CONF = ROOT / "deploy" / "nginx" / "page-cache.conf"

POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
DATABASE_NAME = "vsen_bench"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/1")
WRK_SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
WRK_WARM_UP_SECONDS = 2
WRK_CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
WRK_THREADS = 2
WRK_REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
GUNICORN_WORKERS = 2
ENROLMENTS = 1000
ENROLMENT_CONCURRENCY = 16
MEMBERS = int(os.environ.get("BENCH_MEMBERS", "50000"))
MEMBER_LIST_REQUESTS = 20

PAGE = "/"  # the home page: menus, help strip, stories, support services
FLOOR = "/robots.txt"
HOST = "127.0.0.1"

# The performance targets (docs/performance.md).
TARGET_UNCACHED_CPU_MS = 10
TARGET_CACHED_SHARE_OF_FLOOR = 0.80
TARGET_MICRO_CACHED_SHARE_OF_STATIC = 0.50
TARGET_ENROLMENT_P95_MS = 300
TARGET_MEMBER_LIST_MS = 300


class BenchError(Exception):
    """Something the bench needs is missing or broken: said plainly, no traceback."""


def say(text=""):
    print(text, flush=True)


# --- the machine and the services ------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def missing_tools():
    """{tool: how to install it} for the system tools that are not here."""
    wanted = {
        "wrk": "apt-get install wrk (or build it from https://github.com/wg/wrk)",
        "nginx": "apt-get install nginx",
    }
    return {tool: hint for tool, hint in wanted.items() if not find_tool(tool)}


def find_tool(name):
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/local/sbin:/sbin")


def check_services():
    import psycopg
    import redis

    try:
        with psycopg.connect(f"{POSTGRES_URL}/postgres", connect_timeout=5) as conn:
            version = conn.execute("SHOW server_version").fetchone()[0]
    except psycopg.Error as error:
        raise BenchError(
            f"PostgreSQL does not answer at {POSTGRES_URL} ({error}). Start it, or set "
            "BENCH_POSTGRES_URL."
        ) from None
    try:
        client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=5)
        redis_version = client.info("server")["redis_version"]
        client.flushdb()
    except redis.RedisError as error:
        raise BenchError(
            f"Redis does not answer at {REDIS_URL} ({error}). Start it, or set BENCH_REDIS_URL."
        ) from None
    return {"postgresql": version, "redis": redis_version}


def machine(versions):
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    nginx = find_tool("nginx")
    wrk = find_tool("wrk")
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        # Other work on the machine competes with the run: its load, as the run starts.
        "load_average_at_start": [round(load, 2) for load in os.getloadavg()],
        "postgresql": versions["postgresql"],
        "redis": versions["redis"],
        "nginx": tool_version([nginx, "-v"]).split("/")[-1] if nginx else None,
        "wrk": " ".join(tool_version([wrk, "-v"]).split()[1:2]) if wrk else None,
    }


def tool_version(command):
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    return (done.stdout + done.stderr).strip().splitlines()[0]


# --- the site under test ---------------------------------------------------------------------


def site_environment(workdir):
    """Production settings with keys made for this run alone."""
    from cryptography.fernet import Fernet

    environment = dict(os.environ)
    for name in ("PAGE_CACHE_SECONDS", "AWS_STORAGE_BUCKET_NAME", "FRONTEND_CACHE_PURGE_URL"):
        environment.pop(name, None)
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "FIELD_BLIND_INDEX_KEY": secrets.token_urlsafe(48),
            "ALLOWED_HOSTS": HOST,
            "WAGTAILADMIN_BASE_URL": f"http://{HOST}",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": f"{POSTGRES_URL}/{DATABASE_NAME}",
            "REDIS_URL": REDIS_URL,
            "STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
            # Raised for the run: 1,000 forms from one address, sent without waiting.
            "ENROLMENT_RATE_LIMIT": "1000000",
            "ENROLMENT_MIN_SECONDS": "0",
            "RECAPTCHA_PUBLIC_KEY": "",
            "RECAPTCHA_PRIVATE_KEY": "",
        }
    )
    return environment


def recreate_database():
    import psycopg

    with psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')


def set_up_django(environment):
    """Django in this process too, on the same database and keys as the servers: for
    migrating, loading content, generating members and counting rows."""
    os.environ.update(environment)
    for path in (str(ROOT / "site"), str(ROOT)):
        if path not in sys.path:
            sys.path.insert(0, path)
    import django
    from django.core.management import call_command

    django.setup()
    # The demo content logs every page it publishes; only problems matter here.
    logging.disable(logging.INFO)
    say("Migrating, compiling the Welsh catalogue, collecting static files, loading demo content…")
    call_command("migrate", verbosity=0, interactive=False)
    call_command("compile_translations", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    call_command("load_demo_content", verbosity=0)
    from django.db import connections

    connections.close_all()


class Gunicorn:
    """gunicorn with the project's configuration, 2 workers, on a free local port."""

    def __init__(self, environment, workdir, name, page_cache=True):
        self.port = free_port()
        self.environment = dict(environment)
        if not page_cache:
            self.environment["PAGE_CACHE_SECONDS"] = "0"
        self.log_path = workdir / f"gunicorn-{name}.log"
        self.process = None

    def __enter__(self):
        command = [str(VENV_BIN / "gunicorn"), "--pythonpath", str(ROOT / "site")]
        if GUNICORN_CONF.exists():
            command += ["--config", str(GUNICORN_CONF)]
        command += [
            # The configuration replaces each worker after ~1,000 requests; under load that
            # is every few seconds, and a replacement's start-up would be measured instead
            # of the requests. Off for the run (the CPU of replaced workers still counts).
            "--max-requests",
            "0",
            "--workers",
            str(GUNICORN_WORKERS),
            "--bind",
            f"{HOST}:{self.port}",
            "config.wsgi",
        ]
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen(  # noqa: S603
            command,
            cwd=ROOT,
            env=self.environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_until_up(self.port, "/healthz", self.process, self.log_path)
        return self

    def __exit__(self, *exc):
        stop(self.process)
        self.log.close()

    def cpu_seconds(self):
        """CPU used so far by the workers, including any worker already replaced (the
        master collects a finished worker's time as its children's time)."""
        ticks = os.sysconf("SC_CLK_TCK")
        master = proc_stat(self.process.pid)
        total = master["cutime"] + master["cstime"]
        for pid in child_pids(self.process.pid):
            stat = proc_stat(pid)
            total += stat["utime"] + stat["stime"]
        return total / ticks


def proc_stat(pid):
    # The command name (field 2) can hold spaces; everything after its ")" is numeric.
    text = Path(f"/proc/{pid}/stat").read_text()
    fields = text[text.rindex(")") + 2 :].split()
    # Fields 14-17 of proc(5), counted from the state (field 3) at index 0.
    return {
        "ppid": int(fields[1]),
        "utime": int(fields[11]),
        "stime": int(fields[12]),
        "cutime": int(fields[13]),
        "cstime": int(fields[14]),
    }


def child_pids(parent):
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if proc_stat(int(entry.name))["ppid"] == parent:
                    children.append(int(entry.name))
            except (FileNotFoundError, ProcessLookupError, ValueError):
                continue
    return children


def wait_until_up(port, path, process, log_path, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"The server stopped at start-up; see {log_path}:\n{tail(log_path)}")
        try:
            status, _, _ = request("GET", port, path)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise BenchError(f"The server did not answer within {timeout} s; see {log_path}")


def tail(path, lines=20):
    return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])


def stop(process):
    """Stop a process this script started, and the processes it started (its own group)."""
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


class Nginx:
    """nginx in front of a gunicorn, with the project's cache rules (deploy/nginx/), its
    own prefix, logs and cache directory in the run's temporary directory."""

    def __init__(self, workdir, upstream_port, static_root):
        self.port = free_port()
        self.prefix = workdir / "nginx"
        self.upstream_port = upstream_port
        self.static_root = static_root
        self.process = None

    def config(self):
        user = ""
        if os.geteuid() == 0:
            # Run as root, nginx's workers would switch to "nobody", who cannot read the
            # run's private temporary directory.
            user = "user root;"
        # The server block follows deploy/nginx/site.conf (plain HTTP on a local port, no
        # TLS): the same compression, static file rules and page location.
        return f"""
{user}
worker_processes {GUNICORN_WORKERS};
pid {self.prefix}/nginx.pid;
error_log {self.prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    client_body_temp_path {self.prefix}/client_body;
    proxy_temp_path {self.prefix}/proxy;
    fastcgi_temp_path {self.prefix}/fastcgi;
    uwsgi_temp_path {self.prefix}/uwsgi;
    scgi_temp_path {self.prefix}/scgi;

    include {self.http_conf()};

    upstream vsen_app {{
        least_conn;
        server {HOST}:{self.upstream_port} max_fails=3 fail_timeout=10s;
    }}

    server {{
        listen {HOST}:{self.port};
        server_name {HOST};

        gzip on;
        gzip_comp_level 5;
        gzip_min_length 512;
        gzip_proxied any;
        gzip_vary on;
        gzip_types text/css text/plain text/xml application/javascript application/json
                   application/xml application/rss+xml image/svg+xml;

        location /static/ {{
            root {self.static_root.parent};
            gzip_static on;
            expires 60s;
            location ~ "\\.[0-9a-f]{{12}}\\.[A-Za-z0-9]+$" {{
                expires off;
                add_header Cache-Control "public, max-age=31536000, immutable";
            }}
        }}

        location / {{
            include {NGINX_LOCATION_CONF};
        }}
    }}
}}
"""

    def http_conf(self):
        """cache.conf as written, with its cache directory moved into this run's prefix,
        so the bench never writes to the machine's own nginx cache."""
        text = NGINX_HTTP_CONF.read_text()
        copy = self.prefix / "cache.conf"
        copy.write_text(
            re.sub(r"proxy_cache_path\s+\S+", f"proxy_cache_path {self.prefix}/cache", text)
        )
        return copy

    def __enter__(self):
        self.prefix.mkdir()
        conf = self.prefix / "nginx.conf"
        conf.write_text(self.config())
        nginx = find_tool("nginx")
        check = subprocess.run(  # noqa: S603
            [nginx, "-t", "-p", str(self.prefix), "-c", str(conf)],
            capture_output=True,
            text=True,
            check=False,
        )
        if check.returncode:
            raise BenchError(f"nginx refused the configuration {conf}:\n{check.stderr}")
        self.process = subprocess.Popen(  # noqa: S603
            [nginx, "-p", str(self.prefix), "-c", str(conf), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=(self.prefix / "stderr.log").open("w"),
            start_new_session=True,
        )
        wait_until_up(self.port, FLOOR, self.process, self.prefix / "error.log")
        return self

    def __exit__(self, *exc):
        stop(self.process)


# --- HTTP ------------------------------------------------------------------------------------


def request(method, port, path, body=None, headers=None, timeout=30):
    """(status, headers, body) of one request on a new connection."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def cookies_from(headers):
    """name=value of every Set-Cookie. Sent back by hand: the production cookies are
    Secure, which an HTTP client's cookie jar would refuse to send over plain HTTP."""
    found = {}
    for header in headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        found[name.strip()] = rest.split(";", 1)[0]
    return found


def cookie_header(cookies):
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


# --- wrk -------------------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def wrk(port, path, seconds=WRK_SECONDS):
    command = [
        find_tool("wrk"),
        f"--threads={WRK_THREADS}",
        f"--connections={WRK_CONNECTIONS}",
        f"--duration={seconds}s",
        "--latency",
        "--header=Accept-Encoding: gzip",
        f"http://{HOST}:{port}{path}",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    return parse_wrk(done.stdout)


def parse_wrk(output):
    def latency(percent):
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
        return round(float(match.group(1)) * UNITS[match.group(2)], 2)

    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "rps": round(float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)), 1),
        "p50_ms": latency(50),
        "p99_ms": latency(99),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": sum(int(n) for n in socket_errors.groups()) if socket_errors else 0,
    }


def load(name, port, path, server=None, expect_header=None):
    """Check the address answers as expected, warm up, then measure with wrk (and the
    server's CPU when `server` is a Gunicorn)."""
    request("GET", port, path)
    status, headers, _ = request("GET", port, path, headers={"Accept-Encoding": "gzip"})
    if status != 200:
        raise BenchError(f"{name}: {path} answered {status}, not 200")
    if expect_header:
        header, pattern = expect_header
        value = headers.get(header, "")
        if not re.search(pattern, value, re.IGNORECASE):
            raise BenchError(f"{name}: expected {header} matching {pattern!r}, got {value!r}")
    wrk(port, path, seconds=WRK_WARM_UP_SECONDS)
    cpu_before = server.cpu_seconds() if server else None
    # Other work on the machine makes single runs jumpy: keep the run with the median
    # req/s, and count CPU over all of them.
    runs = sorted((wrk(port, path) for _ in range(WRK_REPEATS)), key=lambda run: run["rps"])
    result = dict(runs[len(runs) // 2])
    result["rps_of_each_run"] = [run["rps"] for run in runs]
    if server:
        used = server.cpu_seconds() - cpu_before
        requests = sum(run["requests"] for run in runs)
        result["cpu_ms_per_request"] = round(used * 1000 / max(requests, 1), 2)
    result["scenario"] = name
    result["path"] = path
    say(
        f"  {name}: {result['rps']} req/s (runs: {result['rps_of_each_run']}), "
        f"p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms"
        + (f", {result['cpu_ms_per_request']} ms CPU/request" if server else "")
    )
    failed = sum(run["non_2xx"] + run["socket_errors"] for run in runs)
    if failed:
        say(f"    ! {failed} non-2xx answers or socket errors")
    result["failed_requests"] = failed
    return result


# --- scenarios -------------------------------------------------------------------------------


def scenario_uncached_page(environment, workdir):
    with Gunicorn(environment, workdir, "uncached", page_cache=False) as server:
        return load("uncached page", server.port, PAGE, server=server)


def scenario_cached_page(server):
    return load(
        "cached page", server.port, PAGE, server=server, expect_header=("X-Page-Cache", "hit")
    )


def scenario_floor(server):
    return load("floor: robots.txt", server.port, FLOOR, server=server)


def scenario_nginx(workdir, server, static_root):
    """The page through nginx's micro-cache, and nginx serving a collected CSS file."""
    css = sorted(static_root.glob("css/main.*.css"))
    if not css:
        raise BenchError(f"No collected css/main.*.css in {static_root}")
    static_path = "/static/" + css[0].relative_to(static_root).as_posix()
    with Nginx(workdir, server.port, static_root) as nginx:
        micro_cached = load(
            "nginx micro-cache",
            nginx.port,
            PAGE,
            server=server,
            expect_header=("X-Micro-Cache", "^HIT$"),
        )
        static = load("nginx static file", nginx.port, static_path)
    return micro_cached, static


class JoinFormFields(HTMLParser):
    """The join form's inputs: hidden values, and the values offered for each choice."""

    def __init__(self):
        super().__init__()
        self.hidden = {}
        self.options = {}
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            if attrs.get("type") == "hidden":
                self.hidden[name] = attrs.get("value", "")
            elif attrs.get("type") in ("radio", "checkbox"):
                self.options.setdefault(name, []).append(attrs.get("value", "on"))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and attrs.get("value"):
            self.options.setdefault(self._select, []).append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


FIRST_NAMES = ["Siân", "Gwenllïan", "Dafydd", "Rhys", "Ffion", "Llŷr", "Amy", "Tom", "Ŵyn", "Ieuan"]
LAST_NAMES = ["ap Dafydd", "Jones", "Morgan", "Prŷs", "Williams", "Hughes", "Evans", "Owen"]


def enrolment_answers(number, fields):
    """A complete, valid form, different for every number."""
    options = fields.options

    def pick(name, offset=0):
        values = options.get(name) or [""]
        return values[(number + offset) % len(values)]

    # The last demographic option of each kind is "prefer not to say" or a real answer:
    # either is valid, so any value the form offers will do.
    answers = {
        **fields.hidden,
        "name": f"{FIRST_NAMES[number % len(FIRST_NAMES)]} {LAST_NAMES[number % len(LAST_NAMES)]}",
        "preferred_name": FIRST_NAMES[number % len(FIRST_NAMES)],
        "preferred_term": "own",
        "own_term": "goroeswr" if number % 2 else "survivor",
        "how_affected": pick("how_affected"),
        "area": pick("area"),
        "language": "cy" if number % 3 == 0 else "en",
        "email": f"bench.{number}@example.org",
        "phone": f"07912 {345000 + number}",
        "address": f"{number} Heol y Bryn\nCaerfyrddin",
        "preferred_contact": "email",
        "safe_channels": ["email", "text"],
        "voicemail_safe": "on",
        "may_say_opcc": "on",
        "safe_times": "Weekday mornings",
        "safe_contact_notes": "Gofynnwch am Siân.",
        "crime_types": (options.get("crime_types") or [])[:2],
        "age_band": pick("age_band", 1),
        "gender": pick("gender"),
        "ethnicity": pick("ethnicity", 2),
        "disability": pick("disability"),
        "methods": (options.get("methods") or [])[:3],
        "consent_contact": "on",
        "consent_crime_types": "on",
        "consent_demographics": "on",
        "website": "",
    }
    return answers


def send_one_enrolment(port, number):
    """GET the form (cookie, CSRF token, signed render time), then POST it. Returns
    (seconds the POST took, status)."""
    path = "/cy/ymuno/" if number % 3 == 0 else "/join/"
    status, headers, body = request("GET", port, path)
    if status != 200:
        return None, f"GET {status}"
    fields = JoinFormFields()
    fields.feed(body.decode())
    form = urlencode(enrolment_answers(number, fields), doseq=True)
    started = time.perf_counter()
    status, headers, _ = request(
        "POST",
        port,
        path,
        body=form.encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie_header(cookies_from(headers)),
        },
    )
    elapsed = time.perf_counter() - started
    return elapsed, status


def scenario_enrolment(server):
    from enrolment.models import Member

    before = Member.objects.count()
    cpu_before = server.cpu_seconds()
    durations, failures = [], {}
    lock = threading.Lock()

    def one(number):
        elapsed, status = send_one_enrolment(server.port, number)
        with lock:
            if status == 303:
                durations.append(elapsed * 1000)
            else:
                failures[str(status)] = failures.get(str(status), 0) + 1

    with concurrent.futures.ThreadPoolExecutor(ENROLMENT_CONCURRENCY) as pool:
        list(pool.map(one, range(ENROLMENTS)))
    cpu_used = server.cpu_seconds() - cpu_before
    arrived = Member.objects.count() - before
    durations.sort()
    result = {
        "scenario": "enrolment",
        "sent": ENROLMENTS,
        "concurrency": ENROLMENT_CONCURRENCY,
        "accepted": len(durations),
        "arrived": arrived,
        "lost": ENROLMENTS - arrived,
        "failures": failures,
        "p50_ms": round(percentile(durations, 50), 1) if durations else None,
        "p95_ms": round(percentile(durations, 95), 1) if durations else None,
        "max_ms": round(durations[-1], 1) if durations else None,
        # Both requests of each form (GET, then POST) on the application's workers.
        "cpu_ms_per_form": round(cpu_used * 1000 / ENROLMENTS, 1),
    }
    say(
        f"  enrolment: {arrived} of {ENROLMENTS} arrived, POST p50 {result['p50_ms']} ms, "
        f"p95 {result['p95_ms']} ms, max {result['max_ms']} ms; "
        f"{result['cpu_ms_per_form']} ms app CPU per form (GET + POST)"
        + (f"; failures {failures}" if failures else "")
    )
    return result


def percentile(sorted_values, percent):
    index = max(0, min(len(sorted_values) - 1, round(percent / 100 * len(sorted_values)) - 1))
    return sorted_values[index]


def generate_members(count):
    """`count` members written as the form writes them: encrypted identifiers, blind
    indexes, a consent record each, crime types for some. bulk_create skips save(), so
    the reference and the indexes are set here."""
    from django.db import transaction
    from django.utils import timezone

    from core.crypto import email_index, phone_index
    from enrolment.models import Area, ConsentRecord, CrimeType, Member, Purpose
    from enrolment.models.members import TERM_YEARS, add_years

    areas = list(Area.objects.canonical())
    crime_types = list(CrimeType.objects.canonical())
    # Out of 20: 14 active, 3 pending, 2 lapsed, 1 withdrawn.
    statuses = [Member.Status.ACTIVE] * 14 + [Member.Status.PENDING] * 3
    statuses += [Member.Status.LAPSED] * 2 + [Member.Status.WITHDRAWN]
    now = timezone.now()
    today = timezone.localdate()
    batch = 2000
    through = Member.crime_types.through
    for start in range(0, count, batch):
        members = []
        for number in range(start, min(start + batch, count)):
            status = statuses[number % len(statuses)]
            joined = (
                today - datetime.timedelta(days=number % 1200)
                if status != Member.Status.PENDING
                else None
            )
            email = f"generated.{number}@example.org"
            phone = f"07700 {900000 + number % 1000:06d}"
            members.append(
                Member(
                    reference=f"VSN-G{number:06d}",
                    status=status,
                    submitted_at=now - datetime.timedelta(minutes=number),
                    joined_on=joined,
                    term_ends_on=add_years(joined, TERM_YEARS) if joined else None,
                    name=f"Generated Member {number}",
                    preferred_name=f"Member {number}",
                    email=email,
                    email_index=email_index(email),
                    phone=phone,
                    phone_index=phone_index(phone),
                    address=f"{number} Example Street\nExampletown" if number % 5 == 0 else "",
                    preferred_contact=Member.ContactMethod.values[number % 4],
                    language="cy" if number % 3 == 0 else "en",
                    area=areas[number % len(areas)] if areas else None,
                    how_affected=Member.HowAffected.values[number % 4],
                    email_safe=True,
                    phone_safe=number % 2 == 0,
                    safe_times="Weekday mornings",
                )
            )
        with transaction.atomic():
            Member.objects.bulk_create(members)
            ConsentRecord.objects.bulk_create(
                ConsentRecord(
                    member=member,
                    purpose=Purpose.CONTACT,
                    granted=True,
                    language=member.language,
                    channel=ConsentRecord.Channel.WEB_FORM,
                )
                for member in members
            )
            if crime_types:
                through.objects.bulk_create(
                    through(member_id=member.pk, crimetype_id=crime_types[i % len(crime_types)].pk)
                    for i, member in enumerate(members)
                    if i % 3 == 0
                )


def engagement_session():
    """A session as sign-in leaves it for an engagement team member who passed
    two-factor: the user, a confirmed authenticator, the device marked verified."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import Group, User
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.sessions import SIGNED_IN_AT

    user = User.objects.create_user("bench-engagement", password=secrets.token_urlsafe(24))
    user.groups.add(Group.objects.get(name="Engagement team"))
    device = TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=True)
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[SIGNED_IN_AT] = int(time.time())
    session.create()
    return settings.SESSION_COOKIE_NAME, session.session_key


def time_member_list(server, path, cookie):
    port = server.port
    headers = {"Cookie": cookie}
    for _ in range(2):  # warm up both workers
        request("GET", port, path, headers=headers)
    cpu_before = server.cpu_seconds()
    durations = []
    for _ in range(MEMBER_LIST_REQUESTS):
        started = time.perf_counter()
        status, _, body = request("GET", port, path, headers=headers)
        durations.append((time.perf_counter() - started) * 1000)
        if status != 200 or b"VSN-G" not in body:
            raise BenchError(
                f"The member list {path} answered {status} without the generated members: "
                "the bench user did not get in (sign-in or two-factor changed?)"
            )
    cpu_used = server.cpu_seconds() - cpu_before
    durations.sort()
    return {
        "path": path,
        "requests": MEMBER_LIST_REQUESTS,
        "cpu_ms_per_request": round(cpu_used * 1000 / MEMBER_LIST_REQUESTS, 1),
        "p50_ms": round(statistics.median(durations), 1),
        "p95_ms": round(percentile(durations, 95), 1),
        "max_ms": round(durations[-1], 1),
    }


def scenario_member_list(server):
    from enrolment.models import Area, Member

    say(f"  generating {MEMBERS:,} members…")
    started = time.perf_counter()
    generate_members(MEMBERS)
    say(f"  … in {time.perf_counter() - started:.0f} s ({Member.objects.count():,} in all)")
    cookie_name, session_key = engagement_session()
    cookie = f"{cookie_name}={session_key}"
    area = Area.objects.canonical().first()
    results = []
    for path in (
        "/admin/members/",
        f"/admin/members/?status=active&language=cy&area={area.pk if area else ''}",
    ):
        result = time_member_list(server, path, cookie)
        say(
            f"  member list {path}: p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, "
            f"max {result['max_ms']} ms, {result['cpu_ms_per_request']} ms app CPU/request"
        )
        results.append(result)
    return {"members": Member.objects.count(), "views": results}


# --- report ----------------------------------------------------------------------------------


def ratio(value, base):
    return round(value / base, 2) if value is not None and base else None


def summarise(results):
    load_rows = [
        results.get(key)
        for key in ("uncached", "cached", "floor", "micro_cached", "static")
        if results.get(key)
    ]
    floor = (results.get("floor") or {}).get("rps")
    static = (results.get("static") or {}).get("rps")
    for row in load_rows:
        row["ratio_to_floor"] = ratio(row["rps"], floor)
        row["ratio_to_static"] = ratio(row["rps"], static)

    targets = []

    def target(name, measured, passed):
        targets.append({"target": name, "measured": measured, "pass": passed})

    if results.get("uncached"):
        cpu = results["uncached"]["cpu_ms_per_request"]
        target(
            f"uncached page <= {TARGET_UNCACHED_CPU_MS} ms server CPU",
            f"{cpu} ms",
            cpu <= TARGET_UNCACHED_CPU_MS,
        )
    if results.get("cached") and floor:
        share = results["cached"]["ratio_to_floor"]
        target(
            f"cached page >= {TARGET_CACHED_SHARE_OF_FLOOR:.0%} of the floor",
            f"{share:.0%}",
            share >= TARGET_CACHED_SHARE_OF_FLOOR,
        )
    if results.get("micro_cached") and static:
        share = results["micro_cached"]["ratio_to_static"]
        target(
            f"micro-cached page >= {TARGET_MICRO_CACHED_SHARE_OF_STATIC:.0%} of nginx static",
            f"{share:.0%}",
            share >= TARGET_MICRO_CACHED_SHARE_OF_STATIC,
        )
    enrolment = results.get("enrolment")
    if enrolment:
        target(
            f"enrolment p95 < {TARGET_ENROLMENT_P95_MS} ms, 0 lost",
            f"p95 {enrolment['p95_ms']} ms, {enrolment['lost']} lost",
            enrolment["p95_ms"] is not None
            and enrolment["p95_ms"] < TARGET_ENROLMENT_P95_MS
            and enrolment["lost"] == 0,
        )
    member_list = results.get("member_list")
    if member_list:
        slowest = max(view["p95_ms"] for view in member_list["views"])
        target(
            f"member list < {TARGET_MEMBER_LIST_MS} ms ({member_list['members']:,} members, p95)",
            f"{slowest} ms",
            slowest < TARGET_MEMBER_LIST_MS,
        )
    return load_rows, targets


def print_report(results, load_rows, targets):
    info = results["machine"]
    say()
    say(f"Date: {info['date']}")
    say(
        f"Machine: {info['cpu']}, {info['cores']} cores, {info['memory_gb']} GB RAM; "
        f"Python {info['python']}, PostgreSQL {info['postgresql']}, Redis {info['redis']}, "
        f"nginx {info['nginx'] or '(none)'}, wrk {info['wrk'] or '(none)'}"
    )
    say(
        "Load average (1, 5, 15 min) at start "
        f"{info['load_average_at_start']}, at end {info['load_average_at_end']}"
    )
    say(
        f"Load: wrk, {WRK_THREADS} threads, {WRK_CONNECTIONS} connections, {WRK_SECONDS} s, "
        f"median of {WRK_REPEATS} runs; "
        f"gunicorn {GUNICORN_WORKERS} workers"
    )
    if load_rows:
        say()
        header = ("scenario", "req/s", "p50 ms", "p99 ms", "app CPU ms/req", "× floor", "× static")
        rows = [
            (
                row["scenario"],
                row["rps"],
                row["p50_ms"],
                row["p99_ms"],
                row.get("cpu_ms_per_request", ""),
                row["ratio_to_floor"] if row["ratio_to_floor"] is not None else "",
                row["ratio_to_static"] if row["ratio_to_static"] is not None else "",
            )
            for row in load_rows
        ]
        widths = [
            max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)
        ]
        for line in [header, *rows]:
            say("  ".join(str(cell).rjust(width) for cell, width in zip(line, widths, strict=True)))
    enrolment = results.get("enrolment")
    if enrolment:
        say()
        say(
            f"Enrolment: {enrolment['arrived']} of {enrolment['sent']} arrived "
            f"({enrolment['lost']} lost), {enrolment['concurrency']} at a time; "
            f"POST p50 {enrolment['p50_ms']} ms, p95 {enrolment['p95_ms']} ms, "
            f"max {enrolment['max_ms']} ms; "
            f"{enrolment['cpu_ms_per_form']} ms app CPU per form (GET + POST)"
        )
    member_list = results.get("member_list")
    if member_list:
        say(f"Member list, {member_list['members']:,} members, {MEMBER_LIST_REQUESTS} requests:")
        for view in member_list["views"]:
            say(
                f"  {view['path']}: p50 {view['p50_ms']} ms, p95 {view['p95_ms']} ms, "
                f"max {view['max_ms']} ms, {view['cpu_ms_per_request']} ms app CPU/request"
            )
    say()
    for item in targets:
        say(f"  [{'PASS' if item['pass'] else 'FAIL'}] {item['target']}: {item['measured']}")
    for note in results["skipped"]:
        say(f"  [SKIP] {note}")


def main():
    missing = missing_tools()
    for tool, hint in missing.items():
        say(f"Missing system tool: {tool}. Install it with: {hint}")
    versions = check_services()
    results = {"machine": machine(versions), "skipped": [], "settings": {}}
    if "wrk" in missing:
        results["skipped"].append("HTTP throughput (req/s, p50/p99): wrk is not installed")
    if "nginx" in missing:
        results["skipped"].append("nginx micro-cache and static file: nginx is not installed")
    if not GUNICORN_CONF.exists():
        say(f"Note: {GUNICORN_CONF.relative_to(ROOT)} not found; gunicorn's defaults are used.")
    if "nginx" not in missing and not (NGINX_HTTP_CONF.exists() and NGINX_LOCATION_CONF.exists()):
        missing["nginx"] = "deploy/nginx/cache.conf or page-cache.conf is missing"
        results["skipped"].append("nginx scenarios: deploy/nginx/ cache rules not found")

    workdir = Path(tempfile.mkdtemp(prefix="vsen-bench-"))
    workdir.chmod(0o755)
    environment = site_environment(workdir)
    results["settings"] = {
        "gunicorn_conf": GUNICORN_CONF.exists(),
        "workers": GUNICORN_WORKERS,
        "wrk": f"{WRK_THREADS} threads, {WRK_CONNECTIONS} connections, {WRK_SECONDS} s",
        "wrk_runs_per_scenario": WRK_REPEATS,
    }
    finished = False
    try:
        say(f"Recreating the database {DATABASE_NAME}…")
        recreate_database()
        set_up_django(environment)
        static_root = Path(environment["STATIC_ROOT"])
        if "wrk" not in missing:
            say("Uncached page (PAGE_CACHE_SECONDS=0):")
            results["uncached"] = scenario_uncached_page(environment, workdir)
        with Gunicorn(environment, workdir, "cached") as server:
            if "wrk" not in missing:
                say("With the page cache:")
                results["cached"] = scenario_cached_page(server)
                results["floor"] = scenario_floor(server)
                if "nginx" not in missing:
                    results["micro_cached"], results["static"] = scenario_nginx(
                        workdir, server, static_root
                    )
            say(f"Enrolment ({ENROLMENTS:,} forms, {ENROLMENT_CONCURRENCY} at a time):")
            results["enrolment"] = scenario_enrolment(server)
            say("Member list:")
            results["member_list"] = scenario_member_list(server)
        finished = True
    finally:
        if "django.db" in sys.modules:
            sys.modules["django.db"].connections.close_all()
        if finished:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            say(f"Logs kept in {workdir}")

    results["machine"]["load_average_at_end"] = [round(load, 2) for load in os.getloadavg()]
    load_rows, targets = summarise(results)
    results["targets"] = targets
    print_report(results, load_rows, targets)
    RESULTS_FILE.parent.mkdir(parents=True, exist_ok=True)
    RESULTS_FILE.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    say(f"\nWritten to {RESULTS_FILE.relative_to(ROOT)}")


if __name__ == "__main__":
    try:
        main()
    except BenchError as error:
        say(f"\nmake bench stopped: {error}")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
