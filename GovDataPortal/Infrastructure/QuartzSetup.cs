using Quartz;

namespace GovDataPortal.Infrastructure;

public static class QuartzSetup
{
    /// <summary>
    /// Persistent, clustered Quartz on the portal's PostgreSQL, so two app nodes never run the same job twice.
    /// IgnoreDuplicates: a node joining the cluster must not re-declare triggers (STACK.md trap: one firing per node).
    /// Features add their jobs through <paramref name="jobs"/>.
    /// </summary>
    public static IServiceCollection AddPortalScheduler(this IServiceCollection services, IConfiguration config,
        params Action<IQuartzBuilder>[] jobs)
    {
        if (!config.GetValue("Quartz:Enabled", true)) return services;
        var connectionString = config.GetConnectionString(Database.ConnectionName)!;
        services.AddQuartz("GovDataPortal", q =>
        {
            q.UsePersistentStore(s =>
            {
                s.UsePostgres(connectionString);
                s.UseSystemTextJsonSerializer();
                s.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(10));
                s.ProvisionSchema();
            });
            foreach (var add in jobs) add(q);
        });
        services.Configure<QuartzOptions>(o => o.Scheduling.IgnoreDuplicates = true);
        services.AddQuartzHostedService("GovDataPortal", o => o.WaitForJobsToComplete = true);
        return services;
    }

}
