namespace GovDataPortal.Features.Policies;

public static class PolicySetup
{
    /// <summary>
    /// The built-in profiles, checked by <see cref="PolicyProfileValidator"/> when the host starts: a broken profile stops
    /// the app (OptionsValidationException with the Chinese reasons) instead of running flows with wrong deadlines.
    /// </summary>
    public static IServiceCollection AddPolicyProfiles(this IServiceCollection services)
    {
        services.AddOptions<PolicyProfileSet>().ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<PolicyProfileSet>, PolicyProfileValidator>();
        services.AddSingleton<PolicyCatalog>();
        return services;
    }

    /// <summary>
    /// Custom profiles and the regulation's life (issue 8 item 6): the database's versions loaded into the catalog at
    /// start-up and every 30 s, the administrator's service, the expiry banner's service. Needs the database.
    /// </summary>
    public static IServiceCollection AddCustomPolicyProfiles(this IServiceCollection services)
    {
        services.AddSingleton<PolicyProfileStore>();
        services.AddHostedService<PolicyCatalogRefresher>();
        services.AddScoped<PolicyProfileAdminService>();
        services.AddScoped<RegulationLifeService>();
        return services;
    }

    public static RouteGroupBuilder MapPolicyEndpoints(this RouteGroupBuilder api) => PolicyEndpoints.Map(api);
}
