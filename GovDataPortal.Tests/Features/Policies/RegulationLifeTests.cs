using System.Security.Claims;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.Extensions.Options;
using static GovDataPortal.Features.Policies.Jurisdiction;

namespace GovDataPortal.Tests.Features.Policies;

/// <summary>Each regulation's life as its text states it, and when the expiry banner is due (settable clock).</summary>
public class RegulationLifeTests
{
    public static TheoryData<Jurisdiction, string?, string, string, string, string> Facts => new()
    {
        { Changsha, "长政办发〔2021〕80号", "长沙市人民政府办公厅", "2022-02-01", "2027年1月31日（有效期5年）", "第四十一条" },
        { Shuangpai, "双政办发〔2022〕8号", "双牌县人民政府办公室", "2022-12-14", "2027年12月13日（有效期5年）", "第四十七条" },
        { Hubei, null, "湖北省政府", "2021-04-01", "未规定有效期", "第四十二条" },
        { Longyan, "龙政办〔2020〕91号", "龙岩市人民政府办公室", "2020-10-26", "未规定有效期", "第三十三条" },
        { Foshan, "佛府办〔2020〕4号", "佛山市人民政府办公室", "2020-03-10", "2023年3月9日（有效期3年）", "第四十九条" },
    };

    [Theory]
    [MemberData(nameof(Facts))]
    public void Each_profile_carries_its_regulations_number_issuer_effective_date_and_stated_term(Jurisdiction j, string? number,
        string issuer, string effective, string validity, string article)
    {
        var life = BuiltInProfiles.Get(j).Regulation;

        Assert.Equal(Regulations.Title(j), life.Title);
        Assert.Equal(number, life.DocumentNumber);
        Assert.Equal(issuer, life.IssuingBody);
        Assert.Equal(DateOnly.Parse(effective), life.EffectiveFrom);
        Assert.Equal(validity, life.ValidityText);
        Assert.Equal(article, life.Citation.Article);
    }

    [Fact]
    public void Where_the_effective_date_is_a_reading_of_the_text_the_profile_says_so()
    {
        Assert.Contains("自发布之日起施行", BuiltInProfiles.Get(Shuangpai).Regulation.Reading);
        Assert.Contains("本系统的解释", BuiltInProfiles.Get(Longyan).Regulation.Reading);
        Assert.Null(BuiltInProfiles.Get(Foshan).Regulation.Reading);
    }

    [Fact]
    public void Foshan_is_in_force_through_9_march_2023_and_expired_from_the_10th()
    {
        var foshan = BuiltInProfiles.Get(Foshan).Regulation;

        Assert.False(foshan.IsExpired(new(2023, 3, 9)));
        Assert.True(foshan.IsExpired(new(2023, 3, 10)));
        Assert.False(BuiltInProfiles.Get(Hubei).Regulation.IsExpired(new(2099, 1, 1)));
    }

    private static (RegulationLifeService Service, PolicyCatalog Catalog) Service(string jurisdiction, SettableClock clock,
        string role = PortalRoles.SystemAdmin)
    {
        var catalog = new PolicyCatalog(Options.Create(new PolicyProfileSet()), Options.Create(new PortalOptions { Jurisdiction = jurisdiction }));
        var actor = new CurrentActor();
        actor.Set(new ClaimsPrincipal(new ClaimsIdentity([new(ClaimTypes.Name, "x"), new(ClaimTypes.Role, role)], "test")), null);
        return (new RegulationLifeService(catalog, clock, actor), catalog);
    }

    [Fact]
    public void The_banner_is_due_from_the_first_beijing_day_after_the_term()
    {
        // 2023-03-09 23:30 Beijing is still the last day in force; 00:30 on the 10th (16:30 UTC the 9th) is not.
        var clock = new SettableClock(new DateTimeOffset(2023, 3, 9, 15, 30, 0, TimeSpan.Zero));
        var (life, _) = Service("foshan", clock);
        Assert.False(life.Current().Expired);
        Assert.False(life.ShowBanner());

        clock.Set(new DateTimeOffset(2023, 3, 9, 16, 30, 0, TimeSpan.Zero));

        Assert.True(life.Current().Expired);
        Assert.Equal("已过有效期", life.Current().Status);
        Assert.True(life.ShowBanner());
    }

    [Fact]
    public void A_confirmation_hides_the_banner_for_one_year_from_then()
    {
        var confirmedAt = new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
        var clock = new SettableClock(confirmedAt);
        var (life, catalog) = Service("foshan", clock);
        catalog.Apply(new Dictionary<Jurisdiction, PolicyProfile>(),
            new Dictionary<Jurisdiction, ContinuationConfirmation> { [Foshan] = new(confirmedAt, "吴刚") });

        clock.Set(confirmedAt.AddYears(1).AddMinutes(-1));
        Assert.False(life.ShowBanner());
        Assert.True(life.Current().Expired);

        clock.Set(confirmedAt.AddYears(1));
        Assert.True(life.ShowBanner());
    }

    [Theory]
    [InlineData(PortalRoles.SystemAdmin, true)]
    [InlineData(PortalRoles.AuthorityReviewer, true)]
    [InlineData(PortalRoles.DataSpecialist, false)]
    [InlineData(PortalRoles.Auditor, false)]
    public void Only_the_system_administrator_and_the_data_authority_are_asked(string role, bool asked)
    {
        var (life, _) = Service("foshan", new SettableClock(PortalFixture.Start), role);

        Assert.Equal(asked, life.ShowBanner());
    }

    [Fact]
    public void A_regulation_without_a_stated_term_or_within_it_never_shows_the_banner()
    {
        var clock = new SettableClock(PortalFixture.Start);

        Assert.False(Service("hubei", clock).Service.ShowBanner());
        Assert.False(Service("shuangpai", clock).Service.ShowBanner());
        clock.Set(new DateTimeOffset(2027, 12, 13, 16, 0, 0, TimeSpan.Zero)); // 2027-12-14 00:00 Beijing
        Assert.True(Service("shuangpai", clock).Service.ShowBanner());
    }
}
