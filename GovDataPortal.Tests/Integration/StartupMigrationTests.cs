using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovDataPortal.Tests.Integration;

/// <summary>The explicit migrate step (GovDataPortal migrate / Database:MigrateOnStartup) on an empty database.</summary>
public class StartupMigrationTests
{
    [Fact]
    public async Task Migrate_creates_a_missing_database_applies_every_migration_logs_them_and_is_idempotent()
    {
        var connectionString = TestDatabase.For(TestDatabase.NewName("migrate"));
        var logged = new LogCollector();
        await using var app = new PortalFactory(connectionString, settings: new Dictionary<string, string?>
        {
            ["Logging:LogLevel:GovDataPortal"] = "Information",
        }).WithWebHostBuilder(b =>
            b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logged)));
        try
        {
            var applied = await Database.MigrateAsync(app.Services);
            Assert.Contains(applied, m => m.EndsWith("_Initial", StringComparison.Ordinal));
            Assert.Contains(logged.Messages, m => m.Contains("已应用") && m.Contains("_Initial"));

            Assert.Empty(await Database.MigrateAsync(app.Services));
            Assert.Contains(logged.Messages, m => m.Contains("无待应用的迁移"));
        }
        finally
        {
            await TestDatabase.DropAsync(connectionString);
        }
    }
}

public sealed class LogCollector : ILoggerProvider
{
    private readonly List<string> _messages = [];
    public IReadOnlyList<string> Messages { get { lock (_messages) return _messages.ToList(); } }

    public ILogger CreateLogger(string categoryName) => new Logger(this);
    public void Dispose() { }

    private sealed class Logger(LogCollector owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._messages) owner._messages.Add(formatter(state, exception));
        }
    }
}
