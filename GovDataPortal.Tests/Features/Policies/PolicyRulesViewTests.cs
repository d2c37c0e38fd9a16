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

        Assert.Equal(["opinion", "decision", "coordination-request", "coordination"], rows.Select(r => r.StepKey));
        Assert.NotNull(rows[0].Notes);
        Assert.All(rows.Skip(1), r => Assert.Null(r.Notes));
        Assert.Equal("上级数据主管部门·主管部门审核人", rows[1].Handler);
        Assert.Equal("数据主管部门·主管部门审核人", rows[3].Handler);
    }

    [Fact]
    public void A_step_of_several_actors_names_them_all_and_how_they_decide() =>
        Assert.Equal("数据主管部门·主管部门审核人、提供部门·部门审核人（会签）", Row(Jurisdiction.Shuangpai, FlowKeys.ConditionalShare, "opinion").Handler);

    [Fact]
    public void Each_row_says_where_each_outcome_leads()
    {
        Assert.Equal("同意→报市政务数据行政主管部门确定后反馈；不同意→报市政务数据行政主管部门确定后反馈",
            Row(Jurisdiction.Shuangpai, FlowKeys.ConditionalShare, "opinion").Routes);
        Assert.Equal("同意→办结（通过）；不同意→申请部门决定是否申请协调", Row(Jurisdiction.Shuangpai, FlowKeys.ConditionalShare, "decision").Routes);
        Assert.Equal("申请协调→县政务服务中心协调处理；接受不予共享结果→办结（未通过）",
            Row(Jurisdiction.Shuangpai, FlowKeys.ConditionalShare, "coordination-request").Routes);
        Assert.Equal("属本中心更正范围→县政务服务中心作出是否更正的决定；转交政务部门→政务部门作出是否更正的决定并告知县政务服务中心",
            Row(Jurisdiction.Shuangpai, FlowKeys.DataSubjectObjection, "scope").Routes);
        Assert.Equal("同意（记录已告知申请人）→办结（通过）", Row(Jurisdiction.Shuangpai, FlowKeys.DataSubjectObjection, "notify-objector").Routes);
        Assert.Equal("同意→办结（通过）", Row(Jurisdiction.Shuangpai, FlowKeys.DataCheck, "check").Routes);
    }

    [Fact]
    public void The_deadline_column_names_the_anchor_where_it_is_not_the_tasks_arrival()
    {
        Assert.Equal("自收到申请之日起1个工作日", Row(Jurisdiction.Shuangpai, FlowKeys.DataSubjectObjection, "mark").Deadline);
        Assert.Equal("5个工作日", Row(Jurisdiction.Shuangpai, FlowKeys.DataSubjectObjection, "department-decision").Deadline);
        Assert.Equal("自法律、法规修订或者行政管理职能发生变化之日起15个工作日", Row(Jurisdiction.Foshan, FlowKeys.CatalogueUpdate, "update").Deadline);
    }

    [Fact]
    public void A_flows_own_rules_appear_once_on_its_first_step()
    {
        var share = Row(Jurisdiction.Foshan, FlowKeys.ConditionalShare, "reply");
        var objection = Row(Jurisdiction.Hubei, FlowKeys.DataSubjectObjection, "verify");

        Assert.Equal(
            [
                "直接授权：需求符合已明确的应用场景的，可直接获得授权（依据《佛山市政务数据资源管理办法（试行）》（佛府办〔2020〕4号）第二十八条第二款）。",
                "被拒绝后可申请协调：由数据主管部门·主管部门审核人“市政务数据主管部门提请协调解决”（依据《佛山市政务数据资源管理办法（试行）》（佛府办〔2020〕4号）第二十六条第三款）。",
            ],
            share.FlowRules);
        Assert.Empty(Row(Jurisdiction.Foshan, FlowKeys.ConditionalShare, "coordination").FlowRules);
        Assert.Equal(
            ["申请人可以是没有本系统账号的公民、法人或者其他组织。", "收到即中止开放（依据《湖北省政务数据资源应用与管理办法》第二十八条）。"],
            objection.FlowRules);
        Assert.Empty(Row(Jurisdiction.Shuangpai, FlowKeys.DataCheck, "check").FlowRules);
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

    [Fact]
    public void Comparison_cells_follow_the_main_path_and_the_tooltip_lists_every_step_with_its_anchor()
    {
        var objection = PolicyRulesView.Comparison(BuiltInProfiles.All).Single(r => r.FlowKey == FlowKeys.DataSubjectObjection);
        var shuangpai = objection.Cell(Jurisdiction.Shuangpai);

        // mark → scope → (own scope) centre-decision → notify-objector; the 2-day own-scope choice is the portal's reading.
        Assert.Equal("1个工作日 → 2个工作日 → 5个工作日 → 无法定期限*", shuangpai.Summary);
        Assert.Contains("政务部门作出是否更正的决定并告知县政务服务中心：依据", shuangpai.Detail);
        Assert.Contains("第四十条第二款第（一）项：自收到申请之日起5个工作日", shuangpai.Detail);
        Assert.Equal("无法定期限 → 无法定期限", objection.Cell(Jurisdiction.Hubei).Summary);
    }
}
