using System.Net;
using System.Net.Http.Json;
using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.OpenData;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;

namespace GovDataPortal.Tests.Features.OpenData;

/// <summary>Shuangpai: Art. 32 gives the provider 15 working days; party checks; the API.</summary>
public sealed class ShuangpaiOpenRequestTests(OpenDataFixture portal) : IClassFixture<OpenDataFixture>
{
    [Fact]
    public async Task Open_request_flow_has_the_15_day_deadline_of_shuangpai_article_32()
    {
        var entry = await portal.ConditionalEntryAsync("食品经营许可信息（双牌）");
        var id = await portal.AsAsync("liuyang", s => s.SubmitRequestAsync(OpenDataFixture.Organisation(entry)));

        var request = await portal.RequestAsync(id);
        var task = await portal.OpenTaskAsync(request.FlowInstanceId);
        Assert.Equal(15, task.DeadlineDays);
        Assert.NotNull(task.DueDate);
        Assert.Contains("第三十二条", task.RuleText);
        Assert.Equal(OpenRequestStatus.InReview, request.Status);
    }

    [Fact]
    public async Task Approval_by_the_provider_approves_the_request()
    {
        var entry = await portal.ConditionalEntryAsync("食品经营许可信息（审批）");
        var id = await portal.AsAsync("liuyang", s => s.SubmitRequestAsync(OpenDataFixture.Person(entry)));
        var task = await portal.OpenTaskAsync((await portal.RequestAsync(id)).FlowInstanceId);

        await portal.DecideAsync("chenjing", new TaskDecision(task.Id, task.Version, FlowActions.Approve, "同意开放"));

        Assert.Equal(OpenRequestStatus.Approved, (await portal.RequestAsync(id)).Status);
    }

    [Fact]
    public async Task Citizen_id_with_a_wrong_check_digit_is_refused_and_nothing_is_saved()
    {
        var entry = await portal.ConditionalEntryAsync("食品经营许可信息（校验）");
        var before = await portal.CountAsync();

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            portal.AsAsync("liuyang", s => s.SubmitRequestAsync(OpenDataFixture.Person(entry, "110105194912310021"))));

        Assert.Contains("校验位", string.Join(" ", e.Errors.ByField[OpenDataFields.IdentityNumber]));
        Assert.Equal(before, await portal.CountAsync());
    }

    [Fact]
    public async Task Credit_code_with_a_wrong_check_character_is_refused()
    {
        var entry = await portal.ConditionalEntryAsync("食品经营许可信息（信用代码）");

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            portal.AsAsync("liuyang", s => s.SubmitRequestAsync(OpenDataFixture.Organisation(entry) with { IdentityNumber = "91350100M000100Y44" })));

        Assert.True(e.Errors.ByField.ContainsKey(OpenDataFields.IdentityNumber));
    }

    [Fact]
    public async Task Entry_that_is_not_conditionally_open_is_refused()
    {
        var entry = await portal.ConditionalEntryAsync("企业公示信息", OpenType.Unconditional);

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            portal.AsAsync("liuyang", s => s.SubmitRequestAsync(OpenDataFixture.Organisation(entry))));

        Assert.Contains("有条件开放", string.Join(" ", e.Errors.ByField[OpenDataFields.CatalogueEntryId]));
    }

    [Fact]
    public async Task Staff_of_another_department_cannot_receive_for_the_provider()
    {
        var entry = await portal.ConditionalEntryAsync("食品经营许可信息（他部门）");

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            portal.AsAsync("zhangwei", s => s.SubmitRequestAsync(OpenDataFixture.Organisation(entry))));
    }

    [Fact]
    public async Task Detail_page_shows_the_deadline_with_its_article_and_the_commitment_letter_prints_the_application()
    {
        var entry = await portal.ConditionalEntryAsync("食品经营许可信息（页面）");
        var id = await portal.AsAsync("liuyang", s => s.SubmitRequestAsync(OpenDataFixture.Organisation(entry)));
        using var client = await portal.CookieClientAsAsync("chenjing");

        var detail = WebUtility.HtmlDecode(await client.GetStringAsync($"/open-data/requests/{id}"));
        var letter = WebUtility.HtmlDecode(await client.GetStringAsync($"/open-data/requests/{id}/commitment"));

        Assert.Contains("第三十二条", detail);
        Assert.Contains("15 个工作日", detail);
        Assert.Contains($"open-data/requests/{id}/commitment", detail);
        Assert.Contains("数据开放利用承诺书", letter);
        Assert.Contains("龙岩数智科技有限公司", letter);
    }

    [Fact]
    public async Task Api_receives_an_open_request_as_the_tokens_user()
    {
        var entry = await portal.ConditionalEntryAsync("食品经营许可信息（接口）");
        using var client = await portal.ApiClientAsAsync("liuyang");

        var response = await client.PostAsJsonAsync("/api/open-requests", OpenDataFixture.Organisation(entry));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<CreatedRecord>();
        Assert.Equal(await portal.UserIdAsync("liuyang"), (await portal.RequestAsync(created!.Id)).ReceivedByUserId);
    }

    [Fact]
    public async Task Api_refuses_an_open_request_from_a_role_that_does_not_receive_with_403()
    {
        var entry = await portal.ConditionalEntryAsync("食品经营许可信息（无权）");
        using var client = await portal.ApiClientAsAsync("huangjun"); // 市场监管局 领导: receives nothing

        var response = await client.PostAsJsonAsync("/api/open-requests", OpenDataFixture.Organisation(entry));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Api_receives_an_objection_and_refuses_a_wrong_role_with_403()
    {
        var entry = await portal.ConditionalEntryAsync("食品经营许可信息（异议接口）");
        using var staff = await portal.ApiClientAsAsync("liuyang");
        using var leader = await portal.ApiClientAsAsync("huangjun");

        var created = await staff.PostAsJsonAsync("/api/objections", OpenDataFixture.Objection(entry));
        var refused = await leader.PostAsJsonAsync("/api/objections", OpenDataFixture.Objection(entry));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}

/// <summary>Changsha Art. 24 ¶4: 10 working days; no objection procedure in the text.</summary>
public sealed class ChangshaOpenDataTests(ChangshaOpenDataFixture portal) : IClassFixture<ChangshaOpenDataFixture>
{
    [Fact]
    public async Task Open_request_flow_has_the_10_day_deadline_of_changsha_article_24()
    {
        var entry = await portal.ConditionalEntryAsync();
        var id = await portal.AsAsync("liuyang", s => s.SubmitRequestAsync(OpenDataFixture.Organisation(entry)));

        var task = await portal.OpenTaskAsync((await portal.RequestAsync(id)).FlowInstanceId);
        Assert.Equal(10, task.DeadlineDays);
        Assert.Contains("第二十四条第四款", task.RuleText);
    }

    [Fact]
    public async Task Objection_without_an_article_goes_to_the_provider_with_no_deadline_and_tells_the_objector()
    {
        var entry = await portal.ConditionalEntryAsync("食品经营许可信息（异议）");
        var id = await portal.AsAsync("zhaomin", s => s.SubmitObjectionAsync(OpenDataFixture.Objection(entry)));

        var objection = await portal.ObjectionAsync(id);
        var task = await portal.OpenTaskAsync(objection.FlowInstanceId);
        Assert.Equal(objection.ProviderDepartmentId, task.AssigneeDepartmentId);
        Assert.Null(task.DeadlineDays);
        Assert.Null(task.DueDate);
        Assert.Null((await portal.EntryAsync(entry)).OpeningHold); // changsha sets no suspension on receipt

        await Assert.ThrowsAsync<DomainException>(() => portal.DecideAsync("chenjing", new TaskDecision(task.Id, task.Version, FlowActions.Approve, "已核实")));
        await portal.DecideAsync("chenjing", new TaskDecision(task.Id, task.Version, FlowActions.Approve, "已核实并脱敏处理",
            Notice: new PartyNotice(NoticeMethod.Phone, portal.Clock.GetUtcNow(), "经核实，已对经营场所进行脱敏处理。")));

        Assert.Equal(ObjectionStatus.Concluded, (await portal.ObjectionAsync(id)).Status);
    }
}

/// <summary>Longyan Art. 19: 20 working days; Art. 17 ¶2 and Art. 18 ¶3 limit who may apply and for what.</summary>
public sealed class LongyanOpenDataTests(LongyanOpenDataFixture portal) : IClassFixture<LongyanOpenDataFixture>
{
    [Fact]
    public async Task Open_request_flow_has_the_20_day_deadline_of_longyan_article_19()
    {
        var entry = await portal.ConditionalEntryAsync();
        var id = await portal.AsAsync("liuyang", s => s.SubmitRequestAsync(OpenDataFixture.Organisation(entry)));

        var task = await portal.OpenTaskAsync((await portal.RequestAsync(id)).FlowInstanceId);
        Assert.Equal(20, task.DeadlineDays);
        Assert.Contains("第十九条", task.RuleText);
    }

    [Fact]
    public async Task Citizen_may_not_apply_for_authorised_opening_under_longyan_article_17()
    {
        var entry = await portal.ConditionalEntryAsync("食品经营许可信息（公民）");

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            portal.AsAsync("liuyang", s => s.SubmitRequestAsync(OpenDataFixture.Person(entry))));

        Assert.Contains(OpenDataService.LongyanApplicantRefusal, e.Errors.ByField[OpenDataFields.OrganisationType]);
    }

    [Fact]
    public async Task Other_organisation_may_not_apply_under_longyan_article_17()
    {
        var entry = await portal.ConditionalEntryAsync("食品经营许可信息（其他）");

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            portal.AsAsync("liuyang", s => s.SubmitRequestAsync(OpenDataFixture.Organisation(entry, OrganisationType.Other))));

        Assert.Contains("第十七条第二款", string.Join(" ", e.Errors.ByField[OpenDataFields.OrganisationType]));
    }

    [Fact]
    public async Task University_may_use_the_data_only_for_research_or_teaching_under_longyan_article_18()
    {
        var entry = await portal.ConditionalEntryAsync("食品经营许可信息（高校）");

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            portal.AsAsync("liuyang", s => s.SubmitRequestAsync(OpenDataFixture.Organisation(entry, OrganisationType.University, PurposeKind.Commercial))));
        var id = await portal.AsAsync("liuyang", s => s.SubmitRequestAsync(OpenDataFixture.Organisation(entry, OrganisationType.ResearchInstitute, PurposeKind.Teaching)));

        Assert.Contains(OpenDataService.LongyanPurposeRefusal, e.Errors.ByField[OpenDataFields.PurposeKind]);
        Assert.True(id > 0);
    }
}

/// <summary>Foshan Art. 36: no day count; the signed 承诺书 is a condition of approval.</summary>
public sealed class FoshanOpenDataTests(FoshanOpenDataFixture portal) : IClassFixture<FoshanOpenDataFixture>
{
    [Fact]
    public async Task Open_request_has_no_deadline_and_cannot_be_approved_before_the_commitment_letter_is_signed()
    {
        var entry = await portal.ConditionalEntryAsync();
        var id = await portal.AsAsync("liuyang", s => s.SubmitRequestAsync(OpenDataFixture.Organisation(entry)));
        var task = await portal.OpenTaskAsync((await portal.RequestAsync(id)).FlowInstanceId);
        Assert.Null(task.DeadlineDays);

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            portal.DecideAsync("chenjing", new TaskDecision(task.Id, task.Version, FlowActions.Approve, "同意")));
        Assert.Contains("第三十六条", refused.Message);
        Assert.Equal(OpenRequestStatus.InReview, (await portal.RequestAsync(id)).Status);

        await portal.AsAsync("liuyang", s => s.RecordCommitmentAsync(id, new CommitmentInput(new DateOnly(2026, 11, 20), "龙岩数智科技有限公司 法定代表人 李四")));
        task = await portal.OpenTaskAsync((await portal.RequestAsync(id)).FlowInstanceId);
        await portal.DecideAsync("chenjing", new TaskDecision(task.Id, task.Version, FlowActions.Approve, "同意"));

        var request = await portal.RequestAsync(id);
        Assert.Equal(OpenRequestStatus.Approved, request.Status);
        Assert.Equal(new DateOnly(2026, 11, 20), request.CommitmentSignedOn);
    }
}
