using System.Diagnostics;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.OpenData;
using GovDataPortal.Features.Sharing;
using GovDataPortal.Features.Sharing.Grants;
using GovDataPortal.Features.Sharing.Scenarios;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace GovDataPortal.Tests.Features.Demo;

/// <summary>
/// seed-demo's sharing and open-data screens: requests in every state, grants in every status with months of usage,
/// scenarios, open-data requests and an objection — made through the services and the flow engine, and written once.
/// </summary>
public class SharingDemoSeederTests(PortalFixture portal, ITestOutputHelper output) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Demo_sharing_data_has_every_state_and_is_written_once()
    {
        await using (var scope = portal.AnonymousScope())
        {
            Assert.Equal(SharingDemoSeeder.Result.Empty, await scope.Get<SharingDemoSeeder>().SeedAsync()); // no catalogue yet: nothing
            await scope.Get<CatalogueDemoSeeder>().SeedAsync();
        }

        var watch = Stopwatch.StartNew();
        SharingDemoSeeder.Result first, second;
        await using (var scope = portal.AnonymousScope()) first = await scope.Get<SharingDemoSeeder>().SeedAsync();
        output.WriteLine($"sharing demo seeded in {watch.ElapsedMilliseconds} ms: {first}");
        await using (var scope = portal.AnonymousScope()) second = await scope.Get<SharingDemoSeeder>().SeedAsync();

        Assert.Equal(new SharingDemoSeeder.Result(ShareRequests: 11, Grants: 6, Uses: 110, Scenarios: 2, OpenRequests: 2, Objections: 1), first);
        Assert.Equal(SharingDemoSeeder.Result.Empty, second);

        await using var db = await portal.DbAsync();
        Assert.Equal(11, await db.ShareRequests.CountAsync());
        var requests = await db.ShareRequests.GroupBy(r => r.Status).ToDictionaryAsync(g => g.Key, g => g.Count());
        Assert.Equal(3, requests[ShareRequestStatus.InReview]); // running, overdue, negotiation
        Assert.Equal(6, requests[ShareRequestStatus.Granted]);
        Assert.Equal(1, requests[ShareRequestStatus.Refused]);
        Assert.Equal(1, requests[ShareRequestStatus.Withdrawn]);
        Assert.All(await db.ShareRequests.Where(r => r.Status == ShareRequestStatus.Refused).ToListAsync(),
            r => Assert.False(string.IsNullOrWhiteSpace(r.DecisionReason)));

        Assert.Equal(6, await db.ShareGrants.CountAsync());
        var grants = await db.ShareGrants.GroupBy(g => g.Status).ToDictionaryAsync(g => g.Key, g => g.Count());
        Assert.Equal(4, grants[GrantStatus.Active]);
        Assert.Equal(1, grants[GrantStatus.Suspended]);
        Assert.Equal(1, grants[GrantStatus.Expired]);
        Assert.False(string.IsNullOrWhiteSpace((await db.ShareGrants.SingleAsync(g => g.Status == GrantStatus.Suspended)).StatusReason));
        var reminded = await db.ShareGrants.Where(g => g.ExpiryReminderSentAt != null).ToListAsync();
        Assert.Equal("社会保障卡信息", Assert.Single(reminded).ResourceName);
        Assert.Equal(110, await db.GrantUses.CountAsync());

        // Review deadlines: one open request is overdue by the engine's count, the other still running.
        var now = portal.Clock.GetUtcNow();
        var openDue = await (from r in db.ShareRequests
                             join t in db.FlowTasks on r.FlowInstanceId equals t.InstanceId
                             where r.Status == ShareRequestStatus.InReview && r.Kind == ShareRequestKind.Conditional
                                   && t.Status == FlowTaskStatus.Open
                             select new { r.ResourceName, t.DueAt, r.CurrentDueAt }).ToListAsync();
        Assert.Contains(openDue, t => t.ResourceName == "户籍迁移信息" && t.DueAt < now);
        Assert.Contains(openDue, t => t.ResourceName == "居民身份证信息" && t.DueAt > now);
        Assert.All(openDue, t => Assert.Equal(t.DueAt, t.CurrentDueAt)); // the overview sorts the back-dated requests right

        // The centre signed the usage agreements (shuangpai Art. 24 ¶1 item 2) but one, left to show what is missing.
        var approved = await db.ShareGrants.Where(g => g.Basis == GrantBasis.Approved).Select(g => g.AgreementReference).ToListAsync();
        Assert.Single(approved, a => a is null);
        Assert.All(approved.Where(a => a is not null), a => Assert.StartsWith("双数共〔2026〕", a));

        // The provider's usage chart (/sharing/grants/usage) has bars in several months.
        await using (var police = await portal.ScopeAsAsync("lina"))
        {
            var usage = await police.Get<GrantService>().ProviderUsageAsync();
            Assert.True(usage.PerMonth.Count(m => m.Count > 0) >= 4, string.Join(", ", usage.PerMonth.Select(m => $"{m.Month}:{m.Count}")));
        }

        var scenarios = await db.Set<ApplicationScenario>().GroupBy(s => s.Status).ToDictionaryAsync(g => g.Key, g => g.Count());
        Assert.Equal(1, scenarios[ScenarioStatus.Approved]);
        Assert.Equal(1, scenarios[ScenarioStatus.Pending]);

        var open = await db.Set<OpenDataRequest>().GroupBy(r => r.Status).ToDictionaryAsync(g => g.Key, g => g.Count());
        Assert.Equal(1, open[OpenRequestStatus.InReview]);
        Assert.Equal(1, open[OpenRequestStatus.Approved]);
        var objection = await db.Set<DataObjection>().SingleAsync();
        Assert.Equal(ObjectionStatus.InProcess, objection.Status);
        Assert.Equal("department-decision", (await db.FlowTasks.SingleAsync(t => t.InstanceId == objection.FlowInstanceId
            && t.Status == FlowTaskStatus.Open)).StepKey);
    }
}
