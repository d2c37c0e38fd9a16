using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GovDataPortal.Infrastructure;

/// <summary>
/// Lets <c>dotnet ef</c> (scripts/add-migration.sh) build the model without starting the portal. Generating a
/// migration needs no live database; the connection string only names the provider.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PortalDbContext>()
            .UseNpgsql(Environment.GetEnvironmentVariable("ConnectionStrings__Portal") ?? "Host=127.0.0.1;Database=design",
                npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .Options);
}
