using System.Net;
using System.Net.Http.Json;
using System.Text;
using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.OpenData;
using GovDataPortal.Features.Sharing;
using GovDataPortal.Features.Sharing.Grants;
using GovDataPortal.Features.Sharing.Requests;
using GovDataPortal.Features.Sharing.Scenarios;
using GovDataPortal.Infrastructure;
using GovDataPortal.Infrastructure.Excel;
using GovDataPortal.Tests.Features.OpenData;
using GovDataPortal.Tests.Features.Sharing;
using GovDataPortal.Tests.Features.Sharing.Grants;
using GovDataPortal.Tests.Features.Sharing.Requests;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace GovDataPortal.Tests.Integration;

/// <summary>
/// Shuangpai with one of everything issue 10 guards, arranged once: a published conditional entry of 市场监管局 (also
/// conditionally open), 公安局's share request in review (and a second one only its submitter withdraws), a grant
/// 公安局 ← 市场监管局 (and a second one the provider's approver acts on), an open-data request and an objection received by
/// 市场监管局, and a pending application scenario of 公安局.
/// </summary>
public sealed class AuthorisationMatrixFixture : ShareRequestFixture
{
    public long EntryId, RequestId, WithdrawableId, GrantId, ActedOnGrantId, OpenRequestId, ObjectionId, ScenarioId;
    public string ResourceName = "";

    /// <summary>Who holds the open step task of <see cref="RequestId"/> (the only users who may decide it).</summary>
    public IReadOnlyList<string> TaskHolders = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        EntryId = await EntryAsync();
        await using (var db = await DbAsync())
        {
            await db.Database.ExecuteSqlAsync($"""
                UPDATE catalogue_versions SET "OpenType" = 'Conditional' WHERE "EntryId" = {EntryId};
                UPDATE catalogue_entries SET "OpenType" = 'Conditional' WHERE "Id" = {EntryId};
                """);
            ResourceName = await db.CatalogueEntries.Where(e => e.Id == EntryId).Select(e => e.Name).SingleAsync();
        }
        RequestId = (await SubmitAsync(Draft(EntryId))).Id;
        WithdrawableId = (await SubmitAsync(Draft(EntryId, "住所"))).Id;
        GrantId = await GrantAsync();
        ActedOnGrantId = await GrantAsync();
        TaskHolders = await TaskHoldersAsync(RequestId);

        await using (var scope = await ScopeAsAsync("liuyang"))
        {
            var open = scope.Get<OpenDataService>();
            OpenRequestId = await open.SubmitRequestAsync(OpenRequest(this));
            ObjectionId = await open.SubmitObjectionAsync(OpenDataFixture.Objection(EntryId));
        }
        await using (var scope = await ScopeAsAsync("zhangwei"))
            ScenarioId = await scope.Get<ApplicationScenarioService>().RegisterAsync(new ScenarioDraft
            {
                Name = "治安案件涉案企业核验", Business = "治安案件办理中核验涉案企业登记信息", LegalBasis = "《中华人民共和国治安管理处罚法》",
                Entries = [new ScenarioEntryDraft(EntryId, ["统一社会信用代码", "企业名称"])],
            });
    }

    public static OpenRequestInput OpenRequest(AuthorisationMatrixFixture f) => OpenDataFixture.Organisation(f.EntryId) with
    {
        ItemNames = ["企业名称"], UseFrom = ChinaTime.Today(f.Clock).AddDays(1), UseUntil = ChinaTime.Today(f.Clock).AddMonths(6),
    };

    /// <summary>A grant of 公安局 on 市场监管局's entry, arranged directly as the share-request flow would leave it.</summary>
    private async Task<long> GrantAsync()
    {
        var now = Clock.GetUtcNow();
        await using var db = await DbAsync();
        var draft = Draft(EntryId) with { Kind = ShareRequestKind.Conditional, Operations = ShareOperations.View | ShareOperations.Compare };
        var request = ShareRequest.Create(draft, await this.DepartmentIdAsync(DemoAccounts.Police), await this.UserIdAsync("zhangwei"),
            await this.DepartmentIdAsync(DemoAccounts.Market), ResourceName, "101000000/000001", now);
        db.ShareRequests.Add(request);
        await db.SaveChangesAsync();
        var grant = ShareGrant.From(request, GrantBasis.Approved, ChinaTime.Today(Clock), now, "XY-2026-001");
        db.ShareGrants.Add(grant);
        await db.SaveChangesAsync();
        request.MarkGranted(grant.Id, now);
        await db.SaveChangesAsync();
        return grant.Id;
    }

    private async Task<IReadOnlyList<string>> TaskHoldersAsync(long requestId)
    {
        var tasks = await OpenTasksAsync(requestId);
        await using var db = await DbAsync();
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Name, d => d.Id);
        return [.. DemoAccounts.Named.Where(a => tasks.Any(t => t.AssigneeDepartmentId == departments[a.Department]
            && (t.AssigneeRole is null || t.AssigneeRole == a.Role))).Select(a => a.UserName)];
    }
}

/// <summary>
/// Issue 10's authorisation matrix: for every API endpoint, cookie export and guarded feature-service operation, the
/// users it is for are not refused (so the row can fail), and users of another department and of every wrong role are
/// refused. Every demo user outside a row's allowed set is tried; the table of all combinations is written to the output.
/// Reads that list rather than refuse (我的申请, the grant list, open-data lists, the exports of one's own rows) expect
/// "sees none of the other departments' rows".
/// </summary>
public sealed class SharingAuthorisationMatrixTests(AuthorisationMatrixFixture portal, ITestOutputHelper output)
    : IClassFixture<AuthorisationMatrixFixture>
{
    /// <summary>What a call came to. <see cref="SeesOwn"/>/<see cref="SeesNone"/>: a list that filters, with/without the arranged row.</summary>
    public enum Outcome { Allowed, Refused, Hidden, SeesOwn, SeesNone, Error }

    private sealed record Observed(Outcome Outcome, string Detail);

    private sealed record Row(string Operation, string User, Outcome Expected, Func<string, Task<Observed>> Run);

    private static readonly string[] Everyone = [.. DemoAccounts.Named.Select(a => a.UserName)];
    private static readonly string[] Police = ["zhangwei", "lina", "wangqiang"], Market = ["liuyang", "chenjing", "huangjun"];
    private static readonly string[] Specialists = [.. Of(PortalRoles.DataSpecialist)];
    private static readonly string[] Reviewers = [.. Of(PortalRoles.AuthorityReviewer)];
    private static string[] Of(string role) => [.. DemoAccounts.Named.Where(a => a.Role == role).Select(a => a.UserName)];

    /// <summary>
    /// One row per demo user: <paramref name="allowed"/> expect <paramref name="yes"/>,
    /// everyone else <paramref name="no"/>. <paramref name="runAllowed"/> acts on a fresh object where the call changes state.
    /// </summary>
    private static IEnumerable<Row> Rows(string operation, Func<string, Task<Observed>> run, IEnumerable<string> allowed,
        Outcome yes = Outcome.Allowed, Outcome no = Outcome.Refused, Func<string, Task<Observed>>? runAllowed = null)
    {
        var a = allowed.ToHashSet();
        return Everyone.Select(u => a.Contains(u) ? new Row(operation, u, yes, runAllowed ?? run)
            : new Row(operation, u, no, run));
    }

    /// <summary>Filtered lists: <paramref name="seeing"/> find the arranged row, everyone else sees none of it.</summary>
    private static IEnumerable<Row> Lists(string operation, Func<string, Task<Observed>> run, IEnumerable<string> seeing) =>
        Rows(operation, run, seeing, Outcome.SeesOwn, Outcome.SeesNone);

    // ---------------------------------------------------------------- API (token) ----------------------------------------

    [Fact]
    public async Task Api_refuses_other_departments_and_wrong_roles()
    {
        var p = portal;
        var rows = new List<Row>();
        rows.AddRange(Lists("GET /api/share-requests", u => Seen(u, "/api/share-requests", $"\"id\":{p.RequestId},"), Police));
        rows.AddRange(Rows("POST /api/share-requests (no entry: 400 when allowed)",
            u => Api(u, c => c.PostAsJsonAsync("/api/share-requests", p.Draft(0))), Specialists));
        rows.AddRange(Rows("GET /api/share-requests/{id}", u => Api(u, c => c.GetAsync($"/api/share-requests/{p.RequestId}")),
            [.. Police, .. Market, "zhaomin"]));
        rows.AddRange(Rows("POST /api/share-requests/{id}/decision (bad action: 400 when allowed)",
            u => Api(u, c => c.PostAsJsonAsync($"/api/share-requests/{p.RequestId}/decision", new { action = "bogus" })), p.TaskHolders));
        rows.AddRange(Rows("POST /api/share-requests/{id}/withdraw (submitter: on the second request, 409 once withdrawn)",
            u => Api(u, c => c.PostAsJsonAsync($"/api/share-requests/{p.RequestId}/withdraw", new { reason = "测试" })), ["zhangwei"],
            runAllowed: u => Api(u, c => c.PostAsJsonAsync($"/api/share-requests/{p.WithdrawableId}/withdraw", new { reason = "测试" }))));
        rows.AddRange(Rows("POST /api/share-requests/outside (no entry: 400 when allowed)",
            u => Api(u, c => c.PostAsJsonAsync("/api/share-requests/outside", new { kind = "Negotiation" })), Specialists));
        rows.AddRange(Lists("GET /api/grants", u => Seen(u, "/api/grants?pageSize=100", $"\"id\":{p.GrantId},"),
            [.. Police, .. Market, .. Reviewers]));
        rows.AddRange(Rows("GET /api/grants/{id}", u => Api(u, c => c.GetAsync($"/api/grants/{p.GrantId}")), [.. Police, .. Market, .. Reviewers]));
        rows.AddRange(Rows("GET /api/grants/{id}/usage", u => Api(u, c => c.GetAsync($"/api/grants/{p.GrantId}/usage")),
            [.. Police, .. Market, .. Reviewers]));
        rows.AddRange(Rows("POST /api/grants/{id}/usage", u => Api(u, c => c.PostAsJsonAsync($"/api/grants/{p.GrantId}/usage", GrantFixture.Use())),
            ["zhangwei", "lina"]));
        rows.AddRange(Rows("POST /api/grants/{id}/agreement",
            u => Api(u, c => c.PostAsJsonAsync($"/api/grants/{p.GrantId}/agreement", new RecordGrantAgreement("XY-2026-009"))), Reviewers));
        rows.AddRange(Rows("POST /api/open-requests", u => Api(u, c => c.PostAsJsonAsync("/api/open-requests", AuthorisationMatrixFixture.OpenRequest(p))),
            ["liuyang", "chenjing", "zhaomin"]));
        rows.AddRange(Rows("GET /api/open-requests/{id}", u => Api(u, c => c.GetAsync($"/api/open-requests/{p.OpenRequestId}")),
            [.. Market, "zhaomin"]));
        rows.AddRange(Rows("POST /api/objections", u => Api(u, c => c.PostAsJsonAsync("/api/objections", OpenDataFixture.Objection(p.EntryId))),
            ["liuyang", "chenjing", "zhaomin"]));
        await RunAsync("API", rows);
    }

    // ---------------------------------------------------------------- cookie exports ------------------------------------

    [Fact]
    public async Task Exports_refuse_other_departments_and_wrong_roles()
    {
        var p = portal;
        var rows = new List<Row>();
        rows.AddRange(Lists("GET /sharing/requests/export.xlsx", u => Xlsx(u, SharingExportEndpoints.RequestsLink(null), p.RequestId), Police));
        rows.AddRange(Rows("GET /sharing/grants/export.xlsx?scope=Region", u => Xlsx(u, SharingExportEndpoints.GrantsLink(GrantScope.Region), null),
            Reviewers));
        rows.AddRange(Lists("GET /sharing/scenarios/export.xlsx (pending scenario)",
            u => Xlsx(u, ScenarioExportEndpoints.ScenariosLink(new ScenarioFilter(null, null)), p.ScenarioId), [.. Police, "zhaomin"]));
        rows.AddRange(Rows("GET /sharing/overview/export.xlsx", u => Xlsx(u, ScenarioExportEndpoints.OverviewPath, null), Reviewers));
        await RunAsync("exports", rows);
    }

    // ---------------------------------------------------------------- feature services ----------------------------------

    [Fact]
    public async Task Services_refuse_other_departments_and_wrong_roles()
    {
        var p = portal;
        var (request, grant, acted, scenario) = (p.RequestId, p.GrantId, p.ActedOnGrantId, p.ScenarioId);
        string[] grantReaders = [.. Police, .. Market, .. Reviewers], receivers = ["liuyang", "chenjing", "zhaomin"];
        var rows = new List<Row>();

        rows.AddRange(Lists("ShareRequestService.MineAsync", u => ListAs<ShareRequestService>(u, async s => (await s.MineAsync()).Any(r => r.Id == request)),
            Police));
        rows.AddRange(Lists("ShareRequestService.ExportMineAsync",
            u => ListAs<ShareRequestService>(u, s => WorkbookListsAsync(o => s.ExportMineAsync(null, o), request)), Police));
        rows.AddRange(Rows("ShareRequestService.SubmitAsync (no entry)", u => As<ShareRequestService>(u, s => s.SubmitAsync(p.Draft(0))), Specialists));
        rows.AddRange(Rows("ShareRequestService.GetAsync", u => As<ShareRequestService>(u, s => s.GetAsync(request)), [.. Police, .. Market, "zhaomin"]));
        rows.AddRange(Rows("ShareRequestService.DecideAsync (bad action)",
            u => As<ShareRequestService>(u, s => s.DecideAsync(request, new ShareRequestDecisionInput("bogus", null))), p.TaskHolders));
        rows.AddRange(Rows("ShareRequestService.WithdrawAsync (submitter: on the second request, 409 once withdrawn)",
            u => As<ShareRequestService>(u, s => s.WithdrawAsync(request, null)), ["zhangwei"],
            runAllowed: u => As<ShareRequestService>(u, s => s.WithdrawAsync(p.WithdrawableId, null))));

        rows.AddRange(Rows("OutsideCatalogueService.RequestNegotiationAsync (no entry)",
            u => As<OutsideCatalogueService>(u, s => s.RequestNegotiationAsync(new ShareRequestDraft { Kind = ShareRequestKind.Negotiation })), Specialists));
        rows.AddRange(Rows("OutsideCatalogueService.RequestUncataloguedAsync (no flow in shuangpai)",
            u => As<OutsideCatalogueService>(u, s => s.RequestUncataloguedAsync(new ShareRequestDraft { Kind = ShareRequestKind.Uncatalogued })), Specialists));

        rows.AddRange(Lists("GrantService.ListAsync", u => ListAs<GrantService>(u, async s => (await s.ListAsync(new GrantQuery(PageSize: 100))).Items.Any(g => g.Id == grant)),
            grantReaders));
        rows.AddRange(Rows("GrantService.ListAsync (scope Region)", u => As<GrantService>(u, s => s.ListAsync(new GrantQuery(GrantScope.Region))), Reviewers));
        rows.AddRange(Rows("GrantService.GetAsync", u => As<GrantService>(u, s => s.GetAsync(grant)), grantReaders));
        rows.AddRange(Rows("GrantService.UsesAsync", u => As<GrantService>(u, s => s.UsesAsync(grant)), grantReaders));
        rows.AddRange(Rows("GrantService.RecordUseAsync", u => As<GrantService>(u, s => s.RecordUseAsync(grant, GrantFixture.Use())), ["zhangwei", "lina"]));
        rows.AddRange(Rows("GrantService.RecordAgreementAsync", u => As<GrantService>(u, s => s.RecordAgreementAsync(grant, "XY-2026-010")), Reviewers));
        rows.AddRange(Rows("GrantService.SuspendAsync (no reason: 400 when allowed)", u => As<GrantService>(u, s => s.SuspendAsync(acted, null)), ["chenjing"]));
        rows.AddRange(Rows("GrantService.ResumeAsync (active grant: 409 when allowed)", u => As<GrantService>(u, s => s.ResumeAsync(acted)), ["chenjing"]));
        rows.AddRange(Rows("GrantService.EndAsync (no reason: 400 when allowed)", u => As<GrantService>(u, s => s.EndAsync(acted, null)), ["chenjing"]));
        rows.AddRange(Lists("GrantExport.ExportAsync (scope Using)",
            u => ListAs<GrantExport>(u, s => WorkbookListsAsync(o => s.ExportAsync(GrantScope.Using, o), grant)), Police));
        rows.AddRange(Lists("GrantExport.ExportAsync (scope Providing)",
            u => ListAs<GrantExport>(u, s => WorkbookListsAsync(o => s.ExportAsync(GrantScope.Providing, o), grant)), Market));
        rows.AddRange(Rows("GrantExport.ExportAsync (scope Region)", u => As<GrantExport>(u, s => s.ExportAsync(GrantScope.Region, Stream.Null)), Reviewers));

        rows.AddRange(Rows("ApplicationScenarioService.RegisterAsync (empty draft)",
            u => As<ApplicationScenarioService>(u, s => s.RegisterAsync(new ScenarioDraft())), Specialists));
        rows.AddRange(Lists("ApplicationScenarioService.ListAsync (pending scenario)",
            u => ListAs<ApplicationScenarioService>(u, async s => (await s.ListAsync(new ScenarioFilter(null, null))).Any(r => r.Id == scenario)),
            [.. Police, "zhaomin"]));
        rows.AddRange(Rows("ApplicationScenarioService.GetAsync (pending)", u => As<ApplicationScenarioService>(u, s => s.GetAsync(scenario)),
            [.. Police, "zhaomin"]));
        rows.AddRange(Rows("ApplicationScenarioService.ApproveAsync (stale version: 409 when allowed)",
            u => As<ApplicationScenarioService>(u, s => s.ApproveAsync(scenario, 0, null)), ["zhaomin"]));
        rows.AddRange(Rows("ApplicationScenarioService.ReturnAsync (stale version)",
            u => As<ApplicationScenarioService>(u, s => s.ReturnAsync(scenario, 0, "理由")), ["zhaomin"]));
        rows.AddRange(Rows("ApplicationScenarioService.WithdrawAsync (stale version)",
            u => As<ApplicationScenarioService>(u, s => s.WithdrawAsync(scenario, 0)), ["zhangwei", "lina"]));

        rows.AddRange(Rows("ShareOverviewService.PageAsync", u => As<ShareOverviewService>(u, s => s.PageAsync()), Reviewers));
        rows.AddRange(Rows("ShareOverviewService.ExportAsync", u => As<ShareOverviewService>(u, s => s.ExportAsync(Stream.Null)), Reviewers));

        rows.AddRange(Rows("OpenDataService.SubmitRequestAsync", u => As<OpenDataService>(u, s => s.SubmitRequestAsync(AuthorisationMatrixFixture.OpenRequest(p))),
            receivers));
        rows.AddRange(Rows("OpenDataService.SubmitObjectionAsync", u => As<OpenDataService>(u, s => s.SubmitObjectionAsync(OpenDataFixture.Objection(p.EntryId))),
            receivers));
        rows.AddRange(Rows("OpenDataService.RecordCommitmentAsync (empty)",
            u => As<OpenDataService>(u, s => s.RecordCommitmentAsync(p.OpenRequestId, new CommitmentInput(null, null))), receivers));
        rows.AddRange(Rows("OpenDataService.RequestAsync", u => As<OpenDataService>(u, s => s.RequestAsync(p.OpenRequestId)), [.. Market, "zhaomin"]));
        rows.AddRange(Rows("OpenDataService.ObjectionAsync", u => As<OpenDataService>(u, s => s.ObjectionAsync(p.ObjectionId)), [.. Market, "zhaomin"]));
        rows.AddRange(Lists("OpenDataService.RequestsAsync", u => ListAs<OpenDataService>(u, async s => (await s.RequestsAsync()).Any(r => r.Id == p.OpenRequestId)),
            [.. Market, "zhaomin"]));
        rows.AddRange(Lists("OpenDataService.ObjectionsAsync", u => ListAs<OpenDataService>(u, async s => (await s.ObjectionsAsync()).Any(r => r.Id == p.ObjectionId)),
            [.. Market, "zhaomin"]));
        await RunAsync("services", rows);
    }

    // ---------------------------------------------------------------- helpers --------------------------------------------

    private readonly Dictionary<string, HttpClient> _clients = [];

    private async Task<HttpClient> ClientAsync(string user, bool cookie)
    {
        var key = (cookie ? "cookie:" : "token:") + user;
        if (!_clients.TryGetValue(key, out var client))
            _clients[key] = client = cookie ? await portal.CookieClientAsAsync(user) : await portal.ApiClientAsAsync(user);
        return client;
    }

    private async Task<Observed> Api(string user, Func<HttpClient, Task<HttpResponseMessage>> call)
    {
        using var response = await call(await ClientAsync(user, cookie: false));
        return Of(response);
    }

    private static Observed Of(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.Forbidden => new(Outcome.Refused, "403"),
        HttpStatusCode.NotFound => new(Outcome.Hidden, "404"),
        HttpStatusCode.Unauthorized or HttpStatusCode.Redirect or HttpStatusCode.InternalServerError => new(Outcome.Error, ((int)response.StatusCode).ToString()),
        _ => new(Outcome.Allowed, ((int)response.StatusCode).ToString()),
    };

    /// <summary>A list answering 200: whether <paramref name="marker"/> (the arranged row's JSON) is in it.</summary>
    private async Task<Observed> Seen(string user, string path, string marker)
    {
        using var response = await (await ClientAsync(user, cookie: false)).GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK) return Of(response) with { Outcome = Outcome.Error };
        var body = await response.Content.ReadAsStringAsync();
        return body.Contains(marker, StringComparison.Ordinal) ? new(Outcome.SeesOwn, "200, row listed") : new(Outcome.SeesNone, "200, row not listed");
    }

    /// <summary>An export: refused, or a workbook; with <paramref name="id"/>, whether a row's first cell is that id.</summary>
    private async Task<Observed> Xlsx(string user, string link, long? id)
    {
        using var response = await (await ClientAsync(user, cookie: true)).GetAsync("/" + link.TrimStart('/'));
        if (response.StatusCode != HttpStatusCode.OK) return Of(response);
        if (response.Content.Headers.ContentType?.MediaType != XlsxDownload.ContentType) return new(Outcome.Error, "200, not xlsx");
        if (id is null) return new(Outcome.Allowed, "200 xlsx");
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = XlsxReader.ReadRows(file);
        return Listed(rows, id.Value)
            ? new(Outcome.SeesOwn, $"200 xlsx, {rows.Count - 1} rows, row listed") : new(Outcome.SeesNone, $"200 xlsx, {rows.Count - 1} rows, row not listed");
    }

    /// <summary>Calls a service in a scope acting as <paramref name="user"/>; a null answer is a hidden record.</summary>
    private async Task<Observed> As<TService>(string user, Func<TService, Task> call) where TService : notnull
    {
        try
        {
            await using var scope = await portal.ScopeAsAsync(user);
            var task = call(scope.Get<TService>());
            await task;
            var result = task.GetType().IsGenericType ? task.GetType().GetProperty("Result")!.GetValue(task) : "done";
            return result is null ? new(Outcome.Hidden, "null") : new(Outcome.Allowed, "ok");
        }
        catch (AccessDeniedException) { return new(Outcome.Refused, "AccessDenied"); }
        catch (NotFoundException) { return new(Outcome.Hidden, "NotFound"); }
        catch (Exception e) when (e is DomainException or ConflictException or ValidationFailedException) { return new(Outcome.Allowed, "not refused: " + e.GetType().Name); }
        catch (Exception e) { return new(Outcome.Error, e.GetType().Name + ": " + e.Message); }
    }

    /// <summary>Whether an export written by <paramref name="export"/> has a row whose first cell is <paramref name="id"/>.</summary>
    private static async Task<bool> WorkbookListsAsync(Func<Stream, Task<long>> export, long id)
    {
        using var file = new MemoryStream();
        await export(file);
        file.Position = 0;
        return Listed(XlsxReader.ReadRows(file), id);
    }

    /// <summary>A sheet (head row first) has a row whose first cell, the record's number, is <paramref name="id"/>.</summary>
    private static bool Listed(IReadOnlyList<string[]> rows, long id) => rows.Skip(1).Any(r => r.Length > 0 && r[0] == id.ToString());

    private async Task<Observed> ListAs<TService>(string user, Func<TService, Task<bool>> listsRow) where TService : notnull
    {
        try
        {
            await using var scope = await portal.ScopeAsAsync(user);
            return await listsRow(scope.Get<TService>()) ? new(Outcome.SeesOwn, "row listed") : new(Outcome.SeesNone, "row not listed");
        }
        catch (Exception e) { return new(Outcome.Error, e.GetType().Name + ": " + e.Message); }
    }

    private static string Who(string user) => DemoAccounts.Named.Single(a => a.UserName == user) is var a
        ? $"{user} ({a.Department.Replace("双牌县", "").Replace("永州市", "市")}/{a.Role})" : user;

    /// <summary>Runs every row in order, writes the table, and fails with the table of mismatches.</summary>
    private async Task RunAsync(string surface, IReadOnlyList<Row> rows)
    {
        var table = new StringBuilder($"| {surface} operation | user | expected | observed | |\n|---|---|---|---|---|\n");
        var mismatches = new StringBuilder();
        foreach (var row in rows)
        {
            var seen = await row.Run(row.User);
            var ok = seen.Outcome == row.Expected;
            var line = $"| {row.Operation} | {Who(row.User)} | {row.Expected} | {seen.Outcome} ({seen.Detail}) | {(ok ? "ok" : "MISMATCH")} |\n";
            table.Append(line);
            if (!ok) mismatches.Append(line);
        }
        output.WriteLine($"{rows.Count} combinations tried on the {surface} surface:");
        output.WriteLine(table.ToString());
        Assert.True(mismatches.Length == 0, $"{surface}: rows not as expected:\n{mismatches}");
        Assert.Contains(rows, r => r.Expected is Outcome.Allowed or Outcome.SeesOwn);
    }
}
