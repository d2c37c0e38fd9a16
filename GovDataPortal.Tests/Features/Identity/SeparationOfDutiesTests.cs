using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Policies;

namespace GovDataPortal.Tests.Features.Identity;

/// <summary>The pure rule of 佛山 佛府办〔2020〕4号 第四十二条, without a database.</summary>
public class SeparationOfDutiesTests
{
    // A 双牌县 portal: its regulation has no such article, so refusals cite foshan's as 参照.
    private static readonly string Cited = SeparationOfDuties.Citation(BuiltInProfiles.Get(Jurisdiction.Shuangpai));

    private const string DS = PortalRoles.DataSpecialist, DA = PortalRoles.DepartmentApprover, AR = PortalRoles.AuthorityReviewer,
        LD = PortalRoles.Leadership, SYS = PortalRoles.SystemAdmin, SEC = PortalRoles.SecurityAdmin, AUD = PortalRoles.Auditor;

    [Theory]
    [InlineData(DS, AUD)]
    [InlineData(LD, SYS)]
    [InlineData(DA, SEC)]
    public void A_separated_role_with_a_business_role_is_refused_citing_article_42(params string[] roles)
    {
        var reason = SeparationOfDuties.Check(roles, departmentIsDataAuthority: true, Cited);

        Assert.NotNull(reason);
        Assert.Contains("不能兼任业务角色", reason);
        Assert.Contains(Cited, reason);
        Assert.StartsWith("参照《佛山市政务数据资源管理办法（试行）》", Cited);
    }

    [Theory]
    [InlineData(SYS, SEC)]
    [InlineData(SEC, AUD)]
    [InlineData(SYS, AUD)]
    [InlineData(SYS, SEC, AUD)]
    public void Two_separated_roles_for_one_person_are_refused(params string[] roles)
    {
        var reason = SeparationOfDuties.Check(roles, departmentIsDataAuthority: true, Cited);

        Assert.NotNull(reason);
        Assert.Contains("须由不同人员担任", reason);
        Assert.Contains("第四十二条", reason);
    }

    [Fact]
    public void Authority_reviewer_is_refused_outside_the_data_authority_and_allowed_inside()
    {
        Assert.Equal("主管部门审核人只能授予本区域数据主管部门的人员。", SeparationOfDuties.Check([AR], departmentIsDataAuthority: false, Cited));
        Assert.Null(SeparationOfDuties.Check([AR, LD], departmentIsDataAuthority: true, Cited));
    }

    [Theory]
    [InlineData]
    [InlineData(DS, DA, LD)]
    [InlineData(SYS)]
    [InlineData(SEC)]
    [InlineData(AUD)]
    public void Business_roles_together_or_one_separated_role_alone_are_allowed(params string[] roles) =>
        Assert.Null(SeparationOfDuties.Check(roles, departmentIsDataAuthority: false, Cited));

    [Fact]
    public void An_unknown_role_is_refused() =>
        Assert.Equal("未知角色“Superuser”。", SeparationOfDuties.Check([DS, "Superuser"], departmentIsDataAuthority: false, Cited));
}
