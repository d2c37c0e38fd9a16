using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Tokens;
using GovDataPortal.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Audit;

/// <summary>How an audit record's stored JSON is shown: Chinese field names, old → new, Beijing time, no secrets.</summary>
public class AuditChangesTests
{
    [Fact]
    public void An_update_becomes_one_row_per_changed_field_with_old_and_new_values()
    {
        const string json = """{"Kind":{"原值":1,"新值":3},"Name":{"原值":"双牌县市场监督管理局","新值":"双牌县市场监管局"}}""";

        var rows = AuditChanges.Rows("Department", json);

        Assert.Equal([new AuditChangeRow("部门类型", "政务部门", "公共服务企业"), new AuditChangeRow("部门名称", "双牌县市场监督管理局", "双牌县市场监管局")], rows);
        Assert.All(rows, r => Assert.True(r.IsChange));
        Assert.Equal("部门类型：政务部门 → 公共服务企业；部门名称：双牌县市场监督管理局 → 双牌县市场监管局", AuditChanges.Text("Department", json));
    }

    [Fact]
    public void Instants_are_shown_in_Beijing_time_to_the_second_and_dates_stay_as_they_are()
    {
        const string json = """{"CreatedAt":"2026-12-01T17:23:39.5427748+00:00","DueDate":"2026-12-15","LockoutEnd":null,"ExpiresAt":"2027-01-01T00:00:00Z"}""";

        var rows = AuditChanges.Rows("FlowTask", json);

        Assert.Equal("2026-12-02 01:23:39", rows[0].New);
        Assert.Equal(("截止日期", "2026-12-15"), (rows[1].Field, rows[1].New));
        Assert.Equal(AuditChanges.Empty, rows[2].New);
        Assert.Equal("2027-01-01 08:00:00", rows[3].New);
        Assert.DoesNotContain(rows, r => r.New.Contains('T') || r.New.Contains("+00:00"));
    }

    [Fact]
    public void Secrets_are_never_shown_whatever_was_stored_and_a_password_change_says_only_that()
    {
        const string created = """{"Id":"u1","PasswordHash":"AQAAAAIAAYagAAAAEFake","SecurityStamp":"STAMP","ConcurrencyStamp":"C1","NormalizedEmail":"A@B.CN","TokenHash":"abc123","UserName":"zhangwei"}""";

        var text = AuditChanges.Text("PortalUser", created);

        Assert.DoesNotContain("AQAAAAIAAYagAAAAEFake", text);
        Assert.DoesNotContain("STAMP", text);
        Assert.DoesNotContain("abc123", text);
        Assert.DoesNotContain("A@B.CN", text);
        Assert.Contains("密码：" + AuditChanges.Hidden, text);
        Assert.Contains("用户名：zhangwei", text);
        Assert.Equal([new AuditChangeRow("密码", null, "已修改")], AuditChanges.Rows("PortalUser", """{"PasswordHash":"已修改"}"""));
        // An update of a secret shows neither side.
        Assert.Equal([new AuditChangeRow("令牌哈希", null, AuditChanges.Hidden)],
            AuditChanges.Rows("PersonalAccessToken", """{"TokenHash":{"原值":"old","新值":"new"}}"""));
    }

    [Theory]
    [InlineData("CalendarDay", """{"Kind":2}""", "类型：调休上班日")]
    [InlineData("Region", """{"Level":3}""", "级别：县（区）")]
    [InlineData("IdentityUserRole", """{"RoleId":"Auditor"}""", "角色：审计员")]
    [InlineData("FlowTask", """{"Status":{"原值":1,"新值":2},"Decision":{"原值":null,"新值":"Approve"}}""", "状态：待办理 → 已办理；办理结果：（空） → 同意")]
    [InlineData("FlowTask", """{"OnTimeout":"DeemedApproval","AssigneeRole":"DepartmentApprover"}""", "逾期处理：视为同意；办理角色：部门审核人")]
    [InlineData("FlowInstance", """{"Jurisdiction":"hubei","Status":4}""", "适用办法：湖北省；状态：已撤回")]
    [InlineData("FlowEvent", """{"Action":"DeemedApproval"}""", "动作：逾期视为同意")]
    [InlineData("DataCheckRequest", """{"Kind":1,"Status":2,"Answer":2}""", "校核类型：疑义；状态：已答复；核实结论：经核实无误")]
    [InlineData("CalendarYear", """{"IsPublished":{"原值":false,"新值":true}}""", "已发布：否 → 是")]
    public void Coded_values_and_booleans_are_shown_by_their_Chinese_names(string type, string json, string expected) =>
        Assert.Equal(expected, AuditChanges.Text(type, json));

    /// <summary>
    /// Review finding: a property without a Chinese name was shown as split English words ("Lockout End"), passed off as
    /// a label; it now says in Chinese that it is another field, naming it as stored.
    /// </summary>
    [Fact]
    public void Unknown_fields_are_named_as_other_fields_and_unknown_codes_fall_back_to_their_number()
    {
        Assert.Equal("其他字段（SomeNewField）：7；类型：9", AuditChanges.Text("CalendarDay", """{"SomeNewField":7,"Kind":9}"""));
        Assert.Equal("其他字段（HTTPStatus）", AuditFieldNames.Label("FlowTask", "HTTPStatus"));
        Assert.Equal("其他字段（LockoutEnd）", AuditFieldNames.Label(null, "LockoutEnd"));
        Assert.Equal("方式", AuditFieldNames.Label("PortalUser", "方式"));
    }

    /// <summary>
    /// Every column of a user (ASP.NET Core Identity's and the portal's) that the interceptor can record reads in Chinese,
    /// or is never shown at all (stamps, hashes, normalised copies).
    /// </summary>
    [Fact]
    public void Every_user_column_has_a_Chinese_name_or_is_hidden()
    {
        using var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql("Host=unused").Options);
        var columns = db.Model.FindEntityType(typeof(GovDataPortal.Features.Identity.PortalUser))!.GetProperties().Select(p => p.Name).ToList();
        Assert.Superset(new HashSet<string>
        {
            "LockoutEnd", "LockoutEnabled", "AccessFailedCount", "EmailConfirmed", "PhoneNumber", "PhoneNumberConfirmed",
            "TwoFactorEnabled", "ConcurrencyStamp", "SecurityStamp", "NormalizedUserName", "NormalizedEmail", "PasswordHash",
        }, columns.ToHashSet());

        foreach (var column in columns)
        {
            var label = AuditFieldNames.Label("PortalUser", column);
            Assert.True(AuditFieldNames.IsKnown("PortalUser", column), column);
            Assert.DoesNotMatch("[A-Za-z]", label);
        }
        foreach (var hidden in new[] { "ConcurrencyStamp", "SecurityStamp", "NormalizedUserName", "NormalizedEmail", "PasswordHash" })
            Assert.Equal(AuditChanges.Hidden, AuditChanges.Rows("PortalUser", $$$"""{"{{{hidden}}}":{"原值":"A","新值":"B"}}""").Single().New);

        Assert.Equal("锁定截止时间：（空） → 2026-12-02 01:23:39；连续登录失败次数：4 → 0；允许锁定：是；邮箱已验证：否；手机号码：13800000000；启用双因素认证：否",
            AuditChanges.Text("PortalUser", """{"LockoutEnd":{"原值":null,"新值":"2026-12-01T17:23:39+00:00"},"AccessFailedCount":{"原值":4,"新值":0},"LockoutEnabled":true,"EmailConfirmed":false,"PhoneNumber":"13800000000","TwoFactorEnabled":false}"""));
    }

    [Fact]
    public void Events_written_in_Chinese_and_nested_values_read_as_one_line()
    {
        Assert.Equal("方式：密码", AuditChanges.Text("PortalUser", """{"方式":"密码"}"""));
        Assert.Empty(AuditChanges.Rows(null, "{}"));
        Assert.Equal("", AuditChanges.Text(null, "{}"));
        Assert.Equal("筛选条件：操作：登录，起始日期：2031-06-01；行数：2",
            AuditChanges.Text("AuditRecord", """{"筛选条件":{"用户":null,"部门编号":null,"操作":"登录","起始日期":"2031-06-01","截止日期":null},"行数":2}"""));
        Assert.Equal("文件内容：字节数：12，SHA-256 指纹：ab12",
            AuditChanges.Text("Attachment", """{"Content":{"字节数":12,"SHA256":"ab12"}}"""));
        Assert.Equal([new AuditChangeRow("内容", null, "not json")], AuditChanges.Rows(null, "not json"));
    }

    /// <summary>Every property the interceptor can record has a Chinese name (a new column must get one too).</summary>
    [Fact]
    public void Every_audited_property_has_a_Chinese_name()
    {
        using var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql("Host=unused").Options);
        var audited = db.Model.GetEntityTypes().Where(t => typeof(IAudited).IsAssignableFrom(t.ClrType)
            || t.ClrType == typeof(GovDataPortal.Features.Identity.PortalUser) || t.ClrType == typeof(IdentityUserRole<string>)
            || t.ClrType == typeof(PersonalAccessToken)).ToList();
        Assert.True(audited.Count >= 13);

        var missing = audited.SelectMany(t => t.GetProperties()
            .Where(p => !AuditFieldNames.IsKnown(AuditEntityTypes.KeyOf(t.ClrType), p.Name))
            .Select(p => $"{AuditEntityTypes.KeyOf(t.ClrType)}.{p.Name}")).ToList();

        Assert.Empty(missing);
        Assert.All(audited, t => Assert.NotEqual(AuditEntityTypes.KeyOf(t.ClrType), AuditEntityTypes.DisplayName(AuditEntityTypes.KeyOf(t.ClrType))));
    }

    [Fact]
    public void A_role_assignments_key_names_the_role_in_Chinese()
    {
        Assert.Equal("811cdd38,数据专管员", AuditChanges.EntityIdText("IdentityUserRole", "811cdd38,DataSpecialist"));
        Assert.Equal("42", AuditChanges.EntityIdText("Department", "42"));
        Assert.Null(AuditChanges.EntityIdText("Department", null));
    }
}
