using GovDataPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GovDataPortal.Infrastructure;

/// <summary>
/// The portal's database, reached as two roles (least privilege, GB/T 22239-2019 三级 8.1.4.2 c 授予所需的最小权限):
/// the app role of <c>ConnectionStrings:Portal</c> reads and writes rows and nothing else; the owner role of
/// <c>ConnectionStrings:PortalOwner</c> owns the tables and runs the migrations (<c>GovDataPortal migrate</c>). Without an
/// owner connection string the one role does both (a single-role development setup).
/// </summary>
public static class Database
{
    public const string ConnectionName = "Portal";
    public const string OwnerConnectionName = "PortalOwner";

    /// <summary>The role granted row access after migrating; defaults to the user of <c>ConnectionStrings:Portal</c>.</summary>
    public const string AppRoleKey = "Database:AppRole";

    private const string HistoryTable = "__ef_migrations_history";

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
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(HistoryTable))
            // The input rule's backstop first: a refused save must fail before the audit interceptor opens its transaction.
            .AddInterceptors(InputTextInterceptors.Save, InputTextInterceptors.Commands, sp.GetRequiredService<AuditInterceptor>()),
            ServiceLifetime.Scoped);
        return services;
    }

    /// <summary>
    /// Applies pending migrations as the owner role and logs each one, brings Hangfire's own schema up to date (its
    /// installer is idempotent), then grants the app role row access only (<see cref="GrantAppRoleAsync"/>). Run by
    /// <c>GovDataPortal migrate</c>, and at start-up only where <c>Database:MigrateOnStartup</c> is true (Development);
    /// production operators run the command themselves, so app nodes never run DDL.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var config = services.GetRequiredService<IConfiguration>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("GovDataPortal.Migrations");
        var appConnection = config.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException("缺少数据库连接字符串 ConnectionStrings:Portal。");
        var ownerConnection = config.GetConnectionString(OwnerConnectionName) is { Length: > 0 } owner ? owner : appConnection;

        await using var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>()
            .UseNpgsql(ownerConnection, npgsql => npgsql.MigrationsHistoryTable(HistoryTable)).Options);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count == 0)
            logger.LogInformation("数据库结构已是最新，无待应用的迁移。");
        else
        {
            foreach (var m in pending) logger.LogInformation("待应用迁移：{Migration}", m);
            await db.Database.MigrateAsync(ct);
            logger.LogInformation("已应用 {Count} 个迁移：{Migrations}", pending.Count, string.Join(", ", pending));
        }
        await using var connection = new NpgsqlConnection(ownerConnection);
        await connection.OpenAsync(ct);
        Hangfire.PostgreSql.PostgreSqlObjectsInstaller.Install(connection, Jobs.PortalJobs.Schema);
        logger.LogInformation("后台任务表结构（{Schema}）已就绪。", Jobs.PortalJobs.Schema);

        var appRole = config[AppRoleKey] is { Length: > 0 } configured ? configured : UserOf(appConnection);
        if (appRole is not null && !string.Equals(appRole, UserOf(ownerConnection), StringComparison.Ordinal))
        {
            await GrantAppRoleAsync(connection, appRole, ct);
            logger.LogInformation("已授予应用角色 {Role} 数据读写权限（不含结构变更；审计日志仅可读取和追加）。", appRole);
            if (await MayCreateTablesAsync(connection, appRole, ct))
                logger.LogWarning("应用角色 {Role} 仍可在 public 模式中建表（PostgreSQL 15 以前的默认权限）。请数据库管理员执行 " +
                    "REVOKE CREATE ON SCHEMA public FROM PUBLIC; 并向属主角色授予 CREATE 权限。", appRole);
        }
        return pending;
    }

    /// <summary>
    /// Before PostgreSQL 15 everybody may create tables in schema public; the migrate step cannot take that right away
    /// (the schema belongs to the database's owner), so it says so instead of claiming least privilege.
    /// </summary>
    public static async Task<bool> MayCreateTablesAsync(NpgsqlConnection connection, string role, CancellationToken ct = default)
    {
        await using var command = new NpgsqlCommand("SELECT has_schema_privilege(@role, 'public', 'CREATE')", connection);
        command.Parameters.AddWithValue("role", role);
        return await command.ExecuteScalarAsync(ct) is true;
    }

    private static string? UserOf(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString).Username is { Length: > 0 } user ? user : null;

    /// <summary>
    /// Row access for the app role, granted again after every migration so new tables are covered (GRANT and REVOKE are
    /// idempotent). It owns nothing, so it can neither alter, drop nor disable triggers of any table; the audit log
    /// takes only SELECT and INSERT (append-only beyond its trigger); the migrations history is read-only.
    /// </summary>
    private static async Task GrantAppRoleAsync(NpgsqlConnection connection, string role, CancellationToken ct)
    {
        var r = new NpgsqlCommandBuilder().QuoteIdentifier(role);
        var schema = new NpgsqlCommandBuilder().QuoteIdentifier(Jobs.PortalJobs.Schema);
        var sql = $"""
            GRANT USAGE ON SCHEMA public TO {r};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {r};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {r};
            REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_records FROM {r};
            REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "{HistoryTable}" FROM {r};
            GRANT USAGE ON SCHEMA {schema} TO {r};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {r};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {r};
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
