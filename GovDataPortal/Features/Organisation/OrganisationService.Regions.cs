using System.Text.RegularExpressions;
using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Identity;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using F = GovDataPortal.Features.Organisation.OrganisationFields;

namespace GovDataPortal.Features.Organisation;

public sealed partial class OrganisationService
{
    [GeneratedRegex("^[0-9]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionCodePattern();

    /// <summary>Every region, depth first (province, its cities, each city's counties), siblings by code.</summary>
    public async Task<IReadOnlyList<RegionRow>> ListRegionsAsync(CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var all = await db.Regions.AsNoTracking().ToListAsync(ct);
        var children = all.ToLookup(r => r.ParentId);
        var rows = new List<RegionRow>(all.Count);
        void Walk(Region? parent, int depth)
        {
            foreach (var r in children[parent?.Id].OrderBy(r => r.Code, StringComparer.Ordinal))
            {
                rows.Add(new RegionRow(r.Id, r.Code, r.Name, r.Level, r.ParentId, parent?.Name, depth));
                Walk(r, depth + 1);
            }
        }
        Walk(null, 0);
        return rows;
    }

    public async Task<int> CreateRegionAsync(RegionInput input, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.SystemAdmin);
        await using var db = await factory.CreateDbContextAsync(ct);
        var region = await ValidateRegionAsync(db, input, ct);
        db.Regions.Add(region);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ValidationFailedException(new ValidationErrors().Add(F.Code, DuplicateRegionCode(region.Code)));
        }
        return region.Id;
    }

    private static async Task<Region> ValidateRegionAsync(PortalDbContext db, RegionInput input, CancellationToken ct)
    {
        var code = (input.Code ?? "").Trim();
        var name = (input.Name ?? "").Trim();
        var errors = new ValidationErrors();
        if (!RegionCodePattern().IsMatch(code)) errors.Add(F.Code, "行政区划代码应为6位数字。");
        else if (await db.Regions.AnyAsync(r => r.Code == code, ct)) errors.Add(F.Code, DuplicateRegionCode(code));
        errors.Require(F.Name, name, "区域名称", 50);
        var parent = input.ParentId is { } parentId ? await db.Regions.FirstOrDefaultAsync(r => r.Id == parentId, ct) : null;
        if (!Enum.IsDefined(input.Level)) errors.Add(F.Level, "请选择区域级别。");
        else if (input.ParentId is not null && parent is null) errors.Add(F.ParentId, "所选上级区域不存在。");
        else if (Region.ValidateParent(input.Level, parent) is { } parentError) errors.Add(F.ParentId, parentError);
        errors.ThrowIfInvalid();
        return new Region { Code = code, Name = name, Level = input.Level, ParentId = parent?.Id };
    }

    private static string DuplicateRegionCode(string code) => $"行政区划代码 {code} 已存在。";
}
