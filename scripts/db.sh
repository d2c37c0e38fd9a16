#!/usr/bin/env bash
# Private PostgreSQL 15 clusters for development and tests, kept inside the repo
# under .data/ (git-ignored), so nothing touches a system-wide PostgreSQL.
#
#   scripts/db.sh start|stop|status|reset [dev|test]
#   scripts/db.sh connstr [dev|test] [postgres|owner|app]
#
#   cluster: dev (default) or test; also env PORTAL_DB_CLUSTER.
#   roles:   every start makes sure of two login roles besides the superuser postgres (least privilege):
#            gdp_owner owns the portal's tables and runs `GovDataPortal migrate` (ConnectionStrings:PortalOwner);
#            gdp_app is what the running portal connects as (ConnectionStrings:Portal): rows only, no DDL.
#            connstr prints the superuser's connection string unless a role is named.
#   port:    dev 55432, test 55433; override with env PORTAL_PG_PORT.
#   status exits 0 when running, 3 when stopped (like pg_ctl status).
#
# Layout of .data/pg-<cluster>/: data/ (PGDATA), run/ (unix socket), postgres.log.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd -P)"  # physical path: it is matched against the postmaster's -D
# shellcheck source=scripts/lib.sh
source "$SCRIPT_DIR/lib.sh"

usage() { die "usage: scripts/db.sh start|stop|status|reset [dev|test] | connstr [dev|test] [postgres|owner|app]"; }

CMD="${1:-}"
CLUSTER="${2:-${PORTAL_DB_CLUSTER:-dev}}"
ROLE="${3:-postgres}"
[ $# -le 3 ] || usage

PG_BIN=/usr/lib/postgresql/15/bin

# The passwords are fixed and public on purpose: these clusters are private
# developer/test clusters that only listen on 127.0.0.1 (and a socket inside
# the repo), so they are no secret. Never reuse them for a real deployment.
case "$CLUSTER" in
    dev)  DEFAULT_PORT=55432; PASSWORD=portal_dev;  MAX_CONN=200
          EXTRA_OPTS="" ;;
    # Tests throw their data away: durability settings off make them much faster.
    test) DEFAULT_PORT=55433; PASSWORD=portal_test; MAX_CONN=300
          EXTRA_OPTS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off" ;;
    *) usage ;;
esac
PORT="${PORTAL_PG_PORT:-$DEFAULT_PORT}"
[[ "$PORT" =~ ^[0-9]+$ ]] || die "PORTAL_PG_PORT must be a port number, got '$PORT'"

CLUSTER_DIR="$REPO_ROOT/.data/pg-$CLUSTER"
PGDATA="$CLUSTER_DIR/data"
LOGFILE="$CLUSTER_DIR/postgres.log"
SOCK_DIR="$CLUSTER_DIR/run"
# A unix socket path is limited to 107 bytes; a clone at a deep path would make
# postgres refuse to start, so fall back to a short per-clone dir under /tmp.
if [ $(( ${#SOCK_DIR} + ${#PORT} + 16 )) -gt 107 ]; then
    SOCK_DIR="/tmp/portal-pg-$CLUSTER-$(printf '%s' "$CLUSTER_DIR" | cksum | cut -d' ' -f1)"
fi

CONNSTR="Host=127.0.0.1;Port=$PORT;Username=postgres;Password=$PASSWORD"
OWNER_ROLE=gdp_owner
APP_ROLE=gdp_app
# The development portal's database (appsettings.Development.json, scripts/run.sh).
DEV_DATABASE=govdataportal

role_connstr() {
    case "$1" in
        postgres) echo "$CONNSTR" ;;
        owner)    echo "Host=127.0.0.1;Port=$PORT;Username=$OWNER_ROLE;Password=$PASSWORD" ;;
        app)      echo "Host=127.0.0.1;Port=$PORT;Username=$APP_ROLE;Password=$PASSWORD" ;;
        *) usage ;;
    esac
}

# initdb refuses to run as root: as root, run the server binaries as the
# `postgres` system user (it comes with the Debian package). From `/`, so a cwd
# that user cannot read (e.g. /root) causes no warnings.
pg() {
    if is_root; then
        (cd / && runuser -u postgres -- "$PG_BIN/$1" "${@:2}")
    else
        "$PG_BIN/$1" "${@:2}"
    fi
}

ensure_binaries() {
    [ -x "$PG_BIN/initdb" ] && return 0
    apt_install postgresql-15
    [ -x "$PG_BIN/initdb" ] || die "$PG_BIN/initdb still missing after installing postgresql-15"
}

# True when the postmaster recorded in postmaster.pid is alive and serves this
# data dir. Checked through /proc rather than `kill -0` (which fails for another
# user's process), and by command line: after a crash or container restart the
# old PID may belong to an unrelated process.
is_running() {
    local pid
    pid="$(head -n1 "$PGDATA/postmaster.pid" 2>/dev/null)" || return 1
    [ -n "$pid" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "-D $PGDATA "
}

# As root, the postgres user must be able to reach the data dir: make every
# parent directory traversable (o+x only: lists nothing, reads nothing).
make_parents_traversable() {
    local dir="$CLUSTER_DIR"
    while dir="$(dirname "$dir")"; [ "$dir" != / ]; do
        runuser -u postgres -- test -x "$dir" 2>/dev/null || chmod o+x "$dir"
    done
}

init_cluster() {
    log "Creating PostgreSQL cluster '$CLUSTER' in $PGDATA ..."
    mkdir -p "$CLUSTER_DIR"
    local pwfile="$CLUSTER_DIR/.pwfile"
    printf '%s\n' "$PASSWORD" >"$pwfile"
    if is_root; then
        chown -R postgres:postgres "$CLUSTER_DIR"
        make_parents_traversable
    fi
    pg initdb -D "$PGDATA" -U postgres --pwfile="$pwfile" -A scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 >"$CLUSTER_DIR/initdb.log" 2>&1 ||
        { rm -f "$pwfile"; cat "$CLUSTER_DIR/initdb.log" >&2; die "initdb failed"; }
    rm -f "$pwfile"
}

# SQL as the superuser, through the cluster's socket-less TCP listener (the password is the cluster's own).
psql_super() {
    PGPASSWORD="$PASSWORD" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres "$@" >/dev/null
}

# Roles are cluster-wide and other users of the cluster (concurrent test runs) may create them at the same moment:
# created only if missing (a lost race counts as present), never altered or dropped.
ensure_roles() {
    psql_super -d postgres <<SQL
DO \$\$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$OWNER_ROLE') THEN
        CREATE ROLE $OWNER_ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END \$\$;
DO \$\$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$APP_ROLE') THEN
        CREATE ROLE $APP_ROLE LOGIN PASSWORD '$PASSWORD';
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END \$\$;
SQL
    [ "$CLUSTER" = dev ] && adopt_dev_database
    return 0
}

# A development database created before the two roles existed belongs to postgres: hand it and its objects to the
# owner role, so that `GovDataPortal migrate` (as gdp_owner) can change them and then grant gdp_app its rows.
adopt_dev_database() {
    local exists
    exists="$(PGPASSWORD="$PASSWORD" "$PG_BIN/psql" -X -At -h 127.0.0.1 -p "$PORT" -U postgres -d postgres \
        -c "SELECT 1 FROM pg_database WHERE datname = '$DEV_DATABASE' AND pg_get_userbyid(datdba) <> '$OWNER_ROLE'")"
    [ "$exists" = 1 ] || return 0
    log "Handing database '$DEV_DATABASE' to role $OWNER_ROLE ..."
    psql_super -d postgres -c "ALTER DATABASE $DEV_DATABASE OWNER TO $OWNER_ROLE"
    psql_super -d "$DEV_DATABASE" <<SQL
DO \$\$ DECLARE r record; BEGIN
    FOR r IN SELECT nspname FROM pg_namespace WHERE nspname = 'hangfire' LOOP
        EXECUTE format('ALTER SCHEMA %I OWNER TO $OWNER_ROLE', r.nspname);
    END LOOP;
    -- Tables take their owned sequences along.
    FOR r IN SELECT schemaname, tablename FROM pg_tables WHERE schemaname IN ('public', 'hangfire') LOOP
        EXECUTE format('ALTER TABLE %I.%I OWNER TO $OWNER_ROLE', r.schemaname, r.tablename);
    END LOOP;
    FOR r IN SELECT p.oid::regprocedure AS f FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             LEFT JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
             WHERE n.nspname IN ('public', 'hangfire') AND d.objid IS NULL LOOP
        EXECUTE format('ALTER FUNCTION %s OWNER TO $OWNER_ROLE', r.f);
    END LOOP;
END \$\$;
SQL
}

cmd_start() {
    if is_running; then
        log "PostgreSQL cluster '$CLUSTER' is already running."
        ensure_roles
        echo "$CONNSTR"
        return 0
    fi
    ensure_binaries
    [ -f "$PGDATA/PG_VERSION" ] || init_cluster
    mkdir -p "$SOCK_DIR"
    if is_root; then
        # A cluster created earlier by another user must still belong to postgres.
        [ "$(stat -c %U "$PGDATA")" = postgres ] || chown -R postgres:postgres "$CLUSTER_DIR"
        chown postgres:postgres "$SOCK_DIR"
        make_parents_traversable
    fi
    # Leftover lock from a crash whose PID is now dead or reused: postgres would
    # refuse to start if that PID happens to be alive, so drop it.
    rm -f "$PGDATA/postmaster.pid" "$SOCK_DIR"/.s.PGSQL."$PORT".lock 2>/dev/null || true
    # pg_ctl passes -o through /bin/sh, hence %q for the socket path.
    local opts
    opts="-c listen_addresses=127.0.0.1 -p $PORT -k $(printf '%q' "$SOCK_DIR") -c max_connections=$MAX_CONN $EXTRA_OPTS"
    if ! pg pg_ctl -D "$PGDATA" -l "$LOGFILE" -w -t 60 -o "$opts" start >/dev/null; then
        log "--- last lines of $LOGFILE ---"
        tail -n 20 "$LOGFILE" >&2 || true
        die "PostgreSQL cluster '$CLUSTER' failed to start (port $PORT in use?)"
    fi
    log "PostgreSQL cluster '$CLUSTER' started on 127.0.0.1:$PORT."
    ensure_roles
    echo "$CONNSTR"
}

cmd_stop() {
    if ! is_running; then
        log "PostgreSQL cluster '$CLUSTER' is already stopped."
        return 0
    fi
    pg pg_ctl -D "$PGDATA" -w -t 60 -m fast stop >/dev/null
    log "PostgreSQL cluster '$CLUSTER' stopped."
}

cmd_status() {
    if is_running; then
        echo "running: PostgreSQL cluster '$CLUSTER' ($PGDATA)"
        echo "$CONNSTR"
    else
        echo "stopped: PostgreSQL cluster '$CLUSTER' ($PGDATA)"
        echo "$CONNSTR"
        return 3
    fi
}

cmd_reset() {
    cmd_stop
    log "Deleting $CLUSTER_DIR ..."
    rm -rf "$CLUSTER_DIR"
    case "$SOCK_DIR" in "$CLUSTER_DIR"/*) ;; *) rm -rf "$SOCK_DIR" ;; esac  # /tmp fallback
    cmd_start
}

case "$CMD" in
    start)   cmd_start ;;
    stop)    cmd_stop ;;
    status)  cmd_status ;;
    reset)   cmd_reset ;;
    connstr) role_connstr "$ROLE" ;;
    *)       usage ;;
esac
