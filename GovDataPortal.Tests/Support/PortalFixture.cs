using System.Security.Claims;
using GovDataPortal.Features.Identity;
using GovDataPortal.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Support;

/// <summary>
/// One database (a copy of the demo-seeded template) and one in-process portal per test class:
/// <c>public class MyTests(PortalFixture portal) : IClassFixture&lt;PortalFixture&gt;</c>.
/// </summary>
public class PortalFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero); // Friday 10:00 Beijing

    public SettableClock Clock { get; } = new(Start);
    public PortalFactory Factory { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";
    public IServiceProvider Services => Factory.Services;

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync(GetType().Name);
        Factory = new PortalFactory(ConnectionString, Clock, Settings, ConfigureServices);
        BeforeStart(Factory);
        _ = Factory.Services; // start the host now, not inside the first test
    }

    /// <summary>Test-only service changes (e.g. an extra flow in the active profile).</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    /// <summary>Last chance to configure the host (e.g. real Kestrel) before it starts.</summary>
    protected virtual void BeforeStart(PortalFactory factory) { }

    public virtual async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await TestDatabase.DropAsync(ConnectionString);
    }

    /// <summary>A fresh context on this class's database (no audit actor; for arranging and asserting).</summary>
    public async Task<PortalDbContext> DbAsync()
    {
        var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
    }

    /// <summary>A DI scope acting as the named user (roles and department as at sign-in), like one request or circuit.</summary>
    public async Task<AsyncServiceScope> ScopeAsAsync(string userName, string ip = "127.0.0.1")
    {
        var scope = Services.CreateAsyncScope();
        var principal = await PrincipalOfAsync(scope.ServiceProvider, userName);
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Set(principal, ip);
        return scope;
    }

    /// <summary>A scope with nobody signed in.</summary>
    public AsyncServiceScope AnonymousScope() => Services.CreateAsyncScope();

    public static async Task<ClaimsPrincipal> PrincipalOfAsync(IServiceProvider services, string userName)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"no user {userName}");
        return await scope.ServiceProvider.GetRequiredService<SignInManager<PortalUser>>().CreateUserPrincipalAsync(user);
    }
}

public static class ScopeExtensions
{
    public static T Get<T>(this AsyncServiceScope scope) where T : notnull => scope.ServiceProvider.GetRequiredService<T>();
}
