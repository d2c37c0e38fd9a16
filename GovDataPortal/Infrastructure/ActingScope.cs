namespace GovDataPortal.Infrastructure;

public static class ActingScope
{
    /// <summary>
    /// A short-lived DI scope acting as <paramref name="actor"/>: for scoped framework services that hold a DbContext
    /// (UserManager, SignInManager) used from a long-lived circuit. The audit interceptor in it sees the same person.
    /// </summary>
    public static AsyncServiceScope CreateActingScope(this IServiceScopeFactory scopes, CurrentActor actor)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Set(actor.Principal, actor.IpAddress);
        return scope;
    }
}
