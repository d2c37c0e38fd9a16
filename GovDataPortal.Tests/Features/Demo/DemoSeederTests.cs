using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Identity;
using GovDataPortal.Tests.Support;
using Microsoft.AspNetCore.Identity;

namespace GovDataPortal.Tests.Features.Demo;

/// <summary>seed-demo on demo data seeded by an older version adds the demo accounts that came since, and only those.</summary>
public class DemoSeederTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Seeding_again_adds_only_the_missing_demo_accounts_with_their_role()
    {
        await using (var scope = portal.AnonymousScope())
        {
            var users = scope.Get<UserManager<PortalUser>>();
            Assert.True((await users.DeleteAsync((await users.FindByNameAsync("huangjun"))!)).Succeeded);
        }

        DemoSeeder.Result result;
        await using (var scope = portal.AnonymousScope())
            result = await scope.Get<DemoSeeder>().SeedAsync();

        Assert.Equal(new DemoSeeder.Result(false, 1), result);
        await using (var scope = portal.AnonymousScope())
        {
            var users = scope.Get<UserManager<PortalUser>>();
            var leader = await users.FindByNameAsync("huangjun");
            Assert.NotNull(leader);
            Assert.Equal([PortalRoles.Leadership], await users.GetRolesAsync(leader));
            Assert.Equal(await portal.DepartmentIdAsync(DemoAccounts.Market), leader.DepartmentId);
        }
        Assert.Equal(new DemoSeeder.Result(false, 0), await SeedAgainAsync());
    }

    private async Task<DemoSeeder.Result> SeedAgainAsync()
    {
        await using var scope = portal.AnonymousScope();
        return await scope.Get<DemoSeeder>().SeedAsync();
    }
}
