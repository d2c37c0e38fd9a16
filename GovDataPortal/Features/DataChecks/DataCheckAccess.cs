using GovDataPortal.Features.Attachments;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.DataChecks;

/// <summary>Who may see a data check, and who acts for the requesting side.</summary>
internal static class DataCheckAccess
{
    /// <summary>
    /// The two departments concerned, and the reviewers of the data authority that supervises the provider's checks
    /// (hubei Art. 13 ¶1: the authority guides and supervises timely verification). Nobody else — not even the system
    /// administrators, who maintain accounts, not business data.
    /// </summary>
    public static async Task<bool> CanSeeAsync(PortalDbContext db, CurrentActor actor, int requesterDepartmentId,
        int providerDepartmentId, CancellationToken ct)
    {
        if (!actor.IsAuthenticated || actor.DepartmentId is not { } mine) return false;
        if (mine == requesterDepartmentId || mine == providerDepartmentId) return true;
        if (!actor.IsInRole(PortalRoles.AuthorityReviewer)) return false;
        return await DataAuthorities.OfDepartmentAsync(db, providerDepartmentId, ct) == mine;
    }

    /// <summary>The requester's specialists and approvers, and the person who raised it, close or reopen it.</summary>
    public static bool ActsForRequester(CurrentActor actor, DataCheckRequest request) =>
        actor.IsAuthenticated && (actor.UserId == request.RequesterUserId
            || (actor.DepartmentId == request.RequesterDepartmentId
                && (actor.IsInRole(PortalRoles.DataSpecialist) || actor.IsInRole(PortalRoles.DepartmentApprover))));
}

/// <summary>A data check's evidence is readable by whoever may read the check.</summary>
internal sealed class DataCheckAttachmentAccess(IDbContextFactory<PortalDbContext> factory, CurrentActor actor) : IAttachmentAccess
{
    public string OwnerType => DataCheckTexts.SubjectType;

    public async Task<bool> CanReadAsync(string ownerId, CancellationToken ct)
    {
        if (!long.TryParse(ownerId, out var id)) return false;
        await using var db = await factory.CreateDbContextAsync(ct);
        var request = await db.DataCheckRequests.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new { r.RequesterDepartmentId, r.ProviderDepartmentId }).FirstOrDefaultAsync(ct);
        return request is not null && await DataCheckAccess.CanSeeAsync(db, actor, request.RequesterDepartmentId, request.ProviderDepartmentId, ct);
    }
}
