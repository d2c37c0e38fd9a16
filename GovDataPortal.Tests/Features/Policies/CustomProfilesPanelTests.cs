using System.Text.Json.Nodes;
using Bunit;
using GovDataPortal.Features.Policies;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Support;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.Policies;

/// <summary>The 系统管理员's custom-rules panel on 政策规则, rendered by bUnit over the real service and database.</summary>
public class CustomProfilesPanelTests(PortalFixture portal) : PortalComponentTest, IClassFixture<PortalFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private PolicyCatalog Catalog => portal.Services.GetRequiredService<PolicyCatalog>();

    private async Task<(IRenderedComponent<CustomProfilesPanel> Panel, AsyncServiceScope Scope)> RenderAsAdminAsync()
    {
        var scope = await portal.ScopeAsAsync("admin");
        Services.AddSingleton(scope.Get<PolicyProfileAdminService>());
        Services.AddSingleton(Catalog);
        RenderPopoverProvider();
        return (Render<CustomProfilesPanel>(), scope);
    }

    private async Task<int> StoredAsync()
    {
        await using var db = await portal.DbAsync();
        return await db.Set<PolicyProfileVersion>().CountAsync();
    }

    [Fact]
    public async Task An_invalid_upload_lists_its_errors_in_chinese_and_stores_nothing()
    {
        var (cut, scope) = await RenderAsAdminAsync();
        await using var _ = scope;
        var before = await StoredAsync();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("{ \"jurisdiction\": ", "坏.json"));

        cut.WaitForAssertion(() => Assert.Contains("上传的规则未保存", cut.Find("#custom-profiles-errors").TextContent), Wait);
        Assert.Contains("JSON 格式或内容有误", cut.Find("#custom-profiles-errors").TextContent);
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task A_valid_upload_is_listed_and_can_be_activated_then_the_built_in_restored()
    {
        var (cut, scope) = await RenderAsAdminAsync();
        await using var _ = scope;
        Assert.Contains("内置规则", cut.Find("#custom-profiles-active").TextContent);
        Assert.Contains("policies/json?version=", cut.Find("#custom-profiles-download").GetAttribute("href"));
        var node = JsonNode.Parse(PolicyProfileJson.Serialize(Catalog.BuiltIn(Jurisdiction.Shuangpai)))!;
        node["flows"]!.AsArray().Single(f => (string?)f!["key"] == FlowKeys.DataCheck)!["steps"]![0]!["days"] = 6;

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(node.ToJsonString(), "修订.json"));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#custom-profiles-versions tr[data-version^='custom:'] .custom-profiles-activate")), Wait);
        Assert.Empty(cut.FindAll("#custom-profiles-errors"));
        cut.Find("#custom-profiles-versions tr[data-version^='custom:'] .custom-profiles-activate").Click();
        cut.WaitForAssertion(() => Assert.Contains("自定义规则", cut.Find("#custom-profiles-active").TextContent), Wait);
        Assert.Equal(6, Catalog.ActiveFlow(FlowKeys.DataCheck)!.Steps[0].Days);

        cut.Find("#custom-profiles-restore").Click();

        cut.WaitForAssertion(() => Assert.Contains("内置规则", cut.Find("#custom-profiles-active").TextContent), Wait);
        Assert.Equal(5, Catalog.ActiveFlow(FlowKeys.DataCheck)!.Steps[0].Days);
    }
}
