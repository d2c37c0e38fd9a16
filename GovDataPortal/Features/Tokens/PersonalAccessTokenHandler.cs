using System.Text.Encodings.Web;
using GovDataPortal.Features.Identity;
using GovDataPortal.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovDataPortal.Features.Tokens;

/// <summary>
/// Authenticates <c>Authorization: Bearer gdp_…</c> against stored token hashes; the principal carries the owner's
/// roles and department, exactly as if the owner had signed in.
/// </summary>
public sealed class PersonalAccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<PortalDbContext> factory,
    IUserClaimsPrincipalFactory<PortalUser> principals,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public new const string Scheme = "PersonalAccessToken";

    /// <summary>How precisely "last used" is kept.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>Marks a principal authenticated by a token (its id), so services can tell it from a signed-in person.</summary>
    public const string TokenIdClaim = "gdp:token_id";

    public static bool IsTokenPrincipal(System.Security.Claims.ClaimsPrincipal principal) => principal.HasClaim(c => c.Type == TokenIdClaim);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var secret = header["Bearer ".Length..].Trim();
        if (!secret.StartsWith(PersonalAccessToken.SecretPrefix, StringComparison.Ordinal) || secret.Length > 200)
            return AuthenticateResult.Fail("访问令牌格式不正确。");

        var hash = PersonalAccessToken.Hash(secret);
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(Context.RequestAborted);
        var token = await db.PersonalAccessTokens.AsNoTracking().Include(t => t.User)
            .FirstOrDefaultAsync(t => t.TokenHash == hash, Context.RequestAborted);
        if (token?.User is null) return AuthenticateResult.Fail("访问令牌无效。");
        if (!token.IsUsableAt(now)) return AuthenticateResult.Fail(token.RevokedAt is null ? "访问令牌已过期。" : "访问令牌已撤销。");
        // A lockout (wrong passwords typed at the login page, GB/T 22239-2019 8.1.4.1 b) guards the password, not the
        // token: stopping tokens too would let anyone who knows a user name cut off that user's integrations.
        // Revocation and expiry do stop a token.

        // Usage book-keeping, not business data: a plain UPDATE outside the audit interceptor, at most once a minute
        // per token so a busy integration does not write on every call.
        if (token.LastUsedAt is not { } last || now - last >= LastUsedResolution)
            await db.PersonalAccessTokens.Where(t => t.Id == token.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);

        var principal = await principals.CreateAsync(token.User);
        ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(new(TokenIdClaim, token.Id.ToString()));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteProblem(StatusCodes.Status401Unauthorized, "需要有效的访问令牌（Authorization: Bearer …）。");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblem(StatusCodes.Status403Forbidden, "您无权执行此操作。");

    private Task WriteProblem(int status, string title)
    {
        Response.StatusCode = status;
        return Results.Problem(statusCode: status, title: title).ExecuteAsync(Context);
    }
}
