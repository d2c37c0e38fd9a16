using GovDataPortal.Features.Policies;

namespace GovDataPortal.Tests.Features.Policies;

/// <summary>The deadline line every screen shows.</summary>
public class DeadlineTextTests
{
    private static StepRule StepOf(Jurisdiction j, string flow, string? step = null)
    {
        var rule = BuiltInProfiles.Get(j).Flow(flow)!;
        return step is null ? rule.FirstStep : rule.Step(step)!;
    }

    [Fact]
    public void A_plain_deadline_names_the_document_number_and_article()
    {
        Assert.Equal("依据《佛山市政务数据资源管理办法（试行）》（佛府办〔2020〕4号）第二十六条第二款：5个工作日",
            DeadlineText.For(StepOf(Jurisdiction.Foshan, FlowKeys.ConditionalShare)));
    }

    [Fact]
    public void A_deemed_approval_says_so()
    {
        Assert.Equal("依据《湖北省政务数据资源应用与管理办法》第二十条第三款：10个工作日，逾期视为同意",
            DeadlineText.For(StepOf(Jurisdiction.Hubei, FlowKeys.ConditionalShare)));
    }

    [Fact]
    public void No_day_count_reads_no_statutory_deadline()
    {
        Assert.Equal("依据《湖北省政务数据资源应用与管理办法》第二十七条：无法定期限",
            DeadlineText.For(StepOf(Jurisdiction.Hubei, FlowKeys.ConditionalOpen)));
    }

    [Fact]
    public void A_reading_follows_the_deadline_as_the_portals_own()
    {
        Assert.Equal("依据《龙岩市政务数据管理办法（试行）》（龙政办〔2020〕91号）第十四条：1个工作日；“立即”按1个工作日执行（本系统的解释，非原文）",
            DeadlineText.For(StepOf(Jurisdiction.Longyan, FlowKeys.DataCheck)));
    }

    [Fact]
    public void A_flow_and_step_key_give_the_line_or_null()
    {
        var flow = BuiltInProfiles.Get(Jurisdiction.Shuangpai).Flow(FlowKeys.DataCheck);

        Assert.EndsWith("第二十七条第二款：5个工作日", DeadlineText.For(flow, "check"));
        Assert.Null(DeadlineText.For(flow, "nope"));
        Assert.Null(DeadlineText.For(null, "check"));
    }

    [Fact]
    public void A_deadline_counted_from_the_flows_start_says_from_receipt_of_the_application()
    {
        Assert.Equal("依据《双牌县政务大数据管理办法》（双政办发〔2022〕8号）第四十条第二款第（一）项：自收到申请之日起5个工作日",
            DeadlineText.For(StepOf(Jurisdiction.Shuangpai, FlowKeys.DataSubjectObjection, "centre-decision")));
        // The department's 5 days count from its own receipt of the forwarded material: today's wording.
        Assert.EndsWith("第四十条第二款第（二）项：5个工作日",
            DeadlineText.For(StepOf(Jurisdiction.Shuangpai, FlowKeys.DataSubjectObjection, "department-decision")));
    }

    [Fact]
    public void A_deadline_counted_from_a_given_date_names_the_date_the_flow_defines()
    {
        var flow = BuiltInProfiles.Get(Jurisdiction.Changsha).Flow(FlowKeys.CatalogueUpdate)!;

        Assert.Equal("依据《长沙市政务数据资源管理办法》（长政办发〔2021〕80号）第十六条第三款：自法律、法规修订或者行政管理职能发生变化之日起15个工作日",
            DeadlineText.For(flow, flow.Step("update")!));
        Assert.Equal(DeadlineText.For(flow, flow.Step("update")!), DeadlineText.For(flow, "update"));
        // Without its flow the step can only say that a date was given.
        Assert.EndsWith("第十六条第三款：自指定日期起15个工作日", DeadlineText.For(flow.Step("update")!));
    }

    [Fact]
    public void The_span_names_the_anchor_only_where_the_count_does_not_start_at_the_tasks_arrival()
    {
        Assert.Equal("自收到申请之日起2个工作日", DeadlineText.Span(StepOf(Jurisdiction.Shuangpai, FlowKeys.DataSubjectObjection, "scope")));
        Assert.Equal("5个工作日", DeadlineText.Span(StepOf(Jurisdiction.Shuangpai, FlowKeys.DataCheck)));
        Assert.Equal("无法定期限", DeadlineText.Span(StepOf(Jurisdiction.Shuangpai, FlowKeys.DataSubjectObjection, "notify-objector")));
    }

    [Fact]
    public void The_counting_rule_states_receipt_day_end_of_day_holidays_and_makeup_days()
    {
        Assert.Equal("受理当日不计入；期限为受理日后第N个工作日的23:59:59（北京时间）；工作日不含周末和国务院公布的法定节假日，含调休上班日；"
            + "非工作日收到的从下一个工作日起同样计算。", DeadlineText.CountingRule);
    }
}
