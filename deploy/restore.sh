#!/usr/bin/env bash
# Restore a backup made by backup.sh: check its checksums, replace the database named by
# DATABASE_URL with the dump, and unpack the media into MEDIA_ROOT.
#
#   DATABASE_URL=postgres://... deploy/restore.sh --yes BACKUP_DIR/vsen-<time>
#   deploy/restore.sh --env-file /etc/vsen/vsen.env --yes BACKUP_DIR/vsen-<time>
#
# Everything in the target database is replaced, so it refuses to run without --yes.
# The application must then run with the SAME FIELD_ENCRYPTION_KEYS and
# FIELD_BLIND_INDEX_KEY as the server that made the backup: they are not in it, and
# without them the member data cannot be read.
#
# Environment: DATABASE_URL (required), MEDIA_ROOT (default var/media in the repository),
# AWS_STORAGE_BUCKET_NAME (when set, media lives in object storage and is not unpacked).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/database_url.sh
source "$here/database_url.sh"

fail() {
    echo "restore: $*" >&2
    exit 1
}

usage="usage: deploy/restore.sh [--env-file FILE] --yes BACKUP_DIR/vsen-<time>"
confirmed=no
backup=""
env_file=""
while [[ $# -gt 0 ]]; do
    argument="$1"
    shift
    case "$argument" in
        --yes) confirmed=yes ;;
        --env-file)
            [[ $# -gt 0 ]] || fail "--env-file needs a file, e.g. /etc/vsen/vsen.env."
            env_file="$1"
            shift
            ;;
        -*) fail "unknown option $argument. $usage" ;;
        *) [[ -z "$backup" ]] || fail "name one backup. $usage"; backup="$argument" ;;
    esac
done
[[ -z "$env_file" ]] || read_env_file "$env_file"
[[ -n "$backup" ]] || fail "$usage"
[[ -d "$backup" ]] || fail "there is no backup folder at $backup."
[[ -f "$backup/SHA256SUMS" && -f "$backup/database.dump" ]] ||
    fail "$backup is not a backup made by backup.sh (no SHA256SUMS or database.dump)."
use_database_url
media_root="${MEDIA_ROOT:-$here/../var/media}"

if [[ "$confirmed" != yes ]]; then
    fail "this replaces everything in the database $(masked_database_url) with the backup $backup. Run again with --yes to go ahead."
fi

echo "Checking the backup's checksums ..."
(cd "$backup" && sha256sum --check --quiet --strict SHA256SUMS) ||
    fail "the backup $backup does not match its checksums: it is damaged or was changed. Nothing was restored."
grep -q ' database.dump$' "$backup/SHA256SUMS" || fail "SHA256SUMS does not cover database.dump. Nothing was restored."

echo "Restoring the database $(masked_database_url) ..."
# One transaction: if anything fails, the database is left as it was.
pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error --single-transaction \
    --no-password --dbname="$PG_URL" "$backup/database.dump"

if [[ -f "$backup/media.tar.gz" ]]; then
    if [[ -n "${AWS_STORAGE_BUCKET_NAME:-}" ]]; then
        echo "Media is in object storage (bucket $AWS_STORAGE_BUCKET_NAME): the backup's media.tar.gz was not unpacked."
    else
        grep -q ' media.tar.gz$' "$backup/SHA256SUMS" || fail "SHA256SUMS does not cover media.tar.gz."
        echo "Restoring media into $media_root ..."
        mkdir -p "$media_root"
        tar --extract --gzip --file="$backup/media.tar.gz" --directory="$media_root" --no-same-owner
    fi
else
    echo "The backup holds no media (it was in object storage, or there was none)."
fi

echo "Restored from $backup."
echo "Run the site with the same FIELD_ENCRYPTION_KEYS and FIELD_BLIND_INDEX_KEY as the server that made it,"
echo "then run: manage.py migrate (in case this code is newer than the backup) and manage.py check --deploy."
