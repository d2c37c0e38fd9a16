using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Organisation;

/// <summary>Builders and look-ups over the demo data (双牌县) for the organisation tests.</summary>
internal static class OrganisationTestData
{
    /// <summary>The demo seed registers administrators only for these four departments.</summary>
    public static readonly string[] DepartmentsWithAdministrators =
        [DemoAccounts.Police, DemoAccounts.Market, DemoAccounts.HumanResources, DemoAccounts.Centre];

    private static int _sequence = Random.Shared.Next(1_000_000);

    /// <summary>A well-formed, unused-looking 统一社会信用代码 (11 = 机关, county 431123, a fresh body).</summary>
    public static string NewCreditCode()
    {
        var body = (Interlocked.Increment(ref _sequence) % 1_000_000_000).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
        return UnifiedSocialCreditCode.Complete("11431123" + body);
    }

    /// <summary>The same code with a check character that GB 32100 does not give it.</summary>
    public static string WithWrongCheckDigit(string code)
    {
        var wrong = code[^1] == '0' ? '1' : '0';
        return code[..^1] + wrong;
    }

    public static string UniqueName(string stem) => $"{stem}{Guid.NewGuid():N}"[..Math.Min(stem.Length + 8, 100)];

    public static async Task<int> RegionIdAsync(this PortalFixture portal, string code)
    {
        await using var db = await portal.DbAsync();
        return await db.Regions.Where(r => r.Code == code).Select(r => r.Id).SingleAsync();
    }

    public static async Task<DepartmentInput> NewDepartmentInputAsync(this PortalFixture portal, string stem = "双牌县测试局",
        DepartmentKind kind = DepartmentKind.GovernmentDepartment, bool authority = false, int? regionId = null) =>
        new(UniqueName(stem), NewCreditCode(), regionId ?? await portal.RegionIdAsync(DemoSeeder.CountyCode), kind, authority);

    public static async Task<int> CreateDepartmentAsAdminAsync(this PortalFixture portal, DepartmentInput input)
    {
        await using var scope = await portal.ScopeAsAsync("admin");
        return await scope.Get<OrganisationService>().CreateDepartmentAsync(input);
    }
}
