using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GovDataPortal.Tests.Support;

namespace GovDataPortal.Tests.Features.Policies;

/// <summary><c>/api/policies</c> through real HTTP requests with a demo user's token.</summary>
public class PolicyApiTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task The_list_has_the_five_profiles_with_shuangpai_active_by_default()
    {
        var client = await portal.ApiClientAsAsync("zhangwei");

        var list = await client.GetFromJsonAsync<JsonElement>("/api/policies");

        Assert.Equal(["changsha", "shuangpai", "hubei", "longyan", "foshan"], list.EnumerateArray().Select(p => p.GetProperty("key").GetString()));
        var active = Assert.Single(list.EnumerateArray(), p => p.GetProperty("active").GetBoolean());
        Assert.Equal("shuangpai", active.GetProperty("key").GetString());
        Assert.Equal("双牌县政务大数据管理办法", active.GetProperty("title").GetString());
        Assert.Equal("双政办发〔2022〕8号", active.GetProperty("documentNumber").GetString());
    }

    [Fact]
    public async Task Hubei_conditional_share_is_10_days_deemed_approval_citing_article_20()
    {
        var client = await portal.ApiClientAsAsync("zhangwei");

        var hubei = await client.GetFromJsonAsync<JsonElement>("/api/policies/hubei");

        Assert.False(hubei.GetProperty("active").GetBoolean());
        var share = Flow(hubei, "conditional-share");
        var step = share.GetProperty("steps")[0];
        Assert.Equal(10, step.GetProperty("days").GetInt32());
        Assert.Equal("deemedApproval", step.GetProperty("onTimeout").GetString());
        Assert.Contains("第二十条", step.GetProperty("citation").GetString());
        Assert.Equal("providerDepartment", step.GetProperty("actor").GetString());
        Assert.EndsWith("10个工作日，逾期视为同意", step.GetProperty("deadline").GetString());
        Assert.Equal(JsonValueKind.Null, step.GetProperty("reading").ValueKind);
    }

    [Fact]
    public async Task Shuangpai_data_check_shows_its_extension_and_longyan_its_reading()
    {
        var client = await portal.ApiClientAsAsync("lina");

        var shuangpai = await client.GetFromJsonAsync<JsonElement>("/api/policies/shuangpai");
        var longyan = await client.GetFromJsonAsync<JsonElement>("/api/policies/longyan");

        var check = Flow(shuangpai, "data-check");
        Assert.Equal(15, check.GetProperty("extensionMaxDays").GetInt32());
        Assert.Equal(15, check.GetProperty("steps")[0].GetProperty("extensionMaxDays").GetInt32());
        Assert.Equal("Leadership", check.GetProperty("extension").GetProperty("consentRole").GetString());
        Assert.Equal(["approve", "return", "requestExtension"],
            check.GetProperty("steps")[0].GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("remindOnly", check.GetProperty("steps")[0].GetProperty("onTimeout").GetString());
        Assert.Contains("本系统", Flow(longyan, "data-check").GetProperty("steps")[0].GetProperty("reading").GetString());
    }

    [Fact]
    public async Task Shuangpai_steps_carry_anchor_routes_branches_participants_consensus_and_requester_notice()
    {
        var client = await portal.ApiClientAsAsync("zhangwei");

        var shuangpai = await client.GetFromJsonAsync<JsonElement>("/api/policies/shuangpai");

        var objection = Flow(shuangpai, "data-subject-objection");
        Assert.True(objection.GetProperty("externalRequester").GetBoolean());
        var scope = Step(objection, "scope");
        Assert.Equal("flowStarted", scope.GetProperty("anchor").GetString());
        Assert.Equal(["choose"], scope.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal([("own", "属本中心更正范围", "centre-decision"), ("department", "转交政务部门", "department-decision")],
            scope.GetProperty("branches").EnumerateArray()
                .Select(b => (b.GetProperty("key").GetString(), b.GetProperty("name").GetString(), b.GetProperty("target").GetString())));
        Assert.Contains("自收到申请之日起2个工作日", scope.GetProperty("deadline").GetString());
        var notify = Step(objection, "notify-objector");
        Assert.True(notify.GetProperty("notifiesRequester").GetBoolean());
        Assert.Equal([("同意", "@approved", "办结（通过）")], notify.GetProperty("routes").EnumerateArray()
            .Select(r => (r.GetProperty("label").GetString(), r.GetProperty("target").GetString(), r.GetProperty("targetName").GetString())));

        var share = Flow(shuangpai, "conditional-share");
        var opinion = Step(share, "opinion");
        Assert.Equal("all", opinion.GetProperty("consensus").GetString());
        Assert.Equal(["dataAuthority", "providerDepartment"],
            opinion.GetProperty("participants").EnumerateArray().Select(p => p.GetProperty("actor").GetString()));
        Assert.Equal(["同意→decision", "不同意→decision"], opinion.GetProperty("routes").EnumerateArray()
            .Select(r => $"{r.GetProperty("label").GetString()}→{r.GetProperty("target").GetString()}"));
        Assert.Equal("higherDataAuthority", Step(share, "decision").GetProperty("actor").GetString());
        Assert.Equal("single", Step(share, "decision").GetProperty("consensus").GetString());
        Assert.Equal("coordination", share.GetProperty("coordination").GetProperty("stepKey").GetString());
        Assert.Contains("第二十四条第二款", share.GetProperty("coordination").GetProperty("citation").GetString());
        Assert.Equal(JsonValueKind.Null, share.GetProperty("directGrant").ValueKind);
        Assert.Equal(JsonValueKind.Null, share.GetProperty("onReceipt").ValueKind);
        Assert.False(share.GetProperty("externalRequester").GetBoolean());
    }

    [Fact]
    public async Task Flows_carry_their_given_date_direct_grant_and_receipt_effect()
    {
        var client = await portal.ApiClientAsAsync("zhangwei");

        var foshan = await client.GetFromJsonAsync<JsonElement>("/api/policies/foshan");
        var hubei = await client.GetFromJsonAsync<JsonElement>("/api/policies/hubei");

        var catalogue = Flow(foshan, "catalogue-update");
        Assert.Equal("法律、法规修订或者行政管理职能发生变化之日", catalogue.GetProperty("givenDateName").GetString());
        Assert.Equal("givenDate", Step(catalogue, "update").GetProperty("anchor").GetString());
        Assert.EndsWith("第十七条：自法律、法规修订或者行政管理职能发生变化之日起15个工作日", Step(catalogue, "update").GetProperty("deadline").GetString());
        var grant = Flow(foshan, "conditional-share").GetProperty("directGrant");
        Assert.Equal("需求符合已明确的应用场景的，可直接获得授权", grant.GetProperty("condition").GetString());
        Assert.Contains("第二十八条第二款", grant.GetProperty("citation").GetString());
        var receipt = Flow(hubei, "data-subject-objection").GetProperty("onReceipt");
        Assert.Equal("suspendOpening", receipt.GetProperty("kind").GetString());
        Assert.Contains("第二十八条", receipt.GetProperty("citation").GetString());
        Assert.Equal("taskReceived", Step(Flow(hubei, "data-check"), "check").GetProperty("anchor").GetString());
        Assert.Equal(JsonValueKind.Null, Flow(hubei, "data-check").GetProperty("givenDateName").ValueKind);
    }

    [Fact]
    public async Task A_flow_without_a_day_count_has_null_days()
    {
        var client = await portal.ApiClientAsAsync("zhangwei");

        var foshan = await client.GetFromJsonAsync<JsonElement>("/api/policies/foshan");

        Assert.Equal(JsonValueKind.Null, Flow(foshan, "conditional-open").GetProperty("steps")[0].GetProperty("days").ValueKind);
    }

    [Theory]
    [InlineData("beijing")]
    [InlineData("1")]
    public async Task An_unknown_key_is_a_404_problem_in_chinese(string key)
    {
        var client = await portal.ApiClientAsAsync("zhangwei");

        var response = await client.GetAsync($"/api/policies/{key}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("政策规则不存在。", problem.GetProperty("title").GetString());
        Assert.Contains(key, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Without_a_token_the_api_refuses()
    {
        var response = await portal.Factory.CreateClient().GetAsync("/api/policies");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static JsonElement Flow(JsonElement profile, string key) =>
        profile.GetProperty("flows").EnumerateArray().Single(f => f.GetProperty("key").GetString() == key);

    private static JsonElement Step(JsonElement flow, string key) =>
        flow.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("key").GetString() == key);
}
