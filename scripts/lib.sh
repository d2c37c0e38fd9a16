# shellcheck shell=bash
# Shared helpers for scripts/*.sh. Sourced, never executed.
# The caller sets REPO_ROOT before sourcing (resolved from its own location,
# so every script works from any cwd and from a fresh clone at any path).

# Messages go to stderr so that stdout stays clean for values such as
# `scripts/db.sh connstr`, which other scripts capture.
log() { printf '%s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# Run a command as root: directly when we are root, else through sudo if it exists.
as_root() {
    if is_root; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root to run '$*' (not root and no sudo). Install it by hand and rerun."
    fi
}

# apt-get install the given Debian packages (one `apt-get update` first).
apt_install() {
    log "Installing missing packages: $* ..."
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >&2
}

require_dotnet() {
    command -v dotnet >/dev/null 2>&1 ||
        die "未找到 dotnet 命令，请先安装 .NET 10 SDK。/ 'dotnet' is not on PATH: install the .NET 10 SDK first."
}
