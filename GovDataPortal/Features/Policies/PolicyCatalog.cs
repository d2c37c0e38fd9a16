using System.Collections.Concurrent;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovDataPortal.Features.Policies;

/// <summary>A 系统管理员's confirmation that an expired regulation still applies (hides the banner for a year).</summary>
public sealed record ContinuationConfirmation(DateTimeOffset At, string? By);

/// <summary>
/// The profiles the portal runs under: the five built-ins (<c>Portal:Jurisdiction</c> names the deployment's one),
/// where a 系统管理员 has activated a custom version for the deployment's jurisdiction, that version instead. Reads are
/// synchronous and from memory; <see cref="PolicyProfileStore"/> loads the database's choices at start-up, after each
/// activation and every 30 seconds (so several nodes converge), and calls <see cref="Apply"/>.
/// </summary>
public sealed class PolicyCatalog(
    IOptions<PolicyProfileSet> profiles,
    IOptions<PortalOptions> portal,
    IServiceScopeFactory? scopes = null,
    ILogger<PolicyCatalog>? logger = null)
{
    private sealed record State(IReadOnlyList<PolicyProfile> Profiles, IReadOnlyDictionary<Jurisdiction, ContinuationConfirmation> Confirmations);

    /// <summary>The built-in (code) profiles, in jurisdiction order.</summary>
    public IReadOnlyList<PolicyProfile> BuiltIns { get; } = [.. profiles.Value.Profiles.OrderBy(p => p.Jurisdiction)];

    private volatile State? _state;

    // Versions are immutable, so a resolved version is cached for good.
    private readonly ConcurrentDictionary<string, PolicyProfile> _versions = new(StringComparer.Ordinal);

    private State Current => _state ??= new State(BuiltIns, new Dictionary<Jurisdiction, ContinuationConfirmation>());

    /// <summary>The profile in force for each jurisdiction (the built-in, or the activated custom version).</summary>
    public IReadOnlyList<PolicyProfile> All => Current.Profiles;

    public Jurisdiction ActiveJurisdiction => portal.Value.ActiveJurisdiction;

    public PolicyProfile Active => Get(ActiveJurisdiction);

    public PolicyProfile Get(Jurisdiction jurisdiction) => All.Single(p => p.Jurisdiction == jurisdiction);

    public PolicyProfile BuiltIn(Jurisdiction jurisdiction) => BuiltIns.Single(p => p.Jurisdiction == jurisdiction);

    /// <summary>True when the jurisdiction runs under a custom (uploaded) version rather than its built-in profile.</summary>
    public bool IsCustom(Jurisdiction jurisdiction) => !ReferenceEquals(Get(jurisdiction), BuiltIn(jurisdiction));

    /// <summary>The profile for a key such as "hubei", or null when the key names no jurisdiction.</summary>
    public PolicyProfile? Find(string? key) => Regulations.TryParse(key, out var j) ? Get(j) : null;

    /// <summary>The active profile's flow; null where the active regulation has no such flow (e.g. 目录外数据需求 outside hubei).</summary>
    public FlowRule? ActiveFlow(string flowKey) => Active.Flow(flowKey);

    /// <summary>The last confirmation that the jurisdiction's expired regulation still applies, if any.</summary>
    public ContinuationConfirmation? Confirmation(Jurisdiction jurisdiction) =>
        Current.Confirmations.GetValueOrDefault(jurisdiction);

    /// <summary>
    /// The rules a running flow started under (<see cref="PolicyProfile.Version"/>): a built-in of this build, or any
    /// version stored in the database (an older built-in, a custom upload) — read once, then cached, since a version
    /// never changes. Null when the version is unknown (a flow started before versions were recorded: it follows the
    /// active rules) or the database cannot be read.
    /// </summary>
    public PolicyProfile? Version(string? version)
    {
        if (string.IsNullOrEmpty(version)) return null;
        if (_versions.TryGetValue(version, out var cached)) return cached;
        if (All.Concat(BuiltIns).FirstOrDefault(p => p.Version == version) is { } known) return _versions[version] = known;
        return Load(version) is { } stored ? _versions.GetOrAdd(version, stored) : null;
    }

    /// <summary>Puts the database's choices in force: the activated custom versions and the confirmations.</summary>
    public void Apply(IReadOnlyDictionary<Jurisdiction, PolicyProfile> activated,
        IReadOnlyDictionary<Jurisdiction, ContinuationConfirmation> confirmations)
    {
        foreach (var p in activated.Values) _versions.TryAdd(p.Version, p);
        _state = new State([.. BuiltIns.Select(p => activated.GetValueOrDefault(p.Jurisdiction) ?? p)], confirmations);
    }

    /// <summary>Caches a version read elsewhere (the store reads active versions in bulk).</summary>
    public PolicyProfile Remember(PolicyProfile profile) => _versions.GetOrAdd(profile.Version, profile);

    // Synchronous on purpose: the contract is synchronous, and sync EF reads are safe (only SaveChanges must be async).
    private PolicyProfile? Load(string version)
    {
        if (scopes is null) return null;
        try
        {
            using var scope = scopes.CreateScope();
            using var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
            var row = db.Set<PolicyProfileVersion>().AsNoTracking().FirstOrDefault(v => v.Version == version);
            return row?.ToProfile();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger?.LogError(e, "读取政策规则版本 {Version} 失败。", version);
            return null;
        }
    }
}
