using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Identity;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;

namespace GovDataPortal.Tests.Features.Identity;

/// <summary>Only the security administrator grants roles, and never against the separation of duties.</summary>
public class RoleAssignmentTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public Task Granting_auditor_to_a_data_specialist_is_refused_and_changes_nothing() =>
        AssertRefusedAsync("zhangwei", [PortalRoles.DataSpecialist, PortalRoles.Auditor], "审计员不能兼任业务角色");

    [Fact]
    public Task Granting_security_admin_to_the_system_admin_is_refused_and_changes_nothing() =>
        AssertRefusedAsync("admin", [PortalRoles.SystemAdmin, PortalRoles.SecurityAdmin], "系统管理员、安全管理员须由不同人员担任");

    [Fact]
    public Task Granting_security_admin_to_the_auditor_is_refused_and_changes_nothing() =>
        AssertRefusedAsync("auditor", [PortalRoles.SecurityAdmin, PortalRoles.Auditor], "安全管理员、审计员须由不同人员担任");

    [Fact]
    public Task Authority_reviewer_outside_the_data_authority_is_refused_and_changes_nothing() =>
        AssertRefusedAsync("liuyang", [PortalRoles.DataSpecialist, PortalRoles.AuthorityReviewer], "主管部门审核人只能授予本区域数据主管部门的人员");

    [Fact]
    public async Task A_valid_change_grants_and_revokes_together_with_audit_records()
    {
        var linaId = await portal.UserIdAsync("lina");
        Assert.Equal([PortalRoles.DepartmentApprover], await portal.RolesOfAsync("lina"));
        var auditBefore = await portal.AuditCountAsync();

        await using (var scope = await portal.ScopeAsAsync("security"))
            await scope.Get<UserAdministrationService>().SetRolesAsync(linaId, [PortalRoles.DataSpecialist, PortalRoles.Leadership]);

        Assert.Equal([PortalRoles.DataSpecialist, PortalRoles.Leadership], await portal.RolesOfAsync("lina"));
        var granted = (await portal.AuditAsync(AuditActions.RoleGranted)).Where(a => a.Id > auditBefore).ToList();
        var revoked = (await portal.AuditAsync(AuditActions.RoleRevoked)).Where(a => a.Id > auditBefore).ToList();
        Assert.Equal([$"{linaId},{PortalRoles.DataSpecialist}", $"{linaId},{PortalRoles.Leadership}"],
            granted.Select(a => a.EntityId).Order(StringComparer.Ordinal));
        Assert.Equal($"{linaId},{PortalRoles.DepartmentApprover}", Assert.Single(revoked).EntityId);
        Assert.All(granted.Concat(revoked), a => Assert.Equal("security", a.UserName));
    }

    [Fact]
    public async Task Authority_reviewer_inside_the_data_authority_is_granted()
    {
        var zhoutao = await portal.UserIdAsync("zhoutao"); // 县政务服务中心, the data authority

        await using (var scope = await portal.ScopeAsAsync("security"))
            await scope.Get<UserAdministrationService>().SetRolesAsync(zhoutao, [PortalRoles.AuthorityReviewer, PortalRoles.Leadership]);

        Assert.Equal([PortalRoles.AuthorityReviewer, PortalRoles.Leadership], await portal.RolesOfAsync("zhoutao"));
    }

    [Fact]
    public async Task Only_the_security_admin_may_assign_roles()
    {
        var target = await portal.UserIdAsync("wangqiang");
        var auditBefore = await portal.AuditCountAsync();

        foreach (var who in new[] { "admin", "zhangwei", "auditor" })
        {
            await using var scope = await portal.ScopeAsAsync(who);
            await Assert.ThrowsAsync<AccessDeniedException>(() =>
                scope.Get<UserAdministrationService>().SetRolesAsync(target, [PortalRoles.Leadership, PortalRoles.DataSpecialist]));
        }

        Assert.Equal([PortalRoles.Leadership], await portal.RolesOfAsync("wangqiang"));
        Assert.Equal(auditBefore, await portal.AuditCountAsync());
    }

    [Fact]
    public async Task A_security_admin_cannot_change_their_own_roles()
    {
        var self = await portal.UserIdAsync("security");
        await using var scope = await portal.ScopeAsAsync("security");

        var refused = await Assert.ThrowsAsync<DomainException>(() => scope.Get<UserAdministrationService>().SetRolesAsync(self, []));

        Assert.Equal("Roles", refused.Field);
        Assert.Contains("不能修改自己的角色", refused.Message);
        Assert.Equal([PortalRoles.SecurityAdmin], await portal.RolesOfAsync("security"));
    }

    private async Task AssertRefusedAsync(string userName, string[] proposed, string expectedReason)
    {
        var userId = await portal.UserIdAsync(userName);
        var rolesBefore = await portal.RolesOfAsync(userName);
        var auditBefore = await portal.AuditCountAsync();
        await using var scope = await portal.ScopeAsAsync("security");

        var refused = await Assert.ThrowsAsync<DomainException>(() => scope.Get<UserAdministrationService>().SetRolesAsync(userId, proposed));

        Assert.Equal("Roles", refused.Field);
        Assert.Contains(expectedReason, refused.Message);
        Assert.Equal(rolesBefore, await portal.RolesOfAsync(userName));
        Assert.Equal(auditBefore, await portal.AuditCountAsync());
    }
}
