using GovDataPortal.Features.Audit;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Audit;

/// <summary>Each entity names itself for the audit log; nothing the database holds is shown under its class name.</summary>
public class AuditNamesTests
{
    [Fact]
    public void Every_entity_type_in_the_model_has_a_Chinese_audit_name()
    {
        using var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql("Host=unused").Options);
        var types = db.Model.GetEntityTypes().Where(t => !t.HasSharedClrType).Select(t => AuditEntityTypes.KeyOf(t.ClrType)).ToList();
        Assert.True(types.Count >= 23, string.Join(",", types));

        var unnamed = types.Where(key => AuditNameRegistry.Find(key) is null).ToList();

        Assert.Empty(unnamed);
        Assert.All(types, key => Assert.Matches(@"^[\p{IsCJKUnifiedIdeographs}（）]+$", AuditEntityTypes.DisplayName(key)));
    }

    [Fact]
    public void A_type_nobody_named_is_shown_as_stored_and_an_entitys_own_field_name_wins_over_the_shared_one()
    {
        Assert.Equal("SomethingNew", AuditEntityTypes.DisplayName("SomethingNew"));
        Assert.Equal("", AuditEntityTypes.DisplayName(null));
        Assert.Equal("部门名称", AuditFieldNames.Label("Department", "Name"));
        Assert.Equal("名称", AuditFieldNames.Label("SomethingNew", "Name"));
        Assert.Equal("数据校核", AuditEntityTypes.DisplayName("DataCheckRequest"));
    }
}
