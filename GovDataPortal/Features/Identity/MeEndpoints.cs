namespace GovDataPortal.Features.Identity;

/// <summary><c>/api/me</c> and the department-private member list, for holders of a personal access token.</summary>
public static class MeEndpoints
{
    public static RouteGroupBuilder MapMeEndpoints(this RouteGroupBuilder api)
    {
        var me = api;
        me.MapGet("/me", (UserAdministrationService users, CancellationToken ct) => users.GetMyProfileAsync(ct))
            .WithName("GetMe")
            .WithSummary("当前用户信息（令牌所有者的用户名、姓名、部门和角色）");

        // Another department's list is refused with 403 (CurrentActor.RequireDepartment → ProblemHandling).
        me.MapGet("/departments/{departmentId}/users",
                (int departmentId, UserAdministrationService users, CancellationToken ct) => users.ListDepartmentUsersAsync(departmentId, ct))
            .WithName("ListDepartmentUsers")
            .WithSummary("部门用户列表（仅限本部门；系统管理员、安全管理员可查看所有部门）");
        return api;
    }
}
