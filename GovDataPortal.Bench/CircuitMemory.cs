using System.Net;
using System.Net.Sockets;
using GovDataPortal.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GovDataPortal.Bench;

/// <summary>
/// Server memory per live circuit: the portal on Kestrel in this process, N browser sessions (one headless Debian
/// chromium, a context each) signed in and left on 我的待办, then the managed heap after a full, compacting collection,
/// against the same reading before the sessions opened, divided by N.
/// </summary>
public static class CircuitMemory
{
    private static readonly string[] ChromiumFlags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    public static async Task MeasureAsync(string connectionString, int sessions = 50)
    {
        var port = FreePort();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development",
            ApplicationName = typeof(PortalServices).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = connectionString, ["Jobs:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            // 51 sign-ins of one user from one address within a minute, on purpose: not what the login throttle is for.
            ["Security:LoginRateLimit:PerAddress"] = "1000", ["Security:LoginRateLimit:PerUserName"] = "1000",
        });
        builder.Services.AddPortal(builder.Configuration);
        await using var app = builder.Build();
        app.UsePortal();
        await app.StartAsync();

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PORTAL_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumFlags,
        });
        var baseUrl = $"http://127.0.0.1:{port}/";
        // One session first, so that everything loaded once per process (assemblies, caches, JIT) is not counted.
        var pages = new List<IPage> { await OpenInboxAsync(browser, baseUrl) };
        var before = HeapAfterFullCollection();
        for (var i = 1; i <= sessions; i++) pages.Add(await OpenInboxAsync(browser, baseUrl));
        await Task.Delay(2000); // let the last circuits settle
        var after = HeapAfterFullCollection();
        var perCircuit = (after - before) / (double)sessions;
        Console.WriteLine($"server memory per live circuit: {perCircuit / 1024:N0} KB managed heap " +
            $"({sessions} sessions signed in on 我的待办; heap {before / 1048576.0:N1} MB → {after / 1048576.0:N1} MB after full collections)");
        foreach (var page in pages) await page.Context.CloseAsync();
        await app.StopAsync();
    }

    private static long HeapAfterFullCollection()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task<IPage> OpenInboxAsync(IBrowser browser, string baseUrl)
    {
        var context = await browser.NewContextAsync(new() { Locale = "zh-CN", TimezoneId = "Asia/Shanghai", BaseURL = baseUrl });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("account/login?returnUrl=%2Finbox");
        await page.FillAsync("#username", "chenjing");
        await page.FillAsync("#password", GovDataPortal.Features.Demo.DemoAccounts.Password);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(u => u.Contains("/inbox"));
        await page.WaitForSelectorAsync("[data-circuit='on']", new() { State = WaitForSelectorState.Attached });
        return page;
    }

    internal static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
