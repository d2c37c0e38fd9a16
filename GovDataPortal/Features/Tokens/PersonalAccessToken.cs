using System.Security.Cryptography;
using System.Text;
using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovDataPortal.Features.Tokens;

/// <summary>
/// A personal access token for <c>/api/*</c>. Only the SHA-256 of the secret is stored; the secret is shown once.
/// </summary>
public class PersonalAccessToken : IAuditNamed
{
    public const string SecretPrefix = "gdp_";

    public Guid Id { get; set; }
    public string UserId { get; set; } = "";
    public PortalUser? User { get; set; }
    public string Name { get; set; } = "";
    public string TokenHash { get; set; } = "";

    /// <summary>The first characters of the secret, so a person can tell tokens apart.</summary>
    public string DisplayPrefix { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    public string StatusAt(DateTimeOffset now) =>
        RevokedAt is not null ? "已撤销" : ExpiresAt is not null && ExpiresAt <= now ? "已过期" : "有效";

    public static string NewSecret() =>
        SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static AuditNames AuditNames { get; } = new("访问令牌")
    {
        { nameof(Id), "令牌编号" },
        { nameof(UserId), "用户编号" },
        { nameof(Name), "令牌名称" },
        { nameof(DisplayPrefix), "令牌前缀" },
        { nameof(CreatedAt), "签发时间" },
        { nameof(ExpiresAt), "到期时间" },
        { nameof(RevokedAt), "撤销时间" },
        { nameof(LastUsedAt), "最近使用时间" },
    };
}

internal sealed class PersonalAccessTokenConfiguration : IEntityTypeConfiguration<PersonalAccessToken>
{
    public void Configure(EntityTypeBuilder<PersonalAccessToken> b)
    {
        b.ToTable("personal_access_tokens");
        b.Property(t => t.Name).HasMaxLength(50).IsRequired();
        b.Property(t => t.TokenHash).HasMaxLength(64).IsFixedLength().IsRequired();
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.Property(t => t.DisplayPrefix).HasMaxLength(12).IsRequired();
        // Every token expires (at most a year after issue, AccessTokenService): the column refuses "never".
        b.Property(t => t.ExpiresAt).IsRequired();
        b.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => t.UserId);
    }
}
