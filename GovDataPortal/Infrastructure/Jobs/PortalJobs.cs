using System.Linq.Expressions;
using GovDataPortal.Features.Identity;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace GovDataPortal.Infrastructure.Jobs;

/// <summary>Background-job settings (section <c>Jobs</c>).</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>Runs a job server on this node and registers the recurring jobs. Tests host the portal without one.</summary>
    public bool Enabled { get; set; } = true;
    public int WorkerCount { get; set; } = 4;
    /// <summary>How often idle workers look for new jobs, and the scheduler for due retries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// Hangfire on the portal's PostgreSQL (schema <c>hangfire</c>). Hangfire delivers a job at least once; every effect
/// that must happen exactly once is claimed and recorded in the portal's own transaction by the service the job calls.
/// Storage and activator are registered per host (not through Hangfire's static globals) so that several portal hosts
/// in one process — tests — each use their own database and services.
/// </summary>
public static class PortalJobs
{
    public const string DashboardPath = "/admin/jobs";
    public const string Schema = "hangfire";

    public static IServiceCollection AddPortalJobs(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection(JobOptions.Section).Get<JobOptions>() ?? new JobOptions();
        var connectionString = config.GetConnectionString(Database.ConnectionName)!;
        services.AddSingleton<JobStorage>(_ => Storage(connectionString, options));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire(c => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        if (!options.Enabled) return services;

        services.AddHangfireServer(o =>
        {
            o.WorkerCount = options.WorkerCount;
            o.SchedulePollingInterval = options.PollInterval;
            o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
        });
        services.AddHostedService<RecurringJobRegistrar>();
        return services;
    }

    private static PostgreSqlStorage Storage(string connectionString, JobOptions options)
    {
        var storage = new PostgreSqlStorageOptions
        {
            SchemaName = Schema,
            // The schema is installed by the explicit migrate step (Database.MigrateAsync), never by an app node.
            PrepareSchemaIfNecessary = false,
            QueuePollInterval = options.PollInterval,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storage), storage);
    }

    /// <summary>
    /// Declares a recurring job; the registrar adds or updates it in storage when a job server starts. Declaring the
    /// same job on several nodes is harmless: Hangfire enqueues one run per occurrence across all of them.
    /// Times are Beijing time.
    /// </summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string id, string cron,
        Expression<Func<TJob, Task>> run) where TJob : class
    {
        services.AddScoped<TJob>();
        services.AddSingleton(new RecurringJobDeclaration(id, m =>
            m.AddOrUpdate(id, run, cron, new RecurringJobOptions { TimeZone = ChinaTime.Zone })));
        return services;
    }

    /// <summary>
    /// The Hangfire dashboard for 系统管理员 only: an anonymous visitor is sent to the login page, any other role gets
    /// 403. The dashboard's own filter checks the role again.
    /// </summary>
    public static WebApplication UseJobsDashboard(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments(DashboardPath), branch => branch.Use(async (http, next) =>
        {
            if (http.User.Identity?.IsAuthenticated != true)
            {
                await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.ChallengeAsync(http);
                return;
            }
            if (!http.User.IsInRole(PortalRoles.SystemAdmin))
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                http.Response.ContentType = "text/html; charset=utf-8";
                await http.Response.WriteAsync(
                    "<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>访问被拒绝</title>" +
                    "<p>访问被拒绝：后台任务仅限系统管理员查看。<a href=\"/\">返回首页</a></p></html>");
                return;
            }
            await next(http);
        }));
        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new SystemAdminOnly()],
            AppPath = "/",
            DashboardTitle = "后台任务",
            DisplayStorageConnectionString = false,
            // For looking, not steering: deleting the recurring timer sweep would silently stop deemed approvals.
            IsReadOnlyFunc = _ => true,
        }, app.Services.GetRequiredService<JobStorage>());
        return app;
    }

    private sealed class SystemAdminOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) =>
            context.GetHttpContext().User.IsInRole(PortalRoles.SystemAdmin);
    }
}

/// <summary>One recurring job a feature declared (see <see cref="PortalJobs.AddRecurringJob{TJob}"/>).</summary>
public sealed record RecurringJobDeclaration(string Id, Action<IRecurringJobManager> Register);

/// <summary>
/// Writes every declared recurring job to Hangfire's storage when the node starts, and removes stored ones that the
/// code no longer declares (a renamed job would otherwise keep firing from storage).
/// </summary>
internal sealed class RecurringJobRegistrar(IEnumerable<RecurringJobDeclaration> jobs, IRecurringJobManager manager,
    JobStorage storage, ILogger<RecurringJobRegistrar> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var declared = jobs.ToList();
        foreach (var job in declared)
        {
            job.Register(manager);
            logger.LogInformation("已登记定时任务 {Job}。", job.Id);
        }
        using var connection = storage.GetConnection();
        foreach (var stale in Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection)
                     .Where(s => declared.All(d => d.Id != s.Id)))
        {
            manager.RemoveIfExists(stale.Id);
            logger.LogWarning("已移除不再使用的定时任务 {Job}。", stale.Id);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
