using System.Net;
using System.Net.Sockets;
using GovDataPortal.Tests.Support;
using Microsoft.Playwright;

namespace GovDataPortal.Tests.Browser;

/// <summary>
/// The portal on real Kestrel (a free loopback port) over a copy of the demo database, and Debian's chromium driven by
/// Playwright. Never downloads a browser: PORTAL_CHROMIUM or /usr/bin/chromium.
/// </summary>
public class BrowserFixture : PortalFixture
{
    private static readonly string[] ChromiumFlags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private IPlaywright _playwright = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PORTAL_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumFlags,
        });
    }

    protected override void BeforeStart(PortalFactory factory)
    {
        var port = FreePort();
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        factory.StartServer();
        BaseUrl = $"http://127.0.0.1:{port}/";
    }

    public override async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>
    /// A fresh browser context (own cookies) with a page, Chinese locale, Beijing time zone, and the 1366×768 screen
    /// of a typical office computer, so that screenshots show what most users see.
    /// </summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new()
        {
            Locale = "zh-CN", TimezoneId = "Asia/Shanghai", BaseURL = BaseUrl, ViewportSize = new() { Width = 1366, Height = 768 },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task<IPage> SignedInPageAsync(string userName, string password = global::GovDataPortal.Features.Demo.DemoAccounts.Password)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, userName, password);
        await page.WaitForURLAsync(u => !u.Contains("/account/login"));
        await WaitForCircuitAsync(page);
        return page;
    }

    public static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("account/login");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#login-submit");
    }

    /// <summary>Interactive once the layout has rendered on the live circuit (MainLayout sets data-circuit).</summary>
    public static async Task WaitForCircuitAsync(IPage page)
    {
        await page.WaitForSelectorAsync("[data-circuit='on']", new() { State = Microsoft.Playwright.WaitForSelectorState.Attached });
    }

    /// <summary>With PORTAL_SCREENSHOTS=DIR set, saves a full-page PNG for people to look at; otherwise does nothing.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("PORTAL_SCREENSHOTS") is not { Length: > 0 } dir) return;
        Directory.CreateDirectory(dir);
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running')");
        await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
