using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GovDataPortal.Tests.Support;
using Microsoft.Playwright;

namespace GovDataPortal.Tests.Browser;

/// <summary>
/// Production runs from <c>dotnet publish</c> output: published into a temporary folder, started as its own process in
/// the Production environment over a copy of the demo database, it serves the framework's blazor.web.js and a click
/// round-trips through the circuit.
/// </summary>
[Collection("browser")]
public class PublishedAppTests(BrowserFixture web) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private readonly string _publishDir = Path.Combine(Path.GetTempPath(), "gdp-publish-" + Guid.NewGuid().ToString("N")[..8]);
    private Process? _app;
    private string _baseUrl = "";
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _log = new();

    public async Task InitializeAsync()
    {
        var project = Path.Combine(RepositoryRoot(), "GovDataPortal", "GovDataPortal.csproj");
        var (exit, output) = await RunAsync("dotnet", ["publish", project, "-c", "Release", "-o", _publishDir, "--nologo", "-v", "quiet"],
            TimeSpan.FromMinutes(5));
        Assert.True(exit == 0, "dotnet publish failed:\n" + output);

        var port = FreePort();
        _baseUrl = $"http://127.0.0.1:{port}/";
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _publishDir, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(_publishDir, "GovDataPortal.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = _baseUrl;
        start.Environment["ConnectionStrings__Portal"] = TestDatabase.AsApp(web.ConnectionString);
        start.Environment["Jobs__Enabled"] = "false";
        // Plain http on loopback, no TLS proxy in front: Production otherwise insists on HTTPS (Secure-only cookies).
        start.Environment["Security__RequireHttps"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        _app = Process.Start(start)!;
        _app.OutputDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue(e.Data); };
        _app.ErrorDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue(e.Data); };
        _app.BeginOutputReadLine();
        _app.BeginErrorReadLine();
        await WaitForHealthAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is { HasExited: false })
        {
            _app.Kill(entireProcessTree: true);
            await _app.WaitForExitAsync();
        }
        _app?.Dispose();
        try { Directory.Delete(_publishDir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task The_published_app_serves_blazor_web_js_and_a_click_round_trips_in_Production()
    {
        using (var http = new HttpClient { BaseAddress = new Uri(_baseUrl) })
        {
            var script = await http.GetAsync("_framework/blazor.web.js");
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            Assert.Contains("components-reconnect-state-changed", await script.Content.ReadAsStringAsync());
        }

        var context = await web.Browser.NewContextAsync(new() { Locale = "zh-CN", TimezoneId = "Asia/Shanghai", BaseURL = _baseUrl });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "zhangwei", global::GovDataPortal.Features.Demo.DemoAccounts.Password);
        await page.WaitForURLAsync(u => !u.Contains("/account/login"));
        await BrowserFixture.WaitForCircuitAsync(page);

        var drawer = page.Locator(".gdp-drawer");
        await page.ClickAsync(".gdp-menu-toggle");
        await Assertions.Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--closed"));
        await BrowserFixture.ScreenshotAsync(page, "published-production");
        await context.DisposeAsync();
    }

    private async Task WaitForHealthAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_baseUrl), Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            if (_app!.HasExited) Assert.Fail($"the published app exited with code {_app.ExitCode}:\n{string.Join("\n", _log)}");
            try
            {
                if ((await http.GetAsync("healthz")).IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(250);
        }
        Assert.Fail("the published app did not answer /healthz within 60 s");
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GovDataPortal.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("GovDataPortal.sln not found above the test output");
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, string[] args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await output + await error);
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
