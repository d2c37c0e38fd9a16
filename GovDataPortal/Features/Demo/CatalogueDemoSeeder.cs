using System.Security.Claims;
using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Identity;
using GovDataPortal.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Demo;

/// <summary>
/// The demo catalogue (run by <c>seed-demo</c> after <see cref="DemoSeeder"/>, never in the tests' template): the county's
/// departments as 细目 under 部门信息资源, about 300 entries written as drafts by each department's 数据专管员, then moved
/// through the real review flow to every state (<see cref="AdvanceAsync"/>). Idempotent: a catalogue with entries is
/// left alone.
/// </summary>
public sealed class CatalogueDemoSeeder(IDbContextFactory<PortalDbContext> factory, IServiceScopeFactory scopes, TimeProvider clock)
{
    public const string CountyClassCode = "301";

    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        await using (var db = await factory.CreateDbContextAsync(ct))
            if (await db.CatalogueEntries.AnyAsync(ct)) return 0;
        var classes = await SeedDepartmentClassesAsync(ct);
        var drafts = await SeedDraftsAsync(classes, ct);
        await AdvanceAsync(drafts, ct);
        return drafts.Values.Sum(ids => ids.Count);
    }

    /// <summary>3 部门信息资源 → 301 双牌县 → 301001 县直部门 / 301002 公共服务企业 → one 细目 per department.</summary>
    private async Task<Dictionary<string, int>> SeedDepartmentClassesAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var root = await db.ResourceClasses.SingleAsync(c => c.Code == "3", ct);
        var county = ResourceClass.Create(root, "01", "双牌县");
        db.ResourceClasses.Add(county);
        await db.SaveChangesAsync(ct);
        var offices = ResourceClass.Create(county, "001", "县直部门");
        var companies = ResourceClass.Create(county, "002", "公共服务企业");
        db.ResourceClasses.AddRange(offices, companies);
        await db.SaveChangesAsync(ct);

        var departments = await db.Departments.Where(d => d.Region!.Code == DemoSeeder.CountyCode).OrderBy(d => d.Id).ToListAsync(ct);
        var byDepartment = new Dictionary<string, ResourceClass>();
        var (office, company) = (0, 0);
        foreach (var d in departments)
        {
            var isCompany = d.Kind == Organisation.DepartmentKind.PublicServiceEnterprise;
            var number = isCompany ? ++company : ++office;
            byDepartment[d.Name] = ResourceClass.Create(isCompany ? companies : offices, $"{number:000}", d.Name, number);
        }
        db.ResourceClasses.AddRange(byDepartment.Values);
        await db.SaveChangesAsync(ct);
        return byDepartment.ToDictionary(p => p.Key, p => p.Value.Id);
    }

    /// <summary>Every demo resource as a draft of its department, in one unit of work; entry ids by department, in list order.</summary>
    private async Task<Dictionary<string, List<long>>> SeedDraftsAsync(Dictionary<string, int> departmentClasses, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var guideClasses = await db.ResourceClasses.Where(c => c.Code.Length == 3).ToDictionaryAsync(c => c.Code, c => c.Id, ct);
        var departments = await db.Departments.ToDictionaryAsync(d => d.Name, d => d.Id, ct);
        var specialists = await SpecialistsAsync(db, ct);
        var now = clock.GetUtcNow().AddDays(-40);
        var entries = new List<(string Department, CatalogueEntry Entry)>();
        var seed = 0;
        foreach (var (department, resource) in CatalogueDemoContent.All())
        {
            var content = CatalogueDemoContent.Build(resource, code => guideClasses[code], departmentClasses[department], ++seed);
            var entry = CatalogueEntry.Create(departments[department], content, specialists[department], now.AddMinutes(seed));
            db.CatalogueEntries.Add(entry);
            entries.Add((department, entry));
        }
        await db.SaveChangesAsync(ct);
        return entries.GroupBy(e => e.Department).ToDictionary(g => g.Key, g => g.Select(e => e.Entry.Id).ToList());
    }

    /// <summary>The user id of each department's first 数据专管员.</summary>
    private static async Task<Dictionary<string, string>> SpecialistsAsync(PortalDbContext db, CancellationToken ct)
    {
        var names = DemoAccounts.All.Where(a => a.Role == PortalRoles.DataSpecialist)
            .GroupBy(a => a.Department).ToDictionary(g => g.Key, g => g.First().UserName);
        var ids = await db.Users.Where(u => names.Values.Contains(u.UserName!)).ToDictionaryAsync(u => u.UserName!, u => u.Id, ct);
        return names.ToDictionary(p => p.Key, p => ids[p.Value]);
    }

    /// <summary>A DI scope acting as the named demo user, as a signed-in request would.</summary>
    private async Task<AsyncServiceScope> ScopeAsAsync(string userName)
    {
        var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"演示账户 {userName} 不存在。");
        ClaimsPrincipal principal = await scope.ServiceProvider.GetRequiredService<SignInManager<PortalUser>>().CreateUserPrincipalAsync(user);
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Set(principal, "127.0.0.1");
        return scope;
    }

    /// <summary>Moves the drafts through the review flow to every state (filled in once the lifecycle exists).</summary>
    private Task AdvanceAsync(Dictionary<string, List<long>> drafts, CancellationToken ct) => Task.CompletedTask;
}
