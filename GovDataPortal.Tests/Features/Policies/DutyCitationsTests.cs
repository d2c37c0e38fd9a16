using GovDataPortal.Features.Policies;
using static GovDataPortal.Features.Policies.Jurisdiction;

namespace GovDataPortal.Tests.Features.Policies;

/// <summary>Issue 8 item 8: portal-wide duties cite the active regulation's own article, or say 参照 another's.</summary>
public class DutyCitationsTests
{
    private const string LongyanAdministrators = "参照《龙岩市政务数据管理办法（试行）》（龙政办〔2020〕91号）第五条、第二十六条";
    private const string LongyanLogs = "参照《龙岩市政务数据管理办法（试行）》（龙政办〔2020〕91号）第二十四条";
    private const string FoshanSeparation = "参照《佛山市政务数据资源管理办法（试行）》（佛府办〔2020〕4号）第四十二条";

    public static TheoryData<Jurisdiction, string, string, string> Expected => new()
    {
        { Changsha, LongyanAdministrators, LongyanLogs, FoshanSeparation },
        { Shuangpai, "依据《双牌县政务大数据管理办法》（双政办发〔2022〕8号）第七条", LongyanLogs, FoshanSeparation },
        { Hubei, "依据《湖北省政务数据资源应用与管理办法》第十四条",
            "依据《湖北省政务数据资源应用与管理办法》第三十二条；" + LongyanLogs, FoshanSeparation },
        { Longyan, "依据《龙岩市政务数据管理办法（试行）》（龙政办〔2020〕91号）第五条、第二十六条",
            "依据《龙岩市政务数据管理办法（试行）》（龙政办〔2020〕91号）第二十四条", FoshanSeparation },
        { Foshan, LongyanAdministrators, "依据《佛山市政务数据资源管理办法（试行）》（佛府办〔2020〕4号）第四十四条；" + LongyanLogs,
            "依据《佛山市政务数据资源管理办法（试行）》（佛府办〔2020〕4号）第四十二条" },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Each_duty_cites_the_own_article_or_says_which_regulation_it_follows(Jurisdiction j, string administrators,
        string logs, string separation)
    {
        var duties = BuiltInProfiles.Get(j).Duties;

        Assert.Equal(administrators, duties.DataAdministratorsText);
        Assert.Equal(logs, duties.LogRetentionText);
        Assert.Equal(separation, duties.SeparationOfDutiesText);
    }

    [Theory]
    [InlineData(Changsha)]
    [InlineData(Shuangpai)]
    [InlineData(Hubei)]
    [InlineData(Longyan)]
    [InlineData(Foshan)]
    public void A_citation_of_another_regulation_is_always_marked_as_reference(Jurisdiction j)
    {
        var duties = BuiltInProfiles.Get(j).Duties;
        var all = duties.DataAdministrators.Concat(duties.LogRetention).Concat(duties.SeparationOfDuties).ToList();

        Assert.All(all, c => Assert.Equal(c.Jurisdiction != j, c.Reference));
        Assert.All(all, c => Assert.StartsWith(c.Reference ? "参照《" : "依据《", c.ToString()));
    }

    [Fact]
    public void The_catalog_gives_the_active_profiles_duties()
    {
        var catalog = new PolicyCatalog(Microsoft.Extensions.Options.Options.Create(new PolicyProfileSet()),
            Microsoft.Extensions.Options.Options.Create(new PortalOptions { Jurisdiction = "hubei" }));

        Assert.Equal("依据《湖北省政务数据资源应用与管理办法》第十四条", catalog.Active.Duties.DataAdministratorsText);
    }
}
