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
    // Names carry the test process id, so concurrent runs (two developers, a rerun while one hangs) never drop each
    // other's databases; leftovers of dead processes are cleaned at the next start.
    private static readonly int Pid = Environment.ProcessId;
    public static readonly string TemplateName = $"gdp_t_{Pid}_template";

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
        var name = NewName(prefix);
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{TemplateName}\"");
        return For(name);
    }

    /// <summary>A database name owned by this test process (PostgreSQL allows 63 characters).</summary>
    public static string NewName(string prefix)
    {
        var slug = prefix.ToLowerInvariant();
        return $"gdp_t_{Pid}_{(slug.Length > 30 ? slug[..30] : slug)}_{Guid.NewGuid().ToString("N")[..8]}";
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

    // Databases of earlier runs whose test process is gone.
    private static async Task DropLeftoversAsync()
    {
        await using var conn = new NpgsqlConnection(ServerConnectionString);
        await conn.OpenAsync();
        var names = new List<string>();
        await using (var cmd = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE 'gdp\\_t\\_%'", conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        foreach (var n in names.Where(IsOrphan))
            await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{n}\" WITH (FORCE)", conn))
                await drop.ExecuteNonQueryAsync();
    }

    private static bool IsOrphan(string database)
    {
        var parts = database.Split('_');
        return parts.Length < 3 || !int.TryParse(parts[2], out var pid) || (pid != Pid && !Directory.Exists($"/proc/{pid}"));
    }

    public static async Task ExecuteAsync(string sql, string? connectionString = null)
    {
        await using var conn = new NpgsqlConnection(connectionString ?? ServerConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
