using System.Net;
using GovDataPortal.Features.Sharing.Requests;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Tests.Support;

namespace GovDataPortal.Tests.Features.Sharing.Requests;

/// <summary>The printable decision letter of a share request (issue 10 §4), under hubei (Art. 20: reply, deemed consent, coordination).</summary>
public sealed class ShareRequestLetterTests(HubeiShareRequestFixture portal) : IClassFixture<HubeiShareRequestFixture>
{
    [Fact]
    public async Task Refusal_letter_states_the_reasons_and_the_article()
    {
        var submitted = await portal.SubmitAsync(portal.Draft(await portal.EntryAsync()));
        await portal.DecideAsync("chenjing", submitted.Id, "reject", "涉及商业秘密，不宜共享。");
        await portal.DecideAsync("zhangwei", submitted.Id, "accept");
        using var client = await portal.CookieClientAsAsync("zhangwei");

        var detail = await PageAsync(client, $"/sharing/requests/{submitted.Id}");
        Assert.Contains(ShareRequestLetter.Link(submitted.Id), detail);
        var letter = await PageAsync(client, "/" + ShareRequestLetter.Link(submitted.Id));
        Assert.Contains("政务数据共享申请答复函", letter);
        Assert.Contains($"共享申请第 {submitted.Id} 号", letter);
        Assert.Contains("不予共享", letter);
        Assert.Contains("涉及商业秘密，不宜共享。", Cell(letter, "decision-letter-reasons"));
        Assert.Contains("第二十条", Cell(letter, "decision-letter-article"));
        Assert.Contains("市场监督管理局", letter);
        Assert.Contains("统一社会信用代码、企业名称", letter);
    }

    [Fact]
    public async Task Deemed_consent_letter_names_the_consent_by_silence_its_article_and_date()
    {
        var submitted = await portal.SubmitAsync(portal.Draft(await portal.EntryAsync()));
        try
        {
            portal.Clock.Set(ShareRequestFixture.Beijing(2026, 12, 10));
            await portal.SweepAsync();
            using var client = await portal.CookieClientAsAsync("chenjing");
            var letter = await PageAsync(client, "/" + ShareRequestLetter.Link(submitted.Id));
            Assert.Contains("视为同意共享", Cell(letter, "decision-letter-decision"));
            Assert.Contains("第二十条", Cell(letter, "decision-letter-article"));
            Assert.Contains("2026年12月10日", Cell(letter, "decision-letter-date"));
        }
        finally
        {
            portal.Clock.Set(ShareRequestFixture.Start);
        }
    }

    [Fact]
    public async Task Letter_after_coordination_states_the_coordinators_decision()
    {
        var submitted = await portal.SubmitAsync(portal.Draft(await portal.EntryAsync()));
        await portal.DecideAsync("chenjing", submitted.Id, "reject", "涉及商业秘密，不宜共享。");
        await portal.DecideAsync("zhangwei", submitted.Id, "coordinate", "履职确需，请协调。");
        await portal.ApproveAsync("zhaomin", submitted.Id, "经协调，同意按最小必要原则共享。");
        using var client = await portal.CookieClientAsAsync("zhangwei");

        var letter = await PageAsync(client, "/" + ShareRequestLetter.Link(submitted.Id));
        Assert.Contains("政务数据共享申请决定书", letter);
        Assert.Contains("同意共享，予以授权", letter);
        Assert.Contains("经协调，同意按最小必要原则共享。", Cell(letter, "decision-letter-reasons"));
        Assert.Contains("办理经过", letter);
    }

    [Fact]
    public async Task Undecided_request_has_no_letter_yet()
    {
        var submitted = await portal.SubmitAsync(portal.Draft(await portal.EntryAsync()));
        using var client = await portal.CookieClientAsAsync("zhangwei");

        Assert.DoesNotContain(ShareRequestLetter.Link(submitted.Id), await PageAsync(client, $"/sharing/requests/{submitted.Id}"));
        var letter = await PageAsync(client, "/" + ShareRequestLetter.Link(submitted.Id));
        Assert.Contains(DecisionLetters.NotDecidedMessage, letter);
        Assert.DoesNotContain("decision-letter-decision", letter);
    }

    [Fact]
    public async Task Letter_is_refused_to_another_department()
    {
        var submitted = await portal.SubmitAsync(portal.Draft(await portal.EntryAsync()));
        await portal.DecideAsync("chenjing", submitted.Id, "reject", "另一部门不应看到的理由。");
        await portal.DecideAsync("zhangwei", submitted.Id, "accept");
        using var client = await portal.CookieClientAsAsync("yangfan");

        var letter = await PageAsync(client, "/" + ShareRequestLetter.Link(submitted.Id));
        Assert.Contains("只有申请部门", letter);
        Assert.DoesNotContain("另一部门不应看到的理由。", letter);
    }

    private static string Cell(string html, string id) => GovDataPortal.Tests.Features.OpenData.OpenDataLetterTests.Cell(html, id);

    private static async Task<string> PageAsync(HttpClient client, string url) => WebUtility.HtmlDecode(await client.GetStringAsync(url));
}
