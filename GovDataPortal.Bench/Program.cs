using System.Diagnostics;
using System.Security.Claims;
using GovDataPortal.Features.Calendar;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Inbox;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

// Prints the portal's figures: server memory per live circuit, deadline computations per second, the timer sweep over a
// large backlog, and inbox query latency. Figures are printed, not asserted. Usage: scripts/bench.sh
var server = args.Length > 0 ? args[0] : "Host=127.0.0.1;Port=55433;Username=postgres;Password=portal_test";
// A second argument picks one part: "catalogue" runs only the catalogue figures.
var only = args.Length > 1 ? args[1] : null;
var database = $"gdp_bench_{Environment.ProcessId}";
var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
await Sql(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["ConnectionStrings:Portal"] = connectionString, ["Jobs:Enabled"] = "false", ["Logging:LogLevel:Default"] = "Warning",
    // One role for the bench's throwaway database; never the development cluster's owner from appsettings.Development.json.
    ["ConnectionStrings:PortalOwner"] = connectionString,
});
builder.Services.AddPortal(builder.Configuration);
await using var app = builder.Build();
try
{
    await Database.MigrateAsync(app.Services);
    await using (var seed = app.Services.CreateAsyncScope())
        await seed.ServiceProvider.GetRequiredService<GovDataPortal.Features.Demo.DemoSeeder>().SeedAsync();

    // Catalogue Excel import/export (issue 9 §4): its own process, so the export's peak memory is its own.
    if (only == "catalogue-excel")
    {
        await GovDataPortal.Bench.CatalogueExcelBench.RunAsync(app.Services, connectionString);
        return;
    }
    if (only is null)
    {
        // First, on the demo data as it is: the bulk rows below would make every inbox page heavier.
        await GovDataPortal.Bench.CircuitMemory.MeasureAsync(connectionString);
        DeadlineThroughput(app.Services);
        await SweepBacklog(app.Services, connectionString);
        await InboxLatency(app.Services, connectionString);
    }
    // Share requests, usage recording and the authority's overview (issue 10).
    if (only is null or "sharing") await GovDataPortal.Bench.SharingBench.RunAsync(app.Services, connectionString);
    if (only is null or "catalogue") await GovDataPortal.Bench.CatalogueSearchBench.RunAsync(app.Services, connectionString);
}
finally
{
    NpgsqlConnection.ClearAllPools();
    // GDP_BENCH_KEEP=1 keeps the database for a look at plans afterwards (drop it by hand).
    if (Environment.GetEnvironmentVariable("GDP_BENCH_KEEP") == "1") Console.WriteLine($"kept database {database}");
    else await Sql(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
}

static void DeadlineThroughput(IServiceProvider services)
{
    var calendar = services.GetRequiredService<IWorkingDayCalendar>();
    calendar.AddWorkingDays(new DateOnly(2026, 1, 5), 10); // load the table once
    const int n = 2_000_000;
    var start = new DateOnly(2020, 1, 1);
    var watch = Stopwatch.StartNew();
    var sink = 0;
    for (var i = 0; i < n; i++) sink += calendar.AddWorkingDays(start.AddDays(i % 2400), 1 + i % 20).Due.Day;
    watch.Stop();
    Console.WriteLine($"deadline computations: {n / watch.Elapsed.TotalSeconds:N0} per second ({n:N0} in {watch.ElapsedMilliseconds} ms, checksum {sink})");
}

// 100,000 open tasks of 市场监督管理局's approvers, 10,000 of them with an overdue timer due now.
static async Task SweepBacklog(IServiceProvider services, string cs)
{
    await BulkTasks(cs, 100_000, dueTimers: 10_000);
    await using var scope = services.CreateAsyncScope();
    var engine = scope.ServiceProvider.GetRequiredService<WorkflowEngine>();
    var watch = Stopwatch.StartNew();
    var fired = await engine.SweepAsync("bench");
    watch.Stop();
    Console.WriteLine($"timer sweep: {fired:N0} due timers among 100,000 open tasks in {watch.Elapsed.TotalSeconds:N2} s (target ≤ 5 s)");
}

static async Task InboxLatency(IServiceProvider services, string cs)
{
    await Sql(cs, "UPDATE flow_tasks SET \"Status\" = 'Done' WHERE \"Id\" > (SELECT MIN(\"Id\") + 4999 FROM flow_tasks); ANALYZE flow_tasks;");
    await using var scope = services.CreateAsyncScope();
    var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
    var chenjing = await users.FindByNameAsync("chenjing");
    var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<PortalUser>>().CreateUserPrincipalAsync(chenjing!);
    scope.ServiceProvider.GetRequiredService<CurrentActor>().Set(principal, "127.0.0.1");
    var inbox = scope.ServiceProvider.GetRequiredService<InboxService>();
    for (var i = 0; i < 20; i++) await Inbox(inbox); // warm-up
    var times = new List<double>();
    for (var i = 0; i < 300; i++)
    {
        var watch = Stopwatch.StartNew();
        await Inbox(inbox);
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    Console.WriteLine($"inbox query (5,000 open tasks, first page of 50 with the total count): p50 {times[times.Count / 2]:N1} ms, p95 {times[(int)(times.Count * 0.95)]:N1} ms (target p95 ≤ 30 ms)");
}

static Task Inbox(InboxService inbox) => inbox.MyOpenTasksAsync(new InboxQuery(Take: 50));

static async Task BulkTasks(string cs, int tasks, int dueTimers)
{
    // Plain SQL: the figures are about the sweep and the query, not about how fast rows can be arranged.
    await Sql(cs, $"""
        INSERT INTO flow_instances ("FlowKey","FlowName","Jurisdiction","SubjectType","SubjectId","SubjectTitle","ProviderDepartmentId",
            "RequesterDepartmentId","SubmittedByUserId","Status","CurrentStepKey","StartedAt")
        SELECT 'data-check','数据疑义、错误校核','shuangpai','Bench', g::text, '基准事项' || g,
            (SELECT "Id" FROM departments WHERE "Name"='双牌县市场监督管理局'), (SELECT "Id" FROM departments WHERE "Name"='双牌县公安局'),
            (SELECT "Id" FROM "AspNetUsers" WHERE "UserName"='zhangwei'), 'Running', 'verify', now() - interval '10 days'
        FROM generate_series(1, {tasks}) g;
        INSERT INTO flow_tasks ("InstanceId","StepKey","StepName","AssigneeDepartmentId","AssigneeRole","Status","ReceivedAt","DeadlineDays",
            "ExtensionDays","DueDate","DueAt","Provisional","RuleText","OnTimeout","Escalated")
        SELECT i."Id", 'verify', '提供部门校核', i."ProviderDepartmentId", 'DepartmentApprover', 'Open', i."StartedAt", 5, 0,
            (now() - interval '2 days')::date, now() - interval '2 days', false, '依据《双牌县政务大数据管理办法》第二十七条：5个工作日', 'RemindOnly', false
        FROM flow_instances i WHERE i."SubjectType" = 'Bench';
        INSERT INTO flow_timers ("TaskId","Kind","DueAt")
        SELECT t."Id", 'Overdue', now() - interval '1 hour' FROM flow_tasks t ORDER BY t."Id" LIMIT {dueTimers};
        ANALYZE;
        """);
}

static async Task Sql(string cs, string sql)
{
    await using var conn = new NpgsqlConnection(cs);
    await conn.OpenAsync();
    await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 600 };
    await cmd.ExecuteNonQueryAsync();
}
