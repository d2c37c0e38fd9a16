using GovDataPortal.Features.Demo;
using GovDataPortal.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GovDataPortal.Tests.Support;

/// <summary>
/// Test databases on the real PostgreSQL that scripts/test.sh starts (PORTAL_TEST_PG). A template is migrated and
/// demo-seeded once per test run; each test class gets a fresh copy made with CREATE DATABASE … TEMPLATE (fast).
/// </summary>
public static class TestDatabase
{
    public const string TemplateName = "gdp_test_template";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("PORTAL_TEST_PG") is { Length: > 0 } cs
            ? cs
            : "Host=127.0.0.1;Port=55433;Username=postgres;Password=portal_test";

    public static string For(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database, Pooling = true }.ConnectionString;

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static bool _templateReady;

    /// <summary>Creates a new database copied from the template and returns its connection string.</summary>
    public static async Task<string> CreateAsync(string prefix)
    {
        await EnsureTemplateAsync();
        var name = $"gdp_t_{prefix.ToLowerInvariant()}_{Guid.NewGuid():N}"[..50];
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{TemplateName}\"");
        return For(name);
    }

    public static async Task DropAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static async Task EnsureTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_templateReady) return;
            await ExecuteAsync($"DROP DATABASE IF EXISTS \"{TemplateName}\" WITH (FORCE)");
            await DropLeftoversAsync();
            await ExecuteAsync($"CREATE DATABASE \"{TemplateName}\"");
            await using (var app = new PortalFactory(For(TemplateName)))
            {
                await Database.MigrateAsync(app.Services);
                await using var scope = app.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
            }
            // A template may have no open connections when it is copied.
            NpgsqlConnection.ClearAllPools();
            _templateReady = true;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    // Databases of an earlier, interrupted run.
    private static async Task DropLeftoversAsync()
    {
        await using var conn = new NpgsqlConnection(ServerConnectionString);
        await conn.OpenAsync();
        var names = new List<string>();
        await using (var cmd = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE 'gdp_t_%'", conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        foreach (var n in names)
            await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{n}\" WITH (FORCE)", conn))
                await drop.ExecuteNonQueryAsync();
    }

    public static async Task ExecuteAsync(string sql, string? connectionString = null)
    {
        await using var conn = new NpgsqlConnection(connectionString ?? ServerConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
