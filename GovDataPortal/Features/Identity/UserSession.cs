using GovDataPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovDataPortal.Features.Identity;

/// <summary>
/// One sign-in, kept on the server: the cookie carries only its id (<see cref="SessionService.SessionClaim"/>), and
/// every request and every open page is checked against this row, so ending it here ends the session everywhere.
/// </summary>
public class UserSession : IAuditNamed
{
    public const int IpAddressMaxLength = 45;
    public const int UserAgentMaxLength = 512;

    public Guid Id { get; set; }
    public string UserId { get; set; } = "";
    public PortalUser? User { get; set; }

    /// <summary>The user's security stamp at sign-in; a different stamp now means the account changed since.</summary>
    public string SecurityStamp { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Last request or page activity, written at most once a minute.</summary>
    public DateTimeOffset LastSeenAt { get; set; }
    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public SessionEndReason? EndReason { get; set; }

    public static AuditNames AuditNames { get; } = new("登录会话");
}

public enum SessionEndReason
{
    SignedOut,
    EndedByUser,
    PasswordChanged,
    PasswordReset,
    RolesChanged,
    LockedOut,
    IdleTimeout,
    LifetimeExceeded,
    AccountChanged,
}

public static class SessionEndReasons
{
    public static string DisplayName(SessionEndReason reason) => reason switch
    {
        SessionEndReason.SignedOut => "退出登录",
        SessionEndReason.EndedByUser => "由本人在其他会话中结束",
        SessionEndReason.PasswordChanged => "密码已修改",
        SessionEndReason.PasswordReset => "管理员重置了密码",
        SessionEndReason.RolesChanged => "角色已变更",
        SessionEndReason.LockedOut => "账户已锁定",
        SessionEndReason.IdleTimeout => "空闲超时",
        SessionEndReason.LifetimeExceeded => "超过最长登录时长",
        SessionEndReason.AccountChanged => "账户安全信息已变更",
        _ => reason.ToString(),
    };
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.ToTable("user_sessions");
        b.Property(s => s.SecurityStamp).HasMaxLength(256).IsRequired();
        b.Property(s => s.IpAddress).HasMaxLength(UserSession.IpAddressMaxLength);
        b.Property(s => s.UserAgent).HasMaxLength(UserSession.UserAgentMaxLength);
        b.Property(s => s.EndReason).HasConversion<string>().HasMaxLength(20);
        b.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        // The profile page lists, and a password or role change ends, a user's open sessions.
        b.HasIndex(s => s.UserId).HasFilter("\"EndedAt\" IS NULL");
    }
}
