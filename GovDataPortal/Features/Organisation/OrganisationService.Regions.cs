using System.Text.RegularExpressions;
using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Identity;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
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

    /// <summary>
    /// One page of regions, filtered, counted and sorted in SQL. By default in 行政区划代码 order, which is the tree
    /// order (a province's code ends in 0000, a city's in 00, and a county shares its city's first four digits).
    /// <paramref name="sortBy"/> names a <see cref="RegionRow"/> property (Code, Name, LevelName, ParentName).
    /// </summary>
    public async Task<RegionPage> PageRegionsAsync(string? nameContains, RegionLevel? level, int skip, int take,
        string? sortBy = null, bool descending = false, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.Regions.AsNoTracking();
        if (InputText.Term(nameContains) is { } term)
            query = query.Where(r => r.Name.Contains(term));
        if (level is { } l) query = query.Where(r => r.Level == l);
        var total = await query.CountAsync(ct);
        IOrderedQueryable<Region> ordered = sortBy switch
        {
            nameof(RegionRow.Name) => query.OrderedBy(r => r.Name, descending),
            nameof(RegionRow.LevelName) => query.OrderedBy(r => r.Level, descending),
            nameof(RegionRow.ParentName) => query.OrderedBy(r => r.Parent!.Code, descending),
            _ => query.OrderedBy(r => r.Code, descending),
        };
        var rows = await ordered.ThenBy(r => r.Code)
            .Skip(Math.Max(skip, 0)).Take(Math.Clamp(take, 1, MaxPageSize))
            .Select(r => new RegionRow(r.Id, r.Code, r.Name, r.Level, r.ParentId, r.Parent!.Name, (int)r.Level - 1))
            .ToListAsync(ct);
        return new RegionPage(rows, total);
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
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            throw new ValidationFailedException(new ValidationErrors().Add(F.Code, DuplicateRegionCode(region.Code)));
        }
        return region.Id;
    }

    private static async Task<Region> ValidateRegionAsync(PortalDbContext db, RegionInput input, CancellationToken ct)
    {
        var code = (input.Code ?? "").Trim();
        var name = InputText.Normalise(input.Name) ?? "";
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
