using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Notifications;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Workflow;

/// <summary>Who acts on a step: a role in a department found from the flow's parties, or one named user.</summary>
public sealed record Assignee(int DepartmentId, string? Role, string? UserId);

/// <summary>
/// Resolves a step's actors to departments and refuses to open a step nobody can act on: a person's action that would
/// open it is refused naming the missing role and department; where nobody can be refused (the timer sweep), the task
/// goes to the data authority and the system administrators are told.
/// </summary>
public sealed class FlowAssignees(FlowRuntime runtime)
{
    public async Task<Assignee> ResolveAsync(PortalDbContext db, FlowInstance instance, StepParticipant who, int? departmentOverride,
        CancellationToken ct)
    {
        if (departmentOverride is { } forwarded) return new(forwarded, who.Role, null);
        switch (who.Actor)
        {
            case StepActor.ProviderDepartment: return new(instance.ProviderDepartmentId, who.Role, null);
            case StepActor.RequesterDepartment: return new(instance.RequesterDepartmentId, who.Role, null);
            case StepActor.DataAuthority: return new(await DataAuthorityOfAsync(db, instance.ProviderDepartmentId, ct), who.Role, null);
            case StepActor.HigherDataAuthority:
                return new(await DataAuthorities.AboveDepartmentAsync(db, instance.ProviderDepartmentId, ct)
                    ?? throw new DomainException("未找到上级数据主管部门，请系统管理员先在上级区域设置数据主管部门。"), who.Role, null);
            default:
                var userId = instance.NamedUserId ?? throw new DomainException("该流程环节需要指定办理人。");
                var departmentId = await db.Users.Where(u => u.Id == userId).Select(u => (int?)u.DepartmentId).FirstOrDefaultAsync(ct)
                    ?? throw new DomainException("指定的办理人不存在。");
                return new(departmentId, null, userId);
        }
    }

    /// <summary>The provider's data authority (<see cref="DataAuthorities"/>); a flow cannot go on without one.</summary>
    public static async Task<int> DataAuthorityOfAsync(PortalDbContext db, int departmentId, CancellationToken ct) =>
        await DataAuthorities.OfDepartmentAsync(db, departmentId, ct)
            ?? throw new DomainException("未找到本区域的数据主管部门，请系统管理员先设置。");

    /// <summary>
    /// <paramref name="assignee"/> if someone holds its role; otherwise a person is refused, and the portal (a timer)
    /// hands the task to the data authority's reviewers and tells the system administrators.
    /// </summary>
    public async Task<Assignee> SomeoneCanActAsync(PortalDbContext db, FlowInstance instance, Assignee assignee, string stepName,
        CancellationToken ct)
    {
        if (assignee.Role is not { } role || await RoleCoverage.HasHolderAsync(db, assignee.DepartmentId, role, ct)) return assignee;
        var department = await db.Departments.Where(d => d.Id == assignee.DepartmentId).Select(d => d.Name).FirstOrDefaultAsync(ct) ?? "";
        var missing = RoleCoverage.MissingHolderMessage(department, role);
        if (runtime.Actor.IsAuthenticated) throw new DomainException(missing);

        var authority = await DataAuthorityOfAsync(db, instance.ProviderDepartmentId, ct);
        if (!await RoleCoverage.HasHolderAsync(db, authority, PortalRoles.AuthorityReviewer, ct))
            throw new DomainException(missing + " 数据主管部门也没有主管部门审核人，无法转办。");
        await runtime.Notifier.ToEveryoneInRoleAsync(db, PortalRoles.SystemAdmin, $"无人可办：{instance.FlowName}",
            $"“{instance.SubjectTitle}”的环节“{stepName}”{missing} 该任务已转数据主管部门办理。", FlowRuntime.HistoryLink(instance), ct);
        return new(authority, PortalRoles.AuthorityReviewer, null);
    }
}
