using GovDataPortal.Features.Demo;
using GovDataPortal.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GovDataPortal.Tests.Support;

/// <summary>
/// Test databases on the real PostgreSQL that scripts/test.sh starts (PORTAL_TEST_PG). A template is migrated and
/// demo-seeded once per test run; each test class gets a fresh copy made with CREATE DATABASE … TEMPLATE (fast).
/// As in production, the tables belong to the owner role <see cref="OwnerRole"/> (which migrates) and the portal under
/// test connects as <see cref="AppRole"/>, which may only read and write rows (<see cref="PortalFactory"/>). The
/// connection strings handed to tests are the server's (superuser), for arranging what the app may not do itself.
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

    /// <summary>The roles scripts/db.sh creates in its clusters (same password as the cluster's superuser).</summary>
    public const string OwnerRole = "gdp_owner", AppRole = "gdp_app";

    /// <summary><paramref name="connectionString"/>'s database, reached as the app role.</summary>
    public static string AsApp(string connectionString) => As(connectionString, AppRole);

    /// <summary><paramref name="connectionString"/>'s database, reached as the owner role.</summary>
    public static string AsOwner(string connectionString) => As(connectionString, OwnerRole);

    private static string As(string connectionString, string role) =>
        new NpgsqlConnectionStringBuilder(connectionString)
        {
            Username = role, Password = new NpgsqlConnectionStringBuilder(ServerConnectionString).Password,
        }.ConnectionString;

    private static readonly SemaphoreSlim RolesLock = new(1, 1);
    private static bool _rolesReady;

    /// <summary>
    /// Creates the two roles where the cluster lacks them (a cluster started before scripts/db.sh created them). Roles
    /// are cluster-wide and other test runs may share the cluster: created only if missing, never changed or dropped.
    /// </summary>
    public static async Task EnsureRolesAsync()
    {
        await RolesLock.WaitAsync();
        try
        {
            if (_rolesReady) return;
            var password = new NpgsqlConnectionStringBuilder(ServerConnectionString).Password ?? "";
            await using var conn = new NpgsqlConnection(ServerConnectionString);
            await conn.OpenAsync();
            foreach (var (role, options) in new[] { (OwnerRole, "LOGIN CREATEDB"), (AppRole, "LOGIN") })
            {
                // A concurrent run may create the same role between the check and the CREATE: both errors mean "exists".
                var sql = $"""
                    DO $$ BEGIN
                        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN
                            CREATE ROLE {role} {options} PASSWORD '{password.Replace("'", "''")}';
                        END IF;
                    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
                    END $$
                    """;
                await using var cmd = new NpgsqlCommand(sql, conn);
                await cmd.ExecuteNonQueryAsync();
            }
            _rolesReady = true;
        }
        finally
        {
            RolesLock.Release();
        }
    }

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static bool _templateReady;

    /// <summary>Creates a new database copied from the template and returns its connection string.</summary>
    public static async Task<string> CreateAsync(string prefix)
    {
        await EnsureTemplateAsync();
        var name = NewName(prefix);
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{TemplateName}\" OWNER {OwnerRole}");
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
            await EnsureRolesAsync();
            await ExecuteAsync($"DROP DATABASE IF EXISTS \"{TemplateName}\" WITH (FORCE)");
            await DropLeftoversAsync();
            await ExecuteAsync($"CREATE DATABASE \"{TemplateName}\" OWNER {OwnerRole}");
            await using (var app = new PortalFactory(For(TemplateName)))
            {
                // As the owner role (ConnectionStrings:PortalOwner), which then grants the app role its row access.
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
