using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Catalogue;

/// <summary>
/// What the catalogue list, the API and the export filter by (issue 9 §5). Null means "any". Page is 1-based.
/// </summary>
public sealed record CatalogueFilter
{
    public string? Keyword { get; init; }
    public int? ProviderDepartmentId { get; init; }
    /// <summary>A classification node: entries on it or any node below it.</summary>
    public int? ResourceClassId { get; init; }
    public CatalogueType? CatalogueType { get; init; }
    public ShareType? ShareType { get; init; }
    public OpenType? OpenType { get; init; }
    public UpdateCycle? UpdateCycle { get; init; }
    public EntryStatus? Status { get; init; }
    public SecurityLevel? SecurityLevel { get; init; }
    /// <summary>"relevance" (default with a keyword: name hits first), "name", "code", "updated", "provider"; suffix " desc" reverses.</summary>
    public string? Sort { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
}

/// <summary>
/// Told inside the unit of work that publishes a version (before it commits), so other parts of the catalogue act on a
/// publication atomically with it — e.g. an update obligation is met by the publication of its entry's new version.
/// </summary>
public interface ICatalogueVersionPublished
{
    Task OnPublishedAsync(PortalDbContext db, CatalogueEntry entry, CatalogueVersion version, CancellationToken ct);
}
