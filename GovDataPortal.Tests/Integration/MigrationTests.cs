using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Integration;

public class MigrationTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Model_has_no_changes_that_a_migration_does_not_cover()
    {
        await using var db = await portal.DbAsync();
        Assert.False(db.Database.HasPendingModelChanges(), "模型已变更但没有对应迁移：运行 scripts/add-migration.sh 名称");
    }

    [Fact]
    public async Task Migrated_database_has_no_pending_migrations_and_holds_the_seven_roles()
    {
        await using var db = await portal.DbAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var roles = await db.Roles.Select(r => r.Name).OrderBy(n => n).ToListAsync();
        Assert.Equal(GovDataPortal.Features.Identity.PortalRoles.All.OrderBy(r => r), roles!);
    }
}
