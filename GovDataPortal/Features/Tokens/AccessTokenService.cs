namespace GovDataPortal.Features.Tokens;

// Placeholder: filled in by the token work.
public sealed class AccessTokenService
{
    public sealed record IssuedToken(Guid Id, string Secret);

    public Task<IssuedToken> IssueForUserNameAsync(string userName, string name, int? expiresInDays) =>
        throw new NotImplementedException();
}

public static class TokenEndpoints
{
    public static RouteGroupBuilder MapTokenEndpoints(this RouteGroupBuilder api) => api;
}
