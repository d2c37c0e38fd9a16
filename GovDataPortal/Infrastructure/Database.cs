using GovDataPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Infrastructure;

public static class Database
{
    public const string ConnectionName = "Portal";

    /// <summary>
    /// One context per operation (a circuit lives long). The factory is scoped so each context gets the scope's
    /// <see cref="AuditInterceptor"/>, which knows who is acting.
    /// </summary>
    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, IConfiguration config)
    {
        var connectionString = config.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException("缺少数据库连接字符串 ConnectionStrings:Portal（可用环境变量 ConnectionStrings__Portal 设置）。");
        services.AddScoped<AuditInterceptor>();
        services.AddDbContextFactory<PortalDbContext>((sp, o) => o
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            // The input rule's backstop first: a refused save must fail before the audit interceptor opens its transaction.
            .AddInterceptors(InputTextInterceptors.Save, InputTextInterceptors.Commands, sp.GetRequiredService<AuditInterceptor>()),
            ServiceLifetime.Scoped);
        return services;
    }

    /// <summary>
    /// Applies pending migrations and logs each one, then brings Hangfire's own schema up to date (its installer is
    /// idempotent). Run by <c>GovDataPortal migrate</c>, and at start-up only where <c>Database:MigrateOnStartup</c> is
    /// true (Development); production operators run the command themselves, so app nodes never run DDL.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("GovDataPortal.Migrations");
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count == 0)
            logger.LogInformation("数据库结构已是最新，无待应用的迁移。");
        else
        {
            foreach (var m in pending) logger.LogInformation("待应用迁移：{Migration}", m);
            await db.Database.MigrateAsync(ct);
            logger.LogInformation("已应用 {Count} 个迁移：{Migrations}", pending.Count, string.Join(", ", pending));
        }
        await using var connection = new Npgsql.NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(ct);
        Hangfire.PostgreSql.PostgreSqlObjectsInstaller.Install(connection, Jobs.PortalJobs.Schema);
        logger.LogInformation("后台任务表结构（{Schema}）已就绪。", Jobs.PortalJobs.Schema);
        return pending;
    }
}
