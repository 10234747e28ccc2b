# shellcheck shell=bash
# Shared by backup.sh and restore.sh: read DATABASE_URL without ever showing its password.
#
# use_database_url sets PG_URL (the URL without its password, for --dbname) and exports
# PGPASSWORD, so the password is in no command line (which `ps` shows to every user) and
# in no message. masked_database_url prints the URL with the password as ****.

percent_decode() {
    printf '%b' "${1//%/\\x}"
}

use_database_url() {
    local url="${DATABASE_URL:-}"
    [[ -n "$url" ]] || fail "DATABASE_URL must be set, e.g. postgres://user:password@host:5432/name."
    [[ "$url" =~ ^postgres(ql)?:// ]] ||
        fail "DATABASE_URL must name a PostgreSQL database (postgres://...): only PostgreSQL is backed up."
    local rest="${url#*://}"
    local authority="${rest%%/*}"
    local path="${rest:${#authority}}"
    DB_USER_HOST="$authority"
    if [[ "$authority" == *@* ]]; then
        local userinfo="${authority%@*}" hostport="${authority##*@}"
        if [[ "$userinfo" == *:* ]]; then
            PGPASSWORD="$(percent_decode "${userinfo#*:}")"
            export PGPASSWORD
            userinfo="${userinfo%%:*}"
            DB_USER_HOST="$userinfo:****@$hostport"
        fi
        authority="$userinfo@$hostport"
    fi
    DB_PATH="${path%%\?*}"
    PG_URL="postgresql://$authority$path"
}

masked_database_url() {
    printf 'postgresql://%s%s' "$DB_USER_HOST" "$DB_PATH"
}

# With --env-file FILE, the scripts read the variables they use from the services'
# environment file (KEY=value lines, as systemd reads them) without running it as shell:
# values such as ADMINS="Name <email>" would otherwise be run as commands. A variable
# already set in the environment wins.
read_env_file() {
    local file="$1" key line
    [[ -r "$file" ]] || fail "cannot read the environment file $file."
    for key in DATABASE_URL MEDIA_ROOT AWS_STORAGE_BUCKET_NAME BACKUP_DIR BACKUP_KEEP_DAYS; do
        [[ -z "${!key:-}" ]] || continue
        line="$(grep -E "^[[:space:]]*$key=" "$file" | tail -n 1 || true)"
        [[ -n "$line" ]] || continue
        printf -v "$key" '%s' "${line#*=}"
        export "${key?}"
    done
}
