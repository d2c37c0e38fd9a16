using GovDataPortal.Features.Identity;
using MudBlazor;

namespace GovDataPortal.Features.Home;

/// <summary>A quick action on the 工作台.</summary>
public sealed record HomeAction(string Label, string Href, string Icon, bool ForceLoad = false);

/// <summary>The quick actions each role gets on the 工作台: only what that role may open, most used first.</summary>
public static class HomeActions
{
    public static IReadOnlyList<HomeAction> For(IReadOnlyCollection<string> roles)
    {
        var actions = new List<HomeAction>();
        void When(string role, params HomeAction[] add)
        {
            if (roles.Contains(role)) actions.AddRange(add.Where(a => actions.All(x => x.Href != a.Href)));
        }

        When(PortalRoles.DataSpecialist,
            new("发起数据校核", "data-checks/new", Icons.Material.Outlined.AddTask),
            new("本部门数据校核", "data-checks", Icons.Material.Outlined.Rule));
        When(PortalRoles.DepartmentApprover,
            new("处理待办", "inbox", Icons.Material.Outlined.Inbox),
            new("本部门数据校核", "data-checks", Icons.Material.Outlined.Rule));
        When(PortalRoles.AuthorityReviewer,
            new("处理待办", "inbox", Icons.Material.Outlined.Inbox),
            new("本区域数据校核督办", "data-checks", Icons.Material.Outlined.Rule),
            new("政策规则与期限", "policies", Icons.Material.Outlined.Gavel));
        When(PortalRoles.Leadership,
            new("本部门数据校核", "data-checks", Icons.Material.Outlined.Rule),
            new("政策规则与期限", "policies", Icons.Material.Outlined.Gavel));
        When(PortalRoles.SystemAdmin,
            new("用户管理", "admin/users", Icons.Material.Outlined.Group),
            new("工作日历", "admin/calendar", Icons.Material.Outlined.CalendarMonth),
            new("后台任务", "admin/jobs", Icons.Material.Outlined.Schedule, ForceLoad: true));
        When(PortalRoles.SecurityAdmin, new HomeAction("角色分配", "admin/roles", Icons.Material.Outlined.AdminPanelSettings));
        When(PortalRoles.Auditor, new HomeAction("审计日志", "audit", Icons.Material.Outlined.FactCheck));
        actions.Add(new("消息通知", "notifications", Icons.Material.Outlined.Notifications));
        return actions;
    }
}
