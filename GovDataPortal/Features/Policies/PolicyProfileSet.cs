namespace GovDataPortal.Features.Policies;

/// <summary>
/// The profiles the portal can run under: the five built-ins, unless code replaces one with a profile derived from it.
/// Held as options so <see cref="PolicyProfileValidator"/> checks them at start-up (ValidateOnStart).
/// </summary>
public sealed class PolicyProfileSet
{
    public List<PolicyProfile> Profiles { get; set; } = [.. BuiltInProfiles.All];
}
