#!/usr/bin/env bash
# Prints the portal's performance figures (deadline computations/s, timer sweep, inbox latency) against a private
# PostgreSQL test cluster. Figures only; nothing is asserted. Usage: scripts/bench.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$root"
bash scripts/db.sh start test >/dev/null
connstr="$(bash scripts/db.sh connstr test)"
dotnet build GovDataPortal.Bench/GovDataPortal.Bench.csproj -c Release -v quiet -nologo >/dev/null
dotnet GovDataPortal.Bench/bin/Release/net10.0/GovDataPortal.Bench.dll "$connstr"
