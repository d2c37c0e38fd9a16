using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Home;
using GovDataPortal.Tests.Support;
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
    public async Task An_unknown_jurisdiction_stops_start_up_with_a_Chinese_message(string key)
    {
        await using var app = new PortalFactory(TestDatabase.For("postgres"), settings: new Dictionary<string, string?> { ["Portal:Jurisdiction"] = key });
        var error = Assert.ThrowsAny<OptionsValidationException>(() => app.Services);
        Assert.Contains("Portal:Jurisdiction", error.Message);
        Assert.Contains("shuangpai", error.Message);
    }
}
