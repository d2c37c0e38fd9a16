using System.Security.Claims;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovDataPortal.Features.Tokens;

/// <summary>A token as its owner sees it in the list: never the secret, only its first characters.</summary>
public sealed record TokenInfo(
    Guid Id, string Name, string DisplayPrefix, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, string Status)
{
    public bool IsActive => Status == "有效";
}

/// <summary>One page of the caller's tokens and how many they hold in all.</summary>
public sealed record TokenPage(IReadOnlyList<TokenInfo> Items, int Total);

/// <summary>
/// Personal access tokens for <c>/api/*</c>: each person issues, lists and revokes their own. The secret exists only
/// in the answer to the issue call; the database keeps its SHA-256. Issue and revocation are audited by the
/// interceptor (TokenIssued / TokenRevoked) in the same transaction. Every token expires (at most a year, by default
/// <see cref="AccessTokenOptions.DefaultLifetimeDays"/>), and only a person signed in on the profile page or an operator
/// at the console issues one: a token cannot mint further tokens, so a leaked one cannot outlive its own expiry or
/// revocation.
/// </summary>
public sealed class AccessTokenService(IDbContextFactory<PortalDbContext> factory, CurrentActor actor, TimeProvider clock,
    IOptions<AccessTokenOptions> options)
{
    public const int NameMaxLength = 50;
    public const int MaxActivePerUser = 10;
    public const int DisplayPrefixLength = 12;

    /// <summary>The issued token's id and its secret — the only time the secret is available.</summary>
    public sealed record IssuedToken(Guid Id, string Secret);

    public const string TokenCannotIssueMessage = "访问令牌不能用于签发新的访问令牌，请登录门户后在“个人中心”签发。";

    /// <summary>The lifetime of a token issued without an expiry date, in days.</summary>
    public int DefaultLifetimeDays => options.Value.DefaultLifetimeDays;

    /// <summary>
    /// Issues a token for the signed-in person. <paramref name="expiresAt"/> null: the default lifetime. Refused (403)
    /// when the caller is itself authenticated by a token.
    /// </summary>
    public async Task<IssuedToken> IssueAsync(string? name, DateTimeOffset? expiresAt, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        if (PersonalAccessTokenHandler.IsTokenPrincipal(actor.Principal)) throw new AccessDeniedException(TokenCannotIssueMessage);
        return await IssueCoreAsync(actor.UserId!, name, expiresAt, ct);
    }

    /// <summary>
    /// The operator command <c>token create --user NAME --name LABEL [--expires-days N]</c>: nobody is signed in, so
    /// the audit record names the operator console as the actor. <paramref name="expiresInDays"/> null: the default.
    /// </summary>
    public async Task<IssuedToken> IssueForUserNameAsync(string userName, string name, int? expiresInDays)
    {
        string? userId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var normalized = userName.Trim().ToUpperInvariant();
            userId = await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => u.Id).FirstOrDefaultAsync();
        }
        if (userId is null) throw new DomainException("用户不存在", "user");

        if (!actor.IsAuthenticated)
            actor.Set(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "operator-cli")], "operator")), null);
        DateTimeOffset? expiresAt = expiresInDays is { } days ? clock.GetUtcNow().AddDays(Math.Clamp(days, -1, 36_500)) : null;
        return await IssueCoreAsync(userId, name, expiresAt, default);
    }

    public async Task<IReadOnlyList<TokenInfo>> ListMineAsync(CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var tokens = await db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == actor.UserId)
            .OrderByDescending(t => t.CreatedAt).ToListAsync(ct);
        return tokens.Select(t => new TokenInfo(t.Id, t.Name, t.DisplayPrefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt,
            t.LastUsedAt, t.StatusAt(now))).ToList();
    }

    /// <summary>Most rows one page of the token grid may ask for; a larger request gets this many.</summary>
    public const int MaxPageSize = 100;

    /// <summary>One page of the caller's own tokens, newest first, counted and paged in SQL.</summary>
    public async Task<TokenPage> PageMineAsync(int skip, int take, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var mine = db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == actor.UserId);
        var total = await mine.CountAsync(ct);
        var tokens = await mine.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Skip(Math.Max(skip, 0)).Take(Math.Clamp(take, 1, MaxPageSize)).ToListAsync(ct);
        return new TokenPage(tokens.Select(t => new TokenInfo(t.Id, t.Name, t.DisplayPrefix, t.CreatedAt, t.ExpiresAt,
            t.RevokedAt, t.LastUsedAt, t.StatusAt(now))).ToList(), total);
    }

    /// <summary>Revokes one of the caller's own tokens. False when there is no such token; revoking twice changes nothing.</summary>
    public async Task<bool> RevokeAsync(Guid id, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var token = await db.PersonalAccessTokens.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (token is null) return false;
        if (token.UserId != actor.UserId) throw new AccessDeniedException("只能撤销自己的访问令牌。");
        if (token.RevokedAt is not null) return true;

        token.RevokedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<IssuedToken> IssueCoreAsync(string userId, string? name, DateTimeOffset? expiresAt, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expires = expiresAt ?? now.AddDays(DefaultLifetimeDays);
        Validate(name, expires, now);

        await using var db = await factory.CreateDbContextAsync(ct);
        // The cap is a count, which no index can hold: the owner's row is locked for the rest of this transaction, so
        // simultaneous issues for one person count one after another and never pass the cap together.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "AspNetUsers" WHERE "Id" = {userId} FOR NO KEY UPDATE""", ct);
        // A cap on live tokens limits what a careless owner can leave lying around in scripts.
        var active = await db.PersonalAccessTokens.CountAsync(
            t => t.UserId == userId && t.RevokedAt == null && (t.ExpiresAt == null || t.ExpiresAt > now), ct);
        if (active >= MaxActivePerUser)
            throw new DomainException($"每位用户最多持有{MaxActivePerUser}个有效访问令牌，请先撤销不再使用的令牌。");

        var secret = PersonalAccessToken.NewSecret();
        var token = new PersonalAccessToken
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Name = InputText.Normalise(name)!,
            TokenHash = PersonalAccessToken.Hash(secret),
            DisplayPrefix = secret[..DisplayPrefixLength],
            CreatedAt = now,
            // PostgreSQL timestamptz takes UTC only.
            ExpiresAt = expires.ToUniversalTime(),
        };
        db.PersonalAccessTokens.Add(token);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new IssuedToken(token.Id, secret);
    }

    /// <summary>Field keys are the JSON names of <c>POST /api/tokens</c>, so problem details point at the input.</summary>
    private static void Validate(string? name, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        var errors = new ValidationErrors().Require("name", name, "令牌名称", NameMaxLength);
        if (expiresAt <= now) errors.Add("expiresAt", "到期时间必须晚于当前时间。");
        else if (expiresAt > now.AddYears(1)) errors.Add("expiresAt", "访问令牌有效期最长为一年。");
        errors.ThrowIfInvalid();
    }
}
