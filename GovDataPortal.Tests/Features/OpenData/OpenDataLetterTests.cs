using System.Net;
using GovDataPortal.Features.OpenData;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Tests.Support;

namespace GovDataPortal.Tests.Features.OpenData;

/// <summary>
/// The printable decision letters of open data (issue 10 §4) under hubei: the answer to a conditional-open application
/// (Art. 27) and the outcome of an open-data objection (Art. 28), with the same access as the detail pages.
/// </summary>
public sealed class OpenDataLetterTests(HubeiOpenDataFixture portal) : IClassFixture<HubeiOpenDataFixture>
{
    [Fact]
    public async Task Open_request_refusal_letter_states_the_reasons_and_the_article()
    {
        var entry = await portal.ConditionalEntryAsync("食品经营许可信息（答复函）");
        var id = await portal.AsAsync("liuyang", s => s.SubmitRequestAsync(OpenDataFixture.Organisation(entry)));
        var task = await portal.OpenTaskAsync((await portal.RequestAsync(id)).FlowInstanceId);
        await portal.DecideAsync("chenjing", new TaskDecision(task.Id, task.Version, FlowActions.Reject, "申请用途与所需信息项不相符。"));
        using var client = await portal.CookieClientAsAsync("liuyang");

        Assert.Contains(OpenDataLetters.RequestLink(id), await PageAsync(client, "/" + OpenDataTexts.RequestLink(id)));
        var letter = await PageAsync(client, "/" + OpenDataLetters.RequestLink(id));
        Assert.Contains("政务数据有条件开放申请答复函", letter);
        Assert.Contains("不予开放", letter);
        Assert.Contains("申请用途与所需信息项不相符。", Cell(letter, "decision-letter-reasons"));
        Assert.Contains("第二十七条", Cell(letter, "decision-letter-article"));
        Assert.Contains("龙岩数智科技有限公司", letter);
    }

    [Fact]
    public async Task Open_request_under_review_has_no_letter_yet_and_another_department_sees_nothing()
    {
        var entry = await portal.ConditionalEntryAsync("食品经营许可信息（未决定）");
        var id = await portal.AsAsync("liuyang", s => s.SubmitRequestAsync(OpenDataFixture.Organisation(entry)));
        using var client = await portal.CookieClientAsAsync("liuyang");

        Assert.DoesNotContain(OpenDataLetters.RequestLink(id), await PageAsync(client, "/" + OpenDataTexts.RequestLink(id)));
        Assert.Contains(DecisionLetters.NotDecidedMessage, await PageAsync(client, "/" + OpenDataLetters.RequestLink(id)));

        using var other = await portal.CookieClientAsAsync("yangfan");
        var refused = await PageAsync(other, "/" + OpenDataLetters.RequestLink(id));
        Assert.Contains(OpenDataTexts.OtherDepartmentRequest, refused);
        Assert.DoesNotContain("龙岩数智科技有限公司", refused);
    }

    [Fact]
    public async Task Objection_letter_states_the_outcome_the_reasons_the_article_and_what_the_objector_was_told()
    {
        var entry = await portal.ConditionalEntryAsync("食品经营许可信息（异议决定书）");
        var id = await portal.AsAsync("liuyang", s => s.SubmitObjectionAsync(OpenDataFixture.Objection(entry)));
        var instance = (await portal.ObjectionAsync(id)).FlowInstanceId;
        var verify = await portal.OpenTaskAsync(instance);
        await portal.DecideAsync("chenjing", new TaskDecision(verify.Id, verify.Version, FlowActions.Choose, "经核实数据无误",
            BranchKey: ObjectionSubjectHandler.Restore));
        using var client = await portal.CookieClientAsAsync("chenjing");
        Assert.Contains(DecisionLetters.NotDecidedMessage, await PageAsync(client, "/" + OpenDataLetters.ObjectionLink(id)));

        var notify = await portal.OpenTaskAsync(instance);
        await portal.DecideAsync("chenjing", new TaskDecision(notify.Id, notify.Version, FlowActions.Approve, "已告知",
            Notice: new PartyNotice(NoticeMethod.Sms, portal.Clock.GetUtcNow(), "经核实数据无误，已恢复开放。")));

        Assert.Contains(OpenDataLetters.ObjectionLink(id), await PageAsync(client, "/" + OpenDataTexts.ObjectionLink(id)));
        var letter = await PageAsync(client, "/" + OpenDataLetters.ObjectionLink(id));
        Assert.Contains("政务数据异议处理决定书", letter);
        Assert.Contains("恢复开放", letter);
        // The decision is the provider's verification, not the approval that only records the telling.
        Assert.Contains("经核实数据无误", Cell(letter, "decision-letter-reasons"));
        Assert.Contains("第二十八条", letter);
        Assert.Contains("短信", letter);
        Assert.Contains("王五", letter);

        using var other = await portal.CookieClientAsAsync("yangfan");
        Assert.DoesNotContain("王五", await PageAsync(other, "/" + OpenDataLetters.ObjectionLink(id)));
    }

    internal static string Cell(string html, string id) =>
        System.Text.RegularExpressions.Regex.Match(html, $"id=\"{id}\"[^>]*>(.*?)</td>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;

    private static async Task<string> PageAsync(HttpClient client, string url) => WebUtility.HtmlDecode(await client.GetStringAsync(url));
}
