using Bunit;
using GovDataPortal.Features.Audit;
using GovDataPortal.Tests.Components;

namespace GovDataPortal.Tests.Features.Audit;

/// <summary>The detail table of one audit record.</summary>
public class AuditChangeTableTests : PortalComponentTest
{
    [Fact]
    public void A_created_record_lists_its_fields_and_values_and_hides_secrets()
    {
        var rows = AuditChanges.Rows("PortalUser",
            """{"Id":"u1","CreatedAt":"2026-12-01T17:23:39.54+00:00","PasswordHash":"***","UserName":"zhangwei","DisplayName":"张伟"}""");

        var cut = Render<AuditChangeTable>(p => p.Add(x => x.Rows, rows));

        Assert.Equal(["字段", "内容"], cut.FindAll(".gdp-audit-changes thead th").Select(th => th.TextContent.Trim()));
        var cells = cut.FindAll(".gdp-audit-changes tbody tr").Select(tr => string.Join("|", tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()))).ToList();
        Assert.Equal(["用户编号|u1", "创建时间|2026-12-02 01:23:39", "密码|" + AuditChanges.Hidden, "用户名|zhangwei", "姓名|张伟"], cells);
        Assert.DoesNotContain("***", cut.Markup);
    }

    [Fact]
    public void A_change_shows_old_and_new_side_by_side_and_a_row_without_an_old_value_a_dash()
    {
        var rows = AuditChanges.Rows("PortalUser", """{"DisplayName":{"原值":"张伟","新值":"张  伟"},"PasswordHash":"已修改"}""");

        var cut = Render<AuditChangeTable>(p => p.Add(x => x.Rows, rows));

        Assert.Equal(["字段", "原值", "新值"], cut.FindAll(".gdp-audit-changes thead th").Select(th => th.TextContent.Trim()));
        var trs = cut.FindAll(".gdp-audit-changes tbody tr");
        Assert.Equal("true", trs[0].GetAttribute("data-change"));
        Assert.Equal(["姓名", "张伟", "张  伟"], trs[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Equal(["密码", "—", "已修改"], trs[1].QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public void A_record_without_content_says_so()
    {
        var cut = Render<AuditChangeTable>(p => p.Add(x => x.Rows, AuditChanges.Rows(null, "{}")));

        Assert.Equal("此记录没有更多内容。", cut.Find(".gdp-audit-nodetail").TextContent);
        Assert.Empty(cut.FindAll("table"));
    }
}
