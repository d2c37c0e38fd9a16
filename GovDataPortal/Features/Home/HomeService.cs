using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Home;

/// <summary>What the home page shows: only facts read from the database, nothing made up.</summary>
public sealed record HomeSummary(
    string DepartmentName,
    string DepartmentKind,
    string RegionName,
    IReadOnlyList<(string Name, string Phone)> DataAdministrators,
    DateTimeOffset? LastSignInAt,
    int DepartmentsInRegion,
    int DepartmentsWithoutAdministrator);

public sealed class HomeService(IDbContextFactory<PortalDbContext> factory, CurrentActor actor)
{
    public async Task<HomeSummary?> GetAsync(CancellationToken ct = default)
    {
        if (actor.DepartmentId is not { } departmentId) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        var department = await db.Departments.AsNoTracking().Include(d => d.Region)
            .FirstOrDefaultAsync(d => d.Id == departmentId, ct);
        if (department is null) return null;

        var administrators = await db.DataAdministrators.AsNoTracking().Where(a => a.DepartmentId == departmentId)
            .OrderBy(a => a.RegisteredAt).Select(a => new { a.User!.DisplayName, a.Phone }).ToListAsync(ct);
        // The newest Login record is this session; the one before it is what a person means by "last time".
        var lastSignIn = await db.AuditRecords.Where(a => a.UserId == actor.UserId && a.Action == AuditActions.Login)
            .OrderByDescending(a => a.Id).Skip(1).Select(a => (DateTimeOffset?)a.OccurredAt).FirstOrDefaultAsync(ct);
        var inRegion = db.Departments.Where(d => d.RegionId == department.RegionId);
        return new HomeSummary(
            department.Name,
            Organisation.Department.KindName(department.Kind),
            department.Region!.Name,
            administrators.Select(a => (a.DisplayName, a.Phone)).ToList(),
            lastSignIn,
            await inRegion.CountAsync(ct),
            await inRegion.CountAsync(d => !d.DataAdministrators.Any(), ct));
    }
}
