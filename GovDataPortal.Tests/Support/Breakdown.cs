using System.Collections.Concurrent;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovDataPortal.Tests.Support;

/// <summary>
/// A database connection that can be made to fail the way nobody foresees (not a refusal the service words itself):
/// a service built on it shows how a screen copes with an unexpected error. While <see cref="Broken"/>, every new
/// context, and every new DI scope (services that work through UserManager open one), throws.
/// </summary>
public sealed class Breakdown
{
    public const string Message = "模拟的意外故障（测试）";

    private readonly IDbContextFactory<PortalDbContext> _contexts;
    private readonly IServiceScopeFactory _scopes;

    private Breakdown(IServiceProvider services)
    {
        _contexts = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        _scopes = services.GetRequiredService<IServiceScopeFactory>();
    }

    public bool Broken { get; set; }

    /// <summary><typeparamref name="T"/> acting as the scope's user, on a connection that breaks on demand.</summary>
    public static (T Service, Breakdown Breakdown) Service<T>(AsyncServiceScope scope) where T : class
    {
        var breakdown = new Breakdown(scope.ServiceProvider);
        var wanted = typeof(T).GetConstructors().Single().GetParameters().Select(p => p.ParameterType).ToHashSet();
        object[] breakable = [new BreakableContexts(breakdown), new BreakableScopes(breakdown)];
        var service = ActivatorUtilities.CreateInstance<T>(scope.ServiceProvider,
            breakable.Where(b => wanted.Any(w => w.IsInstanceOfType(b))).ToArray());
        return (service, breakdown);
    }

    private InvalidOperationException Failure() => new(Message);

    private sealed class BreakableContexts(Breakdown owner) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => owner.Broken ? throw owner.Failure() : owner._contexts.CreateDbContext();
    }

    private sealed class BreakableScopes(Breakdown owner) : IServiceScopeFactory
    {
        public IServiceScope CreateScope() => owner.Broken ? throw owner.Failure() : owner._scopes.CreateScope();
    }
}

/// <summary>Keeps what components log, so a test can see that an unexpected error was logged.</summary>
public sealed class LogRecorder : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

    /// <summary>Makes the bUnit context's <c>ILogger&lt;T&gt;</c> write here.</summary>
    public static LogRecorder AddTo(IServiceCollection services)
    {
        var recorder = new LogRecorder();
        services.AddSingleton<ILoggerFactory>(new LoggerFactory([recorder]));
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        return recorder;
    }

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose() { }

    private sealed class Recorder(LogRecorder owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue((category, logLevel, formatter(state, exception), exception));
    }
}
