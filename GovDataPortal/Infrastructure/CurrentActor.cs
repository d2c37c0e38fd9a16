using System.Security.Claims;
using GovDataPortal.Features.Identity;

namespace GovDataPortal.Infrastructure;

/// <summary>
/// Who is acting in this scope (an HTTP request or a Blazor circuit) and from where. Feature services take their
/// authorisation decisions from it; the audit interceptor stamps records with it. Background jobs leave it anonymous.
/// </summary>
public sealed class CurrentActor
{
    public const string DepartmentClaim = "gdp:department";
    public const string DisplayNameClaim = "gdp:display_name";

    public ClaimsPrincipal Principal { get; private set; } = new(new ClaimsIdentity());
    public string? IpAddress { get; private set; }

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;
    public string? UserId => IsAuthenticated ? Principal.FindFirstValue(ClaimTypes.NameIdentifier) : null;
    public string? UserName => IsAuthenticated ? Principal.Identity!.Name : null;
    public string? DisplayName => Principal.FindFirstValue(DisplayNameClaim) ?? UserName;

    public int? DepartmentId =>
        int.TryParse(Principal.FindFirstValue(DepartmentClaim), out var id) ? id : null;

    public bool IsInRole(string role) => Principal.IsInRole(role);

    public void Set(ClaimsPrincipal principal, string? ipAddress)
    {
        Principal = principal;
        IpAddress = ipAddress ?? IpAddress;
    }

    /// <summary>Refuses unless the actor holds one of the roles.</summary>
    public void RequireRole(params string[] roles)
    {
        RequireSignedIn();
        if (!roles.Any(IsInRole))
            throw new AccessDeniedException($"此操作需要以下角色之一：{string.Join("、", roles.Select(PortalRoles.DisplayName))}。");
    }

    public void RequireSignedIn()
    {
        if (!IsAuthenticated) throw new AccessDeniedException("请先登录。");
    }

    /// <summary>
    /// The department-scope rule: a department's private data is readable and changeable by its own members; system
    /// and security administrators, who maintain users and roles of every department, are the only exceptions.
    /// </summary>
    public bool CanAccessDepartment(int departmentId) =>
        IsAuthenticated && (DepartmentId == departmentId || IsInRole(PortalRoles.SystemAdmin) || IsInRole(PortalRoles.SecurityAdmin));

    public void RequireDepartment(int departmentId)
    {
        RequireSignedIn();
        if (!CanAccessDepartment(departmentId))
            throw new AccessDeniedException("您无权访问其他部门的数据。");
    }
}
