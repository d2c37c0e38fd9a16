using System.Linq.Expressions;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Catalogue;

/// <summary>
/// Finding catalogue entries (issue 9 §5): the list page, the API and the Excel export ask here. Every query is
/// filtered by <see cref="CatalogueVisibility.VisibleTo"/>, counted and paged in SQL. A keyword is looked up in the GIN
/// index over the entries' character grams (one character, or all adjacent pairs: index-backed for the one- and
/// two-character keywords Chinese users type), then tested exactly as a substring of the name, the summary and the item
/// names; name hits rank first (docs/decisions/0007-catalogue-search.md). One context per call.
/// </summary>
public sealed partial class CatalogueQueryService(
    IDbContextFactory<PortalDbContext> factory,
    CatalogueAccess access,
    FlowReader flows)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxPage = 100_000;
    public const int KeywordMaxLength = 50;

    /// <summary>The sorts a list may ask for ("name", "name desc", …); "relevance" is the default with a keyword.</summary>
    public static readonly IReadOnlyList<string> SortKeys = ["relevance", "name", "code", "provider", "class", "status", "updated"];

    /// <summary>The filter's own mistakes, in Chinese, keyed as the query string names them.</summary>
    public static ValidationErrors Validate(CatalogueFilter f)
    {
        var errors = new ValidationErrors();
        if (f.Page < 1 || f.Page > MaxPage) errors.Add(CatalogueFilterQuery.Page, $"页码（page）应在1至{MaxPage}之间。");
        if (f.PageSize is < 1 or > MaxPageSize) errors.Add(CatalogueFilterQuery.PageSize, $"每页条数（pageSize）应在1至{MaxPageSize}之间。");
        if (f.Keyword is { } k && k.Trim().Length > KeywordMaxLength)
            errors.Add(CatalogueFilterQuery.Keyword, $"关键词（keyword）不能超过{KeywordMaxLength}个字符。");
        if (f.Sort is { } s && SortOf(s) is null)
            errors.Add(CatalogueFilterQuery.Sort, $"排序方式（sort）只能为{string.Join("、", SortKeys)}，可加“ desc”表示倒序。");
        return errors;
    }

    /// <summary>One page of the entries the current actor may see that match <paramref name="filter"/>, with the total.</summary>
    public async Task<CatalogueSearchResult> SearchAsync(CatalogueFilter filter, CancellationToken ct = default)
    {
        Validate(filter).ThrowIfInvalid();
        await using var db = await factory.CreateDbContextAsync(ct);
        var viewer = await ViewerAsync(db, ct);
        var matching = Matching(db, filter, viewer);
        var skip = (filter.Page - 1) * filter.PageSize;
        // The page and the total in one round trip: the count is an uncorrelated subquery PostgreSQL runs once.
        var counted = await Rows(db, Ordered(db, matching, filter)).Skip(skip).Take(filter.PageSize)
            .Select(row => new CountedRow(row, matching.Count())).ToListAsync(ct);
        var rows = counted.ConvertAll(c => c.Row);
        // Past the last page there is no row to carry the total.
        var total = counted.Count > 0 ? counted[0].Total : skip == 0 ? 0 : await matching.CountAsync(ct);
        return new CatalogueSearchResult(rows, total, filter.Page, filter.PageSize);
    }

    private sealed record CountedRow(CatalogueRow Row, int Total);

    private CatalogueViewer? _viewer;

    /// <summary>
    /// The actor's viewer, built once per scope (a request, or a circuit paging through the list): who the actor is
    /// does not change within it.
    /// </summary>
    private async Task<CatalogueViewer> ViewerAsync(PortalDbContext db, CancellationToken ct) =>
        _viewer ??= await access.ViewerAsync(db, ct);

    /// <summary>
    /// Every matching entry the current actor may see, in the filter's order, unpaged, as an untracked query the caller
    /// streams (the Excel export). Page and page size are ignored.
    /// </summary>
    public async Task<IQueryable<CatalogueRow>> QueryAsync(PortalDbContext db, CatalogueFilter filter, CancellationToken ct = default)
    {
        Validate(filter with { Page = 1, PageSize = DefaultPageSize }).ThrowIfInvalid();
        var viewer = await ViewerAsync(db, ct);
        return Rows(db, Ordered(db, Matching(db, filter, viewer), filter));
    }

    /// <summary>The departments (for the provider filter) and the classification tree in code order.</summary>
    public async Task<(IReadOnlyList<CatalogueProviderOption> Providers, IReadOnlyList<CatalogueClassOption> Classes)> FilterOptionsAsync(
        CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var providers = await db.Departments.AsNoTracking().OrderBy(d => d.Name)
            .Select(d => new CatalogueProviderOption(d.Id, d.Name)).ToListAsync(ct);
        var classes = await db.ResourceClasses.AsNoTracking().OrderBy(c => c.Code)
            .Select(c => new CatalogueClassOption(c.Id, c.Code, c.Name, c.Level)).ToListAsync(ct);
        return (providers, classes);
    }

    /// <summary>The keyword as the query uses it: the grams the index must hold and the folded terms the text must contain.</summary>
    internal sealed record SearchKeyword(string[] Grams, string[] Terms)
    {
        /// <summary>
        /// Null when there is nothing to look up (empty, or only punctuation and spaces: no gram, and a substring test
        /// without the index would read every row). Terms are the keyword's space-separated parts; each must occur.
        /// </summary>
        public static SearchKeyword? Of(string? keyword)
        {
            var needle = CatalogueSearchText.Needle(InputText.Term(keyword));
            var grams = CatalogueSearchText.KeywordGrams(needle);
            if (grams.Length == 0) return null;
            return new SearchKeyword(grams, needle.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }
    }

    /// <summary>The visible entries matching every filter (no order).</summary>
    internal static IQueryable<CatalogueEntry> Matching(PortalDbContext db, CatalogueFilter f, CatalogueViewer viewer)
    {
        var source = SearchKeyword.Of(f.Keyword) is { } k ? KeywordMatches(db, k) : db.CatalogueEntries;
        var q = source.AsNoTracking().Where(CatalogueVisibility.VisibleTo(viewer));
        if (f.ProviderDepartmentId is { } provider) q = q.Where(e => e.ProviderDepartmentId == provider);
        if (f.ResourceClassId is { } classId)
        {
            // The node and every node below it: their codes start with the node's code.
            var code = db.ResourceClasses.Where(c => c.Id == classId).Select(c => c.Code);
            q = q.Where(e => db.ResourceClasses.Any(c => c.Id == e.ResourceClassId && code.Any(p => c.Code.StartsWith(p))));
        }
        if (f.CatalogueType is { } type) q = q.Where(e => e.CatalogueType == type);
        if (f.ShareType is { } share) q = q.Where(e => e.ShareType == share);
        if (f.OpenType is { } open) q = q.Where(e => e.OpenType == open);
        if (f.UpdateCycle is { } cycle) q = q.Where(e => e.UpdateCycle == cycle);
        if (f.Status is { } status) q = q.Where(e => e.Status == status);
        if (f.SecurityLevel is { } level) q = q.Where(e => e.SecurityLevel == level);
        return q;
    }

    /// <summary>
    /// The entries holding every gram of the keyword (<c>@&gt;</c>, served by the GIN index on "TextGrams"), and among
    /// them those whose name, summary or item names contain each term, compared as <see cref="CatalogueSearchText.Fold"/>
    /// folds (NFKC, then lower case). Written in SQL because EF has no translation of <c>normalize(…, NFKC)</c>; EF
    /// composes the rest of the query around it (PostgreSQL flattens the subquery).
    /// </summary>
    private static IQueryable<CatalogueEntry> KeywordMatches(PortalDbContext db, SearchKeyword k) => db.CatalogueEntries.FromSql($"""
        SELECT * FROM catalogue_entries
        WHERE "TextGrams" @> {k.Grams}
          AND NOT EXISTS (SELECT FROM unnest({k.Terms}) AS t(term)
                          WHERE strpos(lower(normalize("Name", NFKC)), t.term) = 0
                            AND strpos(lower(normalize(coalesce("Summary", ''), NFKC)), t.term) = 0
                            AND strpos(lower(normalize("ItemNames", NFKC)), t.term) = 0)
        """);

    /// <summary>
    /// A name hit: the name holds every gram of the keyword ("NameGrams" @&gt; grams, read from the row). For a term of
    /// one or two characters this is exactly "the name contains it"; for a longer one the pairs could in principle sit
    /// apart in the name — only the rank would be off, never the result (the exact test above decides that).
    /// </summary>
    private static Expression<Func<CatalogueEntry, bool>> NameHit(SearchKeyword k)
    {
        var grams = k.Grams;
        return e => grams.All(g => e.NameGrams.Contains(g));
    }

    /// <summary>(key, descending) of a sort text such as "name desc"; null when it names no sort.</summary>
    internal static (string Key, bool Descending)? SortOf(string? sort)
    {
        var parts = (sort ?? "").Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 0 or > 2 || !SortKeys.Contains(parts[0])) return null;
        if (parts.Length == 2 && parts[1] is not ("desc" or "asc")) return null;
        return (parts[0], parts.Length == 2 && parts[1] == "desc");
    }

    /// <summary>
    /// With a keyword, name hits first (issue 9 §5), then the chosen sort (relevance: the newest first); without one,
    /// the chosen sort (default: the newest first). The id last, so pages never overlap.
    /// </summary>
    internal static IOrderedQueryable<CatalogueEntry> Ordered(PortalDbContext db, IQueryable<CatalogueEntry> q, CatalogueFilter f)
    {
        var keyword = SearchKeyword.Of(f.Keyword);
        var (key, descending) = SortOf(f.Sort) ?? (keyword is null ? ("updated", true) : ("relevance", false));
        if (key == "relevance") (key, descending) = ("updated", true);
        IOrderedQueryable<CatalogueEntry>? ordered = null;
        void By<TKey>(Expression<Func<CatalogueEntry, TKey>> by, bool desc) => ordered = ordered is null
            ? (desc ? q.OrderByDescending(by) : q.OrderBy(by))
            : (desc ? ordered.ThenByDescending(by) : ordered.ThenBy(by));

        if (keyword is not null) By(NameHit(keyword), desc: true);
        switch (key)
        {
            case "name":
                By(e => e.Name, descending);
                break;
            case "code":
                // Unpublished entries (no code yet) after the coded ones, whichever the direction.
                By(e => e.ResourceCode == null, desc: false);
                By(e => e.ResourceCode, descending);
                break;
            case "provider":
                By(e => e.ProviderDepartment!.Name, descending);
                break;
            case "class":
                By(e => db.ResourceClasses.Where(c => c.Id == e.ResourceClassId).Select(c => c.Code).FirstOrDefault(), descending);
                break;
            case "status":
                // The life order (草稿, 审核中, 已发布, 已撤销), not the stored names' alphabet.
                By(e => e.Status == EntryStatus.Draft ? 1 : e.Status == EntryStatus.InReview ? 2 : e.Status == EntryStatus.Published ? 3 : 4,
                    descending);
                break;
            default:
                By(e => e.UpdatedAt, descending);
                break;
        }
        By(e => e.Id, descending);
        return ordered!;
    }

    private static IQueryable<CatalogueRow> Rows(PortalDbContext db, IQueryable<CatalogueEntry> q) =>
        q.Select(e => new CatalogueRow(e.Id, e.ResourceCode, e.Name, e.Summary, e.ProviderDepartmentId, e.ProviderDepartment!.Name,
            e.ResourceClassId,
            db.ResourceClasses.Where(c => c.Id == e.ResourceClassId).Select(c => c.Code).FirstOrDefault(),
            db.ResourceClasses.Where(c => c.Id == e.ResourceClassId).Select(c => c.Name).FirstOrDefault(),
            e.CatalogueType, e.Format, e.ShareType, e.OpenType, e.UpdateCycle, e.SecurityLevel, e.Status, e.ItemCount, e.UpdatedAt));
}
