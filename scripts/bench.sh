#!/usr/bin/env bash
# Prints the portal's performance figures (server memory per live circuit, deadline computations/s, timer sweep, inbox
# latency, catalogue search over 100,000 entries) against a private PostgreSQL test cluster and headless Debian chromium. Figures only; nothing is asserted.
# Usage: scripts/bench.sh [catalogue]   (catalogue: only the catalogue search figures)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$root"
bash scripts/db.sh start test >/dev/null
connstr="$(bash scripts/db.sh connstr test)"
dotnet build GovDataPortal.Bench/GovDataPortal.Bench.csproj -c Release -v quiet -nologo >/dev/null
[ "${1:-}" = catalogue ] || [ -x /usr/bin/chromium ] || { source scripts/lib.sh; apt_install chromium fonts-wqy-microhei; }
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PORTAL_CHROMIUM=/usr/bin/chromium
dotnet GovDataPortal.Bench/bin/Release/net10.0/GovDataPortal.Bench.dll "$connstr" "$@"
