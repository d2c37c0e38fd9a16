using Microsoft.Extensions.Options;

namespace GovDataPortal.Features.Policies;

/// <summary>The validated profiles and the one this deployment runs under (<c>Portal:Jurisdiction</c>).</summary>
public sealed class PolicyCatalog(IOptions<PolicyProfileSet> profiles, IOptions<PortalOptions> portal)
{
    public IReadOnlyList<PolicyProfile> All { get; } = [.. profiles.Value.Profiles.OrderBy(p => p.Jurisdiction)];

    public Jurisdiction ActiveJurisdiction => portal.Value.ActiveJurisdiction;

    public PolicyProfile Active => Get(ActiveJurisdiction);

    public PolicyProfile Get(Jurisdiction jurisdiction) => All.Single(p => p.Jurisdiction == jurisdiction);

    /// <summary>The profile for a key such as "hubei", or null when the key names no jurisdiction.</summary>
    public PolicyProfile? Find(string? key) => Regulations.TryParse(key, out var j) ? Get(j) : null;

    /// <summary>The active profile's flow; null where the active regulation has no such flow (e.g. 目录外数据需求 outside hubei).</summary>
    public FlowRule? ActiveFlow(string flowKey) => Active.Flow(flowKey);

    /// <summary>
    /// The rules a running flow started under (<see cref="PolicyProfile.Version"/>); null when that version is unknown
    /// (a flow started before versions were recorded — it follows the active rules).
    /// </summary>
    public PolicyProfile? Version(string? version) =>
        string.IsNullOrEmpty(version) ? null : All.FirstOrDefault(p => p.Version == version);
}
