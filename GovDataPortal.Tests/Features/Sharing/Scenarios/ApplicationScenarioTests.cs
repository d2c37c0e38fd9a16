using GovDataPortal.Features.Sharing.Scenarios;
using GovDataPortal.Infrastructure;

namespace GovDataPortal.Tests.Features.Sharing.Scenarios;

/// <summary>The scenario's own rules (foshan Art. 28), without a database.</summary>
public class ApplicationScenarioTests
{
    private const string Citation = "依据《佛山市政务数据资源管理办法（试行）》（佛府办〔2020〕4号）第二十八条";
    private static readonly DateTimeOffset At = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    private static ScenarioDraft Valid => new()
    {
        Name = "企业开办身份核验", Business = "企业开办身份核验", LegalBasis = "《优化营商环境条例》",
        Entries = [new ScenarioEntryDraft(7, ["公民身份号码"])],
    };

    private static ApplicationScenarioEntry Entry => ApplicationScenarioEntry.Of(7, "101000000/000007", "居民身份证信息", 2, ["公民身份号码"]);

    private static IReadOnlyDictionary<string, List<string>> Errors(ScenarioDraft d) =>
        ApplicationScenario.Validate(new ValidationErrors(), d, 1, Citation).ByField;

    [Fact]
    public void A_complete_draft_passes() => Assert.Empty(Errors(Valid));

    [Fact]
    public void Name_and_business_are_required()
    {
        var errors = Errors(Valid with { Name = " ", Business = null });
        Assert.Equal("请填写应用场景名称。", errors[ScenarioFields.Name].Single());
        Assert.Equal("请填写服务的业务。", errors[ScenarioFields.Business].Single());
    }

    [Fact]
    public void A_name_longer_than_the_column_is_refused_not_cut()
    {
        var errors = Errors(Valid with { Name = new string('场', ApplicationScenario.NameMaxLength + 1) });
        Assert.Equal($"应用场景名称不能超过{ApplicationScenario.NameMaxLength}个字符。", errors[ScenarioFields.Name].Single());
    }

    [Fact]
    public void Missing_legal_basis_is_refused_citing_art_28()
    {
        var message = Errors(Valid with { LegalBasis = "" })[ScenarioFields.LegalBasis].Single();
        Assert.Equal($"请填写应用场景的法律法规或政策依据（{Citation}）。", message);
    }

    [Fact]
    public void A_scenario_without_entries_is_refused_citing_art_28()
    {
        var message = Errors(Valid with { Entries = [] })[ScenarioFields.Entries].Single();
        Assert.Equal($"应用场景须列明所用的数据目录及信息项（{Citation}）。", message);
    }

    [Fact]
    public void An_entry_without_items_or_listed_twice_is_refused()
    {
        var errors = Errors(Valid with { Entries = [new(7, ["公民身份号码"]), new(7, []), new(8, [])] })[ScenarioFields.Entries];
        Assert.Contains("同一数据目录只能列一次，请把所需信息项合并到一行。", errors);
        Assert.Contains($"请为目录（编号8）选择所用的信息项（按最小必要原则，{Citation}）。", errors);
    }

    [Fact]
    public void The_registering_department_is_not_listed_among_involved_ones_nor_a_department_twice()
    {
        Assert.Equal("登记部门本身无需列为涉及部门。", Errors(Valid with { InvolvedDepartmentIds = [1] })[ScenarioFields.InvolvedDepartmentIds].Single());
        Assert.Equal("涉及部门不能重复选择。", Errors(Valid with { InvolvedDepartmentIds = [3, 3] })[ScenarioFields.InvolvedDepartmentIds].Single());
    }

    [Fact]
    public void Registration_waits_for_review_and_a_return_needs_reasons()
    {
        var s = ApplicationScenario.Register(Valid, 1, "u1", [Entry], Citation, At);
        Assert.Equal(ScenarioStatus.Pending, s.Status);

        var refused = Assert.Throws<ValidationFailedException>(() => s.Return("r1", "  ", At));
        Assert.Equal("请填写退回理由。", refused.Errors.ByField[ScenarioFields.Reason].Single());
        Assert.Equal(ScenarioStatus.Pending, s.Status);

        s.Return("r1", "依据不明确。", At);
        Assert.Equal((ScenarioStatus.Returned, "依据不明确。"), (s.Status, s.ReviewReason));
        Assert.Throws<ConflictException>(() => s.Approve("r1", null, At));
        Assert.Throws<ConflictException>(() => s.Withdraw(At));
    }

    [Fact]
    public void Only_an_approved_scenario_covers_and_only_the_items_it_names()
    {
        var s = ApplicationScenario.Register(Valid with { InvolvedDepartmentIds = [5] }, 1, "u1",
            [ApplicationScenarioEntry.Of(7, "c", "居民身份证信息", 2, ["公民身份号码", "姓名"])], Citation, At);
        Assert.False(s.Covers(1, 7, ["姓名"]));

        s.Approve("r1", "同意。", At);
        Assert.True(s.Covers(1, 7, ["姓名", "公民身份号码"]));
        Assert.True(s.Covers(5, 7, ["姓名"]));
        Assert.False(s.Covers(1, 7, ["姓名", "住址"]));
        Assert.False(s.Covers(1, 8, ["姓名"]));
        Assert.False(s.Covers(6, 7, ["姓名"]));
        Assert.False(s.Covers(1, 7, []));

        s.Withdraw(At);
        Assert.False(s.Covers(1, 7, ["姓名"]));
    }
}
