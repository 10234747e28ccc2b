# One image for every process of the site: the web process (the default command) and the
# tasks worker (`python manage.py db_worker`). Build from the repository root:
#   docker build -t vsen .
# It expects the same environment as any production server (docs/configuration.md):
# PostgreSQL, Redis and, with more than one container, object storage for media.

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    GUNICORN_BIND=0.0.0.0:8000

# The processes run as this user, which owns nothing but the media directory.
RUN useradd --system --uid 10001 --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin vsen

WORKDIR /app

# Dependencies first, so a code change does not reinstall them: exactly the versions in
# the lock file, each file checked against its hash. The project is run from its
# directory; installing it (--no-deps) adds nothing but its name to the environment.
COPY pyproject.toml README.md ./
COPY requirements/base.txt requirements/base.txt
RUN pip install --require-hashes -r requirements/base.txt \
    && pip install --no-deps . && rm -rf build *.egg-info

COPY . .

# Build steps that need the production settings but no real service. The values on the
# next lines are BUILD-ONLY THROWAWAYS, set for this one command and absent from the
# image: nothing here is connected to, and the running container must be given real
# ones. The Fernet key is made on the spot and thrown away.
RUN SECRET_KEY=build-only-not-a-secret \
    ALLOWED_HOSTS=build.invalid \
    DATABASE_URL=sqlite:////tmp/build-only.sqlite3 \
    WAGTAILADMIN_BASE_URL=https://build.invalid \
    REDIS_URL=redis://build.invalid:6379/0 \
    FIELD_BLIND_INDEX_KEY=build-only-blind-index-key-not-a-secret \
    FIELD_ENCRYPTION_KEYS="$(python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')" \
    sh -c "python manage.py compile_translations && python manage.py collectstatic --noinput" \
    && rm -f /tmp/build-only.sqlite3 \
    && python -m compileall -q site enrolment impact \
    && mkdir -p /app/var/media && chown vsen:vsen /app/var/media

USER vsen
EXPOSE 8000
VOLUME ["/app/var/media"]

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "deploy/healthcheck.py"]

# The web process. The worker: `docker run ... vsen python manage.py db_worker`.
# The daily commands go to the platform's scheduler (docs/deploying.md).
CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py"]
