#!/usr/bin/env bash
# Start the portal with demo data on the private `dev` PostgreSQL cluster.
#
#   scripts/run.sh               foreground; Ctrl-C stops the portal
#   scripts/run.sh --background  start in the background (.data/portal.pid,
#                                .data/portal.log), return once /healthz is up
#   scripts/run.sh --stop        stop the background portal
#
#   env PORTAL_PORT (default 5080)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd -P)"
# shellcheck source=scripts/lib.sh
source "$SCRIPT_DIR/lib.sh"

MODE=foreground
case "${1:-}" in
    "") ;;
    --background) MODE=background ;;
    --stop) MODE=stop ;;
    *) die "usage: scripts/run.sh [--background|--stop]" ;;
esac

PORT="${PORTAL_PORT:-5080}"
URL="http://127.0.0.1:$PORT"
PROJECT_DIR="$REPO_ROOT/GovDataPortal"
APP_DLL="$PROJECT_DIR/bin/Release/net10.0/GovDataPortal.dll"
PID_FILE="$REPO_ROOT/.data/portal.pid"
LOG_FILE="$REPO_ROOT/.data/portal.log"

# PID of the portal recorded in the pid file, if that process is still our app
# (the command line is checked: a stale PID may have been reused).
running_pid() {
    local pid
    pid="$(cat "$PID_FILE" 2>/dev/null)" || return 1
    [ -n "$pid" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$APP_DLL" &&
        echo "$pid"
}

stop_pid() {
    local pid="$1"
    kill -TERM "$pid" 2>/dev/null || return 0
    # Graceful shutdown first (Hangfire lets running jobs finish), then force.
    for _ in $(seq 1 30); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.5
    done
    log "Portal (PID $pid) did not stop within 15 s, killing it."
    kill -KILL "$pid" 2>/dev/null || true
}

if [ "$MODE" = stop ]; then
    if pid="$(running_pid)"; then
        stop_pid "$pid"
        log "门户已停止 / Portal stopped (PID $pid)."
    else
        log "门户未在运行 / Portal is not running."
    fi
    rm -f "$PID_FILE"
    exit 0
fi

if pid="$(running_pid)"; then
    log "门户已在运行 / Portal is already running (PID $pid, see .data/portal.log)."
    echo "门户地址 / Portal: $URL"
    exit 0
fi

require_dotnet
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
bash "$SCRIPT_DIR/db.sh" start dev >/dev/null

log "Building GovDataPortal (Release) ..."
dotnet build "$PROJECT_DIR/GovDataPortal.csproj" -c Release -v quiet -nologo >&2 ||
    die "构建失败 / Build failed."

# Least privilege as in production: the portal connects as the app role (rows only); only the migrate step gets the
# owner role's connection string. The running portal does not migrate again (and has no owner string to do it with).
ConnectionStrings__Portal="$(bash "$SCRIPT_DIR/db.sh" connstr dev app);Database=govdataportal"
OWNER_CONNSTR="$(bash "$SCRIPT_DIR/db.sh" connstr dev owner);Database=govdataportal"
export ConnectionStrings__Portal ConnectionStrings__PortalOwner="" Database__MigrateOnStartup=false
export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development

# Run the built app directly, not `dotnet run`: killing `dotnet run` can orphan
# the app it started. The project dir is the working directory (as with
# `dotnet run`), so the content root finds appsettings*.json and wwwroot.
cd "$PROJECT_DIR"
ConnectionStrings__PortalOwner="$OWNER_CONNSTR" dotnet "$APP_DLL" migrate ||
    die "数据库迁移失败 / Database migration failed."
dotnet "$APP_DLL" seed-demo || die "演示数据导入失败 / Seeding demo data failed."

if [ "$MODE" = background ]; then
    mkdir -p "$(dirname "$PID_FILE")"
    # setsid: the portal must not die with this script's terminal session.
    setsid dotnet "$APP_DLL" --urls "$URL" >"$LOG_FILE" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$PID_FILE"
    log "Waiting for $URL/healthz ..."
    deadline=$((SECONDS + 60))
    while [ "$SECONDS" -lt "$deadline" ]; do
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$PID_FILE"
            tail -n 30 "$LOG_FILE" >&2 || true
            die "门户启动失败 / Portal exited during start-up, see $LOG_FILE"
        fi
        if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$URL/healthz")" = 200 ]; then
            log "门户已在后台启动 / Portal started in the background (PID $pid, log .data/portal.log)."
            echo "门户地址 / Portal: $URL"
            exit 0
        fi
        sleep 1
    done
    stop_pid "$pid"
    rm -f "$PID_FILE"
    tail -n 30 "$LOG_FILE" >&2 || true
    die "门户 60 秒内未就绪 / Portal did not answer $URL/healthz within 60 s, see $LOG_FILE"
fi

# Foreground: the app runs as our child so the trap can always stop it.
dotnet "$APP_DLL" --urls "$URL" &
pid=$!
trap 'stop_pid "$pid"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
echo "门户地址 / Portal: $URL"
wait "$pid"
