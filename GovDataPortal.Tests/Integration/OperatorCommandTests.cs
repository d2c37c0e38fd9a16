using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using GovDataPortal.Features.Tokens;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Integration;

/// <summary>The executable's operator commands, run as a real process the way an operator would.</summary>
public class OperatorCommandTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private async Task<(int Exit, string Out, string Err)> RunAsync(string environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["DOTNET_ENVIRONMENT"] = environment;
        // As deployed: the portal's connection string names the app role, migrate uses the owner's.
        start.Environment["ConnectionStrings__Portal"] = TestDatabase.AsApp(portal.ConnectionString);
        start.Environment["ConnectionStrings__PortalOwner"] = TestDatabase.AsOwner(portal.ConnectionString);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // seed-demo on the template writes the demo catalogue and then the sharing demo data through their flows: minutes under load.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task Token_create_prints_a_token_that_authenticates_as_the_user()
    {
        var (exit, output, error) = await RunAsync("Development", "token", "create", "--user", "liuyang", "--name", "数据交换接口");
        Assert.True(exit == 0, error);
        var secret = output.Trim().Split('\n').Last().Trim();
        Assert.StartsWith("gdp_", secret);

        using var client = portal.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var me = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("liuyang", await me.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Token_create_without_expiry_gives_the_default_lifetime_and_refuses_more_than_a_year()
    {
        var (exit, output, error) = await RunAsync("Development", "token", "create", "--user", "lina", "--name", "默认有效期");
        Assert.True(exit == 0, error);
        var secret = output.Trim().Split('\n').Last().Trim();
        await using (var db = await portal.DbAsync())
        {
            var token = await db.PersonalAccessTokens.SingleAsync(t => t.TokenHash == PersonalAccessToken.Hash(secret));
            // The process runs on the real clock: 90 days after it was issued, give or take the run.
            Assert.InRange(token.ExpiresAt!.Value - token.CreatedAt, TimeSpan.FromDays(90) - TimeSpan.FromMinutes(1),
                TimeSpan.FromDays(90) + TimeSpan.FromMinutes(1));
        }

        var tooLong = await RunAsync("Development", "token", "create", "--user", "lina", "--name", "超期", "--expires-days", "400");
        Assert.Equal(2, tooLong.Exit);
        Assert.Contains("访问令牌有效期最长为一年", tooLong.Err);

        var notANumber = await RunAsync("Development", "token", "create", "--user", "lina", "--name", "乱填", "--expires-days", "永久");
        Assert.Equal(2, notANumber.Exit);
        Assert.Contains("--expires-days 应为天数", notANumber.Err);
    }

    [Fact]
    public async Task Token_create_for_an_unknown_user_fails_with_a_Chinese_message()
    {
        var (exit, _, error) = await RunAsync("Development", "token", "create", "--user", "nobody", "--name", "x");
        Assert.Equal(2, exit);
        Assert.Contains("用户不存在", error);
    }

    [Fact]
    public async Task Seed_demo_is_refused_in_production_and_idempotent_elsewhere()
    {
        var production = await RunAsync("Production", "seed-demo");
        Assert.Equal(2, production.Exit);
        Assert.Contains("开发环境", production.Err);

        var again = await RunAsync("Development", "seed-demo"); // the template is already seeded
        Assert.True(again.Exit == 0, again.Err);
        Assert.Contains("演示数据已存在", again.Out);
        Assert.Contains("zhangwei", again.Out);
    }

    [Fact]
    public async Task Migrate_reports_an_up_to_date_database()
    {
        var (exit, output, error) = await RunAsync("Production", "migrate");
        Assert.True(exit == 0, error);
        Assert.Contains("数据库结构已是最新", output);
    }
}
