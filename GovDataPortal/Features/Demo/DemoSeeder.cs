using System.Globalization;
using System.Security.Claims;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Demo;

/// <summary>
/// Writes the demo jurisdiction 双牌县 (Development and <c>seed-demo</c> only): its region chain, about 25 county
/// departments with the 县政务服务中心 as data authority, and <see cref="DemoAccounts"/>. Idempotent.
/// </summary>
public sealed class DemoSeeder(
    IDbContextFactory<PortalDbContext> factory,
    IServiceScopeFactory scopes,
    CurrentActor actor,
    TimeProvider clock)
{
    public const string CountyCode = "431123";
    public const string CityCode = "431100";

    /// <summary><paramref name="AccountsAdded"/>: demo accounts added to demo data seeded before they existed.</summary>
    public sealed record Result(bool Created, int AccountsAdded = 0);

    private static readonly (string Name, DepartmentKind Kind)[] Departments =
    [
        (DemoAccounts.Centre, DepartmentKind.DataAuthority),
        (DemoAccounts.Police, DepartmentKind.GovernmentDepartment),
        (DemoAccounts.Market, DepartmentKind.GovernmentDepartment),
        (DemoAccounts.HumanResources, DepartmentKind.GovernmentDepartment),
        ("双牌县民政局", DepartmentKind.GovernmentDepartment),
        ("双牌县卫生健康局", DepartmentKind.GovernmentDepartment),
        ("双牌县自然资源局", DepartmentKind.GovernmentDepartment),
        ("国家税务总局双牌县税务局", DepartmentKind.GovernmentDepartment),
        ("双牌县医疗保障局", DepartmentKind.GovernmentDepartment),
        ("双牌县不动产登记中心", DepartmentKind.GovernmentDepartment),
        ("双牌县发展和改革局", DepartmentKind.GovernmentDepartment),
        ("双牌县教育局", DepartmentKind.GovernmentDepartment),
        ("双牌县财政局", DepartmentKind.GovernmentDepartment),
        ("双牌县住房和城乡建设局", DepartmentKind.GovernmentDepartment),
        ("双牌县交通运输局", DepartmentKind.GovernmentDepartment),
        ("双牌县农业农村局", DepartmentKind.GovernmentDepartment),
        ("双牌县水利局", DepartmentKind.GovernmentDepartment),
        ("双牌县林业局", DepartmentKind.GovernmentDepartment),
        ("永州市生态环境局双牌分局", DepartmentKind.GovernmentDepartment),
        ("双牌县应急管理局", DepartmentKind.GovernmentDepartment),
        ("双牌县统计局", DepartmentKind.GovernmentDepartment),
        ("双牌县司法局", DepartmentKind.GovernmentDepartment),
        ("双牌县退役军人事务局", DepartmentKind.GovernmentDepartment),
        ("双牌县文化旅游广电体育局", DepartmentKind.GovernmentDepartment),
        ("双牌县商务局", DepartmentKind.GovernmentDepartment),
        ("国网湖南省电力有限公司双牌县供电分公司", DepartmentKind.PublicServiceEnterprise),
        ("双牌县自来水有限责任公司", DepartmentKind.PublicServiceEnterprise),
    ];

    public async Task<Result> SeedAsync(CancellationToken ct = default)
    {
        actor.Set(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "seed-demo")], "system")), "127.0.0.1");
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Regions.AnyAsync(r => r.Code == CountyCode, ct))
        {
            // Seeded by an older version: add the city authority and the accounts that came since, no more.
            await SeedCityAuthorityAsync(db, ct);
            var existing = await db.Departments.Where(d => d.Region!.Code == CountyCode || d.Name == DemoAccounts.CityAuthority)
                .ToDictionaryAsync(d => d.Name, ct);
            return new(false, await SeedUsersAsync(existing, ct));
        }

        var county = await SeedRegionsAsync(db, ct);
        var byName = await SeedDepartmentsAsync(db, county, ct);
        byName[DemoAccounts.CityAuthority] = await SeedCityAuthorityAsync(db, ct);
        await SeedUsersAsync(byName, ct);
        return new(true);
    }

    /// <summary>
    /// The city's data authority above the county centre: shuangpai Art. 24(2) sends a conditional share "报市政务数据行政主管部门确定".
    /// </summary>
    private async Task<Department> SeedCityAuthorityAsync(PortalDbContext db, CancellationToken ct)
    {
        if (await db.Departments.FirstOrDefaultAsync(d => d.Name == DemoAccounts.CityAuthority, ct) is { } existing) return existing;
        var city = await db.Regions.SingleAsync(r => r.Code == CityCode, ct);
        var authority = db.Departments.Add(new Department
        {
            Name = DemoAccounts.CityAuthority, Kind = DepartmentKind.DataAuthority, IsRegionDataAuthority = true, RegionId = city.Id,
            CreditCode = UnifiedSocialCreditCode.Complete("11" + CityCode + "MB0000001"), CreatedAt = clock.GetUtcNow(),
        }).Entity;
        await db.SaveChangesAsync(ct);
        return authority;
    }

    private static async Task<Region> SeedRegionsAsync(PortalDbContext db, CancellationToken ct)
    {
        var province = await db.Regions.FirstOrDefaultAsync(r => r.Code == "430000", ct)
            ?? db.Regions.Add(new Region { Code = "430000", Name = "湖南省", Level = RegionLevel.Province }).Entity;
        var city = await db.Regions.FirstOrDefaultAsync(r => r.Code == "431100", ct)
            ?? db.Regions.Add(new Region { Code = "431100", Name = "永州市", Level = RegionLevel.City, Parent = province }).Entity;
        var county = db.Regions.Add(new Region { Code = CountyCode, Name = "双牌县", Level = RegionLevel.County, Parent = city }).Entity;
        await db.SaveChangesAsync(ct);
        return county;
    }

    private async Task<Dictionary<string, Department>> SeedDepartmentsAsync(PortalDbContext db, Region county, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var departments = Departments.Select((d, i) => new Department
        {
            Name = d.Name,
            Kind = d.Kind,
            IsRegionDataAuthority = d.Kind == DepartmentKind.DataAuthority,
            RegionId = county.Id,
            CreditCode = DemoCreditCode(d.Kind, i),
            CreatedAt = now,
        }).ToList();
        db.Departments.AddRange(departments);
        await db.SaveChangesAsync(ct);
        return departments.ToDictionary(d => d.Name);
    }

    /// <summary>
    /// A well-formed 统一社会信用代码: 登记管理部门 1 (机构编制) type 1 (机关) for departments, 9/1 (工商, 企业) for
    /// companies; the county's area code; a 9-character organisation code with its GB 11714 check; the GB 32100 check.
    /// </summary>
    internal static string DemoCreditCode(DepartmentKind kind, int index)
    {
        var body = (7_305_100 + index * 37).ToString("D8", CultureInfo.InvariantCulture);
        var organisationCode = body + OrganisationCodeCheck(body);
        var prefix = kind == DepartmentKind.PublicServiceEnterprise ? "91" : "11";
        return UnifiedSocialCreditCode.Complete(prefix + CountyCode + organisationCode);
    }

    private static char OrganisationCodeCheck(string eightDigits)
    {
        int[] weights = [3, 7, 9, 10, 5, 8, 4, 2];
        var sum = eightDigits.Select((c, i) => (c - '0') * weights[i]).Sum();
        var check = 11 - sum % 11;
        return check switch { 10 => 'X', 11 => '0', _ => (char)('0' + check) };
    }

    /// <summary>Creates the demo accounts that do not exist yet (of departments that do); returns how many.</summary>
    private async Task<int> SeedUsersAsync(Dictionary<string, Department> departments, CancellationToken ct)
    {
        // UserManager holds a DbContext: give it a scope of its own, acting as the seeder.
        await using var scope = scopes.CreateActingScope(actor);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var now = clock.GetUtcNow();
        var added = new List<DemoAccounts.Account>();
        foreach (var a in DemoAccounts.All.Where(a => departments.ContainsKey(a.Department)))
        {
            if (await users.FindByNameAsync(a.UserName) is not null) continue;
            var user = new PortalUser
            {
                UserName = a.UserName,
                DisplayName = a.DisplayName,
                DepartmentId = departments[a.Department].Id,
                PhoneNumber = a.Phone,
                CreatedAt = now,
                // Demo accounts sign in straight away: their password counts as chosen by their holder, set now
                // (PortalUserStore dates it again when the hash is stored), so neither rule sends them to 修改密码.
                MustChangePassword = false,
                PasswordChangedAt = now,
            };
            Check(await users.CreateAsync(user, DemoAccounts.Password));
            Check(await users.AddToRoleAsync(user, a.Role));
            added.Add(a);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var ids = await db.Users.Where(u => u.PhoneNumber != null).ToDictionaryAsync(u => u.UserName!, ct);
        foreach (var a in added.Where(a => a.Phone is not null))
            db.DataAdministrators.Add(new DataAdministrator
            {
                DepartmentId = departments[a.Department].Id, UserId = ids[a.UserName].Id, Phone = a.Phone!, RegisteredAt = now,
            });
        await db.SaveChangesAsync(ct);
        return added.Count;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new DomainException(string.Join("；", result.Errors.Select(e => e.Description)));
    }
}
