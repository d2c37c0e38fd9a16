using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Catalogue;

/// <summary>
/// A submission's review flow as the rest of the portal sees it.
/// <para>Deciding: the reviewer looks at the batch's entries on the review page and approves what remains or returns
/// some with comments (<see cref="CatalogueLifecycleService.ApproveAsync"/> / <c>ReturnAsync</c>), which change the
/// versions together with the decision. The inbox therefore neither offers nor takes 同意/驳回 and links there.</para>
/// <para>Ending (inside the ending transaction): approved → the versions were published by the service, the batch closes;
/// rejected (everything returned), withdrawn by the submitter or cancelled → whatever is still in review goes back to
/// 草稿 and the batch closes.</para>
/// </summary>
internal sealed class CatalogueSubmissionHandler(CatalogueReviewGate gate) : IFlowSubjectHandler
{
    public string SubjectType => CatalogueTexts.SubjectType;

    public static string Refusal(string subjectId) => $"目录审核须在目录审核页面查看条目后通过或退回（catalogue/review/{subjectId}）。";

    public SubjectAnswering? AnsweredOnSubjectPage(string subjectId, string stepKey) =>
        gate.IsOpen || !long.TryParse(subjectId, out var id)
            ? null
            : new SubjectAnswering(CatalogueLifecycleService.ReviewLink(id), "前往目录审核页面审核", Refusal(subjectId),
                StepActions.Approve | StepActions.Reject, []);

    public async Task OnFlowEndedAsync(PortalDbContext db, FlowRef flow, FlowEnd end, CancellationToken ct)
    {
        if (!long.TryParse(flow.SubjectId, out var id)) return;
        // Find, not a query: the service's tracked submission in this same unit of work.
        var submission = await db.CatalogueSubmissions.FindAsync([id], ct);
        if (submission is null || submission.Status == SubmissionStatus.Closed) return;
        if (end.Outcome is not (FlowOutcome.Approved or FlowOutcome.DeemedApproved))
        {
            var entryIds = await db.CatalogueVersions.Where(v => v.SubmissionId == id).Select(v => v.EntryId).ToListAsync(ct);
            var entries = await db.CatalogueEntries.Include(e => e.Versions).Where(e => entryIds.Contains(e.Id)).ToListAsync(ct);
            // Tracked instances already returned in this unit of work have left the batch in memory.
            foreach (var entry in entries)
                foreach (var version in entry.Versions.Where(v => v.SubmissionId == id && v.InReview))
                {
                    version.ReturnToDraft(end.At);
                    entry.Returned(end.At);
                }
        }
        submission.Close(end.At);
    }
}

/// <summary>
/// A withdrawal request (撤销): the provider's 数据专管员 gives the reason, the data authority approves or refuses in
/// the inbox. Approved → the entry is withdrawn with that reason; refused or taken back → nothing changes.
/// </summary>
internal sealed class CatalogueWithdrawalHandler(IServiceProvider services) : IFlowSubjectHandler
{
    public const string Type = "CatalogueWithdrawal";
    public const string ReasonPrefix = "撤销理由：";

    public string SubjectType => Type;

    public async Task OnFlowEndedAsync(PortalDbContext db, FlowRef flow, FlowEnd end, CancellationToken ct)
    {
        if (end.Outcome is not (FlowOutcome.Approved or FlowOutcome.DeemedApproved) || !long.TryParse(flow.SubjectId, out var id)) return;
        var entry = await db.CatalogueEntries.Include(e => e.Versions).FirstOrDefaultAsync(e => e.Id == id, ct)
            ?? throw new NotFoundException(CatalogueTexts.NotFoundMessage);
        // Resolved when needed: FlowReader depends on the engine's runtime, which depends on the handlers.
        var history = await services.GetRequiredService<FlowReader>().InstanceAsync(db, flow.InstanceId, ct);
        var reason = history?.History.FirstOrDefault(h => h.Action == FlowActions.Submit)?.Comment;
        entry.Withdraw(reason?.StartsWith(ReasonPrefix, StringComparison.Ordinal) == true ? reason[ReasonPrefix.Length..] : reason, end.At);
    }
}
