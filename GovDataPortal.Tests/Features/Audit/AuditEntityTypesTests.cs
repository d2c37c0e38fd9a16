using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Audit;

public class AuditEntityTypesTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public void Generic_entity_classes_are_stored_without_their_arity_and_shown_in_Chinese()
    {
        Assert.Equal("IdentityUserRole", AuditEntityTypes.KeyOf(typeof(IdentityUserRole<string>)));
        Assert.Equal("用户角色", AuditEntityTypes.DisplayName(AuditEntityTypes.KeyOf(typeof(IdentityUserRole<string>))));
        Assert.Equal("部门", AuditEntityTypes.DisplayName(AuditEntityTypes.KeyOf(typeof(Department))));
    }

    [Fact]
    public async Task Seeded_role_grants_are_logged_under_the_clean_type_name()
    {
        await using var db = await portal.DbAsync();
        var types = await db.AuditRecords.Where(a => a.Action == AuditActions.RoleGranted).Select(a => a.EntityType).Distinct().ToListAsync();
        Assert.Equal(["IdentityUserRole"], types);
    }
}
