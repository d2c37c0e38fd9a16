#!/usr/bin/env bash
# Adds an EF Core migration: scripts/add-migration.sh NameInPascalCase
# Restores the local dotnet-ef tool (dotnet-tools.json) and runs it against the app project, which references
# Microsoft.EntityFrameworkCore.Design as a private, design-time-only package.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
name="${1:?用法 / usage: scripts/add-migration.sh MigrationName}"
cd "$root"
dotnet tool restore >/dev/null
dotnet ef migrations add "$name" --project GovDataPortal --startup-project GovDataPortal --output-dir Migrations
echo "Migration $name added under GovDataPortal/Migrations. Review it, then run the tests (a test fails on model drift)."
