using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GovDataPortal.Tests.Integration;

/// <summary>
/// The running portal connects as a role that owns nothing (GB/T 22239-2019 三级 8.1.4.2 访问控制, least privilege):
/// it reads and writes rows, but cannot switch off the audit log's trigger, drop or create tables, or change the
/// migrations history. The owner role (migrate) can. The whole test suite runs the portal as that role.
/// </summary>
public class LeastPrivilegeTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string InsufficientPrivilege = "42501";

    private async Task<PostgresException> RefusedAsAppAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(TestDatabase.AsApp(portal.ConnectionString));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
    }

    [Theory]
    [InlineData("ALTER TABLE audit_records DISABLE TRIGGER audit_records_append_only")]
    [InlineData("ALTER TABLE audit_records DISABLE TRIGGER USER")]
    [InlineData("DROP TABLE departments")]
    [InlineData("DROP TABLE audit_records")]
    [InlineData("CREATE TABLE scratch (id int)")]
    [InlineData("ALTER TABLE personal_access_tokens ADD COLUMN note text")]
    [InlineData("CREATE INDEX ix_scratch ON departments (\"Name\")")]
    [InlineData("TRUNCATE audit_records")]
    [InlineData("UPDATE audit_records SET \"Summary\" = '{}' WHERE \"Id\" = 1")]
    [InlineData("DELETE FROM audit_records WHERE \"Id\" = 1")]
    [InlineData("DELETE FROM \"__ef_migrations_history\"")]
    [InlineData("DROP TABLE hangfire.job")]
    public async Task The_app_role_is_refused_ddl_and_changes_to_the_audit_log(string sql)
    {
        var refused = await RefusedAsAppAsync(sql);

        Assert.Equal(InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task The_portal_connects_as_the_app_role_and_appends_to_the_audit_log()
    {
        await using var db = await portal.DbAsync();

        Assert.Equal(TestDatabase.AppRole, await db.Database.SqlQuery<string>($"SELECT current_user::text AS \"Value\"").SingleAsync());
        // Row access it needs: the audit log takes SELECT and INSERT, Hangfire's tables full DML.
        bool Has(string table, string privilege) => db.Database.SqlQuery<bool>(
            $"SELECT has_table_privilege(current_user, {table}, {privilege}) AS \"Value\"").Single();
        Assert.True(Has("audit_records", "INSERT"));
        Assert.True(Has("audit_records", "SELECT"));
        Assert.False(Has("audit_records", "UPDATE"));
        Assert.True(Has("hangfire.job", "INSERT"));
        Assert.True(Has("hangfire.lock", "DELETE"));
        Assert.True(Has("departments", "UPDATE"));
    }

    [Fact]
    public async Task The_owner_role_may_disable_the_trigger_that_the_app_role_may_not()
    {
        // Proves the refusal above is about the role, not the statement: the owner (who migrates) can do it.
        await using var conn = new NpgsqlConnection(TestDatabase.AsOwner(portal.ConnectionString));
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var cmd = new NpgsqlCommand("ALTER TABLE audit_records DISABLE TRIGGER audit_records_append_only", conn, tx))
            await cmd.ExecuteNonQueryAsync();
        await tx.RollbackAsync();

        Assert.Equal(InsufficientPrivilege,
            (await RefusedAsAppAsync("ALTER TABLE audit_records DISABLE TRIGGER audit_records_append_only")).SqlState);
    }

    [Fact]
    public async Task Migrate_grants_the_app_role_again_and_is_idempotent()
    {
        Assert.Empty(await Database.MigrateAsync(portal.Services));
        Assert.Empty(await Database.MigrateAsync(portal.Services));

        Assert.Equal(InsufficientPrivilege, (await RefusedAsAppAsync("DROP TABLE flow_tasks")).SqlState);
        await using var db = await portal.DbAsync();
        Assert.True(await db.Departments.AnyAsync());
    }

    [Fact]
    public async Task The_right_to_create_tables_that_PostgreSQL_before_15_gives_everybody_is_detected()
    {
        await using var conn = new NpgsqlConnection(portal.ConnectionString); // superuser, to play the older default
        await conn.OpenAsync();
        Assert.False(await Database.MayCreateTablesAsync(conn, TestDatabase.AppRole));

        await TestDatabase.ExecuteAsync("GRANT CREATE ON SCHEMA public TO PUBLIC", portal.ConnectionString);
        try
        {
            Assert.True(await Database.MayCreateTablesAsync(conn, TestDatabase.AppRole));
        }
        finally
        {
            await TestDatabase.ExecuteAsync("REVOKE CREATE ON SCHEMA public FROM PUBLIC", portal.ConnectionString);
        }
    }
}
