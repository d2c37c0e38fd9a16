using GovDataPortal.Features.Catalogue;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static GovDataPortal.Tests.Features.Catalogue.Lifecycle.CatalogueLifecycleFixture;

namespace GovDataPortal.Tests.Features.Catalogue.Lifecycle;

/// <summary>Resource codes under concurrent publications: one sequence per nine-digit prefix, never a number twice (own database).</summary>
public class CatalogueCodeConcurrencyTests(CatalogueLifecycleFixture portal) : IClassFixture<CatalogueLifecycleFixture>
{
    [Fact]
    public async Task Twenty_simultaneous_publications_under_one_class_get_distinct_codes_000001_to_000020()
    {
        var submissions = new List<(long Entry, long Submission)>();
        for (var i = 0; i < 20; i++)
        {
            var id = await portal.DraftAsync(Valid($"并发发布{i + 1:D2}", classId: 12));
            var submission = await portal.SubmitAsync(Specialist, id);
            await portal.ApproveAsync(Approver, submission);
            submissions.Add((id, submission));
        }

        var outcomes = await Simultaneously.RunAsync<Exception?>(20, async i =>
        {
            var (_, submission) = submissions[i];
            var task = await portal.OpenTaskAsync(submission);
            var scope = await portal.ScopeAsAsync(Authority);
            Func<Task<Exception?>> act = async () =>
            {
                await using (scope)
                    return await Simultaneously.Outcome(() => scope.Get<CatalogueLifecycleService>().ApproveAsync(submission, task.Id, task.Version));
            };
            return act;
        });

        Assert.All(outcomes, Assert.Null);
        await using var db = await portal.DbAsync();
        var ids = submissions.Select(s => s.Entry).ToList();
        var codes = await db.CatalogueEntries.Where(e => ids.Contains(e.Id)).Select(e => e.ResourceCode!).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 20).Select(n => $"102000000/{n:D6}"), codes.Order());
        Assert.Equal(20, (await db.ResourceCodeSequences.SingleAsync(s => s.Prefix == "102000000")).LastNumber);
    }
}
