using GovDataPortal.Features.Policies;

namespace GovDataPortal.Features.Identity;

/// <summary>The portal's roles. Names are stable English keys; <see cref="DisplayName"/> is what users see.</summary>
public static class PortalRoles
{
    public const string DataSpecialist = nameof(DataSpecialist);
    public const string DepartmentApprover = nameof(DepartmentApprover);
    public const string AuthorityReviewer = nameof(AuthorityReviewer);
    public const string Leadership = nameof(Leadership);
    public const string SystemAdmin = nameof(SystemAdmin);
    public const string SecurityAdmin = nameof(SecurityAdmin);
    public const string Auditor = nameof(Auditor);

    public static readonly IReadOnlyList<string> All =
        [DataSpecialist, DepartmentApprover, AuthorityReviewer, Leadership, SystemAdmin, SecurityAdmin, Auditor];

    public static readonly IReadOnlyList<string> Business = [DataSpecialist, DepartmentApprover, AuthorityReviewer, Leadership];

    /// <summary>Security administration, system administration and audit are held by different people (佛山 Art. 42).</summary>
    public static readonly IReadOnlyList<string> Separated = [SystemAdmin, SecurityAdmin, Auditor];

    public static string DisplayName(string role) => role switch
    {
        DataSpecialist => "数据专管员",
        DepartmentApprover => "部门审核人",
        AuthorityReviewer => "主管部门审核人",
        Leadership => "领导",
        SystemAdmin => "系统管理员",
        SecurityAdmin => "安全管理员",
        Auditor => "审计员",
        _ => role,
    };

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}

/// <summary>
/// Checks a proposed role set against the separation of duties: 佛山 佛府办〔2020〕4号 Art. 42 requires different
/// people for security administration, data operation and audit. So SystemAdmin, SecurityAdmin and Auditor exclude
/// each other and every business role; 主管部门审核人 only exists in the region's data authority. Refusals cite the
/// active profile's article for the duty (<see cref="DutyCitations.SeparationOfDuties"/>: foshan's own, 参照 elsewhere).
/// </summary>
public static class SeparationOfDuties
{
    /// <summary>The line the roles page and refusals show, from the active profile.</summary>
    public static string Citation(PolicyProfile active) => active.Duties.SeparationOfDutiesText;

    /// <summary>Returns null when the set is allowed, otherwise a Chinese reason citing <paramref name="citation"/>.</summary>
    public static string? Check(IReadOnlyCollection<string> roles, bool departmentIsDataAuthority, string citation)
    {
        var unknown = roles.FirstOrDefault(r => !PortalRoles.IsKnown(r));
        if (unknown is not null) return $"未知角色“{unknown}”。";

        var separated = roles.Where(r => PortalRoles.Separated.Contains(r)).ToList();
        if (separated.Count > 1)
            return $"{Names(separated)}须由不同人员担任，不能同时授予同一用户（{citation}）。";
        if (separated.Count == 1 && roles.Count > 1)
            return $"{PortalRoles.DisplayName(separated[0])}不能兼任业务角色（{Names(roles.Except(separated))}）（{citation}）。";
        if (roles.Contains(PortalRoles.AuthorityReviewer) && !departmentIsDataAuthority)
            return "主管部门审核人只能授予本区域数据主管部门的人员。";
        return null;
    }

    private static string Names(IEnumerable<string> roles) => string.Join("、", roles.Select(PortalRoles.DisplayName));
}
