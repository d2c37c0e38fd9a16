using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Sharing;

/// <summary>Keeps a share request's current deadline in step with its flow (both subject handlers of share requests).</summary>
internal static class ShareRequestDue
{
    public static async Task TrackAsync(PortalDbContext db, FlowRef flow, DateTimeOffset? dueAt, CancellationToken ct)
    {
        if (!long.TryParse(flow.SubjectId, out var id)) return;
        // Find: the tracked request — the first step opens before the service attaches the new flow to it.
        var request = await db.ShareRequests.FindAsync([id], ct);
        if (request is not null && (request.FlowInstanceId is null || request.FlowInstanceId == flow.InstanceId)) request.TrackDue(dueAt);
    }
}
