using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Home;
using GovDataPortal.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GovDataPortal.Tests.Integration;

public class PolicyProfileConfigurationTests
{
    [Theory]
    [InlineData("changsha", Jurisdiction.Changsha)]
    [InlineData("HUBEI", Jurisdiction.Hubei)]
    [InlineData("longyan", Jurisdiction.Longyan)]
    [InlineData("foshan", Jurisdiction.Foshan)]
    public async Task Configured_jurisdiction_becomes_the_active_profile(string key, Jurisdiction expected)
    {
        await using var app = new PortalFactory(TestDatabase.For("postgres"), settings: new Dictionary<string, string?> { ["Portal:Jurisdiction"] = key });
        using var scope = app.Services.CreateScope();
        Assert.Equal(expected, scope.ServiceProvider.GetRequiredService<ShellService>().ActiveJurisdiction);
    }

    [Fact]
    public async Task Default_profile_is_shuangpai()
    {
        await using var app = new PortalFactory(TestDatabase.For("postgres"));
        Assert.Equal(Jurisdiction.Shuangpai, app.Services.GetRequiredService<IOptions<PortalOptions>>().Value.ActiveJurisdiction);
    }

    [Theory]
    [InlineData("beijing")]
    [InlineData("3")]
    [InlineData("")]
    public void An_unknown_jurisdiction_is_refused_with_a_Chinese_message(string key)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Portal:Jurisdiction"] = key }).Build();
        using var services = new ServiceCollection().AddPortalOptions(config).BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PortalOptions>>().Value);
        Assert.Contains("Portal:Jurisdiction", error.Message);
        Assert.Contains("shuangpai", error.Message);
    }

    [Fact]
    public void The_check_runs_at_start_up_not_at_first_use() =>
        Assert.Contains(new ServiceCollection().AddPortalOptions(new ConfigurationBuilder().Build()),
            d => d.ServiceType == typeof(IStartupValidator));
}
