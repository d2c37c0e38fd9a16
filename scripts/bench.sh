#!/usr/bin/env bash
# Prints the portal's performance figures (server memory per live circuit, deadline computations/s, timer sweep, inbox
# latency, catalogue search over 100,000 entries, catalogue Excel import/export, share requests / usage / overview) against
# a private PostgreSQL test cluster and headless Debian chromium. Figures only; nothing is asserted.
# Usage: scripts/bench.sh [catalogue|catalogue-excel|sharing]   (only the catalogue search, the Excel figures, or sharing)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$root"
bash scripts/db.sh start test >/dev/null
connstr="$(bash scripts/db.sh connstr test)"
dotnet build GovDataPortal.Bench/GovDataPortal.Bench.csproj -c Release -v quiet -nologo >/dev/null
[ -n "${1:-}" ] || [ -x /usr/bin/chromium ] || { source scripts/lib.sh; apt_install chromium fonts-wqy-microhei; }
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PORTAL_CHROMIUM=/usr/bin/chromium

# --- Catalogue Excel import/export (issue 9 §4) -----------------------------------------------------------------------
# Dry run of a 5,000-entry / 50,000-item import; export of 100,000 entries with 1,000,000 items (time, peak memory).
# A separate process, so the export's peak resident memory is not the other figures'.
catalogue_excel_bench() {
  dotnet GovDataPortal.Bench/bin/Release/net10.0/GovDataPortal.Bench.dll "$connstr" catalogue-excel
}

if [ "${1:-}" = "catalogue-excel" ]; then
  catalogue_excel_bench
  exit 0
fi
dotnet GovDataPortal.Bench/bin/Release/net10.0/GovDataPortal.Bench.dll "$connstr" "$@"
[ -n "${1:-}" ] || catalogue_excel_bench
