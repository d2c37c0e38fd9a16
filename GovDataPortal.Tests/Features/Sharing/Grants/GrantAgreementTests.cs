using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GovDataPortal.Features.Sharing;
using GovDataPortal.Features.Sharing.Grants;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;

namespace GovDataPortal.Tests.Features.Sharing.Grants;

/// <summary>The usage agreement after an approved share (shuangpai Art. 24 ¶1 item 2): shown as missing, recorded by the authority.</summary>
public class GrantAgreementTests(GrantFixture portal) : IClassFixture<GrantFixture>
{
    [Fact]
    public async Task A_grant_without_an_agreement_says_who_signs_it_and_the_authority_records_the_reference()
    {
        var id = await portal.GrantAsync(agreement: null);

        var seen = await portal.AsAsync("zhangwei", s => s.GetAsync(id));
        Assert.Contains("县政务服务中心", seen!.AgreementNeeded);
        Assert.Contains("第二十四条第一款第（二）项", seen.AgreementNeeded);
        Assert.False(seen.CanRecordAgreement);
        Assert.True((await portal.AsAsync("zhaomin", s => s.GetAsync(id)))!.CanRecordAgreement);

        await portal.AsAsync("zhaomin", s => s.RecordAgreementAsync(id, "  双数共〔2026〕7号 "));

        Assert.Equal("双数共〔2026〕7号", (await portal.LoadAsync(id)).AgreementReference);
        Assert.Null((await portal.AsAsync("zhangwei", s => s.GetAsync(id)))!.AgreementNeeded);
        Assert.Single(await portal.NotificationsOfAsync("lina", "使用协议已登记", id));
    }

    [Theory]
    [InlineData("zhangwei")] // the using department's specialist
    [InlineData("lina")]     // the using department's approver
    [InlineData("chenjing")] // the providing department's approver
    public async Task Only_the_authority_records_the_agreement(string userName)
    {
        var id = await portal.GrantAsync(agreement: null);
        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => portal.AsAsync(userName, s => s.RecordAgreementAsync(id, "双数共〔2026〕8号")));
        Assert.Equal(GrantTexts.AgreementRefused, refused.Message);
        Assert.Null((await portal.LoadAsync(id)).AgreementReference);
    }

    [Fact]
    public async Task An_empty_or_over_long_reference_is_refused_in_chinese_and_nothing_is_saved()
    {
        var id = await portal.GrantAsync(agreement: null);
        var empty = await Assert.ThrowsAsync<DomainException>(() => portal.AsAsync("zhaomin", s => s.RecordAgreementAsync(id, "  ")));
        Assert.Equal(("请填写使用协议编号。", ShareGrant.AgreementField), (empty.Message, empty.Field));
        var tooLong = await Assert.ThrowsAsync<DomainException>(() =>
            portal.AsAsync("zhaomin", s => s.RecordAgreementAsync(id, new string('号', ShareGrant.AgreementMaxLength + 1))));
        Assert.Equal($"使用协议编号不能超过{ShareGrant.AgreementMaxLength}个字符。", tooLong.Message);
        Assert.Null((await portal.LoadAsync(id)).AgreementReference);
    }

    [Fact]
    public async Task An_unconditional_grant_needs_no_agreement()
    {
        var id = await portal.GrantAsync(agreement: null, basis: GrantBasis.Unconditional);
        Assert.Null((await portal.AsAsync("zhaomin", s => s.GetAsync(id)))!.AgreementNeeded);
        var refused = await Assert.ThrowsAsync<DomainException>(() => portal.AsAsync("zhaomin", s => s.RecordAgreementAsync(id, "双数共〔2026〕9号")));
        Assert.Contains("无需登记", refused.Message);
    }

    [Fact]
    public async Task A_negotiated_grant_is_filed_not_signed_and_needs_no_agreement()
    {
        var id = await portal.GrantAsync(agreement: null, kind: ShareRequestKind.Negotiation);
        Assert.Null((await portal.AsAsync("zhaomin", s => s.GetAsync(id)))!.AgreementNeeded);
        Assert.False((await portal.AsAsync("zhaomin", s => s.GetAsync(id)))!.CanRecordAgreement);
    }

    [Fact]
    public async Task The_api_records_the_agreement_as_the_tokens_user()
    {
        var id = await portal.GrantAsync(agreement: null);
        using (var requester = await portal.ApiClientAsAsync("zhangwei"))
            Assert.Equal(HttpStatusCode.Forbidden, (await requester.PostAsJsonAsync($"/api/grants/{id}/agreement", new { agreementReference = "甲" })).StatusCode);
        using var authority = await portal.ApiClientAsAsync("zhaomin");

        var bad = await authority.PostAsJsonAsync($"/api/grants/{id}/agreement", new { agreementReference = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("请填写使用协议编号", await bad.Content.ReadAsStringAsync());

        var ok = await authority.PostAsJsonAsync($"/api/grants/{id}/agreement", new { agreementReference = "双数共〔2026〕10号" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var body = JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("双数共〔2026〕10号", body.GetProperty("agreementReference").GetString());
    }
}
