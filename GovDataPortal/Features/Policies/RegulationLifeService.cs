using GovDataPortal.Features.Identity;
using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Policies;

/// <summary>The active regulation's life today (Beijing date), as the 政策规则 card and the layout banner show it.</summary>
public sealed record RegulationLifeView(
    Jurisdiction Jurisdiction,
    RegulationInfo Regulation,
    DateOnly Today,
    bool Expired,
    ContinuationConfirmation? Confirmation,
    bool BannerDue)
{
    public string Status => Expired ? "已过有效期" : "有效";

    /// <summary>Until when the last confirmation hides the banner.</summary>
    public DateTimeOffset? ConfirmationHidesUntil => Confirmation?.At.AddYears(RegulationLifeService.ConfirmationYears);
}

/// <summary>
/// Issue 8 item 6: when the active regulation is past the term its text states, 系统管理员 and the data authority's
/// 主管部门审核人 are asked to confirm or update the rules; a 系统管理员's confirmation (已确认继续适用) hides the
/// banner for one year from then.
/// </summary>
public sealed class RegulationLifeService(PolicyCatalog catalog, TimeProvider clock, CurrentActor actor)
{
    public const int ConfirmationYears = 1;

    public const string BannerMessage = "当前执行的政策规则所依据的办法已过有效期，请确认其是否继续适用，或上传更新后的规则。";

    public RegulationLifeView Current()
    {
        var profile = catalog.Active;
        var today = ChinaTime.Today(clock);
        var confirmation = catalog.Confirmation(profile.Jurisdiction);
        return new(profile.Jurisdiction, profile.Regulation, today, profile.Regulation.IsExpired(today), confirmation,
            BannerDue(profile.Regulation, today, clock.GetUtcNow(), confirmation));
    }

    /// <summary>Expired, and not confirmed within the last year.</summary>
    public static bool BannerDue(RegulationInfo regulation, DateOnly today, DateTimeOffset now, ContinuationConfirmation? confirmation) =>
        regulation.IsExpired(today) && !(confirmation is { } c && now < c.At.AddYears(ConfirmationYears));

    /// <summary>Who is asked: the 系统管理员 and the data authority's 主管部门审核人.</summary>
    public bool ActorIsAsked =>
        actor.IsAuthenticated && (actor.IsInRole(PortalRoles.SystemAdmin) || actor.IsInRole(PortalRoles.AuthorityReviewer));

    public bool ShowBanner() => ActorIsAsked && Current().BannerDue;
}
