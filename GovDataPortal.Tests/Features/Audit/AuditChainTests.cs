using GovDataPortal.Features.Audit;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Audit;

public class AuditChainTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Seeded_chain_verifies_and_ids_have_no_gaps()
    {
        await using var db = await portal.DbAsync();
        var report = await AuditChain.VerifyAsync(db, default);
        Assert.True(report.IsIntact, report.Describe());
        Assert.Equal(await db.AuditRecords.CountAsync(), report.CheckedCount);
        Assert.True(report.CheckedCount > 10);
    }
}
