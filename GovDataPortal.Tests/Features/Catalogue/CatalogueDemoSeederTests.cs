using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Demo;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Catalogue;

/// <summary>seed-demo's catalogue: about 300 entries moved through the real review flow into every state, once.</summary>
public class CatalogueDemoSeederTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task The_demo_catalogue_has_every_state_and_is_written_once()
    {
        await using (var scope = portal.AnonymousScope())
        {
            var seeder = scope.Get<CatalogueDemoSeeder>();
            Assert.Equal(CatalogueDemoContent.All().Count(), await seeder.SeedAsync());
            Assert.Equal(0, await seeder.SeedAsync());
        }

        await using var db = await portal.DbAsync();
        var states = await db.CatalogueEntries.GroupBy(e => e.Status).ToDictionaryAsync(g => g.Key, g => g.Count());
        Assert.InRange(states[EntryStatus.Published], 240, 300);
        Assert.Equal(1, states[EntryStatus.Withdrawn]);
        Assert.Equal(5, states[EntryStatus.InReview]); // 民政局 3 at the department, 卫健局 2 at the authority
        Assert.True(states[EntryStatus.Draft] >= 20);

        var codes = await db.CatalogueEntries.Where(e => e.ResourceCode != null).Select(e => e.ResourceCode!).ToListAsync();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches(CatalogueRules.ResourceCodePattern(), c));
        Assert.Contains("101000000/000001", codes);

        var returned = await db.CatalogueReviewComments.Where(c => c.Field == nameof(CatalogueContent.ShareBasis)).CountAsync();
        Assert.Equal(1, returned);
        var newVersions = await db.CatalogueVersions.Where(v => v.Number == 2)
            .Select(v => new { v.Status, v.Name }).OrderBy(v => v.Name).ToListAsync();
        Assert.Equal([VersionStatus.Draft, VersionStatus.DepartmentReview], newVersions.Select(v => v.Status).Order());
        Assert.Equal(3, await db.CatalogueObligations.CountAsync(o => o.Status == ObligationStatus.Open && o.FlowInstanceId != null));
        Assert.Equal(2, await db.AuthoritativeSources.CountAsync());
    }
}
