using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Sharing;
using GovDataPortal.Features.Sharing.Scenarios;
using GovDataPortal.Features.Tokens;
using GovDataPortal.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GovDataPortal.Bench;

/// <summary>
/// Issue 10's figures: share-request creation through the API (requests/s with 20 concurrent clients on loopback), the
/// p95 of recording a use under the same load, and the authority's overview with 50,000 open requests (target p95 ≤ 50 ms).
/// </summary>
public static class SharingBench
{
    private const int Clients = 20, RequestsPerClient = 50, UsesPerClient = 50;

    public static async Task RunAsync(IServiceProvider services, string cs)
    {
        var conditional = await PublishAsync(services, "基准共享目录（有条件）", ShareType.Conditional);
        var unconditional = await PublishAsync(services, "基准共享目录（无条件）", ShareType.Unconditional);
        await using var app = await StartAsync(cs);
        var baseUrl = app.Urls.First() + "/";
        var token = await TokenAsync(services, "zhangwei");
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        await Post(http, "api/share-requests", Draft(conditional)); // warm-up
        var watch = Stopwatch.StartNew();
        var created = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < RequestsPerClient; i++) await Post(http, "api/share-requests", Draft(conditional));
            return RequestsPerClient;
        })));
        watch.Stop();
        Console.WriteLine($"share requests through the API: {created.Sum() / watch.Elapsed.TotalSeconds:N0} per second " +
            $"({created.Sum():N0} conditional requests, each with its flow, by {Clients} concurrent clients in {watch.Elapsed.TotalSeconds:N1} s)");

        var grant = (await (await Post(http, "api/share-requests", Draft(unconditional))).Content.ReadFromJsonAsync<Submitted>())!.GrantId!.Value;
        var use = new { purpose = "窗口核验企业名称", userName = "基准使用人", approver = "基准审批人", itemNames = new[] { "企业名称" },
            operation = "View", method = "PlatformQueryVerify", medium = "接口" };
        await Post(http, $"api/grants/{grant}/usage", use);
        var times = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            var own = new List<double>(UsesPerClient);
            for (var i = 0; i < UsesPerClient; i++)
            {
                var one = Stopwatch.StartNew();
                await Post(http, $"api/grants/{grant}/usage", use);
                own.Add(one.Elapsed.TotalMilliseconds);
            }
            return own;
        })));
        var all = times.SelectMany(t => t).Order().ToList();
        Console.WriteLine($"usage recording through the API, {Clients} concurrent clients: p50 {all[all.Count / 2]:N1} ms, p95 {all[(int)(all.Count * 0.95)]:N1} ms ({all.Count:N0} uses)");

        await OverviewAsync(services, cs);
    }

    private sealed record Submitted(long Id, long? GrantId);

    private static object Draft(long entry) => new
    {
        catalogueEntryId = entry, itemNames = new[] { "企业名称" }, dutyBasis = "基准测试：履行市场监管协同职责",
        scenario = "基准测试：核验企业名称", methods = "PlatformQueryVerify", operations = "View", users = "基准测试岗位",
        endDate = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(6),
    };

    private static async Task<HttpResponseMessage> Post(HttpClient http, string path, object body)
    {
        var response = await http.PostAsJsonAsync(path, body);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    /// <summary>50,000 open requests with a running flow and an open task each (a tenth overdue), then the overview's first page.</summary>
    private static async Task OverviewAsync(IServiceProvider services, string cs)
    {
        const int open = 50_000, runs = 100;
        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"""
                INSERT INTO share_requests ("Kind","Status","RequesterDepartmentId","RequesterUserId","ProviderDepartmentId","ResourceName",
                    "ItemNames","DutyBasis","Scenario","Methods","Operations","Users","EndDate","CreatedAt")
                SELECT 'Conditional','InReview', d.a, 'bench', d.b, '基准总览申请' || g, ARRAY['企业名称'], '基准', '基准', 8, 1, '基准', '2027-06-30', now()
                FROM generate_series(1, {open}) g,
                     (SELECT (SELECT "Id" FROM departments WHERE "Name"='双牌县公安局') a, (SELECT "Id" FROM departments WHERE "Name"='双牌县市场监督管理局') b) d;
                INSERT INTO flow_instances ("FlowKey","FlowName","Jurisdiction","SubjectType","SubjectId","SubjectTitle","ProviderDepartmentId",
                    "RequesterDepartmentId","SubmittedByUserId","Status","CurrentStepKey","StartedAt")
                SELECT 'conditional-share','有条件共享申请','shuangpai','share-request', r."Id"::text, r."ResourceName", r."ProviderDepartmentId",
                    r."RequesterDepartmentId", 'bench', 'Running', 'opinion', now() - interval '5 days'
                FROM share_requests r WHERE r."RequesterUserId" = 'bench';
                ANALYZE share_requests; ANALYZE flow_instances; -- else the planner joins 50,000 × 50,000 rows in a loop
                UPDATE share_requests r SET "FlowInstanceId" = i."Id" FROM flow_instances i
                WHERE i."SubjectType" = 'share-request' AND i."SubjectId" = r."Id"::text AND r."RequesterUserId" = 'bench';
                INSERT INTO flow_tasks ("InstanceId","StepKey","StepName","AssigneeDepartmentId","AssigneeRole","Status","ReceivedAt","DeadlineDays",
                    "ExtensionDays","DueDate","DueAt","Provisional","RuleText","OnTimeout","Escalated")
                SELECT i."Id", 'opinion', '县政务服务中心会同提供部门提出意见', i."ProviderDepartmentId", 'DepartmentApprover', 'Open', i."StartedAt", 10, 0,
                    (now() + (CASE WHEN i."Id" % 10 = 0 THEN -2 ELSE 5 END) * interval '1 day')::date,
                    now() + (CASE WHEN i."Id" % 10 = 0 THEN -2 ELSE 5 END) * interval '1 day' + (i."Id" % 48) * interval '1 hour', false,
                    '依据《双牌县政务大数据管理办法》第二十四条第一款第（二）项：10个工作日', 'RemindOnly', false
                FROM flow_instances i WHERE i."SubjectType" = 'share-request' AND i."SubmittedByUserId" = 'bench';
                -- What the engine's due notice keeps on each request (rows inserted here bypass the engine).
                ANALYZE share_requests; ANALYZE flow_tasks;
                UPDATE share_requests r SET "CurrentDueAt" = t."DueAt" FROM flow_tasks t
                WHERE t."InstanceId" = r."FlowInstanceId" AND r."RequesterUserId" = 'bench';
                """, conn) { CommandTimeout = 600 };
            await cmd.ExecuteNonQueryAsync();
            // What autovacuum does to a table after 50,000 inserts (statistics, visibility map), at once rather than
            // whenever its daemon comes round; VACUUM runs outside a transaction, so in a command of its own.
            await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE share_requests, flow_instances, flow_tasks", conn) { CommandTimeout = 600 };
            await vacuum.ExecuteNonQueryAsync();
        }
        await using var scope = await Scope.AsAsync(services, "zhaomin");
        var overview = scope.ServiceProvider.GetRequiredService<ShareOverviewService>();
        for (var i = 0; i < 10; i++) await overview.PageAsync();
        var times = new List<double>(runs);
        int total = 0;
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            var page = await overview.PageAsync();
            times.Add(watch.Elapsed.TotalMilliseconds);
            total = page.Total;
        }
        times.Sort();
        Console.WriteLine($"authority overview, {total:N0} open requests (first page, overdue first): p50 {times[runs / 2]:N1} ms, p95 {times[(int)(runs * 0.95)]:N1} ms (target p95 ≤ 50 ms)");
    }

    private static async Task<long> PublishAsync(IServiceProvider services, string name, ShareType type)
    {
        await using var scope = services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var market = await db.Departments.Where(d => d.Name == "双牌县市场监督管理局").Select(d => d.Id).SingleAsync();
        var entry = CatalogueEntry.Create(market, new CatalogueContent
        {
            Name = name, Summary = "基准测试用的市场主体信息。", CatalogueType = CatalogueType.Department, ResourceClassId = 11,
            Format = ResourceFormat.Database, ShareType = type, ShareMethods = ShareMethods.PlatformQueryVerify, ShareOperations = ShareOperations.View,
            ShareConditions = type == ShareType.Conditional ? "仅限履行职责使用。" : null, ShareBasis = type == ShareType.Conditional ? "《企业信息公示暂行条例》" : null,
            OpenType = OpenType.NotOpen, UpdateCycle = UpdateCycle.Daily, SecurityLevel = SecurityLevel.Internal,
            Items = [new CatalogueItemContent { Name = "统一社会信用代码", DataType = ItemDataType.C, Length = 18 }, new CatalogueItemContent { Name = "企业名称", DataType = ItemDataType.C, Length = 100 }],
        }, "bench", DateTimeOffset.UtcNow);
        db.CatalogueEntries.Add(entry);
        await db.SaveChangesAsync();
        var code = $"101000000/{900000 + entry.Id % 90000:D6}";
        await db.Database.ExecuteSqlAsync($"""
            UPDATE catalogue_versions SET "Status" = 'Published', "PublishedAt" = now() WHERE "EntryId" = {entry.Id};
            UPDATE catalogue_entries SET "Status" = 'Published', "PublishedVersionNumber" = 1, "ResourceCode" = {code},
                "FirstPublishedAt" = now(), "LastPublishedAt" = now(), "EverSubmitted" = TRUE WHERE "Id" = {entry.Id};
            """);
        return entry.Id;
    }

    private static async Task<string> TokenAsync(IServiceProvider services, string userName)
    {
        var secret = PersonalAccessToken.NewSecret();
        await using var scope = services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        db.PersonalAccessTokens.Add(new PersonalAccessToken
        {
            Id = Guid.NewGuid(), UserId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(),
            Name = "基准测试令牌", TokenHash = PersonalAccessToken.Hash(secret), DisplayPrefix = secret[..12],
            CreatedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddDays(1),
        });
        await db.SaveChangesAsync();
        return secret;
    }

    /// <summary>The portal on a free loopback port against the bench database.</summary>
    private static async Task<WebApplication> StartAsync(string cs)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development", ApplicationName = typeof(PortalServices).Assembly.GetName().Name, ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls($"http://127.0.0.1:{CircuitMemory.FreePort()}");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = cs, ["Jobs:Enabled"] = "false", ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Services.AddPortal(builder.Configuration);
        var app = builder.Build();
        app.UsePortal();
        await app.StartAsync();
        return app;
    }
}

/// <summary>A service scope acting as a demo user.</summary>
internal static class Scope
{
    public static async Task<AsyncServiceScope> AsAsync(IServiceProvider services, string userName)
    {
        var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<PortalUser>>().CreateUserPrincipalAsync(user);
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Set(principal, "127.0.0.1");
        return scope;
    }
}
