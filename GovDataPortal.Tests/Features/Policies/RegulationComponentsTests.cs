using System.Security.Claims;
using Bunit;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GovDataPortal.Tests.Features.Policies;

/// <summary>The regulation-life card on 政策规则 and the layout's expiry banner, rendered by bUnit.</summary>
public class RegulationComponentsTests : PortalComponentTest
{
    private static readonly DateTimeOffset Now = PortalFixture.Start; // 2026-11-20: foshan expired, changsha in force

    private PolicyCatalog Arrange(string jurisdiction, string role)
    {
        var catalog = new PolicyCatalog(Options.Create(new PolicyProfileSet()), Options.Create(new PortalOptions { Jurisdiction = jurisdiction }));
        var actor = new CurrentActor();
        actor.Set(new ClaimsPrincipal(new ClaimsIdentity([new(ClaimTypes.Name, "x"), new(ClaimTypes.Role, role)], "test")), null);
        Services.AddSingleton(catalog);
        Services.AddSingleton(actor);
        Services.AddSingleton<TimeProvider>(new SettableClock(Now));
        Services.AddSingleton<RegulationLifeService>();
        return catalog;
    }

    [Fact]
    public void The_card_shows_number_issuer_effective_date_term_and_status()
    {
        Arrange("changsha", PortalRoles.DataSpecialist);

        var cut = Render<RegulationLifeCard>();

        Assert.Equal("《长沙市政务数据资源管理办法》", cut.Find("#regulation-life h2").TextContent.Trim());
        Assert.Equal("长政办发〔2021〕80号", cut.Find("#regulation-number").TextContent.Trim());
        Assert.Equal("长沙市人民政府办公厅", cut.Find("#regulation-issuer").TextContent.Trim());
        Assert.Equal("2022年2月1日", cut.Find("#regulation-effective").TextContent.Trim());
        Assert.Equal("2027年1月31日（有效期5年）", cut.Find("#regulation-valid-until").TextContent.Trim());
        Assert.Equal("有效", cut.Find("#regulation-status").TextContent.Trim());
        Assert.Contains("第四十一条", cut.Find("#regulation-citation").TextContent);
    }

    [Fact]
    public void The_card_says_when_the_text_sets_no_term_and_names_no_number()
    {
        Arrange("hubei", PortalRoles.DataSpecialist);

        var cut = Render<RegulationLifeCard>();

        Assert.Equal("未规定有效期", cut.Find("#regulation-valid-until").TextContent.Trim());
        Assert.Equal("原文未载明文号", cut.Find("#regulation-number").TextContent.Trim());
        Assert.Equal("有效", cut.Find("#regulation-status").TextContent.Trim());
    }

    [Fact]
    public void An_expired_regulation_is_marked_on_the_card_and_the_banner_asks_the_administrator_linking_to_the_rules()
    {
        Arrange("foshan", PortalRoles.SystemAdmin);

        var card = Render<RegulationLifeCard>();
        var banner = Render<RegulationExpiryBanner>();

        Assert.Equal("已过有效期", card.Find("#regulation-status").TextContent.Trim());
        Assert.Equal("expired", card.Find("#regulation-life").GetAttribute("data-status"));
        Assert.Contains(RegulationLifeService.BannerMessage, banner.Find("#regulation-banner").TextContent);
        Assert.Contains("有效期至2023年3月9日", banner.Find("#regulation-banner").TextContent);
        Assert.Equal("policies", banner.Find("#regulation-banner-link").GetAttribute("href"));
    }

    [Fact]
    public void The_data_authority_reviewer_sees_the_banner_too()
    {
        Arrange("foshan", PortalRoles.AuthorityReviewer);

        Assert.NotEmpty(Render<RegulationExpiryBanner>().FindAll("#regulation-banner"));
    }

    [Fact]
    public void Other_users_and_regulations_in_force_show_no_banner()
    {
        Arrange("foshan", PortalRoles.DepartmentApprover);
        Assert.Empty(Render<RegulationExpiryBanner>().FindAll("#regulation-banner"));
    }

    [Fact]
    public void A_confirmation_within_the_year_hides_the_banner_and_the_card_says_who_confirmed()
    {
        var catalog = Arrange("foshan", PortalRoles.SystemAdmin);
        catalog.Apply(new Dictionary<Jurisdiction, PolicyProfile>(),
            new Dictionary<Jurisdiction, ContinuationConfirmation> { [Jurisdiction.Foshan] = new(Now.AddMonths(-11), "吴刚") });

        Assert.Empty(Render<RegulationExpiryBanner>().FindAll("#regulation-banner"));
        Assert.Contains("已确认继续适用：吴刚", Render<RegulationLifeCard>().Find("#regulation-confirmed").TextContent);
    }
}
