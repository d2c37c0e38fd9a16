using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Catalogue;

/// <summary>
/// An updated version of an entry was published (inside the publishing unit of work): every open obligation of the
/// entry — recorded before this moment, since it exists — is met by it (changsha Art. 16 ¶3, shuangpai Art. 19 ¶2,
/// foshan Art. 17 "更新目录"), and the portal settles its flow's open step, which moves on to the 备案 step where the
/// regulation has one. A 无需变更 statement still waiting for the authority is overtaken by the publication.
/// </summary>
internal sealed class ObligationPublicationHook(TimeProvider clock, FlowReader flows, WorkflowEngine engine)
    : ICatalogueVersionPublished
{
    public async Task OnPublishedAsync(PortalDbContext db, CatalogueEntry entry, CatalogueVersion version, CancellationToken ct)
    {
        var open = await db.CatalogueObligations.Where(o => o.EntryId == entry.Id && o.Status == ObligationStatus.Open).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var obligation in open)
        {
            obligation.MetBy(version.Id, now);
            if (obligation.FlowInstanceId is not { } instanceId || await flows.InstanceAsync(db, instanceId, ct) is not { } flow) continue;
            var comment = $"已发布更新版本（第{version.Number}版），由系统自动办结更新环节。";
            foreach (var task in flow.OpenStepTasks.Where(t => t.StepKey is ObligationTexts.UpdateStep or ObligationTexts.ReviewStep))
                await engine.SettleByPortalAsync(db, task.Id, ObligationTexts.UpdatedBranch, comment, ct);
        }
    }
}
