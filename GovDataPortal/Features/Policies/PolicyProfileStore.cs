using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Policies;

/// <summary>
/// Keeps <see cref="PolicyCatalog"/> in step with the database: stores this build's built-in versions (so flows started
/// under them still resolve after an upgrade changes a built-in) and loads which custom version each jurisdiction runs
/// under, and the continuation confirmations.
/// </summary>
public sealed class PolicyProfileStore(IServiceScopeFactory scopes, PolicyCatalog catalog, TimeProvider clock,
    ILogger<PolicyProfileStore> logger)
{
    /// <summary>Stores each built-in version once (idempotent; several nodes may start at the same time).</summary>
    public async Task StoreBuiltInsAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var stored = 0;
        foreach (var p in catalog.BuiltIns)
        {
            var json = PolicyProfileJson.Serialize(p);
            var hash = PolicyProfileJson.ContentHash(p);
            // The portal's own rules, not a person's change: no audit record, and no race between starting nodes.
            stored += await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO policy_profile_versions ("Jurisdiction", "Version", "Name", "BuiltIn", "Json", "ContentHash", "CreatedAt")
                VALUES ({p.Key}, {p.Version}, {"内置规则"}, TRUE, {json}, {hash}, {now})
                ON CONFLICT ("Version") DO NOTHING
                """, ct);
        }
        if (stored > 0) logger.LogInformation("已保存 {Count} 套内置政策规则的新版本。", stored);
    }

    /// <summary>Reads the activated versions and confirmations and puts them in force in the catalog.</summary>
    public async Task RefreshAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct);
        var settings = await db.Set<PolicyProfileSetting>().AsNoTracking().ToListAsync(ct);
        var activated = new Dictionary<Jurisdiction, PolicyProfile>();
        var confirmations = new Dictionary<Jurisdiction, ContinuationConfirmation>();
        foreach (var s in settings)
        {
            if (!Regulations.TryParse(s.Jurisdiction, out var j)) continue;
            if (s.ContinuationConfirmedAt is { } at) confirmations[j] = new(at, s.ContinuationConfirmedByName);
            if (s.ActiveVersion is not { } version) continue;
            if (catalog.Version(version) is { } profile && profile.Jurisdiction == j) activated[j] = profile;
            else logger.LogError("{Jurisdiction} 启用的政策规则版本 {Version} 无法读取，暂按内置规则执行。", s.Jurisdiction, version);
        }
        catalog.Apply(activated, confirmations);
    }
}

/// <summary>
/// Loads the catalog when the node starts (before it serves requests) and then every <see cref="Interval"/>. A
/// database without the tables yet (an operator has not run <c>migrate</c>) leaves the built-in rules in force and is
/// retried at the next tick.
/// </summary>
public sealed class PolicyCatalogRefresher(PolicyProfileStore store, ILogger<PolicyCatalogRefresher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private bool _builtInsStored;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await TickAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await TickAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node is shutting down; a host disposed without being stopped would otherwise log this as a failure.
        }
    }

    private async Task TickAsync(CancellationToken ct)
    {
        try
        {
            if (!_builtInsStored)
            {
                await store.StoreBuiltInsAsync(ct);
                _builtInsStored = true;
            }
            await store.RefreshAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "政策规则未能从数据库加载，暂按已加载的规则执行，稍后重试。");
        }
    }
}
