using GovDataPortal.Features.Audit;
using Microsoft.AspNetCore.Identity;

namespace GovDataPortal.Features.Identity;

// ASP.NET Core Identity's own entity types cannot name themselves for the audit log (IAuditNamed); Identity names them here.

internal sealed class IdentityUserRoleAuditNames : IAuditNamed
{
    public static AuditNames AuditNames { get; } = new("用户角色", typeof(IdentityUserRole<string>))
    {
        { nameof(IdentityUserRole<string>.UserId), "用户编号" },
        { nameof(IdentityUserRole<string>.RoleId), "角色", AuditNames.Keyed(PortalRoles.DisplayName) },
    };
}

internal sealed class IdentityRoleAuditNames : IAuditNamed
{
    public static AuditNames AuditNames { get; } = new("角色", typeof(IdentityRole));
}

internal sealed class IdentityRoleClaimAuditNames : IAuditNamed
{
    public static AuditNames AuditNames { get; } = new("角色声明", typeof(IdentityRoleClaim<string>));
}

internal sealed class IdentityUserClaimAuditNames : IAuditNamed
{
    public static AuditNames AuditNames { get; } = new("用户声明", typeof(IdentityUserClaim<string>));
}

internal sealed class IdentityUserLoginAuditNames : IAuditNamed
{
    public static AuditNames AuditNames { get; } = new("外部登录", typeof(IdentityUserLogin<string>));
}

internal sealed class IdentityUserTokenAuditNames : IAuditNamed
{
    public static AuditNames AuditNames { get; } = new("用户令牌", typeof(IdentityUserToken<string>));
}
