#!/usr/bin/env bash
# Adds an EF Core migration: scripts/add-migration.sh NameInPascalCase
# Microsoft.EntityFrameworkCore.Design cannot be restored normally here (STACK.md), so the project references its DLL
# only when EfDesign=true; this script sets it, restores the local dotnet-ef tool and runs it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
name="${1:?用法 / usage: scripts/add-migration.sh MigrationName}"
cd "$root"
export EfDesign=true
dotnet tool restore >/dev/null
dotnet ef migrations add "$name" --project GovDataPortal --startup-project GovDataPortal --output-dir Migrations
echo "Migration $name added under GovDataPortal/Migrations. Review it, then run the tests (a test fails on model drift)."
