using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Catalogue;

/// <summary>One provider of a candidate duplicate item, with its published entries that hold the item.</summary>
public sealed record DuplicateProvider(int DepartmentId, string DepartmentName, IReadOnlyList<DuplicateEntry> Entries);

public sealed record DuplicateEntry(long EntryId, string EntryName, string? ResourceCode, string ItemName);

/// <summary>Items of several providers with the same normalised name and data type; <see cref="Authoritative"/> once decided.</summary>
public sealed record DuplicateCandidate(string NormalisedName, ItemDataType DataType, string ItemName,
    IReadOnlyList<DuplicateProvider> Providers, AuthoritativeView? Authoritative);

public sealed record AuthoritativeView(long Id, int DepartmentId, string DepartmentName, string? Note, DateTimeOffset DecidedAt, uint Version);

/// <summary>
/// 一数一源 (shuangpai Art. 18 and 20(1), foshan Art. 19): finds items of published versions of different providers with
/// the same normalised name and data type, lets the data authority's 主管部门审核人 name the authoritative provider, and
/// answers the entry page ("权威来源：<部门>") and the editor (a warning before saving a duplicate of an authoritative item).
/// </summary>
public sealed class OneSourceService(
    IDbContextFactory<PortalDbContext> factory,
    CurrentActor actor,
    TimeProvider clock,
    PolicyCatalog policies)
{
    public const int NoteMaxLength = AuthoritativeSource.NoteMaxLength;

    public string Citation => OneSourceTexts.Citation(policies.Active.Jurisdiction);

    public bool CanDecide => actor.IsAuthenticated && actor.DepartmentId is not null && actor.IsInRole(PortalRoles.AuthorityReviewer);

    /// <summary>
    /// Candidate duplicates among the departments the actor's authority supervises: (normalised name, type) groups held by
    /// more than one provider, found by one GROUP BY over the published versions' items. Undecided groups unless
    /// <paramref name="includeDecided"/>.
    /// </summary>
    public async Task<IReadOnlyList<DuplicateCandidate>> CandidatesAsync(bool includeDecided = false, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.AuthorityReviewer);
        await using var db = await factory.CreateDbContextAsync(ct);
        var supervised = await DataAuthorities.SupervisedByAsync(db, actor.DepartmentId ?? -1, ct);
        var published = PublishedItems(db).Where(x => supervised.Contains(x.ProviderDepartmentId));
        var groups = published.GroupBy(x => new { x.NormalisedName, x.DataType })
            .Where(g => g.Select(x => x.ProviderDepartmentId).Distinct().Count() > 1)
            .Select(g => g.Key);
        if (!includeDecided)
            groups = groups.Where(k => !db.AuthoritativeSources.Any(s => s.NormalisedName == k.NormalisedName && s.DataType == k.DataType));
        var keys = await groups.OrderBy(k => k.NormalisedName).Take(500).ToListAsync(ct);
        if (keys.Count == 0) return [];

        var names = keys.Select(k => k.NormalisedName).Distinct().ToList();
        var rows = (await published.Where(x => names.Contains(x.NormalisedName)).ToListAsync(ct))
            .Where(x => keys.Any(k => k.NormalisedName == x.NormalisedName && k.DataType == x.DataType)).ToList();
        var decided = await DecidedAsync(db, names, ct);
        return [.. keys.Select(k =>
        {
            var items = rows.Where(x => x.NormalisedName == k.NormalisedName && x.DataType == k.DataType).ToList();
            var providers = items.GroupBy(x => (x.ProviderDepartmentId, x.ProviderName)).OrderBy(g => g.Key.ProviderName)
                .Select(g => new DuplicateProvider(g.Key.ProviderDepartmentId, g.Key.ProviderName,
                    [.. g.OrderBy(x => x.EntryName).Select(x => new DuplicateEntry(x.EntryId, x.EntryName, x.ResourceCode, x.ItemName))]))
                .ToList();
            return new DuplicateCandidate(k.NormalisedName, k.DataType!.Value, items[0].ItemName, providers,
                decided.GetValueOrDefault((k.NormalisedName, k.DataType!.Value)));
        })];
    }

    // A class with init members, not a positional record: EF composes filters and groupings over member-init projections only.
    private sealed class PublishedItem
    {
        public string NormalisedName { get; init; } = "";
        public ItemDataType? DataType { get; init; }
        public string ItemName { get; init; } = "";
        public long EntryId { get; init; }
        public string EntryName { get; init; } = "";
        public string? ResourceCode { get; init; }
        public int ProviderDepartmentId { get; init; }
        public string ProviderName { get; init; } = "";
    }

    /// <summary>Items of the published versions of published entries.</summary>
    private static IQueryable<PublishedItem> PublishedItems(PortalDbContext db) =>
        from i in db.CatalogueItems
        join v in db.CatalogueVersions on i.VersionId equals v.Id
        join e in db.CatalogueEntries on v.EntryId equals e.Id
        where v.Status == VersionStatus.Published && e.Status == EntryStatus.Published && i.DataType != null
        select new PublishedItem
        {
            NormalisedName = i.NormalisedName, DataType = i.DataType, ItemName = i.Name, EntryId = e.Id, EntryName = e.Name,
            ResourceCode = e.ResourceCode, ProviderDepartmentId = e.ProviderDepartmentId, ProviderName = e.ProviderDepartment!.Name,
        };

    private static async Task<Dictionary<(string, ItemDataType), AuthoritativeView>> DecidedAsync(PortalDbContext db,
        IReadOnlyCollection<string> names, CancellationToken ct)
    {
        var list = await db.AuthoritativeSources.AsNoTracking().Where(s => names.Contains(s.NormalisedName))
            .Select(s => new { s.NormalisedName, s.DataType, View = new AuthoritativeView(s.Id, s.ProviderDepartmentId,
                db.Departments.Where(d => d.Id == s.ProviderDepartmentId).Select(d => d.Name).FirstOrDefault() ?? "", s.Note, s.DecidedAt, s.Version) })
            .ToListAsync(ct);
        return list.ToDictionary(x => (x.NormalisedName, x.DataType), x => x.View);
    }

    /// <summary>
    /// The authority names (or changes) the authoritative provider of an item: a department among the providers of
    /// published items with that name and type that it supervises. Audited by the interceptor; a lost race is a 409.
    /// </summary>
    public async Task NameAsync(string? itemName, ItemDataType type, int providerDepartmentId, string? note, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.AuthorityReviewer);
        await using var db = await factory.CreateDbContextAsync(ct);
        var supervised = await DataAuthorities.SupervisedByAsync(db, actor.DepartmentId ?? -1, ct);
        var normalised = CatalogueRules.NormaliseItemName(itemName);
        if (!supervised.Contains(providerDepartmentId))
            throw new AccessDeniedException("只能认定本数据主管部门所辖部门为权威来源。");
        if (!await PublishedItems(db).AnyAsync(x => x.NormalisedName == normalised && x.DataType == type
                && x.ProviderDepartmentId == providerDepartmentId, ct))
            throw new DomainException("该部门已发布的目录中没有这一信息项，不能认定为权威来源。", "providerDepartmentId");
        var now = clock.GetUtcNow();
        var existing = await db.AuthoritativeSources.FirstOrDefaultAsync(s => s.NormalisedName == normalised && s.DataType == type, ct);
        if (existing is null) db.AuthoritativeSources.Add(AuthoritativeSource.Name(itemName, type, providerDepartmentId, note, actor.UserId!, now));
        else existing.Decide(providerDepartmentId, note, actor.UserId!, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("权威来源已被他人认定或修改，请刷新后重试。");
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            throw new ConflictException("权威来源已被他人认定，请刷新后重试。");
        }
    }

    /// <summary>The authoritative department's name for each (normalised name, type) that has one.</summary>
    public async Task<IReadOnlyDictionary<(string NormalisedName, ItemDataType Type), string>> AuthoritativeSourcesForAsync(
        IEnumerable<(string normalisedName, ItemDataType type)> items, CancellationToken ct = default)
    {
        var wanted = items.ToList();
        var names = wanted.Select(i => i.normalisedName).Distinct().ToList();
        if (names.Count == 0) return new Dictionary<(string, ItemDataType), string>();
        await using var db = await factory.CreateDbContextAsync(ct);
        var decided = await DecidedAsync(db, names, ct);
        return wanted.Distinct().Where(decided.ContainsKey).ToDictionary(k => k, k => decided[k].DepartmentName);
    }

    /// <summary>
    /// Warnings for the editor: items of <paramref name="departmentId"/>'s draft whose name and type another department is
    /// the authoritative source of ("信息项“X”已由<部门>作为权威来源，请确认是否重复采集（一数一源，…）").
    /// </summary>
    public async Task<IReadOnlyList<string>> DuplicatesOfAuthoritativeAsync(int departmentId, IEnumerable<CatalogueItemContent> items,
        CancellationToken ct = default)
    {
        var keyed = items.Where(i => i.DataType is not null && !string.IsNullOrWhiteSpace(i.Name))
            .Select(i => (Item: i, Key: (CatalogueRules.NormaliseItemName(i.Name), i.DataType!.Value))).ToList();
        if (keyed.Count == 0) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var decided = await DecidedAsync(db, [.. keyed.Select(k => k.Key.Item1).Distinct()], ct);
        var j = policies.Active.Jurisdiction;
        return [.. keyed.Where(k => decided.TryGetValue(k.Key, out var d) && d.DepartmentId != departmentId)
            .Select(k => OneSourceTexts.Warning(InputText.Normalise(k.Item.Name)!, decided[k.Key].DepartmentName, j)).Distinct()];
    }
}
