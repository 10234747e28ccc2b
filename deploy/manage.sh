#!/bin/sh
# Run a manage.py command on a server set up as in docs/deploying.md, from
# /srv/vsen, with the production environment of /etc/vsen/vsen.env:
#   sudo /srv/vsen/deploy/manage.sh migrate --noinput
#   sudo /srv/vsen/deploy/manage.sh createsuperuser
# It reads the environment file as systemd does for plain KEY=value lines (values are
# not quoted; comments and blank lines are skipped), so the command sees exactly what
# the services see. Run it as root: what it builds (the compiled catalogue, the static
# files) then belongs to root like the rest of the code, and the services, running as
# vsen, can only read it.
set -eu

ENV_FILE=/etc/vsen/vsen.env
APP_DIR=/srv/vsen

if [ ! -r "$ENV_FILE" ]; then
    echo "Cannot read $ENV_FILE: copy deploy/env.example there and fill it in." >&2
    exit 1
fi
while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in
        '' | '#'* | ';'*) continue ;;
    esac
    export "$line"
done < "$ENV_FILE"

cd "$APP_DIR"
exec "$APP_DIR/.venv/bin/python" manage.py "$@"
