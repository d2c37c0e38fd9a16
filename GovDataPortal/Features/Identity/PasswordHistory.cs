using GovDataPortal.Features.Audit;
using GovDataPortal.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovDataPortal.Features.Identity;

/// <summary>A hash a user's password once had (GB/T 22239-2019 8.1.4.1 a: 口令定期更换, so not back to an old one).</summary>
public class PasswordHistory : IAuditNamed
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public DateTimeOffset ChangedAt { get; set; }

    public static AuditNames AuditNames { get; } = new("历史密码");
}

internal sealed class PasswordHistoryConfiguration : IEntityTypeConfiguration<PasswordHistory>
{
    public void Configure(EntityTypeBuilder<PasswordHistory> b)
    {
        b.ToTable("password_history");
        b.Property(h => h.PasswordHash).IsRequired();
        b.HasOne<PortalUser>().WithMany().HasForeignKey(h => h.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(h => h.UserId);
    }
}

/// <summary>
/// Identity's store, which every password change passes through (creation, own change, administrator reset):
/// each new hash is dated on the user and kept in the history, in the same save as the user.
/// </summary>
public sealed class PortalUserStore(PortalDbContext context, TimeProvider clock, IdentityErrorDescriber? describer = null)
    : UserStore<PortalUser, IdentityRole, PortalDbContext>(context, describer)
{
    public override async Task SetPasswordHashAsync(PortalUser user, string? passwordHash, CancellationToken ct = default)
    {
        await base.SetPasswordHashAsync(user, passwordHash, ct);
        if (passwordHash is null) return;
        var now = clock.GetUtcNow();
        user.PasswordChangedAt = now;
        Context.Set<PasswordHistory>().Add(new PasswordHistory { UserId = user.Id, PasswordHash = passwordHash, ChangedAt = now });
    }
}

/// <summary>The last <see cref="SecurityOptions.PasswordHistoryDepth"/> passwords may not be used again.</summary>
public sealed class PasswordHistoryValidator(IDbContextFactory<PortalDbContext> factory) : IPasswordValidator<PortalUser>
{
    public const string Code = "PasswordReused";
    public static readonly string Message = $"不能使用最近 {SecurityOptions.PasswordHistoryDepth} 次用过的密码。";

    public async Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password)
    {
        if (string.IsNullOrEmpty(password)) return IdentityResult.Success;
        await using var db = await factory.CreateDbContextAsync();
        var recent = await db.Set<PasswordHistory>().AsNoTracking().Where(h => h.UserId == user.Id)
            // By insertion order, not by date: the date comes from the clock, which an operator (or a test) may set back.
            .OrderByDescending(h => h.Id)
            .Select(h => h.PasswordHash).Take(SecurityOptions.PasswordHistoryDepth).ToListAsync();
        // Accounts from before the history existed: their current hash counts as the most recent one.
        if (user.PasswordHash is { } current && !recent.Contains(current))
            recent = [current, .. recent.Take(SecurityOptions.PasswordHistoryDepth - 1)];
        var hasher = manager.PasswordHasher;
        foreach (var hash in recent)
            if (hasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed)
                return IdentityResult.Failed(new IdentityError { Code = Code, Description = Message });
        return IdentityResult.Success;
    }
}
