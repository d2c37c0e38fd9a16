using System.Net;
using System.Text.Json.Nodes;
using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.Policies;

/// <summary>
/// Issue 8 item 6 on PostgreSQL: a 系统管理员 downloads the rules as JSON, uploads an edited version (validated in
/// Chinese, nothing stored on error), activates it for the deployment's jurisdiction (双牌县) and goes back; every
/// stored version stays resolvable for the flows started under it.
/// </summary>
public class CustomProfilesTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private PolicyCatalog Catalog => portal.Services.GetRequiredService<PolicyCatalog>();

    private static string Shuangpai => BuiltInProfiles.Get(Jurisdiction.Shuangpai).Version;

    /// <summary>The built-in shuangpai JSON with the data check's 5 days set to <paramref name="days"/>.</summary>
    private string EditedJson(int days, Action<JsonNode>? more = null)
    {
        var node = JsonNode.Parse(PolicyProfileJson.Serialize(Catalog.BuiltIn(Jurisdiction.Shuangpai)))!;
        var check = node["flows"]!.AsArray().Single(f => (string?)f!["key"] == FlowKeys.DataCheck)!;
        check["steps"]![0]!["days"] = days;
        more?.Invoke(node);
        return node.ToJsonString();
    }

    private async Task<(int Versions, int Audit)> CountsAsync()
    {
        await using var db = await portal.DbAsync();
        return (await db.Set<PolicyProfileVersion>().CountAsync(), await db.AuditRecords.CountAsync());
    }

    [Fact]
    public async Task Built_in_versions_are_stored_at_start_up()
    {
        await using var db = await portal.DbAsync();

        var stored = await db.Set<PolicyProfileVersion>().Where(v => v.BuiltIn).Select(v => v.Version).ToListAsync();

        Assert.Equal(BuiltInProfiles.All.Select(p => p.Version).Order(), stored.Order());
    }

    [Fact]
    public async Task Upload_validate_store_activate_then_the_catalog_runs_the_custom_version_and_restore_goes_back()
    {
        await using var scope = await portal.ScopeAsAsync("admin");
        var admin = scope.Get<PolicyProfileAdminService>();

        var row = await admin.UploadAsync("双牌县规则（修订）.json", EditedJson(4));

        Assert.Matches("^custom:shuangpai:[0-9a-f]{12}$", row.Version);
        Assert.Equal("双牌县规则（修订）", row.Name);
        Assert.Equal(Shuangpai, row.BasedOn);
        Assert.Equal("吴刚", row.CreatedBy);
        Assert.Equal(5, Catalog.ActiveFlow(FlowKeys.DataCheck)!.Steps[0].Days); // stored, not yet in force

        await admin.ActivateAsync(row.Version);

        Assert.Equal(row.Version, Catalog.Active.Version);
        Assert.True(Catalog.IsCustom(Jurisdiction.Shuangpai));
        Assert.Equal(4, Catalog.ActiveFlow(FlowKeys.DataCheck)!.Steps[0].Days);
        // A flow started under the built-in keeps its rules.
        Assert.Equal(5, Catalog.Version(Shuangpai)!.Flow(FlowKeys.DataCheck)!.Steps[0].Days);
        var listed = await admin.VersionsAsync();
        Assert.True(listed.Single(v => v.Version == row.Version).Active);

        await admin.ActivateAsync(null);

        Assert.Equal(Shuangpai, Catalog.Active.Version);
        Assert.Equal(4, Catalog.Version(row.Version)!.Flow(FlowKeys.DataCheck)!.Steps[0].Days);
        await using var db = await portal.DbAsync();
        var audit = await db.AuditRecords.Where(a => a.EntityType == "PolicyProfileVersion" || a.EntityType == "PolicyProfileSetting")
            .OrderBy(a => a.Id).Select(a => new { a.EntityType, a.Action, a.UserName }).ToListAsync();
        Assert.Contains(audit, a => a.EntityType == "PolicyProfileVersion" && a.Action == AuditActions.Create && a.UserName == "admin");
        Assert.Equal(2, audit.Count(a => a.EntityType == "PolicyProfileSetting" && a.UserName == "admin"));
    }

    [Fact]
    public async Task Another_node_resolves_a_stored_version_it_has_never_seen()
    {
        await using var scope = await portal.ScopeAsAsync("admin");
        var row = await scope.Get<PolicyProfileAdminService>().UploadAsync("旧版.json", EditedJson(3));
        var otherNode = ActivatorUtilities.CreateInstance<PolicyCatalog>(portal.Services);

        var resolved = otherNode.Version(row.Version);

        Assert.NotNull(resolved);
        Assert.Equal(3, resolved.Flow(FlowKeys.DataCheck)!.Steps[0].Days);
        Assert.Null(otherNode.Version("custom:shuangpai:000000000000"));
    }

    [Fact]
    public async Task Broken_json_is_refused_in_chinese_and_nothing_is_stored()
    {
        var before = await CountsAsync();
        await using var scope = await portal.ScopeAsAsync("admin");

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            scope.Get<PolicyProfileAdminService>().UploadAsync("坏.json", "{ \"jurisdiction\": \"shuangpai\", "));

        Assert.StartsWith("JSON 格式或内容有误", Assert.Single(e.Errors.ByField[PolicyProfileAdminService.FileField]));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task An_invalid_profile_is_refused_with_every_reason_in_chinese_and_nothing_is_stored()
    {
        var before = await CountsAsync();
        await using var scope = await portal.ScopeAsAsync("admin");
        var json = EditedJson(400, node =>
        {
            node["jurisdiction"] = "hubei";
            node["duties"]!["separationOfDuties"]![0]!["reference"] = false;
        });

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            scope.Get<PolicyProfileAdminService>().UploadAsync("错.json", json));

        var errors = e.Errors.ByField[PolicyProfileAdminService.FileField];
        Assert.Contains(errors, m => m.StartsWith("jurisdiction 应为所依据版本的地区“shuangpai”"));
        Assert.Contains(errors, m => m.Contains("期限应为1至366个工作日"));
        Assert.Contains(errors, m => m.Contains("须标为参照"));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task An_upload_without_its_origin_version_or_equal_to_an_existing_version_is_refused()
    {
        await using var scope = await portal.ScopeAsAsync("admin");
        var admin = scope.Get<PolicyProfileAdminService>();
        var before = await CountsAsync();

        var noOrigin = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            admin.UploadAsync("x.json", EditedJson(2, n => n["version"] = "")));
        var unchanged = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            admin.UploadAsync("x.json", PolicyProfileJson.Serialize(Catalog.BuiltIn(Jurisdiction.Shuangpai))));

        Assert.Contains("version 字段应保留下载时的值", noOrigin.Message);
        Assert.Contains($"与已有版本“{Shuangpai}”内容相同", unchanged.Message);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Only_the_system_administrator_may_upload_or_activate()
    {
        await using var scope = await portal.ScopeAsAsync("zhaomin");
        var admin = scope.Get<PolicyProfileAdminService>();

        await Assert.ThrowsAsync<AccessDeniedException>(() => admin.UploadAsync("x.json", EditedJson(2)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => admin.ActivateAsync(null));
        await Assert.ThrowsAsync<AccessDeniedException>(() => admin.ConfirmContinuationAsync());
    }

    [Fact]
    public async Task A_regulation_in_force_needs_no_confirmation()
    {
        await using var scope = await portal.ScopeAsAsync("admin");

        var e = await Assert.ThrowsAsync<DomainException>(() => scope.Get<PolicyProfileAdminService>().ConfirmContinuationAsync());

        Assert.Equal("当前执行的办法尚在有效期内，无需确认继续适用。", e.Message);
    }

    [Fact]
    public async Task The_json_downloads_for_the_administrator_only_by_api_and_by_page_link()
    {
        var api = await portal.ApiClientAsAsync("admin");
        var json = await api.GetStringAsync("/api/policies/hubei/json");
        Assert.True(PolicyProfileJson.SameContent(BuiltInProfiles.Get(Jurisdiction.Hubei), PolicyProfileJson.Deserialize(json)));

        var user = await portal.ApiClientAsAsync("zhangwei");
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/api/policies/hubei/json")).StatusCode);

        var page = await portal.CookieClientAsAsync("admin");
        var response = await page.GetAsync($"{PolicyEndpoints.DownloadPath}?version={Uri.EscapeDataString(Shuangpai)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Shuangpai, PolicyProfileJson.Deserialize(await response.Content.ReadAsStringAsync()).Version);
        Assert.Contains(".json", response.Content.Headers.ContentDisposition!.ToString());
    }
}

/// <summary>A 佛山市 deployment on 2026-11-20: its regulation's 3-year term ended on 2023-03-09.</summary>
public class FoshanPortalFixture : PortalFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Portal:Jurisdiction"] = "foshan" };
}

public class RegulationConfirmationTests(FoshanPortalFixture portal) : IClassFixture<FoshanPortalFixture>
{
    [Fact]
    public async Task The_administrator_confirms_the_expired_regulation_still_applies_audited_and_the_banner_rests_a_year()
    {
        await using var scope = await portal.ScopeAsAsync("admin");
        var life = scope.Get<RegulationLifeService>();
        Assert.True(life.ShowBanner());

        await scope.Get<PolicyProfileAdminService>().ConfirmContinuationAsync();

        Assert.False(life.ShowBanner());
        var confirmation = portal.Services.GetRequiredService<PolicyCatalog>().Confirmation(Jurisdiction.Foshan);
        Assert.Equal(portal.Clock.GetUtcNow(), confirmation!.At);
        Assert.Equal("吴刚", confirmation.By);
        await using var db = await portal.DbAsync();
        Assert.True(await db.AuditRecords.AnyAsync(a => a.EntityType == "PolicyProfileSetting" && a.UserName == "admin"));
        var stored = await db.Set<PolicyProfileSetting>().SingleAsync(s => s.Jurisdiction == "foshan");
        Assert.Equal(portal.Clock.GetUtcNow(), stored.ContinuationConfirmedAt);

        portal.Clock.Advance(TimeSpan.FromDays(366));
        try
        {
            Assert.True(life.ShowBanner());
        }
        finally
        {
            portal.Clock.Set(PortalFixture.Start);
        }
    }
}
