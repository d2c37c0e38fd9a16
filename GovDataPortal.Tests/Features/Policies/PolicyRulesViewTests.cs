using GovDataPortal.Features.Policies;

namespace GovDataPortal.Tests.Features.Policies;

/// <summary>The rows the 政策规则 page shows, built without rendering.</summary>
public class PolicyRulesViewTests
{
    private static PolicyRuleRow Row(Jurisdiction j, string flow, string step) =>
        PolicyRulesView.Rows(BuiltInProfiles.Get(j)).Single(r => r.FlowKey == flow && r.StepKey == step);

    [Fact]
    public void The_shuangpai_data_check_row_reads_handler_deadline_timeout_extension_and_citation()
    {
        var row = Row(Jurisdiction.Shuangpai, FlowKeys.DataCheck, "check");

        Assert.Equal("疑义、错误数据校核", row.Flow);
        Assert.Equal("提供部门·部门审核人", row.Handler);
        Assert.Equal("5个工作日", row.Deadline);
        Assert.Equal("仅提醒", row.Timeout);
        Assert.Equal("最多15个工作日，须领导同意并告知申请方", row.Extension);
        Assert.Equal("依据《双牌县政务大数据管理办法》（双政办发〔2022〕8号）第二十七条第二款", row.Citation);
        Assert.Null(row.Reading);
    }

    [Fact]
    public void Hubei_rows_show_deemed_approval_escalation_and_no_statutory_deadline()
    {
        Assert.Equal("视为同意", Row(Jurisdiction.Hubei, FlowKeys.ConditionalShare, "reply").Timeout);
        Assert.Equal("上报主管部门", Row(Jurisdiction.Hubei, FlowKeys.DataCheck, "check").Timeout);
        var open = Row(Jurisdiction.Hubei, FlowKeys.ConditionalOpen, "reply");
        Assert.Equal("无法定期限", open.Deadline);
        Assert.Equal("—", open.Timeout);
        Assert.Equal("—", open.Extension);
    }

    [Fact]
    public void The_longyan_row_carries_the_reading_next_to_the_deadline()
    {
        var row = Row(Jurisdiction.Longyan, FlowKeys.DataCheck, "check");

        Assert.Equal("1个工作日", row.Deadline);
        Assert.Equal(BuiltInProfiles.ImmediatelyReading, row.Reading);
    }

    [Fact]
    public void A_flows_notes_appear_once_on_its_first_step_and_the_authority_steps_name_their_role()
    {
        var rows = PolicyRulesView.Rows(BuiltInProfiles.Get(Jurisdiction.Shuangpai)).Where(r => r.FlowKey == FlowKeys.ConditionalShare).ToList();

        Assert.Equal(["opinion", "decision"], rows.Select(r => r.StepKey));
        Assert.NotNull(rows[0].Notes);
        Assert.Null(rows[1].Notes);
        Assert.Equal("数据主管部门·主管部门审核人", rows[1].Handler);
    }

    [Fact]
    public void The_comparison_has_a_row_per_flow_and_a_cell_per_jurisdiction()
    {
        var rows = PolicyRulesView.Comparison(BuiltInProfiles.All);

        Assert.Equal(FlowNames.Keys, rows.Select(r => r.FlowKey));
        Assert.All(rows, r => Assert.Equal(Enum.GetValues<Jurisdiction>(), r.Cells.Select(c => c.Jurisdiction)));
        var share = rows.Single(r => r.FlowKey == FlowKeys.ConditionalShare);
        Assert.Equal("10个工作日，逾期视为同意", share.Cell(Jurisdiction.Hubei).Summary);
        Assert.Equal("第二十条", share.Cell(Jurisdiction.Hubei).Citation);
        Assert.Equal("10个工作日 → 无法定期限", share.Cell(Jurisdiction.Shuangpai).Summary);
        Assert.Contains("依据《湖北省政务数据资源应用与管理办法》第二十条第三款：10个工作日，逾期视为同意", share.Cell(Jurisdiction.Hubei).Detail);
    }

    [Fact]
    public void Comparison_cells_mark_absent_flows_extensions_and_readings()
    {
        var rows = PolicyRulesView.Comparison(BuiltInProfiles.All);
        var uncatalogued = rows.Single(r => r.FlowKey == FlowKeys.UncataloguedDataRequest);
        var check = rows.Single(r => r.FlowKey == FlowKeys.DataCheck);

        Assert.False(uncatalogued.Cell(Jurisdiction.Changsha).HasFlow);
        Assert.Equal("—", uncatalogued.Cell(Jurisdiction.Changsha).Summary);
        Assert.Equal("5个工作日，可延期最多15个工作日", check.Cell(Jurisdiction.Shuangpai).Summary);
        Assert.Equal("1个工作日*", check.Cell(Jurisdiction.Longyan).Summary);
        Assert.Equal("无法定期限", check.Cell(Jurisdiction.Changsha).Summary);
    }
}
