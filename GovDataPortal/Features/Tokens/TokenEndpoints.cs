using GovDataPortal.Features.Identity;
using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Tokens;

/// <summary><c>/api/tokens</c>: the caller's own personal access tokens.</summary>
public static class TokenEndpoints
{
    public sealed record CreateTokenRequest(string? Name, DateTimeOffset? ExpiresAt);

    /// <summary>The answer to an issue call: the only place the secret ever appears.</summary>
    public sealed record CreatedToken(Guid Id, string Name, string Secret, string DisplayPrefix, DateTimeOffset? ExpiresAt);

    public static RouteGroupBuilder MapTokenEndpoints(this RouteGroupBuilder api)
    {
        var tokens = api;
        tokens.MapGet("/tokens", (AccessTokenService service, CancellationToken ct) => service.ListMineAsync(ct))
            .WithName("ListMyTokens")
            .WithSummary("我的访问令牌列表（不含密钥）");

        tokens.MapPost("/tokens", async (CreateTokenRequest body, AccessTokenService service, CancellationToken ct) =>
            {
                var issued = await service.IssueAsync(body.Name, body.ExpiresAt, ct);
                var created = new CreatedToken(issued.Id, InputText.Normalise(body.Name)!, issued.Secret,
                    issued.Secret[..AccessTokenService.DisplayPrefixLength], body.ExpiresAt?.ToUniversalTime());
                return TypedResults.Created($"/api/tokens/{issued.Id}", created);
            })
            .WithName("IssueToken")
            // /api is authenticated by token only, and a token never issues tokens: the service answers 403 here.
            // Tokens are issued on the profile page (signed in) or with the operator command token create.
            .WithSummary("签发访问令牌：不能以访问令牌签发（返回 403），请登录门户后在“个人中心”签发");

        tokens.MapDelete("/tokens/{id}", async (Guid id, AccessTokenService service, CancellationToken ct) =>
                await service.RevokeAsync(id, ct)
                    ? Results.NoContent()
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "访问令牌不存在。"))
            .WithName("RevokeToken")
            .WithSummary("撤销我的访问令牌");
        return api;
    }
}
