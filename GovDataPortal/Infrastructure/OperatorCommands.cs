using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Tokens;

namespace GovDataPortal.Infrastructure;

/// <summary>
/// Commands an operator runs against the same configuration as the portal:
/// <c>migrate</c>, <c>seed-demo</c>, <c>token create --user NAME --name LABEL [--expires-days N]</c> (without
/// <c>--expires-days</c> the token lives <c>Tokens:DefaultLifetimeDays</c>, at most a year either way).
/// </summary>
public static class OperatorCommands
{
    private static readonly string[] Verbs = ["migrate", "seed-demo", "token"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        try
        {
            return args[0] switch
            {
                "migrate" => await Migrate(app),
                "seed-demo" => await SeedDemo(app),
                "token" when args.Length > 1 && args[1] == "create" => await CreateToken(app, args),
                _ => Usage(),
            };
        }
        catch (DomainException e)
        {
            await Console.Error.WriteLineAsync($"错误：{e.Message}");
            return 2;
        }
    }

    private static async Task<int> Migrate(WebApplication app)
    {
        var applied = await Database.MigrateAsync(app.Services);
        Console.WriteLine(applied.Count == 0 ? "数据库结构已是最新。" : $"已应用 {applied.Count} 个迁移：{string.Join(", ", applied)}");
        return 0;
    }

    private static async Task<int> SeedDemo(WebApplication app)
    {
        if (app.Environment.IsProduction())
        {
            await Console.Error.WriteLineAsync("错误：演示数据只能在开发环境中写入（当前为 Production）。");
            return 2;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
        Console.WriteLine(result.Created ? "演示数据已写入。"
            : result.AccountsAdded > 0 ? $"演示数据已存在，未重复写入；补充了 {result.AccountsAdded} 个新增的演示账户。"
            : "演示数据已存在，未重复写入。");
        var entries = await scope.ServiceProvider.GetRequiredService<CatalogueDemoSeeder>().SeedAsync();
        if (entries > 0) Console.WriteLine($"演示目录已写入：{entries} 个目录条目（已发布、审核中、草稿、已退回、已撤销等各种状态）。");
        var sharing = await scope.ServiceProvider.GetRequiredService<SharingDemoSeeder>().SeedAsync();
        if (sharing.ShareRequests > 0)
            Console.WriteLine($"演示共享与开放数据已写入：{sharing.ShareRequests} 个共享申请、{sharing.Grants} 项共享授权、{sharing.Uses} 条使用记录、"
                + $"{sharing.Scenarios} 个应用场景、{sharing.OpenRequests} 个开放申请、{sharing.Objections} 个数据异议。");
        Console.WriteLine(DemoAccounts.Describe());
        return 0;
    }

    private static async Task<int> CreateToken(WebApplication app, string[] args)
    {
        var user = Option(args, "--user");
        var name = Option(args, "--name");
        if (user is null || name is null) return Usage();
        int? days = null;
        if (Option(args, "--expires-days") is { } text)
        {
            if (!int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var d))
                throw new DomainException($"--expires-days 应为天数（1 到 {AccessTokenOptions.MaxLifetimeDays} 之间的整数），而不是“{text}”。");
            days = d;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var issued = await scope.ServiceProvider.GetRequiredService<AccessTokenService>().IssueForUserNameAsync(user, name, days);
        Console.WriteLine(issued.Secret);
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("用法：GovDataPortal migrate | seed-demo | token create --user 用户名 --name 令牌名称 [--expires-days 天数（不填则按默认有效期，最长一年）]");
        return 64;
    }
}
