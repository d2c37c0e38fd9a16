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
    public void The_counting_rule_states_receipt_day_end_of_day_holidays_and_makeup_days()
    {
        Assert.Equal("受理当日不计入；期限为受理日后第N个工作日的23:59:59（北京时间）；工作日不含周末和国务院公布的法定节假日，含调休上班日；"
            + "非工作日收到的从下一个工作日起同样计算。", DeadlineText.CountingRule);
    }
}
