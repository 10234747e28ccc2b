#!/usr/bin/env bash
# Back up the network's data: the PostgreSQL database (pg_dump, custom format) and, when
# media is on this server's disk, the uploaded images and documents.
#
#   DATABASE_URL=postgres://... deploy/backup.sh [BACKUP_DIR]
#   deploy/backup.sh --env-file /etc/vsen/vsen.env [BACKUP_DIR]
#
# Each run makes BACKUP_DIR/vsen-<UTC time>/ holding database.dump, media.tar.gz (local
# media only) and SHA256SUMS, then deletes backups older than BACKUP_KEEP_DAYS (30).
# The encryption keys are NOT in the backup: keep FIELD_ENCRYPTION_KEYS and
# FIELD_BLIND_INDEX_KEY in your secret store, or the member data cannot be read.
#
# Environment: DATABASE_URL (required), BACKUP_DIR (or the first argument),
# BACKUP_KEEP_DAYS (default 30), MEDIA_ROOT (default var/media in the repository),
# AWS_STORAGE_BUCKET_NAME (when set, media is in object storage and is not copied here).
set -euo pipefail
umask 077  # backups hold member data: readable by their owner only

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/database_url.sh
source "$here/database_url.sh"

fail() {
    echo "backup: $*" >&2
    exit 1
}

if [[ "${1:-}" == --env-file ]]; then
    [[ -n "${2:-}" ]] || fail "--env-file needs a file, e.g. /etc/vsen/vsen.env."
    read_env_file "$2"
    shift 2
fi
backup_dir="${1:-${BACKUP_DIR:-}}"
[[ -n "$backup_dir" ]] || fail "say where backups go: deploy/backup.sh BACKUP_DIR (or set BACKUP_DIR)."
keep_days="${BACKUP_KEEP_DAYS:-30}"
[[ "$keep_days" =~ ^[0-9]+$ ]] || fail "BACKUP_KEEP_DAYS must be a whole number of days, not '$keep_days'."
media_root="${MEDIA_ROOT:-$here/../var/media}"

use_database_url
mkdir -p "$backup_dir"
name="vsen-$(date -u +%Y%m%dT%H%M%SZ)"
target="$backup_dir/$name"
[[ ! -e "$target" ]] || fail "$target already exists; wait a second and run again."
partial="$backup_dir/.$name.partial"
# Half-written backups are removed, never left looking like good ones.
trap 'rm -rf "$partial"' EXIT
mkdir "$partial"

echo "Backing up the database $(masked_database_url) ..."
pg_dump --format=custom --no-password --file="$partial/database.dump" --dbname="$PG_URL"

if [[ -n "${AWS_STORAGE_BUCKET_NAME:-}" ]]; then
    echo "Media is in object storage (bucket $AWS_STORAGE_BUCKET_NAME): not copied here."
    echo "Protect it with the bucket's versioning and replication (see docs/operations.md)."
elif [[ -d "$media_root" ]]; then
    echo "Backing up media from $media_root ..."
    tar --create --gzip --file="$partial/media.tar.gz" --directory="$media_root" .
else
    echo "No media folder at $media_root: nothing to copy."
fi

(cd "$partial" && sha256sum -- * >SHA256SUMS)
mv "$partial" "$target"
trap - EXIT
echo "Backup written to $target"

# Only this script's own backups, by their name, older than the limit.
find "$backup_dir" -mindepth 1 -maxdepth 1 -type d -name 'vsen-*' -mtime +"$keep_days" -print0 |
    while IFS= read -r -d '' old; do
        rm -rf -- "$old"
        echo "Deleted the backup $old (older than $keep_days days)"
    done
echo "Remember: the encryption keys are not in the backup. Keep them in your secret store."
