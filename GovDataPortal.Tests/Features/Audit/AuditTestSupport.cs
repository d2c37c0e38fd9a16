using GovDataPortal.Features.Audit;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GovDataPortal.Tests.Features.Audit;

internal static class AuditTestSupport
{
    /// <summary>A Beijing wall-clock time as a UTC instant (the app's clock hands out UTC, and Npgsql only takes UTC).</summary>
    public static DateTimeOffset Beijing(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.FromHours(8)).ToUniversalTime();

    /// <summary>Writes one audit record as <paramref name="userName"/> at the given instant (the app's clock is moved there).</summary>
    public static async Task<long> WriteAsAsync(this PortalFixture portal, string userName, DateTimeOffset at,
        string action = AuditActions.Export, object? summary = null)
    {
        portal.Clock.Set(at);
        await using (var scope = await portal.ScopeAsAsync(userName))
            await scope.Get<AuditLog>().WriteAsync(action, summary ?? new { 测试 = true });
        await using var db = await portal.DbAsync();
        return await db.AuditRecords.MaxAsync(a => a.Id);
    }
}

/// <summary>
/// A private copy of the seeded template for one test that breaks the chain on purpose (so no other test sees a
/// broken chain), dropped afterwards. Plain contexts: no audit interceptor, no portal host.
/// </summary>
internal sealed class ScratchDatabase(string connectionString) : IDbContextFactory<PortalDbContext>, IAsyncDisposable
{
    public string ConnectionString { get; } = connectionString;

    public static async Task<ScratchDatabase> CreateAsync() => new(await TestDatabase.CreateAsync("audit_scratch"));

    public PortalDbContext CreateDbContext() =>
        new(new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql(ConnectionString).Options);

    public async Task<AuditRecord> RecordAsync(long id)
    {
        await using var db = CreateDbContext();
        return await db.AuditRecords.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    public async Task<long> CountAsync()
    {
        await using var db = CreateDbContext();
        return await db.AuditRecords.LongCountAsync();
    }

    public async Task<AuditChainReport> VerifyAsync()
    {
        await using var db = CreateDbContext();
        return await AuditChain.VerifyAsync(db, default);
    }

    /// <summary>Runs <paramref name="sql"/> as it is, on its own connection; parameters are $1, $2 ….</summary>
    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await RunAsync(conn, sql, parameters);
    }

    /// <summary>What only a superuser can do: switch the append-only triggers off, change rows, switch them on again.</summary>
    public async Task TamperAsync(string sql, params object[] parameters)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await RunAsync(conn, "ALTER TABLE audit_records DISABLE TRIGGER USER");
        await RunAsync(conn, sql, parameters);
        await RunAsync(conn, "ALTER TABLE audit_records ENABLE TRIGGER USER");
    }

    private static async Task RunAsync(NpgsqlConnection conn, string sql, params object[] parameters)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var p in parameters) cmd.Parameters.Add(new NpgsqlParameter { Value = p });
        await cmd.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync() => await TestDatabase.DropAsync(ConnectionString);
}

/// <summary>Keeps what a component logs, formatted, so a test can read it.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    public List<(LogLevel Level, string Message)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Add((logLevel, formatter(state, exception)));
}
