"""gunicorn settings for the web process: `gunicorn -c deploy/gunicorn.conf.py`, run from
the checkout (the directory holding manage.py). Every value a deployment changes comes
from the environment; the table in docs/configuration.md lists them.
"""

import multiprocessing
import os

# The project is a source root, not an installed package (see pyproject.toml).
pythonpath = "site"
wsgi_app = "config.wsgi"

# nginx on the same machine: the loopback default. With several application servers,
# bind to the private address the load balancer reaches (e.g. 10.0.0.11:8000).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")

# WEB_CONCURRENCY is the usual name on hosting platforms; gunicorn's own rule of thumb
# otherwise. Synchronous workers: nginx buffers slow clients, so none is held up by one.
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"

# A request still running after this is killed and logged; the slowest legitimate
# requests (an export of the member list) take a few seconds.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On stop or reload, a worker may finish the request it is serving for this long.
graceful_timeout = 30
keepalive = 5

# Replace each worker after about this many requests (the jitter stops all of them
# restarting together), so a slow leak in any library never grows without bound.
# Not much lower: under load a small number recycles workers every few seconds.
max_requests = 20000
max_requests_jitter = 2000

# Which proxies may tell gunicorn the request came over HTTPS (X-Forwarded-Proto).
# The default is gunicorn's own: the local machine. Add the load balancer's address
# when nginx runs on another machine.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# No access log unless asked for: nginx keeps one already, and a request's address can
# hold a token (a withdrawal link is /leave/<token>/) and its client address is personal
# data. When switched on, a line has the time, method, status, size and duration only.
if os.environ.get("GUNICORN_ACCESS_LOG", "false").lower() == "true":
    accesslog = "-"
    access_log_format = '%(t)s "%(m)s" %(s)s %(B)s %(M)sms'
else:
    accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# Workers touch a heartbeat file every few seconds; in memory it never waits on a disk.
# (gunicorn makes each file itself, with a unique name, readable by its owner only.)
MEMORY_DIR = "/dev/shm"  # noqa: S108
if os.path.isdir(MEMORY_DIR):
    worker_tmp_dir = MEMORY_DIR

# Not preloaded: each worker imports the application itself, so a reload (SIGHUP, as
# `systemctl reload vsen-web` sends) picks up new code, and no database connection
# opened while importing is ever shared between forked workers. The memory it would
# save is small next to a request's.
preload_app = False

# gunicorn 25.1 and later open a control socket in $HOME by default; systemd and the
# platform manage the process, and the service's home is read-only.
control_socket_disable = True
