using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GovDataPortal.Tests.Support;

/// <summary>
/// The real portal, hosted in-process against one test database. No job server runs unless a test turns it on. It
/// connects as the app role (least privilege, as in production); <c>migrate</c> runs as the owner role.
/// </summary>
public class PortalFactory(string connectionString, TimeProvider? clock = null, IDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public string ConnectionString { get; } = connectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // The app role must exist before the host connects (a test may start a host before any template is made).
        TestDatabase.EnsureRolesAsync().GetAwaiter().GetResult();
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = TestDatabase.AsApp(ConnectionString),
            ["ConnectionStrings:PortalOwner"] = TestDatabase.AsOwner(ConnectionString),
            ["Jobs:Enabled"] = "false",
            ["Database:MigrateOnStartup"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) values[k] = v;
        // UseSetting, not ConfigureAppConfiguration: Program reads configuration while registering services, before
        // late configuration sources are added.
        foreach (var (k, v) in values) builder.UseSetting(k, v);
        if (clock is not null)
            builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton(clock)));
        if (services is not null) builder.ConfigureServices(services);
    }
}
