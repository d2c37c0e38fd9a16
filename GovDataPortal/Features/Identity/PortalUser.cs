using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Organisation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovDataPortal.Features.Identity;

/// <summary>A person who signs in; belongs to exactly one department.</summary>
public class PortalUser : IdentityUser, IAuditNamed
{
    public string DisplayName { get; set; } = "";
    public int DepartmentId { get; set; }
    public Department? Department { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>When the password was last set (by <see cref="PortalUserStore"/>); null for accounts older than the rule.</summary>
    public DateTimeOffset? PasswordChangedAt { get; set; }

    /// <summary>Set when an administrator chose the password: the user must replace it before doing anything else.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>
    /// Why the user must change their password before doing anything else, or null (GB/T 22239-2019 8.1.4.1 a:
    /// 口令定期更换). A password without a date counts from the account's creation.
    /// </summary>
    public static string? PasswordChangeReason(bool mustChange, DateTimeOffset? changedAt, DateTimeOffset createdAt,
        DateTimeOffset now, int maxAgeDays) =>
        mustChange ? "您的密码由管理员设置，请先修改为只有您本人知道的新密码。"
        : (changedAt ?? createdAt).AddDays(maxAgeDays) <= now ? $"您的密码已超过 {maxAgeDays} 天未修改，请先设置新密码。"
        : null;

    public static AuditNames AuditNames { get; } = new("用户")
    {
        { nameof(Id), "用户编号" },
        { nameof(UserName), "用户名" },
        { nameof(DisplayName), "姓名" },
        { nameof(DepartmentId), "所属部门编号" },
        { nameof(Email), "电子邮箱" },
        { nameof(EmailConfirmed), "邮箱已验证" },
        { nameof(PhoneNumber), "手机号码" },
        { nameof(PhoneNumberConfirmed), "手机号码已验证" },
        { nameof(TwoFactorEnabled), "启用双因素认证" },
        { nameof(LockoutEnabled), "允许锁定" },
        { nameof(LockoutEnd), "锁定截止时间" },
        { nameof(AccessFailedCount), "连续登录失败次数" },
        { nameof(LastSignInAt), "上次登录时间" },
        { nameof(PasswordChangedAt), "密码修改时间" },
        { nameof(MustChangePassword), "须修改密码" },
    };
}

internal sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(50).IsRequired();
        b.HasOne(u => u.Department).WithMany(d => d.Users).HasForeignKey(u => u.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(u => u.DepartmentId);
    }
}
