namespace GovDataPortal.Features.Policies;

// Placeholder: filled in by the policy-profile work.
public static class PolicySetup
{
    public static IServiceCollection AddPolicyProfiles(this IServiceCollection services) => services;
    public static RouteGroupBuilder MapPolicyEndpoints(this RouteGroupBuilder api) => api;
}
