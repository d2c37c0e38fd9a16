using GovDataPortal.Features.DataChecks;
using GovDataPortal.Infrastructure;

namespace GovDataPortal.Tests.Features.DataChecks;

/// <summary>The check's own guards, without a database: each transition happens only from the state its rule allows.</summary>
public class DataCheckRequestTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    private static DataCheckRequest Submitted(long flow = 10)
    {
        var request = DataCheckRequest.Submit(1, "u-requester", 2, "  常住人口基本信息 ", " ", DataCheckKind.Error, "出生日期有误", T0);
        request.AttachFlow(flow);
        return request;
    }

    private static DataCheckRequest Answered()
    {
        var request = Submitted();
        request.RecordAnswer(DataCheckAnswer.NoError, "经核实无误", T0.AddDays(1));
        return request;
    }

    [Fact]
    public void Submit_starts_a_check_waiting_for_the_provider_with_cleaned_texts()
    {
        var request = DataCheckRequest.Submit(1, "u-requester", 2, "  常住人口基本信息 ", " ", DataCheckKind.Error, "出生日期有误", T0);

        Assert.Equal(DataCheckStatus.Submitted, request.Status);
        Assert.Equal(("常住人口基本信息", (string?)null, T0), (request.ResourceName, request.RecordIdentifier, request.CreatedAt));
        Assert.Null(request.FlowInstanceId);
    }

    [Fact]
    public void Submit_refuses_a_check_on_the_requesters_own_data_and_missing_fields_all_at_once()
    {
        var error = Assert.Throws<ValidationFailedException>(() =>
            DataCheckRequest.Submit(1, "u-requester", 1, " ", null, (DataCheckKind)9, "", T0));

        Assert.Equal(["不能对本部门的数据提起校核，请选择数据提供部门。"], error.Errors.ByField[DataCheckFields.ProviderDepartmentId]);
        Assert.Equal([DataCheckFields.ProviderDepartmentId, DataCheckFields.ResourceName, DataCheckFields.Kind, DataCheckFields.Description],
            error.Errors.ByField.Keys);
    }

    [Fact]
    public void Submit_refuses_a_check_without_a_provider_or_a_requester()
    {
        var noProvider = Assert.Throws<ValidationFailedException>(() =>
            DataCheckRequest.Submit(1, "u-requester", null, "常住人口", null, DataCheckKind.Doubt, "存疑", T0));
        Assert.Equal("请选择数据提供部门。", noProvider.Message);
        Assert.Throws<DomainException>(() => DataCheckRequest.Submit(1, " ", 2, "常住人口", null, DataCheckKind.Doubt, "存疑", T0));
    }

    [Fact]
    public void A_flow_is_attached_once_per_round()
    {
        var request = Submitted(flow: 10);

        var error = Assert.Throws<DomainException>(() => request.AttachFlow(11));

        Assert.Equal("该校核已关联流程，不能重复关联。", error.Message);
        Assert.Equal(10, request.FlowInstanceId);
    }

    [Fact]
    public void Answer_records_the_result_and_explanation_fed_back_to_the_requester()
    {
        var request = Answered();

        Assert.Equal((DataCheckStatus.Answered, DataCheckAnswer.NoError, "经核实无误", T0.AddDays(1)),
            (request.Status, request.Answer, request.Explanation, request.AnsweredAt));
    }

    [Fact]
    public void Answer_is_refused_once_the_check_is_answered()
    {
        var request = Answered();

        var error = Assert.Throws<DomainException>(() => request.RecordAnswer(DataCheckAnswer.ConfirmedAndCorrected, "已更正", T0.AddDays(2)));

        Assert.Equal("只有待校核的数据校核才能答复。", error.Message);
        Assert.Equal(DataCheckAnswer.NoError, request.Answer);
    }

    [Fact]
    public void Answer_needs_a_result_and_an_explanation()
    {
        var request = Submitted();

        var error = Assert.Throws<ValidationFailedException>(() => request.RecordAnswer(null, " ", T0));

        Assert.Equal([DataCheckFields.Answer, DataCheckFields.Explanation], error.Errors.ByField.Keys);
        Assert.Equal(DataCheckStatus.Submitted, request.Status);
    }

    [Fact]
    public void Close_needs_an_answer_first()
    {
        var request = Submitted();

        var error = Assert.Throws<DomainException>(() => request.Close(T0));

        Assert.Equal("提供部门答复后才能关闭校核。", error.Message);
        Assert.Equal(DataCheckStatus.Submitted, request.Status);
    }

    [Fact]
    public void Close_after_the_answer_closes_the_check()
    {
        var request = Answered();

        request.Close(T0.AddDays(3));

        Assert.Equal((DataCheckStatus.Closed, (DateTimeOffset?)T0.AddDays(3)), (request.Status, request.ClosedAt));
        Assert.Throws<DomainException>(() => request.Close(T0.AddDays(4)));
    }

    [Fact]
    public void Reopen_clears_the_answer_and_takes_a_new_flow()
    {
        var request = Answered();

        request.Reopen("  说明不充分 ");
        request.AttachFlow(20);

        Assert.Equal((DataCheckStatus.Submitted, (DataCheckAnswer?)null, (string?)null, (DateTimeOffset?)null),
            (request.Status, request.Answer, request.Explanation, request.AnsweredAt));
        Assert.Equal((1, "说明不充分", (long?)20), (request.ReopenCount, request.ReopenReason, request.FlowInstanceId));
    }

    [Fact]
    public void Reopen_is_allowed_once()
    {
        var request = Answered();
        request.Reopen("说明不充分");
        request.AttachFlow(20);
        request.RecordAnswer(DataCheckAnswer.ConfirmedAndCorrected, "已更正", T0.AddDays(5));

        var error = Assert.Throws<DomainException>(() => request.Reopen("仍有错误"));

        Assert.Equal(DataCheckTexts.ReopenOnceMessage, error.Message);
        Assert.Equal(DataCheckStatus.Answered, request.Status);
    }

    [Fact]
    public void Reopen_needs_an_answered_check_and_a_reason()
    {
        var waiting = Assert.Throws<DomainException>(() => Submitted().Reopen("说明不充分"));
        Assert.Equal("提供部门答复后、关闭前才能重新提起。", waiting.Message);

        var closed = Answered();
        closed.Close(T0.AddDays(2));
        Assert.Equal("提供部门答复后、关闭前才能重新提起。", Assert.Throws<DomainException>(() => closed.Reopen("说明不充分")).Message);

        var answered = Answered();
        var noReason = Assert.Throws<ValidationFailedException>(() => answered.Reopen(" "));
        Assert.Equal([DataCheckFields.Reason], noReason.Errors.ByField.Keys);
        Assert.Equal((DataCheckStatus.Answered, 0), (answered.Status, answered.ReopenCount));
    }

    [Fact]
    public void A_withdrawn_flow_closes_a_waiting_check_without_an_answer()
    {
        var request = Submitted();

        request.CloseOnWithdrawal(T0.AddHours(1));

        Assert.Equal((DataCheckStatus.Closed, (DataCheckAnswer?)null, (DateTimeOffset?)T0.AddHours(1)),
            (request.Status, request.Answer, request.ClosedAt));
    }

    [Fact]
    public void Withdrawal_cannot_close_an_answered_check()
    {
        var request = Answered();

        Assert.Equal("只有待校核的数据校核才能撤回。", Assert.Throws<DomainException>(() => request.CloseOnWithdrawal(T0)).Message);
        Assert.Equal(DataCheckStatus.Answered, request.Status);
    }
}
